"""Find event triggers in a sentence and type events the ACLED way.

A *trigger* is a token that says something happened: an attack word
("strike", "shelled", "barrage"), a weapon ("drones"), an interception
("shot down", "air defence"), a battle word, or a diplomacy word ("talks",
"meeting", "call", "visit"). Weapons are matched on the sentence text with the
terms of ``weapons.json`` (plurals included); trigger words on lemma and part of
speech with ``events.json``.

An attack told with no weapon on a military or police target ("gunmen
attacked an army base") is typed as fighting (:func:`military_target`): ACLED
calls an armed group's assault on a military post an armed clash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from mapper.geoparse.actors import get_actors
from mapper.incidents._cues import first_conjunct, headline_case, told_to_death
from mapper.incidents._memo import once_per_sentence
from mapper.incidents.lexicon import Lexicon, case_blind, word_forms, word_in

__all__ = ["Trigger", "WeaponMention", "find_triggers", "find_weapons", "found_body", "event_type_for", "military_target",
           "attack_targets", "describes_someone", "attack_lemmas", "background_places", "care_place"]

ARMED_ACTOR_KINDS = frozenset({"group", "force", "mission"})  # of the actors table; not institutions
_NAME_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
_NOT_WEAPON_ENTS = frozenset({"PERSON", "WORK_OF_ART", "LAW"})


@dataclass(frozen=True, slots=True)
class WeaponMention:
    """A weapon named in the text: canonical name and the doc token indices it covers."""

    weapon: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token that reports an event.

    Attributes
    ----------
    i : int
        Doc index of the trigger token.
    cls : str
        ``attack``, ``interception``, ``battle`` or ``diplomacy``.
    sub : str
        Diplomacy sub-type (``Meeting``, ``Talks``, ``Call``, ``Visit``) or "".
    weapons : tuple[str, ...]
        Weapons named by the trigger itself (for weapon triggers).
    """

    i: int
    cls: str
    sub: str = ""
    weapons: tuple[str, ...] = field(default=())


