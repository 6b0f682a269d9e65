"""Fit a logistic regression over feature dicts and write it in the shape ``mapper.models`` reads.

Shared by the ``tools/train_*.py`` scripts. scikit-learn is needed here only (``pip install
'.[train]'``); the package applies the model with a dot product. The fit is deterministic
(liblinear / lbfgs with a fixed ``random_state``) and the file lists its features sorted, with
weights rounded to 5 decimals, so retraining on the same data gives the same file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

MODELS = Path(__file__).resolve().parents[1] / "mapper" / "models"


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[str],
    *,
    name: str,
    c: float = 1.0,
    seed: int = 0,
    balanced: bool = False,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Fit the model and return its JSON object (see :func:`mapper.models.from_dict`)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform([dict(r) for r in rows])
    classes = sorted(set(labels))
    clf = LogisticRegression(C=c, max_iter=5000, random_state=seed,
                             class_weight="balanced" if balanced else None)
    clf.fit(x, list(labels))
    names = vec.get_feature_names_out()
    coef = clf.coef_
    weights: dict[str, Any] = {}
    for j, feat in enumerate(names):
        col = [round(float(coef[k, j]), 5) for k in range(coef.shape[0])]
        if any(col):
            weights[str(feat)] = col[0] if len(col) == 1 else col
    bias = [round(float(b), 5) for b in clf.intercept_]
    return {
        "name": name,
        "classes": [str(c_) for c_ in clf.classes_] if len(classes) > 1 else classes,
        "bias": bias[0] if len(bias) == 1 else bias,
        "weights": dict(sorted(weights.items())),
        "meta": dict(meta or {}, c=c, seed=seed, n_rows=len(rows), n_features=len(weights)),
    }


def write(model: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write a model's JSON (default: ``mapper/models/<name>.json``)."""
    out = path or MODELS / f"{model['name']}.json"
    out.write_text(json.dumps(model, indent=0, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    return out
