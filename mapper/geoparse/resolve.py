"""Resolution: rank gazetteer candidates for each mention with the whole article as context.

Mentions of the same name (and the same kind of feature) in one article are
resolved together ("one sense per discourse"). Each candidate place gets a
score, in units of the gazetteer prior (feature importance + log population):

* the gazetteer prior (relative to the best candidate of the name);
* the feature-type words next to the name ("city", "region", "Oblast", ...);
* a country written next to it ("the Swiss city of Geneva");
* containment written in the text ("Paris, Texas", "Kryvyi Rih in Dnipropetrovsk");
* the document's focus: countries and admin-1 areas of the other places,
  weighted by how sure those are, and closeness to them.

The focus terms need the other places resolved, so resolution runs a few
passes: priors and local hints first, then with the focus of the previous
pass. ``score`` is the softmax probability of the chosen candidate;
``reason`` names the term that decided.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.tokens import Doc

from mapper.geoparse._lexicon import Lexicon, get_lexicon
from mapper.geoparse._text import fold, haversine_km
from mapper.model import Mention, Place, Toponym

LIMIT = 20
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
REGION_HINTS = frozenset({"region", "county", "district", "country"})
_COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "TERR"})


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
    contained: list[_Group] = field(default_factory=list)
    cands: list[_Cand] = field(default_factory=list)
    choice: int = 0
    prob: float = 0.0
    reason: str = ""
    demonym: bool = False
    support: list[float] = field(default_factory=list)


# ---------------------------------------------------------------- candidates
def _lookup(gazetteer: Any, name: str, *, country: str | None, fuzzy: bool) -> list[_Cand]:
    if hasattr(gazetteer, "lookup"):
        return [
            _Cand(c.place, c.prior, c.match)
            for c in gazetteer.lookup(name, country=country, limit=LIMIT, fuzzy=fuzzy)
        ]
    places = gazetteer.candidates(name, country=country, limit=LIMIT, fuzzy=fuzzy)
    return [_Cand(p, -0.3 * i, "name") for i, p in enumerate(places)]


def _candidates(gazetteer: Any, group: _Group, lexicon: Lexicon, cache: dict) -> list[_Cand]:
    m = group.mentions[0]
    if group.demonym:
        cc = lexicon.demonyms.get(m.name)
        place = gazetteer.country(cc) if cc else None
        return [_Cand(place, 10.0, "name")] if place is not None else []
    name, country = group.name, None
    if name in lexicon.abbreviations:
        name, country = lexicon.abbreviations[name]
    fuzzy = all(x.source == "ner" for x in group.mentions)
    key = (name, country, fuzzy, bool(group.hints & REGION_HINTS))
    hit = cache.get(key)
    if hit is not None:
        return hit
    cands = _lookup(gazetteer, name, country=country, fuzzy=fuzzy)
    if group.hints & (REGION_HINTS - {"country"}):
        best: dict[int, _Cand] = {c.place.geonameid: c for c in cands}
        for c in _lookup(gazetteer, f"{name} region", country=country, fuzzy=False):
            old = best.get(c.place.geonameid)
            if old is None or c.prior > old.prior:
                best[c.place.geonameid] = c
        cands = sorted(best.values(), key=lambda c: (-c.prior, c.place.geonameid))
    cands = [c for c in cands if c.match != "fuzzy" or not cands or cands[0].match == "fuzzy"]
    cache[key] = cands
    return cands


# ---------------------------------------------------------------- local hints
def _token_index(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else None


def _country_hint(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    """Country of "the Swiss city of Geneva" / "Ukrainian town Kupiansk" before a mention."""
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
    return None


def _link_containers(
    doc: Doc, mentions: list[Mention], group_of: dict[int, _Group], lexicon: Lexicon
) -> None:
    """Record "A, B" and "A in B" pairs of adjacent mentions (B may contain A)."""
    text = doc.text  # Doc.text is rebuilt on every access
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if a.label == "NORP" or b.label == "NORP":
            continue
        between = " ".join(w for w in text[a.end : b.start].split() if w.lower() not in lexicon.feature_types)
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


# ---------------------------------------------------------------- scoring
def _type_term(place: Place, hints: set[str], lexicon: Lexicon) -> float:
    if not hints:
        return 0.0
    best = -W_TYPE_MISMATCH
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
    closeness = np.exp(-(2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))) / NEAR_KM)
    group_ids = np.array([gi for gi, _ in rows])
    others = sorted(members)
    per_group = np.stack([np.where(group_ids == h, closeness, 0.0).max(axis=1) for h in others], axis=1)
    for k, (gi, ci) in enumerate(rows):
        vals = [per_group[k, j] for j, h in enumerate(others) if h != gi]
        groups[gi].support[ci] = float(np.mean(vals)) if vals else 0.0


@dataclass(slots=True)
class _Focus:
    cc: dict[str, float]
    adm1: dict[str, float]
    points: list[tuple[float, float, float, str]]  # lat, lon, weight, name
    total: float


def _focus(groups: list[_Group], exclude: _Group) -> _Focus:
    cc: dict[str, float] = defaultdict(float)
    adm1: dict[str, float] = defaultdict(float)
    points: list[tuple[float, float, float, str]] = []
    total = 0.0
    for g in groups:
        if g is exclude or not g.cands:
            continue
        p = g.cands[g.choice].place
        w = g.prob * (1.0 + math.log(len(g.mentions)))
        total += w
        if p.country_code:
            cc[p.country_code] += w
        if p.admin1_code and p.feature_code not in _COUNTRY_CODES:
            adm1[p.admin1_code] += w
        if p.feature_class == "P" or p.feature_code in {"ADM2", "ADM3", "PPLX"}:
            points.append((p.lat, p.lon, g.prob, g.name))
    return _Focus(dict(cc), dict(adm1), points, total)


def _score(
    g: _Group, idx: int, best_prior: float, focus: _Focus | None, lexicon: Lexicon,
    gazetteer: Any, memo: dict,
) -> tuple[float, dict[str, float]]:
    c = g.cands[idx]
    p = c.place
    terms: dict[str, float] = {"prior": c.prior - best_prior}
    terms["type"] = _type_term(p, g.hints, lexicon)
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
    if focus is not None and focus.total > 0:
        terms["focus_cc"] = W_FOCUS_CC * focus.cc.get(p.country_code, 0.0) / focus.total
        if p.admin1_code and p.feature_code not in _COUNTRY_CODES:
            terms["focus_adm1"] = W_FOCUS_ADM1 * focus.adm1.get(p.admin1_code, 0.0) / focus.total
        near = 0.0
        for lat, lon, w, _ in focus.points:
            near = max(near, w * math.exp(-haversine_km(p.lat, p.lon, lat, lon) / NEAR_KM))
        terms["near"] = W_NEAR * near
    return sum(terms.values()), terms


def _add_focus_candidates(g: _Group, focus: _Focus, gazetteer: Any) -> None:
    """Add namesakes in the document's focus country that the global top list cut off."""
    if not focus.cc or g.demonym or not g.cands:
        return
    top_cc = max(focus.cc, key=lambda k: (focus.cc[k], k))
    if all(c.match == "fuzzy" for c in g.cands):
        return
    extra = [c for c in _lookup(gazetteer, g.name, country=top_cc, fuzzy=False) if c.match != "fuzzy"]
    seen = {c.place.geonameid for c in g.cands}
    added = [c for c in extra if c.place.geonameid not in seen]
    g.cands = g.cands + added
    g.support = g.support + [0.0] * len(added)


