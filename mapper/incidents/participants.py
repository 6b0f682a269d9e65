"""Participants of a diplomatic event: people with their roles, and delegations.

For a diplomacy trigger, participants are the PERSON entities

* inside the trigger's phrase ("talks with Foreign Minister X"),
* in the party list that follows it ("a meeting ... between A's negotiator X
  and US envoys Y and Z"), read linearly up to the next clause break because the
  parser often splits such lists,
* or, when the structure names nobody, the other people of the sentence who are
  not speakers (sources) and not inside another diplomacy phrase.

A person's role is the title written before the name ("US President Donald
Trump" -> ``Donald Trump (US President)``) or the noun it stands in apposition
to ("the Kremlin's envoy, Kirill Dmitriev" -> ``Kirill Dmitriev (Kremlin's envoy)``).
Delegations are nouns like "delegation" with their nationality adjective.
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Span, Token

__all__ = ["find_participants", "person_with_role", "persons"]

_PARTY_PREPS = frozenset({"between", "with", "involving", "among", "amongst"})
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART"})
_NAME_LIKE = frozenset({"", "PERSON", "ORG", "GPE"})
_SELF_PRONOUNS = frozenset({"he", "she", "i", "we"})
# lower-case particles inside a personal name ("von der Leyen", "bin Salman", "da Silva")
_NAME_PARTICLES = frozenset({"von", "der", "van", "den", "de", "la", "le", "du", "da", "dos", "del", "di", "bin", "ibn", "al", "el", "ter", "zu"})


def _ent_of(tok: Token) -> Span | None:
    for e in tok.doc.ents:
        if e.start <= tok.i < e.end:
            return e
    return None


def person_with_role(ent: Span) -> str:
    """``Name (role)`` for a PERSON entity, ``Name`` when no title is written."""
    doc = ent.doc
    root = ent.root
    role = ""
    if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"} and root.head.ent_type_ != "PERSON":
        head = root.head
        lo = min([head.i, *(c.left_edge.i for c in head.lefts if c.dep_ != "det")])
        words = [w for w in doc[lo: head.i + 1] if w.dep_ != "det"]
        role = "".join(w.text_with_ws for w in words).strip()
    else:
        k = ent.start - 1
        words: list[Token] = []
        while k >= ent.sent.start and len(words) < 5:
            w = doc[k]
            if (w.pos_ not in _TITLE_POS and w.lower_ != "of") or w.ent_type_ == "PERSON" \
                    or w.is_punct and w.text not in {"’s", "'s"}:
                break
            if w.lower_ == "of" and k - 1 >= ent.sent.start and doc[k - 1].pos_ in {"PROPN", "NOUN"} \
                    and words and words[0].pos_ == "PROPN":
                pass  # "Secretary of State", "Minister of Defence"
            elif w.lower_ in {"and", "with", "between", "of"}:
                break
            words.insert(0, w)
            k -= 1
        if words and any(w.pos_ in {"NOUN", "PROPN"} for w in words):
            role = "".join(w.text_with_ws for w in words).strip()
    name = ent.text.strip()
    return f"{name} ({role})" if role else name


def _with_particles(e: Span) -> Span:
    """A name the tagger split at a lower-case particle ("Ursula von" + "der" + "Leyen"), made whole."""
    doc = e.doc
    end = e.end
    while True:
        k = end
        while k < len(doc) and doc[k].lower_ in _NAME_PARTICLES and doc[k].is_lower:
            k += 1
        split = k > end or (doc[end - 1].lower_ in _NAME_PARTICLES and doc[end - 1].is_lower)
        if not split or k >= len(doc) or doc[k].pos_ != "PROPN" or not doc[k].is_title:
            return doc[e.start: end]
        end = k + 1
        while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == doc[k].ent_type_ != "":
            end += 1


def persons(tokens: Iterable[Token]) -> list[Span]:
    """PERSON entities touching ``tokens``; entities written back to back are one name
    ("Mohammed bin Abdulrahman" + "Al Thani")."""
    out: dict[int, Span] = {}
    for t in tokens:
        if t.ent_type_ == "PERSON":
            e = _ent_of(t)
            if e is not None and not (len(e) == 1 and e[0].pos_ == "ADJ"):  # "Ukrainian" officials
                e = _with_particles(e)
                out[e.start] = e
    merged: list[Span] = []
    for k in sorted(out):
        e = out[k]
        gap = e.doc[merged[-1].end: e.start] if merged and merged[-1].end <= e.start else None
        if gap is not None and all(t.lower_ in _NAME_PARTICLES and t.is_lower for t in gap):
            # back to back, or split by a particle the tagger left out ("Ursula von" + "der" + "Leyen")
            merged[-1] = e.doc[merged[-1].start: e.end]
        else:
            merged.append(e)
    return merged


def _titled_names(sent: Span, titles: frozenset[str]) -> list[Span]:
    """Names the tagger missed: two or more capitalised proper nouns right after a title word
    ("Defence Minister Rustem Umerov")."""
    doc = sent.doc
    out = []
    k = sent.start
    while k < sent.end:
        t = doc[k]
        if t.lower_ in titles and t.pos_ in {"PROPN", "NOUN"}:
            j = k + 1
            while j < sent.end and doc[j].pos_ == "PROPN" and doc[j].is_title \
                    and doc[j].ent_type_ in _NAME_LIKE and doc[j].lower_ not in titles:
                j += 1
            # a name the tagger missed, or took for an organisation or a place ("envoy Ramtane
            # Lamamra" as ORG): then that one entity fills the whole run after the title
            tagged = {doc[m].ent_type_ for m in range(k + 1, j)} - {""}
            one_entity = not tagged or (doc[k + 1].ent_iob_ == "B"
                                        and all(doc[m].ent_iob_ == "I" for m in range(k + 2, j))
                                        and (j >= sent.end or doc[j].ent_iob_ != "I"))
            if j - k >= 3 and "PERSON" not in tagged and one_entity:
                out.append(doc[k + 1: j])
            k = j
            continue
        k += 1
    return out


def _party_window(trigger: Token, sent: Span) -> list[Token]:
    """Tokens of the party list after a trigger: from "between/with/involving" to the next clause break."""
    doc = sent.doc
    start = None
    for k in range(trigger.i + 1, min(sent.end, trigger.i + 12)):
        if doc[k].lower_ in _PARTY_PREPS:
            start = k
            break
        if doc[k].is_punct and doc[k].text in {",", ";", "."}:
            break
    if start is None:
        return []
    out = []
    for k in range(start, sent.end):
        t = doc[k]
        if t.text in {";", "."}:
            break
        if t.text == "," and k + 1 < sent.end and doc[k + 1].pos_ in {"VERB", "AUX", "SCONJ", "ADV"}:
            break
        out.append(t)
    return out


def _reporting_self(trigger: Token) -> Token | None:
    """The speaker who reports his own meeting: "X said he had held talks with Y" -> the
    subject of "said", when the clause of the diplomacy word has a first- or third-person
    pronoun as its subject and hangs on that reporting verb."""
    verb = trigger
    for _ in range(3):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in _SELF_PRONOUNS for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


def _delegations(tokens: Iterable[Token], *, exclude: set[int] = frozenset()) -> list[str]:
    """Delegations named in ``tokens``: "the Ukrainian delegation"; "Russian and Ukrainian
    delegations" are two, one per nationality. Words in ``exclude`` (a dateline) are no modifier."""
    out = []
    for t in tokens:
        if t.lemma_.lower() != "delegation":
            continue
        mods = [c for c in t.lefts if (c.ent_type_ in {"NORP", "GPE"} or c.dep_ == "amod") and c.i not in exclude]
        nations = [c for c in mods if c.ent_type_ in {"NORP", "GPE"}]
        if t.tag_ == "NNS" and len(nations) == 1 and nations[0].conjuncts:
            for n in sorted([nations[0], *nations[0].conjuncts], key=lambda w: w.i):
                if n.i not in exclude and (n.ent_type_ in {"NORP", "GPE"} or n.pos_ == "ADJ"):
                    out.append(f"{n.text} delegation")
            continue
        out.append(" ".join([*(c.text for c in mods), "delegation"]))
    return out


