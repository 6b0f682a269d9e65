"""Import GeoNames dumps into the offline gazetteer, list and remove them.

``import_files(["SD.zip"])`` reads a GeoNames file the user downloaded
(:mod:`mapper.gazetteer.geonames`), keeps it in the cache folder's import
store and merges every import with the built-in sources into the index that
:meth:`Gazetteer.load` then reads (``_overlay``). An import is known by its
file name: importing ``SD.zip`` again replaces the earlier ``SD.zip``, and a
place in several files is one place. Every file is read in full before
anything is written, so a bad file changes nothing; if merging fails, the
previous imports are put back.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mapper.gazetteer._store import ImportStore
from mapper.gazetteer.geonames import DEFAULT_CLASSES, Dump, parse_classes, read_dump
from mapper.gazetteer.index import Gazetteer, default_cache_dir, forget_gazetteer
from mapper.model import MapperError

__all__ = ["ImportResult", "import_files", "list_imports", "remove_imports"]


@dataclass(slots=True)
class ImportResult:
    """What an import did.

    Attributes
    ----------
    imported : list of dict
        The manifest entries of the files read now (``name``, ``kind``,
        ``rows_read``, ``rows``, ``per_country``, ...).
    unchanged : list of str
        Files already imported with the same content and filters (skipped).
    places_before, places_after : int
        Places in the index before and after.
    seconds : float
        Wall time of reading, storing and merging.
    gazetteer : Gazetteer
        The index with the imports.
    """

    imported: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    places_before: int = 0
    places_after: int = 0
    seconds: float = 0.0
    gazetteer: Gazetteer | None = None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError as exc:
        raise MapperError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return h.hexdigest()


def _entry(path: Path, sha: str, dump: Dump, *, classes: str, countries: list[str]) -> dict[str, Any]:
    per_country = Counter(dump.columns.get("cc", [])) if dump.kind == "places" else Counter()
    return {
        "name": path.name,
        "path": str(path.resolve()),
        "sha256": sha,
        "size": path.stat().st_size,
        "kind": dump.kind,
        "classes": classes if dump.kind == "places" else "",
        "countries": countries,
        "rows_read": dump.rows_read,
        "rows": len(dump),
        "per_country": dict(sorted(per_country.items())),
        "file": f"{path.stem}-{sha[:12]}-{classes}{'-' + '_'.join(countries) if countries else ''}.pkl",
        "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def import_files(
    paths: Sequence[str | Path],
    *,
    classes: str | Iterable[str] | None = DEFAULT_CLASSES,
    countries: Iterable[str] | None = None,
    cache_dir: Path | None = None,
    progress: bool = True,
) -> ImportResult:
    """Import GeoNames files into the gazetteer of a cache folder.

    Parameters
    ----------
    paths : sequence of str or Path
        ``allCountries.zip``, ``XX.zip``, ``cities500/1000/5000/15000.zip``,
        ``admin2Codes.txt``, ``alternateNamesV2.zip`` (zipped or not).
    classes : str or iterable, optional
        Feature classes to keep from place files (letters or words, see
        :func:`mapper.gazetteer.geonames.parse_classes`; default populated
        places and admin areas).
    countries : iterable of str, optional
        Keep only these ISO countries (useful with ``allCountries.zip``).
    cache_dir : Path, optional
        The gazetteer's cache folder (default :func:`default_cache_dir`).
    progress : bool
        Progress bars on stderr.

    Returns
    -------
    ImportResult

    Raises
    ------
    MapperError
        A file is missing, not a GeoNames file or malformed; nothing is then
        changed.
    """
    t0 = time.perf_counter()
    if not paths:
        raise MapperError("give at least one GeoNames file to import")
    letters = parse_classes(classes)
    wanted = sorted({c.strip().upper() for c in countries or () if c.strip()})
    for cc in wanted:
        if len(cc) != 2 or not cc.isalpha():
            raise MapperError(f"country {cc!r}: give two-letter ISO codes such as SD")
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    store = ImportStore(folder)
    old_entries = store.entries()
    before = Gazetteer.load(cache_dir=folder, progress=progress)
    result = ImportResult(places_before=len(before))
    known_ids: set[int] | None = None

    def keep_ids(gid: int) -> bool:  # alternate names: only of places the index (or this import) has
        nonlocal known_ids
        if known_ids is None:
            known_ids = set(before.geonameids().tolist())
            for d in read:
                if d.kind == "places":
                    known_ids.update(d.columns["geonameid"].tolist())
        return gid in known_ids

    read: list[Dump] = []
    entries = list(old_entries)
    new_dumps: dict[str, Dump] = {}
    # place files first, so that alternate names find the places imported with them
    ordered = sorted((Path(p) for p in paths), key=lambda p: "alternatenames" in p.name.lower())
    for path in ordered:
        sha = _sha256(path) if path.is_file() else ""
        same = next((e for e in entries if e["name"] == path.name), None)
        if same is not None and same["sha256"] == sha and same["classes"] in ("", letters) and same["countries"] == wanted:
            result.unchanged.append(path.name)
            continue
        dump = read_dump(path, classes=letters, countries=wanted or None, keep_ids=keep_ids, progress=progress)
        read.append(dump)
        entry = _entry(path, sha, dump, classes=letters, countries=wanted)
        new_dumps[entry["file"]] = dump
        entries = [entry if e["name"] == path.name else e for e in entries]
        if same is None:
            entries.append(entry)
        result.imported.append(entry)
    if new_dumps:
        store.write(entries, new_dumps)
        try:
            result.gazetteer = Gazetteer.load(cache_dir=folder, progress=progress)
        except BaseException:
            store.write(old_entries, {})
            store.prune()
            raise
        store.prune()
        _forget_if_default(folder)
    else:
        result.gazetteer = before
    result.places_after = len(result.gazetteer)
    result.seconds = time.perf_counter() - t0
    return result


def list_imports(*, cache_dir: Path | None = None) -> list[dict[str, Any]]:
    """The imports of a cache folder, in order (manifest entries; see :func:`import_files`)."""
    return ImportStore(Path(cache_dir) if cache_dir is not None else default_cache_dir()).entries()


def remove_imports(names: Iterable[str], *, cache_dir: Path | None = None, progress: bool = True) -> list[str]:
    """Remove imports by file name ("UA.zip"; ``"all"`` for every one) and update the index.

    Returns
    -------
    list of str
        The names removed.

    Raises
    ------
    MapperError
        A name that is no import.
    """
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    store = ImportStore(folder)
    entries = store.entries()
    wanted = set(names)
    if not wanted:
        raise MapperError("name the import to remove (see 'mapper gazetteer info'), or 'all'")
    if "all" in wanted:
        wanted = {e["name"] for e in entries}
    unknown = sorted(wanted - {e["name"] for e in entries})
    if unknown:
        known = ", ".join(e["name"] for e in entries) or "none"
        raise MapperError(f"no import named {unknown[0]!r} (imports: {known})")
    store.write([e for e in entries if e["name"] not in wanted], {})
    store.prune()
    Gazetteer.load(cache_dir=folder, progress=progress)
    _forget_if_default(folder)
    return sorted(wanted)


def _forget_if_default(folder: Path) -> None:
    """The process-wide gazetteer reads the default folder: make it load the new index."""
    if folder.resolve() == default_cache_dir().resolve():
        forget_gazetteer()
