"""Test helper: replace mapper's stage modules by stand-ins for CLI-level tests."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable

import pytest


def install_stage_fakes(
    monkeypatch: pytest.MonkeyPatch, *, process: Callable, write_layers: Callable, write_map: Callable
) -> None:
    """Make ``mapper.pipeline``, ``mapper.export`` and ``mapper.webmap`` resolve to stand-ins."""
    for name, attrs in {
        "mapper.pipeline": {"process": process},
        "mapper.export": {"write_layers": write_layers},
        "mapper.webmap": {"write_map": write_map},
    }.items():
        module = types.ModuleType(name)
        for key, value in attrs.items():
            setattr(module, key, value)
        monkeypatch.setitem(sys.modules, name, module)
