"""Rows of the real development data, by part of the frozen split (``benchmarks/real/split.json``).

The corpora stay where they are (``../shared/eval-dev/``, read in place, never copied); the
project's own gathered news reports are ``benchmarks/real/reports.jsonl``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SPLIT = REPO / "benchmarks" / "real" / "split.json"
FILES = {
    "events": ("shared", "eval-dev/events/events.jsonl"),
    "lgl": ("shared", "eval-dev/lgl.jsonl"),
    "geovirus": ("shared", "eval-dev/geovirus.jsonl"),
    "reports": ("repo", "benchmarks/real/reports.jsonl"),
}


def rows(name: str, parts: tuple[str, ...] = ("train",), *, shared: Path = SHARED) -> list[dict[str, Any]]:
    """Rows of data set ``name`` (events, lgl, geovirus, reports) in the given split parts."""
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    ids = {i for p in parts for i in split.get(name, {}).get(p, [])}
    where, rel = FILES[name]
    path = (shared if where == "shared" else REPO) / rel
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [d for d in map(json.loads, filter(str.strip, fh)) if d["id"] in ids]
