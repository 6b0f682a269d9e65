"""Honest abstention: how likely the resolver's choice for a name is the place meant.

The candidate ranker always picks some namesake; when the text gives little to go on
("Corpse found in Zamora"), or points elsewhere (a village abroad in a report on Sudan's
RSF), the pick is often wrong. A small model (``mapper/models/placement.json``, trained by
``tools/train_placement.py`` on the train part of LGL, GeoVirus, the event headlines and
the project's reports) gives P(the chosen place is right) from what the resolver knows of
the choice: how sure and how contested the ranking was, how the name matched (its own
name, another name, a variant spelling), what kind of place it is, the text's country cues
(:mod:`.country`: named, demonym, areas, actors) and its other places (their countries,
the distance to the nearest). Below the threshold chosen on dev (the model's
``meta.threshold``) the name gets no point of its own: the smallest area the text puts it
in, when there is one, else none; the ``reason`` names the model and its top features.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from mapper.geoparse import ranker
from mapper.geoparse.country import Cues
from mapper.model import Place
from mapper.models import LinearModel, load_model

__all__ = ["Choice", "against", "bootstrap_model", "features", "get_model", "threshold"]

MODEL = "placement"
FAR_KM = 161.0
_TERMS = ("prior", "type", "contain", "support", "focus_cc", "focus_adm1", "near", "list", "sentence",
          "alias", "alias_named", "article", "country")


@dataclass(frozen=True, slots=True)
class Choice:
    """What the resolver knows of a name's chosen place (see :func:`features`).

    Attributes
    ----------
    place : Place
        The chosen place.
    match : str
        How the name matched it (``name``, ``alias``, ``region``, ``skeleton``, ``fuzzy``).
    prob : float
        Softmax probability of the choice among the name's candidates.
    margin : float
        Score of the choice minus that of the best other candidate (0 when alone).
    n_cands : int
        Candidates the name had.
    terms : Mapping[str, float]
        The resolver's terms for the choice (:data:`.ranker.TERMS`).
    focus_share : float
        Share of the weight of the text's other places that lies in the choice's country.
    others : int
        The text's other resolved names (countries included).
    nearest_km : float | None
        Distance to the nearest other place of the text (None: no other place with a point).
    located : bool
        The text writes the name inside an area, or with a country word ("X, Y", "X (A, B)",
        "the Swiss city of X").
    typed : bool
        A type word stands by the name ("X village").
    listed : bool
        The name is one of a list of names.
    mentions : int
        Times the text names it.
    moved : bool
        The text's countries moved the choice from a namesake abroad.
    p_far : float
        The ranking's probability mass on candidates more than ``FAR_KM`` from the choice
        (another place of the name, not the same place as town and district).
    p_abroad : float
        Its mass on candidates in another country than the choice.
    wide : bool
        The place is one a text names from afar (a country, a sea, a region, a first-order
        area, a capital or large town): distances to the text's other places say nothing of it.
    """

    place: Place
    match: str
    prob: float
    margin: float
    n_cands: int
    terms: Mapping[str, float]
    focus_share: float
    others: int
    nearest_km: float | None
    located: bool
    typed: bool
    listed: bool
    mentions: int
    moved: bool = False
    p_far: float = 0.0
    p_abroad: float = 0.0
    wide: bool = False


def features(choice: Choice, cues: Cues) -> dict[str, float]:
    """The features of a choice: the ranking's certainty, the match, the kind of place, the
    text's country cues and its other places.

    Parameters
    ----------
    choice : Choice
        What the resolver knows of the choice.
    cues : Cues
        The text's country cues from its other names and its actors.
    """
    p = choice.place
    out: dict[str, float] = {
        "prob": choice.prob,
        "margin": min(max(choice.margin, 0.0), 10.0) / 10.0,
        "log_cands": math.log(max(choice.n_cands, 1)) / 3.0,
        f"match={choice.match}": 1.0,
        "focus_share": choice.focus_share,
        "log_others": math.log1p(choice.others) / 3.0,
        "log_mentions": math.log(max(choice.mentions, 1)),
    }
    if choice.n_cands == 1:
        out["single"] = 1.0
    if choice.p_far and not choice.wide:
        out["p_far"] = choice.p_far
    if choice.p_abroad:
        out["p_abroad"] = choice.p_abroad
    if not cues.countries() and choice.others == 0:
        out["no_cue"] = 1.0  # nothing in the text but the name itself
    out.update(ranker.kind_features(p))
    out.update(cues.features(p.country_code))
    for k in _TERMS:
        v = choice.terms.get(k, 0.0)
        if v:
            out[f"t:{k}"] = float(v)
    if choice.wide:
        out["wide"] = 1.0
    elif choice.nearest_km is None:
        out["no_other_point"] = 1.0
    else:
        out["log_km"] = math.log10(1.0 + choice.nearest_km) / 4.0
        if choice.nearest_km > 500.0:
            out["far500"] = 1.0
    for flag in ("located", "typed", "listed", "moved"):
        if getattr(choice, flag):
            out[flag] = 1.0
    if choice.others == 0:
        out["alone"] = 1.0
    return out


def against(model: LinearModel, feats: Mapping[str, float], *, top: int = 3) -> list[str]:
    """The features that pushed the probability of being right down most (strongest first)."""
    pushes = []
    for name, value in feats.items():
        w = model.weights.get(name)
        if w is not None and value and w[0] * value < 0:
            pushes.append((w[0] * value, name))
    return [name for _push, name in sorted(pushes)[:top]]


def bootstrap_model() -> LinearModel:
    """No abstention: every choice kept (the training script draws its data with it)."""
    return LinearModel(name="none", classes=("0", "1"), weights={}, bias=(0.0,), meta={"threshold": 0.0})


def threshold(model: LinearModel) -> float:
    """The probability under which a choice gets no point (chosen on dev, in the model's meta)."""
    return float(model.meta.get("threshold", 0.0))


def get_model() -> LinearModel:
    """The shipped placement confidence model."""
    return load_model(MODEL)
