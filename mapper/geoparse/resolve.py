"""Resolution: choose each name's place among its gazetteer candidates, with the article as context.

Mentions of one name are resolved together (one sense per discourse). Each
candidate gets a score in units of the gazetteer prior: the prior itself, type
words, containment written in the text, the article's focus countries and areas,
closeness to its other places, lists of names of one kind; a weak guess far from
everything else gets no place rather than a wrong one. The focus needs the other
places, so resolution runs a few passes. ``score`` is the softmax probability of
the chosen candidate and ``reason`` names the term that decided. The terms, each
with an example, are listed in ``data/geoparse/README.md``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import numpy as np
from spacy.tokens import Doc

from mapper.geoparse._lexicon import Lexicon, get_lexicon
from mapper.geoparse._names import spelling_of
from mapper.geoparse._text import force_noun_after, is_dateline
from mapper.geoparse import country, placement, ranker
from mapper.geoparse.actors import ActorTable, get_actors
from mapper.geoparse.hierarchy import container_chains
from mapper.geodesy import EARTH_RADIUS_KM, haversine_km
from mapper.model import Mention, Place, Toponym
from mapper.models import LinearModel
from mapper.names import fold
from mapper.paths import data_file

LIMIT = 20
LIMIT_FOCUS = 100
MAX_CONTAINER_COUNTRIES = 3
FOCUS_ADM1_SHARE = 0.2
PASSES = 3
W_TYPE = 1.5
W_TYPE_MISMATCH = 1.0
W_COUNTRY_HINT = 3.0
W_CONTAIN = 3.0
W_FOCUS_CC = 3.0
W_FOCUS_ADM1 = 3.0
W_NEAR = 1.0
W_SUPPORT = 2.0
SUPPORT_PRIOR_RANGE = 3.0
EXTEND_FOCUS = True
NEAR_KM = 100.0
W_LIST = 2.0
W_PEERS = 1.0
W_ARTICLE = 2.5
FUZZY_MIN_FOCUS = 0.25
HAMLET_POPULATION = 15000
HAMLET_MIN_FOCUS = 2.0
LONE_MAX_PROB = 0.2  # a town abroad chosen with less confidence than this, alone in its country: no place
LONE_MIN_OTHERS = 3
ESTABLISHED_SHARE = 0.5  # a country holding this share of the article's other places is the text's country
FOREIGN_KEEP_POPULATION = 100_000  # a town this large abroad may be named from afar; a smaller one is a namesake
HAMLET_MAX_SHARE = 0.25  # a country with less of the article's weight must be anchored to hold a hamlet
W_ALIAS_OF_AREA = 1.0
W_DATELINE_AREA = 2.0  # a first-order area named by a dateline, whose namesake town lies inside it
W_COUNTY_ALIAS = 2.0
W_SENTENCE = 2.0
_SENTENCE_AREAS = frozenset({"ADM1"})
REGION_HINTS = frozenset({"region", "county", "district", "country"})
PART_HINTS = frozenset({"district"})  # type words of a part of a town or area ("district", "neighbourhood")
_UNIT_HINTS = REGION_HINTS - {"country"}  # type words of an administrative unit ("Donetsk region")
PART_NEAR_KM = 30.0
# hints naming a physical feature the gazetteer may list only as "<name> <word>" ("Dnipro river")
PHYSICAL_HINTS = frozenset({"river", "lake", "sea", "island", "mountain"})
# type words of a small unit ("the Sahar district", "X village"): such a name written after a
# first-order division in its sentence ("In Saada province, ... the Sahar district") lies in it
LOCAL_HINTS = frozenset({"district", "village", "town"})
AREA_MIN_PROB = 0.5
FAR_KM = 300.0  # "the Volga river" with no river of that name: a town this far from the article's places is not it
W_ALIAS_OF_NAMED = 8.0
W_DESIGNATED = 1.0  # an area named by the written name plus its type word ("Adamawa State")
W_SEAT = 0.5  # a bare name shared by a first-order area and its seat: the town, unless typed
W_PHYSICAL_MISMATCH = 4.0
W_WATER = 8.0
_COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "TERR"})
_MINOR_AREAS = frozenset({"ADM2", "ADM3", "ADM4", "ADMD"})
_WIDE_FEATURES = frozenset({"OCN", "SEA", "GULF", "CONT", "RGN"})
# On a tie, the reason names what the text says before what the other places suggest.
_REASON_ORDER = {
    k: i
    for i, k in enumerate(
        ("contain", "country", "water", "type", "list", "sentence", "article", "alias", "alias_county", "alias_named",
         "designated", "focus_adm1", "focus_cc",
         "peers", "near", "support", "seat", "prior")
    )
}


@dataclass(slots=True)
class _Cand:
    place: Place
    prior: float
    match: str


@dataclass(slots=True)
class _Group:
    key: str
    name: str
    mentions: list[Mention]
    hints: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    containers: list[_Group] = field(default_factory=list)
    owners: list[_Group] = field(default_factory=list)  # containers written as possessives ("A's X")
    contained: list[_Group] = field(default_factory=list)
    cands: list[_Cand] = field(default_factory=list)
    choice: int = 0
    prob: float = 0.0
    reason: str = ""
    demonym: bool = False
    support: list[float] = field(default_factory=list)
    siblings: list[_Group] = field(default_factory=list)
    words: tuple[str, ...] = ()
    article: bool = False
    modifier: bool = False
    mates: list[_Group] = field(default_factory=list)
    part_of: list[_Group] = field(default_factory=list)  # "the X district of Y": X must lie in Y
    water: bool = False  # "the Red Sea", "the Sea of Azov": a body of water written as one
    dateline: bool = False  # written as a dateline ("NEW YORK, Nov 24 (Reuters) -"): a city
    venue: bool = False  # where a diplomatic word puts an event ("talks in X"): kept however far it lies
    whose: bool = True  # a demonym only ever written before a noun of forces ("Ukrainian forces"): whose, not where
    found: int = 0  # candidates the gazetteer gave before the text's areas narrowed them
    fallback: _Group | None = None  # no namesake inside the text's areas: placed at this container
    area_member: bool = False  # named as an area around another name ("X (A, B)"): A and B
    comma_of: list[_Group] = field(default_factory=list)  # "Golo, Central Darfur": may lie in it
    in_unit_of: list[_Group] = field(default_factory=list)  # "Pisky in Donetsk region": may lie in it
    totals: list[float] = field(default_factory=list)  # the ranker's score of each candidate, last pass
    terms: list[dict[str, float]] = field(default_factory=list)  # the resolver's terms of each candidate, last pass
    moved: bool = False  # the text's countries moved the choice from a namesake abroad
    abstained: str = ""  # why the placement model gave the name no point of its own
    seat: bool = False  # a district the gazetteer lacks, placed at its namesake town (_district_seat)
    area_without_point: str = ""  # a district the gazetteer knows with no point, placed at its region (_region_of_district)


@lru_cache(maxsize=1)
def list_separators() -> frozenset[str]:
    """What may stand between two names of one list ("," "and" "or" ...): ``data/geoparse/list_separators.txt``."""
    path = data_file("geoparse", "list_separators.txt")
    rows = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(" ".join(r.lower().split()) for r in rows if r and not r.startswith("#"))


# ---------------------------------------------------------------- candidates
def _lookup(
    gazetteer: Any, name: str, *, country: str | None, fuzzy: bool, limit: int = LIMIT
) -> list[_Cand]:
    if hasattr(gazetteer, "lookup"):
        return [
            _Cand(c.place, c.prior, c.match)
            for c in gazetteer.lookup(name, country=country, limit=limit, fuzzy=fuzzy)
        ]
    places = gazetteer.candidates(name, country=country, limit=limit, fuzzy=fuzzy)
    return [_Cand(p, -0.3 * i, "name") for i, p in enumerate(places)]


def _candidates(
    gazetteer: Any, group: _Group, lexicon: Lexicon, cache: dict, *, doc: Doc | None = None
) -> list[_Cand]:
    m = group.mentions[0]
    if group.demonym:
        cc = lexicon.demonyms.get(m.name)
        place = gazetteer.country(cc) if cc else None
        return [_Cand(place, 10.0, "name")] if place is not None else []
    name, country = group.name, None
    if name in lexicon.abbreviations:
        name, country = lexicon.abbreviations[name]
    fuzzy = all(x.source == "ner" for x in group.mentions)
    acronym = (
        _is_acronym(group.name)
        and group.name not in lexicon.abbreviations
        and not _written_as_place(doc, group)
    )
    forms = [f"{name} region"] if group.hints & (REGION_HINTS - {"country"}) else []
    forms += [f"{name} {h}" for h in sorted(group.hints & PHYSICAL_HINTS)]  # "the Dnipro river"
    key = (name, country, fuzzy, tuple(forms), acronym)
    hit = cache.get(key)
    if hit is not None:
        return hit
    cands = _lookup(gazetteer, name, country=country, fuzzy=fuzzy)
    if forms:
        best: dict[int, _Cand] = {c.place.geonameid: c for c in cands}
        for form in forms:
            for c in _lookup(gazetteer, form, country=country, fuzzy=False):
                old = best.get(c.place.geonameid)
                if old is None or c.prior > old.prior:
                    best[c.place.geonameid] = c
        cands = sorted(best.values(), key=lambda c: (-c.prior, c.place.geonameid))
    cands = [c for c in cands if c.match != "fuzzy" or not cands or cands[0].match == "fuzzy"]
    if acronym:
        cands = [c for c in cands if not _same_letters_other_case(c.place.name, group.name)]
    cache[key] = cands
    return cands


_SEAT_HINTS = frozenset({"district", "county"})


def _district_seat(
    gazetteer: Any, group: _Group, lexicon: Lexicon, *, countries: frozenset[str] = frozenset()
) -> list[_Cand]:
    """The towns named like a district, county or township the gazetteer does not hold as an area,
    written inside an area ("Demoso Township of Kayah State", "Bor County, Jonglei") or in a text
    about the towns' country (``countries``: those it names, its actors', its corpus's theatre):
    most such units are named after their seat, which stands for the unit (precision 2). The
    stated area then keeps only the namesakes inside it."""
    if group.demonym or not group.hints & _SEAT_HINTS:
        return []
    located = bool(group.part_of or group.containers)
    if not located and not countries:
        return []  # only where the text says where the unit lies: a US township is no town's
    return [c for c in _lookup(gazetteer, _unit_base(group.name, lexicon), country=None, fuzzy=False)
            if c.place.feature_class == "P" and (located or c.place.country_code in countries)]


def _unit_base(name: str, lexicon: Lexicon) -> str:
    """A unit's name without its type word ("Demoso Township": "Demoso")."""
    words = name.split()
    if len(words) > 1 and lexicon.designators.get(words[-1]) in _SEAT_HINTS:
        words = words[:-1]
    return " ".join(words)


