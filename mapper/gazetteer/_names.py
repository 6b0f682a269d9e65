"""Name keys of the gazetteer beyond :func:`mapper.names.fold`.

``skeleton`` is a coarser key of a folded name that merges common
transliteration variants of the same name (y/i/j, doubled letters and
doubled digraphs, kh/h, w/v, the French ou for u): "Kryvyi Rih" and "Kryvyy Rih", "Zaporizhia" and
"Zaporizhzhia" share a skeleton, and so do a final -a, -ah and -eh ("Hawija",
"Hawijah"). ``skeletons`` adds the skeleton of a name without its leading
Arabic article ("Al Hawijah" is also found as "Hawija"). ``is_junk_alias`` tells alternate names that
only produce false candidates (codes, initials, romanised non-Latin forms).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from functools import lru_cache

_NON_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff\u2010-\u201f\u02b9-\u02bf]")


def has_non_latin(name: str) -> bool:
    """True when a name has letters outside the Latin script (Cyrillic, Arabic, CJK, ...)."""
    return _NON_LATIN.search(name) is not None


_DIGRAPH_REPEAT = re.compile(r"(zh|kh|sh|ch|ts)\1+")  # Zaporizhzhia -> Zaporizhia
_DOUBLED = re.compile(r"([a-z])\1+")  # doubled letters, ii from yi / yy
_IE_END = re.compile(r"ie\b")
_A_END = re.compile(r"(?:[ae]h|a)$")  # Hawija / Hawijah / Hawijeh
# a leading Arabic article (al-, el, ash, ad ...; sun letters assimilate it)
_ARTICLE = re.compile(r"^(?:a|e)(?:l|d|dh|n|r|s|sh|t|th|z)[ -](?=\w{4})")
_SKELETON_CHARS = str.maketrans({"w": "v", "y": "i", "j": "i"})
_SKELETON_BYTES = bytes.maketrans(b"wyj", b"vii")
_DIGRAPH_SEAMS = ("hz", "hk", "hs", "hc", "st")  # where a repeated digraph joins itself
# the replacement of a match by its first group, called from C (an r"\1"
# template makes ``re`` call back into Python on every ``sub``)
_FIRST_GROUP = operator.itemgetter(1)


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
    if any(pair in s for pair in _DIGRAPH_SEAMS):
        s = _DIGRAPH_REPEAT.sub(_FIRST_GROUP, s)
    s = s.replace("shch", "sh").replace("kh", "h").replace("ou", "u")
    if s.isascii():  # bytes.translate is many times faster than str.translate
        s = s.encode().translate(_SKELETON_BYTES).decode()
    else:
        s = s.translate(_SKELETON_CHARS)
    s = _DOUBLED.sub(_FIRST_GROUP, s)
    s = _IE_END.sub("i", s).replace(" ", "")
    return _A_END.sub("a", s) if len(s) > 4 else s


def skeletons(key: str) -> tuple[str, ...]:
    """The skeleton of a folded name, then that of the name without a leading Arabic article.

    "al hawijah" -> ("alhavia", "havia"): reports often drop the article
    ("Hawija", "Shaddadi") that GeoNames writes ("Al Hawijah", "Ash Shaddadi").
    """
    bare = _ARTICLE.sub("", key, count=1)
    return (skeleton(key),) if bare == key else (skeleton(key), skeleton(bare))


_ALPHA = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")


def is_latin_key(key: str) -> bool:
    """True when a folded key is plain Latin letters, digits and spaces."""
    return key.isascii() and _ALPHA.search(key) is not None


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
    if not is_latin_key(key) or len(key) - key.count(" ") < 3 or _DIGIT.search(key):
        return True
    if alias.isupper() and len(key) <= 4:
        return True
    first = alias.lstrip(" '\"(-.`‘’")[:1]
    return not first.isupper()


def type_word_ends(type_words: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The first words and the last words of the type words ("oblast", "region of")."""
    words = list(type_words)
    return frozenset(w.partition(" ")[0] for w in words), frozenset(w.rpartition(" ")[2] for w in words)


def may_have_type_word(key: str, first_words: frozenset[str], last_words: frozenset[str]) -> bool:
    """True when a key starts or ends with a word some type word starts or ends with.

    Such a key may be "X region" or "region of X" (see :func:`type_word_ends`);
    any other key is a plain name.
    """
    return key.rpartition(" ")[2] in last_words or key.partition(" ")[0] in first_words
