"""Load the incident vocabulary from the data files in ``data/lexicon/``.

Every word list the incident extractor uses (weapons, event triggers, number
words, casualty and damage words, reporting verbs, date words, place relations)
lives in a JSON/TSV file; this module reads them once into a frozen
:class:`Lexicon`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Collection
from typing import Any

from mapper.model import MapperError
from mapper.paths import data_dir

__all__ = ["Lexicon", "case_blind", "irregular_base", "lexicon_dir", "load_lexicon", "word_forms", "word_in"]


def word_in(tok: Any, words: Collection[str]) -> bool:
    """True when a token is one of ``words``, by its lemma or as written (lower case).

    A word in capitals, or capitalised and tagged a proper noun (headlines: "Gunmen Kill 12",
    "SEVEN KILLED"), is not lemmatised by the tagger: its plain inflected forms count too.
    """
    if tok.lemma_.lower() in words or tok.lower_ in words:
        return True
    return case_blind(tok) and any(f in words for f in word_forms(tok.lower_))


def case_blind(tok: Any) -> bool:
    """True for a word whose capitals hide its part of speech: all capitals, or a capitalised proper noun."""
    text = tok.text
    return len(text) > 2 and text.isalpha() and (text.isupper() or (text[0].isupper() and tok.pos_ == "PROPN"))



@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    """Irregular word forms of the default lexicon (read once: called for every capitalised word)."""
    return load_lexicon().irregular_forms


def irregular_base(low: str) -> str:
    """The base form of an irregular inflection ("struck" -> strike), else the word itself."""
    return _irregular().get(low, low)


def word_forms(low: str) -> tuple[str, ...]:
    """The bare forms an inflected lower-case word may come from ("kills" -> kill, "shelled" -> shell,
    "raiding" -> raid/raide, "struck" -> strike): a crude, lexicon-checked stemmer for untagged words."""
    out = [low]
    irregular = _irregular()
    if low in irregular:
        out.append(irregular[low])
    if low.endswith("ies") and len(low) > 4:
        out.append(low[:-3] + "y")
    if low.endswith("es") and len(low) > 3:
        out.append(low[:-2])
    if low.endswith("s") and len(low) > 3:
        out.append(low[:-1])
    if low.endswith("ed") and len(low) > 4:
        out += [low[:-2], low[:-1]]
        if low[-3] == low[-4]:
            out.append(low[:-3])  # "kidnapped"
    if low.endswith("ing") and len(low) > 5:
        out += [low[:-3], low[:-3] + "e"]
        if low[-4] == low[-5]:
            out.append(low[:-4])  # "shelling" stays, "kidnapping" -> kidnap
    return tuple(out)


def lexicon_dir() -> Path:
    """The folder holding the lexicon files (``$MAPPER_LEXICON`` overrides it)."""
    env = os.environ.get("MAPPER_LEXICON")
    if env:
        return Path(env)
    return data_dir("lexicon")


@dataclass(frozen=True)
class Lexicon:
    """All incident vocabulary, read from ``data/lexicon``.

    Attributes
    ----------
    weapon_terms : dict[tuple[str, ...], str]
        Weapon term as a tuple of lower-case words -> canonical weapon.
    weapon_types : dict[str, tuple[str, str]]
        Canonical weapon -> (ACLED event_type, sub_event_type).
    weapon_priority : tuple[str, ...]
        Order in which weapons decide the sub-event type.
    weapon_fallbacks : frozenset[str]
        Weapons named only when no other weapon of the sentence is (a bare "bomb").
    triggers : dict[str, dict[str, frozenset[str]]]
        Event class (``attack``, ``interception``, ``battle``, ``diplomacy:<Sub>``)
        -> part of speech (``noun``/``verb``) -> lemmas.
    numbers : dict[str, int]
        Number words -> value.
    """

    weapon_terms: dict[tuple[str, ...], str]
    weapon_types: dict[str, tuple[str, str]]
    weapon_priority: tuple[str, ...]
    weapon_fallbacks: frozenset[str]
    triggers: dict[str, dict[str, frozenset[str]]]
    weak_diplomacy: frozenset[str]
    diplomatic_context: frozenset[str]
    delegation_words: frozenset[str]
    interception_needs_weapon: frozenset[str]
    numbers: dict[str, int]
    casualties: dict[str, frozenset[str]]
    total_markers: tuple[str, ...]
    damage_words: frozenset[str]
    fire_words: frozenset[str]
    damage_objects: frozenset[str]
    damage_modifier_deps: frozenset[str]
    report_verbs: frozenset[str]
    source_phrases: tuple[str, ...]
    source_generic: frozenset[str]
    weekdays: dict[str, int]
    months: dict[str, int]
    relative_days: dict[str, int]
    narrative_days: dict[str, int]
    future_markers: tuple[str, ...]
    month_parts: dict[str, str]
    locative_preps: frozenset[str]
    visit_preps: frozenset[str]
    actor_preps: frozenset[str]
    actor_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    topic_preps: frozenset[str]
    container_nouns: dict[str, str]
    direction_words: frozenset[str]
    compass: dict[str, str]
    anaphora: dict[str, dict[str, frozenset[str]]]
    country_codes: frozenset[str]
    district_codes: frozenset[str]
    region_codes: frozenset[str]
    cumulative_anchors: frozenset[str] = frozenset()
    series_nouns: frozenset[str] = frozenset()
    diplomacy_arguments: dict[str, frozenset[str]] = field(default_factory=dict)
    irrealis_words: frozenset[str] = frozenset()
    irrealis_modals: frozenset[str] = frozenset()
    background_days: int = 90
    background_units: frozenset[str] = frozenset()
    seasons: dict[str, int] = field(default_factory=dict)
    season_leads: frozenset[str] = frozenset()
    past_modifiers: frozenset[str] = frozenset()
    date_words: dict[str, Any] = field(default_factory=dict)  # all of dates.json, read by mapper.incidents.dates
    speaker_nouns: frozenset[str] = frozenset()
    accident_triggers: frozenset[str] = frozenset()
    accident_markers: tuple[str, ...] = ()
    topic_nouns: frozenset[str] = frozenset()
    figurative_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    weapon_target_heads: frozenset[str] = frozenset()
    frame_km: float = 0.0
    distance_units: dict[str, float] = field(default_factory=dict)
    near_km: float = 0.0
    flight_verbs: frozenset[str] = frozenset()
    military_targets: frozenset[str] = frozenset()
    military_modifiers: frozenset[str] = frozenset()
    raid_words: frozenset[str] = frozenset()
    spread_preps: frozenset[str] = frozenset()
    descriptor_words: frozenset[str] = frozenset()
    weapon_target_verbs: frozenset[str] = frozenset()
    weapon_holding_verbs: frozenset[str] = frozenset()
    seizure_verbs: frozenset[str] = frozenset()
    seized_goods: frozenset[str] = frozenset()
    source_inside_heads: frozenset[str] = frozenset()
    source_body_heads: frozenset[str] = frozenset()
    abduction_words: frozenset[str] = frozenset()
    care_nouns: frozenset[str] = frozenset()
    care_verbs: frozenset[str] = frozenset()
    abduction_event_type: tuple[str, str] = ("", "")
    civilian_attack_event_type: tuple[str, str] = ("", "")
    attack_event_type: tuple[str, str] = ("", "")
    battle_event_type: tuple[str, str] = ("", "")
    diplomacy_event_type: str = ""
    sub_event_words: dict[str, tuple[tuple[str, frozenset[str]], ...]] = field(default_factory=dict)
    sub_event_defaults: dict[str, str] = field(default_factory=dict)
    agreement_words: frozenset[str] = frozenset()
    remote_words: frozenset[str] = frozenset()
    side_nouns: frozenset[str] = frozenset()
    toll_cues: tuple[str, ...] = ()
    apart_words: frozenset[str] = frozenset()
    crowd_words: frozenset[str] = frozenset()
    running_total_phrases: tuple[str, ...] = ()
    venue_object_verbs: frozenset[str] = frozenset()
    party_nouns: frozenset[str] = frozenset()
    naming_nouns: frozenset[str] = frozenset()
    allegiance_words: frozenset[str] = frozenset()
    name_joiners: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()  # "Superintendent", "Governor": no place's name
    demonyms: frozenset[str] = frozenset()
    nationalities: dict[str, str] = field(default_factory=dict)  # demonym -> ISO country code
    non_lethal_modifiers: frozenset[str] = frozenset()
    irregular_forms: dict[str, str] = field(default_factory=dict)
    other_event_types: dict[str, str] = field(default_factory=dict)


def _read_json(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise MapperError(f"lexicon file missing: {path}") from exc
    except json.JSONDecodeError as exc:
        raise MapperError(f"lexicon file {path} is not valid JSON: {exc.msg} (line {exc.lineno})") from exc


def _read_numbers(folder: Path) -> dict[str, int]:
    path = folder / "numbers.tsv"
    out: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value = line.split("\t")[:2]
        out[word.strip().lower()] = int(value)
    return out


def _lower_set(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


def _triggers(events: dict[str, Any]) -> dict[str, dict[str, frozenset[str]]]:
    out: dict[str, dict[str, frozenset[str]]] = {}
    for cls in ("attack", "interception", "battle"):
        out[cls] = {pos: _lower_set(words) for pos, words in events[cls].items()}
    for sub, by_pos in events["diplomacy"].items():
        out[f"diplomacy:{sub}"] = {pos: _lower_set(words) for pos, words in by_pos.items()}
    for sub, by_pos in events.get("other", {}).items():
        out[f"other:{sub}"] = {pos: _lower_set(words) for pos, words in by_pos.items()}
    return out


def _sub_event_words(events: dict[str, Any]) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    return {cls: tuple((sub, _lower_set(words)) for sub, words in rules)
            for cls, rules in events.get("sub_event_words", {}).items()}


@lru_cache(maxsize=4)
def _load(folder: str) -> Lexicon:
    from mapper.geoparse import get_lexicon  # spaCy is loaded wherever incidents are read

    base = Path(folder)
    weapons = _read_json(base, "weapons.json")
    events = _read_json(base, "events.json")
    cas = _read_json(base, "casualties.json")
    dmg = _read_json(base, "damage.json")
    src = _read_json(base, "sources.json")
    dates = _read_json(base, "dates.json")
    places = _read_json(base, "places.json")
    return Lexicon(
        weapon_terms={tuple(k.lower().split()): v for k, v in weapons["terms"].items()},
        weapon_types={k: (v[0], v[1]) for k, v in weapons["sub_event_types"].items()},
        weapon_priority=tuple(weapons["priority"]),
        weapon_fallbacks=frozenset(weapons.get("fallbacks", ())),
        triggers=_triggers(events),
        weak_diplomacy=_lower_set(events.get("weak_diplomacy", ())),
        diplomatic_context=_lower_set(events.get("diplomatic_context", ())),
        diplomacy_arguments={k.lower(): _lower_set(v) for k, v in events.get("diplomacy_arguments", {}).items()},
        irrealis_words=_lower_set(events.get("irrealis_words", ())),
        irrealis_modals=_lower_set(events.get("irrealis_modals", ())),
        delegation_words=_lower_set(events.get("delegation_words", ())),
        interception_needs_weapon=_lower_set(events.get("interception_needs_weapon", ())),
        numbers=_read_numbers(base),
        casualties={k: _lower_set(cas.get(k, ())) for k in ("killed", "wounded", "both", "people", "zero", "another",
                                                           "lower_bound", "approx", "toll_nouns", "multipliers",
                                                           "life_verbs", "attacker_nouns", "armed_group_nouns",
                                                           "claim_verbs", "claim_subjects", "claim_plural_subjects",
                                                           "abducted", "arrested", "raising_verbs",
                                                           "body_nouns", "body_verbs", "death_verbs", "treated_at",
                                                           "group_nouns", "collective_nouns", "counted_events", "missing")},
        total_markers=tuple(cas["total_markers"]),
        damage_words=_lower_set(dmg["damage_words"]),
        fire_words=_lower_set(dmg["fire_words"]),
        damage_objects=_lower_set(dmg["objects"]),
        damage_modifier_deps=_lower_set(dmg["object_modifier_deps"]),
        report_verbs=_lower_set(src["verbs"]),
        source_phrases=tuple(src["phrases"]),
        source_generic=_lower_set(src["generic_sources"]),
        weekdays={k.lower(): int(v) for k, v in dates["weekdays"].items()},
        months={k.lower(): int(v) for k, v in dates["months"].items()},
        relative_days={k.lower(): int(v) for k, v in dates["relative_days"].items()},
        narrative_days={k.lower(): int(v) for k, v in dates.get("narrative_days", {}).items()},
        future_markers=tuple(dates["future_markers"]),
        month_parts=dict(dates["month_parts"]),
        locative_preps=_lower_set(places["locative_preps"]),
        visit_preps=_lower_set(places["visit_preps"]),
        actor_preps=_lower_set(places["actor_preps"]),
        actor_verbs=_lower_set(places["actor_verbs"]),
        topic_verbs=_lower_set(places.get("topic_verbs", ())),
        topic_preps=_lower_set(places.get("topic_preps", ())),
        container_nouns={k.lower(): v for k, v in places["container_nouns"].items()},
        direction_words=_lower_set(places.get("direction_words", ())),
        compass={k.lower(): str(v) for k, v in places.get("compass", {}).items()},
        anaphora={k.lower(): {kk: frozenset(vv) for kk, vv in v.items()} for k, v in places["anaphora"].items()},
        country_codes=frozenset(places["country_codes"]),
        district_codes=frozenset(places["district_codes"]),
        region_codes=frozenset(places["region_codes"]),
        cumulative_anchors=_lower_set(cas.get("cumulative_anchors", ())),
        series_nouns=_lower_set(cas.get("series_nouns", ())),
        background_days=int(dates.get("background_days", 90)),
        background_units=_lower_set(dates.get("background_units", ())),
        seasons={k.lower(): int(v) for k, v in dates.get("seasons", {}).items()},
        season_leads=_lower_set(dates.get("season_leads", ())),
        past_modifiers=_lower_set(dates.get("past_modifiers", ())),
        date_words=dates,
        speaker_nouns=_lower_set(src.get("speaker_nouns", ())),
        accident_triggers=_lower_set(events.get("accident_triggers", ())),
        accident_markers=tuple(m.lower() for m in events.get("accident_markers", ())),
        topic_nouns=_lower_set(places.get("topic_nouns", ())),
        figurative_objects={k.lower(): _lower_set(v) for k, v in events.get("figurative_objects", {}).items()},
        weapon_target_heads=_lower_set(weapons.get("target_heads", ())),
        frame_km=float(places.get("frame_km", 0.0)),
        distance_units={k.lower(): float(v) for k, v in places.get("distance_units", {}).items()},
        near_km=float(places.get("near_km", 0.0)),
        flight_verbs=_lower_set(events.get("flight_verbs", ())),
        military_targets=_lower_set(events.get("military_targets", ())),
        military_modifiers=_lower_set(events.get("military_modifiers", ())),
        raid_words=_lower_set(events.get("raid_words", ())),
        spread_preps=_lower_set(places.get("spread_preps", ())),
        descriptor_words=_lower_set(events.get("descriptor_words", ())),
        weapon_target_verbs=_lower_set(weapons.get("target_verbs", ())),
        weapon_holding_verbs=_lower_set(weapons.get("holding_verbs", ())),
        seizure_verbs=_lower_set(weapons.get("seizure_verbs", ())),
        seized_goods=_lower_set(weapons.get("seized_goods", ())),
        source_inside_heads=_lower_set(src.get("inside_heads", ())),
        source_body_heads=_lower_set(src.get("body_heads", ())),
        abduction_words=_lower_set(events.get("abduction_words", ())),
        care_nouns=_lower_set(places.get("care_nouns", ())),
        care_verbs=_lower_set(places.get("care_verbs", ())),
        abduction_event_type=tuple(events.get("abduction_event_type", ("", ""))),  # type: ignore[arg-type]
        civilian_attack_event_type=tuple(events.get("civilian_attack_event_type", ("", ""))),  # type: ignore[arg-type]
        attack_event_type=tuple(events["attack_event_type"]),  # type: ignore[arg-type]
        battle_event_type=tuple(events["battle_event_type"]),  # type: ignore[arg-type]
        diplomacy_event_type=events["diplomacy_event_type"],
        sub_event_words=_sub_event_words(events),
        sub_event_defaults=dict(events.get("sub_event_defaults", {})),
        agreement_words=_lower_set(events.get("agreement_words", ())),
        remote_words=_lower_set(events.get("remote_words", ())),
        side_nouns=_lower_set(events.get("side_nouns", ())),
        toll_cues=tuple(str(w).lower() for w in cas.get("toll_cues", ())),
        apart_words=_lower_set(events.get("apart_words", ())),
        crowd_words=_lower_set(events.get("crowd_words", ())),
        venue_object_verbs=_lower_set(places.get("venue_object_verbs", ())),
        party_nouns=_lower_set(places.get("party_nouns", ())),
        naming_nouns=_lower_set(places.get("naming_nouns", ())),
        allegiance_words=_lower_set(places.get("allegiance_words", ())),
        name_joiners=get_lexicon().name_joiners,  # the geoparser's (data/geoparse/name_joiners.txt)
        person_titles=get_lexicon().person_titles,  # the geoparser's (data/geoparse/person_titles.txt)
        demonyms=frozenset(get_lexicon().demonyms),  # the geoparser's (data/geoparse/demonyms.tsv)
        nationalities=dict(get_lexicon().demonyms),
        non_lethal_modifiers=_lower_set(weapons.get("non_lethal_modifiers", ())),
        irregular_forms={k.lower(): v.lower() for k, v in events.get("irregular_forms", {}).items()},
        other_event_types=dict(events.get("other_event_types", {})),
        running_total_phrases=tuple(sorted((str(w).lower() for w in cas.get("running_total_phrases", ())),
                                           key=len, reverse=True)),
    )


def load_lexicon(*, folder: Path | None = None) -> Lexicon:
    """Read (once, cached) the lexicon files.

    Parameters
    ----------
    folder : Path, optional
        Folder with the lexicon files; defaults to :func:`lexicon_dir`.

    Returns
    -------
    Lexicon
    """
    return _load(str(folder or lexicon_dir()))
