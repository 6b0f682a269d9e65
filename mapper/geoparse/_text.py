"""Small text helpers of the geoparser: dashes, datelines, the nouns of forces after a demonym, and
lines written all in capitals (which the tagger reads as a run of names)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from mapper.geoparse._lexicon import Lexicon

DASHES = frozenset({"-", "--", "—", "–", "---"})


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


def force_noun_after(doc: Doc, end: int, lexicon: Lexicon) -> bool:
    """True when a noun of armed forces or government follows token ``end``, after at most two
    lowercase modifiers ("Somali forces", "the Somali national army")."""
    for j in range(end, min(end + 3, len(doc))):
        tok = doc[j]
        if not (tok.is_lower and tok.is_alpha):
            return False
        if tok.lower_ in lexicon.force_nouns:
            return True
    return False


_WORD = re.compile(r"[^\W\d_]+")
SHOUTING_SHARE = 0.8  # a line whose words are this much in capitals is written all in capitals
SHOUTING_MIN_WORDS = 3
# words a headline writes in lower case: spaCy's English stop words and prepositions it lacks
_FUNCTION_WORDS = STOP_WORDS | {"near", "amid", "following", "despite", "including", "outside", "inside"}


def calm_capitals(text: str, keep: frozenset[str]) -> str:
    """The text with each line written all in capitals in ordinary case, same length and offsets.

    "JANJAWEED KILL FIVE DURING ATTACK ON GOLO" reads as "Janjaweed Kill five during Attack on
    Golo": in capitals every word looks like a name (or none does) to the tagger. A function
    word after the first word of the line goes to lower case, as a headline writes it ("on",
    "near", "during"), other words keep a capital. A word of ``keep`` (initialisms: "RSF", "UN")
    stays as written; a letter whose other case has another length ("ß") is left alone, so every
    offset into the text stays valid.
    """
    if not any(c.isupper() for c in text):
        return text
    out = []
    for line in text.splitlines(keepends=True):
        words = _WORD.findall(line)
        upper = sum(w.isupper() and len(w) > 1 for w in words)
        if len(words) < SHOUTING_MIN_WORDS or upper < SHOUTING_SHARE * len(words):
            out.append(line)
            continue
        opening = line.find(words[0])
        out.append(_WORD.sub(lambda m: _calm(m.group(0), keep=keep, first=m.start() == opening), line))
    return "".join(out)


def _calm(word: str, *, keep: frozenset[str], first: bool) -> str:
    """A word in ordinary case, length kept: its first letter kept and the others in lower case,
    all in lower case for a function word that does not open the line, as written when in ``keep``."""
    if word in keep:
        return word
    lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in word)
    if not first and lower in _FUNCTION_WORDS:
        return lower
    return word[0] + lower[1:]
