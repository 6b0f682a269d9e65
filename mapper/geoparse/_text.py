"""Small text helpers of the geoparser: name folding, datelines and distances."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PUNCT = str.maketrans({"’": "", "‘": "", "'": "", "`": "", "-": " ", "‐": " ", "–": " ", ".": " ", ",": " "})
_SPACES = re.compile(r"\s+")
# letters Unicode does not decompose into a base letter plus accent ("Laçın", "Xankəndi", "Łódź")
_LETTERS = str.maketrans(
    {"ı": "i", "ə": "a", "Ə": "A", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
     "ħ": "h", "Ħ": "H", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th"}
)
DASHES = frozenset({"-", "--", "—", "–", "---"})


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
    s = unicodedata.normalize("NFKD", name.translate(_PUNCT).translate(_LETTERS))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return _SPACES.sub(" ", s.lower()).strip()


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """True when tokens ``start:end`` are a dateline: an all-capitals name opening a line, then
    "," "(" or ":" ("BEIRUT, March 3 -"), or anywhere followed by a spaced dash ("... the
    headline. MANSFIELD -- The council ...", "BANGKOK — A strike ...")."""
    if not all(t.is_upper or not t.is_alpha for t in doc[start:end]):
        return False
    if sum(len(t) for t in doc[start:end] if t.is_alpha) < 3 or end >= len(doc):
        return False
    if start > 0 and doc[start - 1].is_upper and doc[start - 1].is_alpha:
        return False  # "FALLS VILLAGE —": only the tail of the capitalised name
    if doc[end].text in DASHES and doc[end - 1].whitespace_:
        return True  # "ROSWELL - A man ...", not "NATO-Russia"
    at_line_start = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start].is_sent_start
    return at_line_start and doc[end].text in {",", "(", ":"}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
