"""The small trained models mapper ships, and the one way they are applied.

Each model is a JSON file in this folder, written by a training script in ``tools/``
(``tools/train_*.py``, fixed seeds, data read from ``../shared/eval-dev/`` and
``benchmarks/real/``): a logistic regression over named features. Features are a
``{name: value}`` mapping made by the module that uses the model (categorical cues as
``"prep=in": 1.0``), so a rule's verdict is just one more feature. Applying a model is a
dot product over the features present: no scikit-learn at run time, and loading a model
takes milliseconds.

A model also says why it decided: :meth:`LinearModel.explain` lists the features that
pushed the score most, for the ``reason`` of a record.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["LinearModel", "load_model"]


@dataclass(frozen=True)
class LinearModel:
    """A (binary or multinomial) logistic regression over named features.

    Attributes
    ----------
    name : str
        The model's file stem (``event_place``, ``toll``, ...).
    classes : tuple[str, ...]
        Class labels. A binary model has two, and one weight per feature (for ``classes[1]``).
    weights : dict[str, tuple[float, ...]]
        Feature name -> weight per class (one weight for a binary model).
    bias : tuple[float, ...]
        Intercept per class (one for a binary model).
    meta : dict
        How it was trained: data, split, seed, scores on the held-out parts.
    """

    name: str
    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def binary(self) -> bool:
        return len(self.bias) == 1

    def margins(self, features: Mapping[str, float]) -> tuple[float, ...]:
        """Raw scores (logits): one for a binary model, one per class otherwise."""
        out = list(self.bias)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None and value:
                for k, wk in enumerate(w):
                    out[k] += wk * value
        return tuple(out)

    def proba(self, features: Mapping[str, float]) -> dict[str, float]:
        """Class probabilities."""
        m = self.margins(features)
        if self.binary:
            p = _sigmoid(m[0])
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(m)
        exp = [math.exp(x - top) for x in m]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}

    def probability(self, features: Mapping[str, float]) -> float:
        """Probability of the positive class of a binary model."""
        return _sigmoid(self.margins(features)[0])

    def predict(self, features: Mapping[str, float]) -> str:
        """The most probable class."""
        p = self.proba(features)
        return max(self.classes, key=lambda c: p[c])

    def explain(self, features: Mapping[str, float], cls: str | None = None, *, top: int = 3) -> list[str]:
        """The features that pushed the score of ``cls`` up most (strongest first)."""
        k = 0 if self.binary else self.classes.index(cls or self.classes[-1])
        pushes = [(w[k] * v, name) for name, v in features.items() if (w := self.weights.get(name)) and v]
        return [name for push, name in sorted(pushes, key=lambda x: (-x[0], x[1]))[:top] if push > 0]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def from_dict(d: Mapping[str, Any]) -> LinearModel:
    """A model from its JSON object (the shape ``tools/train_*.py`` writes)."""
    return LinearModel(
        name=d["name"],
        classes=tuple(d["classes"]),
        weights={k: tuple(v) if isinstance(v, list) else (v,) for k, v in d["weights"].items()},
        bias=tuple(d["bias"]) if isinstance(d["bias"], list) else (d["bias"],),
        meta=dict(d.get("meta", {})),
    )


@lru_cache(maxsize=None)
def load_model(name: str) -> LinearModel:
    """The shipped model ``name`` (``mapper/models/<name>.json``), loaded once per process."""
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return from_dict(json.loads(text))