@lru_cache(maxsize=256)
def _weapon_regex(terms: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    alts = sorted((" ".join(t) for t in terms), key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?") for a in alts)
    return re.compile(rf"(?<![\w-])({body})(?:s|es)?(?![\w])", re.IGNORECASE)


def _names_a_thing(span: Span, lex: Lexicon) -> bool:
    """True when the weapon term only modifies the noun after it: a target or a warning, not the
    means of the attack ("a drone storage facility", "missile launchers", "an air raid alert")."""
    doc = span.doc
    k = span.end
    while k < span.sent.end and doc[k].text in {"-", "–"}:
        k += 1
    if k >= span.sent.end:
        return False
    nxt = doc[k]
    return nxt.pos_ in {"NOUN", "PROPN"} and nxt.lemma_.lower() in lex.weapon_target_heads


def _hit_or_held(root: Token, lex: Lexicon) -> bool:
    """True when a weapon word names a target or a place's holdings, not the means of the attack:
    the object or passive subject of a ``target_verbs`` verb ("two bombers were hit at X"), or a word
    inside a relative clause or participle on a ``holding_verbs`` verb ("the base, which houses
    bombers used to launch cruise missiles")."""
    if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in lex.weapon_target_verbs:
        return True
    if root.dep_ in {"dobj", "nsubjpass", "conj"} and _seizure_verb(root, lex) is not None:
        return True  # "police seized explosives", "an IED was defused": no weapon of an attack
    x = root
    for _ in range(8):
        if x.head.i == x.i:
            break
        if x.dep_ in {"relcl", "acl"} and x.lemma_.lower() in lex.weapon_holding_verbs:
            return True
        x = x.head
    return False


def _seizure_verb(obj: Token, lex: Lexicon) -> Token | None:
    """The verb of seizing or finding (``seizure_verbs``) whose object or passive subject ``obj`` is
    ("seized weapons and explosives": ``explosives`` hangs on ``weapons``)."""
    x = first_conjunct(obj)
    if x.dep_ not in {"dobj", "nsubjpass"}:
        return None
    verb = x.head
    return verb if verb.lemma_.lower() in lex.seizure_verbs or verb.lower_ in lex.seizure_verbs else None


def _seizes_goods(tok: Token, lex: Lexicon) -> bool:
    """True for a verb of seizing or finding whose object is weapons, drugs or cash ("police seized
    weapons in X", "troops recovered ammunition"): no attack or capture of a place."""
    if tok.lemma_.lower() not in lex.seizure_verbs and tok.lower_ not in lex.seizure_verbs:
        return False
    rx, _lookup = _weapon_lookup(lex)
    for c in tok.children:
        if c.dep_ not in {"dobj", "nsubjpass"}:
            continue
        if c.lemma_.lower() in lex.seized_goods or c.lower_ in lex.seized_goods:
            return True
        phrase = c.doc[c.left_edge.i : c.i + 1].text  # "a bomb", "an explosive device"
        if rx.search(phrase):
            return True
    return False


def find_weapons(sent: Span, lex: Lexicon) -> list[WeaponMention]:
    """Weapons named in a sentence, in text order.

    Parameters
    ----------
    sent : spacy.tokens.Span
        The sentence.
    lex : Lexicon
        The vocabulary.

    Returns
    -------
    list[WeaponMention]
    """
    return list(once_per_sentence(sent, "weapons", id(lex), lambda: tuple(_read_weapons(sent, lex))))


def _read_weapons(sent: Span, lex: Lexicon) -> list[WeaponMention]:
    """The weapons of :func:`find_weapons`, read from the sentence."""
    rx, lookup = _weapon_lookup(lex)
    out: list[WeaponMention] = []
    for m in rx.finditer(sent.text):
        key = re.sub(r"[\s-]+", " ", m.group(1).lower())
        weapon = lookup.get(key) or lookup.get(m.group(1).lower())
        if weapon is None:
            continue
        span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if span is None:
            continue
        # a person's name (weapon names are often tagged ORG/PRODUCT, so those stay); but a capital letter
        # that only opens the sentence ("Drones also hit X", tagged PERSON) is no name
        opening = span.start == sent.start and len(span) == 1 and not (
            span.end < sent.end and sent.doc[span.end].pos_ == "PROPN")
        if not opening and any(t.ent_type_ in _NOT_WEAPON_ENTS for t in span):
            continue
        if weapon == "ied" and key in {"mine", "explosive"} and span.root.pos_ != "NOUN":
            continue  # "a mine of information", "an explosive situation"
        if _names_a_thing(span, lex) or _hit_or_held(span.root, lex):
            continue
        if span.start > sent.start and sent.doc[span.start - 1].lower_ in lex.non_lethal_modifiers:
            continue  # "stun grenades", "rubber bullets": crowd control, no weapon of an attack
        weapon = _antecedent_weapon(key, weapon, sent.doc, span.start_char, lookup) or weapon
        out.append(WeaponMention(weapon, span.start, span.end))
    if any(w.weapon not in lex.weapon_fallbacks for w in out):
        out = [w for w in out if w.weapon not in lex.weapon_fallbacks]  # "jets dropped bombs": the jets' strike
    return out


_LOOKUPS: dict[int, tuple[re.Pattern[str], dict[str, str]]] = {}


def _weapon_lookup(lex: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """The weapon regex and the term -> weapon table of a lexicon (built once per lexicon)."""
    found = _LOOKUPS.get(id(lex.weapon_terms))
    if found is None:
        found = _LOOKUPS[id(lex.weapon_terms)] = (_weapon_regex(tuple(sorted(lex.weapon_terms))),
                                                  {" ".join(k): v for k, v in lex.weapon_terms.items()})
    return found


_ANTECEDENTS: dict[tuple[int, str, str], re.Pattern[str] | None] = {}


def _antecedent_regex(key: str, weapon: str, lookup: dict[str, str]) -> re.Pattern[str] | None:
    """The pattern of the longer terms of other weapons that end in ``key`` (None when there is none),
    built once per term and weapon."""
    memo_key = (id(lookup), key, weapon)
    if memo_key not in _ANTECEDENTS:
        longer = [t.split() for t, v in lookup.items() if " " in t and t.split()[-1] == key and v != weapon]
        _ANTECEDENTS[memo_key] = _weapon_regex(tuple(sorted(tuple(t) for t in longer))) if longer else None
    return _ANTECEDENTS[memo_key]


def _antecedent_weapon(key: str, weapon: str, doc: Doc, end: int, lookup: dict[str, str]) -> str | None:
    """The weapon a bare word points back to: "a suicide bomber ... the bomber" is the suicide bomber,
    not a bomber aircraft. A one-word term that ends a longer term of another weapon takes that
    weapon when the longer term was written earlier in the article (the text of ``doc`` before
    character ``end``)."""
    if " " in key:
        return None
    rx = _antecedent_regex(key, weapon, lookup)
    if rx is None:
        return None
    found = None
    for found in rx.finditer(doc.text[:end]):
        pass
    if found is None:
        return None
    last = re.sub(r"[\s-]+", " ", found.group(1).lower())
    return lookup.get(last)


def _pos_key(tok: Token) -> str:
    return "verb" if tok.pos_ in {"VERB", "AUX"} else "noun" if tok.pos_ in {"NOUN", "PROPN"} else ""


def _is_shoot_down(tok: Token) -> bool:
    return tok.lemma_.lower() == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)


def _figurative(tok: Token, lemma: str, lex: Lexicon) -> bool:
    """True for an attack verb used figuratively: its direct object is an idiom's noun
    ("hit a roadblock", "struck a deal", "launched an investigation")."""
    objects = lex.figurative_objects.get(lemma)
    if not objects:
        return False
    for c in tok.children:
        if c.dep_ in {"dobj", "attr", "oprd"}:
            words = [c.lemma_.lower(), c.lower_]
            words += [f"{w.lower_} {c.lower_}" for w in c.lefts if w.dep_ in {"compound", "amod"}]
            words += [f"{w.lemma_.lower()} {c.lemma_.lower()}" for w in c.lefts if w.dep_ in {"compound", "amod"}]
            if any(w in objects for w in words):
                return True
    return False


def _fled_from(tok: Token, lex: Lexicon) -> bool:
    """True when an event noun is what people fled ("families who fled fighting in X", "displaced
    by shelling in Y", "escaping the bombardment of Z"): the cause of their flight, no new event."""
    head = tok.head
    if tok.dep_ in {"pobj", "pcomp"} and head.lower_ in {"by", "from"}:
        head = head.head
    elif tok.dep_ not in {"dobj", "nsubj"} or tok.dep_ == "nsubj" and head.lemma_.lower() != "displace":
        return False
    return head.pos_ in {"VERB", "ADJ"} and head.lemma_.lower() in lex.flight_verbs


_ATTACK_LEMMAS: dict[int, frozenset[str]] = {}


def attack_lemmas(lex: Lexicon) -> frozenset[str]:
    """The lemmas of the attack and fighting words (``data/lexicon/events.json``), read once per lexicon."""
    found = _ATTACK_LEMMAS.get(id(lex))
    if found is None:
        found = _ATTACK_LEMMAS[id(lex)] = frozenset(
            lemma for cls in ("attack", "battle") for pos in lex.triggers.get(cls, {}).values() for lemma in pos)
    return found


def flight_causes(sent: Span, lex: Lexicon) -> set[int]:
    """Doc indices of the phrases of attack or fighting words that people fled ("who fled
    fighting in X") and of the places they fled to: places there are background, no event site."""
    words = attack_lemmas(lex)
    heads = [sent.doc[w.start:w.end].root for w in find_weapons(sent, lex)]
    heads += [t for t in sent if t.lemma_.lower() in words]
    out = {w.i for t in heads if _fled_from(t, lex) for w in t.subtree}
    # "inhabitants fled to the nearby town of X": where they found refuge, nothing happened there
    for t in sent:
        if t.pos_ == "VERB" and t.lemma_.lower() in lex.flight_verbs:
            out.update(w.i for c in t.children if c.dep_ == "prep" and c.lower_ in _REFUGE_PREPS for w in c.subtree)
    return out


_REFUGE_PREPS = frozenset({"to", "toward", "towards", "into"})


def care_place(tok: Token, lex: Lexicon) -> bool:
    """True for a place named on a hospital ("brought to hospitals in X"): where victims are treated."""
    head = first_conjunct(tok.head)  # "hospitals in X and Y"
    if tok.dep_ == "conj":
        head = first_conjunct(tok).head
    care = head.head
    if head.dep_ == "prep" and care.pos_ == "VERB" and word_in(care, lex.care_verbs):
        # "brought to hospitals in X", parsed with "in X" on the verb
        care = next((g for p in care.children if p.dep_ == "prep" and p.i != head.i for g in p.children
                     if g.dep_ == "pobj" and word_in(g, lex.care_nouns)), care)
    if not (head.dep_ == "prep" and care.pos_ == "NOUN" and word_in(care, lex.care_nouns)):
        return False
    # the hospital is where victims were taken or treated, not what was hit ("a missile hit a hospital in X")
    return care.dep_ == "pobj" and care.head.head.pos_ == "VERB" and word_in(care.head.head, lex.care_verbs)


def background_places(sent: Span, roots: list[int], lex: Lexicon) -> set[int]:
    """Of the place heads ``roots`` of a sentence, those that are background, never the event's place:
    where people fled from or to (:func:`flight_causes`), where victims were treated
    (:func:`care_place`), a place that tells who someone is (:func:`describes_someone`) or where a
    side is based (:func:`home_base`)."""
    doc = sent.doc
    fled = flight_causes(sent, lex)
    return {i for i in roots if i in fled or care_place(doc[i], lex) or describes_someone(doc[i], lex)
            or home_base(doc[i])}


def home_base(tok: Token) -> bool:
    """True for a place written as where a side is based ("a Sittwe-based battalion", "a Buthidaung
    township-based junta battalion", "the Kyiv-based analyst"): it tells who acts, not where."""
    doc = tok.doc
    k = tok.i + 1
    if tok.whitespace_ and k < len(doc) and doc[k].is_lower and doc[k].is_alpha:
        k += 1  # "Buthidaung township-based": one lowercase word of the place's kind
    return k + 1 < len(doc) and doc[k].text in {"-", "–"} and not doc[k - 1].whitespace_ \
        and doc[k + 1].lower_ == "based"


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Event triggers in a sentence, in token order (:func:`read_triggers`, kept on the doc: an
    article's sentences are read more than once, for their stories and again for places the
    gazetteer lacks)."""
    return list(once_per_sentence(sent, "triggers", id(lex), lambda: tuple(read_triggers(sent, lex))))


def read_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Event triggers in a sentence, in token order.

    Parameters
    ----------
    sent : spacy.tokens.Span
    lex : Lexicon

    Returns
    -------
    list[Trigger]
        One per trigger token; weapon mentions become ``attack`` triggers on their
        head token.
    """
    out: dict[int, Trigger] = {}
    fled: set[int] = set()
    for w in find_weapons(sent, lex):
        root = sent.doc[w.start:w.end].root
        if _fled_from(root, lex) or describes_someone(root, lex) or _irrealis(root, lex):
            fled.add(root.i)
            continue
        out[root.i] = Trigger(root.i, "attack", "", (w.weapon,))
    text = sent.text.lower()
    headline = headline_case(sent)
    for tok in sent:
        # "Gunmen Kill 12", "SHELLING OF X": in a headline the tagger's names and parts of speech are guesses
        blind = case_blind(tok) or (headline and tok.is_title)
        if tok.i in out or tok.i in fled or (tok.ent_type_ in _NAME_ENTS and not blind) \
                or tok.ent_type_ in {"GPE", "LOC", "FAC", "DATE", "TIME"}:
            continue
        key = _pos_key(tok)
        if not key:
            continue  # only nouns and verbs are event words (tested first: the cheapest test)
        if _fled_from(tok, lex):
            continue  # "people who fled fighting in X": what drove them out, told as background
        if describes_someone(tok, lex):
            continue  # "a commander responsible for rocket fire at X": who he is, not an event
        if _irrealis(tok, lex) and tok.lemma_.lower() not in _diplomacy_lemmas(lex):
            continue  # "threatened to strike X", "fear more attacks in X": no attack happened
        if _seizes_goods(tok, lex):
            continue  # "police seized weapons in X": a seizure, no capture of X
        lemma = tok.lemma_.lower()
        forms = word_forms(tok.lower_) if blind else (lemma,)
        # "BH storm the capital city": a word tagged a noun that has a subject or an object is the verb
        keys = ("noun", "verb") if blind or (key == "noun" and _verb_in_disguise(tok)) else (key,)
        for cls, by_pos in lex.triggers.items():
            found = next((f for f in forms for k in keys if f in by_pos.get(k, ())), None)
            if found is None:
                continue
            lemma = found
            if cls == "interception" and lemma == "shoot" and not _is_shoot_down(tok):
                continue
            if cls == "attack" and lemma == "shoot" and _is_shoot_down(tok):
                continue  # "shot down a drone": an interception
            if cls == "interception" and lemma in lex.interception_needs_weapon and not _near_weapon(tok, out):
                continue
            if cls.startswith("diplomacy") and tok.dep_ == "acl" and lemma in lex.weak_diplomacy:
                continue  # "civilians travelling in a bus": a participle describing people, no event
            if key == "verb" and _figurative(tok, lemma, lex):
                break  # "the talks hit a roadblock", "struck a deal": no event at all
            if cls.startswith("diplomacy") and key == "verb" and not _diplomatic_argument(tok, lemma, lex):
                continue  # "the hospital received 20 wounded", "signed a decree": no diplomacy
            base, _, sub = cls.partition(":")
            if base in {"attack", "battle"} and key == "noun" and _seizure_verb(tok, lex) is not None:
                break  # "police seized a bomb", "a bomb was defused": nothing went off
            if base == "other" and lemma in lex.casualties["death_verbs"] and told_to_death(tok):
                base, sub = "outcome", ""  # "burned 20 civilians to death": a killing, no riot
            out[tok.i] = Trigger(tok.i, base, sub)
            break
    if any(t.cls in {"attack", "battle"} for t in out.values()):
        # "gunmen attacked residents as they travelled to a town": what the victims were doing, no visit
        out = {i: t for i, t in out.items() if not (t.cls == "diplomacy" and _while_clause(sent.doc[i], lex))}
    for base, sub, phrase, rx in _trigger_phrases(lex):
        if phrase not in text:
            continue  # the pattern needs the phrase itself: no search
        for m in rx.finditer(text):
            span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is not None and span.root.i not in out:
                out[span.root.i] = Trigger(span.root.i, base, sub)
    return [out[i] for i in sorted(out)]


_PHRASES: dict[int, tuple[object, tuple[tuple[str, str, str, re.Pattern[str]], ...]]] = {}


def _trigger_phrases(lex: Lexicon) -> tuple[tuple[str, str, str, re.Pattern[str]], ...]:
    """The multi-word noun triggers of a lexicon (class, subclass, phrase, its pattern), in the order
    :func:`find_triggers` tries them (built once per lexicon)."""
    found = _PHRASES.get(id(lex.triggers))
    if found is None or found[0] is not lex.triggers:
        rows = []
        for cls, by_pos in lex.triggers.items():
            base, _, sub = cls.partition(":")
            for phrase in by_pos.get("noun", ()):
                if " " in phrase or "-" in phrase:
                    rows.append((base, sub, phrase, re.compile(rf"\b{re.escape(phrase)}\b")))
        found = _PHRASES[id(lex.triggers)] = (lex.triggers, tuple(rows))
    return found[1]


def _while_clause(tok: Token, lex: Lexicon) -> bool:
    """Whether a weak diplomacy verb tells what someone was doing when something else happened
    ("as they travelled to a town", "while they were meeting")."""
    return tok.lemma_.lower() in lex.weak_diplomacy and tok.dep_ == "advcl" \
        and any(c.dep_ == "mark" and c.lower_ in {"as", "while", "when"} for c in tok.children)


def _verb_in_disguise(tok: Token) -> bool:
    """True for a word the tagger calls a noun that governs a subject and an object, or opens the sentence's
    predicate with an object ("BH storm the capital city"): a verb."""
    deps = {c.dep_ for c in tok.children}
    return "dobj" in deps and ("nsubj" in deps or tok.dep_ == "ROOT")


def _diplomacy_lemmas(lex: Lexicon) -> frozenset[str]:
    return frozenset(w for cls, by_pos in lex.triggers.items() if cls.startswith("diplomacy")
                     for words in by_pos.values() for w in words)


def _irrealis(tok: Token, lex: Lexicon) -> bool:
    """True when an attack word (or a weapon) is only threatened, feared, warned of, planned or possible:
    "threatened to strike X", "fear more attacks in X", "warned of strikes on X", "could launch an
    offensive near X", "threatened to use missiles against X"."""
    x = tok
    if x.dep_ in {"dobj", "nsubjpass", "pobj"}:
        head = x.head.head if x.dep_ == "pobj" and x.head.dep_ == "prep" else x.head
        if word_in(head, lex.irrealis_words):
            return True
        if x.dep_ != "pobj":
            x = head  # "threatened to use missiles": the verb the weapon is the object of
    if x.dep_ in {"xcomp", "ccomp"} and word_in(x.head, lex.irrealis_words):
        return True
    return x.pos_ in {"VERB", "AUX"} and any(c.dep_ == "aux" and c.lower_ in lex.irrealis_modals for c in x.children)


def _diplomatic_argument(tok: Token, lemma: str, lex: Lexicon) -> bool:
    """True unless ``lemma`` is a ``diplomacy_arguments`` verb none of whose object, passive subject or
    passive agent is one of its words ("received by President X", "signed an agreement"; not
    "the minister welcomed the decision")."""
    words = lex.diplomacy_arguments.get(lemma)
    if not words:
        return True
    args = [c for c in tok.children if c.dep_ in {"nsubjpass", "dobj"}]
    args += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    # "agreed to a ceasefire", "agreed on a truce"
    args += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"to", "on"} for g in c.children
             if g.dep_ == "pobj"]
    for a in args:
        if "@person" in words and a.ent_type_ == "PERSON":
            return True
        if any(word_in(w, words) for w in a.subtree if w.i <= a.i):
            return True
    return False


