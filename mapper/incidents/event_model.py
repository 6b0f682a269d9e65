"""What kind of event an event word tells, in ACLED's taxonomy: a learned typing of triggers.

The lexicon finds candidate event words (attack, fighting, protest, arrest, diplomacy, casualty and
damage words; :mod:`mapper.incidents.events`); whether such a word tells an event here, and of which
ACLED type, depends on many weak cues: the word, what it governs, who does it, the weapons and tolls
of the sentence, the other words around it ("a disease killed 20" is no attack; "gunmen killed a
farmer" is violence against civilians; "police fired tear gas at protesters" a protest). The
``event_type`` model (``tools/train_event_type.py``; real headlines and reports as positives, news
sentences of US local papers and disease outbreaks as negatives) gives each trigger a probability
per class: ``none`` or an ACLED event type (Battles, Explosions/Remote violence, Violence against
civilians, Protests, Riots, Strategic developments) or ``Diplomacy`` (talks, visits, summits,
agreements; ACLED's Strategic developments, kept apart because the map shows them apart).

``kind`` groups the types for the map (:data:`KIND_OF`); the sub-event type is read from the words
and weapons of the incident (:func:`sub_event_type`, vocabulary in ``data/lexicon/events.json``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from mapper.incidents._cues import headline_case, stem
from mapper.incidents._memo import once_per_sentence
from mapper.incidents.events import (Trigger, WeaponMention, armed_subject, assault_on_civilians, found_body,
                                     military_target, soldiers_hit)
from mapper.incidents.lexicon import Lexicon, case_blind, word_forms, word_in
from mapper.incidents.numbers import Count
from mapper.models import LinearModel, load_model

__all__ = ["Typed", "article_cues", "rule_type", "MODEL", "CLASSES", "KIND_OF", "EVENT_AT", "trigger_features", "type_triggers",
           "sub_event_type", "acled_event_type", "word_set", "NONE"]

MODEL = "event_type"
NONE = "none"
DIPLOMACY = "Diplomacy"
CROWD_TYPES = frozenset({"Protests", "Riots"})  # types that need a crowd
CLASSES = (NONE, "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
           "Strategic developments", DIPLOMACY)
KIND_OF = {"Battles": "attack", "Explosions/Remote violence": "attack", "Violence against civilians": "attack",
           "Protests": "other", "Riots": "other", "Strategic developments": "other", DIPLOMACY: "diplomacy"}
EVENT_AT = 0.25  # a place told only with casualty or damage words is a site when they tell an event this likely


def article_cues(doc: Doc, lex: Lexicon) -> frozenset[str]:
    """The event classes an article's words name anywhere (``attack``, ``battle``, ``other:Protest``,
    ``diplomacy`` ...): what the story is about, for the words of a sentence that do not say it
    ("three of the deaths were in X" in a report on protests)."""
    by_word = _classes_by_word(lex)
    out: set[str] = set()
    for tok in doc:
        found = by_word.get(tok.lemma_.lower())
        if found:
            out |= found
    return frozenset(out)


_BY_WORD: dict[int, dict[str, frozenset[str]]] = {}


def _classes_by_word(lex: Lexicon) -> dict[str, frozenset[str]]:
    """Event word -> the event classes it names (built once per lexicon)."""
    found = _BY_WORD.get(id(lex.triggers))
    if found is None:
        table: dict[str, set[str]] = {}
        for cls, by_pos in lex.triggers.items():
            name = cls if not cls.startswith("diplomacy") else "diplomacy"
            for words in by_pos.values():
                for w in words:
                    table.setdefault(w, set()).add(name)
        found = _BY_WORD[id(lex.triggers)] = {w: frozenset(c) for w, c in table.items()}
    return found


def _arguments(tok: Token) -> Iterable[tuple[str, Token]]:
    """Subject and object of an event word (a noun's verb's subject: "gunmen launched an attack")."""
    for c in tok.children:
        if c.dep_ in {"nsubj", "nsubjpass", "dobj", "agent", "pobj"}:
            yield c.dep_.replace("pass", ""), c
        elif c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    yield f"prep_{c.lower_}", g
    if tok.pos_ == "NOUN" and tok.dep_ in {"dobj", "nsubjpass"}:
        for c in tok.head.children:
            if c.dep_ == "nsubj":
                yield "verb_subj", c


def _killing_of_civilians(tok: Token, lex: Lexicon) -> bool:
    """True for a killing verb whose subject is an armed group's noun and whose object names people who
    are no fighters ("gunmen killed four farmers", "bandits shot dead a boy")."""
    if not (word_in(tok, lex.casualties["killed"]) or tok.lemma_.lower() == "shoot") or not armed_subject(tok, lex):
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects = [o.head if o.like_num and o.head.i != o.i else o for o in objects]
    return bool(objects) and all(word_in(o, lex.casualties["people"]) and not word_in(o, lex.military_targets)
                                 and not word_in(o, lex.casualties["armed_group_nouns"]) for o in objects)


def rule_type(trig: Trigger, sent: Span, *, lex: Lexicon, weapons: Sequence[WeaponMention]) -> tuple[str, str]:
    """The rules' event type of a trigger and what it rests on ("" when the rules only guess).

    Specific: diplomacy words, protest/riot/arrest/territory words, interception words (ACLED's
    disrupted weapons use), a weapon of remote violence, an armed group's assault on civilians or
    abduction, bodies found, fighting words or an assault on a military post, a word of remote violence. Unspecific
    (the rules' guess, what the model decides): ``outcome`` for a casualty or damage word alone, any
    other attack word with no weapon.
    """
    tok = sent.doc[trig.i]
    if trig.cls == "diplomacy":
        return DIPLOMACY, f"diplomacy word '{tok.text}'"
    if trig.cls == "other":
        if trig.sub == "Riot" and armed_subject(tok, lex, forces=True):
            # "troops torched the village": ACLED's property destruction by an armed side, no mob
            return "Strategic developments", f"armed side's '{tok.text}' (property destruction)"
        return lex.other_event_types.get(trig.sub, "Strategic developments"), f"{trig.sub.lower()} word '{tok.text}'"
    if trig.cls == "interception":
        return "Strategic developments", f"interception word '{tok.text}' (disrupted weapons use)"
    if trig.cls == "outcome":
        if _killing_of_civilians(tok, lex):
            return "Violence against civilians", f"armed group's '{tok.text}' of people who are no fighters"
        if found_body(tok, lex):
            return "Violence against civilians", f"bodies found ('{tok.text}'): people killed by no fighting told"
        return trig.cls, ""
    named = [m.weapon for m in weapons]
    for w in lex.weapon_priority:
        if w in named and w in lex.weapon_types and lex.weapon_types[w][0] == "Explosions/Remote violence":
            return lex.weapon_types[w][0], f"weapon: {w}"
    if soldiers_hit(tok, lex):
        return "Battles", f"soldiers or police killed or wounded ('{tok.text}')"
    if assault_on_civilians(tok, lex):
        return "Violence against civilians", f"armed group's '{tok.text}' on no military target"
    if trig.cls == "battle":
        return "Battles", f"fighting word '{tok.text}'"
    if military_target(tok, lex):
        return "Battles", f"'{tok.text}' on a military target"
    if word_in(tok, lex.remote_words):
        return "Explosions/Remote violence", f"remote-violence word '{tok.text}'"
    return lex.attack_event_type[0], ""


def trigger_features(trig: Trigger, sent: Span, triggers: Sequence[Trigger], *, lex: Lexicon,
                     weapons: Sequence[WeaponMention], counts: Sequence[Count],
                     cues: frozenset[str] = frozenset()) -> dict[str, float]:
    """The cues of one event word in its sentence (see the module docstring)."""
    doc = sent.doc
    tok = doc[trig.i]
    f: dict[str, float] = {f"cls={trig.cls}": 1.0, f"w={stem(tok)}": 1.0, f"cls_w={trig.cls}:{stem(tok)}": 1.0,
                           f"rule={rule_type(trig, sent, lex=lex, weapons=weapons)[0]}": 1.0}
    if trig.sub:
        f[f"sub={trig.sub}"] = 1.0
    for w in trig.weapons:
        f[f"own_weapon={w}"] = 1.0
    for m in weapons:
        f[f"weapon={m.weapon}"] = 1.0
    if weapons:
        f["has_weapon"] = 1.0
    for c in counts:
        f[f"count={c.field}"] = 1.0
        if c.role:
            f[f"count_role={c.role}"] = 1.0
    for role, arg in _arguments(tok):
        f[f"arg={role}:{stem(arg)}"] = 1.0
        if arg.ent_type_:
            f[f"arg_ent={role}:{arg.ent_type_}"] = 1.0
    for t in triggers:
        if t.i != trig.i:
            f[f"also={t.cls}"] = 1.0
    for k in range(max(sent.start, trig.i - 3), min(sent.end, trig.i + 4)):
        if k != trig.i and doc[k].is_alpha:
            f[f"near={stem(doc[k])}"] = 1.0
    for c in cues:
        f[f"doc={c}"] = 1.0
    if tok.pos_ in {"VERB", "AUX"} and any(c.dep_ == "neg" for c in tok.children):
        f["negated"] = 1.0
    if trig.cls == "outcome" and found_body(tok, lex):
        f["found_body"] = 1.0  # "they find a body in X", "two bodies dumped": a killing
    if headline_case(sent):
        f["headline"] = 1.0
    return f


@dataclass(frozen=True, slots=True)
class Typed:
    """The type of one trigger: class probabilities and why (the rule it rests on, or the model's cues)."""

    probs: dict[str, float]
    why: str


def type_triggers(sent: Span, triggers: Sequence[Trigger], *, lex: Lexicon, weapons: Sequence[WeaponMention],
                  counts: Sequence[Count], cues: frozenset[str] = frozenset(),
                  model: LinearModel | None = None) -> list[Typed]:
    """The type of each trigger of a sentence (in the order given); ``cues``: :func:`article_cues`.

    A trigger whose rules give a specific type (:func:`rule_type`) takes it; the others are typed
    by the ``event_type`` model.
    """
    if not triggers:
        return []
    model = model or load_model(MODEL)
    args = (tuple(triggers), id(lex), tuple(weapons), tuple(counts), cues, id(model))
    return list(once_per_sentence(sent, "types", args, lambda: tuple(_read_types(
        sent, triggers, lex=lex, weapons=weapons, counts=counts, cues=cues, model=model))))


def _read_types(sent: Span, triggers: Sequence[Trigger], *, lex: Lexicon, weapons: Sequence[WeaponMention],
                counts: Sequence[Count], cues: frozenset[str], model: LinearModel) -> list[Typed]:
    """The types of :func:`type_triggers`, read by the rules and the model."""
    out = []
    part_of_attack = "other:Protest" not in cues and _violence_told(sent, triggers, lex)
    for t in triggers:
        cls, because = rule_type(t, sent, lex=lex, weapons=weapons)
        f = trigger_features(t, sent, triggers, lex=lex, weapons=weapons, counts=counts, cues=cues)
        probs = model.proba(f)
        if because and part_of_attack and t.cls == "other" and t.sub != "Protest":
            because = ""  # "troops raided the village, killing four and burning homes": the attack's type
        if because:
            out.append(Typed({**{c: 0.0 for c in probs}, cls: 1.0, NONE: probs[NONE]}, f"rules: {because}"))
            continue
        best = max((c for c in probs if c != NONE), key=probs.get)
        if part_of_attack and best in CROWD_TYPES:
            # "soldiers set fire to houses and shot a man": no crowd, no protest; the violence's type
            probs = {c: 0.0 if c in CROWD_TYPES else p for c, p in probs.items()}
            best = max((c for c in probs if c != NONE), key=probs.get)
        out.append(Typed(probs, f"{MODEL} model ({', '.join(model.explain(f, best, top=3))})"))
    return out


def _violence_told(sent: Span, triggers: Sequence[Trigger], lex: Lexicon) -> bool:
    """Whether a sentence with no crowd in it tells an attack, fighting or a killing: its burning,
    looting, arrests or withdrawal are then part of that violence, not an event of their own type
    (unless the article is about protests, whose deaths and arrests are the protests')."""
    if any(t.lower_ in lex.crowd_words or t.lemma_.lower() in lex.crowd_words for t in sent):
        return False
    return any(t.cls in {"attack", "battle"} or (t.cls == "outcome" and word_in(sent.doc[t.i], lex.casualties["killed"]))
               for t in triggers)


def acled_event_type(cls: str) -> str:
    """The ACLED event type of a model class (diplomacy is a strategic development)."""
    return "Strategic developments" if cls == DIPLOMACY else cls


def word_set(sent: Span) -> frozenset[str]:
    """The word forms of a sentence (lower case, lemmas, bare forms of untagged words, and pairs of
    neighbouring words: "water cannon", "shoot down"), to look vocabulary up in."""
    out: set[str] = set()
    prev: tuple[str, ...] = ()
    for tok in sent:
        pair = (tok.lower_, tok.lemma_.lower())
        out.update(pair)
        if case_blind(tok):
            out.update(word_forms(tok.lower_))
        out.update(f"{a} {b}" for a in prev for b in pair)
        prev = pair if tok.is_alpha else ()
    return frozenset(out)


def _any_word(words: frozenset[str], vocab: frozenset[str]) -> bool:
    return not words.isdisjoint(vocab)


def sub_event_type(cls: str, *, weapons: Sequence[str], words: frozenset[str], lex: Lexicon,
                   killed: int | None, wounded: int | None) -> str:
    """ACLED sub-event type of an incident of class ``cls`` from its weapons and the words of its evidence.

    Vocabulary: ``sub_event_words`` in ``data/lexicon/events.json``; the first sub-event type of the
    class whose words occur wins, else the class's default.
    """
    if cls == "Explosions/Remote violence":
        for w in lex.weapon_priority:
            if w in weapons and w in lex.weapon_types and lex.weapon_types[w][0] == cls:
                return lex.weapon_types[w][1]
    table: Mapping[str, Sequence[tuple[str, frozenset[str]]]] = lex.sub_event_words
    rules = table.get(cls, ())
    for sub, vocab in rules:
        if sub == "Excessive force against protesters" and not (killed or wounded):
            continue
        if sub == "Abduction/forced disappearance" and killed:
            continue  # ACLED: an abduction in which people are killed is an attack
        if vocab and _any_word(words, vocab):
            return sub
    if cls == DIPLOMACY:
        return "Agreement" if _any_word(words, lex.agreement_words) else "Other"
    if cls == "Protests" and (killed or wounded):
        return "Protest with intervention"  # casualties with no word of who caused them (ACLED's reading)
    return lex.sub_event_defaults.get(cls, "")
