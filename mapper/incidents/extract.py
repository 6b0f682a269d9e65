"""Extract incidents from one parsed article: the stage's entry point.

For every sentence: find triggers (attack, interception, battle, protest, riot,
arrest, diplomacy and outcome words), link them to place references through the
parse (:mod:`~mapper.incidents.attach`; the ``event_place`` model adds the places
the parse misses, :mod:`~mapper.incidents.place_model`), type each site the ACLED
way (:mod:`~mapper.incidents.event_model`), then read casualty figures (the
``toll`` model sets totals aside, :mod:`~mapper.incidents.toll_model`), damage
objects, dates, sources, sides and participants and hand them to the right site. Sentences
about the whole country (the site is a country, or the text says "across the
country") produce no point -- a country centroid is not where anything
happened -- but their weapons and date describe the article's attack as a
whole and fill in attacks whose own sentences do not name them. Their casualty
totals are never given to a city. A named part of a country or admin-1 area
("southern Lebanon") is a region-level point in that part of its boundary.

History and running totals are no incidents: an attack dated long before the
article ("In January 2023 a missile hit X") is dropped, and so is a figure or
attack under a "since 2022 / since the start of the war / since then" phrase.
An explosion told with an accident cause and no weapon ("caused by a gas leak")
is an ``other`` incident. A sea or region that only locates the attacked town
("In the Black Sea, drones attacked the port of X") is no site of its own.

A sentence that only tells damage ("About 40 houses were destroyed.") and names
no place and no new attack belongs to the most recent attack of its paragraph
(or of the paragraph before, when it opens the next one), even when other
sentences stand between them ("Residents fled.", "He spoke on condition of
anonymity."). Figures claimed by a party and figures of the attacking side are
kept apart from the victims' toll (see :mod:`mapper.incidents._merge`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from spacy.tokens import Doc, Span, Token

from mapper.geoparse import add_lemmas
from mapper.geoparse.actors import get_actors
from mapper.incidents._cues import entity_of, first_conjunct
from mapper.incidents._merge import merge_observations
from mapper.incidents._observe import ArticleContext, Observation
from mapper.incidents._assign import add_count, date_for, main_sites, site_for_count, site_for_damage, weapons_for
from mapper.incidents._header import header_end
from mapper.incidents.actors import event_sides, people_word
from mapper.incidents.attach import (PlaceRef, Site, clause_head, clause_text, focus_country, headline_label, place_refs,
                                     tree_distance)
from mapper.incidents.event_model import EVENT_AT, NONE, Typed, article_cues, type_triggers, word_set
from mapper.incidents.place_model import place_context, rank_sites
from mapper.incidents.toll_model import TOLL_AT, toll_scores
from mapper.incidents.damage import find_damage
from mapper.incidents.dates import DateMention, find_dates, parse_article_date, report_day
from mapper.incidents.history import cumulative_heads, is_cumulative, raised_totals, running_total_heads
from mapper.incidents.events import Trigger, armed_subject, assault_on_civilians, attack_lemmas, attack_targets, \
    background_places, care_place, find_outcomes, find_triggers, find_weapons, military_target, soldiers_hit
from mapper.incidents.lexicon import Lexicon, load_lexicon, word_in
from mapper.incidents.numbers import find_counts, number_value
from mapper.incidents.participants import find_participants, persons
from mapper.incidents.sources import find_sources, speaker_tokens
from mapper.geodesy import haversine_km
from mapper.model import Article, Incident, Place, Toponym
from mapper.names import country_name, fold

if TYPE_CHECKING:
    from mapper.gazetteer import Gazetteer

__all__ = ["extract_incidents"]

PART_CODE = "RGN"
VIOLENCE = frozenset({"attack", "battle", "interception"})
CROWD_TYPES = frozenset({"Protests", "Riots"})  # article cues (event_model.article_cues) of violence  # feature code of a compass part of an area ("southern Lebanon")


def _is_country(place: Place, lex: Lexicon) -> bool:
    return place.feature_code in lex.country_codes or (place.feature_class == "A" and place.feature_code.startswith("PCL"))


def _diplomatic(sent: Span, refs: list[PlaceRef], lex: Lexicon) -> bool:
    """True when a sentence speaks of states or their envoys: a diplomatic word, a nationality,
    or a country named in it."""
    if any(e.label_ == "NORP" for e in sent.ents):
        return True
    if any(r.place.feature_code in lex.country_codes for r in refs):
        return True
    words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    return bool(words & lex.diplomatic_context)


def _place_like_names(sent: Span, triggers: list[Trigger], lex: Lexicon) -> set[int]:
    """Tokens of names the tagger calls persons but the sentence uses as places: objects of a
    locative preposition or of an attack verb ("missiles hit Lutsk and Kovel")."""
    attack = {t.i for t in triggers if t.cls != "diplomacy"}
    out: set[int] = set()
    for ent in sent.ents:
        if ent.label_ != "PERSON":
            continue
        x = first_conjunct(ent.root)
        if (x.dep_ == "pobj" and x.head.lower_ in lex.locative_preps - {"with", "of"}) or \
                (x.dep_ == "dobj" and x.head.i in attack):
            out.update(range(ent.start, ent.end))
    return out


def _unresolved_place(sent: Span, lex: Lexicon) -> bool:
    """True when a proper noun follows a locative preposition ("In nearby Beryslav, ...") but no toponym
    was resolved there: the sentence is about some other place, so its figures must not be carried
    over to the previous sentence's site. An armed group's name is no such place ("blamed the attack,
    which also wounded 15 people, on OLF Shane")."""
    for tok in sent:
        if tok.pos_ == "PROPN" and tok.dep_ in {"pobj", "compound"} and tok.ent_type_ not in {"DATE", "TIME"} \
                and _locative_name(tok, lex):
            x = tok.head if tok.dep_ == "compound" else tok
            if not get_actors().find_outermost(sent.doc[x.left_edge.i: x.i + 1].text):
                return True
    return False


def _name_word(tok: Token) -> bool:
    """A word written as a name: capitalised, and a proper noun, or a noun the tagger puts in an
    entity inside a sentence ("killed by IS in Bashiqa": a village tagged a common noun)."""
    return tok.text[:1].isupper() and (
        tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and bool(tok.ent_type_) and not tok.is_sent_start))


def _locative_name(tok: Token, lex: Lexicon) -> bool:
    """True when proper noun ``tok`` (or the noun it is a compound of) follows a locative preposition.

    A name the tagger calls an organisation still counts when it names a camp, village, district ...
    ("in the Nuseirat refugee camp"), or when it is written bare, with no article, not in capitals
    and with no lower-case word inside but a joiner of place names ("near Kalay", "in Rincón de
    Tamayo", "in Buni-Yadi": the small tagger reads many a foreign village as an organisation;
    "at the Pentagon", "in UN talks" stay organisations). A headline's source after a spaced dash
    is no part of the name ("killed in Chermalyk - JFO HQ")."""
    named_part = tok.dep_ == "compound" and tok.head.lemma_.lower() in lex.container_nouns
    x = tok.head if tok.dep_ == "compound" else tok
    # "in the eastern Ghouta": a compass word makes a name with its article a part of a land
    told_as_land = any(c.dep_ == "amod" and c.lower_ in lex.compass for c in tok.children)
    ent = entity_of(tok)
    root = _compound_root(tok)
    dash = _source_dash(tok, root)  # "killed in X - DPR command": the name ends at the headline's source
    name = ent if ent is None or dash is None else tok.doc[ent.start:dash]
    if dash is not None:
        x = root  # the source's head word is what the preposition governs
    if name is not None and name.start <= x.head.i < tok.i and x.head.lower_ != "of":
        # "Residents Hail Military for Repelling Night Attack On Gombi", one organisation for the
        # tagger: the name starts after the preposition that governs it ("Ministry of Energy" stays whole)
        name = tok.doc[x.head.i + 1:name.end]
    bare = (x is tok or dash is not None) and name is not None and tok.ent_type_ == "ORG" \
        and (told_as_land or not any(c.dep_ == "det" for c in tok.children)) \
        and all((_name_word(t) or _joined_at(t.doc, t.i, name, lex)) and not t.is_upper for t in name)
    return (tok.ent_type_ != "ORG" or named_part or bare) and x.dep_ == "pobj" and x.head.lower_ in lex.locative_preps \
        and not care_place(x, lex)