def find_participants(trigger: Token, sent: Span, *, exclude: set[int], other_triggers: Iterable[Token] = (),
                      titles: frozenset[str] = frozenset()) -> list[str]:
    """Participants of the diplomacy event reported by ``trigger``.

    Parameters
    ----------
    trigger : spacy.tokens.Token
        The diplomacy trigger token.
    sent : spacy.tokens.Span
        Its sentence.
    exclude : set of int
        Token indices of speakers/sources (never participants).
    other_triggers : iterable of Token
        Diplomacy triggers of the sentence that belong to other events; people inside
        their phrases are not taken by the fallback.
    titles : frozenset of str
        Title words ("minister", "president") after which capitalised words are a name
        even when the tagger missed it.

    Returns
    -------
    list[str]
        ``Name (role)`` strings and delegations, in text order.
    """
    found: dict[int, Span] = {}
    for e in persons(trigger.subtree):
        found[e.start] = e
    for e in persons(_party_window(trigger, sent)):
        found[e.start] = e
    if trigger.pos_ == "VERB":
        for c in trigger.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                for e in persons(c.subtree):
                    found[e.start] = e
    own = {t.i for t in trigger.subtree}
    if trigger.pos_ == "VERB":
        own.update(t.i for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree)
    for e in _titled_names(sent, titles):
        if all(t.i in own for t in e) and not any(f.start <= e.start < f.end for f in found.values()):
            found[e.start] = e
    found = {k: e for k, e in found.items() if not any(t.i in exclude for t in e)}
    speaker = _reporting_self(trigger)
    if speaker is not None:  # the speaker is a source and, here, a party too
        spoken = {w.i for w in speaker.subtree}
        for e in [*persons(speaker.subtree), *_titled_names(sent, titles)]:
            if all(t.i in spoken for t in e):
                found.setdefault(e.start, e)
    if not found:
        blocked: set[int] = set(exclude)
        for o in other_triggers:
            if o.i != trigger.i:
                blocked.update(t.i for t in o.subtree)
        for e in [*persons(sent), *_titled_names(sent, titles)]:
            if not any(t.i in blocked for t in e):
                found[e.start] = e
    people = [person_with_role(found[k]) for k in sorted(found)]
    window = _party_window(trigger, sent) or list(trigger.subtree)
    return people + [d for d in _delegations(window, exclude=exclude) if d not in people]
