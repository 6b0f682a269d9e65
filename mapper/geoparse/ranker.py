"""The candidate ranking: the hand-set sum of a candidate's cues, and what kind of place it is.

The resolver describes each candidate place of a name by its cues (how the name matched,
the feature type and population, type words, containment the text states, the article's
focus country and region, nearness to the other places, lists, the country the text names
...; see :mod:`.resolve`), each a number of :data:`TERMS`. Their sum (:func:`hand_set`) ranks
the candidates: the highest wins, and the softmax of the sums over a name's candidates is its
``score``. A learned correction of that sum gained nothing on dev (LGL, GeoVirus, the event
headlines), so none ships; the learned decision is whether the chosen place is right at all
(:mod:`.placement`), which uses :func:`kind_features` too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from mapper.model import Place

TERMS = (
    "prior", "type", "country", "contain", "support", "article", "water", "dateline", "alias",
    "alias_county", "alias_named", "seat", "designated", "focus_cc", "focus_adm1", "near", "peers", "list", "sentence",
)
_CODES = frozenset({"PCLI", "PPLC", "PPLA", "PPLA2", "PPLA3", "PPL", "PPLX", "ADM1", "ADM2", "ADM3", "RGN"})


def kind_features(place: Place) -> dict[str, float]:
    """What kind of place a candidate is: its feature code (or class) and its population."""
    code = place.feature_code if place.feature_code in _CODES else f"class_{place.feature_class or 'x'}"
    return {f"code={code}": 1.0, "log_pop": math.log10(max(place.population, 0) + 1.0) / 6.0}


def hand_set(terms: Mapping[str, float]) -> float:
    """The score of a candidate: its terms added up."""
    return sum(terms.values())
