"""Read GeoNames dump files that a user downloaded, streaming, into compact columns.

GeoNames publishes its whole gazetteer as tab-separated text
(https://download.geonames.org/export/dump/, CC BY 4.0): ``allCountries.zip``
and one ``XX.zip`` per country (every feature: villages, districts, rivers,
border crossings...), ``cities500/1000/5000/15000.zip`` (populated places),
``admin2Codes.txt`` (names of the second-level areas) and
``alternateNamesV2.zip`` (every alternate name). The gazetteer's default
sources keep only places of 500+ inhabitants, so most villages that conflict
reporting names are missing; importing a country's dump adds them.

This module only reads: :func:`read_dump` tells the kind of a file from its
columns, streams it line by line (a zip member is never unpacked to disk) with
a progress bar, keeps the rows the filters ask for and returns them as
columns (:class:`Dump`). A file that is not such a dump, or a malformed line,
raises :class:`mapper.model.MapperError` with one line naming the file (and
line); nothing is half-read. :mod:`mapper.gazetteer.imports` stores what it
returns and merges it into the index.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from mapper.gazetteer._names import has_non_latin
from mapper.model import MapperError

# GeoNames feature classes (https://www.geonames.org/export/codes.html) and the
# names the ``--classes`` option accepts for them
FEATURE_CLASSES: dict[str, str] = {
    "P": "populated places (cities, towns, villages, camps of refugees: PPL*)",
    "A": "administrative areas (countries, states, districts: ADM*, PCL*)",
    "S": "spots and buildings (border crossings, airports, bridges, dams, camps, bases)",
    "H": "water (rivers, lakes, wells, wadis)",
    "T": "terrain (mountains, hills, valleys, islands)",
    "L": "areas of land use (parks, oil fields, reserves, regions)",
    "R": "roads and railways",
    "V": "vegetation (forests)",
    "U": "undersea features",
}
CLASS_WORDS: dict[str, str] = {
    "places": "P",
    "populated": "P",
    "areas": "A",
    "admin": "A",
    "spots": "S",
    "water": "H",
    "terrain": "T",
    "land": "L",
    "roads": "R",
    "vegetation": "V",
    "undersea": "U",
    "all": "PASHTLRVU",
}
DEFAULT_CLASSES = "PA"  # what an analyst of a country's villages and districts needs

_GEONAME_COLUMNS = 19  # the "geoname" table of allCountries / XX / citiesN
_ADMIN2_COLUMNS = 4  # admin2Codes.txt: code, name, ascii name, geonameid
_ALTNAMES_V2_COLUMNS = 10  # alternateNamesV2.txt
_ALTNAMES_V1_COLUMNS = 8  # alternateNames.txt (older layout)
# "languages" of alternateNames that are codes or links, not names
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "fr_1793", "phon"})
_SKIPPED_MEMBERS = ("readme", "iso-languagecodes", "featurecodes", "timezones", "countryinfo")
_PROGRESS_EVERY = 4096  # lines between progress-bar updates


@dataclass(slots=True)
class Dump:
    """What one GeoNames file gave, column-wise.

    ``kind`` is ``"places"`` (the geoname table), ``"admin2"`` (admin2Codes)
    or ``"altnames"`` (alternate names). Only the columns of its kind are
    filled.

    Attributes
    ----------
    columns : dict
        places: ``geonameid``, ``lat``, ``lon``, ``population`` (numpy) and
        ``name``, ``asciiname``, ``alternatenames`` (Latin-script alternate
        names joined by ``,``), ``fclass``, ``fcode``, ``cc``, ``admin1``
        ("UA.05"), ``admin2`` ("UA.05.1408") as lists of str.
        admin2: ``code``, ``name``, ``asciiname`` (lists), ``geonameid``.
        altnames: ``geonameid`` and ``name``.
    rows_read : int
        Data lines in the file.
    """

    kind: str
    columns: dict[str, Any] = field(default_factory=dict)
    rows_read: int = 0

    def __len__(self) -> int:
        gid = self.columns.get("geonameid")
        return 0 if gid is None else len(gid)


def parse_classes(value: str | Iterable[str] | None) -> str:
    """Feature classes from letters or words: ``"P,A,S"``, ``"PAS"``, ``"places,spots"``, ``"all"``.

    Returns
    -------
    str
        The class letters, sorted, without repeats.

    Raises
    ------
    MapperError
        For an unknown class.
    """
    if value is None:
        value = DEFAULT_CLASSES
    items = value.replace(" ", ",").split(",") if isinstance(value, str) else list(value)
    out: set[str] = set()
    for item in (i.strip() for i in items):
        if not item:
            continue
        if item.lower() in CLASS_WORDS:
            out.update(CLASS_WORDS[item.lower()])
        elif item.isupper() and all(ch in FEATURE_CLASSES for ch in item):  # "P" or "PAS"
            out.update(item)
        else:
            known = ", ".join([*FEATURE_CLASSES, *CLASS_WORDS])
            raise MapperError(f"unknown feature class {item!r} (choose from {known})")
    if not out:
        raise MapperError("no feature class given")
    return "".join(sorted(out))


@contextmanager
def _open_lines(path: Path) -> Iterator[tuple[str, int, Iterator[bytes]]]:
    """The data member of a zip (or the plain file): its name, size in bytes and binary lines."""
    if not path.exists():
        raise MapperError(f"{path}: no such file")
    if path.is_dir():
        raise MapperError(f"{path} is a folder, not a GeoNames file")
    if zipfile.is_zipfile(path):
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise MapperError(f"{path}: cannot read the zip file ({exc})") from None
        with zf:
            members = [
                m for m in zf.infolist()
                if not m.is_dir() and m.filename.lower().endswith(".txt")
                and not Path(m.filename).name.lower().startswith(_SKIPPED_MEMBERS)
            ]
            if len(members) != 1:
                found = ", ".join(m.filename for m in zf.infolist()) or "nothing"
                raise MapperError(f"{path}: expected one GeoNames .txt file in the zip, found {found}")
            member = members[0]
            try:
                with zf.open(member) as fh:
                    yield member.filename, member.file_size, iter(fh)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise MapperError(f"{path}: the zip file is damaged ({exc})") from None
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise MapperError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with fh:
        yield path.name, path.stat().st_size, iter(fh)


def _kind_of(n_columns: int, name: str) -> str:
    if n_columns == _GEONAME_COLUMNS:
        return "places"
    if n_columns == _ADMIN2_COLUMNS:
        return "admin2"
    if n_columns in (_ALTNAMES_V2_COLUMNS, _ALTNAMES_V1_COLUMNS):
        return "altnames"
    raise MapperError(
        f"{name} is not a GeoNames dump: its first line has {n_columns} tab-separated columns "
        f"(expected {_GEONAME_COLUMNS} as in allCountries/XX/cities1000, {_ADMIN2_COLUMNS} as in "
        f"admin2Codes.txt or {_ALTNAMES_V2_COLUMNS} as in alternateNamesV2.txt)"
    )


def read_dump(
    path: str | Path,
    *,
    classes: str = DEFAULT_CLASSES,
    countries: Iterable[str] | None = None,
    keep_ids: Callable[[int], bool] | None = None,
    progress: bool = True,
) -> Dump:
    """Read one GeoNames file (``.zip`` or ``.txt``), keeping what the filters ask for.

    Parameters
    ----------
    path : str or Path
        ``allCountries.zip``, ``XX.zip``, ``citiesN.zip``, ``admin2Codes.txt``,
        ``alternateNamesV2.zip`` (or their unpacked ``.txt``).
    classes : str
        Feature-class letters to keep from the geoname table (see
        :func:`parse_classes`).
    countries : iterable of str, optional
        ISO codes to keep (places and admin-2 names); all when omitted.
    keep_ids : callable, optional
        Alternate names: keep those of geonameids for which this is true
        (the places of the index), since the full file holds millions.
    progress : bool
        Show a progress bar (bytes read) on stderr.

    Returns
    -------
    Dump

    Raises
    ------
    MapperError
        The file is missing, not a GeoNames dump, or has a malformed line.
    """
    from tqdm import tqdm

    path = Path(path)
    wanted_cc = {c.strip().upper() for c in countries} if countries else None
    with _open_lines(path) as (member, size, lines):
        reader: _Reader | None = None
        bar = tqdm(
            total=size, desc=f"reading {path.name}", unit="B", unit_scale=True, disable=not progress, leave=False
        )
        pending_bytes = 0
        try:
            for number, raw in enumerate(lines, 1):
                pending_bytes += len(raw)
                if number % _PROGRESS_EVERY == 0:
                    bar.update(pending_bytes)
                    pending_bytes = 0
                try:
                    line = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError:
                    raise MapperError(f"{member} line {number}: not UTF-8 text") from None
                if not line or (line.startswith("#") and reader is None):
                    continue
                cells = line.split("\t")
                if reader is None:
                    reader = _Reader(_kind_of(len(cells), member), classes=classes, countries=wanted_cc, keep_ids=keep_ids)
                reader.add(cells, member, number)
        finally:
            bar.update(pending_bytes)
            bar.close()
    if reader is None or reader.rows_read == 0:
        raise MapperError(f"{path}: no GeoNames rows in it")
    return reader.finish()


class _Reader:
    """Collects the rows of one file, column by column."""

    def __init__(
        self,
        kind: str,
        *,
        classes: str,
        countries: set[str] | None,
        keep_ids: Callable[[int], bool] | None,
    ) -> None:
        self.kind = kind
        self.classes = frozenset(classes)
        self.countries = countries
        self.keep_ids = keep_ids
        self.rows_read = 0
        self.cols: dict[str, list[Any]] = {}
        self.n_columns = {"places": _GEONAME_COLUMNS, "admin2": _ADMIN2_COLUMNS}.get(kind, 0)

    def _col(self, name: str) -> list[Any]:
        return self.cols.setdefault(name, [])

    def add(self, cells: list[str], member: str, number: int) -> None:
        self.rows_read += 1
        if self.kind == "altnames":
            if len(cells) not in (_ALTNAMES_V2_COLUMNS, _ALTNAMES_V1_COLUMNS):
                raise MapperError(f"{member} line {number}: expected {_ALTNAMES_V2_COLUMNS} tab-separated columns, found {len(cells)}")
            self._altname(cells, member, number)
            return
        if len(cells) != self.n_columns:
            raise MapperError(f"{member} line {number}: expected {self.n_columns} tab-separated columns, found {len(cells)}")
        if self.kind == "places":
            self._place(cells, member, number)
        else:
            self._admin2(cells, member, number)

    def _place(self, c: list[str], member: str, number: int) -> None:
        fclass, cc = c[6], c[8]
        if fclass not in self.classes or (self.countries is not None and cc not in self.countries):
            return
        try:
            gid, lat, lon = int(c[0]), float(c[4]), float(c[5])
            pop = int(c[14]) if c[14] else 0
        except ValueError:
            raise MapperError(f"{member} line {number}: geonameid, latitude, longitude or population is not a number") from None
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise MapperError(f"{member} line {number}: coordinates {lat}, {lon} out of range")
        a1 = f"{cc}.{c[10]}" if cc and c[10] and c[10] != "00" else ""
        latin = [a for a in c[3].split(",") if a and not has_non_latin(a)] if c[3] else []
        for key, value in (
            ("geonameid", gid),
            ("name", c[1]),
            ("asciiname", c[2]),
            ("alternatenames", ",".join(latin)),
            ("lat", lat),
            ("lon", lon),
            ("fclass", fclass),
            ("fcode", c[7]),
            ("cc", cc),
            ("admin1", a1),
            ("admin2", f"{a1}.{c[11]}" if a1 and c[11] else ""),
            ("population", max(pop, 0)),
        ):
            self._col(key).append(value)

    def _admin2(self, c: list[str], member: str, number: int) -> None:
        code = c[0]
        if code.count(".") != 2:
            raise MapperError(f"{member} line {number}: {code!r} is no admin-2 code (CC.ADMIN1.ADMIN2)")
        if self.countries is not None and code.split(".", 1)[0] not in self.countries:
            return
        try:
            gid = int(c[3])
        except ValueError:
            raise MapperError(f"{member} line {number}: geonameid {c[3]!r} is not a number") from None
        for key, value in (("code", code), ("name", c[1]), ("asciiname", c[2]), ("geonameid", gid)):
            self._col(key).append(value)

    def _altname(self, c: list[str], member: str, number: int) -> None:
        lang, name = c[2], c[3]
        if lang in _NOT_NAMES or not name or has_non_latin(name):
            return
        if len(c) >= _ALTNAMES_V2_COLUMNS and c[6] == "1":  # colloquial ("the Big Apple")
            return
        try:
            gid = int(c[1])
        except ValueError:
            raise MapperError(f"{member} line {number}: geonameid {c[1]!r} is not a number") from None
        if self.keep_ids is not None and not self.keep_ids(gid):
            return
        self._col("geonameid").append(gid)
        self._col("name").append(name)

    def finish(self) -> Dump:
        cols: dict[str, Any] = dict(self.cols)
        if "geonameid" in cols:
            cols["geonameid"] = np.asarray(cols["geonameid"], dtype=np.int64)
        else:
            cols["geonameid"] = np.zeros(0, dtype=np.int64)
        for key, dtype in (("lat", np.float64), ("lon", np.float64), ("population", np.int64)):
            if key in cols:
                cols[key] = np.asarray(cols[key], dtype=dtype)
        return Dump(self.kind, cols, self.rows_read)


def describe_classes() -> str:
    """One line per feature class, for help texts."""
    return "\n".join(f"  {k}  {v}" for k, v in FEATURE_CLASSES.items())

