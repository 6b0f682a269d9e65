"""geopy geocoders: an offline one over the gazetteer, and online ones on request.

``OfflineGeocoder`` is a :class:`geopy.geocoders.base.Geocoder` that answers
from the local :class:`~mapper.gazetteer.index.Gazetteer`, so any geopy user
can drop it in::

    from mapper.gazetteer import OfflineGeocoder
    OfflineGeocoder().geocode("Kharkiv")          # geopy Location

``make_geocoder("nominatim", user_agent="me")`` gives an online geopy backend
wrapped in geopy's ``RateLimiter`` and a local on-disk cache (SQLite in the
cache folder). Online geocoding is never used unless asked for.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from mapper.gazetteer.index import Gazetteer, default_cache_dir, get_gazetteer
from mapper.model import MapperError, Place


def place_address(place: Place) -> str:
    """A one-line address: ``name, admin1, CC`` (parts that differ, in order)."""
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if place.country_code and place.feature_code != "PCLI":
        parts.append(place.country_code)
    return ", ".join(parts)


def place_raw(place: Place, *, prior: float | None = None, match: str | None = None) -> dict[str, Any]:
    """The ``raw`` dict of a Location: every Place field (+ prior and match)."""
    raw: dict[str, Any] = {
        "geonameid": place.geonameid,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin1_code": place.admin1_code,
        "admin2": place.admin2,
        "population": place.population,
    }
    if prior is not None:
        raw["prior"] = round(prior, 4)
    if match is not None:
        raw["match"] = match
    return raw


def _location(place: Place, **extra: Any) -> Location:
    return Location(place_address(place), (place.lat, place.lon), place_raw(place, **extra))


class OfflineGeocoder(Geocoder):
    """A geopy geocoder over the offline gazetteer (no network, ever).

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The index to answer from (default :func:`get_gazetteer`).
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """The index (loaded on first use)."""
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer()
        return self._gazetteer

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """Ranked places for a name.

        Parameters
        ----------
        query : str
            Place name ("Kharkiv", "Dnipropetrovsk region").
        exactly_one : bool
            Return the best Location (or None) instead of a list.
        country_codes : str or list of str, optional
            ISO 3166-1 alpha-2 codes to keep.
        limit : int, optional
            At most this many Locations when ``exactly_one`` is False.

        Returns
        -------
        Location, list of Location, or None
        """
        if isinstance(country_codes, str):
            codes: list[str | None] = [country_codes]
        elif country_codes:
            codes = list(country_codes)
        else:
            codes = [None]
        n = 1 if exactly_one else (limit or 10)
        found = []
        for cc in codes:
            found += self.gazetteer.lookup(str(query), country=cc, limit=n)
        found.sort(key=lambda c: (-c.prior, c.place.geonameid))
        locations = [_location(c.place, prior=c.prior, match=c.match) for c in found[:n]]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def reverse(self, query: Any, *, exactly_one: bool = True) -> Location | list[Location] | None:
        """The populated place nearest to a point, with its admin-1 area.

        Parameters
        ----------
        query : geopy Point, (lat, lon) tuple or "lat, lon" string
        exactly_one : bool
            Return one Location instead of a one-element list.
        """
        point = Point(query)
        place = self.gazetteer.nearest(point.latitude, point.longitude, feature_class="P")
        if place is None:
            return None
        loc = _location(place)
        area = self.gazetteer.admin1_at(point.latitude, point.longitude)
        if area is not None:
            loc.raw["admin1_at_point"] = area.name
            loc.raw["admin1_code_at_point"] = area.admin1_code
        return loc if exactly_one else [loc]


class _DiskCache:
    """A tiny SQLite key -> JSON cache for online geocoder answers."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT)")
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            row = self._db.execute("SELECT value FROM answers WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO answers (key, value) VALUES (?, ?)", (key, json.dumps(value))
            )
            self._db.commit()


def _to_json(answer: Any) -> Any:
    if answer is None:
        return None
    if isinstance(answer, list):
        return [_to_json(a) for a in answer]
    return {"address": answer.address, "point": [answer.latitude, answer.longitude], "raw": answer.raw}


def _from_json(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    return Location(value["address"], tuple(value["point"]), value["raw"])


class CachedGeocoder:
    """An online geopy geocoder behind geopy's RateLimiter and a disk cache.

    Made by :func:`make_geocoder`; offers ``geocode`` and ``reverse`` with the
    backend's own keyword arguments.
    """

    def __init__(self, backend: Geocoder, *, cache_path: Path, min_delay_seconds: float = 1.0) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.backend = backend
        self._cache = _DiskCache(cache_path)
        self._geocode: Callable[..., Any] = RateLimiter(backend.geocode, min_delay_seconds=min_delay_seconds)
        self._reverse: Callable[..., Any] = RateLimiter(backend.reverse, min_delay_seconds=min_delay_seconds)

    def _cached(self, op: str, fn: Callable[..., Any], query: Any, kwargs: dict[str, Any]) -> Any:
        key = json.dumps([type(self.backend).__name__, op, str(query), kwargs], sort_keys=True, default=str)
        hit = self._cache.get(key)
        if hit is not None:
            return _from_json(hit)
        answer = fn(query, **kwargs)
        if answer is not None:
            self._cache.put(key, _to_json(answer))
        return answer

    def geocode(self, query: str, **kwargs: Any) -> Any:
        """Geocode online (once per distinct query; later answers come from the cache)."""
        return self._cached("geocode", self._geocode, query, kwargs)

    def reverse(self, query: Any, **kwargs: Any) -> Any:
        """Reverse-geocode online (cached like :meth:`geocode`)."""
        return self._cached("reverse", self._reverse, query, kwargs)


def make_geocoder(
    name: str = "offline",
    *,
    cache_dir: Path | None = None,
    min_delay_seconds: float = 1.0,
    **kwargs: Any,
) -> OfflineGeocoder | CachedGeocoder:
    """Choose a geocoder: the offline one (default) or an online geopy backend.

    Parameters
    ----------
    name : str
        ``"offline"``, or a geopy service name (``"nominatim"``, ``"photon"``, ...).
    cache_dir : Path, optional
        Folder of the online answers cache (default: the mapper cache folder).
    min_delay_seconds : float
        Rate limit of online requests.
    **kwargs
        Passed to the backend (e.g. ``user_agent=`` for Nominatim).

    Returns
    -------
    OfflineGeocoder or CachedGeocoder
    """
    if name.lower() == "offline":
        return OfflineGeocoder(**kwargs)
    from geopy.exc import GeocoderNotFound
    from geopy.geocoders import get_geocoder_for_service

    try:
        cls = get_geocoder_for_service(name.lower())
    except GeocoderNotFound as exc:
        raise MapperError(f"unknown geocoder {name!r}") from exc
    try:
        backend = cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise MapperError(f"cannot set up geocoder {name!r}: {exc}") from exc
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return CachedGeocoder(
        backend, cache_path=folder / f"geocoder-{name.lower()}.sqlite", min_delay_seconds=min_delay_seconds
    )
