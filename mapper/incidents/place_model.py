"""Which of a sentence's places is where its event happened: a learned ranker over event-place pairs.

The parse-based rules of :mod:`mapper.incidents.attach` give every place of a sentence a role
(``site``, ``container``, ``actor``, ``context``) through the preposition or relation that links it to
an event word. On prose they are right most of the time; on wire headlines ("Iraqi forces kill 30
militants in Tal Afar", "One civilian killed in Yasinovataya shelling") the parser's guesses break
them. The ``event_place`` model (``tools/train_event_place.py``, trained on real headlines and
reports) scores each place of a sentence that tells an event, with the rules' verdict as one
feature among the cues it rests on: the word before the name, the feature type, the distance to the
nearest event word in the parse and in the text, containment of and in other places of the sentence,
whether the place is in the article's main country, and the headline case. A place whose score
passes the threshold is a site; in a sentence that tells an event with no such place, the best
place still is when it scores above a lower bar. A region the rules link stays a site unless the model
scores it very low. A town abroad that is the only name of its country in an
article about another country is a namesake the geoparser guessed, never a site.

Countries are left to the rules (a country is no point for an attack, and says the figures are
totals); so are the policy filters applied after this step (places victims were taken to, places
people fled, places that describe someone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from mapper.incidents._cues import bucket, headline_case, stem
from mapper.incidents.attach import (PlaceRef, Site, classify, find_sites, focus_country, headline_label, link_steps,
                                     tree_distance)
from mapper.incidents.events import Trigger
from mapper.incidents.lexicon import Lexicon, word_in
from mapper.model import Place
from mapper.names import fold
from mapper.models import LinearModel, load_model

__all__ = ["MODEL", "SITE_AT", "HEADLINE_SITE_AT", "BEST_AT", "PlaceContext", "place_context", "place_features",
           "candidates", "rank_sites", "feature_class"]

MODEL = "event_place"
_SEATS = frozenset({"PPLC", "PPLA", "PPLG"})  # capitals and regions' seats
KEEP_AT = 0.0  # a place the rules link as a site stays one unless it scores below this
AREA_KEEP_AT = 0.1  # ... a region the rules link (the model decides more often against a region; set on train)
SITE_AT = 0.7  # a place the rules do not link is a site when it scores this much
HEADLINE_SITE_AT = 0.55  # ... in a headline, whose parse the rules can trust less
BEST_AT = 0.25  # the best place of an event sentence with no site is one when it scores this much
HEADLINE_BEST_AT = 0.0  # ... of a headline: its event happened at the best place it names, however low it scores


def feature_class(place: Place, lex: Lexicon) -> str:
    """A coarse feature type: country, adm1, adm2, district, town, region, water, spot, other."""
    code = place.feature_code
    if code in lex.country_codes or code.startswith("PCL"):
        return "country"
    if code in {"ADM1", "ADM1H"}:
        return "adm1"
    if code.startswith("ADM"):
        return "adm2"
    if place.feature_class == "P":
        return "district" if code in lex.district_codes else "town"
    if place.feature_class == "H":
        return "water"
    if place.feature_class == "S":
        return "spot"
    if place.feature_class in {"L", "T", "A"}:
        return "region"
    return "other"


def _inside(a: Place, b: Place, lex: Lexicon) -> bool:
    """True when place ``a`` lies in area ``b`` (a country, or an admin-1 area, by code)."""
    if a.geonameid == b.geonameid or not a.country_code or a.country_code != b.country_code:
        return False
    fb = feature_class(b, lex)
    if fb == "country":
        return feature_class(a, lex) != "country"
    if fb == "adm1":
        return bool(a.admin1_code) and a.admin1_code == b.admin1_code and feature_class(a, lex) != "adm1"
    return False


@dataclass(frozen=True)
class PlaceContext:
    """What the whole article says of its places: how often each is named, which areas have a place of
    the article inside them, which names the title repeats, and the article's main country."""

    focus_cc: str = ""
    mentions: Mapping[int, int] = field(default_factory=dict)
    holding: frozenset[int] = frozenset()
    title: str = ""
    stray: frozenset[int] = frozenset()  # places abroad that are their country's only mention in the article


