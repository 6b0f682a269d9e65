"""History and running totals: what a sentence tells as the war's course, not as an incident.

A figure or an attack word under a running-total "since" phrase ("killed since February 2022",
"since the start of the invasion, 1,000 have been killed"), told as "a previous attack", or as
"a year after" something, belongs to the war's course: :func:`cumulative_heads` finds the words
such a phrase modifies, :func:`is_cumulative` whether a token lies under one. Figures under "so far
this year", "in total" (:func:`running_total_heads`) or carried to a new total ("raises the toll to
330", :func:`raised_totals`) are totals too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span

from mapper.incidents.lexicon import Lexicon, word_in

__all__ = ["cumulative_heads", "is_cumulative", "raised_totals", "running_total_heads"]

_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def cumulative_heads(sent: Span, lex: Lexicon) -> set[int]:
    """Words that a running-total "since" phrase modifies: "killed since February 2022",
    "since the start of the invasion, 1,000 have been killed", "wounded since the war began"."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ != "since":
            continue
        clause = tok.dep_ == "mark"  # "since the invasion began": the clause's verb is in the phrase
        words = list(tok.head.subtree) if clause else [w for w in tok.subtree if w.i != tok.i]
        # a year, or a noun of the war's course ("the start of the invasion", "then"), not a verb:
        # "since the attack began at dawn" still counts one attack
        if any(_YEAR.match(w.text) or w.lower_ in lex.months
               or (w.pos_ not in {"VERB", "AUX"} and word_in(w, lex.cumulative_anchors)) for w in words):
            out.add(tok.head.head.i if clause else tok.head.i)
        # "risen since a wave of attacks in X": a string of past attacks is a time anchor, no incident
        if not clause:
            out.update(w.i for w in tok.children if w.dep_ == "pobj" and word_in(w, lex.series_nouns))
    # "in a previous attack on X, 12 were killed": an earlier event, unless the sentence dates it
    if not any(t.ent_type_ == "DATE" for t in sent):
        for tok in sent:
            if tok.dep_ == "amod" and word_in(tok, lex.past_modifiers) and tok.head.pos_ == "NOUN" \
                    and any(word_in(tok.head, by_pos.get("noun", ())) for cls, by_pos in lex.triggers.items()
                            if not cls.startswith("diplomacy")):
                out.add(tok.head.i)
                clause = tok.head
                while clause.dep_ in {"pobj", "prep", "dobj", "nsubj", "nsubjpass"} and clause.head.i != clause.i:
                    clause = clause.head
                out.add(clause.i)  # its figures too ("In a previous attack on X, 12 people were killed")
    # "a year after a strike there killed 35", "months after ...": an event told as long past
    for tok in sent:
        if tok.lower_ not in {"after", "before"}:
            continue
        near = [c for c in tok.children if c.dep_ == "npadvmod"] + list(sent.doc[max(sent.start, tok.i - 2): tok.i])
        if not any(word_in(w, lex.background_units) for w in near):
            continue
        head = tok.head
        out.add(head.i if head.pos_ in {"VERB", "AUX"} and head.dep_ in {"advcl", "pcomp", "relcl"} else tok.i)
    return out


def running_total_heads(sent: Span, lex: Lexicon) -> set[int]:
    """The words a running-total phrase ("so far this year", "in total", "to date") hangs on: the figures
    under them are totals ("13,000 killed so far this year"), while an event told under them is still told
    ("held talks this year, most recently in X")."""
    out: set[int] = set()
    doc = sent.doc
    words = [t.lower_ for t in sent]
    firsts = {phrase.split()[0] for phrase in lex.running_total_phrases}
    if firsts.isdisjoint(words):
        return out
    k = 0
    while k < len(words):
        for phrase in lex.running_total_phrases:
            parts = phrase.split()
            if words[k: k + len(parts)] == parts:
                span = doc[sent.start + k: sent.start + k + len(parts)]
                head = span.root.head
                while head.pos_ not in {"VERB", "AUX", "NOUN"} and head.head.i != head.i:
                    head = head.head  # "killed so far": "far" -> "so" -> killed
                out.add(head.i)
                k += len(parts) - 1
                break
        k += 1
    return out


def is_cumulative(i: int, heads: set[int], doc: Doc) -> bool:
    """True when token ``i`` (a figure, an attack word) lies under a running-total "since" phrase:
    the war's toll or course, not an incident."""
    if not heads:
        return False
    x = doc[i]
    for _ in range(12):
        if x.i in heads:
            return True
        if x.head.i == x.i:
            return False
        x = x.head
    return False


def raised_totals(counts: Sequence[Any], doc: Doc, lex: Lexicon) -> set[int]:
    """Doc indices of figures a verb carries a toll to ("kills 5 ... and raises the death toll to 330",
    "bringing the number of casualties to 45") when the sentence also counts dead or wounded of its own:
    a running total, not the event's toll."""
    out: set[int] = set()
    for c in counts:
        tok = doc[c.i]
        if tok.dep_ != "pobj" or tok.head.lower_ != "to":
            continue
        verb = tok.head.head
        if not word_in(verb, lex.casualties["raising_verbs"]):
            continue
        if not any(ch.dep_ == "dobj" and word_in(ch, lex.casualties["toll_nouns"]) for ch in verb.children):
            continue
        if any(o is not c and o.field == c.field and o.i not in out for o in counts):
            out.add(c.i)
    return out