def _choose(g: _Group, groups: list[_Group], *, use_focus: bool, lexicon: Lexicon,
            gazetteer: Any, memo: dict) -> None:
    if not g.cands:
        return
    focus = _focus(groups, g) if use_focus else None
    best_prior = max(c.prior for c in g.cands)
    scored = [_score(g, i, best_prior, focus, lexicon, gazetteer, memo) for i in range(len(g.cands))]
    totals = [s for s, _ in scored]
    top = max(range(len(totals)), key=lambda i: (totals[i], -i))
    mx = totals[top]
    z = sum(math.exp(s - mx) for s in totals)
    g.choice = top
    g.prob = 1.0 / z
    g.reason = _reason(g, top, scored, focus)


def _reason(g: _Group, top: int, scored: list[tuple[float, dict[str, float]]],
            focus: _Focus | None) -> str:
    place = g.cands[top].place
    if g.demonym:
        return f"demonym of {place.name}"
    terms = scored[top][1]
    if len(scored) == 1:
        return f"only place named {g.name} in the gazetteer"
    runner = max((i for i in range(len(scored)) if i != top), key=lambda i: scored[i][0])
    other = scored[runner][1]
    gains = {k: v - other.get(k, 0.0) for k, v in terms.items()}
    decisive = max(gains, key=lambda k: (gains[k], k))
    where = f"{place.country_code}" if place.feature_code in _COUNTRY_CODES else (
        f"{place.admin1}, {place.country_code}" if place.admin1 else place.country_code)
    if gains[decisive] <= 0 or decisive == "prior":
        return f"most prominent place named {g.name} ({place.feature_code}, {where})"
    if decisive == "type":
        return f"{'/'.join(sorted(g.hints))} named {g.name} per text ({place.feature_code}, {where})"
    if decisive == "country":
        return f"text places it in {'/'.join(sorted(g.countries))}"
    if decisive == "contain":
        names = ", ".join(sorted({o.name for o in g.containers} | {i.name for i in g.contained}))
        return f"containment with {names} per text ({where})"
    if decisive == "support":
        return f"lies together with the other places of the article ({where})"
    if decisive == "focus_cc":
        return f"largest place named {g.name} in document focus country {place.country_code}"
    if decisive == "focus_adm1":
        return f"place named {g.name} in document focus region {place.admin1}"
    near = min(focus.points, key=lambda q: haversine_km(place.lat, place.lon, q[0], q[1])) if focus else None
    return f"near {near[3]} mentioned in the article" if near else f"place named {g.name} ({where})"


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
    for k, m in enumerate(mentions):
        key = _group_key(m)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key=key[0], name=m.name, mentions=[], demonym=m.label == "NORP")
        g.mentions.append(m)
        if m.type_hint:
            g.hints.add(m.type_hint)
        cc = _country_hint(doc, m, lex) if m.label != "NORP" else None
        if cc:
            g.countries.add(cc)
        group_of[k] = g
    _link_containers(doc, mentions, group_of, lex)
    glist = list(groups.values())
    for g in glist:
        g.cands = _candidates(gazetteer, g, lex, cache)
    memo: dict = {}
    _support(glist)
    for g in glist:  # pass 0: priors, the words around each name, spatial coherence
        _choose(g, glist, use_focus=False, lexicon=lex, gazetteer=gazetteer, memo=memo)
    for g in glist:
        if EXTEND_FOCUS:
            _add_focus_candidates(g, _focus(glist, g), gazetteer)
    for _ in range(PASSES - 1):
        for g in glist:
            _choose(g, glist, use_focus=True, lexicon=lex, gazetteer=gazetteer, memo=memo)
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
            )
        )
    return out