def place_context(refs: Sequence[PlaceRef], *, title: str, lex: Lexicon) -> PlaceContext:
    """The :class:`PlaceContext` of an article from all its place references and its title."""
    mentions: dict[int, int] = {}
    for r in refs:
        mentions[r.place.geonameid] = mentions.get(r.place.geonameid, 0) + 1
    places = {r.place.geonameid: r.place for r in refs}.values()
    holding = frozenset(a.geonameid for a in places if any(_inside(b, a, lex) for b in places))
    focus = focus_country(refs)
    by_cc: dict[str, set[int]] = {}
    for r in refs:
        by_cc.setdefault(r.place.country_code, set()).add(r.place.geonameid)
    # "kidnapped one person in the town of Boni" read as a namesake abroad: a town of a country the article
    # names nowhere else (not a capital or a region's seat, which news names alone)
    sure = sum(r.place.country_code == focus for r in refs) >= 3  # a headline's one or two names set no country
    stray = frozenset(p.geonameid for p in places if sure and p.country_code and p.country_code != focus
                      and by_cc.get(p.country_code) == {p.geonameid} and p.feature_code not in _SEATS
                      and p.feature_code not in lex.country_codes)
    return PlaceContext(focus, mentions, holding, fold(title), stray)


def _nearest_trigger(ref: PlaceRef, doc: Doc, triggers: Sequence[Trigger]) -> tuple[Trigger | None, int, int]:
    root = doc[ref.root]
    best: tuple[int, int, Trigger] | None = None
    for t in triggers:
        if ref.start <= t.i < ref.end:
            continue
        key = (tree_distance(root, doc[t.i]), abs(t.i - ref.root), t)
        if best is None or key[:2] < best[:2]:
            best = key
    if best is None:
        return None, 99, 99
    return best[2], best[0], best[1]


def _word(doc: Doc, k: int, sent: Span) -> str:
    if k < sent.start or k >= sent.end:
        return "<edge>"
    tok = doc[k]
    return tok.lower_ if not tok.is_alpha or tok.lower_ in {"the", "of", "in", "on", "at", "near", "to", "from"} \
        else stem(tok)


def place_features(ref: PlaceRef, sent: Span, refs: Sequence[PlaceRef], triggers: Sequence[Trigger], *,
                   role: str, rel: str, hint: str, rule_site: bool, lex: Lexicon, context: PlaceContext,
                   headline: bool) -> dict[str, float]:
    """The cues of one (place, sentence) pair, as named features (see the module docstring)."""
    focus_cc = context.focus_cc
    doc = sent.doc
    root = doc[ref.root]
    f: dict[str, float] = {}
    fc = feature_class(ref.place, lex)
    f[f"fc={fc}"] = 1.0
    f[f"role={role}"] = 1.0
    f[f"rel={rel}"] = 1.0
    f[f"role_fc={role}:{fc}"] = 1.0
    if rule_site:
        f["rule_site"] = 1.0
    if hint:
        f[f"hint={hint}"] = 1.0
    f[f"dep={root.dep_}"] = 1.0
    prev = _word(doc, ref.start - 1, sent)
    f[f"prev={prev}"] = 1.0
    f[f"prev2={_word(doc, ref.start - 2, sent)}_{prev}"] = 1.0
    f[f"next={_word(doc, ref.end, sent)}"] = 1.0
    trig, tdist, ldist = _nearest_trigger(ref, doc, triggers)
    if trig is not None:
        f[f"near_cls={trig.cls}"] = 1.0
        f[f"tdist={bucket(tdist, (1, 2, 3, 4, 6))}"] = 1.0
        f[f"ldist={bucket(ldist, (2, 3, 5, 8, 13))}"] = 1.0
        f["trig_before" if trig.i < ref.start else "trig_after"] = 1.0
        link = link_steps(doc[trig.i], root.head)
        f[f"linked={'none' if link is None else bucket(link, (1, 4, 10, 20, 30))}"] = 1.0
        if root.head.i == trig.i:
            f[f"head_trigger={root.dep_}"] = 1.0
    n = len(refs)
    f[f"n_refs={bucket(n, (2, 3, 5))}"] = 1.0
    order = sorted(refs, key=lambda r: r.start)
    if order and order[0] is ref:
        f["first_ref"] = 1.0
    if order and order[-1] is ref:
        f["last_ref"] = 1.0
    others = [r for r in refs if r is not ref and r.place.geonameid != ref.place.geonameid]
    if any(_inside(r.place, ref.place, lex) for r in others):
        f["contains_other"] = 1.0
    if any(_inside(ref.place, r.place, lex) for r in others):
        f["inside_other"] = 1.0
    if any(feature_class(r.place, lex) in {"town", "district", "spot"} for r in others) and fc in {"adm1", "adm2", "region"}:
        f["with_town"] = 1.0
    if focus_cc and ref.place.country_code and ref.place.country_code != focus_cc:
        f["foreign"] = 1.0
    if headline:
        f["headline"] = 1.0
        f[f"h_fc={fc}"] = 1.0
    if ref.anaphor_of:
        f["anaphor"] = 1.0
    ent = root.ent_type_ or "none"
    f[f"ent={ent}"] = 1.0
    # the article: a place named again and again is what it is about; an area that holds another place of
    # the article mostly only locates it; the title's places are the news
    f[f"mentions={bucket(context.mentions.get(ref.place.geonameid, 1), (2, 3, 5))}"] = 1.0
    if ref.place.geonameid in context.holding:
        f[f"holds_named={fc}"] = 1.0
    if context.title and fold(ref.name) and f" {fold(ref.name)} " in f" {context.title} ":
        f["in_title"] = 1.0
    f[f"sure={bucket(ref.score, (0.3, 0.5, 0.7, 0.9))}"] = 1.0  # a weak guess of the geoparser is a weak event place
    return f