def _compound_root(tok: Token) -> Token:
    """The word a chain of compounds after ``tok`` ends at ("Chermalyk - JFO HQ" -> "HQ"); ``tok`` itself
    when it is no compound of a later word."""
    while tok.dep_ == "compound" and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _source_dash(tok: Token, root: Token) -> int | None:
    """The spaced dash between a name and the word its compounds end at (``root``), if any: the tagger
    reads a headline's source after it as part of the name ("killed in Chermalyk - JFO HQ")."""
    doc = tok.doc
    return next((t.i for t in doc[tok.i + 1:root.i]
                 if t.text in {"-", "–", "—"} and t.whitespace_ and doc[t.i - 1].whitespace_), None)


def unresolved_names(sent: Span, lex: Lexicon, *, taken: set[int] | None = None) -> list[tuple[int, int, int]]:
    """Names the sentence writes as places, outside the tokens ``taken`` (the resolved places).

    ``(start, end, root)``: the run of proper nouns and the head that links it to the sentence.
    A name counts after a locative preposition ("in Buratai", "in the Nuseirat refugee camp"), as
    a name the tagger takes for a place that a verb acts on ("attacked Buratai"), or as the name
    of a camp, village, district ... ("destroyed Alajeri Camp"; not "Lugansk Republic
    militiamen", which names a side). A run that touches a resolved place
    ("Sudan Capital") is left out, and so are runs of capitals in a headline written in capitals,
    which the tagger reads as names whatever they are ("LANDMINE BLAST").
    """
    taken = set(taken or ())
    shouting = sum(t.is_upper for t in sent if t.is_alpha) > 0.8 * max(1, sum(t.is_alpha for t in sent))
    events = {t.i for t in _event_words(sent, lex)}
    out: list[tuple[int, int, int]] = []
    doc = sent.doc
    for tok in sent:
        if not _name_word(tok) or tok.i in taken or tok.ent_type_ in {"DATE", "TIME"} or tok.text in lex.demonyms:
            continue  # a name is written with a capital ("the jihadist group" is tagged a proper noun too);
            # "near the Thai border": a nationality, no place
        named_part = tok.dep_ == "compound" and tok.head.lemma_.lower() in lex.container_nouns
        x = tok.head if tok.dep_ == "compound" else tok
        first = first_conjunct(x)  # "in Dambuwa and Kalgori", "attacked Dambuwa and Kalgori"
        locative = tok.dep_ in {"pobj", "compound", "conj"} and _locative_name(first if x.dep_ == "conj" else tok, lex)
        # a name the tagger takes for a place, as what a verb acts on ("gunmen attacked Dambuwa")
        acted_on = first.dep_ in {"dobj", "nsubjpass"} and tok.ent_type_ in {"GPE", "LOC", "FAC"}
        if not locative and not acted_on and not (named_part and x.dep_ not in {"compound", "poss"}
                                                  and tok.ent_type_ not in {"PERSON", "NORP"}):
            continue
        start = end = tok.i
        while start > sent.start and (doc[start - 1].pos_ == "PROPN" or _joined_at(doc, start - 1, sent, lex)):
            start -= 1
        while end + 1 < sent.end and (doc[end + 1].pos_ == "PROPN" or _joined_at(doc, end + 1, sent, lex)):
            end += 1
        if named_part and start <= x.i <= end + 2:
            end = max(end, x.i)  # "Alajeri Camp", "Nuseirat refugee camp"
        span = range(start, end + 1)
        if taken.intersection(span) or (shouting and all(doc[k].is_upper for k in span if doc[k].is_alpha)):
            continue
        if events.intersection(span) or any(doc[k].text in lex.demonyms or people_word(doc[k], lex)
                                            or doc[k].lower_ in lex.person_titles for k in span):
            continue  # "14 Killed In Two Separate Attacks", "Gunmen Attack Nigerian Village", "Killed in
            # Jihadist Attack": a headline's words; "in the Superintendent of Police's office": a title
        taken.update(span)
        out.append((start, end + 1, x.i))
    return out


def _joined_at(doc: Doc, i: int, span: Span, lex: Lexicon) -> bool:
    """Whether word ``i`` of ``span`` joins two proper nouns into one place name: a joiner
    ("Kalgori de Dambuwa") or a hyphen with no space on either side ("Buni-Yadi")."""
    glued = doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_
    return (doc[i].lower_ in lex.name_joiners or glued) and span.start < i < span.end - 1 \
        and doc[i - 1].pos_ == "PROPN" and doc[i + 1].pos_ == "PROPN"


def _background(dm: DateMention | None, article_date: dt.date | None, lex: Lexicon) -> bool:
    """True for an event date long before the article ("In January 2023 a missile hit ..."): history."""
    if dm is None or article_date is None:
        return False
    try:
        day = dt.date.fromisoformat(dm.date)
    except ValueError:
        return False
    if dm.precision == "year":
        return day.year < article_date.year and (article_date - day).days > lex.background_days
    return (article_date - day).days > lex.background_days


def _accidental(sent: Span, triggers: list[Trigger], lex: Lexicon) -> bool:
    """True when the sentence's attack words are only explosion/fire words and it names an accident
    ("an explosion caused by a gas leak"), with no weapon: an accident is no attack."""
    doc = sent.doc
    attack = [t for t in triggers if t.cls in {"attack", "battle"}]
    if not attack or not lex.accident_markers:
        return False
    if any(doc[t.i].lemma_.lower() not in lex.accident_triggers and doc[t.i].lower_ not in lex.accident_triggers
           for t in attack):
        return False
    if find_weapons(sent, lex):
        return False
    text = " " + " ".join(t.lower_ for t in sent) + " "
    return any(f" {m} " in text for m in lex.accident_markers)


def _in_topic(site: Site, doc: Doc, lex: Lexicon) -> bool:
    """True when the place of a diplomatic event sits inside a topic phrase of its clause ("over the
    control of X", "about the war in Y", "talks on the war in Z"), on the way up from the place to
    the event word."""
    preps = lex.topic_preps - {"on"}  # "on" also places things ("on the sidelines of a summit in X")
    stop = {site.trigger.i, clause_head(doc[site.trigger.i]).i}
    x = doc[site.ref.root]
    for _ in range(16):
        if x.head.i == x.i or x.i in stop:
            return False
        x = x.head
        if x.i in stop:
            return False
        if x.dep_ == "prep" and x.lower_ in preps:
            return True
        if x.dep_ == "prep" and x.lower_ == "on" and any(c.dep_ == "pobj" and c.lemma_.lower() in lex.topic_nouns
                                                         for c in x.children):
            return True  # "talks on the war in X": "on" with a topic noun is what the talks are about
    return False


def _report_frame_sites(sent: Span, refs: list[PlaceRef], triggers: list[Trigger], lex: Lexicon) -> list[Site]:
    """Sites of a place that frames a report ("In X, the mayor said a missile struck a plant, injuring
    three") when the reported attack names no place of its own: the report is from where it happened."""
    doc = sent.doc
    out: list[Site] = []
    speakers = lex.source_generic | lex.speaker_nouns
    for r in refs:
        tok = doc[r.root]
        if _is_country(r.place, lex) or tok.dep_ != "pobj" or tok.head.lower_ not in {"in", "of"}:
            continue
        verb = tok.head.head
        frame = tok.head
        if verb.dep_ == "nsubj" and verb.lemma_.lower() in speakers:
            # "Residents of X said several houses were damaged by shell fire": the speakers are from there
            frame, verb = verb, verb.head
        elif tok.head.lower_ != "in":
            continue
        if verb.lemma_.lower() not in lex.report_verbs or frame.i > verb.i:
            continue  # only a fronted frame: "In X, officials say ..."
        inside = {w.i for w in verb.subtree} - {w.i for w in frame.subtree}
        # a place's people tell what they saw there, harm included; a fronted frame needs the attack told
        classes = {"attack", "battle", "outcome"} if frame.i != tok.head.i else {"attack", "battle"}
        reported = [t for t in triggers if t.cls in classes and t.i in inside]
        if reported:
            out.append(Site(r, reported[0], "attack", verb.i, "in", "", reported, {t.i: 30 for t in reported}))
    return out


_DISTRICT_KM = 30.0  # a district-level area (ADM2) named with a town this close locates the town


