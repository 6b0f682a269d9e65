"""Hand the facts of a sentence to its event sites.

Casualty figures, damage objects, weapons and dates are read per sentence; these
functions decide which site each belongs to, through the parse first (the figure's
own phrase names the place: "seven wounded in X"), then the text order ("and
another in Y"), and only when the sentence has one place, to that place. A figure
stated for several places together, or for the whole country, goes to none.
"""

from __future__ import annotations

import math

from spacy.tokens import Doc, Span, Token

from mapper.incidents._observe import Observation
from mapper.incidents.attach import Site, clause_head, tree_distance
from mapper.incidents.damage import DamageItem
from mapper.incidents.dates import DateMention, coarseness
from mapper.incidents.events import Trigger, find_weapons
from mapper.incidents.lexicon import Lexicon
from mapper.incidents.numbers import Count
from mapper.model import Place

__all__ = ["site_for_count", "site_for_damage", "date_for", "weapons_for", "add_count", "main_sites"]


def _ancestors(tok: Token, steps: int) -> list[Token]:
    out = []
    x = tok
    for _ in range(steps):
        if x.head.i == x.i:
            break
        x = x.head
        out.append(x)
    return out


def site_for_count(c: Count, sites: list[Site], counts: list[Count], doc: Doc, *, total: bool) -> Site | None:
    """The site a casualty figure belongs to, or None when the text does not tie it to one place."""
    tok = doc[c.i]
    sub = {t.i for t in tok.subtree}
    direct = [s for s in sites if s.gov in sub and not (s.ref.start <= c.i < s.ref.end)]
    if direct:
        return min(direct, key=lambda s: tree_distance(tok, doc[s.ref.root]))
    clause = clause_head(tok)
    own = [s for s in sites if s.kind != "diplomacy" and clause_head(doc[s.gov]).i == clause.i]
    if len({s.ref.place.geonameid for s in own}) == 1 and len({clause_head(doc[s.gov]).i for s in sites}) > 1:
        return own[0]  # "hit A, hours after a strike on B killed three": B, the place of the figure's clause
    anc = {a.i for a in _ancestors(tok, 2)}
    near = [s for s in sites if s.gov in anc]
    if near:
        return min(near, key=lambda s: (tree_distance(tok, doc[s.ref.root]), s.ref.start))
    # "seven wounded in A and another in B": the first site after the figure, before the next figure
    nxt = min((k.start for k in counts if k.start > c.start), default=tok.sent.end)
    after = [s for s in sites if c.end <= s.ref.start < nxt and s.ref.start - c.end <= 6]
    if after:
        return min(after, key=lambda s: s.ref.start)
    # "an attack on A killed eight, a day after strikes on B killed two": the place in the figure's own clause
    clause = clause_head(tok)
    own = [s for s in sites if s.kind != "diplomacy" and clause_head(doc[s.gov]).i == clause.i]
    while not own and clause.head.i != clause.i and (
            clause.dep_ == "conj" or (clause.dep_ == "advcl" and clause.tag_ in {"VBG", "VBN"})):
        # "... killed eight and injured 50": the verbs share the subject; "attacked a post in A,
        # killing 11": the participle tells what the attack of its head clause did
        clause = clause_head(clause.head)
        own = [s for s in sites if s.kind != "diplomacy" and clause_head(doc[s.gov]).i == clause.i]
    if len({s.ref.place.geonameid for s in own}) == 1 and len({clause_head(doc[s.gov]).i for s in sites}) > 1:
        return own[0]
    if total:
        return None
    main = main_sites([s for s in sites if s.kind != "diplomacy"])
    if len({s.ref.place.geonameid for s in main}) == 1:
        return main[0]
    return None


def main_sites(sites: list[Site]) -> list[Site]:
    """Sites without the districts of a town that is a site too (they are one place for counting)."""
    towns = [s for s in sites if s.ref.place.feature_class == "P" and s.ref.place.feature_code not in {"PPLX", "PPLL"}]
    out = []
    for s in sites:
        p = s.ref.place
        district = p.feature_code in {"PPLX", "ADM2", "ADM3", "ADM4"} or s.hint == "district"
        if district and any(t is not s and t.ref.place.geonameid != p.geonameid and _near(t.ref.place, p) for t in towns):
            continue
        out.append(s)
    return out


def _near(a: Place, b: Place, km: float = 30.0) -> bool:
    dlat = (a.lat - b.lat) * 111.0
    dlon = (a.lon - b.lon) * 111.0 * max(0.1, math.cos(math.radians((a.lat + b.lat) / 2)))
    return (dlat * dlat + dlon * dlon) ** 0.5 <= km


def site_for_damage(d: DamageItem, sites: list[Site], doc: Doc) -> Site | None:
    attack_sites = main_sites([s for s in sites if s.kind != "diplomacy"])
    if not attack_sites:
        return None
    inner = {t.i for t in doc[d.i].subtree}
    named = [s for s in attack_sites if s.ref.root in inner]  # "houses in the Bucha district"
    if named:
        return named[0]
    if len({s.ref.place.geonameid for s in attack_sites}) == 1:
        return attack_sites[0]
    # "struck targets in A, hours after drones hit a depot in B": the place of the verb that hit it
    up = {a.i for a in _ancestors(doc[d.i], 3)}
    governing = sorted((tree_distance(doc[d.i], doc[s.gov]), s.ref.start, k) for k, s in enumerate(attack_sites)
                       if s.gov in up)
    if governing and (len(governing) == 1 or governing[0][0] < governing[1][0]):
        return attack_sites[governing[0][2]]
    before = [s for s in attack_sites if s.ref.start < d.i]
    if before:
        return max(before, key=lambda s: s.ref.start)
    return min(attack_sites, key=lambda s: s.ref.start)