def describes_someone(tok: Token, lex: Lexicon) -> bool:
    """True when ``tok`` lies in a phrase that describes a person or group by a past deed: under a
    descriptor word that modifies a noun ("a commander responsible for rocket fire at X", "a man
    suspected of planning attacks on Y"). Said of the subject ("Russia is responsible for the strike
    on X") or of an attack word ("an attack blamed on X on an island in Y") it is no description,
    and the event stands."""
    x = tok
    for _ in range(8):
        if x.head.i == x.i or x.dep_ not in {"pobj", "prep", "pcomp", "compound", "dobj", "amod", "conj"}:
            break
        x = x.head
        if x.lemma_.lower() in lex.descriptor_words or x.lower_ in lex.descriptor_words:
            # "an attack blamed on X on an island in Y" tells of the attack, not of someone
            return x.dep_ in {"amod", "acl"} and x.head.pos_ in {"NOUN", "PROPN"} \
                and x.head.lemma_.lower() not in attack_lemmas(lex)
    return False


def _near_weapon(tok: Token, found: dict[int, Trigger]) -> bool:
    """True when a weapon trigger is what ``tok`` acts on (``destroyed 20 drones``, ``20 drones were destroyed``),
    not its subject ("guided bombs destroyed a substation" is the attack itself)."""
    subjects = [c for c in tok.children if c.dep_ in {"nsubj", "csubj"}]
    skip = {t.i for c in subjects for t in c.subtree}
    return any(c.i in found and found[c.i].weapons and c.i not in skip for c in tok.subtree)


