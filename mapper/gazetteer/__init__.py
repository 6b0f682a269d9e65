"""The offline gazetteer: place index, boundaries and a geopy geocoder over it.

``Gazetteer.load()`` / ``get_gazetteer()`` give the index (built on first use
into the cache folder); ``OfflineGeocoder`` is a geopy geocoder over it and
``make_geocoder`` picks it or an online geopy backend.
"""

from __future__ import annotations

from typing import Any

from mapper.gazetteer.index import Candidate, Gazetteer, default_cache_dir, get_gazetteer

__all__ = [
    "Candidate",
    "Gazetteer",
    "OfflineGeocoder",
    "default_cache_dir",
    "get_gazetteer",
    "make_geocoder",
]


def __getattr__(name: str) -> Any:
    if name in {"OfflineGeocoder", "make_geocoder"}:
        from mapper.gazetteer import geocoder

        return getattr(geocoder, name)
    raise AttributeError(f"module 'mapper.gazetteer' has no attribute {name!r}")