def candidates(sent: Span, refs: Sequence[PlaceRef], triggers: Sequence[Trigger], *, lex: Lexicon,
               context: PlaceContext) -> tuple[list[tuple[PlaceRef, dict[str, float], Site | None]], list[Site]]:
    """Every non-country place of an event sentence with its features and the rules' site (or None),
    and the rules' sites of countries (left to the rules)."""
    doc = sent.doc
    rule_sites, roles = find_sites(sent, refs, triggers, lex=lex)
    by_root = {s.ref.root: s for s in rule_sites}
    headline = headline_case(sent)
    out = []
    countries = []
    roots = {r.root for r in refs}
    by_i = {t.i: t for t in triggers}
    for ref in refs:
        if feature_class(ref.place, lex) == "country":
            if ref.root in by_root:
                countries.append(by_root[ref.root])
            continue
        role, rel = roles.get(ref.root, ("context", ""))
        hint = classify(ref, doc, lex=lex, triggers=by_i, place_roots=roots)[3]
        f = place_features(ref, sent, refs, triggers, role=role, rel=rel, hint=hint,
                           rule_site=ref.root in by_root, lex=lex, context=context, headline=headline)
        out.append((ref, f, by_root.get(ref.root)))
    return out, countries


def _model_site(ref: PlaceRef, sent: Span, triggers: Sequence[Trigger], lex: Lexicon) -> Site | None:
    """A site for a place the rules did not link: its nearest event word, the word it hangs on."""
    doc = sent.doc
    trig, _td, _ld = _nearest_trigger(ref, doc, triggers)
    if trig is None:
        return None
    by_i = {t.i: t for t in triggers}
    _role, gov, rel, hint = classify(ref, doc, lex=lex, triggers=by_i, place_roots={ref.root})
    gov_tok: Token = gov if gov is not None else doc[ref.root].head
    kind = "diplomacy" if trig.cls == "diplomacy" else "outcome" if trig.cls == "outcome" else \
        "other" if trig.cls == "other" else "attack"
    same = [t for t in triggers if (t.cls == "diplomacy") == (kind == "diplomacy")]
    return Site(ref, trig, kind, gov_tok.i, rel or doc[ref.root].dep_, hint, same or [trig], {t.i: 1 for t in same})


def names_other_thing(ref: PlaceRef, doc: Doc, lex: Lexicon) -> bool:
    """True when a place only qualifies a side, an accord or an allegiance: "Kiev forces' shelling",
    "the Jeddah agreement", "Ankara-loyal factions" (``party_nouns``, ``naming_nouns`` and
    ``allegiance_words`` of ``data/lexicon/places.json``)."""
    end = ref.end
    if end < len(doc) and (doc[end].text == ":" or doc[end].text in {"-", "–", "—"} and doc[end - 1].whitespace_):
        return False  # "Borno - Troops Repel ...": a headline's label, whatever the parser hangs it on
    x = doc[ref.root]
    if x.dep_ in {"compound", "nmod", "poss"} and x.head.i != x.i \
            and not any(t.text[-1] in "-–—" for t in doc[end:x.head.i]):  # "X region- army": a source
        head = x.head.lemma_.lower()
        if head in lex.party_nouns or x.head.lower_ in lex.party_nouns or head in lex.naming_nouns \
                or x.head.lower_ in lex.naming_nouns:
            return True
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in lex.allegiance_words