def _drop_enclosing(sites: list[Site]) -> list[Site]:
    """A sea, or an admin-1 region, named with an attack site inside it for the same event ("In the
    Black Sea, drones attacked the port of X"; "in the Y region, a drone struck the Z refinery"; "in
    the municipality of X, Y", a district of the region Y) only locates that site: the point is the
    inner place. A part of a country ("in southwestern Y") gives way to any other place of that
    country the sentence tells the event at."""
    attack = [s for s in sites if s.kind != "diplomacy"]
    out = []
    for s in sites:
        p = s.ref.place
        loose = p.feature_class == "H" or p.feature_code == PART_CODE  # a sea, "southern Ukraine"
        district = p.feature_code == "ADM2"  # "the town of X, the main town of Y district"
        if s.kind != "diplomacy" and (loose or p.feature_code == "ADM1" or district):
            # a town or a spot in it; in a region also a district of it ("the municipality of X, Guerrero")
            inner = [t for t in attack if t is not s and (t.ref.place.feature_class in {"P", "S"} or (
                         p.feature_code == "ADM1" and t.ref.place.feature_code in {"ADM2", "ADM3"}))
                     and t.trigger.i == s.trigger.i
                     and (loose or (t.ref.place.country_code == p.country_code
                                    and t.ref.place.admin1_code == p.admin1_code
                                    and (not district or haversine_km(t.ref.place.lat, t.ref.place.lon, p.lat, p.lon) <= _DISTRICT_KM)))]
            if inner:
                continue
        if s.kind != "diplomacy" and p.feature_code == PART_CODE and any(
            t is not s and t.ref.place.country_code == p.country_code and t.ref.place.feature_code != PART_CODE
            and not t.ref.place.feature_code.startswith("PCL") for t in attack
        ):
            continue  # "soldiers were killed in X department in an ambush in southwestern Y": X is where
        out.append(s)
    return out


def _dateline_end(doc: Doc) -> int:
    """Index of the first token after a dateline ("KYIV, April 14 (Reuters) — ..."), else 0.

    Its date is when the story was filed, not when anything happened (see :mod:`._header`).
    """
    first = next(iter(doc.sents), None)
    return header_end(first) if first is not None else 0


def _shared_attack_date(site: Site, dates: list[DateMention], triggers: list[Trigger], doc: Doc) -> DateMention | None:
    """An attack site the sentence's dates do not name takes its nearest attack date: "strikes on X late
    Saturday, hours after missiles were fired at a ship in Y" tells of one night, not of the article's summary."""
    attack_dates = [dm for dm in dates if min(triggers, key=lambda t: (tree_distance(doc[dm.i], doc[t.i]),
                                                                      abs(t.i - dm.i))).cls != "diplomacy"]
    if not attack_dates:
        return None
    return min(attack_dates, key=lambda dm: (tree_distance(doc[dm.i], doc[site.trigger.i]), abs(dm.i - site.trigger.i)))


def _event_probability(site: Site, typed: dict[int, Typed]) -> float:
    """The event_type model's probability that one of a site's event words tells an event."""
    return max((1.0 - typed[t.i].probs[NONE] for t in [site.trigger, *site.triggers] if t.i in typed), default=1.0)


def _type_site(site: Site, typed: dict[int, Typed], *, accidental: bool) -> None:
    """The site's event type, and why: the class its event words give most probability together, the
    word that links the place counting most. Words whose rules give a specific type (a weapon, a protest
    word, an assault on civilians ...) decide when there are any; the event_type model types the rest.
    None for an accident (no ACLED event)."""
    if accidental or not typed:
        return
    words = [typed[t.i] for t in {t.i: t for t in [site.trigger, *site.triggers]}.values() if t.i in typed]
    weights = [1.0 if t.i == site.trigger.i else 0.5 for t in {t.i: t for t in [site.trigger, *site.triggers]}.values()
               if t.i in typed]
    ruled = [k for k, w in enumerate(words) if w.why.startswith("rules")]
    total: dict[str, float] = {}
    whys: dict[str, list[str]] = {}
    for k in ruled or range(len(words)):
        for cls, p in words[k].probs.items():
            if cls != NONE and p > 0:
                total[cls] = total.get(cls, 0.0) + weights[k] * p
                whys.setdefault(cls, []).append(words[k].why)
    if total:
        site.etype = max(sorted(total), key=total.get)
        site.eprobs = total
        site.ewhy = max(set(whys[site.etype]), key=lambda w: (w.startswith("rules"), w))


def _type_from_context(site: Site, typed: dict[int, Typed], ctx: ArticleContext) -> None:
    """A site whose own words the rules cannot type takes a protest or riot the rules read in its sentence
    (violence told with a protest is part of it: "Protests spread on Monday, and police fired tear gas in
    X"), else, when it is told only by casualty words, the type of the story told just before ("...
    protests turned violent. Three of the deaths were in X")."""
    ruled = {max(w.probs, key=w.probs.get) for w in typed.values() if w.why.startswith("rules")}
    if len(ruled) == 1 and ruled <= CROWD_TYPES:
        cls = ruled.pop()
        why = next(w.why for w in typed.values() if w.why.startswith("rules"))
        site.etype, site.eprobs, site.ewhy = cls, {cls: 1.0}, f"{why} in the sentence"
    elif site.kind == "outcome" and ctx.story_type is not None and ctx.story_type[0] >= site.ref.sentence - 2:
        cls = ctx.story_type[1]
        site.etype, site.eprobs, site.ewhy = cls, {cls: 1.0}, "rules: the type of the event told just before"


def _ruled(site: Site, typed: dict[int, Typed]) -> bool:
    """True when a rule gives one of the site's event words a specific type."""
    return any(typed[t.i].why.startswith("rules") for t in [site.trigger, *site.triggers] if t.i in typed)


def _neutral(sent: Span, refs: list[PlaceRef], lex: Lexicon) -> bool:
    """True when a sentence names no place and no new event, casualty or damage word: one such
    sentence between an attack and its toll does not end the attack's story. Attack words that
    point back ("The bomber was on foot and detonated his explosive vest") tell no new event."""
    if refs:
        return False
    triggers = find_triggers(sent, lex)
    doc = sent.doc
    told = all(_points_back(doc[t.i], determiners=_KNOWN_DETERMINERS) for t in triggers)
    return told and not find_outcomes(sent, lex, taken=set())


_POINTING_DETERMINERS = frozenset({"the", "this", "that", "its"})
_KNOWN_DETERMINERS = _POINTING_DETERMINERS | {"his", "her", "their"}


def _points_back(tok: Token, *, determiners: frozenset[str] = _POINTING_DETERMINERS) -> bool:
    """True for an attack noun told as known ("the blast", "this attack", "its explosion"): it points
    back to an attack told before, it is no new one."""
    return tok.pos_ == "NOUN" and any(c.dep_ in {"det", "poss"} and c.lower_ in determiners for c in tok.children)


def _only_known_places(refs: list[PlaceRef], prev: list[Site], lex: Lexicon, doc: Doc | None = None) -> bool:
    """True when a sentence without sites names no new place: no place at all, or only the previous
    sentence's sites ("taken to the city's main hospital") and their country ("the Sudan Doctors
    Network said"), so its figures may go back to those sites. A country inside the name of a body
    ("an attack by the Armed Forces of X") names who acted, no place."""
    known = {s.ref.place.geonameid for s in prev}
    countries = {s.ref.place.country_code for s in prev}
    return all(r.place.geonameid in known or (_is_country(r.place, lex) and r.place.country_code in countries)
               or (doc is not None and _is_country(r.place, lex) and doc[r.root].ent_type_ == "ORG")
               or _encloses_site(r.place, prev, lex)
               or (doc is not None and care_place(doc[r.root], lex))
               for r in refs)


def _encloses_site(place: Place, prev: list[Site], lex: Lexicon) -> bool:
    """True for the admin-1 region of a previous site ("the X state police said 12 were killed" after
    an attack on a town of X state): it names no new place."""
    if place.feature_code not in {"ADM1", "ADM1H"} or not place.admin1_code:
        return False
    return any(s.ref.place.country_code == place.country_code and s.ref.place.admin1_code == place.admin1_code
               and s.ref.place.geonameid != place.geonameid for s in prev)


def _reason(site: Site, doc: Doc, si: int) -> str:
    trig = doc[site.trigger.i].text
    name = site.ref.name if not site.ref.anaphor_of else f"{site.ref.name} (= {site.ref.anaphor_of})"
    if site.prep in {"dobj", "nsubjpass"}:
        link = f"{trig} {name}" if site.prep == "dobj" else f"{name} {trig}"
    elif site.gov == site.trigger.i:
        link = f"{trig} {site.prep} {name}"
    else:
        link = f"{trig} … {site.prep} {name}"
    why = f" [{site.why}]" if site.why else ""
    return f"'{link}' in sentence {si + 1}{why}"


