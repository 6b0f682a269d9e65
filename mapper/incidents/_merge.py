"""Merge the observations of one article into incidents.

Observations about the same place and kind become one incident: evidence
sentences joined, weapons united, casualty figures reconciled (the highest
figure any sentence gives for that place -- later reports update earlier ones
and one place is never counted twice), damage, participants and sources united
in text order, the most precise date kept. A district-level place (precision 1)
that lies in a town which has its own incident of the same kind in the article
is folded into the town's incident, so the map does not show the same damage
or casualties twice. A town whose gazetteer name carries accents the article
did not use ("Khān Yūnis") is shown as the article spells it ("Khan Younis").

An attack told first for a region ("fighters attacked an army base in northern
X") whose target is then told as known at a town of that region ("... stormed
the base in Y") is one attack: the region's facts join the town's incident. So is a
region's attack told later at one of its towns only by its harm ("Drones attacked the X
region, killing three. In Y, two women died."), and a launch at a region with no harm of
its own ("Russia launched 27 drones at the X region") when towns of that region have
attacks of that day whose weapons together are the launch's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from mapper.geodesy import destination, haversine_km
from mapper.incidents._observe import ArticleContext, Observation
from mapper.incidents.dates import opens_separate_story
from mapper.incidents.event_model import KIND_OF, acled_event_type
from mapper.incidents.event_model import sub_event_type as sub_event_type_of
from mapper.incidents.events import event_type_for
from mapper.incidents.lexicon import Lexicon
from mapper.model import Article, Incident, Place
from mapper.names import fold

__all__ = ["merge_observations", "geo_precision", "display_name"]

DISRUPTED = "Disrupted weapons use"  # ACLED's sub-event type of an interception


def display_name(place: Place, written: Sequence[str]) -> str:
    """The name to show for a place.

    The gazetteer's name, unless the place is a town whose name has letters
    outside ASCII ("Khān Yūnis", "Nabatîyé et Tahta") while the article names
    it in plain ASCII: then the article's most frequent such spelling ("Khan
    Younis"). Forms in capitals (datelines) and common words ("the capital")
    do not count.

    Parameters
    ----------
    place : Place
        The resolved place.
    written : sequence of str
        How the article names it, in text order.
    """
    if place.feature_class != "P" or place.name.isascii():
        return place.name
    forms = [w for w in written if w.isascii() and w[:1].isupper() and not w.isupper()
             and all(word[:1].isupper() or not word[:1].isalpha() for word in w.split())]
    if not forms:
        return place.name
    return max(forms, key=lambda w: (forms.count(w), -forms.index(w)))

REMOTE = "Explosions/Remote violence"
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_FOLD_KM = 30.0
# the initial bearing of a compass code, degrees clockwise from north
_BEARINGS = {"N": 0.0, "NE": 45.0, "E": 90.0, "SE": 135.0, "S": 180.0, "SW": 225.0, "W": 270.0, "NW": 315.0}
_COMPASS_WORDS = {"N": "north", "NE": "northeast", "E": "east", "SE": "southeast", "S": "south", "SW": "southwest",
                  "W": "west", "NW": "northwest"}


def _measured_point(place: Place, km: float, way: str) -> tuple[float, float] | None:
    """The point ``km`` from a place in the compass direction ``way`` ("90 km northeast of X"), when it
    still lies in the place's country (the text tells no border crossed; a far point the direction
    only roughly gives may not), else None."""
    if way not in _BEARINGS:
        return None
    from mapper.gazetteer.boundaries import admin1_code_at

    lat, lon = destination(place.lat, place.lon, bearing=_BEARINGS[way], km=km)
    code = admin1_code_at(lat, lon)
    return (lat, lon) if code is not None and code.split(".")[0] == place.country_code else None


def geo_precision(place: Place, lex: Lexicon) -> int:
    """1 district / exact spot, 2 town, 3 region or larger."""
    if place.feature_code in lex.district_codes or place.feature_class == "S":
        return 1
    if place.feature_class == "P":
        return 2
    return 3


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in items:
        k = x.casefold()
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _people(items: list[str]) -> list[str]:
    """Unique participants by name, keeping the variant that carries a role."""
    best: dict[str, str] = {}
    order: list[str] = []
    for p in items:
        name = p.split(" (", 1)[0].casefold()
        if name not in best:
            order.append(name)
            best[name] = p
        elif "(" in p and "(" not in best[name]:
            best[name] = p
    # a bare surname ("Ellison") is the same person as a full name ending in it
    names = list(order)
    keep = [n for n in names if " " in n or not any(m != n and m.endswith(" " + n) for m in names)]
    return [best[n] for n in keep]


def _max(values: list[int | None]) -> int | None:
    vals = [v for v in values if v is not None]
    return max(vals) if vals else None


def _toll(obs: list[Observation], fld: str, observations: Sequence[Observation]) -> tuple[int | None, list[str]]:
    """Victims' figure of one kind for a place (see the module docstring) and notes on figures left out."""
    own = _max([getattr(o, fld) for o in obs])
    notes: list[str] = []
    side = _max([v for o in obs for f, v in o.attackers if f == fld])
    if side is not None:
        if own is None:
            own = side
            notes.append(f"{fld}: {side} of the attacking side (no other figure)")
        else:
            notes.append(f"{fld}: {side} of the attacking side left out")
    claims = [(o, v) for o in obs for f, v in o.claims if f == fld]
    if not claims:
        return own, notes

    def told_before(o: Observation) -> bool:
        return any(p.kind != "diplomacy" and p.sentence < o.sentence and p.place.country_code == o.place.country_code
                   and getattr(p, fld) is not None for p in observations)

    usable = [v for o, v in claims if not (o.carried and told_before(o))]
    if own is None and usable:
        own = max(usable)
        notes.append(f"{fld}: {own} as claimed by a party")
    else:
        notes.append(f"{fld}: claim of {max(v for _, v in claims)} left out (the article reports its own figure)")
    return own, notes


