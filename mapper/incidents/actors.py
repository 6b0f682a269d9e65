"""Who acted and who was targeted: the two sides of an event, as the text names them.

ACLED records an acting side (``actor1``) and a target side (``actor2``). They are read from the
grammar of the event word: the subject of an active verb ("Russian forces shelled ...", "gunmen
kidnapped ..."), the agent of a passive one ("... were killed by RSF drones"), the owner of an event
noun ("an RSF drone strike", "Israel's strikes") or its "by" phrase is the acting side; the object of
the verb or of "on"/"against" ("attacked government soldiers", "a raid on a police post") when it
names people or a party, else the people a casualty figure counts ("killing two civilians"), is the
target side. A side is written as the text writes it, without determiners and figures
("the Rapid Support Forces" -> "Rapid Support Forces"); None when the text does not say.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Span, Token

from mapper.incidents._cues import entity_of
from mapper.incidents.events import Trigger
from mapper.incidents.lexicon import Lexicon, word_in
from mapper.incidents.numbers import Count

__all__ = ["event_sides", "people_word"]

_PARTY_ENTS = frozenset({"ORG", "NORP", "GPE", "PERSON"})
_KEEP_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_MAX_WORDS = 6


def _phrase(tok: Token, stop: Collection[int] = ()) -> str:
    """The name of a side: the noun with its compounds, adjectives and possessor (no determiner, figure,
    relative clause or prepositional phrase): "RSF fighters", "Russian forces", "Israel's army"."""
    words = [tok]
    stack = [c for c in tok.children if c.dep_ in _KEEP_DEPS and c.i < tok.i]
    while stack:
        c = stack.pop()
        if c.like_num or c.dep_ == "det":
            continue
        words.append(c)
        stack.extend(g for g in c.children if g.dep_ in _KEEP_DEPS | {"case"} and g.i < tok.i)
    # a name the tagger split after the head ("Rapid Support Forces (RSF)" stays the head's span)
    words.sort(key=lambda t: t.i)
    start = words[0].i
    while start < tok.i and (tok.doc[start].is_punct or tok.doc[start].like_num):
        start += 1
    span = tok.doc[start: tok.i + 1]
    if tok.ent_type_ and tok.ent_iob_ != "O":
        ent = entity_of(tok)
        if ent is not None and ent.end > tok.i + 1 and len(ent) <= _MAX_WORDS \
                and all(t.pos_ in {"PROPN", "NOUN", "ADP", "PART", "PUNCT"} for t in tok.doc[tok.i + 1: ent.end]):
            span = tok.doc[min(span.start, ent.start): ent.end]
    words_ = [t for t in span if not (t.dep_ == "det" or t.like_num)]
    if stop:
        words_ = [t for t in words_ if t.i > max((k for k in stop if k < tok.i), default=-1)]
    text = " ".join(t.text for t in words_[-_MAX_WORDS:]).replace(" 's", "'s").replace(" ’s", "’s")
    return text.strip(" ,;:-")


def _party(tok: Token, lex: Lexicon) -> bool:
    """True when a noun names people or a party (not a thing or a place): an organisation or
    nationality, a person's name, or a people, armed-group or military-target noun."""
    if tok.ent_type_ in _PARTY_ENTS and tok.ent_type_ not in {"GPE"}:
        return True
    if tok.pos_ not in {"NOUN", "PROPN", "PRON"} or tok.pos_ == "PRON":
        return False
    return people_word(tok, lex) or word_in(tok, lex.military_targets) or tok.lower_ in lex.side_nouns


def people_word(tok: Token, lex: Lexicon) -> bool:
    """Whether a word names people or armed groups ("civilians", "rebels", "Jihadist", "gunmen")."""
    return word_in(tok, lex.casualties["people"]) or word_in(tok, lex.casualties["armed_group_nouns"]) \
        or word_in(tok, lex.casualties["attacker_nouns"])


def _acting(tok: Token, lex: Lexicon) -> Token | None:
    """The acting side of an event word."""
    verb = tok
    if tok.pos_ in {"VERB", "AUX"}:
        for c in tok.children:
            if c.dep_ == "nsubj" and c.pos_ != "PRON" and (_party(c, lex) or c.pos_ in {"PROPN", "NOUN"}):
                return c
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj" and _party(g, lex):
                        return g
        # "..., killing 12": the subject of the clause the participle hangs on
        if tok.dep_ in {"advcl", "conj", "xcomp"} and tok.head.i != tok.i:
            return _acting(tok.head, lex) if tok.head.pos_ in {"VERB", "AUX"} else None
        return None
    # an event noun: "an RSF drone strike", "Israel's strikes", "attacks by gunmen", "gunmen launched an attack"
    for c in tok.children:
        if c.dep_ in {"poss", "compound", "amod"} and c.i < tok.i and (c.ent_type_ in {"ORG", "NORP"} or
                                                                      (c.dep_ == "poss" and c.pos_ == "PROPN")):
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            for g in c.children:
                if g.dep_ == "pobj" and _party(g, lex):
                    return g
    if tok.dep_ in {"dobj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}:
        verb = tok.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        if subj is not None and (_party(subj, lex) or subj.pos_ == "PROPN"):
            return subj
    return None


def _target(tok: Token, lex: Lexicon, *, diplomacy: bool = False) -> Token | None:
    """The target side of an event word: its object, passive subject or the noun after "on"/"against"
    (for diplomacy, "with": the other party) when that names people or a party."""
    cands: list[Token] = []
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            cands.append(c)
        elif c.dep_ == "prep" and (c.lower_ in {"on", "against", "at"} or (diplomacy and c.lower_ == "with")):
            cands.extend(g for g in c.children if g.dep_ == "pobj")
    for c in cands:
        x = c
        if x.like_num and x.head.i != x.i:
            x = x.head
        if _party(x, lex):
            return x
    return None


def event_sides(triggers: Sequence[Trigger], sent: Span, counts: Sequence[Count], *,
                lex: Lexicon, places: Collection[int] = frozenset()) -> tuple[str | None, str | None]:
    """``(actor1, actor2)`` of an event told by ``triggers`` in ``sent`` (None where the text does not say).

    Parameters
    ----------
    triggers : the event words of one site (its own first)
    sent : the sentence
    counts : casualty figures of the sentence (their counted noun is the target side when no object names one)
    lex : Lexicon
    places : token indices of place names (a place is no side: "an attack on X" names no target side)
    """
    doc = sent.doc
    trig_i = {t.i for t in triggers}
    actor1 = actor2 = None
    for t in triggers:
        tok = doc[t.i]
        if actor1 is None:
            a = _acting(tok, lex)
            if a is not None and a.i not in places:
                actor1 = _phrase(a, trig_i)
        if actor2 is None:
            b = _target(tok, lex, diplomacy=t.cls == "diplomacy")
            if b is not None and b.i not in places:
                actor2 = _phrase(b, trig_i)
    if actor2 is None:
        for c in counts:
            if c.field != "killed" and c.field != "wounded" or not c.value:
                continue
            noun = doc[c.i].head if doc[c.i].dep_ in {"nummod", "quantmod"} else None
            if noun is not None and _party(noun, lex) and noun.lemma_.lower() not in {"people", "person", "other"}:
                actor2 = _phrase(noun, trig_i)
                break
    if actor1 and actor2 and actor1.casefold() == actor2.casefold():
        actor2 = None
    return actor1 or None, actor2 or None