def _sentence_observations(si: int, sent: Span, refs: list[PlaceRef], *, lex: Lexicon, ctx: ArticleContext,
                           article_date: dt.date | None, prev: list[Site], story: Sequence[Site] = (),
                           recent: Sequence[Site] = (),
                           gazetteer: Gazetteer | None = None) -> tuple[list[Observation], list[Site]]:
    """Observations of one sentence and its sites (the next sentence may hand figures back to them).

    Country-level attack sentences only feed ``ctx``; a sentence with figures or damage but
    no place of its own gives them to the previous sentence's attack site; a sentence that
    only names delegation members adds them to the previous diplomatic event.
    """
    doc = sent.doc
    anchor = dt.date.fromisoformat(ctx.last_day) if ctx.last_day else None
    dates = [dm for dm in find_dates(sent, article_date, lex, anchor=anchor) if dm.i >= _dateline_end(doc)]
    told = [dm for dm in dates if dm.precision == "day"]
    if told:
        ctx.last_day = told[-1].date
    ctx.days.extend((si, dm.date) for dm in told if article_date is None or dm.date <= article_date.isoformat())
    triggers = find_triggers(sent, lex)
    outcomes = find_outcomes(sent, lex, taken={t.i for t in triggers})
    all_triggers = sorted(triggers + outcomes, key=lambda t: t.i)
    scene = ctx.scene_day if ctx.scene_day and ctx.scene_day[0] == si - 1 else None
    ctx.scene_day = (si, told[-1]) if told and not all_triggers and not refs else None
    if not all_triggers:
        if prev:
            extra = _carry_participants(si, sent, prev, triggers, lex=lex)
            if extra:
                return extra, prev
        return [], []
    for dm in dates:  # "Pakistan and Afghanistan agreed on Saturday to a ceasefire": the day of the talks told next
        nearest = min(all_triggers, key=lambda t: (tree_distance(doc[dm.i], doc[t.i]), abs(t.i - dm.i)))
        if nearest.cls == "diplomacy" and not report_day(dm, doc, lex) and not _background(dm, article_date, lex) \
                and (article_date is None or dm.date <= article_date.isoformat()):
            ctx.talk_dates.append((si, dm.date, dm.precision))
    if not any(t.cls in {"attack", "battle"} for t in triggers):
        # "air defence supplies" alone is no interception: it needs an attack or weapon in the sentence
        triggers = [t for t in triggers if t.cls != "interception"]
        all_triggers = sorted(triggers + outcomes, key=lambda t: t.i)
        if not all_triggers:
            return [], []
    accident: set[int] = set()
    if _accidental(sent, triggers, lex):
        # "an explosion caused by a gas leak": what happened there is told, but as no attack
        acc = accident = {t.i for t in triggers if t.cls in {"attack", "battle"}}
        triggers = [t for t in triggers if t.i not in acc]
        outcomes = sorted(outcomes + [Trigger(i, "outcome") for i in acc], key=lambda t: t.i)
        all_triggers = sorted(triggers + outcomes, key=lambda t: t.i)
    attack_words = [t for t in triggers if t.cls in {"attack", "interception", "battle"}]
    if attack_words:
        ctx.has_attack = True
    named = find_weapons(sent, lex)
    found = find_counts(sent, lex)
    typed = dict(zip((t.i for t in all_triggers),
                     type_triggers(sent, all_triggers, lex=lex, weapons=named, counts=found, cues=ctx.cues)))
    # an event is told: an attack, fighting or other event word, a figure, or a word of killing or wounding
    hurt = lex.casualties["killed"] | lex.casualties["wounded"]
    event = any(t.cls in {"attack", "battle", "other"} for t in triggers) or bool(found) \
        or any(word_in(doc[t.i], hurt) for t in outcomes)
    # background, never a rival for the event's place: where people fled from or to ("families who fled
    # fighting in X", "inhabitants fled to the town of X"), where victims were treated ("taken to hospitals
    # in X"), a place that tells who someone is ("a commander responsible for rocket fire at X")
    background = background_places(sent, [r.root for r in refs], lex)
    sites = rank_sites(sent, [r for r in refs if r.root not in background], all_triggers, lex=lex,
                       context=ctx.places, event=event)
    for s in sites:
        # in an article with no word of violence, casualties or damage told alone are typed as an event
        # only when the event_type model reads one in them ("a cholera outbreak killed 20 in X": no, an
        # ``other`` incident with no event type), or when soldiers or police are the dead ("two soldiers
        # were killed in X": armed men who die die in fighting)
        trigger = doc[s.trigger.i]
        unclear = s.kind == "outcome" and not ctx.cues & VIOLENCE and not _ruled(s, typed) \
            and _event_probability(s, typed) < EVENT_AT and not armed_subject(trigger, lex, forces=True) \
            and not soldiers_hit(trigger, lex)
        _type_site(s, typed, accidental=s.trigger.i in accident or unclear)
        if s.etype and not _ruled(s, typed) and s.trigger.i not in accident:
            _type_from_context(s, typed, ctx)
    told = {w.probs and max(w.probs, key=w.probs.get) for w in typed.values() if w.why.startswith("rules")}
    if len(told) == 1 and not accident:
        ctx.story_type = (si, told.pop())
    sites = [s for s in sites if s.ref.root not in background]
    cumulative = cumulative_heads(sent, lex)
    totals = cumulative | running_total_heads(sent, lex)
    raised = raised_totals(found, doc, lex)
    counts = [c for c in found if not is_cumulative(c.i, totals, doc) and c.i not in raised]
    if not any(s.kind != "diplomacy" for s in sites):
        counts = [c for c in counts if c.note != "part"]  # "nine of the dead were women": told elsewhere
    # the toll model: a figure that reads as a total ("13,000 killed so far this year", "the ministry's toll
    # of 220") is no incident's toll; figures of people abducted or arrested are counted as told
    tolls = [c for c in counts if c.field in {"killed", "wounded", "both"}]
    scores = toll_scores(sent, tolls, lex=lex, cumulative=[False] * len(tolls), places=len(refs),
                         attack=any(t.cls in {"attack", "battle", "other"} for t in triggers))
    dropped = {id(c): why for c, (p, why) in zip(tolls, scores) if p < TOLL_AT}
    counts = [c for c in counts if id(c) not in dropped]
    # "20 militants were killed": the attacking side when the article's attackers are an armed group
    counts = [replace(c, role="attackers" if ctx.armed_attackers else "") if c.role == "armed" else c for c in counts]
    if found and not counts and not attack_words:
        return [], []  # "the war has killed 10,000 in X since 2022": a running total names no incident
    # "shelling has killed 300 in X since the start of the year": the course of the war, no incident
    sites = [s for s in sites if not is_cumulative(s.trigger.i, cumulative, doc)]
    damage = find_damage(sent, lex)
    harm = bool(counts or damage)
    if harm and not any(s.kind != "diplomacy" for s in sites):
        sites += [s for s in _report_frame_sites(sent, refs, all_triggers, lex) if s.ref.root not in background]
    sites = _drop_enclosing([_compass_part(_lift_region(s, gazetteer), doc, lex, harm=harm) for s in sites])
    sites = _drop_landmarks(_one_between(sites, doc), doc, lex)
    # "negotiations have stalled over control of X, a region in eastern Y": Y is in the subject, no venue
    sites = [s for s in sites if not (s.kind == "diplomacy" and _in_topic(s, doc, lex))]
    if any(s.kind == "diplomacy" for s in sites) and not _diplomatic(sent, refs, lex):
        # "a council meeting in X", "a visit to X": everyday words unless the sentence is about states
        sites = [s for s in sites if not (s.kind == "diplomacy" and all(
            word_in(doc[t.i], lex.weak_diplomacy) for t in s.triggers))]
    # a country is no point for an attack (its centroid is not where anything happened);
    # talks "in Saudi Arabia" keep a country-level (precision 3) site
    country = [s for s in sites if _is_country(s.ref.place, lex) and s.kind != "diplomacy"]
    sites = [s for s in sites if not (_is_country(s.ref.place, lex) and s.kind != "diplomacy")]
    # "in the commune of X, in the Centre-Nord region of Burkina Faso": the country only ends the
    # chain that locates a site of its own; its figures are that site's, no country's total
    country = [c for c in country if not _locating_country(c, sites, doc)]
    # "strikes across northern and eastern X killed 31": a total spread over a country's parts, no site
    spread = [s for s in sites if s.kind != "diplomacy" and s.prep in lex.spread_preps
              and s.ref.place.feature_code == PART_CODE]
    country += spread
    sites = [s for s in sites if not any(s is x for x in spread)]
    text = sent.text.lower()
    total = bool(country) or any(m in text for m in lex.total_markers)
    # an attack at a place the gazetteer does not know ("in the X area of Y") is no summary of the article's attack
    summary = attack_words and not any(s.kind != "diplomacy" and s.ref.place.feature_code != PART_CODE for s in sites) \
        and not (not sites and not refs and _unresolved_place(sent, lex))
    carried = False
    # "Since 2023 they have attacked 100 ships, sinking two": the war's course, nothing to carry on
    course = bool(attack_words) and all(is_cumulative(t.i, cumulative, doc) for t in attack_words)
    if not sites and prev and (counts or damage) and not total and not course \
            and _only_known_places(refs, prev, lex, doc) and not _unresolved_place(sent, lex):
        sites = [s for s in prev if s.kind != "diplomacy"]
        carried = bool(sites)
    if not sites and story and damage and not counts and not attack_words and not refs and not total \
            and not any(is_cumulative(d.i, cumulative, doc) for d in damage) and not _unresolved_place(sent, lex):
        # "... a strike hit the village. Residents fled. About 40 houses were destroyed.": the story's damage
        sites = [s for s in story if s.kind != "diplomacy"]
        carried = bool(sites)
    if summary and not carried:
        # an attack stated for the article/country (or a part of it) as a whole: context for
        # the sites named elsewhere (not a sentence that goes on with the attack told before it,
        # "... the rockets were intercepted and no one was hurt")
        ctx.weapons.extend(m.weapon for m in find_weapons(sent, lex))
        for dm in [dm for dm in dates if not report_day(dm, doc, lex)] or dates:
            nearest = min(all_triggers, key=lambda t: (tree_distance(doc[dm.i], doc[t.i]), abs(t.i - dm.i)))
            if nearest.cls != "diplomacy" and not _background(dm, article_date, lex):
                ctx.dates.append((si, dm.date, dm.precision))
    if not sites and recent and (counts or damage) and attack_words and not refs and not total and not course \
            and len({s.ref.place.geonameid for s in recent}) == 1 \
            and all(_points_back(doc[t.i]) for t in attack_words) and not _unresolved_place(sent, lex):
        # "The blast destroyed six cars and damaged a hotel.", paragraphs after the bombing in X: "the blast"
        # points back to the last attack told
        sites = [s for s in recent if s.kind != "diplomacy"]
        carried = bool(sites)
    if not sites and prev:
        extra = _carry_participants(si, sent, prev, triggers, lex=lex)
        if extra:
            return extra, prev
    if not sites:
        if attack_words and _unresolved_place(sent, lex):
            ctx.unplaced_attack = True  # "another strike hit a school in the X camp" (X unknown): a second attack
        if not total and not course:
            # a toll the sentence ties to no place: the article's one attack takes it, if it has exactly one
            ctx.loose.extend((si, c) for c in counts if c.field in {"killed", "wounded"} and not c.role)
        return [], []
    sources = find_sources(sent, lex)
    speakers = speaker_tokens(sent, lex)
    span = (sent.start_char, sent.end_char)
    evidence = sent.text.strip()
    obs_by_site: dict[int, Observation] = {}
    out: list[Observation] = []
    battle = any(t.cls == "battle" for t in triggers)
    interception = any(t.cls == "interception" for t in triggers)
    diplo_tokens = [doc[t.i] for t in triggers if t.cls == "diplomacy"]
    place_tokens = {k for r in refs for k in range(r.start, r.end)} | _place_like_names(sent, triggers, lex)
    place_tokens |= set(range(sent.start, header_end(sent)))  # "ISTANBUL, Nov 24 (Reuters) - ..." names no party
    words = word_set(sent)
    old: set[int] = set()
    for k, s in enumerate(sites):
        reason = _reason(s, doc, si) if not carried else f"casualties/damage in sentence {si + 1} follow the attack on {s.ref.place.name}"
        if interception and s.kind != "diplomacy":
            reason += " (air defence / interception reported)"
        o = Observation(
            kind=s.kind, place=s.ref.place, name=s.ref.name, sentence=si, span=span, evidence=evidence, at=s.ref.start,
            reason=reason, sub=s.trigger.sub if s.kind == "diplomacy" else "", hint=s.hint, battle=battle,
            sources=list(sources), carried=carried, etype=s.etype, eprobs=dict(s.eprobs), ewhy=s.ewhy, words=words,
        )
        measured = _measured_from(doc, s.ref, lex) if not carried else None
        o.away_km, o.away_dir = measured if measured is not None else (None, "")
        if not carried:
            o.actor1, o.actor2 = event_sides([s.trigger, *s.triggers], sent, counts, lex=lex, places=place_tokens)
        if s.kind != "diplomacy" and not carried:
            o.weapons = weapons_for(s, sent, sites, lex)
            unarmed = not o.weapons and not named
            o.raid = unarmed and any(
                t.cls in {"attack", "battle"} and military_target(doc[t.i], lex) for t in s.triggers)
            # "armed bandits attacked a village, killing 12 and abducting 45": violence against civilians
            o.civilians = unarmed and any(
                t.cls in {"attack", "battle"} and assault_on_civilians(doc[t.i], lex) for t in s.triggers)
            o.abduction = unarmed and any(word_in(tok, lex.abduction_words) for tok in sent)
            o.battle = o.battle and not o.civilians
            o.target, o.definite = _target(s, doc)
            own = [t for t in s.triggers if t.cls in {"attack", "battle"}]
            o.points_back = bool(own) and all(_points_back(doc[t.i]) for t in own)
            o.apart = sent[0].lower_ in lex.apart_words or (len(sent) > 1 and f"{sent[0].lower_} {sent[1].lower_}" in lex.apart_words)
        elif s.kind != "diplomacy" and attack_words and len({x.ref.place.geonameid for x in sites}) == 1:
            # "RSF fighters stormed the camp and shelled homes with artillery" after the attack on the camp's
            # town: the sentence tells more of that attack, its weapons included
            o.weapons = sorted({m.weapon for m in named})
        # "..., police said on Monday": the day of the report, not of the attack
        own_dates = dates if s.kind == "diplomacy" else [dm for dm in dates if not report_day(dm, doc, lex)]
        dm = date_for(s, sites, own_dates, all_triggers, doc) if not carried else None
        if dm is None and not carried and s.kind != "diplomacy":
            dm = _shared_attack_date(s, own_dates, all_triggers, doc)
        if dm is None and not carried and s.kind != "diplomacy" and scene is not None:
            dm = scene[1]  # "On Sunday the war came to her street again. A bomb struck X ...": that Sunday
            o.reason += f"; date from the sentence before ('{dm.text}')"
        if dm is None and not carried and s.kind == "diplomacy":
            # "agreed on Saturday to a ceasefire ... that came out of talks in Doha": the sentence's one
            # date of diplomacy
            diplo_dates = [d for d in dates if not _background(d, article_date, lex) and min(
                all_triggers, key=lambda t: (tree_distance(doc[d.i], doc[t.i]), abs(t.i - d.i))).cls == "diplomacy"]
            if len({d.date for d in diplo_dates}) == 1:
                dm = diplo_dates[0]
                o.reason += f"; date of the diplomacy told in the sentence ('{dm.text}')"
        if dm is None and not carried and s.kind != "diplomacy" and len(own_dates) < len(dates):
            # "a Russian attack had killed a man in X, the governor said on Saturday": told no other day
            said = next(dm for dm in dates if dm not in own_dates)
            dm = DateMention(said.i, said.date, "week", said.text)  # it happened that day or shortly before
            o.reason += f"; date of the statement ('{dm.text}')"
        if _background(dm, article_date, lex):
            old.add(k)  # "In January 2023 a missile hit X", "talks ... in Washington in August": history
        if dm is not None:
            o.date, o.date_precision = dm.date, dm.precision
        if s.kind == "diplomacy":
            own = [t for t in s.triggers if s.same_event(t.i, doc) and not _other_venue(t, s, sites, doc)]
            others = [tok for tok in diplo_tokens if not s.same_event(tok.i, doc)]
            people: list[str] = []
            for t in own:
                people.extend(find_participants(doc[t.i], sent, exclude=speakers | place_tokens, other_triggers=others,
                                                titles=lex.diplomatic_context))
            o.participants = people
        obs_by_site[k] = o
        out.append(o)
    site_index = {id(s): k for k, s in enumerate(sites)}
    for c in counts:
        # "killed two in X, a city that has seen weeks of unrest amid nationwide protests": a marker of a
        # total counts in the figure's own clause
        own = clause_text(doc[c.i], sent)
        own_total = bool(country) or any(f" {m} " in own for m in lex.total_markers)
        targets = [site_for_count(c, sites, counts, doc, total=own_total)]
        if targets[0] is None and c.value == 0 and (carried or len(counts) == 1):
            targets = main_sites([s for s in sites if s.kind != "diplomacy"])  # "no casualties in either town"
        for s in targets:
            if s is not None:
                add_count(obs_by_site[site_index[id(s)]], c)
    for d in damage:
        s = site_for_damage(d, sites, doc)
        if s is not None:
            obs_by_site[site_index[id(s)]].damage.append(d.text)
    if old:
        out = [o for k, o in obs_by_site.items() if k not in old]
        sites = [s for k, s in enumerate(sites) if k not in old]
    return out, sites