def _kind(obs: Observation, ctx: ArticleContext) -> str:
    if obs.etype:
        return KIND_OF[obs.etype]
    if obs.kind == "outcome":
        return "attack" if ctx.has_attack else "other"
    return obs.kind


def _district_like(obs: list[Observation], lex: Lexicon) -> bool:
    """A district: precision-1 place, or an admin-2/3 area or a plain populated place the text calls a district."""
    place = obs[0].place
    if geo_precision(place, lex) == 1:
        return True
    # a village-level place the text calls a district ("the X district" of a city) is that city's part
    return place.feature_code in {"ADM2", "ADM3", "ADM4", "ADM5", "PPL", "PPLL"} and any(o.hint == "district" for o in obs)


def _told_area(obs: list[Observation]) -> bool:
    """A place the text calls an area or part ("from the rubble of the building in the X area"), or one told
    with an event word that points back ("the blast"), where only the harm is told, no attack word of its
    own: the scene of an attack told before at a nearby town."""
    # "The blast shattered the glass of the X metro station": harm whose event word points back to an attack
    # told before is that attack's scene too
    return all(o.kind == "outcome" for o in obs) and (any(o.hint == "part" for o in obs)
                                                      or all(o.points_back for o in obs))


def _fold_districts(groups: dict[tuple[str, int, tuple[float, float]], list[Observation]], lex: Lexicon) -> None:
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        obs = groups.get(key)
        area = bool(obs) and not _district_like(obs, lex) and _told_area(obs)
        if not obs or not (_district_like(obs, lex) or area):
            continue
        district = obs[0].place
        towns = [k for k in groups if k[0] == key[0] and k != key and groups[k]
                 and geo_precision(groups[k][0].place, lex) == 2
                 and groups[k][0].place.country_code == district.country_code
                 and haversine_km(groups[k][0].place.lat, groups[k][0].place.lon, district.lat, district.lon) <= _FOLD_KM
                 and (not area or (min(o.sentence for o in groups[k]) < min(o.sentence for o in obs)
                                   and None in {_group_date(groups[k]), _group_date(obs)}
                                   or _group_date(groups[k]) == _group_date(obs)))]
        if not towns:
            continue
        town = min(towns, key=lambda k: haversine_km(groups[k][0].place.lat, groups[k][0].place.lon, district.lat, district.lon))
        _fold(groups, key, town, lambda o, at: f"{o.name} is part of {at}")