def _military_noun(tok: Token, lex: Lexicon) -> bool:
    if word_in(tok, lex.military_targets):
        return True
    modifiers = lex.military_modifiers | lex.casualties["armed_group_nouns"]  # "army base", "rebel camp"
    return any(c.dep_ in {"compound", "amod"} and (word_in(c, modifiers) or _armed_actor(c.text))
               for c in tok.children)


def _armed_actor(name: str) -> bool:
    """Whether ``name`` is an armed group, force or mission of the actors table ("an AMISOM base")."""
    actor = get_actors().actor_named(name)
    return actor is not None and actor.kind in ARMED_ACTOR_KINDS


def attack_targets(trigger: Token) -> list[Token]:
    """What an attack word hits: its object, its passive subject, the noun after "on"/"against"
    ("attacked an army base", "a raid on a police outpost", "the barracks was stormed"), with their conjuncts."""
    targets: list[Token] = []
    for c in trigger.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            targets.append(c)
        elif c.dep_ == "prep" and c.lower_ in {"on", "against"}:
            targets.extend(g for g in c.children if g.dep_ == "pobj")
    return targets + [c for t in targets for c in t.children if c.dep_ == "conj"]


def military_target(trigger: Token, lex: Lexicon) -> bool:
    """True when an assault word (``raid_words``: "attack", "storm", "ambush", not "strike" or "shell",
    which tell of remote violence) has a military or police target: its object, its passive subject or the
    noun after "on"/"against" ("attacked an army base", "a raid on a police outpost", "the barracks was stormed").

    Parameters
    ----------
    trigger : spacy.tokens.Token
        The attack or battle word.
    lex : Lexicon
    """
    if not word_in(trigger, lex.raid_words):
        return False
    return any(_military_noun(t, lex) for t in attack_targets(trigger))