def _region_of_district(gazetteer: Any, g: _Group, lexicon: Lexicon, *, countries: frozenset[str]) -> None:
    """A district, township or zone of a country the text names that the gazetteer knows only by name
    (no place of its own lies in it: "Yinmabin Township", "the Bamboutos department") goes to the region
    it lies in, at precision 3, and the places the text puts in it with it."""
    if not countries or not hasattr(gazetteer, "region_of_area_without_point"):
        return
    base = _unit_base(g.name, lexicon)
    if not all(w[:1].isupper() for w in base.split()):
        return
    found = gazetteer.region_of_area_without_point(base, countries=countries)
    if found is None:
        return
    area, region = found
    g.cands, g.area_without_point, g.found = [_Cand(region, 0.0, "name")], area, 1


def _country_names(groups: list[_Group]) -> frozenset[str]:
    """The countries the text names by a name or demonym, as first read (before any choice)."""
    return frozenset(
        p.country_code for g in groups if g.cands
        and (p := g.cands[0].place).feature_code in _COUNTRY_CODES and p.country_code
    )


def _no_country_for_a_settlement(g: _Group, cands: list[_Cand]) -> list[_Cand]:
    """A name the text calls a village or town is no country known by that name only as an alias
    ("the village of Mann": not the Isle of Man, whose Manx name it is); a country by its own name
    stays ("the town of Monaco")."""
    if not g.hints & {"village", "town"}:
        return cands
    return [c for c in cands if not (c.place.feature_code in _COUNTRY_CODES and c.match != "name")]


def _short_country_names(groups: list[_Group]) -> None:
    """A name that ends the full name of a country the article names is that country:
    "Congo" after "the Democratic Republic of Congo", even when the gazetteer gives the
    short name to another country only. The country becomes the first candidate and the
    group's country hint. Two such countries ("North Korea", "South Korea") leave it alone.
    """
    for g in groups:
        if g.demonym or not g.words:
            continue
        if any(c.match == "name" and c.place.feature_code in _COUNTRY_CODES | _WIDE_FEATURES | {"ADM1"} for c in g.cands):
            continue  # "Sudan", "Africa": a country or continent by its own name, even next to "South Sudan"
        n = len(g.words)
        full = {
            h.cands[0].place.geonameid: h.cands[0]
            for h in groups
            if h is not g and not h.demonym and len(h.words) > n and h.words[-n:] == g.words
            and h.cands and h.cands[0].place.feature_code.startswith("PCL")
        }
        if len(full) != 1:
            continue  # none, or "North Korea" and "South Korea": "Korea" stays as it is
        top = next(iter(full.values()))
        prior = max((c.prior for c in g.cands), default=top.prior)
        g.cands = [_Cand(top.place, prior, "alias")] + [c for c in g.cands if c.place.geonameid != top.place.geonameid]
        g.countries.add(top.place.country_code)


def _short_country_of_focus(groups: list[_Group], gazetteer: Any) -> None:
    """A short country name follows the country the article's other places lie in.

    "Congo's government" in a report on Goma and Bukavu: the gazetteer gives
    "Congo" (as an alternate name) to the Republic of the Congo only, but the
    places of the article lie in the country whose full name ends with it
    (the Democratic Republic of the Congo). That country becomes the first
    candidate and the group's country hint when its places outweigh those of
    the country the name already gives. A country bearing the name as its own
    ("Guinea", "Sudan") stays as it is.
    """
    for g in groups:
        if g.demonym or not g.words or not g.cands:
            continue
        if any(c.match == "name" and c.place.feature_code in _COUNTRY_CODES for c in g.cands):
            continue
        named = {c.place.country_code for c in g.cands if c.place.feature_code in _COUNTRY_CODES}
        if not named:
            continue  # not a country name at all
        focus = _focus(groups, g)
        n = len(g.words)
        best, best_w = None, max((focus.cc.get(cc, 0.0) for cc in named), default=0.0)
        for cc, w in sorted(focus.cc.items()):
            if cc in named or w <= best_w:
                continue
            country = gazetteer.country(cc)
            if country is not None and tuple(fold(country.name).split())[-n:] == g.words:
                best, best_w = country, w
        if best is None:
            continue
        prior = max(c.prior for c in g.cands)
        g.cands = [_Cand(best, prior, "alias")] + [c for c in g.cands if c.place.geonameid != best.geonameid]
        g.support = [0.0] + g.support[: len(g.cands) - 1]
        g.choice = 0
        g.countries.add(best.country_code)


def _written_as_place(doc: Doc | None, group: _Group) -> bool:
    """A name in capitals that the text writes as a place, not as an acronym.

    "EU" is no town of Eu, but "GOMA, Congo" (a name with its container) and
    "GOMA (Reuters) -" (a dateline) are the city of Goma written in capitals.
    """
    if group.containers:
        return True
    if doc is None:
        return False
    for m in group.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and is_dateline(doc, span.start, span.end):
            return True
    return False


def _in_dateline(doc: Doc, m: Mention) -> bool:
    """Whether mention ``m`` is written as a dateline ("NEW YORK, Nov 24 (Reuters) -")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and is_dateline(doc, span.start, span.end)


@lru_cache(maxsize=1)
def venue_words() -> frozenset[str]:
    """Diplomacy words a venue attaches to: ``data/geoparse/venue_words.txt``."""
    path = data_file("geoparse", "venue_words.txt")
    rows = (line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(r for r in rows if r and not r.startswith("#"))


def _venue_slot(doc: Doc, m: Mention) -> bool:
    """Whether mention ``m`` is the venue of a diplomatic word: the object of "in"/"at"/"to" after
    one ("talks in X", "met in X", "travelled to X for talks") or of "visited"/"hosted"."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    words = venue_words()
    x = span.root
    while x.dep_ in {"conj", "appos", "compound"} and x.head.i != x.i:
        x = x.head
    if x.dep_ == "pobj" and x.head.lower_ in {"in", "at", "to"}:
        return x.head.head.lower_ in words
    return x.dep_ == "dobj" and x.head.lower_ in words


def _is_acronym(name: str) -> bool:
    """ "EU", "UN", "BOE": two to four capital letters."""
    return 2 <= len(name) <= 4 and name.isalpha() and name.isupper()


def _same_letters_other_case(place_name: str, written: str) -> bool:
    """An acronym read as a place of that name in other case ("EU" as the town of Eu)."""
    return place_name != written and fold(place_name) == fold(written)