def _venue_by_party(sent: Span, diplo: list[Site], doc: Doc) -> list[Site]:
    """Of several venues told in the sentence before, the one whose clause names the party of
    this sentence ("talks in A between Israeli and Hamas negotiators, while mediators hosted a
    Palestinian delegation in B. The Israeli delegation, led by X, met Y": A)."""
    parties = {t.lower_ for t in sent if t.ent_type_ in {"NORP", "ORG", "GPE"} and t.pos_ in {"ADJ", "PROPN"}}
    if not parties:
        return []
    by_place: dict[int, list[Site]] = {}
    for s in diplo:
        by_place.setdefault(s.ref.place.geonameid, []).append(s)
    matched = []
    for gid, group in by_place.items():
        site = group[0]
        words = {w.i for w in clause_head(doc[site.trigger.i]).subtree}
        for o in diplo:  # leave out the clauses of the other venues told inside this one
            if o.ref.place.geonameid == gid:
                continue
            phrase = {w.i for w in clause_head(doc[o.trigger.i]).subtree}
            if site.ref.root not in phrase:
                words -= phrase
        if parties & {doc[k].lower_ for k in words}:
            matched.append(group)
    return matched[0] if len(matched) == 1 else []


def _other_venue(t: Trigger, site: Site, sites: list[Site], doc: Doc) -> bool:
    """True when diplomacy word ``t`` (not the site's own) has another venue in its phrase: "talks
    in A, while mediators hosted a delegation in B" -- the hosting, and its guests, are B's."""
    if t.i == site.trigger.i:
        return False
    phrase = {w.i for w in doc[t.i].subtree}
    if site.ref.root in phrase:
        return False
    return any(o.kind == "diplomacy" and o.ref.place.geonameid != site.ref.place.geonameid and o.ref.root in phrase
               for o in sites)


