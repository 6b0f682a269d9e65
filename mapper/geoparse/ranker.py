"""The candidate ranker: which gazetteer place a name means, as a small learned model.

The resolver describes each candidate place of a name by its cues (how the name
matched, the feature type and population, type words, containment the text states, the
article's focus country and region, nearness to the other places, lists, the country the
text names ...; see :mod:`.resolve`). Their hand-set sum (:func:`hand_set`) was the
ranking; a model trained on LGL, GeoVirus and the event headlines
(``tools/train_candidates.py``, the train part of the frozen split) adds a learned
correction to it: a weight per cue, regularised towards none, so the data move the
ranking only where they agree. The rules of grammar and policy (:data:`POLICY`) keep
their fixed weights. The candidate with the highest score wins, and the softmax of the
scores over a name's candidates is its ``score``. The model ships as
``mapper/models/candidates.json``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from mapper.geoparse.country import Cues
from mapper.model import Place
from mapper.models import LinearModel, load_model

MODEL = "candidates"
TERMS = (
    "prior", "type", "country", "contain", "support", "article", "water", "dateline", "alias",
    "alias_county", "alias_named", "seat", "designated", "focus_cc", "focus_adm1", "near", "peers", "list", "sentence",
)
# grammar and policy: what the words around a name say it is ("the Dnipro river", "the Red
# Sea", "Islamabad" owned by a capital abroad, a dateline's city). They count with the
# weights the rules give them (in :func:`hand_set`); the model learns no correction of them.
POLICY = frozenset({"type", "water", "article", "dateline", "alias", "alias_county", "alias_named", "contain", "country", "list", "sentence", "peers", "seat"})
_CODES = frozenset({"PCLI", "PPLC", "PPLA", "PPLA2", "PPLA3", "PPL", "PPLX", "ADM1", "ADM2", "ADM3", "RGN"})


def features(
    terms: Mapping[str, float], place: Place, match: str, *, cues: Cues, typed: bool
) -> dict[str, float]:
    """The features of one candidate.

    Parameters
    ----------
    terms : mapping
        The resolver's cues for this candidate (see :data:`TERMS`), each a number.
    place : Place
        The candidate.
    match : str
        How the name matched it: ``name``, ``alias``, ``region``, ``skeleton``, ``fuzzy``.
    cues : Cues
        The text's country cues from its other names and its actors (:mod:`.country`):
        ``cc_named``, ``cc_demonym``, ``cc_area``, ``cc_actor`` when one points to the
        candidate's country, ``cc_elsewhere`` when the text states other countries only.
    typed : bool
        Whether a type word stands next to the name.
    """
    out = {f"t:{k}": float(v) for k, v in terms.items() if v and k not in POLICY}
    out[f"match={match}"] = 1.0
    out.update(kind_features(place))
    out.update(cues.features(place.country_code))
    if typed:
        out[f"typed_{place.feature_class or 'x'}"] = 1.0
    return out


def kind_features(place: Place) -> dict[str, float]:
    """What kind of place a candidate is: its feature code (or class) and its population."""
    code = place.feature_code if place.feature_code in _CODES else f"class_{place.feature_class or 'x'}"
    return {f"code={code}": 1.0, "log_pop": math.log10(max(place.population, 0) + 1.0) / 6.0}


def hand_set(terms: Mapping[str, float]) -> float:
    """The hand-set score of a candidate: its terms added up. The model adds its learned
    corrections to it (the terms of :data:`POLICY` it never corrects)."""
    return sum(terms.values())


def contributions(model: LinearModel, feats: Mapping[str, float]) -> dict[str, float]:
    """Each feature's push on the score (weight times value)."""
    return {k: w[0] * v for k, v in feats.items() if (w := model.weights.get(k)) and v}


def bootstrap_model() -> LinearModel:
    """No correction: the hand-set ranking alone (the training script starts from it)."""
    return LinearModel(name="hand-set", classes=("0", "1"), weights={}, bias=(0.0,))


def get_model() -> LinearModel:
    """The shipped candidate ranker."""
    return load_model(MODEL)
