"""Small text helpers of the geoparser: name folding and distances."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

_PUNCT = str.maketrans({"’": "", "‘": "", "'": "", "`": "", "-": " ", "‐": " ", "–": " ", ".": " ", ",": " "})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=131_072)
def fold(name: str) -> str:
    """Case-, accent- and punctuation-folded key of a name ("Kryvyi  Rih" -> "kryvyi rih").

    Parameters
    ----------
    name : str
        A name as written.

    Returns
    -------
    str
        The folded key.
    """
    s = unicodedata.normalize("NFKD", name.translate(_PUNCT))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return _SPACES.sub(" ", s.lower()).strip()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
