"""The ``mapper geocode`` command: ranked gazetteer candidates as a table or JSON."""

from __future__ import annotations

import json

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
