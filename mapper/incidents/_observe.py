"""Per-sentence observations: one record per (sentence, event site) before merging."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mapper.incidents.place_model import PlaceContext
from mapper.model import Place

__all__ = ["Observation", "ArticleContext"]


@dataclass(slots=True)
class Observation:
    """What one sentence says happened at one place.

    ``kind`` is ``attack``, ``diplomacy`` or ``outcome`` (casualties/damage with
    no attack word in the sentence); ``notes`` collect qualifiers for the reason.
    ``killed``/``wounded`` are the victims' toll as the text reports it; ``claims``
    and ``attackers`` hold ``(field, value)`` figures claimed by a party and of the
    attacking side, which the merge uses only when no victims' figure exists.
    ``carried``: the sentence names no place, its facts follow an attack told
    before. ``raid``: an attack told without a weapon on a military target.
    """

    kind: str
    place: Place
    name: str
    sentence: int
    span: tuple[int, int]
    evidence: str
    reason: str
    sub: str = ""
    hint: str = ""
    battle: bool = False
    weapons: list[str] = field(default_factory=list)
    killed: int | None = None
    wounded: int | None = None
    abducted: int | None = None
    arrested: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    damage: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    notes: list[str] = field(default_factory=list)
    claims: list[tuple[str, int]] = field(default_factory=list)
    attackers: list[tuple[str, int]] = field(default_factory=list)
    carried: bool = False
    away_km: float | None = None  # the text measures the event this far from the place ("100 km from X")
    away_dir: str = ""  # ... in this direction, a compass code ("90 km northeast of X": "NE")
    raid: bool = False
    civilians: bool = False  # an armed group's assault with no weapon on no military target ("gunmen stormed a village")
    abduction: bool = False  # people were abducted ("bandits kidnapped 20 villagers")
    target: str = ""  # lemma of the attacked object ("an army base": base)
    definite: bool = False  # the attacked object points back ("the base")
    points_back: bool = False  # its attack words point back to an attack told before ("the assault took place in X")
    at: int = 0  # doc index of the place as written: incidents keep the text's order
    apart: bool = False  # its sentence sets it apart from what was told before ("Separately, ...", "Elsewhere, ...")
    etype: str = ""  # event type by the event_type model ("" when not typed: participants, accidents)
    eprobs: dict[str, float] = field(default_factory=dict)  # its summed class probabilities
    ewhy: str = ""  # what decided the type (the rule it rests on, or the model and its cues)
    words: frozenset[str] = frozenset()  # word forms of the sentence, for the sub-event type


@dataclass(slots=True)
class ArticleContext:
    """Article-level facts that site-less attack sentences state ("Russia launched missiles and drones overnight").

    ``dates`` holds ``(sentence, date, precision)`` of those sentences' attack dates; ``last_day``
    the latest day-precise date the text has told (an ISO date), the anchor of "a day earlier";
    ``talk_dates`` the dates of diplomacy words ("X and Y agreed on Saturday to a ceasefire");
    ``days`` ``(sentence, date)`` of every day the text tells up to the article date, statements' too.
    """

    weapons: list[str] = field(default_factory=list)
    dates: list[tuple[int, str, str]] = field(default_factory=list)
    talk_dates: list[tuple[int, str, str]] = field(default_factory=list)
    days: list[tuple[int, str]] = field(default_factory=list)
    has_attack: bool = False
    scene_day: tuple[int, Any] | None = None  # (sentence, DateMention) of a day told by a sentence with no event
    last_day: str | None = None  # the latest day-precise date told so far ("a day earlier" counts from it)
    focus_cc: str = ""  # the country the article is mostly about
    cues: frozenset[str] = frozenset()  # event classes the article's words name (event_model.article_cues)
    loose: list[tuple[int, Any]] = field(default_factory=list)  # (sentence, Count) of tolls tied to no place
    story_type: tuple[int, str] | None = None  # (sentence, type) of the latest sentence the rules type alone
    unplaced_attack: bool = False  # an attack told at a place the gazetteer does not know
    armed_attackers: bool = False  # an armed group's noun is the subject of an attack ("gunmen stormed ...")
    places: PlaceContext = field(default_factory=PlaceContext)  # what the article says of its places
