"""Small text helpers of the geoparser: dashes, datelines and the nouns of forces after a demonym."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
