"""Damage objects: what an attack hit, burnt or destroyed.

An object is a noun whose lemma is in ``damage.json`` (``building``, ``home``,
``garage``, ``infrastructure``, ...) that stands in a damage context: a damage
word (``damage``, ``destroyed``, ``fire``, ``hit``, ...) governs it within a few
dependency steps, or it is coordinated with such an object ("a home and
garages"). The phrase keeps the modifiers from the parse ("nine-storey
residential building", "civilian energy infrastructure") and a following
"in the X district"; objects that burnt are marked ``(fire)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from mapper.incidents._cues import first_conjunct
from mapper.incidents.lexicon import Lexicon, word_in

__all__ = ["DamageItem", "find_damage"]


@dataclass(frozen=True, slots=True)
class DamageItem:
    """A damaged object: its phrase and the doc index of its head noun."""

    text: str
    i: int


_STATE_DEPS = frozenset({"oprd", "acomp", "xcomp", "advmod"})  # "was set ablaze", "left burning"
_LOCATION_PREPS = frozenset({"at", "in", "near"})
_NEAR_PREPS = frozenset({"near", "beside", "off", "outside", "opposite"})  # near a thing is not at it ("off the port of X")


def _is_damage_word(tok: Token, lex: Lexicon) -> bool:
    return word_in(tok, lex.damage_words)


def _context(tok: Token, lex: Lexicon, *, steps: int = 4) -> Token | None:
    x = tok
    for _ in range(steps):
        if x.head.i == x.i:
            return None
        x = x.head
        if _is_damage_word(x, lex):
            return x
        if x.pos_ in {"VERB", "AUX"}:
            for c in x.children:
                if c.i != tok.i and c.dep_ in {"nsubj", "dobj", "nsubjpass"} and _is_damage_word(c, lex):
                    return c
                if c.dep_ in _STATE_DEPS and _is_damage_word(c, lex):
                    return c  # "a depot was set ablaze"
            return None
    return None


def _only_location(tok: Token, ctx: Token, lex: Lexicon) -> bool:
    """True when the noun only says where the damage was: "hit tanks at the port" (the
    verb's object is the damaged thing, the port is its place)."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in _LOCATION_PREPS or prep.head.i != ctx.i:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lex.damage_objects for c in ctx.children)


def _landmark(tok: Token, lex: Lexicon) -> bool:
    """True when the noun only serves to locate: "exploded near a market", "70 miles west of the
    port of X", or it is part of a proper name ("the Line of Control")."""
    if tok.dep_ == "pobj" and tok.head.lower_ in _NEAR_PREPS:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lex.compass:
        return True
    return tok.pos_ == "PROPN" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children)
        for c in tok.children)


def _burnt(ctx: Token, lex: Lexicon) -> bool:
    """True when the damage word says the object burnt ("set fire to", "ablaze"), not that
    something was fired at it ("fired rockets at a base")."""
    if ctx.lemma_.lower() == "fire" and ctx.pos_ in {"VERB", "AUX"}:
        return False
    return word_in(ctx, lex.fire_words)


def _phrase(tok: Token, lex: Lexicon) -> str:
    doc = tok.doc
    lo = tok.i
    for c in tok.lefts:
        if c.dep_ in lex.damage_modifier_deps or c.dep_ == "punct" and c.text == "-":
            lo = min(lo, c.left_edge.i)
    words = [w for w in doc[lo: tok.i + 1] if w.i == tok.i or ((w.dep_ not in {"det", "poss"} or w.i != lo)
             and w.lemma_.lower() not in lex.damage_words)]  # the noun itself stays ("the refinery's territory")
    text = "".join(w.text_with_ws for w in words).strip()
    text = text.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    if text.count('"') % 2:  # a quote the phrase cut in two ('Hezbollah "terrorist infrastructure')
        text = " ".join(text.replace('"', " ").split())
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in {"in", "on", "at"}:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and lex.container_nouns.get(obj.lemma_.lower()) in {"district", "part"}:
                sub = "".join(w.text_with_ws for w in c.subtree).strip()
                text = f"{text} {sub}"
    return text


def find_damage(sent: Span, lex: Lexicon) -> list[DamageItem]:
    """Damaged objects named in a sentence, in text order.

    Parameters
    ----------
    sent : spacy.tokens.Span
    lex : Lexicon

    Returns
    -------
    list[DamageItem]
    """
    out: dict[int, DamageItem] = {}
    for tok in sent:
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in lex.damage_objects:
            continue
        if tok.dep_ in {"compound", "nmod"} and tok.head.pos_ == "NOUN":
            continue  # part of a larger object ("apartment building")
        ctx = _context(tok, lex)
        if ctx is None and tok.dep_ == "conj":
            ctx = _context(first_conjunct(tok), lex)
        if ctx is None or _only_location(tok, ctx, lex) or _landmark(tok, lex):
            continue
        text = _phrase(tok, lex)
        if _burnt(ctx, lex):
            text = f"{text} (fire)"
        out[tok.i] = DamageItem(text, tok.i)
    return [out[k] for k in sorted(out)]