def _fold(groups: dict[tuple[str, int, tuple[float, float]], list[Observation]], key: tuple[str, int, tuple[float, float]],
          into: tuple[str, int, tuple[float, float]], note: Callable[[Observation, str], str]) -> None:
    """Move the observations of group ``key`` into group ``into``, each noted why (``note`` is given
    the observation and the name of the place it now stands at)."""
    obs = groups.pop(key)
    at = groups[into][0].place.name
    for o in obs:
        o.notes.append(note(o, at))
    groups[into].extend(obs)


def _within(region: Place, town: Place) -> bool:
    """True when a town may lie in a region-level place: same country, and same admin-1 area
    when the region is one (a compass part of a country, "northern X", only has its country)."""
    if not region.country_code or region.country_code != town.country_code:
        return False
    if region.admin1_code and town.admin1_code:
        return region.admin1_code == town.admin1_code
    return not region.admin1 or region.admin1 == town.admin1


def _fold_regions(groups: dict[tuple[str, int, tuple[float, float]], list[Observation]], lex: Lexicon) -> None:
    """Fold a region-level attack into the town where the text later tells its target as known."""
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        obs = groups.get(key)
        if key[0] != "attack" or not obs or geo_precision(obs[0].place, lex) != 3:
            continue
        region = obs[0].place
        targets = {(o.target, o.sentence) for o in obs if o.target and not o.definite}
        towns = [k for k in groups if k[0] == "attack" and k != key and groups[k]
                 and geo_precision(groups[k][0].place, lex) == 2 and _within(region, groups[k][0].place)
                 and any(o.definite and o.target == t and o.sentence > si for o in groups[k] for t, si in targets)]
        if len(towns) != 1:
            continue
        town = towns[0]
        _fold(groups, key, town, lambda o, at: f"the attack told for {o.name} is the one on the {o.target or 'target'} in {at}")