def date_for(site: Site, sites: list[Site], dates: list[DateMention], triggers: list[Trigger],
              doc: Doc) -> DateMention | None:
    """The date expression that belongs to a site's event.

    Diplomacy: the date's nearest trigger reports the site's own event (same trigger, same
    clause, or a verb of a dependent clause) -- "talks ... expected in early March" in another
    clause is another event. Attacks: each attack-like date goes to the attack site nearest to
    it in the parse ("X was hit on Monday and Y on Tuesday").
    """
    diplomacy = site.kind == "diplomacy"
    best: tuple[tuple[int, int], DateMention] | None = None
    for dm in dates:
        tok = doc[dm.i]
        # the trigger of the date's own clause first ("talks ... in X in August, but clashes continue")
        home = clause_head(tok).i
        nearest = min(triggers, key=lambda t: (clause_head(doc[t.i]).i != home, tree_distance(tok, doc[t.i]),
                                               abs(t.i - dm.i)))
        if (nearest.cls == "diplomacy") != diplomacy:
            continue
        if diplomacy:
            if not site.same_event(nearest.i, doc):
                continue
        else:
            peers = [s for s in sites if s.kind != "diplomacy"]
            closest = min(peers, key=lambda s: (tree_distance(tok, doc[s.gov]), abs(s.ref.start - dm.i)))
            if closest.ref.place.geonameid != site.ref.place.geonameid:
                continue
        # a day told for the site wins over a coarser date of the same clause ("30 killed this week,
        # including six in X on Friday"), then the nearest in the parse
        d = (coarseness(dm.precision), tree_distance(tok, doc[site.trigger.i]))
        if best is None or d < best[0]:
            best = (d, dm)
    return best[1] if best else None


def weapons_for(site: Site, sent: Span, sites: list[Site], lex: Lexicon) -> list[str]:
    """Weapons of a site: all the sentence names when it has one attack place, else each weapon
    goes to the attack site nearest to it in the parse."""
    mentions = find_weapons(sent, lex)
    if not mentions:
        return []
    attack = main_sites([s for s in sites if s.kind != "diplomacy"])
    if len({s.ref.place.geonameid for s in attack}) <= 1:
        return sorted({m.weapon for m in mentions})
    doc = sent.doc
    out = set()
    for m in mentions:
        tok = doc[m.start:m.end].root
        nearest = min(attack, key=lambda s: (min(tree_distance(tok, doc[s.gov]), tree_distance(tok, doc[s.trigger.i])),
                                             abs(s.ref.start - tok.i)))
        # list members share the weapon ("drones over the Belgorod and Kursk regions")
        if nearest.ref.place.geonameid == site.ref.place.geonameid or nearest.gov == site.gov:
            out.add(m.weapon)
    # "guided bombs killed four in A, two in B and one in C": the weapon of the verb whose phrase
    # holds the place (the nearest such verb) goes to every place in it
    clauses = {}
    for m in mentions:
        verb = _clause_verb(doc[m.start:m.end].root)
        if verb is not None:
            clauses.setdefault(verb.i, set()).add(m.weapon)
    x = doc[site.ref.root]
    for _ in range(12):  # up to the place's own clause verb, not into the clause it depends on
        if x.head.i == x.i or x.dep_ in {"advcl", "ccomp", "relcl", "conj", "acl"} and x.pos_ in {"VERB", "AUX"}:
            break
        x = x.head
        if x.i in clauses:
            out |= clauses[x.i]
            break
    return sorted(out)


def _clause_verb(tok: Token) -> Token | None:
    """The verb a weapon is the subject or object of ("bombs killed", "hit by drones"), else None."""
    x = tok
    if x.dep_ == "pobj" and x.head.dep_ in {"agent", "prep"} and x.head.lower_ in {"by", "with"}:
        x = x.head
    if x.dep_ in {"nsubj", "nsubjpass", "dobj", "agent", "prep"} and x.head.pos_ in {"VERB", "AUX"}:
        return x.head
    return None


def add_count(o: Observation, c: Count) -> None:
    """Put a casualty figure on an observation ("another" adds one; otherwise the highest figure wins).

    A claimed figure or one of the attacking side is kept apart (``claims`` / ``attackers``).
    """
    if c.role in {"claim", "attackers"} and c.field in {"killed", "wounded"}:
        (o.claims if c.role == "claim" else o.attackers).append((c.field, c.value))
        return
    fields = ("killed", "wounded") if c.field == "both" else (c.field,)
    if c.value == 0 and c.field == "wounded" and o.killed is None:
        fields = ("killed", "wounded")  # "nobody was hurt": no one killed either
    for f in fields:
        cur = getattr(o, f)
        if cur is None:
            setattr(o, f, c.value)
        elif c.note == "another":
            setattr(o, f, cur + c.value)
        else:
            setattr(o, f, max(cur, c.value))
    if c.note and c.note != "another":
        o.notes.append(f"{c.field}: {c.note}")
