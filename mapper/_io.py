"""Safe output files: atomic writes and no surprise overwrites.

Every file mapper writes goes to a temporary file in the same folder and is
renamed over the target only when complete, so an interrupted run leaves the
previous file intact. Each output folder keeps a small manifest
(``.mapper-manifest.json``) with the SHA-256 of every file mapper wrote there;
an existing file is replaced only when mapper wrote it (and it is unchanged
since) or when the caller passes ``force=True``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mapper.model import MapperError

MANIFEST = ".mapper-manifest.json"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_manifest(folder: Path, manifest: dict[str, str]) -> None:
    text = json.dumps(dict(sorted(manifest.items())), indent=1)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".mapper-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, folder / MANIFEST)


def check_writable(path: Path, *, force: bool = False) -> None:
    """Raise :class:`MapperError` if writing ``path`` would overwrite a file mapper did not write."""
    path = Path(path)
    if force or not path.exists():
        return
    if path.is_dir():
        raise MapperError(f"{path} is a folder; choose another output name")
    known = _read_manifest(path.parent).get(path.name)
    if known is None or known != _digest(path):
        raise MapperError(
            f"{path} exists and was not written by mapper (or was changed since); "
            "use --force to overwrite it"
        )


@contextlib.contextmanager
def atomic_path(path: Path | str, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it over ``path`` on success.

    On any exception (including ``KeyboardInterrupt``) the temporary file is
    removed and ``path`` is left as it was.
    """
    path = Path(path)
    check_writable(path, force=force)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    manifest = _read_manifest(path.parent)
    manifest[path.name] = _digest(path)
    _write_manifest(path.parent, manifest)


def atomic_write(path: Path | str, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (text is written as UTF-8)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path, force=force) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)