def armed_subject(trigger: Token, lex: Lexicon, *, forces: bool = False) -> bool:
    """True when the subject of an attack verb is an armed group's noun ("bandits attacked", "the gunmen
    stormed"), also through a coordinated verb ("gunmen stormed the village and kidnapped 20"); with
    ``forces``, a noun of soldiers or police too ("troops torched the village")."""
    nouns = lex.casualties["attacker_nouns"] | lex.casualties["armed_group_nouns"]
    if forces:
        nouns = nouns | lex.military_targets
    verb = trigger
    for _ in range(3):
        if any(c.dep_ == "nsubj" and word_in(c, nouns) for c in verb.children):
            return True
        if verb.dep_ not in {"conj", "advcl", "xcomp"} or verb.head.i == verb.i:
            break
        verb = verb.head
    return False


def assault_on_civilians(trigger: Token, lex: Lexicon) -> bool:
    """True when an armed group assaults no military target with no weapon named: an assault word
    (``raid_words``) or an abduction word whose subject is an armed group's noun ("armed bandits
    attacked a village", "gunmen kidnapped a priest").

    Parameters
    ----------
    trigger : spacy.tokens.Token
        The attack or battle word.
    lex : Lexicon
    """
    if not (word_in(trigger, lex.raid_words) or word_in(trigger, lex.abduction_words)):
        return False
    return armed_subject(trigger, lex) and not military_target(trigger, lex) and not soldiers_hit(trigger, lex)


def soldiers_hit(trigger: Token, lex: Lexicon) -> bool:
    """True when the trigger's sentence tells of soldiers or police killed or wounded ("attacked
    Damasak, killing six soldiers", "two civilians and two soldiers were killed"): the assault met
    a military side."""
    hurt = lex.casualties["killed"] | lex.casualties["wounded"] | lex.casualties["death_verbs"]
    for tok in trigger.sent:
        if not word_in(tok, lex.military_targets):
            continue
        first = first_conjunct(tok)  # "two civilians and two soldiers were killed"
        if first.dep_ in {"dobj", "nsubjpass", "nsubj"} and word_in(first.head, hurt):
            return True
    return False


def event_type_for(kind: str, weapons: list[str] | tuple[str, ...], *, lex: Lexicon, sub: str = "",
                   battle: bool = False, civilians: bool = False, abduction: bool = False) -> tuple[str, str]:
    """ACLED-style (event_type, sub_event_type) for an incident.

    Parameters
    ----------
    kind : str
        ``attack``, ``diplomacy`` or ``other``.
    weapons : sequence of str
        Canonical weapons of the incident.
    lex : Lexicon
    sub : str
        Diplomacy sub-type.
    battle : bool
        True when the text reports fighting rather than remote violence.
    civilians : bool
        True for an armed group's assault on no military target (violence against civilians).
    abduction : bool
        True when people were abducted and no one was killed.

    Returns
    -------
    tuple[str, str]
    """
    if kind == "diplomacy":
        return lex.diplomacy_event_type, "Other"  # ACLED: an agreement is typed from its words (event_model)
    if kind != "attack":
        return "", ""
    for w in lex.weapon_priority:
        if w in weapons and w in lex.weapon_types:
            return lex.weapon_types[w]
    if battle:
        return lex.battle_event_type
    if abduction and lex.abduction_event_type[0]:
        return lex.abduction_event_type
    if civilians and lex.civilian_attack_event_type[0]:
        return lex.civilian_attack_event_type
    return lex.attack_event_type


def find_outcomes(sent: Span, lex: Lexicon, *, taken: set[int] | None = None) -> list[Trigger]:
    """Outcome words (casualty and damage words) as ``outcome`` triggers.

    An outcome says something happened at a place ("seven wounded in X", "no
    casualties were reported in X", "damage in X") even without an attack word.

    Parameters
    ----------
    sent : spacy.tokens.Span
    lex : Lexicon
    taken : set of int, optional
        Token indices that are already triggers.

    Returns
    -------
    list[Trigger]
    """
    taken = frozenset(taken or ())
    return list(once_per_sentence(sent, "outcomes", (id(lex), taken), lambda: tuple(_read_outcomes(sent, lex, taken))))


def _read_outcomes(sent: Span, lex: Lexicon, taken: frozenset[int]) -> list[Trigger]:
    """The outcome triggers of :func:`find_outcomes`, read from the sentence."""
    words = (lex.casualties["killed"] | lex.casualties["wounded"] | lex.casualties["both"] | lex.damage_words) \
        - {"life", "lose", "toll"} - lex.casualties["body_nouns"]
    out = []
    for tok in sent:
        if tok.i in taken or (tok.pos_ not in {"NOUN", "VERB", "ADJ", "ADV"} and not case_blind(tok)):  # ADV: "set ablaze"
            continue
        if found_body(tok, lex) or (
            word_in(tok, words) and not (tok.pos_ == "NOUN" and _seizure_verb(tok, lex) is not None)  # "seized a bomb"
        ):
            if not _figurative(tok, tok.lemma_.lower(), lex) and not describes_someone(tok, lex) and not _irrealis(tok, lex):
                out.append(Trigger(tok.i, "outcome"))
    return out


def found_body(tok: Token, lex: Lexicon) -> bool:
    """True for a body told found or disposed of: "two bodies", "they find a body", "a corpse was dumped",
    "Corpse Discovered" (not "a governing body", "a body of water")."""
    if not word_in(tok, lex.casualties["body_nouns"]) or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(c.dep_ == "nummod" or (c.like_num and c.dep_ in {"quantmod", "compound"}) for c in tok.children):
        return True
    verbs = lex.casualties["body_verbs"]
    if tok.dep_ in {"dobj", "nsubjpass", "nsubj", "pobj"} and tok.head.pos_ in {"VERB", "AUX", "ADJ", "PROPN", "NOUN"} \
            and word_in(tok.head, verbs):
        return True
    # a headline's "Corpse Discovered On ...", "Bodies Found In ...": the verb may be tagged a name or an adjective
    return any(word_in(c, verbs) for c in tok.children if c.dep_ in {"acl", "amod", "relcl"}) \
        or (tok.i + 1 < tok.sent.end and word_in(tok.doc[tok.i + 1], verbs))