def _carry_participants(si: int, sent: Span, prev: list[Site], triggers: list[Trigger], *,
                        lex: Lexicon) -> list[Observation]:
    """People named right after a diplomacy sentence ("X will lead the delegation") join its event."""
    diplo = [s for s in prev if s.kind == "diplomacy"]
    doc = sent.doc
    if len({s.ref.place.geonameid for s in diplo}) > 1:
        diplo = _venue_by_party(sent, diplo, doc)
    if len({s.ref.place.geonameid for s in diplo}) != 1:
        return []
    verbs = {t.lemma_.lower() for t in sent if t.pos_ in {"VERB", "AUX"}}
    # only a sentence that names no event of its own: "X will lead the delegation", "Y joined the talks"
    # (diplomacy nouns there are definite, pointing back; a diplomacy verb would be a new event)
    if not verbs & lex.delegation_words and not {t.lemma_.lower() for t in sent} & {"delegation"}:
        return []
    def definite(tok: Token) -> bool:
        return any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "these", "those", "their"} for c in tok.children)

    diplo_i = {t.i for t in triggers if t.cls == "diplomacy"}
    for t in triggers:
        if t.cls != "diplomacy":
            continue
        tok = doc[t.i]
        if tok.pos_ in {"VERB", "AUX"}:
            # "X hosted the meeting": a verb whose object is the event told before; "The Israeli
            # delegation, led by X, met Y": a verb whose subject is the delegation told before
            if not any(c.dep_ == "dobj" and c.i in diplo_i and definite(c) for c in tok.children) \
                    and not any(c.dep_ == "nsubj" and definite(c) and word_in(c, lex.delegation_words)
                                for c in tok.children):
                return []
        elif not definite(tok):
            return []
    speakers = speaker_tokens(sent, lex)
    people = [e for e in persons(sent) if not any(t.i in speakers for t in e)]  # "Mohammed ..." + "Al Thani" is one
    if not people:
        return []
    from mapper.incidents.participants import person_with_role

    s = diplo[0]
    o = Observation(kind="diplomacy", place=s.ref.place, name=s.ref.name, sentence=si, at=s.ref.start,
                    span=(sent.start_char, sent.end_char), evidence=sent.text.strip(),
                    reason=f"participants in the next sentence of the event at {s.ref.place.name}", sub=s.trigger.sub,
                    participants=[person_with_role(e) for e in people], sources=find_sources(sent, lex))
    return [o]


