"""The text's country, from every cue it gives.

A report says where it is in many ways besides its place names: the countries it names
("Sudan"), its demonyms ("Nigerian troops"), the administrative areas it names ("North
Darfur", "Donetsk Obl"), and the actors it names ("the RSF", "Boko Haram", "the DPR";
:mod:`.actors`). The resolver gathers them for each name from the text's other names
(:class:`Cues`); they are features of the placement confidence model (:mod:`.placement`),
and the countries they state set the countries a small place may lie in: a namesake in
another country than the text's gives way to one in the text's countries, or to no point,
unless the text places it there itself (:mod:`.resolve`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["Cues", "Pick", "cues"]

_COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "TERR"})
_AREA_CODES = frozenset({"ADM1", "ADM2"})
AREA_MIN_PROB = 0.5  # an area counts as named when its own choice is at least this sure


@dataclass(frozen=True, slots=True)
class Pick:
    """What another name of the text was resolved to, as the cues need it."""

    country_code: str
    feature_code: str
    prob: float
    demonym: bool = False


@dataclass(frozen=True, slots=True)
class Cues:
    """The countries a text points to, by kind of cue (country codes).

    Attributes
    ----------
    named : frozenset[str]
        Countries named by their name ("Sudan", "the DRC").
    demonyms : frozenset[str]
        Countries of the demonyms ("Nigerian troops").
    areas : frozenset[str]
        Countries of the first- and second-order areas named ("North Darfur").
    actors : Mapping[str, int]
        Countries the text's actors tie it to, with how many actors do.
    """

    named: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    actors: Mapping[str, int] = field(default_factory=dict)

    def countries(self) -> frozenset[str]:
        """Every country some cue points to."""
        return self.named | self.demonyms | self.areas | frozenset(self.actors)

    def stated(self) -> frozenset[str]:
        """The countries the text states outright: named, by a demonym or by an actor."""
        return self.named | self.demonyms | frozenset(self.actors)

    def features(self, cc: str) -> dict[str, float]:
        """The cues for a place in country ``cc``: which kinds point there (``cc_named``,
        ``cc_demonym``, ``cc_area``, ``cc_actor``), and ``cc_elsewhere`` when the text
        states countries (by name, demonym or actor) and none of them is ``cc``."""
        out: dict[str, float] = {}
        if not cc:
            return out
        if cc in self.named:
            out["cc_named"] = 1.0
        if cc in self.demonyms:
            out["cc_demonym"] = 1.0
        if cc in self.areas:
            out["cc_area"] = 1.0
        if cc in self.actors:
            out["cc_actor"] = 1.0
        stated = self.stated()
        if stated and cc not in stated:
            out["cc_elsewhere"] = 1.0
        return out


def cues(picks: Iterable[Pick], actors: Mapping[str, int]) -> Cues:
    """The text's cues from the other names' choices and the actors it names.

    Parameters
    ----------
    picks : iterable of Pick
        The text's other names, as resolved (demonyms included).
    actors : mapping
        Country -> number of actors tying the text to it (:func:`.actors.actor_countries`).
    """
    named: set[str] = set()
    demonyms: set[str] = set()
    areas: set[str] = set()
    for p in picks:
        if not p.country_code:
            continue
        if p.demonym:
            demonyms.add(p.country_code)
        elif p.feature_code in _COUNTRY_CODES:
            named.add(p.country_code)
        elif p.feature_code in _AREA_CODES and p.prob >= AREA_MIN_PROB:
            areas.add(p.country_code)
    return Cues(frozenset(named), frozenset(demonyms), frozenset(areas), dict(actors))