def _days_between(earlier: str, later: str) -> int:
    """Days from one ISO date to another."""
    return (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days


def _area_rank(place: Place, lex: Lexicon) -> int:
    """How large a place is: 1 a town or smaller, 2 a third-order or lower division, 3 a district
    (admin-2), 4 a region (admin-1), 5 a compass part of a country or a wider region ("western X",
    which holds admin-1 regions), 6 a country."""
    code = place.feature_code
    if code in lex.country_codes:
        return 6
    if code == "RGN":
        return 5
    if place.feature_class in {"P", "S"} or code in lex.district_codes:
        return 1
    if code in {"ADM3", "ADM4", "ADM5"}:
        return 2
    if code == "ADM2":
        return 3
    return 4


def _fold_region_into_detail(groups: dict[tuple[str, int, tuple[float, float]], list[Observation]],
                             lex: Lexicon) -> None:
    """Fold a region-level attack into the smaller place inside it where the next sentences tell it:

    * the smaller place's attack word points back ("Eleven soldiers were killed when jihadists attacked
      a base in northern X. The assault took place in the commune of Y": the assault told before);
    * the sentence right after the region's tells an attack at a place inside it, with no word that sets
      it apart ("A Russian attack killed a man in the X region. Guided bombs struck houses in the village
      of Y, ...": the attack told in detail; not "Separately, shelling hit Z").
    """
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        obs = groups.get(key)
        if key[0] != "attack" or not obs or _area_rank(obs[0].place, lex) < 3:
            continue
        region = obs[0].place
        if region.feature_code in lex.country_codes or region.feature_class == "H":
            continue
        last = max(o.sentence for o in obs)
        day = _group_date(obs)
        inner = [k for k in groups if k[0] == "attack" and k != key and groups[k]
                 and _area_rank(groups[k][0].place, lex) < _area_rank(region, lex)
                 and _within(region, groups[k][0].place)
                 and (day is None or _group_date(groups[k]) in {None, day})]
        pointing = [k for k in inner if any(o.points_back and o.sentence > last for o in groups[k])]
        told = {w for o in obs for w in o.weapons}
        following = [k for k in inner if any(o.sentence == last + 1 and not o.carried and not o.apart for o in groups[k])
                     and min(o.sentence for o in groups[k]) > last
                     and not (told and {w for o in groups[k] for w in o.weapons}.isdisjoint(told)
                              and any(o.weapons for o in groups[k]))]
        told_before = [k for k in inner if min(o.sentence for o in groups[k]) <= last]
        if _sums_the_towns(obs, [groups[k] for k in inner if min(o.sentence for o in groups[k]) > last]):
            for k in inner:
                for o in groups[k]:
                    o.notes.append(f"the toll told for {region.name} is the sum of its towns'")
            del groups[key]
            continue
        candidates = pointing or (following if not told_before else [])
        if len(candidates) != 1:
            continue
        town = candidates[0]
        _fold(groups, key, town, lambda o, at: f"the attack told for {o.place.name} is told in detail at {at}")


def _sums_the_towns(region: list[Observation], towns: list[list[Observation]]) -> bool:
    """True when a region's toll is the sum of the tolls of two or more of its towns told after it
    ("attacks on the X region killed one and injured nine ... seven were injured in Y ... one
    man in Z ... one killed and another injured in W"): a summary, no attack of its own."""
    if len(towns) < 2:
        return False
    told = False
    for f in ("killed", "wounded"):
        total = _max([getattr(o, f) for o in region])
        if total is None:
            continue
        parts = [_max([getattr(o, f) for o in town]) for town in towns]
        if sum(p or 0 for p in parts) != total:
            return False
        told = True
    return told


def _group_date(obs: list[Observation]) -> str | None:
    return min((o.date for o in obs if o.date and o.date_precision == "day"), default=None)


def _has_figures(obs: list[Observation]) -> bool:
    """True when a group tells a casualty figure above zero or damage of its own."""
    return any(o.killed or o.wounded or o.damage or any(v for _, v in o.claims + o.attackers) for o in obs)


def _namesake(town: Place, region: Place) -> bool:
    """True when a region bears the town's name ("Odesa" in "Odesa Oblast")."""
    name = fold(town.name)
    return bool(name) and name in fold(region.name).split()


def _fold_region_totals(groups: dict[tuple[str, int, tuple[float, float]], list[Observation]], lex: Lexicon) -> None:
    """Fold a region-level attack into the towns of that region the article tells it at.

    * "Drones attacked the X region overnight, killing three. In Y, two women died.": a town told
      after the region, only with casualties or damage (no attack word of its own), is where the
      region's attack is told in detail -- one incident at the town, not the same dead twice.
    * "Russia launched 4 missiles and 27 drones at the X region overnight" (or "intercepted 23 drones
      over the X region") with no casualty or damage of its own, while towns of that region have
      attacks of the same day: the launch is the attack on those towns -- its facts join the first.
    """
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        obs = groups.get(key)
        if key[0] != "attack" or not obs or geo_precision(obs[0].place, lex) != 3:
            continue
        region = obs[0].place
        if region.feature_code in lex.country_codes:
            continue
        day = _group_date(obs)
        first = min(o.sentence for o in obs)
        inside = [k for k in groups if k[0] == "attack" and k != key and groups[k]
                  and geo_precision(groups[k][0].place, lex) <= 2 and _within(region, groups[k][0].place)
                  and (day is None or _group_date(groups[k]) in {None, day})]
        own = {o.sentence for o in obs}
        later = [k for k in inside if not own & {o.sentence for o in groups[k]}]
        if not later or len(later) != len(inside):
            continue  # a town told in the region's own sentence is reported apart from it
        after = [k for k in later if min(o.sentence for o in groups[k]) > first]
        if len(inside) == 1 and len(after) == 1 and all(o.kind == "outcome" and not o.weapons for o in groups[after[0]]):
            # the town's harm, told with no attack word of its own, is the region's attack ("Debris injured two in Y")
            town = after[0]
            note = f"the attack told for {obs[0].name} is told in detail at {groups[town][0].place.name}"
        elif _has_figures(obs):
            continue
        else:
            # the towns' attacks must tell all the launch's weapons ("shelled 94 times" is not the drone in Y)
            # (a town told with no weapon at all, "the strikes targeted compounds in Y", may be hit by them)
            told = {w for o in obs for w in o.weapons}
            unarmed = [k for k in later if not any(o.weapons for o in groups[k])]
            if not told <= {w for k in later for o in groups[k] for w in o.weapons} and not unarmed:
                continue
            covering = [k for k in later if told <= {w for o in groups[k] for w in o.weapons}] or unarmed
            # the first told, and of those the region's namesake town ("the Odesa region" -> Odesa)
            town = min(covering or later, key=lambda k: (min(o.sentence for o in groups[k]),
                                                         not _namesake(groups[k][0].place, region), k))
            if not covering:
                for o in obs:  # the weapons are the towns' together; each keeps its own
                    o.weapons = []
            note = f"the attack told for {obs[0].name} (no casualties or damage of its own) is the one on " \
                   f"{groups[town][0].place.name}"
        _fold(groups, key, town, lambda _o, _at, note=note: note)


def _fold_region_with_town(groups: dict[tuple[str, int, tuple[float, float]], list[Observation]], lex: Lexicon) -> None:
    """A region-level attack told in the same sentence as an attack on a town inside it, on the same
    day, is that attack: "Attacks took place in the regions of A and B, with officials reporting seven
    wounded in X" (X in A) is one incident at X. The first such town takes it (the region's namesake
    town first)."""
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        obs = groups.get(key)
        if key[0] != "attack" or not obs or geo_precision(obs[0].place, lex) != 3:
            continue
        region = obs[0].place
        if region.feature_code in lex.country_codes or region.feature_class == "H":
            continue
        own = {o.sentence for o in obs}
        day = _group_date(obs)
        towns = [k for k in groups if k[0] == "attack" and k != key and groups[k]
                 and geo_precision(groups[k][0].place, lex) <= 2 and _within(region, groups[k][0].place)
                 and own & {o.sentence for o in groups[k]} and (day is None or _group_date(groups[k]) in {None, day})]
        if not towns:
            continue
        town = min(towns, key=lambda k: (not _namesake(groups[k][0].place, region),
                                         min(o.sentence for o in groups[k]), k))
        _fold(groups, key, town, lambda o, at: f"the attack told for {o.place.name} is the one on {at} told with it")


def _fold_region_into_its_part(groups: dict[tuple[str, int, tuple[float, float]], list[Observation]]) -> None:
    """A region told whole and, for the same kind of event on the same day, by one compass part
    ("killed in Amhara" in the lead, "injured in north-eastern Amhara" after) is one event, at the
    part. Two parts of one region ("southern X", "northern X") stay apart."""
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        obs = groups.get(key)
        if not obs or obs[0].place.feature_code != "ADM1":
            continue
        day = _group_date(obs)
        parts = [k for k in groups if k != key and k[0] == key[0] and k[1] == key[1] and groups[k]
                 and groups[k][0].place.feature_code != "ADM1" and (day is None or _group_date(groups[k]) in {None, day})]
        if len(parts) != 1:
            continue
        part = parts[0]
        _fold(groups, key, part, lambda o, at, kind=key[0]: f"the {kind} told for {o.place.name} is the one told in {at}")


def _fold_venue_countries(groups: dict[tuple[str, int, tuple[float, float]], list[Observation]],
                          lex: Lexicon) -> None:
    """A diplomatic event told at a country ("negotiations in Malaysia", "a trip to Ukraine") when the
    article names its venue, a town of that country ("talks in Putrajaya", "arrived in Kyiv"), is held there."""
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        obs = groups.get(key)
        if key[0] != "diplomacy" or not obs or obs[0].place.feature_code not in lex.country_codes:
            continue
        cc = obs[0].place.country_code
        towns = [k for k in groups if k[0] == "diplomacy" and groups[k] and k != key
                 and groups[k][0].place.country_code == cc and geo_precision(groups[k][0].place, lex) <= 2]
        if not towns:
            continue
        town = min(towns, key=lambda k: (min(o.sentence for o in groups[k]), k))
        _fold(groups, key, town, lambda o, at: f"{o.place.name} is the country of the venue, {at}")


def _previous_attack_dates(observations: Sequence[Observation]) -> list[tuple[int, str, str, str]]:
    """(sentence, date, precision, country) of dated attack observations, in text order."""
    return sorted({(o.sentence, o.date, o.date_precision or "day", o.place.country_code) for o in observations
                   if o.kind != "diplomacy" and o.date})


def merge_observations(observations: Sequence[Observation], article: Article, ctx: ArticleContext, *,
                       lex: Lexicon) -> list[Incident]:
    """Incidents of one article from its observations.

    Parameters
    ----------
    observations : sequence of Observation
    article : Article
    ctx : ArticleContext
        Weapons and date stated for the article as a whole (used when an attack's
        own sentences name none).
    lex : Lexicon

    Returns
    -------
    list[Incident]
        Sorted by first sentence, kind and place name.
    """
    groups: dict[tuple[str, int, tuple[float, float]], list[Observation]] = {}
    for o in observations:  # the point tells apart parts of one area ("southern X", "northern X")
        groups.setdefault((_kind(o, ctx), o.place.geonameid, (o.place.lat, o.place.lon)), []).append(o)
    _fold_districts(groups, lex)
    _fold_regions(groups, lex)
    _fold_region_with_town(groups, lex)
    _fold_region_totals(groups, lex)
    _fold_region_into_detail(groups, lex)
    _fold_region_into_its_part(groups)
    _fold_venue_countries(groups, lex)
    previous_dates = _previous_attack_dates(observations)
    incidents: list[tuple[tuple[int, int], Incident]] = []
    for (kind, _gid, _point), obs in groups.items():
        obs = sorted(obs, key=lambda o: (o.sentence, o.span))
        main = next((o for o in obs if o.place.geonameid == _gid), obs[0])
        place = main.place
        weapons = sorted({w for o in obs for w in o.weapons})
        notes: list[str] = []
        date, prec = None, None
        dated = sorted((o for o in obs if o.date), key=lambda o: (_PRECISION_RANK.get(o.date_precision or "", 9), o.sentence))
        if dated:
            first = min(dated, key=lambda o: o.sentence)
            # a statement's week is refined by a day told for the place only within that week: a day
            # outside it ("The move followed ... on 1 October") is another event's
            best = dated[0] if first.date_precision != "week" or 0 <= _days_between(dated[0].date, first.date) < 7 else first
            date, prec = best.date, best.date_precision
        battle = any(o.battle for o in obs)
        civilians = any(o.civilians for o in obs)
        if kind == "attack":
            if not weapons and ctx.weapons and not battle and not civilians:  # fighting on the ground is not the barrage
                weapons = sorted(set(ctx.weapons))
                notes.append("weapons from the article's summary of the attack")
            if not weapons and not battle and any(o.raid for o in obs):
                battle = True  # "gunmen attacked an army base": armed groups fighting
                notes.append("attack on a military target with no weapon named: armed clash")
        if kind != "diplomacy":
            if date is None:
                # the closest attack date stated before this place (a summary sentence or another
                # place of the same country), else the first summary date of the article
                # a sea has no country: any attack told before it anchors it ("... fired at the ship fell into the sea")
                # a cross-border exchange: the countries of attack places told in the same sentence count too
                # ("fired at positions in X (one country) from positions near Y (the other)")
                own = {o.sentence for o in obs}
                near = {o.place.country_code for o in observations if o.sentence in own and o.kind != "diplomacy"}
                same_country = [d[:3] for d in previous_dates
                                if d[3] == place.country_code or d[3] in near or not place.country_code]
                earlier = sorted(d for d in [*same_country, *ctx.dates] if d[0] < obs[0].sentence)
                abroad = {d[0] for d in previous_dates if d[3] != place.country_code and d[3] not in near}
                # the most recent date told before (a story tells its newest event first, then recalls
                # older ones: "Five police were killed on Thursday ... after two bombs on Wednesday ... the
                # latest blast happened in X"); a day before a coarser date of the same day
                earlier = sorted((d for d in earlier if article.date is None or d[1] <= article.date[:10]),
                                 key=lambda d: (d[1], -_PRECISION_RANK.get(d[2], 9), d[0]))
                if opens_separate_story(obs[0].evidence, lex):
                    notes.append("told as a separate event: no date from the events before it")
                elif earlier:
                    _, date, prec = earlier[-1]
                    notes.append("date of the event reported earlier in the article")
                elif ctx.dates:
                    _, date, prec = sorted(ctx.dates)[0]
                    notes.append("date from the article's summary of the attack")
                elif days_before := [d for d in ctx.days if d[0] < obs[0].sentence and d[0] not in abroad]:
                    # "In a late-evening statement, the General Staff said ... It reported heavy fighting near X"
                    date, prec = max(days_before)[1], "day"
                    notes.append("the day the article told last before it")
        if date is None and kind == "diplomacy":
            told = sorted([(o.sentence, o.date, o.date_precision or "day") for o in observations
                           if o.kind == "diplomacy" and o.date and o.sentence < obs[0].sentence]
                          + [d for d in ctx.talk_dates if d[0] < obs[0].sentence])
            if told:
                _, date, prec = told[-1]
                notes.append("date of the talks reported earlier in the article")
        if date is not None and prec == "week" and kind != "diplomacy":
            # a statement's day or "last week": a day the article tells for its attack within that week
            within = [d for d in ctx.dates if d[2] == "day" and 0 <= _days_between(d[1], date) < 7]
            if within:
                _, date, prec = max(within, key=lambda d: d[1])
                notes.append("day from the article's summary of the attack")
        if date is None and article.date:
            date, prec = article.date[:10], "week"
            notes.append("no date in the text: article date (event within about a week before)")
        killed, killed_notes = _toll(obs, "killed", observations)
        wounded, wounded_notes = _toll(obs, "wounded", observations)
        notes += killed_notes + wounded_notes
        sub = next((o.sub for o in obs if o.sub), "")
        probs: dict[str, float] = {}
        for o in obs:
            for cls, pr in o.eprobs.items():
                if KIND_OF.get(cls) == kind:
                    probs[cls] = probs.get(cls, 0.0) + pr
        if probs:
            # the event_type model's class (summed over the place's sentences); the sub-event type from its words
            cls = max(sorted(probs), key=probs.get)
            remote = [w for w in lex.weapon_priority if w in weapons and lex.weapon_types.get(w, ("",))[0] == REMOTE]
            if kind == "attack" and remote and cls != REMOTE:
                # ACLED: an attack told with shelling, bombs or drones is remote violence, whoever it hit
                probs[REMOTE] = probs.get(REMOTE, 0.0) + probs[cls]
                cls = REMOTE
                why = f"rules: weapon: {remote[0]}"
            else:
                why = next((o.ewhy for o in obs if o.etype == cls and o.ewhy), "")
            event_type = acled_event_type(cls)
            words = frozenset().union(*(o.words for o in obs))
            sub_event_type = sub_event_type_of(cls, weapons=weapons, words=words, lex=lex, killed=killed,
                                               wounded=wounded)
            notes.append(f"{event_type} by {why} ({probs[cls] / sum(probs.values()):.2f})"
                         + (f"; {sub.lower()}" if sub else ""))
        else:
            abduction = any(o.abduction for o in obs) and not killed and not weapons
            event_type, sub_event_type = event_type_for(kind, weapons, lex=lex, sub=sub, battle=battle,
                                                        civilians=civilians or abduction, abduction=abduction)
        spans = sorted({o.span for o in obs})
        evidence = " ".join(o.evidence for o in sorted({o.span: o for o in obs}.values(), key=lambda o: o.span))
        reasons = _unique([o.reason for o in obs])
        notes = _unique([n for o in obs for n in o.notes] + notes)
        precision = geo_precision(place, lex)
        lat, lon = place.lat, place.lon
        shown = display_name(place, [o.name for o in obs if o.place.geonameid == place.geonameid])
        measured = [(o.away_km, o.away_dir) for o in obs if o.place.geonameid == place.geonameid]
        if measured and all(km is not None and km > lex.near_km for km, _ in measured):
            # "attacked the village of X, 100 kilometres from Y": Y's point stands only for the area;
            # "X, 90 km northeast of Y": the point the text measures, still only region-precise
            precision = max(precision, 3)
            km, way = min(measured, key=lambda m: m[0] or 0.0)
            point = _measured_point(place, km or 0.0, way) if len({w for _, w in measured}) == 1 else None
            if point is not None:
                lat, lon = point
                shown = f"about {km:.0f} km {_COMPASS_WORDS[way]} of {shown}"
                notes.append(f"told as about {km:.0f} km {_COMPASS_WORDS[way]} of {place.name}: "
                             f"placed there as the text measures it")
            else:
                notes.append(f"told as about {km:.0f} km from {place.name}: the point is {place.name}'s")
        hint = next((o.hint for o in obs if o.place.geonameid == place.geonameid and o.hint), "")
        reason = "; ".join(reasons)
        if hint:
            reason += f" ({hint} named in the text)"
        if notes:
            reason += "; " + "; ".join(notes)
        inc = Incident(
            kind=kind,  # type: ignore[arg-type]
            event_type=event_type,
            sub_event_type=sub_event_type,
            place=shown,
            geonameid=place.geonameid,
            country_code=place.country_code,
            admin1=place.admin1,
            lat=lat,
            lon=lon,
            geo_precision=precision,
            date=date,
            date_precision=prec,
            weapons=weapons,
            killed=killed,
            wounded=wounded,
            damage=_unique([d for o in obs for d in o.damage]),
            participants=_people([p for o in obs for p in o.participants]) if kind == "diplomacy" else [],
            sources=_people(_unique([s for o in obs for s in o.sources])),
            evidence=evidence,
            reason=reason,
            article_id=article.id,
            feature_code=place.feature_code,
            title=article.title,
            url=article.url,
            evidence_spans=spans,
            actor1=next((o.actor1 for o in obs if o.actor1), None),
            actor2=next((o.actor2 for o in obs if o.actor2), None),
            abducted=_max([o.abducted for o in obs]),
            arrested=_max([o.arrested for o in obs]),
        )
        if inc.sub_event_type == DISRUPTED and inc.geo_precision >= 3 and place.feature_class != "H" \
                and not (killed or wounded or inc.damage):
            continue  # "six drones were downed over the X region": no point of the land region is where it happened
        incidents.append(((obs[0].sentence, min(o.at for o in obs if o.sentence == obs[0].sentence)), inc))
    # in the order the text tells them: by sentence, then where in it the place is written
    incidents.sort(key=lambda x: (x[0], x[1].kind, x[1].place, x[1].geonameid))
    _loose_tolls([i for _, i in incidents], ctx)
    return [i for _, i in incidents]


def _loose_tolls(incidents: list[Incident], ctx: ArticleContext) -> None:
    """A toll told in a sentence that names no place goes to the article's attack when it has exactly
    one (and no figure of that kind of its own); with several attacks (one of them at a place the
    gazetteer does not know included) it goes to none."""
    attacks = [i for i in incidents if i.kind == "attack"]
    if len(attacks) != 1 or not ctx.loose or ctx.unplaced_attack:
        return
    inc = attacks[0]
    for fld in ("killed", "wounded"):
        told = [(si, c) for si, c in ctx.loose if c.field == fld]
        if told and getattr(inc, fld) is None:
            si, c = told[0]
            setattr(inc, fld, c.value)
            inc.reason += f"; {fld}: {c.value} told in sentence {si + 1} with no place (the article's one attack)"
