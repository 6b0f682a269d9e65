"""The linear models' runtime: probabilities, explanations, loading from JSON."""

from __future__ import annotations

import math

import pytest

from mapper.models import from_dict, load_model


def test_a_binary_model_is_a_sigmoid_over_the_features_present():
    m = from_dict({"name": "t", "classes": ["no", "yes"], "bias": -1.0, "weights": {"a": 2.0, "b": -3.0}})
    assert m.binary
    assert m.probability({}) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert m.probability({"a": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert m.proba({"a": 1.0, "unknown": 5.0})["yes"] == pytest.approx(m.probability({"a": 1.0}))
    assert m.predict({"a": 1.0}) == "yes" and m.predict({"b": 1.0}) == "no"


def test_a_multinomial_model_gives_probabilities_that_sum_to_one():
    m = from_dict({"name": "t", "classes": ["x", "y", "z"], "bias": [0.0, 0.0, 0.0],
                   "weights": {"f": [1.0, 0.0, -1.0], "g": [0.0, 2.0, 0.0]}})
    p = m.proba({"f": 1.0, "g": 1.0})
    assert sum(p.values()) == pytest.approx(1.0)
    assert max(p, key=p.get) == "y"
    assert m.predict({"f": 3.0}) == "x"


def test_explain_names_the_features_that_pushed_the_class_up():
    m = from_dict({"name": "t", "classes": ["no", "yes"], "bias": 0.0,
                   "weights": {"prep=in": 1.5, "far": -2.0, "near_trigger": 0.5}})
    assert m.explain({"prep=in": 1.0, "far": 1.0, "near_trigger": 1.0}) == ["prep=in", "near_trigger"]


def test_a_model_that_is_not_shipped_is_an_error():
    with pytest.raises(FileNotFoundError):
        load_model("no_such_model")
