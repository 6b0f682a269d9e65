"""Name folding for the gazetteer: one canonical key per spelling.

``fold`` turns a place name into the key the index is built on: lower case,
accents stripped, apostrophes dropped, hyphens/dashes/dots turned into spaces,
whitespace collapsed ("Kharkivs'ka Oblast'" -> "kharkivska oblast",
"Zaporizhzhia" stays as is). ``skeleton`` is a coarser key that merges common
transliteration variants of the same name (y/i/j, doubled letters and
doubled digraphs, kh/h, w/v): "Kryvyi Rih" and "Kryvyy Rih", "Zaporizhia" and
"Zaporizhzhia" share a skeleton. ``is_junk_alias`` tells alternate names that
only produce false candidates (codes, initials, romanised non-Latin forms).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
        "\u02bc": "",
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


@lru_cache(maxsize=262_144)
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
    s = name.translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return _SPACES.sub(" ", s.lower()).strip()


_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(zh|kh|sh|ch|ts)\1+"), r"\1"),  # Zaporizhzhia -> Zaporizhia
    (re.compile(r"shch"), "sh"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"w"), "v"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"([a-z])\1+"), r"\1"),  # doubled letters, ii from yi/yy
    (re.compile(r"ie\b"), "i"),
    (re.compile(r" "), ""),
)


@lru_cache(maxsize=131_072)
def skeleton(key: str) -> str:
    """Return the coarse transliteration key of a folded name.

    Parameters
    ----------
    key : str
        A key made by :func:`fold`.

    Returns
    -------
    str
        A key where common transliteration variants coincide
        ("kryvyi rih" and "kryvyy rih" -> "krivirih").
    """
    s = key
    for pattern, repl in _SKELETON_RULES:
        s = pattern.sub(repl, s)
    return s


def is_latin_key(key: str) -> bool:
    """True when a folded key is plain Latin letters, digits and spaces."""
    return key.isascii() and any(ch.isalpha() for ch in key)


def is_junk_alias(alias: str, key: str) -> bool:
    """Tell alternate names that only make false candidates.

    Parameters
    ----------
    alias : str
        The alternate name as written.
    key : str
        Its folded key.

    Returns
    -------
    bool
        True for names that are not Latin script, shorter than 3 letters,
        all-capital codes of up to 4 letters ("IEV", "GVA"), names with
        digits, or lower-case romanisations of non-Latin names
        ("ha er ke fu") which real alternate names never are.
    """
    if not is_latin_key(key) or len(key.replace(" ", "")) < 3:
        return True
    if any(ch.isdigit() for ch in key):
        return True
    letters = [ch for ch in alias if ch.isalpha()]
    if not letters:
        return True
    if alias.isupper() and len(letters) <= 4:
        return True
    return not letters[0].isupper()
