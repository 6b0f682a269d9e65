"""Small text cues shared by the incident models' features and rules: word stems, headline case,
buckets, the named entity a token lies in, the first item of a list.

Features must read the same on a wire headline ("Gunmen Kill 12 in Village Raid", "SEVEN KILLED
IN BLAST") and on prose, so words are compared by a crude stem of their lemma (or, where capitals
hide the part of speech, of the word as written).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from mapper.incidents._memo import once_per_sentence
from mapper.incidents.lexicon import case_blind, irregular_base

__all__ = ["stem", "headline_case", "bucket", "told_to_death", "entity_of", "first_conjunct"]

_SUFFIXES = ("ing", "ed", "es", "s", "e")


def stem(tok: Token) -> str:
    """A crude stem: "kills", "killed", "killing" and the lemma "kill" all give ``kill``."""
    if case_blind(tok):
        word = irregular_base(tok.lower_)
    else:
        word = tok.lemma_.lower() or tok.lower_
    if not word.isalpha():
        return "#" if any(ch.isdigit() for ch in word) else word
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)]
    return word


def headline_case(sent: Span) -> bool:
    """True for a headline: no closing full stop, or most longer words in capitals."""
    return once_per_sentence(sent, "headline_case", None, lambda: _read_headline_case(sent))


def _read_headline_case(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if words and sum(t.is_upper for t in words) >= 0.7 * len(words):
        return True
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text not in {".", "!", "?", "\"", "”", "’", "'", ")"}


def bucket(n: float, edges: tuple[float, ...]) -> str:
    """The bucket label of ``n`` for ascending ``edges``: "<e0", "e0-e1", ..., ">=en"."""
    for k, e in enumerate(edges):
        if n < e:
            return f"<{e:g}" if k == 0 else f"{edges[k - 1]:g}-{e:g}"
    return f">={edges[-1]:g}"


def told_to_death(verb: Token) -> bool:
    """True for a verb told with "to death" or "dead" ("were shot to death", "shot dead a boy")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
        if c.lower_ == "dead" and c.dep_ in {"acomp", "oprd", "advmod", "amod", "dobj", "ccomp", "xcomp"}:
            return True
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.lower_ == "dead"


def entity_of(tok: Token) -> Span | None:
    """The named entity token ``tok`` lies in, from its entity tags (``None`` outside one)."""
    if tok.ent_iob_ not in {"B", "I"}:
        return None
    doc = tok.doc
    start = end = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[start : end + 1]


def first_conjunct(tok: Token) -> Token:
    """The first item of the list of conjuncts ``tok`` is in ("two soldiers and three civilians":
    ``soldiers``); ``tok`` itself when it is no conjunct."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok
