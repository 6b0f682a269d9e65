"""Casualty counts: killed and wounded numbers from digits and number words.

A count is a number (``7``, ``seven``, ``twenty-five``, ``1,200``), a range
(``three to five``: the lower figure is kept, the most conservative reading,
as ACLED does; the range goes into the reason), a lower bound (``at least
eight`` -> 8), ``another`` (= one more), or a zero statement (``no
casualties``, ``nobody was hurt``). Its type (killed, wounded, or both for
"casualties") comes from the casualty word the number is attached to in the
dependency parse (``killing two``, ``two were killed``, ``seven wounded``,
``the death toll rose to 12``), with a short linear fallback.

A count also carries its ``role``: ``claim`` for a figure a party claims for
itself ("the group said it had killed 73 soldiers", "claimed to have killed
35"), ``attackers`` for casualties named by a noun of the attacking side ("15
attackers were killed"), ``armed`` for a noun of an armed group ("20 militants
were killed": the attacking side only when the article's attackers are such a
group, decided by the caller), else ``""`` (the victims' toll).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from mapper.incidents._cues import entity_of, first_conjunct, told_to_death
from mapper.incidents._memo import once_per_sentence
from mapper.incidents.lexicon import Lexicon, case_blind, word_forms, word_in

_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})
_POSSESSIVES = frozenset({"his", "her", "their"})

__all__ = ["Count", "find_counts", "number_value"]

_SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
_YEARLIKE = re.compile(r"^(1[89]|20)\d\d$")
_TIME_WORDS = frozenset({"day", "week", "month", "year", "hour", "minute", "night", "morning", "evening", "afternoon",
                         "ago", "decade", "century", "season", "weekend", "dawn", "noon", "midnight", "today",
                         "yesterday", "tonight", "tomorrow", "a.m.", "p.m.", "am", "pm"})


@dataclass(frozen=True, slots=True)
class Count:
    """One casualty figure.

    Attributes
    ----------
    field : str
        ``killed``, ``wounded`` or ``both`` (``both`` only for zero statements).
    value : int
        The figure kept (lower bound of a range).
    i : int
        Doc index of the token carrying the number (its syntactic head).
    start, end : int
        Doc token span of the number expression.
    note : str
        Human-readable qualifier ("at least 8", "range 3-5", "another").
    role : str
        ``""`` (victims), ``claim``, ``attackers`` or ``armed`` (see the module docstring).
    """

    field: str
    value: int
    i: int
    start: int
    end: int
    note: str = ""
    role: str = ""


def number_value(text: str, lex: Lexicon) -> int | None:
    """Value of one number token (``"12"``, ``"1,200"``, ``"seven"``, ``"twenty-five"``), else None."""
    t = text.lower().strip()
    if _DIGITS.match(t):
        return int(t.replace(",", ""))
    if "-" in t:
        parts = [lex.numbers.get(p) for p in t.split("-")]
        if len(parts) == 2 and None not in parts and parts[0] >= 20 and parts[1] < 10:  # type: ignore[operator]
            return int(parts[0]) + int(parts[1])  # type: ignore[arg-type]
        return None
    if t in {"a", "an", "no", "none", "another"}:
        return None
    return lex.numbers.get(t)


def _casualty_field(tok: Token, lex: Lexicon) -> str | None:
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if case_blind(tok):  # "SEVEN KILLED", "Gunmen Kill 12"
        forms = word_forms(low)
        lemma = next((f for f in forms if any(f in lex.casualties[k] for k in ("killed", "wounded", "both", "abducted",
                                                                               "arrested"))), lemma)
    if (lemma in lex.casualties["death_verbs"] or low in lex.casualties["death_verbs"]) and told_to_death(tok):
        return "killed"  # "shot to death", "stabbed to death", "shot dead"
    if lemma in lex.casualties["killed"] or low in lex.casualties["killed"]:
        if lemma == "lose" and not any(c.lemma_ == "life" for c in tok.children):
            return None
        if lemma == "life" and tok.head.lemma_.lower() not in (lex.casualties["life_verbs"] or {"lose"}):
            return None  # "claimed the lives of four", not "daily life"
        return "killed"
    if lemma in lex.casualties["wounded"] or low in lex.casualties["wounded"]:
        return "wounded"
    if lemma in lex.casualties["both"]:
        return "both"
    for held in ("abducted", "arrested"):
        if lemma in lex.casualties[held] or low in lex.casualties[held]:
            return held
    return None


def _age_alone(sent: Span, i: int) -> bool:
    """True when an "N-year-old" follows token ``i`` and no noun follows it ("a 14-year-old died")."""
    doc = sent.doc
    words = [t.lower_ for t in doc[i + 1: min(i + 7, sent.end)]]
    if len(words) < 5 or not doc[i + 1].like_num or words[1] != "-" or words[2] not in {"year", "month"} \
            or words[3] != "-" or words[4] != "old":
        return False
    return len(words) < 6 or doc[i + 6].pos_ not in {"NOUN", "PROPN"}


def _named_victims(sent: Span, lex: Lexicon, found: list[Count]) -> list[Count]:
    """People told by name as the subject of a passive killing or wounding verb ("Constable X was shot dead",
    "A and B were wounded") or as its object ("the strike killed X, a commander, and two of his guards"):
    one each, plus the figures listed with them, when no figure is told with that verb."""
    out = []
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        field = _casualty_field(tok, lex)
        if field not in {"killed", "wounded"}:
            continue
        inner = {t.i for t in tok.subtree}
        if any(c.i in inner for c in found):
            continue
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        subj = next((c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        if subj is None or subj.ent_type_ != "PERSON" or subj.pos_ != "PROPN":
            continue
        names = [subj] + [c for c in subj.conjuncts if c.ent_type_ == "PERSON" and c.pos_ == "PROPN"]
        listed = [number_value(c.text, lex) for c in subj.conjuncts if c.pos_ == "NUM"]
        value = len(names) + sum(v for v in listed if v is not None)
        note = f"{len(names)} named" + (f" + {value - len(names)}" if value > len(names) else "")
        out.append(Count(field, value, subj.i, subj.i, subj.i + 1, note if value > len(names) else ""))
    return out


def _is_people(tok: Token, lex: Lexicon) -> bool:
    return word_in(tok, lex.casualties["people"])


def _qualifying_word(doc: Doc, k: int, lex: Lexicon) -> bool:
    """Whether word ``k`` is part of a qualifier of a figure ("at least", "more than", "some", "about")."""
    words = [*lex.casualties["lower_bound"], *lex.casualties["approx"]]
    low = doc[k].lower_
    return any(low in w.split() for w in words)


def _bare_person(tok: Token, lex: Lexicon) -> bool:
    """A singular person noun with no article, number or possessive that a past participle tells
    of, as headlines write one victim ("Soldier killed in X"; not a "family" or "couple")."""
    if tok.tag_ != "NN" or not _is_people(tok, lex) or word_in(tok, lex.casualties["group_nouns"]):
        return False
    if any(c.dep_ in {"det", "nummod", "poss", "quantmod"} for c in tok.children):
        return False
    told = [c for c in tok.children if c.dep_ == "acl"] + ([tok.head] if tok.dep_ in {"nsubj", "nsubjpass"} else [])
    return any(v.tag_ == "VBN" for v in told)


def _counts_events(tok: Token, lex: Lexicon) -> bool:
    """Whether a number counts attacks or weapons ("170 air attacks", "20 missiles"), not people."""
    return tok.dep_ in {"nummod", "quantmod"} and tok.head.i != tok.i \
        and word_in(tok.head, lex.casualties["counted_events"]) and not _is_people(tok.head, lex)


def _counts_actors(tok: Token, lex: Lexicon) -> bool:
    """Whether a number counts the subject of a verb that acts on people ("About 20 soldiers shot dead
    three men", "Dozens of gunmen abducted 12 villagers"): those who acted, not casualties, unless a
    casualty word is their own ("two wounded soldiers")."""
    noun = tok.head if tok.dep_ in {"nummod", "quantmod"} else tok
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # "dozens of gunmen": "dozens" is the subject
    if noun.dep_ != "nsubj" or noun.head.i == noun.i:
        return False
    verb = noun.head
    # the object may hang on the verb's particle or complement ("shot dead three men")
    heads = [verb, *(c for c in verb.children if c.dep_ in {"acomp", "prt"})]
    # people acted on, written with the verb (not a headline's source after a dash: "... killed - Kiev")
    dash = next((t.i for t in tok.doc[verb.i:tok.sent.end] if t.text in {"-", "–", "—"}), tok.sent.end)
    if not any(c.dep_ == "dobj" and c.i < dash and (_is_people(c, lex) or any(g.like_num for g in c.children))
               for h in heads for c in h.children):
        return False
    return not any(c.dep_ in {"amod", "compound"} and _casualty_field(c, lex) for c in noun.children)


def _field_near(tok: Token, lex: Lexicon) -> str | None:
    """Casualty type of a number token from the parse around it."""
    k = tok.i - 1
    while k > tok.sent.start and _qualifying_word(tok.doc, k, lex):
        k -= 1  # "killed at least ten people", "wounded some 20": the qualifier stands between
    before = tok.doc[k] if k >= tok.sent.start else None
    if before is not None and before.pos_ == "VERB" and before.tag_ in {"VBD", "VBG", "VBN", "VBZ", "VBP", "VB"}:
        f = _casualty_field(before, lex)
        if f in {"killed", "wounded", "abducted", "arrested"}:
            return f  # "killed 12 and injured dozens": the verb right before the number, whatever the parse
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if nxt is not None and (nxt.is_title or nxt.is_upper) and nxt.pos_ != "NOUN":
        f = _casualty_field(nxt, lex)
        if f in {"killed", "wounded"}:
            return f  # "1 Dead, 16 Wounded": in a headline the word right after the number counts it
    if nxt is not None and tok.dep_ != "nummod" and nxt.tag_ in {"JJ", "VBN"}:
        f = _casualty_field(nxt, lex)
        if f in {"killed", "wounded"}:
            return f  # "left 30 dead and 57 wounded": the word right after a bare number, whatever it hangs on
    candidates: list[Token] = [tok.head, *tok.children]
    # "Landmine Kills Two Shan Civilians": a headline's number the parser calls a compound counts its noun
    noun = tok.head if tok.dep_ in {"nummod", "quantmod", "det"} or (tok.dep_ == "compound" and tok.pos_ == "NUM") \
        else None
    if noun is None and tok.dep_ == "conj":
        first = first_conjunct(tok)
        if first.pos_ == "NOUN":  # a named person's list is _named_victims' ("killed X and two of his guards")
            candidates.append(first.head)  # "a lieutenant and four of his men were killed": the list's verb
    if noun is not None and noun.i != tok.i and word_in(noun, lex.damage_objects):
        return None  # "500 of 600 households burned": things counted, whatever verb the parse hangs them on
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _is_people(tok.head.head, lex):
        noun = tok.head.head  # "killed a family of five": the group's figure
    if noun is not None:
        f = _casualty_field(noun, lex)
        if f and f != "both":
            return f  # "17 other victims" are killed or wounded as the verb says
        f = _state_after(noun, lex)
        if f:
            return f
        # "Four Central African Armed Forces (FACA) soldiers": a force's name the people are written after
        named_people = any(c.dep_ == "appos" and _is_people(c, lex) for c in noun.children)
        if _is_people(noun, lex) or noun.pos_ in {"NOUN", "PRON"} or named_people:
            # the noun's own modifiers first: "nine bodies and 14 wounded people" (the second noun's
            # "wounded", not the "bodies" it is coordinated with)
            mods = [c for c in noun.children if c.dep_ in {"amod", "compound"} and c.i != tok.i]
            # "ten civilians were tied up and killed": the verb joined to the one the people are subject of
            # and "four civilians were found dead": the state the verb puts them in
            joined = [c for c in noun.head.children if (c.dep_ == "conj" and c.pos_ == "VERB")
                      or c.dep_ in {"oprd", "acomp"}] if noun.dep_ in {"nsubj", "nsubjpass"} and _is_people(noun, lex) else []
            if noun.dep_ == "dobj" and noun.head.dep_ == "conj" and noun.head.head.pos_ == "VERB" and _is_people(noun, lex):
                joined.append(noun.head.head)  # "troops massacred and burned 11 villagers": the verbs share them
            if noun.dep_ == "nsubj":
                joined += [c for c in noun.head.children if c.dep_ == "dobj"]  # "seven others suffered injuries"
            candidates = [*mods, noun.head, *joined, *noun.children, *candidates]
            if noun.dep_ == "pobj" and noun.head.lower_ == "of":
                candidates.insert(0, noun.head.head)  # "the lives of four people"
            first = first_conjunct(noun)  # "killing a commander and two other people": the list's head
            if first.i != noun.i:
                candidates.append(first.head)
    for c in candidates:
        if c.i == tok.i:
            continue
        f = _casualty_field(c, lex)
        if f and f != "both":  # a word of both ("victims") leaves it to the verb
            return f
    if noun is not None and _is_people(noun, lex) and _taken_for_wounds(noun.head, lex):
        return "wounded"  # "two other people were taken to hospital with shrapnel wounds"
    # "the death toll rose to 12", "bringing the death toll to 12": number -> prep -> verb of a toll
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        return _toll_of(head.head, lex)
    # "the provisional death toll from the attack was 33 civilians", "the toll was 12"
    held = noun if noun is not None and _is_people(noun, lex) else tok
    if held.dep_ == "attr" and held.head.lemma_.lower() == "be":
        return _toll_of(held.head, lex)
    return None


def _state_after(noun: Token, lex: Lexicon) -> str | None:
    """The casualty word right after a noun of people, adverbs between, that tells their state: "18
    civilians wounded", "leaving four others seriously injured" (however the parser hangs it)."""
    if not (_is_people(noun, lex) or noun.lemma_.lower() == "other"):
        return None
    doc, end = noun.doc, noun.sent.end
    k = noun.i + 1
    while k < end and doc[k].pos_ == "ADV":
        k += 1
    if k >= end or doc[k].tag_ not in {"JJ", "VBN"} or (k + 1 < end and doc[k + 1].pos_ in {"NOUN", "PROPN"}):
        return None  # "two people killed", not "two people injured civilians"
    f = _casualty_field(doc[k], lex)
    return f if f in {"killed", "wounded"} else None


def _toll_of(verb: Token, lex: Lexicon) -> str | None:
    """The field of the toll noun a verb tells of ("the death toll rose", "the toll was"), else None."""
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.lemma_.lower() in lex.casualties["toll_nouns"]:
            for x in c.subtree:
                if x.i != c.i:
                    f = _casualty_field(x, lex)
                    if f in {"killed", "wounded"}:
                        return f
            return "killed" if c.lemma_.lower() == "toll" else None
    return None


_AGE_LINKS = frozenset({"to", "and", "between", "from", "-", "–"})


def _taken_for_wounds(verb: Token, lex: Lexicon) -> bool:
    """True for a care verb told with a wound ("admitted with burns", "taken to hospital with
    shrapnel wounds") or with a place of treatment ("five were rushed to hospital")."""
    if verb.pos_ != "VERB" or not word_in(verb, lex.care_verbs):
        return False
    for p in verb.children:
        if p.dep_ != "prep":
            continue
        objects = [o for o in p.children if o.dep_ == "pobj"]
        if p.lower_ == "with" and any(_casualty_field(o, lex) == "wounded" for o in objects):
            return True
        if p.lower_ == "to" and any(o.lemma_.lower() in lex.casualties["treated_at"] for o in objects):
            return True
    return False


def _after_aged(sent: Span, i: int) -> bool:
    """True for a number of an age phrase ("aged 51 to 83", "aged between 3 and 12")."""
    k = i - 1
    while k >= sent.start and (sent.doc[k].like_num or sent.doc[k].lower_ in _AGE_LINKS):
        k -= 1
    return k >= sent.start and sent.doc[k].lower_ == "aged"


def _linear_field(sent: Span, end: int, lex: Lexicon) -> str | None:
    """Fallback: a casualty word within four tokens after the number, no comma in between (an age told
    between them, "seven people aged 51 to 83 were injured", does not count)."""
    doc = sent.doc
    k, seen = end, 0
    while k < sent.end and seen < 4:
        tok = doc[k]
        if tok.lower_ == "aged":
            k += 1
            while k < sent.end and (doc[k].like_num or doc[k].lower_ in _AGE_LINKS):
                k += 1
            continue
        if tok.is_punct:
            return None
        f = _casualty_field(tok, lex)
        if f:
            return f
        k += 1
        seen += 1
    return None


def _skipped_entity(tok: Token, lex: Lexicon) -> bool:
    """True when a token lies in a date, time, money ... entity that really is one.

    The tagger sometimes calls a bare range a date ("Between 10 and 15 others were
    wounded"): a DATE/TIME entity without any calendar or time word is read as numbers.
    """
    if tok.ent_type_ not in _SKIP_ENTS:
        return False
    if tok.ent_type_ not in {"DATE", "TIME"}:
        return True
    ent = entity_of(tok)
    if ent is None:
        return True
    for w in ent:
        low = w.lower_
        if low in lex.months or low in lex.weekdays or w.lemma_.lower() in _TIME_WORDS or low in _TIME_WORDS \
                or _YEARLIKE.match(low) or ":" in low or not (w.like_num or w.is_punct or w.pos_ in {"ADP", "CCONJ", "ADV"}):
            return True
    return False


def _partitive(sent: Span, end: int, lex: Lexicon) -> bool:
    """True for "nine of the dead", "two of the victims": a part of a figure told elsewhere."""
    doc = sent.doc
    if end >= sent.end or doc[end].lower_ != "of":
        return False
    return any(_casualty_field(w, lex) is not None for w in doc[end].subtree if w.i != end)


def _noun_of(c: Count, doc: Doc) -> Token:
    tok = doc[c.i]
    return tok.head if tok.dep_ in {"nummod", "quantmod", "det"} else tok


def _casualty_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The killing/wounding verb a figure depends on ("it had killed 73 soldiers": killed), else None."""
    x = tok
    for _ in range(3):
        if x.pos_ in {"VERB", "AUX"} and _casualty_field(x, lex) in {"killed", "wounded"}:
            return x
        if x.head.i == x.i:
            return None
        x = x.head
    return None


def _claimed(tok: Token, lex: Lexicon) -> bool:
    """True when a figure is a party's claim about what it did itself: the killing verb's subject is the
    speaker ("X said it had killed 73", "saying its fighters killed 40", "claimed to have killed 35")."""
    verb = _casualty_verb(tok, lex)
    if verb is None or any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return False
    claim_verbs = lex.casualties["claim_verbs"]
    report = None
    up = verb
    for _ in range(3):
        if up.dep_ not in {"ccomp", "xcomp", "advcl", "conj"} or up.head.i == up.i:
            break
        up = up.head
        if up.lemma_.lower() in claim_verbs:
            report = up
            break
    if report is None:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != report.i:
        # "X said its jets struck Y, killing 30": the participle's doer is its head verb's subject
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return verb.dep_ == "xcomp" and report.lemma_.lower() != "say"  # "claimed to have killed 35"
    words = {subj.lower_} | {c.lower_ for c in subj.children if c.dep_ == "poss"}
    if words & lex.casualties["claim_subjects"]:
        return True
    if words & lex.casualties["claim_plural_subjects"]:
        speaker = next((c for c in report.children if c.dep_ == "nsubj"), None)
        if speaker is None and report.dep_ == "advcl":  # "..., saying they had killed": the main clause's subject
            speaker = next((c for c in report.head.children if c.dep_ == "nsubj"), None)
        return speaker is not None and speaker.tag_ in {"NNS", "NNPS"}
    return False


def _role(c: Count, doc: Doc, lex: Lexicon) -> str:
    """Role of a figure: ``claim``, ``attackers``, ``armed`` or ``""``."""
    if c.value > 0 and _claimed(doc[c.i], lex):
        return "claim"
    noun = _noun_of(c, doc)
    if word_in(noun, lex.casualties["attacker_nouns"]):
        return "attackers"
    if word_in(noun, lex.casualties["armed_group_nouns"]):
        return "armed"
    return ""


def _sum_coordinated(counts: list[Count], sent: Span, lex: Lexicon) -> list[Count]:
    """ "killed two soldiers and three civilians": figures of coordinated nouns add up.

    Two figures of the same type whose nouns are conjuncts ("X and Y") make one figure,
    unless a place or a preposition phrase stands between them ("two in A and three in B",
    which are per-place figures).
    """
    doc = sent.doc
    out: list[Count] = []
    for c in _without_breakdowns(counts, doc):
        prev = out[-1] if out else None
        same_side = prev is not None and (prev.role == c.role or {prev.role, c.role} == {"", "armed"})
        if prev is not None and prev.field == c.field and same_side and not prev.note.startswith("range") \
                and not c.note.startswith("range") and c.note != "another":
            a, b = _noun_of(prev, doc), _noun_of(c, doc)
            x = b
            while x.dep_ == "conj" and x.head.i != x.i and x.i != a.i:
                x = x.head
            between = doc[max(prev.end, a.i + 1): c.start]  # after the first noun: "a Hezbollah commander and"
            # "a captain and three of his men": a figure of someone's people stands for its noun
            of_people = b.pos_ == "NUM" and any(ch.dep_ == "prep" and ch.lower_ == "of" and any(
                w.dep_ == "poss" for o in ch.children for w in o.children) for ch in b.children)
            nouns = a.i != b.i and a.pos_ in {"NOUN", "PROPN"} and (b.pos_ in {"NOUN", "PROPN"} or of_people)
            # "three officers of the UDMO unit and two civilians" add up (what the first noun is "of" is
            # no place); "two in A and three in B" do not
            of_part = {w.i for c in a.children if c.dep_ == "prep" and c.lower_ == "of" for w in c.subtree
                       if w.ent_type_ not in _PLACE_ENTITIES}
            if nouns and ((x.i == a.i and not any(w.i not in of_part and (w.pos_ in {"ADP", "PROPN", "VERB", "AUX"}
                                                                          or w.text == ";") for w in between))
                          or (_more_victims(a, b) and not any(w.pos_ == "PROPN" or w.text == ";"
                                                              or _place_phrase(w, lex) for w in between))):
                note = f"{prev.value} + {c.value}"
                role = prev.role if prev.role == c.role else ""  # "20 militants and three civilians": victims
                out[-1] = Count(c.field, prev.value + c.value, prev.i, prev.start, c.end, note, role)
                continue
        out.append(c)
    return out


_PLACE_PREPS = frozenset({"in", "at", "near", "on", "outside", "inside"})


def _place_phrase(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` opens a phrase of place ("in A", "at the village"), not of anything else ("in their
    40s"): such a phrase between two figures makes them per-place figures ("two in A and three in B")."""
    if tok.lower_ not in _PLACE_PREPS:
        return False
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return obj is None or obj.pos_ == "PROPN" or obj.ent_type_ in _PLACE_ENTITIES \
        or word_in(obj, lex.container_nouns)
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def _with_the_others(counts: list[Count], sent: Span, lex: Lexicon) -> list[Count]:
    """ "killing the village head and 17 others": a figure of others counts the ones told before it with
    it, one each, when they carry no figure of their own and are no place ("the imam, the teacher and
    two other villagers" are four)."""
    doc = sent.doc
    counted = {k for c in counts for k in range(c.start, c.end)}
    out = []
    for c in counts:
        noun = _noun_of(c, doc)
        if noun.lemma_.lower() != "other" and not any(w.dep_ == "amod" and w.lower_ == "other" for w in noun.children):
            out.append(c)
            continue
        first = first_conjunct(noun)
        told = [w for w in (first, *first.conjuncts) if w.i < noun.i and w.i not in counted
                and not any(k.i in counted for k in w.lefts)
                and w.tag_ in {"NN", "NNP"} and w.ent_type_ not in _PLACE_ENTITIES
                and w.lemma_.lower() not in lex.container_nouns]
        if not told:
            out.append(c)
            continue
        out.append(replace(c, value=c.value + len(told), note=f"{len(told)} + {c.value}"))
    return out


def _asyndetic_list(counts: list[Count], sent: Span, lex: Lexicon) -> list[Count]:
    """ "Two soldiers, four militants killed in Kashmir encounter": a headline's list of figures of people
    with no "and", which the parser reads as an apposition, adds up; the first figure has no verb of its
    own. Not a breakdown ("Eleven civilians, nine men and two women, were killed"), whose figures sum to
    the first, nor a part of it ("three people, two of them soldiers")."""
    doc = sent.doc
    counted = {k for c in counts for k in range(c.start, c.end)}
    out = []
    for c in counts:
        noun = _noun_of(c, doc)
        head = noun.head
        first = next((ch for ch in head.children if ch.dep_ == "nummod" and ch.i < head.i), None)
        value = number_value(first.text, lex) if first is not None else None
        if (noun.dep_ != "appos" or head.i > noun.i or value is None or first.i in counted
                or not (_is_people(head, lex) or _is_people(noun, lex))
                or doc[head.i + 1].text != "," or head.i + 2 != c.start
                or any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in noun.children)):
            out.append(c)
            continue
        role = c.role if _role(replace(c, i=first.i, start=first.i, end=first.i + 1), doc, lex) == c.role else ""
        out.append(Count(c.field, value + c.value, c.i, first.i, c.end, f"{value} + {c.value}", role))
    return out


def _with_one_more(counts: list[Count], sent: Span, lex: Lexicon) -> list[Count]:
    """ "four civilians and a local militia member", "eight security personnel and their driver": a
    figure counts, one each, the single people listed after its noun with an article or a possessive and
    no figure of their own (not a "family", :data:`collective_nouns`)."""
    doc = sent.doc
    counted = {k for c in counts for k in range(c.start, c.end)}
    out = []
    for c in counts:
        noun = _noun_of(c, doc)
        more = [w for w in noun.conjuncts if w.i > noun.i and w.i not in counted and w.tag_ == "NN"
                and _is_people(w, lex) and not word_in(w, lex.casualties["collective_nouns"])
                and any(ch.dep_ in {"det", "poss"} for ch in w.children)
                and not any(ch.dep_ == "nummod" or ch.i in counted for ch in w.children)]
        if noun.pos_ not in {"NOUN", "PROPN"} or not more:
            out.append(c)
            continue
        out.append(replace(c, value=c.value + len(more), note=f"{c.value} + {len(more)}"))
    return out


def _without_breakdowns(counts: list[Count], doc: Doc) -> list[Count]:
    """Without the figures that break one down between commas ("Eleven civilians, nine men and two
    women, were killed": the nine and the two are the eleven, no more victims); they must add up to it."""
    out: list[Count] = []
    skip: set[int] = set()
    for k, c in enumerate(counts):
        if k in skip:
            continue
        out.append(c)
        noun = _noun_of(c, doc)
        if noun.i + 1 >= len(doc) or doc[noun.i + 1].text != ",":
            continue
        tail = []
        for j in range(k + 1, len(counts)):
            x = _noun_of(counts[j], doc)
            while x.dep_ == "conj" and x.head.i != x.i and x.i != noun.i:
                x = x.head
            if counts[j].field != c.field or x.i != noun.i:
                break
            tail.append(j)
            last = _noun_of(counts[j], doc)
            if last.i + 1 < len(doc) and doc[last.i + 1].text == ",":
                if len(tail) > 1 and sum(counts[t].value for t in tail) == c.value:
                    skip.update(tail)  # the closing comma ends the breakdown
                break
    return out


def _more_victims(a: Token, b: Token) -> bool:
    """Whether noun ``b`` names more victims of the act that ``a`` is the object of: "killed three
    children and a teacher" (the parser may hang the teacher on the verb), "shot dead three men and
    beat a woman to death" (two acts of one subject)."""
    if a.dep_ != "dobj":
        return False
    verb = a.head.head if a.head.dep_ == "acomp" else a.head  # "shot dead three men": the verb is "shot"
    if b.dep_ == "conj" and b.head.i == verb.i:
        return True
    # "beheaded three men and tortured and killed a woman": a verb further down the list of verbs
    return b.dep_ == "dobj" and b.head.dep_ == "conj" and first_conjunct(b.head).i == verb.i


def _told_missing(tok: Token, lex: Lexicon) -> bool:
    """Whether a number counts people told as missing or displaced ("about 50 civilians missing",
    "20 missing"), whatever figure it is coordinated with."""
    noun = tok.head if tok.dep_ in {"nummod", "quantmod"} else tok
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    # after the noun: "five missing soldiers were found dead" are dead
    return any(c.dep_ in {"amod", "acl"} and c.i > noun.i and c.lower_ in lex.casualties["missing"]
               for c in noun.children) \
        or (noun is tok and nxt is not None and nxt.lower_ in lex.casualties["missing"])


def _per_place_item(sent: Span, start: int, end: int, lex: Lexicon) -> bool:
    """True for a bare number that continues a list of per-place figures: ", two in B", "and one in C"
    (a comma or "and" before it, "in"/"at"/"near" and a name right after it)."""
    doc = sent.doc
    if start <= sent.start or end + 1 >= sent.end:
        return False
    if doc[start - 1].lower_ not in {",", "and", ";"} or doc[end].lower_ not in {"in", "at", "near", "outside"}:
        return False
    nxt = doc[end + 1]
    if nxt.lower_ == "the" and end + 2 < sent.end:
        nxt = doc[end + 2]
    return nxt.pos_ == "PROPN" or nxt.is_title or nxt.ent_type_ in {"GPE", "LOC", "FAC"}


def _qualifier(sent: Span, start: int, lex: Lexicon) -> str:
    before = " ".join(t.lower_ for t in sent.doc[max(sent.start, start - 2): start])
    for q in (*lex.casualties["lower_bound"], *lex.casualties["approx"]):
        if before.endswith(q):
            return q
    return ""


def _zero_counts(sent: Span, lex: Lexicon) -> list[Count]:
    out: list[Count] = []
    zero = lex.casualties["zero"]
    for tok in sent:
        low = tok.lower_
        if low not in zero and not (low == "one" and tok.i > sent.start and tok.nbor(-1).lower_ == "no"):
            continue
        target: Token | None = None
        if tok.dep_ in {"det", "neg"} or low in {"no", "without"}:
            target = tok.head if tok.dep_ in {"det", "neg", "amod"} else None
            if low == "without":
                target = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if target is None or _casualty_field(target, lex) is None:
            if tok.dep_ in {"nsubj", "nsubjpass"} or low in {"nobody", "one"}:
                target = tok.head
        if target is None:
            continue
        f = _casualty_field(target, lex)
        if f is None and tok.dep_ in {"nsubj", "nsubjpass"} and _is_people(tok, lex):
            f = _casualty_field(tok.head, lex)
        if f is None:
            continue
        out.append(Count(f, 0, tok.i, tok.i, tok.i + 1, f"no {target.text}"))
    return out


def find_counts(sent: Span, lex: Lexicon) -> list[Count]:
    """Casualty figures stated in a sentence, in text order.

    Parameters
    ----------
    sent : spacy.tokens.Span
    lex : Lexicon

    Returns
    -------
    list[Count]
        Numbers without a casualty word nearby are not returned.
    """
    return list(once_per_sentence(sent, "counts", id(lex), lambda: tuple(_read_counts(sent, lex))))


def _read_counts(sent: Span, lex: Lexicon) -> list[Count]:
    """The figures of :func:`find_counts`, read from the sentence."""
    doc = sent.doc
    out: list[Count] = []
    by_token: dict[int, Count] = {}
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if tok.is_punct or _skipped_entity(tok, lex):
            i += 1
            continue
        value = number_value(tok.text, lex)
        if value is not None and tok.lower_ == "one" and i > sent.start and doc[i - 1].lower_ == "no":
            value = None  # "no one was hurt": a zero statement, read by _zero_counts
        if value is not None and _after_aged(sent, i):
            i += 1  # "seven people aged 51 to 83": an age, no figure
            continue
        start = i
        end = i + 1
        note = ""
        # twenty - five
        if value is not None and value >= 20 and i + 2 < sent.end and doc[i + 1].text == "-":
            unit = number_value(doc[i + 2].text, lex)
            if unit is not None and unit < 10:
                value += unit
                end = i + 3
        if value is None and tok.lower_ in {"a", "an"} and end < sent.end and doc[end].lower_ in lex.casualties["multipliers"]:
            value = 1  # "a dozen people"
        # "two dozen", "three hundred": the multiplier scales the number
        if value is not None and end < sent.end and doc[end].lower_ in lex.casualties["multipliers"]:
            mult = number_value(doc[end].text, lex) or 1
            if value < mult:
                value *= mult
                end += 1
        if value is None and tok.lower_ == "another":
            value, note = 1, "another"
        if value is None and tok.lower_ in {"a", "an"} and out and end < sent.end and doc[end].lower_ in _ORDINALS:
            value, note, end = 1, "another", end + 1  # "two were killed and a third died later": one more
        article = value is None and tok.lower_ in {"a", "an"} and tok.dep_ == "det" and _is_people(tok.head, lex)
        # "killed a man and wounded his wife": one person named by a possessive
        article = article or (value is None and tok.lower_ in _POSSESSIVES and tok.dep_ == "poss"
                              and tok.head.tag_ == "NN" and _is_people(tok.head, lex))
        # "a 14-year-old died": an age told alone is one person (the parser may hang "a" on the verb)
        article = article or (value is None and tok.lower_ in {"a", "an"} and _age_alone(sent, i))
        # "Soldier killed in X", "Kurdish commander killed by IS": a headline's person with no article
        article = article or (value is None and _bare_person(tok, lex))
        if article:
            value, note = 1, "a"
        if value is None:
            i += 1
            continue
        # hyphenated measure ("nine-storey", "30-minute") is not a count
        if end < sent.end and doc[end].text == "-" and not doc[end - 1].whitespace_ and note != "another":
            i = end + 1
            continue
        # range: "three to five", "3-5"
        lo = value
        j = end
        between = start > sent.start and doc[start - 1].lower_ == "between"
        if j + 1 < sent.end and (doc[j].lower_ in {"to", "or", "-", "–"} or (between and doc[j].lower_ == "and")):
            hi = number_value(doc[j + 1].text, lex)
            if hi is not None and hi > value:
                note = f"range {value}-{hi}"
                end = j + 2
        if _partitive(sent, end, lex):
            # "nine of the dead were women": a part of a figure told elsewhere, unless its sentence places it
            # ("three of the deaths were in X, one in Y"): kept with the note "part", for the caller to decide
            field = next((f for w in doc[end].subtree if w.i != end and (f := _casualty_field(w, lex))), None)
            if field in {"killed", "wounded"}:
                count = Count(field, lo, tok.i, start, end, "part")
                out.append(count)
                for k in range(start, end):
                    by_token[k] = count
            i = end
            continue
        head_tok = doc[end - 1] if end - 1 > start else tok
        if _counts_events(head_tok, lex) or _counts_actors(head_tok, lex) or _told_missing(head_tok, lex):
            i = end  # "170 air attacks ... killed 33", "About 20 soldiers shot dead three men", "50 missing": no casualties
            continue
        field = _field_near(head_tok, lex) or _field_near(tok, lex)
        if field is None and head_tok.dep_ == "conj" and head_tok.head.i in by_token:
            field = by_token[head_tok.head.i].field
        if field is None and tok.dep_ == "conj" and tok.head.i in by_token:
            field = by_token[tok.head.i].field
        if field is None and tok.dep_ == "conj":
            # "killing two people in A and one in B": the bare number is coordinated with the counted noun
            field = next((c.field for c in out if _noun_of(c, doc).i == tok.head.i and c.field != "both"), None)
        if field is None and note not in {"another", "a"}:
            field = _linear_field(sent, end, lex)
        if field is None and note == "another":  # "a third later died": the verb a few words on
            field = next((f for w in doc[end:min(end + 4, sent.end)]
                          if (f := _casualty_field(w, lex)) in {"killed", "wounded"}), None)
        if field is None and note not in {"another", "a"} and _per_place_item(sent, start, end, lex) and out:
            field = out[-1].field  # "killed four in A, two in B and one in C": the list's figures share a type
        if field is None and out and start > sent.start and doc[start - 1].lower_ in {"including", "among", "of"} \
                and doc[start - 1].lower_ != "of":
            field = out[-1].field  # "30 killed ..., including six in Sumy": a part of the figure before
        if field is None or field == "both":
            i = end
            continue
        qual = _qualifier(sent, start, lex)
        if note == "a":
            note = ""
        if qual and not note:
            note = f"{qual} {lo}"
        count = Count(field, lo, head_tok.i, start, end, note)
        count = Count(field, lo, head_tok.i, start, end, note, _role(count, doc, lex))
        out.append(count)
        for k in range(start, end):
            by_token[k] = count
        i = end
    out = _sum_coordinated(_with_one_more(_with_the_others(_asyndetic_list(out, sent, lex), sent, lex), sent, lex),
                           sent, lex)
    out.extend(_named_victims(sent, lex, out))
    out.extend(_zero_counts(sent, lex))
    return sorted(out, key=lambda c: (c.start, c.field))
