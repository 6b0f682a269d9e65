"""Safe output files: atomic writes and no surprise overwrites.

Every file mapper writes goes to a temporary file in the same folder and is
renamed over the target only when complete, so an interrupted run (Ctrl-C,
SIGTERM, a full disk, a crash in a writer) leaves the previous file intact and
no temporary file behind. Each output folder keeps a small manifest
(``.mapper-manifest.json``) with the SHA-256 of every file mapper wrote there;
an existing file is replaced only when mapper wrote it (and it is unchanged
since) or when the caller passes ``force=True``.

Temporary files are named ``.<name>.mapper-<pid>-<random><suffix>``; ones left
by a process that no longer runs (killed with SIGKILL, power loss) are removed
the next time mapper writes into that folder. Errors from the operating system
(disk full, permission denied) become one-line :class:`~mapper.model.MapperError`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mapper.model import MapperError

MANIFEST = ".mapper-manifest.json"
_TMP_RE = re.compile(r"^\..+\.mapper-(\d+)-[^.]+")


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
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".manifest.mapper-{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, folder / MANIFEST)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (flock on the folder itself; no-op where unsupported)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _record(path: Path) -> None:
    folder = path.parent
    with _locked(folder):
        manifest = _read_manifest(folder)
        manifest[path.name] = _digest(path)
        _write_manifest(folder, manifest)


def is_mapper_file(path: Path | str) -> bool:
    """True when ``path`` exists and is unchanged since mapper wrote it."""
    path = Path(path)
    if not path.is_file():
        return False
    known = _read_manifest(path.parent).get(path.name)
    return known is not None and known == _digest(path)


def check_writable(path: Path | str, *, force: bool = False) -> None:
    """Raise :class:`MapperError` if writing ``path`` would overwrite a file mapper did not write.

    Cheap enough to call for every planned output before a long run, so the user
    learns about a conflict at once rather than at the end.
    """
    path = Path(path)
    if path.is_dir():
        raise MapperError(f"{path} is a folder; choose another output name")
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise MapperError(f"{ancestor} is a file, not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise MapperError(f"cannot write into {ancestor}: permission denied")
    if force or not path.exists():
        return
    if not is_mapper_file(path):
        raise MapperError(
            f"{path} exists and was not written by mapper (or was changed since); "
            "use --force to overwrite it"
        )


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temporaries(folder: Path | str) -> list[Path]:
    """Delete temporary files left in ``folder`` by mapper processes that no longer run."""
    folder = Path(folder)
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _TMP_RE.match(name)
        if m and not _pid_alive(int(m.group(1))):
            with contextlib.suppress(OSError):
                (folder / name).unlink()
                removed.append(folder / name)
    return removed


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _os_error(path: Path, exc: OSError) -> MapperError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        reason = "no space left on device"
    return MapperError(f"cannot write {path}: {reason}; the previous file (if any) is unchanged")


@contextlib.contextmanager
def atomic_path(path: Path | str, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it over ``path`` on success.

    The temporary path does not exist yet (writers such as GDAL want to create
    the file themselves) and has the same suffix as ``path``. On any exception
    (including ``KeyboardInterrupt``) the temporary file is removed and ``path``
    is left as it was; an ``OSError`` (disk full, no permission) is re-raised as
    :class:`MapperError`.

    Parameters
    ----------
    path : Path or str
        The file to write.
    force : bool
        Overwrite ``path`` even when mapper did not write it.
    """
    path = Path(path)
    check_writable(path, force=force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path.parent)
        fd, tmp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem}.mapper-{os.getpid()}-", suffix=path.suffix
        )
        os.close(fd)
        os.unlink(tmp_name)
    except OSError as exc:
        raise _os_error(path, exc) from None
    tmp = Path(tmp_name)
    try:
        yield tmp
        if not tmp.exists():
            raise RuntimeError(f"the writer produced no file for {path}")
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        _remove(tmp)
        raise _os_error(path, exc) from None
    except BaseException:
        _remove(tmp)
        raise
    try:
        _record(path)
    except OSError as exc:
        raise _os_error(path.parent / MANIFEST, exc) from None


def _remove(tmp: Path) -> None:
    """Remove a temporary file, and the sidecar files some writers create next to it."""
    with contextlib.suppress(OSError):
        tmp.unlink()
    for extra in ("-journal", "-wal", "-shm", ".aux.xml"):
        with contextlib.suppress(OSError):
            Path(str(tmp) + extra).unlink()


def atomic_write(path: Path | str, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (text is written as UTF-8).

    Returns
    -------
    Path
        ``path``.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path, force=force) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)