def extract_incidents(article: Article, doc: Doc, toponyms: Sequence[Toponym], *,
                      gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> list[Incident]:
    """Incidents reported by one article.

    Parameters
    ----------
    article : Article
        The article (``date`` anchors relative dates; ``id``/``title``/``url`` are copied).
    doc : spacy.tokens.Doc
        spaCy parse of ``article.text`` (parser and sentences needed).
    toponyms : sequence of Toponym
        Resolved toponyms of the article (offsets index ``article.text``).
    gazetteer : Gazetteer, optional
        Used to lift a town to its admin-1 region when the text says "the region of X".
    lexicon : Lexicon, optional
        Vocabulary; defaults to ``data/lexicon``.

    Returns
    -------
    list[Incident]
        One incident per place and kind, sorted by first mention.
    """
    lex = lexicon or load_lexicon()
    if not doc.has_annotation("DEP"):
        return []
    add_lemmas(doc)  # mapper's pipeline leaves lemmas to the stages that read them
    article_date = parse_article_date(article.date)
    refs = place_refs(doc, toponyms, lex, capital_of=gazetteer.capital if gazetteer is not None else None)
    by_sent: dict[int, list[PlaceRef]] = {}
    for r in refs:
        by_sent.setdefault(r.sentence, []).append(r)
    ctx = ArticleContext(armed_attackers=_armed_attackers(doc, lex), focus_cc=focus_country(refs),
                         cues=article_cues(doc, lex), places=place_context(refs, title=article.title or "", lex=lex))
    observations = _observe(doc, by_sent, lex=lex, ctx=ctx, article_date=article_date, gazetteer=gazetteer)
    incidents = merge_observations(observations, article, ctx, lex=lex)
    if not any(i.kind == "attack" for i in incidents):
        incidents += _unplaced_attacks(article, doc, by_sent, lex=lex, article_date=article_date, ctx=ctx)
    return incidents


def _observe(doc: Doc, by_sent: dict[int, list[PlaceRef]], *, lex: Lexicon, ctx: ArticleContext,
             article_date: dt.date | None, gazetteer: Gazetteer | None) -> list[Observation]:
    """The observations of every sentence, in order (each sentence sees the sites told before it)."""
    observations: list[Observation] = []
    prev: list[Site] = []
    bridged = False
    story: list[Site] = []  # the latest attack sites, for damage told a few sentences later
    recent: list[Site] = []  # the latest attack sites of the article, for "the blast" told paragraphs later
    story_para = -1
    breaks = _paragraph_breaks(doc.text)
    last_para = -1
    for si, sent in enumerate(doc.sents):
        para = _paragraph(sent.start_char, breaks)
        opening = para != last_para
        last_para = para
        open_story = story if para == story_para or (opening and para == story_para + 1) else []
        obs, sites = _sentence_observations(si, sent, by_sent.get(si, []), lex=lex, ctx=ctx,
                                            article_date=article_date, prev=prev, story=open_story,
                                            recent=recent, gazetteer=gazetteer)
        observations.extend(obs)
        attack_sites = [s for s in sites if s.kind != "diplomacy"]
        if attack_sites:
            recent = attack_sites
        if attack_sites:
            story, story_para = attack_sites, para
        elif by_sent.get(si) or any(t.cls in {"attack", "battle", "interception"} for t in find_triggers(sent, lex)):
            story = []  # another place or another attack: the story of the last one has ended
        if not sites and prev and not bridged and _neutral(sent, by_sent.get(si, []), lex):
            bridged = True  # "Rescue work was continuing, the governor said.": the story goes on
            continue
        prev, bridged = sites, False
    return observations


def _unplaced_attacks(article: Article, doc: Doc, by_sent: dict[int, list[PlaceRef]], *, lex: Lexicon,
                      article_date: dt.date | None, ctx: ArticleContext) -> list[Incident]:
    """Attacks told at a place the gazetteer does not know, in an article that gives no attack a point.

    The names a sentence with no resolved place writes as places ("in Buratai", "Alajeri camp")
    stand in for places with no point, and so does a country when it is the only place the
    sentence names and the sentence tells casualties or damage ("seven killed in a landmine blast
    in South Sudan"); the sentences are read
    again with them, and the attacks found there become incidents with no point (``lat``, ``lon``
    and ``geo_precision`` ``None``, and the country the sentence puts them in, if it names one):
    the attack, its toll, weapons and date are told, and no point beats a wrong one.
    """
    stand_ins: dict[int, list[PlaceRef]] = {}
    ids: dict[tuple[str, str], int] = {}  # one stand-in per name (and country) told, however often
    countries: set[int] = set()
    for si, sent in enumerate(doc.sents):
        refs = by_sent.get(si, [])
        names = [(doc[start:end].text, start, end, root) for start, end, root in
                 unresolved_names(sent, lex, taken={k for r in refs for k in range(r.start, r.end)})]
        if not names and any(not _is_country(r.place, lex) for r in refs):
            continue  # a sentence that places its events
        # the country the sentence puts the name in ("Iraq's X", "X, Mali", "in Iraq"), not one naming a side
        where = [r for r in refs if _puts_event_in(doc, r)] or _home_forces(sent, refs, lex) \
            or _national_settlement(sent, lex)
        cc = where[0].place.country_code if len({r.place.country_code for r in where}) == 1 else ""
        # the country alone: only for harm told there ("nine killed in Ukraine"), not a word about it
        # ("the towns in eastern Ukraine, which have seen the fiercest fighting")
        # or a headline's label ("Mozambique: soldiers killed in jihadist ambush")
        whole = not names and bool(cc) and bool(find_counts(sent, lex) or find_damage(sent, lex)
                                                 or _event_in_country(doc, where[0], _event_words(sent, lex))
                                                 or (headline_label(where[0], doc) and _event_words(sent, lex)))
        if whole:
            names = [(r.place.name, r.start, r.end, r.root) for r in where[:1]]  # the country is all it tells
        for name, start, end, root in names:
            gid = ids.setdefault((fold(name), cc), -1 - len(ids))
            if whole:
                countries.add(gid)
            stand_ins.setdefault(si, []).append(PlaceRef(Place(gid, name, math.nan, math.nan, "P", "PPL", cc),
                                                         name, start, end, root, si))
    if not stand_ins:
        return []
    again = ArticleContext(armed_attackers=ctx.armed_attackers, cues=ctx.cues)  # the article's words, read once
    observations = [o for o in _observe(doc, stand_ins, lex=lex, ctx=again, article_date=article_date, gazetteer=None)
                    if o.kind != "diplomacy" and not o.carried]
    out = []
    for inc in merge_observations(observations, article, again, lex=lex):
        if inc.kind != "attack":
            continue
        why = (f"told for the whole of {inc.place}" if inc.geonameid in countries
               else f"the gazetteer has no place for {inc.place!r} that the text supports")
        inc.lat = inc.lon = inc.geo_precision = None
        inc.geonameid, inc.admin1, inc.feature_code = 0, "", ""
        inc.reason = f"no point: {why}; {inc.reason}"
        out.append(inc)
    return out


def _event_words(sent: Span, lex: Lexicon) -> list[Trigger]:
    """The sentence's attack, fighting and killing words."""
    triggers = find_triggers(sent, lex)
    return triggers + find_outcomes(sent, lex, taken={t.i for t in triggers})


def _event_in_country(doc: Doc, ref: PlaceRef, triggers: list[Trigger]) -> bool:
    """Whether an attack, fighting or killing word takes the country as where it happened ("attack
    in eastern Burkina Faso", "dozens killed in central Mali", "an Afghanistan blast"), not a word
    that only lies near it ("the towns in eastern Ukraine, which have seen the fiercest fighting")."""
    tok = doc[ref.root]
    if tok.dep_ == "compound":  # "civilians killed in Afghanistan blast": the event is the country's
        head = tok
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
        return any(t.i == head.i and t.cls in {"attack", "battle", "outcome"} for t in triggers)
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in {"in", "inside"}:
        return False
    heads = {prep.head.i}
    if prep.head.dep_ in {"pobj", "dobj"}:
        # "attack on a village in central Mali": the place of what the attack hit
        heads.add(prep.head.head.head.i if prep.head.dep_ == "pobj" else prep.head.head.i)
    return any(t.i in heads and t.cls in {"attack", "battle", "outcome"} for t in triggers)


def _drop_landmarks(sites: list[Site], doc: Doc, lex: Lexicon) -> list[Site]:
    """Without the places a sentence only measures another from ("in X, 200 km northwest of the
    capital Y"): Y is a landmark, no site, when the sentence has a site of its own."""
    far = [s for s in sites if s.kind != "diplomacy" and (_measured_from(doc, s.ref, lex) or (0.0, ""))[0] > lex.near_km]
    rest = [s for s in sites if not any(s is f for f in far)]
    return rest if far and any(s.kind != "diplomacy" for s in rest) else sites


def _locating_country(country: Site, sites: list[Site], doc: Doc) -> bool:
    """Whether a country is written as what an area of the sentence is "of" ("the Centre-Nord region
    of Burkina Faso", "Niger's western Tillaberi region") while another site of the sentence lies in
    that country, or as what it lies near ("... region near Burkina Faso")."""
    root = doc[country.ref.root]
    if root.dep_ == "pobj" and root.head.lower_ == "near":
        return any(s.kind != "diplomacy" for s in sites)  # "in X region near Burkina Faso": a neighbour
    return (root.dep_ == "pobj" and root.head.lower_ == "of" or root.dep_ == "poss") and any(
        s.kind != "diplomacy" and s.ref.place.country_code == country.ref.place.country_code for s in sites)


def _one_between(sites: list[Site], doc: Doc) -> list[Site]:
    """ "a device blew up as a convoy passed between X and Y": one event on the way between two
    places, told at the first of them (the second is only the other end of the way)."""
    firsts = {s.ref.root for s in sites if s.kind != "diplomacy"
              and doc[s.ref.root].dep_ == "pobj" and doc[s.ref.root].head.lower_ == "between"}
    return [s for s in sites if not (s.kind != "diplomacy" and doc[s.ref.root].dep_ == "conj"
                                     and doc[s.ref.root].head.i in firsts)]


def _measured_from(doc: Doc, ref: PlaceRef, lex: Lexicon) -> tuple[float, str] | None:
    """The distance in km and the direction (a compass code, or "") the text writes before a place it
    measures from ("100 kilometres from X", "20 km north of X", "90 km northeast of the capital X",
    "12 miles outside X"), else None."""
    root = doc[ref.root]
    k = ref.start - 1
    while k >= 0 and (doc[k].lower_ == "the" or (doc[k].head.i == ref.root and doc[k].dep_ in {"det", "compound", "amod"})
                      or (root.dep_ == "appos" and root.head.i == k)):
        k -= 1  # "of the Niger capital Niamey", "of the capital Mogadishu": the words that describe it
    if k < 1 or doc[k].lower_ not in {"from", "of", "outside"}:
        return None
    k -= 1
    direction = ""
    if doc[k].lower_ in lex.compass or doc[k].lower_ == "away":
        direction = lex.compass.get(doc[k].lower_, "")  # "north of X", "away from X"
        k -= 1
    while k >= 0 and doc[k].text in {"(", ")"}:
        k -= 1
    if k < 1 or doc[k].lower_ not in lex.distance_units:
        return None
    value = number_value(doc[k - 1].text, lex)
    return (value * lex.distance_units[doc[k].lower_], direction) if value is not None else None


def _home_forces(sent: Span, refs: list[PlaceRef], lex: Lexicon) -> list[PlaceRef]:
    """The country a sentence names only as whose forces act ("Myanmar military air raid kills
    five"), when every actor it names acts in that country alone (data/geoparse/actors.tsv leaves
    out the forces that often strike abroad): the event lies there."""
    hits = get_actors().find_outermost(sent.text)
    homes = {h.actor.countries for h in hits}
    if len(homes) != 1 or len(next(iter(homes))) != 1:
        return []
    home = next(iter(homes))[0]
    return [r for r in refs if _is_country(r.place, lex) and r.place.country_code == home][:1]


def _national_settlement(sent: Span, lex: Lexicon) -> list[PlaceRef]:
    """A settlement the sentence gives only a nationality ("Gunmen attack Nigerian village", "a Malian
    town"): the country it lies in, written at the settlement's noun. Only a word of a settlement
    (``container_nouns`` of a town), whose country cannot be elsewhere; not a nationality of people
    or forces, who may act abroad."""
    for tok in sent:
        head = tok.head
        cc = lex.nationalities.get(tok.text)
        if cc and tok.dep_ in {"amod", "compound"} and head.i > tok.i \
                and lex.container_nouns.get(head.lemma_.lower()) == "town" and head.lemma_.lower() != "capital":
            name = country_name(cc)
            return [PlaceRef(Place(0, name, math.nan, math.nan, "A", "PCLI", cc), name, head.i, head.i + 1, head.i,
                             0)] if name else []
    return []


_EVENT_PREPS = frozenset({"in", "inside", "across", "throughout", "of", "at", "on", "during", "after"})


def _puts_event_in(doc: Doc, ref: PlaceRef) -> bool:
    """Whether a country is written where it says where the sentence's events happened ("Iraq's
    X", "X, Mali", "in Iraq", "in a Burkina Faso attack", "Mali: ..." as a headline's label), not
    as whose forces act ("Myanmar military air raid", "killed by Myanmar junta fire")."""
    tok = doc[ref.root]
    if tok.dep_ in {"poss", "appos"}:
        return True
    if tok.dep_ == "pobj":
        # "in Iraq", "the north of Mali"; not "near the border with Chad", "fled to Niger"
        return tok.head.lower_ in _EVENT_PREPS and tok.head.head.lemma_.lower() not in {"border", "frontier", "boundary"}
    if headline_label(ref, doc):
        return True  # "Central African Republic: two killed ..."
    head = tok
    while head.dep_ == "compound" and head.head is not head:
        head = head.head
    # "in a Burkina Faso attack", "on a Burkina Faso church"; not "near the Niger border", "by Myanmar junta fire"
    return head is not tok and head.dep_ == "pobj" and head.head.lower_ in _EVENT_PREPS - {"of", "across", "throughout"}


def _target(site: Site, doc: Doc) -> tuple[str, bool]:
    """Lemma of what the site's attack hit and whether it is told as known ("the base"), else ("", False)."""
    for t in site.triggers:
        if t.cls not in {"attack", "battle"}:
            continue
        for noun in attack_targets(doc[t.i]):
            if noun.pos_ == "NOUN":
                # "the village" or a named one ("Kairu village") is the target told before as "a village"
                return noun.lemma_.lower(), any((c.dep_ == "det" and c.lower_ in {"the", "this", "that"})
                                                or (c.dep_ == "compound" and c.pos_ == "PROPN")
                                                for c in noun.children)
    return "", False


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraph_breaks(text: str) -> list[int]:
    """Offsets of paragraph breaks: blank lines, or single newlines in a text that has no blank line."""
    found = [m.start() for m in _BLANK_LINE.finditer(text)]
    return found or [m.start() for m in re.finditer(r"\n", text)]


def _paragraph(offset: int, breaks: list[int]) -> int:
    """Index of the paragraph a character offset lies in."""
    return sum(1 for b in breaks if b < offset)


def _armed_attackers(doc: Doc, lex: Lexicon) -> bool:
    """True when an armed group's noun is the subject of an attack, battle or killing verb ("gunmen
    stormed the hotel", "jihadist fighters attacked a base"): its later casualties are the attackers'."""
    nouns = lex.casualties["attacker_nouns"] | lex.casualties["armed_group_nouns"]
    verbs = attack_lemmas(lex) | lex.casualties["killed"]
    for tok in doc:
        if tok.dep_ == "nsubj" and word_in(tok, nouns) and tok.head.pos_ == "VERB" and word_in(tok.head, verbs):
            return True
    return False



def _compass_word(ref: PlaceRef, doc: Doc, lex: Lexicon) -> tuple[str, str] | None:
    """The compass word before a place ("southern", "north-eastern") and its direction code."""
    k = ref.start - 1
    if k < 0:
        return None
    word = doc[k].lower_
    if k >= 2 and doc[k - 1].text in {"-", "\u2010", "\u2011"}:
        word = f"{doc[k - 2].lower_}-{word}"  # "north-eastern" as three tokens
    code = lex.compass.get(word) or lex.compass.get(doc[k].lower_)
    return (word if word in lex.compass else doc[k].lower_, code) if code else None


def _compass_part(site: Site, doc: Doc, lex: Lexicon, *, harm: bool) -> Site:
    """ "southern Lebanon", "eastern Kherson region": a point in that part of the area.

    A country is no point for an event, but its named part is a region-level
    one (geo_precision 3): the point lies in the matching third of the area's
    boundary (:func:`mapper.gazetteer.boundaries.compass_part_point`). For a
    country only when the sentence reports casualties or damage (``harm``):
    "a region in eastern Ukraine that has seen the fiercest fighting" only
    describes it. An admin-1 area is a site anyway; its part refines the point.
    """
    place = site.ref.place
    is_country = _is_country(place, lex)
    if not is_country and place.feature_code != "ADM1":
        return site
    if is_country and not harm and site.kind != "diplomacy":
        return site  # talks "in eastern Ukraine" are held there; an attack's part needs its harm told
    found = _compass_word(site.ref, doc, lex)
    if found is None:
        return site
    from mapper.gazetteer.boundaries import area_shape, compass_part_point

    word, code = found
    try:
        shape = area_shape(country_code=place.country_code, admin1_code=None if is_country else place.admin1_code)
    except Exception:  # noqa: BLE001 - without boundary data the place stays as it is
        return site
    point = compass_part_point(shape, code) if shape is not None else None
    if point is None:
        return site
    part = Place(
        place.geonameid, f"{word} {place.name}", point[0], point[1], "L", PART_CODE, place.country_code,
        "" if is_country else place.admin1, "" if is_country else place.admin1_code,
    )
    r = site.ref
    site.ref = PlaceRef(part, r.name, r.start, r.end, r.root, r.sentence, r.anaphor_of, r.score)
    return site


def _lift_region(site: Site, gazetteer: Gazetteer | None) -> Site:
    """A town named as "the region(s) of X" / "the X region" stands for its admin-1 area, and so
    does "the countryside of X" when that area bears X's name ("the eastern countryside of Aleppo":
    Aleppo governorate; "the countryside of Omdurman" stays a part of Omdurman)."""
    place = site.ref.place
    countryside = site.hint == "countryside"
    if countryside:
        site.hint = "part"  # unless the area lifted to below bears the town's name
    if gazetteer is None or not (countryside or site.hint == "region"):
        return site
    if place.feature_class != "P" and (countryside or place.feature_code not in {"ADM2", "ADM3"}):
        return site
    try:
        area = gazetteer.admin1_of(place)
    except Exception:  # noqa: BLE001 - a gazetteer without admin data leaves the place as it is
        return site
    if area is None:
        return site
    if (countryside or place.feature_class != "P") and fold(area.name)[:5] != fold(place.name)[:5]:
        return site  # a district called X lifts only to a region called X, and X's countryside too
    site.hint = "region"
    r = site.ref
    site.ref = PlaceRef(area, r.name, r.start, r.end, r.root, r.sentence, r.anaphor_of, r.score)
    return site