# ---------------------------------------------------------------- local hints
def _token_index(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else None


def _country_hint(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    """Country of "the Swiss city of Geneva" / "Ukrainian town Kupiansk" / "the U.S. state
    of Georgia" before a mention."""
    i = _token_index(doc, m.start)
    if i is None:
        return None
    j = i - 1
    if j >= 0 and doc[j].lower_ == "of":
        j -= 1
    if j >= 0 and doc[j].lower_ in lexicon.feature_types:
        j -= 1
        if j >= 0 and doc[j].text in lexicon.demonyms:
            return lexicon.demonyms[doc[j].text]
        if j >= 0 and doc[j].text in lexicon.abbreviations:
            return lexicon.abbreviations[doc[j].text][1]  # "the U.S. state of Georgia"
    return None


def _article_use(doc: Doc, m: Mention) -> str:
    """How a name stands after "the": ``"head"``, ``"modifier"`` or ``""``.

    "the Pacific", "along the Dnipro": a name written as the head of a noun
    phrase with "the" is a sea, river, region or country, rarely a town
    (towns and counties take no article; "the Kharkiv region" has "region"
    as its head): ``"head"``. "the Pacific side", "the Atlantic flyway", "the
    tropical Pacific", "the Zawiya and Zintan brigades": the name modifies a
    common noun after it, or adjectives stand between: ``"modifier"``, weaker evidence (a town can be
    written so too, "the Boston office", "the besieged Mariupol"), which only
    counts where the name also names a sea or a large region.
    """
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return ""
    i = span.start - 1
    while i >= 0 and doc[i].pos_ == "ADJ" and doc[i].is_lower:
        i -= 1
    if i < 0 or doc[i].lower_ != "the":
        return ""
    if span.end < len(doc):
        nxt = doc[_after_coordinated(doc, span.end)]
        if nxt.pos_ == "NOUN" and nxt.is_lower:
            return "modifier"
        if nxt.pos_ in {"NOUN", "PROPN", "NUM"} or nxt.text in {"-", "–", "'s", "’s"}:
            return ""
    return "head" if i == span.start - 1 else "modifier"


def _after_coordinated(doc: Doc, i: int) -> int:
    """Index of the word after the capitalised names coordinated from token ``i`` on
    ("the Zawiya [and Zintan] brigades": the index of "brigades"); ``i`` when none."""
    j = i
    while j + 1 < len(doc) and doc[j].lower_ in {"and", "or", ","} and doc[j + 1].text[:1].isupper():
        j += 1
        while j < len(doc) and doc[j].text[:1].isupper():
            j += 1
        if j >= len(doc):
            return i
    return j


def _water_name(doc: Doc, m: Mention, lexicon: Lexicon, *, use: str) -> bool:
    """ "the Red Sea", "on the Sea of Azov", "the Dnipro River": a name written with
    "the" whose own head word names a body of water (a feature-type word of
    class ``H``) is that water, not an area named after it. Not before a
    feature-type word ("the Red Sea state" is the state).
    """
    words = m.name.split()
    if len(words) < 2:
        return False
    if use == "modifier":
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or (span.end < len(doc) and doc[span.end].lower_ in lexicon.feature_types):
            return False
    head = words[-1] if words[1].lower() != "of" else words[0]
    return head[:1].isupper() and lexicon.water_type(head) is not None


def _hint_of_previous(text: str, prev: Mention, m: Mention, lexicon: Lexicon) -> bool:
    """ "the Adhamiyah district of Baghdad": the type word between two names
    types the first; the second is the larger place that contains it."""
    words = text[prev.end : m.start].lower().split()
    if len(words) not in {2, 3} or words[1] != "of" or words[2:] not in ([], ["the"]):
        return False
    ft = lexicon.feature_types.get(words[0])
    return ft is not None and ft.hint == m.type_hint


def _link_containers(
    text: str, mentions: list[Mention], group_of: dict[int, _Group], lexicon: Lexicon
) -> None:
    """Record "A, B" and "A in B" pairs of adjacent mentions (B may contain A)."""
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if a.label == "NORP" or b.label == "NORP":
            continue
        if text[a.end : b.start].strip() in {"'s", "’s"}:
            _link_possessive(a, b, group_of[k], group_of[k + 1])
            continue
        between = " ".join(
            w for w in re.findall(r"[^\s,]+|,", text[a.end : b.start])  # "X township, Y": the comma apart
            if w.lower() not in lexicon.feature_types
            and w.lower() not in lexicon.compass  # "Kramatorsk, in eastern Ukraine"
            and w.lower() not in lexicon.place_modifiers  # "Tripoli, in neighbouring Lebanon"
        )
        if between.strip() not in {",", "in", "of", ", in", "of the", "in the"}:
            continue
        if between.strip() == "," and k + 2 < len(mentions):
            c = mentions[k + 2]
            if text[b.end : c.start].strip() in {"and", ",", "or", ", and"}:
                continue  # a list "A, B and C", not "Paris, Texas"
        if between.strip() == "," and k > 0 and text[mentions[k - 1].end : a.start].strip() == ",":
            continue
        ga, gb = group_of[k], group_of[k + 1]
        if ga is gb:
            continue
        ga.containers.append(gb)
        gb.contained.append(ga)
        if between.strip() == "," and not _capitalised_after(text, b.end):
            ga.comma_of.append(gb)  # not "Del Beccaro, California Political News"
        if between.strip() in {"in", ", in", "in the"} and b.type_hint in _UNIT_HINTS:
            ga.in_unit_of.append(gb)
        if between.strip() != "," and _part_word_between(text[a.end : b.start], lexicon):
            ga.part_of.append(gb)


def _link_possessive(a: Mention, b: Mention, ga: _Group, gb: _Group) -> None:
    """"Kharkiv's Shevchenkivskyi district": A may contain B, and B typed as a part of a
    town or area (``PART_HINTS``) lies in A."""
    if ga is gb:
        return
    gb.containers.append(ga)
    gb.owners.append(ga)
    ga.contained.append(gb)
    if b.type_hint in PART_HINTS:
        gb.part_of.append(ga)


def _part_word_between(between: str, lexicon: Lexicon) -> bool:
    """True when a word naming a part of a town or area stands between two names
    ("the Dnipro district of Kherson", "Saltivka neighbourhood in Kharkiv")."""
    return any(
        (ft := lexicon.feature_types.get(w.lower())) is not None and ft.hint in PART_HINTS
        for w in between.split()
    )


def _inside_container(g: _Group, gazetteer: Any, memo: dict) -> None:
    """Keep only the namesakes that lie in (or near) the place the text puts the name in.

    "the Dniprovskyi district of Kherson": a district of that name near Kyiv is
    not the one meant. When no namesake lies inside or within ``PART_NEAR_KM``
    of a candidate of the container, the name gets no place at all (the
    container is still reported) rather than one at the other end of the country.
    """
    if not g.part_of or not g.cands or g.cands[0].place.feature_code in _COUNTRY_CODES:
        return  # (a country lies in no area the text names: "the US state of Texas")
    # the smallest area the text names that the gazetteer knows ("X (A, B)": A, else B); an area
    # known only by a close spelling cannot say which namesake lies in it: only a place known by
    # its own name is then taken ("Urazovo in the Valuysky District", not a far "Novaya" alias)
    exact = ([o.place for o in h.cands[:5] if o.match != "fuzzy"] for h in g.part_of)
    outers = next((found for found in exact if found), [])
    if not outers:
        if any(h.cands for h in g.part_of):
            _keep_candidates(g, [i for i, c in enumerate(g.cands) if c.match == "name"])
        return
    keep = [
        i for i, c in enumerate(g.cands)
        if any(
            o.geonameid == c.place.geonameid  # "the Democratic Republic of the Congo (DRC)": one place
            or _contains(gazetteer, o, c.place, memo)
            or (o.feature_class == "P" and haversine_km(o.lat, o.lon, c.place.lat, c.place.lon) <= PART_NEAR_KM)
            for o in outers
        )
    ]
    if len(keep) < len(g.cands):
        _keep_candidates(g, keep)


def _spelling_inside_container(g: _Group, gazetteer: Any) -> None:
    """A name the text puts in an area, with no exact namesake, takes a close spelling inside
    that area ("Shekh Meskin, Daraa province": Shaykh Miskin, in Daraa).

    Reports transliterate local names their own way; inside the one area the text names, a
    spelling within the gazetteer's fuzzy cutoff is that place far more often than a
    lookalike, and it is a town rather than the area's centre. Only the smallest area the
    gazetteer knows is searched, and only below a country.
    """
    if g.cands or g.demonym or not g.part_of or not hasattr(gazetteer, "lookup_within"):
        return
    h = next((h for h in g.part_of if h.cands), None)
    if h is None:
        return
    outer = h.cands[h.choice].place
    if outer.feature_code in _COUNTRY_CODES or outer.feature_code in _WIDE_FEATURES:
        return
    found = [
        _Cand(c.place, c.prior, c.match)
        for c in gazetteer.lookup_within(g.name, outer, limit=LIMIT, fuzzy=True)
        if c.place.feature_class == "P"
    ]
    if found:
        g.cands, g.choice, g.found = found, 0, len(found)


def _keep_candidates(g: _Group, keep: list[int]) -> None:
    """Narrow a group's candidates to the positions in ``keep``; its choice and support follow."""
    support = g.support + [0.0] * (len(g.cands) - len(g.support))
    g.choice = keep.index(g.choice) if g.choice in keep else 0
    g.cands = [g.cands[i] for i in keep]
    g.support = [support[i] for i in keep]


def _link_lists(
    doc: Doc, text: str, mentions: list[Mention], group_of: dict[int, _Group], lexicon: Lexicon
) -> None:
    """Record names listed together: "A, B and C", "A or B" (not "Paris, Texas").

    A run of three or more mentions joined only by commas and "and"/"or" is a
    list (two names pair too loosely: "New York City and Florida"). A plural
    feature-type word right after the last name ("Butler, Clark and Warren
    counties") types every member.
    """
    separators = list_separators()
    runs: list[list[int]] = []
    run: list[int] = []
    for k, m in enumerate(mentions):
        if m.label == "NORP":
            if run:
                runs.append(run)
            run = []
            continue
        if run:
            prev = mentions[run[-1]]
            if _separator(doc, text, prev.end, m.start) in separators:
                run.append(k)
                continue
            runs.append(run)
        run = [k]
    if run:
        runs.append(run)
    for run in runs:
        if len(run) < 3:
            continue
        members = list({id(group_of[k]): group_of[k] for k in run}.values())
        if len(members) < 2:
            continue
        for g in members:
            g.siblings.extend(h for h in members if h is not g and all(h is not x for x in g.siblings))
        hint = _plural_type_after(doc, mentions[run[-1]], lexicon)
        if hint:
            for g in members:
                if not g.hints:
                    g.hints.add(hint)


def _separator(doc: Doc, text: str, start: int, end: int) -> str:
    """The words between two names, lowercased, without counts: "12 in Ontario,
    eight in Alberta" lists the two like "in Ontario, in Alberta"."""
    between = text[start:end]
    if len(between) > 40:
        return between
    span = doc.char_span(start, end, alignment_mode="contract")
    words = [t.lower_ for t in span if not t.like_num] if span is not None else between.lower().split()
    return " ".join(" ".join(words).replace(" ,", ",").split())


def _plural_type_after(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    """The hint of a plural feature-type word right after a mention ("... counties")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    nxt = doc[span.end]
    if nxt.is_lower and nxt.tag_ == "NNS" and nxt.lower_ in lexicon.feature_types:
        return lexicon.feature_types[nxt.lower_].hint
    return None


def _add_container_candidates(g: _Group, gazetteer: Any) -> None:
    """Add namesakes inside the countries of the areas written next to the name.

    "Bradford, Ontario": the global top list of "Bradford" may stop before the
    small Canadian town, so look the name up again in each country that a
    candidate area of the container lies in.
    """
    if g.demonym or not g.cands or all(c.match == "fuzzy" for c in g.cands):
        return
    countries: list[str] = []
    for outer in g.containers:
        for c in outer.cands[:5]:
            p = c.place
            if c.match == "fuzzy" or not p.country_code or p.feature_class != "A":
                continue
            if p.country_code not in countries:
                countries.append(p.country_code)
    seen = {c.place.geonameid for c in g.cands}
    for cc in countries[:MAX_CONTAINER_COUNTRIES]:
        for c in _lookup(gazetteer, g.name, country=cc, fuzzy=False):
            if c.match != "fuzzy" and c.place.geonameid not in seen:
                seen.add(c.place.geonameid)
                g.cands.append(c)


# ---------------------------------------------------------------- scoring
def _type_term(place: Place, hints: set[str], lexicon: Lexicon) -> float:
    if not hints:
        return 0.0
    # "the Dnipro river" is no town: a physical type word outweighs the article's focus
    best = -(W_PHYSICAL_MISMATCH if hints & PHYSICAL_HINTS else W_TYPE_MISMATCH)
    for hint in hints:
        ft = lexicon.hint_type(hint)
        if ft is None:
            continue
        if place.feature_class in ft.classes:
            if not ft.codes:
                fit = W_TYPE
            elif place.feature_code in ft.codes:
                fit = W_TYPE * (1.0 - 0.25 * ft.codes.index(place.feature_code))
            else:
                fit = W_TYPE / 4
            best = max(best, fit)
    return best


def _contains(gazetteer: Any, outer: Place, inner: Place, memo: dict) -> bool:
    key = (outer.geonameid, inner.geonameid)
    hit = memo.get(key)
    if hit is None:
        if outer.feature_code in _COUNTRY_CODES:
            hit = outer.country_code == inner.country_code and outer.geonameid != inner.geonameid
        else:
            hit = bool(gazetteer.contains(outer, inner))
        memo[key] = hit
    return hit


def _related(a: _Group, b: _Group) -> bool:
    """Whether two names are one name, one extending the other ("Kyiv" / "Kyiv"
    written as a region, "Mexico" / "Mexico City"): their places are no
    independent evidence for each other."""
    short, long_ = sorted((a.words, b.words), key=len)
    return bool(short) and long_[: len(short)] == short


def _support(groups: list[_Group]) -> None:
    """Spatial coherence: how close each candidate is to some candidate of every other name.

    For candidate ``c`` of group ``g``: the mean over the other groups ``h`` of
    ``max_{c' in h} exp(-d(c, c') / NEAR_KM)``. A set of small namesakes that
    lie together (Alexandria, Brandon and Kensington in one county) beats the
    scattered famous ones. Countries and continents take no part (their point
    is arbitrary), and candidates far below their group's best prior neither.
    """
    rows: list[tuple[int, int]] = []
    lat: list[float] = []
    lon: list[float] = []
    for gi, g in enumerate(groups):
        g.support = [0.0] * len(g.cands)
        if g.demonym or not g.cands:
            continue
        best = max(c.prior for c in g.cands)
        for ci, c in enumerate(g.cands):
            p = c.place
            if p.feature_code in _COUNTRY_CODES or p.feature_code in {"CONT", "RGN", "OCN"}:
                continue
            if c.prior < best - SUPPORT_PRIOR_RANGE:
                continue
            rows.append((gi, ci))
            lat.append(p.lat)
            lon.append(p.lon)
    members = {gi for gi, _ in rows}
    if len(members) < 2:
        return
    la, lo = np.radians(np.array(lat)), np.radians(np.array(lon))
    dla = la[:, None] - la[None, :]
    dlo = lo[:, None] - lo[None, :]
    a = np.sin(dla / 2) ** 2 + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin(dlo / 2) ** 2
    closeness = np.exp(-(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))) / NEAR_KM)
    group_ids = np.array([gi for gi, _ in rows])
    others = sorted(members)
    per_group = np.stack([np.where(group_ids == h, closeness, 0.0).max(axis=1) for h in others], axis=1)
    independent = {
        gi: [j for j, h in enumerate(others) if h != gi and not _related(groups[gi], groups[h])] for gi in others
    }
    for k, (gi, ci) in enumerate(rows):
        vals = [per_group[k, j] for j in independent[gi]]
        groups[gi].support[ci] = float(np.mean(vals)) if vals else 0.0


@dataclass(slots=True)
class _Focus:
    cc: dict[str, float]
    adm1: dict[str, float]
    points: list[tuple[float, float, float, str, int]]  # lat, lon, weight, name, geonameid
    total: float
    states: dict[str, float]  # weight of first-order divisions chosen, per country
    inside: dict[str, float]  # admin-1 code -> surest place of the article inside it


def _focus(groups: list[_Group], exclude: _Group) -> _Focus:
    cc: dict[str, float] = defaultdict(float)
    adm1: dict[str, float] = defaultdict(float)
    points: list[tuple[float, float, float, str, int]] = []
    states: dict[str, float] = defaultdict(float)
    inside: dict[str, float] = {}
    total = 0.0
    for g in groups:
        if g is exclude or not g.cands or _related(g, exclude):
            continue
        if g.cands[g.choice].match == "fuzzy" and g.cands[g.choice].place.feature_code not in _COUNTRY_CODES:
            continue  # a place known only by a close spelling says nothing of where the text is, but a country
        p = g.cands[g.choice].place
        w = g.prob * (1.0 + math.log(len(g.mentions)))
        total += w
        if p.country_code:
            cc[p.country_code] += w
        if p.admin1_code and p.feature_code not in _COUNTRY_CODES:
            adm1[p.admin1_code] += w
        if p.feature_code == "ADM1":
            states[p.country_code] += w
        elif p.admin1_code and p.feature_code not in _COUNTRY_CODES:
            inside[p.admin1_code] = max(inside.get(p.admin1_code, 0.0), g.prob)
        if p.feature_class == "P" or p.feature_code in {"ADM2", "ADM3", "PPLX"}:
            points.append((p.lat, p.lon, g.prob, g.name, p.geonameid))
    return _Focus(dict(cc), dict(adm1), points, total, dict(states), inside)


def _level(place: Place) -> str:
    """Administrative level of a place, for comparing names listed together."""
    if place.feature_code in _COUNTRY_CODES:
        return "country"
    if place.feature_class == "P":
        return "P"
    return place.feature_code


def _list_term(g: _Group, place: Place) -> float:
    """Names listed together ("A, B, C and D") are places of one kind, in one country.

    Mean over the other members of the list of how sure they are times how
    well ``place`` matches their current choice: same level (country, first-
    or second-order division, populated place) counts half, the same country
    the other half (countries in a list of countries match fully). The two
    halves count apart: a member whose level is unsure ("Sao Paulo" the city
    or the state) still says which country the list is about.
    """
    if not g.siblings:
        return 0.0
    level = _level(place)
    total = 0.0
    n = 0
    for h in g.siblings:
        if not h.cands:
            continue
        n += 1
        q = h.cands[h.choice].place
        same_level = _level(q) == level
        same_cc = bool(place.country_code) and q.country_code == place.country_code or (
            same_level and level == "country"
        )
        total += h.prob * (0.5 * same_level + 0.5 * same_cc)
    return W_LIST * total / n if n else 0.0


def _names_wide_feature(g: _Group) -> bool:
    """Whether one of the name's candidates is a sea, ocean, continent or large region."""
    return any(c.place.feature_code in _WIDE_FEATURES and c.match != "fuzzy" for c in g.cands)


def _alias_of_area(g: _Group, place: Place, match: str) -> bool:
    """A town matched only by an alternate name, inside an area of exactly that name.

    "New York" names the state; the city's own name is "New York City" (the
    same for a country and its capital: "Mexico" / "Mexico City"). Likewise a
    county matched only without its designator ("Ohio" for Ohio County) when
    nothing in the text calls the name a county.
    """
    if match != "alias":
        return False
    if place.feature_code in _MINOR_AREAS and not g.hints:
        # "across Ohio": a county called "Ohio County" is no bare "Ohio" when a state
        # or country of its own country bears that very name
        return any(
            c.match == "name"
            and c.place.country_code == place.country_code
            and (c.place.feature_code in _COUNTRY_CODES or c.place.feature_code == "ADM1")
            for c in g.cands
        )
    if place.feature_class != "P":
        return False
    # the seat of an area known by another spelling of the area's name ("Nabatieh" for
    # Nabatiye et Tahta, "Misrata" for Misratah) is the area's namesake, not a town that
    # borrows the name as "New York City" does
    seat = place.feature_code == "PPLA" and not fold(place.name).startswith(g.key + " ")
    for c in g.cands:
        o = c.place
        if c.match != "name" or o.country_code != place.country_code:
            continue
        if o.feature_code in _COUNTRY_CODES:
            return True
        if o.feature_code == "ADM1" and o.admin1_code and o.admin1_code == place.admin1_code and not seat:
            return True
    return False


def _area_of_dateline_city(g: _Group, place: Place) -> bool:
    """A first-order area whose namesake town inside it a dateline names ("NEW YORK, Nov 24
    (Reuters) -" is New York City, not the state; a dateline names a city)."""
    return place.feature_code == "ADM1" and any(
        c.place.feature_class == "P"
        and c.place.country_code == place.country_code
        and c.place.admin1_code == place.admin1_code
        for c in g.cands
    )


def _named_with_type_word(key: str, place: Place, lexicon: Lexicon) -> bool:
    """An area whose own name is the written name plus its type word ("Adamawa State",
    "Borno State" for "Adamawa", "Borno"): matched as an alternate name, it is the name's own."""
    if place.feature_code != "ADM1":
        return False
    own = fold(place.name)
    if not own.startswith(key + " "):
        return False
    ft = lexicon.feature_types.get(own[len(key) + 1 :])
    return ft is not None and "ADM1" in ft.codes


def _seat_of_namesake_area(g: _Group, place: Place, match: str) -> bool:
    """The seat (``PPLA``) of a first-order area that bears the name too ("Nabatieh",
    "Kharkiv", "Misrata"): with no type word a bare name means the town. A town whose
    own name is the area's name plus a word ("New York City") borrows the name and
    is no such seat."""
    if place.feature_code != "PPLA" or (match != "name" and fold(place.name).startswith(g.key + " ")):
        return False
    return any(
        c.place.feature_code == "ADM1"
        and c.place.country_code == place.country_code
        and c.place.admin1_code == place.admin1_code
        for c in g.cands
    )


def _alias_of_named(g: _Group, place: Place, match: str) -> bool:
    """A place matched only by an alternate name while a country or national capital
    abroad bears the name as its own ("Islamabad" is Pakistan's capital, not a
    town in India once also called so; "United States" is no former name of a
    state elsewhere). The focus of an article on the other country must not
    pull the name away from the place that owns it.
    """
    if match == "name":
        return False
    own = fold(place.name)
    if own == g.key or spelling_of(g.key, own):
        return False  # "Kingston" for Kingston upon Thames, "Georgia" read as "Georgia region": its own name
    return any(
        c.match == "name"
        and c.place.country_code != place.country_code
        and (c.place.feature_code in _COUNTRY_CODES or c.place.feature_code == "PPLC")
        for c in g.cands
    )


def _metro_city(g: _Group, gazetteer: Any, memo: dict) -> Place | None:
    """The city an "X region" means when no area of that name contains city X.

    "the Kharkiv region" is the oblast around Kharkiv; "the Houston region" is
    not Houston County, which lies elsewhere, but the area around the city.
    Returns the most prominent populated place named X (matched by its own
    name) when none of the area candidates contains it, else ``None``. A city in
    another country than every area of the name is no such reading: "Soum province"
    is the province in Burkina Faso, not the area around a village in Senegal.
    """
    key = ("metro", id(g))
    if key in memo:
        return memo[key]
    city = next((c.place for c in g.cands if c.place.feature_class == "P" and c.match == "name"), None)
    if city is not None:
        areas = [c.place for c in g.cands if c.place.feature_class == "A" and c.place.feature_code not in _COUNTRY_CODES]
        if (not areas or any(_contains(gazetteer, a, city, memo) for a in areas[:LIMIT])
                or all(a.country_code != city.country_code for a in areas)):
            city = None
    memo[key] = city
    return city


def _score(
    g: _Group, idx: int, best_prior: float, focus: _Focus | None, lexicon: Lexicon,
    gazetteer: Any, memo: dict,
) -> dict[str, float]:
    """The resolver's cues for candidate ``idx`` of ``g`` (see :data:`.ranker.TERMS`)."""
    c = g.cands[idx]
    p = c.place
    terms: dict[str, float] = {"prior": c.prior - best_prior}
    terms["type"] = _type_term(p, g.hints, lexicon)
    if "region" in g.hints and not g.demonym:
        city = _metro_city(g, gazetteer, memo)
        if city is not None:  # "the Houston region": the city's area, not Houston County elsewhere
            terms["type"] = W_TYPE / 2 if p is city else (-W_TYPE_MISMATCH if p.feature_class != "P" else terms["type"])
    if g.countries:
        terms["country"] = W_COUNTRY_HINT if p.country_code in g.countries else -W_COUNTRY_HINT
    contain = 0.0
    for outer in g.containers:
        if outer.cands and any(_contains(gazetteer, o.place, p, memo) for o in outer.cands[:5]):
            contain = W_CONTAIN
    for inner in g.contained:
        if inner.cands and any(_contains(gazetteer, p, i.place, memo) for i in inner.cands[:5]):
            contain = max(contain, W_CONTAIN)
    terms["contain"] = contain
    if g.support:
        terms["support"] = W_SUPPORT * g.support[idx]
    if (g.article or (g.modifier and _names_wide_feature(g))) and (
        p.feature_class == "P" or p.feature_code in _MINOR_AREAS
    ):
        terms["article"] = -W_ARTICLE
    if g.water and any(o.place.feature_class == "H" for o in g.cands):
        terms["water"] = 0.0 if p.feature_class == "H" else -W_WATER
    if g.dateline and _area_of_dateline_city(g, p):
        terms["dateline"] = -W_DATELINE_AREA
    if _alias_of_area(g, p, c.match) and not (g.dateline and p.feature_class == "P"):
        if p.feature_code in _MINOR_AREAS:
            terms["alias_county"] = -W_COUNTY_ALIAS
        else:
            terms["alias"] = -W_ALIAS_OF_AREA
    elif _alias_of_named(g, p, c.match):
        terms["alias_named"] = -W_ALIAS_OF_NAMED
    if c.match == "alias" and _named_with_type_word(g.key, p, lexicon):
        terms["designated"] = W_DESIGNATED  # "Adamawa" for Adamawa State: the area's own name
    if not g.hints and not g.siblings and _seat_of_namesake_area(g, p, c.match):
        # (listed names settle their level together: "40 in Sao Paulo, 12 in Rio de Janeiro")
        terms["seat"] = W_SEAT
    if focus is not None and focus.total > 0:
        terms["focus_cc"] = W_FOCUS_CC * focus.cc.get(p.country_code, 0.0) / focus.total
        if p.admin1_code and p.feature_code not in _COUNTRY_CODES:
            terms["focus_adm1"] = W_FOCUS_ADM1 * focus.adm1.get(p.admin1_code, 0.0) / focus.total
        near = 0.0
        for lat, lon, w, _, gid in focus.points:
            if gid != p.geonameid:  # another name of this very place is no evidence of nearness
                near = max(near, w * math.exp(-haversine_km(p.lat, p.lon, lat, lon) / NEAR_KM))
        if p.feature_code == "ADM1":  # "Melbourne and Victoria": a place of the article lies inside it
            near = max(near, focus.inside.get(p.admin1_code, 0.0))
        terms["near"] = W_NEAR * near
        if p.feature_code == "ADM1":  # "Alabama, Iowa ... Georgia": states among states
            terms["peers"] = W_PEERS * focus.states.get(p.country_code, 0.0) / focus.total
        if g.siblings:
            terms["list"] = _list_term(g, p)
        if g.mates and c.match != "alias":
            terms["sentence"] = _sentence_term(g, p, gazetteer, memo)
    return terms


def _sentence_term(g: _Group, place: Place, gazetteer: Any, memo: dict) -> float:
    """A state (first-order division) named in the same sentence contains the place.

    "In neighbouring Michigan, authorities in Monroe County reported ...":
    the county of that state, whatever state the rest of the article is
    about. Weighted by how sure the area's own choice is. A county in the
    sentence is no such evidence ("a Springfield man ... a crash in Lucas
    County"), nor a namesake known by an alias only. Only namesakes of
    the kind the name most often names count (a county for "Monroe County", a
    town for "Dundee"): "Ontario" next to "New York" stays the province, and
    states listed together stay states.
    """
    if g.siblings:
        return 0.0
    top = max(g.cands, key=lambda c: c.prior).place
    if _level(top) != _level(place):
        return 0.0
    best = 0.0
    for h in g.mates:
        if not h.cands:
            continue
        q = h.cands[h.choice].place
        if q.feature_code in _SENTENCE_AREAS and _contains(gazetteer, q, place, memo):
            best = max(best, h.prob)
    return W_SENTENCE * best


def _link_sentences(mentions: list[Mention], group_of: dict[int, _Group]) -> None:
    """Record the other names of each name's sentences (independent names only).

    A name written as the container of the name before it ("Norman, Okla.")
    locates that name only, not the rest of its sentence.
    """
    by_sentence: dict[int, list[_Group]] = defaultdict(list)
    for k, m in enumerate(mentions):
        if m.label == "NORP":
            continue
        if k and any(group_of[k] is x for x in group_of[k - 1].containers):
            continue
        by_sentence[m.sentence].append(group_of[k])
    for k, m in enumerate(mentions):
        g = group_of[k]
        if m.label == "NORP":
            continue
        for h in by_sentence[m.sentence]:
            if h is not g and not _related(g, h) and all(h is not x for x in g.mates):
                g.mates.append(h)


def _add_focus_candidates(g: _Group, focus: _Focus, gazetteer: Any) -> None:
    """Add namesakes in the document's focus country that the global top list cut off.

    The first ``LIMIT`` namesakes in the focus country are added, and from a
    longer list those inside the article's main admin-1 areas (the thirtieth
    "Washington County" of the country may be the one of the article's state).
    """
    if not focus.cc or g.demonym:
        return
    top_cc = max(focus.cc, key=lambda k: (focus.cc[k], k))
    if g.cands and all(c.match == "fuzzy" for c in g.cands):
        return
    names = [g.name]
    if g.hints & (REGION_HINTS - {"country"}):
        names.append(f"{g.name} region")
    adm1 = {k for k, w in focus.adm1.items() if w >= FOCUS_ADM1_SHARE * focus.total}
    seen = {c.place.geonameid for c in g.cands}
    added: list[_Cand] = []
    for name in names:
        found = _lookup(gazetteer, name, country=top_cc, fuzzy=False, limit=LIMIT_FOCUS if adm1 else LIMIT)
        for rank, c in enumerate(found):
            if c.match == "fuzzy" or c.place.geonameid in seen:
                continue
            if rank < LIMIT or c.place.admin1_code in adm1:
                seen.add(c.place.geonameid)
                added.append(c)
    g.cands = g.cands + added
    g.support = g.support + [0.0] * len(added)


def _named_countries(groups: list[_Group], g: _Group, *, sides: bool = True) -> frozenset[str]:
    """Countries the text names (a country's name or a demonym), other than through ``g``; with
    ``sides`` false, not those named only as whose forces act ("Ukrainian forces shelled X")."""
    return frozenset(
        p.country_code
        for h in groups
        if h is not g and h.cands and not _related(g, h) and (sides or not h.whose)
        and (p := h.cands[h.choice].place).feature_code in _COUNTRY_CODES and p.country_code
    )


def _named_areas(groups: list[_Group], g: _Group) -> frozenset[str]:
    """Countries of the first-order areas the text names by their own name ("Zamfara State"),
    other than through ``g``."""
    return frozenset(
        p.country_code
        for h in groups
        if h is not g and h.cands and not _related(g, h) and h.cands[h.choice].match != "fuzzy"
        and (p := h.cands[h.choice].place).feature_code == "ADM1" and p.country_code
    )


def _before_forces(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """Whether mention ``m`` is written right before a noun of forces or government."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and force_noun_after(doc, span.end, lex)


def _cues(groups: list[_Group], g: _Group, actors: dict[str, int]) -> country.Cues:
    """The text's country cues for ``g``: its other names' choices and its actors."""
    picks = (
        country.Pick(p.country_code, p.feature_code, h.prob, h.demonym)
        for h in groups
        if h is not g and h.cands and not _related(g, h)
        for p in (h.cands[h.choice].place,)
    )
    return country.cues(picks, actors)


def _choose(g: _Group, groups: list[_Group], *, use_focus: bool, lexicon: Lexicon,
            gazetteer: Any, memo: dict) -> None:
    if not g.cands:
        return
    focus = _focus(groups, g) if use_focus else None
    best_prior = max(c.prior for c in g.cands)
    totals: list[float] = []
    terms_of: list[dict[str, float]] = []
    for i in range(len(g.cands)):
        terms = _score(g, i, best_prior, focus, lexicon, gazetteer, memo)
        terms_of.append(terms)
        totals.append(ranker.hand_set(terms))
    g.totals = totals
    g.terms = terms_of
    top = max(range(len(totals)), key=lambda i: (totals[i], -i))
    mx = totals[top]
    z = sum(math.exp(s - mx) for s in totals)
    g.choice = top
    g.prob = 1.0 / z
    scored = [(t, defaultdict(float, terms_of[i])) for i, t in enumerate(totals)]
    g.reason = _reason(g, top, scored, focus)
    if g.cands[top].match == "fuzzy":
        g.reason = f"approximate spelling of {g.cands[top].place.name}: {g.reason}"
    if g.seat:
        g.reason = f"{g.name} is no area in the gazetteer; placed at its namesake town: {g.reason}"
    if g.area_without_point:
        g.reason = (f"the gazetteer has no point for {g.area_without_point}; placed at the region it lies in, "
                    f"{g.cands[top].place.name}: {g.reason}")


def _reason(g: _Group, top: int, scored: list[tuple[float, dict[str, float]]],
            focus: _Focus | None) -> str:
    place = g.cands[top].place
    if g.demonym:
        return f"demonym of {place.name}"
    terms = scored[top][1]
    if len(scored) == 1:
        known = sorted({h.name for h in g.part_of if any(c.match != "fuzzy" for c in h.cands)})
        if known:  # the areas the gazetteer knows by their names, which narrowed the choice
            return f"place named {g.name} inside {', '.join(known)} per text ({place.country_code})"
        return f"only place named {g.name} in the gazetteer"
    runner = max((i for i in range(len(scored)) if i != top), key=lambda i: scored[i][0])
    other = scored[runner][1]
    gains = {k: v - other.get(k, 0.0) for k, v in terms.items()}
    gains.update({k: -v for k, v in other.items() if k not in terms})
    decisive = max(gains, key=lambda k: (round(gains[k], 6), -_REASON_ORDER.get(k, 99))) if gains else "prior"
    where = f"{place.country_code}" if place.feature_code in _COUNTRY_CODES else (
        f"{place.admin1}, {place.country_code}" if place.admin1 else place.country_code)
    reason = _REASONS.get("prior" if gains.get(decisive, 0.0) <= 0 else decisive)
    if reason is not None:
        return reason(g, place, where)
    near = min(focus.points, key=lambda q: haversine_km(place.lat, place.lon, q[0], q[1])) if focus else None
    return f"near {near[3]} mentioned in the article" if near else f"place named {g.name} ({where})"


_REASONS: dict[str, Callable[[_Group, Place, str], str]] = {
    # the words of a toponym's ``reason`` for the term that decided its choice
    "prior": lambda g, p, where: f"most prominent place named {g.name} ({p.feature_code}, {where})",
    "alias": lambda g, p, where: f"most prominent place named {g.name} ({p.feature_code}, {where})",
    "alias_county": lambda g, p, where: f"most prominent place named {g.name} ({p.feature_code}, {where})",
    "alias_named": lambda g, p, where: f"most prominent place named {g.name} ({p.feature_code}, {where})",
    "type": lambda g, p, where: f"the text's type word ({'/'.join(sorted(g.hints))}) fits {g.name} ({p.feature_code}, {where})",
    "country": lambda g, p, where: f"text places it in {'/'.join(sorted(g.countries))}",
    "contain": lambda g, p, where: "containment with "
    + ", ".join(sorted({o.name for o in g.containers} | {i.name for i in g.contained}))
    + f" per text ({where})",
    "support": lambda g, p, where: f"lies together with the other places of the article ({where})",
    "seat": lambda g, p, where: f"seat of the area named {g.name}, no area type word in the text ({where})",
    "designated": lambda g, p, where: f"{p.name}, the area named {g.name} ({p.feature_code}, {where})",
    "focus_cc": lambda g, p, where: f"largest place named {g.name} in document focus country {p.country_code}",
    "focus_adm1": lambda g, p, where: f"place named {g.name} in document focus region {p.admin1}",
    "list": lambda g, p, where: f"listed together with {', '.join(sorted({h.name for h in g.siblings}))} ({where})",
    "peers": lambda g, p, where: f"first-order division like the other areas of the article ({where})",
    "sentence": lambda g, p, where: f"inside an area named in the same sentence ({where})",
    "water": lambda g, p, where: f"'the {g.name}' names a body of water ({p.feature_code})",
    "article": lambda g, p, where: f"'the {g.name}' names a {p.feature_code} feature, not a town ({where})",
    "dateline": lambda g, p, where: f"a dateline names a city: {g.name} ({p.feature_code}, {where})",
}


def _fuzzy_supported(g: _Group, groups: list[_Group], *, theatre: frozenset[str] = frozenset()) -> bool:
    """Whether the choice of a group stands: exact matches always do; an
    approximate spelling only in a country the rest of the article is about
    (a transliteration variant of a local name, not a random lookalike), or, in an
    article with no other place, in a country of the corpus it belongs to."""
    c = g.cands[g.choice]
    if c.match != "fuzzy":
        return True
    focus = _focus(groups, g)
    if focus.total <= 0:
        return c.place.country_code in theatre
    if focus.cc.get(c.place.country_code, 0.0) / focus.total < FUZZY_MIN_FOCUS:
        return False
    # a lookalike at the other end of a large country is no variant of a local name
    # ("Valuysky District" in a report on Belgorod is not Vilyuysky District in Yakutia)
    p = c.place
    points = [(lat, lon) for lat, lon, _w, _n, gid in focus.points if gid != p.geonameid]
    return not points or any(haversine_km(p.lat, p.lon, lat, lon) <= FAR_KM for lat, lon in points)


def _stray_hamlet(g: _Group, groups: list[_Group]) -> bool:
    """A hamlet abroad that nothing in the text points to: most likely a local name
    the gazetteer lacks ("a bar in Piccadilly" in a report on London read as a
    village in Australia), so no place.

    True when the choice is a populated place of fewer than
    ``HAMLET_POPULATION`` people in a country none of the article's other
    places lies in (or only such unlocated small towns, holding under
    ``HAMLET_MAX_SHARE`` of the article's weight: two stray namesakes abroad
    do not support each other), the article's other places weigh at least
    ``HAMLET_MIN_FOCUS``, and no word around the name locates it (no
    container, country word, type word or list).
    """
    if not _unanchored_hamlet(g):
        return False
    p = g.cands[g.choice].place
    focus = _focus(groups, g)
    if focus.total < HAMLET_MIN_FOCUS:
        return False
    weight = focus.cc.get(p.country_code, 0.0)
    if weight == 0.0:
        return True
    if weight >= HAMLET_MAX_SHARE * focus.total:
        return False  # the article is about that country (a local story of small towns)
    # a minor share counts only when something anchors it: two stray towns abroad
    # ("Liancourt", "Malpasse" in a report on Haiti) do not hold each other up
    return not any(
        h is not g and h.cands and not _related(g, h) and not _unanchored_hamlet(h)
        and h.cands[h.choice].place.country_code == p.country_code
        for h in groups
    )


def _lone_weak_guess(g: _Group, groups: list[_Group]) -> bool:
    """A town chosen with little confidence (under ``LONE_MAX_PROB``) in a country none of
    the article's other places (at least ``LONE_MIN_OTHERS`` of them) lies in: most likely
    a local place the gazetteer lacks, read as a namesake abroad ("near Palma" in a report
    on Cabo Delgado, the gazetteer knowing only Palma de Mallorca). Countries, first-order
    divisions, capitals and regions are kept: articles name them from afar.
    """
    p = g.cands[g.choice].place
    if g.demonym or g.venue or g.prob >= LONE_MAX_PROB or p.feature_code in _COUNTRY_CODES | _WIDE_FEATURES | {"ADM1", "PPLC"}:
        return False
    if g.containers or g.countries:
        return False  # "Palma, Spain": the text locates it
    others = [h for h in groups if h is not g and h.cands and not h.demonym and not _related(g, h)]
    return len(others) >= LONE_MIN_OTHERS and all(h.cands[h.choice].place.country_code != p.country_code for h in others)


def _text_countries(groups: list[_Group], g: _Group) -> frozenset[str]:
    """The countries the text establishes: those it names (a country's name, a demonym) and the
    one holding more than ``ESTABLISHED_SHARE`` of the weight of its places (``g``'s included: a
    name the article keeps returning to is its subject)."""
    focus = _focus(groups, g)
    cc = dict(focus.cc)
    own = g.prob * math.log(len(g.mentions))  # the name's repeated mentions count too (one: none)
    mine = g.cands[g.choice].place.country_code
    cc[mine] = cc.get(mine, 0.0) + own
    total = focus.total + own
    major = {k for k, w in cc.items() if total > 0 and w > ESTABLISHED_SHARE * total}
    return _named_countries(groups, g) | major


def _keep_to_text_countries(g: _Group, groups: list[_Group], actors: dict[str, int], *,
                            theatre: frozenset[str] = frozenset()) -> None:
    """A town or small area abroad gives way to its namesake in the text's countries, or to no
    place: never a namesake in another country than the text's unless the text says so.

    A country or area written next to the name (:func:`_told_countries`: "Kani, Myanmar",
    "Sagaing's Kani township") decides first, whatever the namesake's size.

    The text's countries are those it states (a country's name, a demonym, the countries its
    actors act in: :mod:`.actors`) and the one holding more than ``ESTABLISHED_SHARE`` of the
    weight of its places (:func:`_text_countries`). A place outside them that no word around
    the name puts there (a country word, a container in its country) takes the best namesake
    inside them. With none, it gets no point when it was matched only by another name or
    spelling, or when it is a hamlet (under ``HAMLET_POPULATION``), the text states its
    countries and few of its other places lie in the hamlet's (:func:`_minor_country`).
    Countries, first-order areas, capitals and large towns (``FOREIGN_KEEP_POPULATION``) are
    named from afar and stay, and so does a town known by its own name (over
    ``HAMLET_POPULATION``) that the text's stated countries do not exclude. A text that names no
    country, read with its corpus's theatre (:mod:`mapper.theatre`), takes a namesake there, or
    gives no point to a town abroad that is not named from afar.
    """
    if g.demonym or len(g.totals) != len(g.cands):
        return
    c = g.cands[g.choice]
    p = c.place
    told = _told_countries(g)
    if told and p.country_code not in told:
        # "Kani, Myanmar", "Sagaing's Kani township": the text writes the name in another country
        # than its namesake's, however large that namesake is
        best = _best_namesake_in(g, told)
        if best is None:
            g.cands = []
        else:
            _move_to(g, best, "the country the text writes it in")
        return
    # a large town abroad may be named from afar, not one the text's word only resembles ("Salaam")
    # nor an area called only by a direction ("East Region", "Southwest"): many countries have one
    direction = _direction_name(g.name)
    loose = c.match != "name" or direction  # "Salaam", "Southwest": no name of its own
    afar = named_from_afar(p) and c.match not in {"skeleton", "fuzzy"} and not direction
    if g.countries or afar or _located_by_container(g, p):
        return
    stated = _named_countries(groups, g) | frozenset(actors)
    if theatre and not stated and not _text_countries(groups, g):
        # a text that names no country, in a corpus about a few: a namesake there before one elsewhere
        # ("Corpse found in Zamora" among reports on Mexico); with none there, a town abroad that is
        # not named from afar is a namesake of a place the gazetteer lacks: no point
        if p.country_code in theatre:
            return
        best = _best_namesake_in(g, theatre)
        if best is not None:
            _move_to(g, best, "a country of the corpus")
        else:
            g.cands = []
        return
    if c.match == "name" and p.population >= HAMLET_POPULATION and not stated:
        return  # a town known by its own name, not a hamlet: it may be the one meant
    est = _text_countries(groups, g) | stated
    if stated and p.country_code not in stated and not _focus(groups, g).cc.get(p.country_code):
        est = stated  # the name's own mentions do not hold it abroad against the countries the text states
    if not est or p.country_code in est:
        return
    best = _best_namesake_in(g, est)
    if best is None:
        # a hamlet abroad goes when the text says where it is about, not only whose forces act there
        where = _named_countries(groups, g, sides=False) | _named_areas(groups, g) | frozenset(actors)
        if loose or (where and p.population < HAMLET_POPULATION and _minor_country(g, groups, p)):
            g.cands = []  # a namesake abroad: no point rather than a wrong one
        return
    q = g.cands[best].place
    _move_to(g, best, "the country its actors act in" if q.country_code in actors else "the country the text is about")


def _direction_name(name: str) -> bool:
    """Whether a name is only words of direction and of area type ("East Region", "South-West",
    "the Southwest state")."""
    lex = get_lexicon()
    words = [w for w in re.split(r"[\s\-]+", fold(name)) if w and w != "the"]
    return bool(words) and any(w in lex.compass for w in words) \
        and all(w in lex.compass or w in lex.feature_types for w in words)


def _told_countries(g: _Group) -> frozenset[str]:
    """The countries the words next to a town or district put it in: a country word ("Kani,
    Myanmar") and the countries of the areas written as its containers ("Kani township, Sagaing
    Region"; "Sagaing's Kani township" also when the gazetteer reads Sagaing as its town)."""
    p = g.cands[g.choice].place
    if p.feature_code in _COUNTRY_CODES | _WIDE_FEATURES | {"ADM1"} or p.feature_class not in {"P", "A"}:
        return frozenset()  # "the United States, Canada": a country lies in no other
    told = set(g.countries)
    for h in g.containers:
        q = h.cands[h.choice].place if h.cands else None
        if q is not None and q.country_code and (q.feature_class == "A" or any(h is o for o in g.owners)):
            told.add(q.country_code)
    return frozenset(told)


def _best_namesake_in(g: _Group, countries: frozenset[str]) -> int | None:
    """The best-ranked candidate in ``countries`` matched by more than a close spelling, if any."""
    inside = [i for i, c in enumerate(g.cands) if c.place.country_code in countries and c.match != "fuzzy"]
    return max(inside, key=lambda i: (g.totals[i], -i)) if inside else None


def _move_to(g: _Group, best: int, why: str) -> None:
    """Make candidate ``best`` the name's choice, its probability from the ranker's totals."""
    mx = max(g.totals)
    g.prob = math.exp(g.totals[best] - mx) / sum(math.exp(t - mx) for t in g.totals)
    g.choice = best
    g.moved = True
    q = g.cands[best].place
    g.reason = f"place named {g.name} in {q.country_code}, {why} ({q.feature_code}, {q.admin1})"


def _minor_country(g: _Group, groups: list[_Group], p: Place) -> bool:
    """Whether the text's other places hold less than ``HAMLET_MAX_SHARE`` of their weight in
    the country of ``p`` (a report on outbreaks in one country that names others in passing
    keeps the hamlets of its own)."""
    focus = _focus(groups, g)
    return focus.total <= 0 or focus.cc.get(p.country_code, 0.0) < HAMLET_MAX_SHARE * focus.total


def named_from_afar(p: Place) -> bool:
    """Countries, seas, regions, first-order areas, capitals and large towns: a text may name
    them from anywhere."""
    if p.feature_code in _COUNTRY_CODES | _WIDE_FEATURES | {"ADM1", "PPLC"} or p.feature_class not in {"P", "A"}:
        return True
    return p.population >= FOREIGN_KEEP_POPULATION


def _located_by_container(g: _Group, p: Place) -> bool:
    """Whether a name the text writes next to the name ("Palma, Spain", "X in Y") puts the
    place in its country."""
    return any(h.cands and h.cands[h.choice].place.country_code == p.country_code for h in g.containers)


def _far_hamlet(g: _Group, groups: list[_Group]) -> bool:
    """A small place that no word locates ("In Nyaung Kone village"), outside the first-order
    divisions of its country the article names and over ``NEAR_KM`` from every other place of the
    article: a namesake elsewhere in the country (a village of that name in Yangon, in a report on
    Sagaing Region; a "Dolgoe" in Orel Oblast, in a report on the Belgorod region), not the place meant."""
    if not _hamlet(g) or g.containers or g.contained or g.countries or g.siblings or g.part_of:
        return False
    p = g.cands[g.choice].place
    others = [
        h.cands[h.choice].place for h in groups
        if h is not g and h.cands and not h.demonym and not _related(g, h)
        and h.cands[h.choice].place.feature_code not in _COUNTRY_CODES
    ]
    divisions = [o for o in others if o.feature_code == "ADM1" and o.country_code == p.country_code]
    if not divisions or any(o.admin1_code and o.admin1_code == p.admin1_code for o in divisions):
        return False  # the article names no division of that country, or one that holds the place
    return all(haversine_km(p.lat, p.lon, o.lat, o.lon) > NEAR_KM for o in others)


def _hamlet(g: _Group) -> bool:
    """Whether a name's choice is a populated place under ``HAMLET_POPULATION``."""
    p = g.cands[g.choice].place
    return not g.demonym and p.feature_class == "P" and p.population < HAMLET_POPULATION


def _unanchored_hamlet(g: _Group) -> bool:
    """A populated place under ``HAMLET_POPULATION`` that no word around its name locates
    (no container, country word, type word or list)."""
    return _hamlet(g) and not (g.containers or g.contained or g.countries or g.hints or g.siblings)


def _sentence_areas(mentions: list[Mention], group_of: dict[int, _Group]) -> dict[int, list[_Group]]:
    """First-order divisions written before each small unit of their sentence.

    Keyed by ``id`` of the group of a name typed as a small unit (a type word of
    :data:`LOCAL_HINTS`): the groups of the other names before it in one of its
    sentences that the text types as a province, region or state and whose
    current choice is a first-order division (at least :data:`AREA_MIN_PROB` sure).
    """
    out: dict[int, list[_Group]] = defaultdict(list)
    for k, m in enumerate(mentions):
        g = group_of[k]
        if m.label == "NORP" or not (g.hints & LOCAL_HINTS) or g.siblings:
            continue
        for j in range(k - 1, -1, -1):
            if mentions[j].sentence != m.sentence:
                break
            h = group_of[j]
            if h is g or h.demonym or not h.cands or _related(g, h) or h.prob < AREA_MIN_PROB:
                continue
            if "region" not in h.hints:
                continue  # the text must call it a province, region or state ("In Saada province")
            if h.cands[h.choice].place.feature_code == "ADM1" and all(h is not x for x in out[id(g)]):
                out[id(g)].append(h)
    return out


def _inside_sentence_area(g: _Group, areas: list[_Group], gazetteer: Any, memo: dict) -> None:
    """Keep only the namesakes inside a first-order division named before the name in its sentence.

    "In Saada province, ... a strike hit the Sahar district": the district lies in
    that province, not in another one that has a town of the name. Namesakes
    inside the division that the global list cut off are looked up first; when
    none lies inside, the name gets no place rather than one elsewhere.
    """
    if not areas or not g.cands or g.demonym:
        return
    outers = [h.cands[h.choice].place for h in areas]
    seen = {c.place.geonameid for c in g.cands}
    for cc in sorted({o.country_code for o in outers if o.country_code}):
        for c in _lookup(gazetteer, g.name, country=cc, fuzzy=False, limit=LIMIT_FOCUS):
            if c.match != "fuzzy" and c.place.geonameid not in seen:
                seen.add(c.place.geonameid)
                g.cands.append(c)
    keep = [i for i, c in enumerate(g.cands) if any(_contains(gazetteer, o, c.place, memo) for o in outers)]
    _keep_candidates(g, keep)


def _far_for_physical(g: _Group, groups: list[_Group], lexicon: Lexicon) -> bool:
    """A town chosen for "the X river" / "Lake X" when the gazetteer has no such water, far
    (over :data:`FAR_KM`) from every other place of the article: not the place meant.

    "on the Volga river" in a report on Saratov is no village named Volga hundreds
    of kilometres away. A place of the kind the word names, or one near the
    article's other places ("the Moscow river" read as Moscow), stays.
    """
    if g.demonym or not g.cands:
        return False
    classes: set[str] = set()
    for hint in g.hints & PHYSICAL_HINTS:
        ft = lexicon.hint_type(hint)
        if ft is not None and ft.classes == frozenset({"H"}):
            classes |= set(ft.classes)  # water only: "Tortola island" may well be the island's town
    if not classes:
        return False
    p = g.cands[g.choice].place
    if p.feature_class in classes:
        return False
    points = _focus(groups, g).points
    return bool(points) and all(haversine_km(p.lat, p.lon, lat, lon) > FAR_KM for lat, lon, *_ in points)


def _borrow_other_kind(groups: list[_Group]) -> None:
    """A name left without a place takes the place its other group of the article found.

    Mentions of one name are grouped apart when one is typed as an area ("the
    Catatumbo region") and another is not ("in Catatumbo"); when only the typed
    form finds a place, the plain mentions are that place too (one sense per
    discourse), rather than none.
    """
    found = {g.key: g for g in groups if g.cands and not g.demonym}
    for g in groups:
        if g.cands or g.demonym:
            continue
        other = found.get(g.key)
        if other is not None and other is not g:
            g.cands, g.choice, g.prob, g.reason = other.cands, other.choice, other.prob, other.reason


def _link_hierarchy(text: str, mentions: list[Mention], group_of: dict[int, _Group], lexicon: Lexicon) -> None:
    """Record the areas the text puts each name in (:func:`.hierarchy.container_chains`):
    "Bani (Pobe-Mengao, Soum, Sahel)" lies in Pobe-Mengao, Soum and Sahel, smallest first."""
    for k, outers in container_chains(text, mentions, lexicon).items():
        g = group_of[k]
        for o in outers:
            h = group_of[o]
            if h is g or h.demonym or any(h is x for x in g.part_of):
                continue
            g.part_of.append(h)
            h.area_member = True
            if all(h is not x for x in g.containers):
                g.containers.append(h)
                h.contained.append(g)


def _capitalised_after(text: str, end: int) -> bool:
    """Whether a capitalised word follows right after ``end`` (the name runs on into another)."""
    rest = text[end : end + 40].lstrip(" ")
    return bool(rest) and rest[0].isupper() and text[end : end + 1] == " "


def _comma_areas(g: _Group) -> None:
    """ "Golo, Central Darfur", "Paris, Texas": a place written before an administrative area
    (below a country: "Congo" may be either) and a comma lies inside it, unless the name itself names an area (two areas
    side by side, "Ohio, Indiana", are a list). So does a place written "in" an area the text
    types as a unit ("Pisky in Donetsk region", "Biyokolmey in Duhun district")."""
    if g.demonym or not (g.comma_of or g.in_unit_of):
        return
    if g.cands and g.cands[0].place.feature_class == "A":
        return  # an area itself ("Ohio, Indiana", "US, Texas"): no place inside the other
    for h in g.comma_of + g.in_unit_of:
        top = h.cands[0].place if h.cands else None
        if top is not None and top.feature_class == "A" and top.feature_code not in _COUNTRY_CODES and all(h is not x for x in g.part_of):
            g.part_of.append(h)


def _depth(g: _Group) -> int:
    """How many areas the text puts a name in (areas are narrowed before what lies in them)."""
    return len(g.part_of)


# a fallback's precision: 2 for a town or second-order unit, 3 for a first-order one or larger
_REGION_LEVEL = _COUNTRY_CODES | _WIDE_FEATURES | {"ADM1", "ADMD"}


def _fallback_precision(place: Place) -> int:
    return 3 if place.feature_code in _REGION_LEVEL or place.feature_class in {"L", "H", "T"} else 2


def _fall_back_to_container(g: _Group) -> None:
    """A name the text puts in areas, with no namesake inside them, takes the smallest of those
    areas the gazetteer knows ("Leego village (Buur Hakaba, Bay)": Buur Hakaba) rather than
    a namesake elsewhere or no point. A country is too coarse for that: no place. A name the
    placement model gave no point of its own takes the area or town the text writes it with
    ("X, Y", "X in Y") the same way."""
    if g.cands or g.demonym:
        return
    outers = g.part_of or (g.containers if g.abstained else [])
    if not outers:
        return
    if not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in g.name.split()):
        return  # "Nebraska's 3rd Congressional District": no place name of its own
    h = next((h for h in outers if h.cands and not h.fallback), None)
    if h is None:
        return
    p = h.cands[h.choice].place
    if p.feature_code in _COUNTRY_CODES or p.feature_code in _WIDE_FEATURES:
        return
    unit = "region" if _fallback_precision(p) == 3 else "town" if p.feature_class == "P" else "district"
    what = (g.abstained if g.abstained
            else f"{g.name} not in the gazetteer" if not g.found
            else f"no place named {g.name} in the gazetteer lies in {h.name}")
    g.cands, g.choice, g.prob, g.fallback = [h.cands[h.choice]], 0, h.prob, h
    where = f"{p.name} ({unit}, {p.feature_code}), the region of {h.name} (named in the text)" if h.area_without_point \
        else f"{h.name} ({unit}, {p.feature_code}, named in the text)"
    g.reason = f"{what}; placed at {where}"


def _placement_choice(g: _Group, groups: list[_Group]) -> placement.Choice:
    """What the placement model is told of a name's choice (:class:`.placement.Choice`)."""
    c = g.cands[g.choice]
    p = c.place
    others = [h for h in groups if h is not g and h.cands and not _related(g, h)]
    focus = _focus(groups, g)
    share = focus.cc.get(p.country_code, 0.0) / focus.total if focus.total > 0 else 0.0
    dists = [haversine_km(p.lat, p.lon, lat, lon) for lat, lon, _w, _n, gid in focus.points if gid != p.geonameid]
    rivals = [t for i, t in enumerate(g.totals) if i != g.choice] if len(g.totals) == len(g.cands) else []
    margin = g.totals[g.choice] - max(rivals) if rivals else 0.0
    terms = g.terms[g.choice] if len(g.terms) == len(g.cands) else {}
    p_far = p_abroad = 0.0
    if len(g.totals) == len(g.cands) and len(g.cands) > 1:
        top = max(g.totals)
        weights = [math.exp(t - top) for t in g.totals]
        z = sum(weights)
        for w, o in zip(weights, g.cands):
            if o.place.country_code != p.country_code:
                p_abroad += w / z
            if haversine_km(p.lat, p.lon, o.place.lat, o.place.lon) > placement.FAR_KM:
                p_far += w / z
    return placement.Choice(
        place=p, match=c.match, prob=g.prob, margin=margin, n_cands=len(g.cands), terms=terms,
        focus_share=share, others=len(others), nearest_km=min(dists) if dists else None,
        located=bool(g.part_of or g.containers or g.countries), typed=bool(g.hints),
        listed=bool(g.siblings), mentions=len(g.mentions), moved=g.moved, p_far=p_far, p_abroad=p_abroad,
        wide=named_from_afar(p),
    )


def _typed_wide(g: _Group) -> bool:
    """Whether the text's own words made the choice a sea, an ocean, a continent or a region
    ("the Pacific flyway", "the X Sea"), or a body of water its type word names ("the Dnipro
    river"): grammar, not a namesake guess, so no doubt of the placement model undoes it."""
    place = g.cands[g.choice].place
    if place.feature_class == "H" and g.hints & PHYSICAL_HINTS:
        return True
    typed = g.article or g.water or (g.modifier and _names_wide_feature(g))
    return bool(typed) and place.feature_code in _WIDE_FEATURES


def _abstain(glist: list[_Group], actors: dict[str, int], model: LinearModel, decisions: list | None) -> None:
    """Give no point of its own to each name whose choice the placement model finds unlikely
    to be right (below its threshold); all are judged on the same state of the text."""
    limit = placement.threshold(model)
    verdicts = []
    for g in glist:
        if not g.cands or g.demonym or g.fallback or _typed_wide(g):
            continue
        feats = placement.features(_placement_choice(g, glist), _cues(glist, g, actors))
        prob = model.probability(feats)
        if decisions is not None:
            decisions.append(([(m.start, m.end) for m in g.mentions], g.cands[g.choice].place, feats,
                              [c.place for c in g.cands]))
        if prob < limit:
            verdicts.append((g, prob, feats))
        elif model.weights and g.reason:
            g.reason += f"; {model.name} model p={prob:.2f} (for: {', '.join(model.explain(feats)) or 'none'})"
    for g, prob, feats in verdicts:
        p = g.cands[g.choice].place
        low = placement.against(model, feats)
        g.abstained = (f"{g.name}: no confident place ({model.name} model: {p.name}, {p.country_code} "
                       f"right with p={prob:.2f} < {limit:.2f}; against: {', '.join(low) or 'none'})")
        g.cands = []


# ---------------------------------------------------------------- main entry
def _group_key(m: Mention) -> tuple[str, str]:
    if m.label == "NORP":
        return ("demonym", m.name)
    kind = "area" if m.type_hint in REGION_HINTS else "any"
    return (fold(m.name), kind)


def resolve(
    doc: Doc,
    mentions: list[Mention],
    *,
    gazetteer: Any,
    lexicon: Lexicon | None = None,
    cache: dict | None = None,
    actors: ActorTable | None = None,
    confidence: LinearModel | None = None,
    decisions: list | None = None,
    theatre: frozenset[str] = frozenset(),
) -> list[Toponym]:
    """Resolve mentions to gazetteer places.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed article (for the words around each mention).
    mentions : list[Mention]
        Output of :func:`mapper.geoparse.recognise.recognise` (demonyms included:
        they add to the document's country focus and come back as toponyms
        with ``feature_code`` of the country).
    gazetteer : Gazetteer
        The place index.
    lexicon : Lexicon, optional
        Vocabularies (default: ``data/geoparse``).
    cache : dict, optional
        Candidate cache shared between articles (name -> candidates).
    actors : ActorTable, optional
        The armed groups, forces and institutions that tie a text to countries (default:
        ``data/geoparse/actors.tsv``, :mod:`.actors`).
    confidence : LinearModel, optional
        The placement confidence model (default: the shipped ``placement`` model,
        :mod:`.placement`); a choice it finds less likely right than its threshold gets no
        point of its own.
    decisions : list, optional
        When given, receives per placed name (its mention spans, the chosen place, the
        placement model's features, its candidate places), for training that model.
    theatre : frozenset of str
        Countries the corpus is about: when the text establishes no country, a town abroad
        gives way to its namesake in them (:func:`_keep_to_text_countries`).

    Returns
    -------
    list[Toponym]
        One per mention that has a candidate, sorted by offset; ``role`` is
        left ``"context"`` (see :mod:`mapper.geoparse.roles`).
    """
    lex = lexicon or get_lexicon()
    cache = {} if cache is None else cache
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    groups: dict[tuple[str, str], _Group] = {}
    group_of: dict[int, _Group] = {}
    text = doc.text  # spaCy joins every token on each access: once per article
    for k, m in enumerate(mentions):
        key = _group_key(m)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(
                key=key[0], name=m.name, mentions=[], demonym=m.label == "NORP", words=tuple(fold(m.name).split())
            )
        g.mentions.append(m)
        g.whose = g.whose and g.demonym and _before_forces(doc, m, lex)
        if m.type_hint and not (k and _hint_of_previous(text, mentions[k - 1], m, lex)):
            g.hints.add(m.type_hint)
        if m.label != "NORP" and _in_dateline(doc, m):
            g.dateline = True  # "NEW YORK, Nov 24 (Reuters) -": a dateline names a city
        if m.label != "NORP" and _venue_slot(doc, m):
            g.venue = True  # "began talks in Geneva": a venue is far from the news by nature
        use = _article_use(doc, m) if m.label != "NORP" else ""
        if use == "head":
            g.article = True
        elif use == "modifier":
            g.modifier = True
        if use and _water_name(doc, m, lex, use=use):
            g.water = True
        cc = _country_hint(doc, m, lex) if m.label != "NORP" else None
        if cc:
            g.countries.add(cc)
        group_of[k] = g
    _link_containers(text, mentions, group_of, lex)
    _link_hierarchy(text, mentions, group_of, lex)
    _link_lists(doc, text, mentions, group_of, lex)
    _link_sentences(mentions, group_of)
    glist = list(groups.values())
    table = actors if actors is not None else get_actors()
    actor_cc = table.countries(text)  # "the RSF", "Boko Haram": the countries the text's actors act in
    for g in glist:
        if not g.demonym and table.is_alias(g.name):
            continue  # "Rizeigat attack Ma'aliya": a group's name is no place
        g.cands = _no_country_for_a_settlement(g, list(_candidates(gazetteer, g, lex, cache, doc=doc)))
        g.found = len(g.cands)
    where = _country_names(glist) | frozenset(actor_cc) | theatre
    for g in glist:
        if not g.cands and (g.demonym or not table.is_alias(g.name)):
            # "Demoso Township of Kayah State"; "Tamu Township" in a text on Myanmar
            g.cands = _district_seat(gazetteer, g, lex, countries=where)
            g.seat = g.found = bool(g.cands)
        if not g.cands and not g.demonym:
            _region_of_district(gazetteer, g, lex, countries=where)
    for g in glist:
        if g.area_member and not g.hints and any(
            c.place.feature_class == "A" and c.place.feature_code not in _COUNTRY_CODES for c in g.cands
        ):
            g.hints.add("district")  # "X (Soum, Sahel)": the names around X are areas when they can be
    _short_country_names(glist)
    for g in glist:
        if g.containers:
            _add_container_candidates(g, gazetteer)
    for g in glist:
        _comma_areas(g)
    memo: dict = {}
    for g in sorted(glist, key=_depth):  # the areas first, then the places the text puts in them
        _inside_container(g, gazetteer, memo)
        _spelling_inside_container(g, gazetteer)
    _support(glist)
    for g in glist:  # pass 0: priors, the words around each name, spatial coherence
        _choose(g, glist, use_focus=False, lexicon=lex, gazetteer=gazetteer, memo=memo)
    _short_country_of_focus(glist, gazetteer)
    for g in sorted(glist, key=_depth):
        if EXTEND_FOCUS:
            _add_focus_candidates(g, _focus(glist, g), gazetteer)
            _inside_container(g, gazetteer, memo)
    areas = _sentence_areas(mentions, group_of)
    for g in glist:
        _inside_sentence_area(g, areas.get(id(g), []), gazetteer, memo)
    for _ in range(PASSES - 1):
        for g in glist:
            _choose(g, glist, use_focus=True, lexicon=lex, gazetteer=gazetteer, memo=memo)
    for g in glist:
        if g.cands and not _fuzzy_supported(g, glist, theatre=theatre):
            g.cands = []  # an approximate spelling far from the article's places: no place
    for g in glist:
        if g.cands and (_stray_hamlet(g, glist) or _far_hamlet(g, glist)):
            g.cands = []
    for g in glist:
        if g.cands and _lone_weak_guess(g, glist):
            g.cands = []  # "a raid on Palma" in a report on Mozambique: not Majorca's capital
    for g in glist:
        if g.cands:
            _keep_to_text_countries(g, glist, actor_cc, theatre=theatre)  # "Tawila" in a report on Sudan: not the town in Yemen
    for g in glist:
        if g.cands and _far_for_physical(g, glist, lex):
            g.cands = []  # "the Volga river" and no river of that name: no place rather than a far town
    _abstain(glist, actor_cc, confidence or placement.get_model(), decisions)
    _borrow_other_kind(glist)
    for g in glist:
        _fall_back_to_container(g)
    out: list[Toponym] = []
    for k, m in enumerate(mentions):
        g = group_of[k]
        if not g.cands:
            continue
        p = g.cands[g.choice].place
        out.append(
            Toponym(
                start=m.start, end=m.end, name=m.name, lat=p.lat, lon=p.lon,
                geonameid=p.geonameid, feature_code=p.feature_code, country_code=p.country_code,
                admin1=p.admin1, role="context", score=round(g.prob, 4), reason=g.reason,
                place=p, sentence=m.sentence,
                geo_precision=_fallback_precision(p) if g.fallback else 2 if g.seat else 3 if g.area_without_point else None,
            )
        )
    return out