def _listed(a: PlaceRef, b: PlaceRef, doc: Doc) -> bool:
    """True when two place names are members of one list ("A, B and C"): only names, commas and "and"/"or"
    stand between them."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = doc[first.end: second.start]
    return len(between) > 0 and all(t.lower_ in {",", "and", "or"} or t.pos_ == "PROPN" for t in between) \
        and any(t.lower_ in {",", "and", "or"} for t in between)


def _may_be_best(ref: PlaceRef, sent: Span, triggers: Sequence[Trigger], lex: Lexicon) -> bool:
    """True when a place may be an event sentence's best place though the rules link it to no event word:
    its nearest event word is no diplomacy word, and it is not where a report is made."""
    doc = sent.doc
    trig, _td, _ld = _nearest_trigger(ref, doc, triggers)
    if trig is None or trig.cls == "diplomacy":
        return False
    role, gov, rel, _hint = classify(ref, doc, lex=lex, triggers={t.i: t for t in triggers}, place_roots={ref.root})
    if role == "context" and rel == "of" and gov is not None and gov.lower_ in lex.compass:
        return False  # "the state, northwest of Mexico City": Mexico City only tells where the state lies
    x = doc[ref.root]
    while x.dep_ in {"conj", "compound", "appos"} and x.head.i != x.i:
        x = x.head
    gov = x.head.head if x.dep_ == "pobj" else x.head
    if word_in(gov, lex.report_verbs):
        return False  # "In X, the ministry said ..."
    told = {gov.i, x.i, *(c.i for c in gov.children if c.dep_ == "dobj")}
    if x.dep_ in {"nsubj", "nsubjpass"} and all(t.i not in told for t in triggers):
        # "Washington had been given a heads-up about the strikes": who, not where (but "Sagamu cult
        # war leaves six dead" names where what left the dead happened)
        return False
    # "police in X said ...": where the speakers are (not "police in X detained 107")
    speaker = word_in(gov, lex.source_generic) or word_in(gov, lex.speaker_nouns)
    return not (speaker and gov.head.pos_ in {"VERB", "AUX"} and word_in(gov.head, lex.report_verbs))


def _keep_at(place: Place, lex: Lexicon) -> float:
    """The score a place the rules link must reach to stay a site: higher for a whole region."""
    return AREA_KEEP_AT if feature_class(place, lex) in {"adm1", "region"} else KEEP_AT


def rank_sites(sent: Span, refs: Sequence[PlaceRef], triggers: Sequence[Trigger], *, lex: Lexicon,
               context: PlaceContext, event: bool, model: LinearModel | None = None) -> list[Site]:
    """The event sites of a sentence, decided by the ``event_place`` model (see the module docstring).

    Parameters
    ----------
    sent : Span
    refs : place references of the sentence
    triggers : the sentence's event words (attack, battle, interception, diplomacy, other, outcome)
    lex : Lexicon
    context : what the article says of its places (:func:`place_context`)
    event : True when the sentence tells an event, so that its best place is a site even below the threshold
    model : the model (default: the shipped ``event_place``)
    """
    model = model or load_model(MODEL)
    cands, countries = candidates(sent, refs, triggers, lex=lex, context=context)
    # a place naming a side or an accord is no site the model may add ("Kiev forces' shelling")
    cands = [c for c in cands if c[2] is not None or not names_other_thing(c[0], sent.doc, lex)]
    scored = [(model.probability(f), ref, f, rule) for ref, f, rule in cands]
    add_at = HEADLINE_SITE_AT if headline_case(sent) else SITE_AT
    chosen = [x for x in scored if x[0] >= (_keep_at(x[1].place, lex) if x[3] is not None else add_at)]
    fallback = False
    # the best place of an event sentence whose rules found none; not a venue (diplomacy is told by its
    # grammar), nor where a report is made ("In X, the ministry said ...", "police in X said")
    fallback_pool = [x for x in scored if _may_be_best(x[1], sent, triggers, lex)]
    # a headline's label frames the places after it ("Ogun: Sagamu cult war leaves six dead")
    fallback_pool = [x for x in fallback_pool if not headline_label(x[1], sent.doc)] or fallback_pool
    if not chosen and event and fallback_pool:
        best = max(fallback_pool, key=lambda x: (x[0], -x[1].start))
        if best[0] >= (HEADLINE_BEST_AT if headline_case(sent) else BEST_AT):
            # with the names listed with it ("arrested in A, B and C counties")
            chosen = [best] + [x for x in fallback_pool if x is not best and _listed(best[1], x[1], sent.doc)]
            fallback = True
    out: list[Site] = []
    chosen = [x for x in chosen if x[1].place.geonameid not in context.stray]
    for p, ref, f, rule in chosen:
        site = rule if rule is not None else _model_site(ref, sent, triggers, lex)
        if site is None:
            continue
        top = ", ".join(model.explain(f, top=3))
        if rule is not None:
            site.why = f"rules; {MODEL} model {p:.2f}"
        else:
            site.why = f"{MODEL} model {p:.2f}{', best place of the sentence' if fallback else ''} ({top})"
        out.append(site)
    return sorted(out + countries, key=lambda s: s.ref.start)
