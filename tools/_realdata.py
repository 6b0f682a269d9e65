"""Rows of the real development data, by part of the frozen split (``benchmarks/real/split.json``).

The corpora stay where they are (``../shared/eval-dev/``, read in place, never copied); the
project's own gathered news reports are ``benchmarks/real/reports.jsonl``. ``$MAPPER_SHARED`` points
to the shared folder when it is not ``../shared`` beside the repository.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MAPPER_SHARED", REPO.parent / "shared"))
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
        raise FileNotFoundError(f"{path} is missing (set MAPPER_SHARED to the shared data folder)")
    with path.open(encoding="utf-8") as fh:
        return [d for d in map(json.loads, filter(str.strip, fh)) if d["id"] in ids]


def cache_dir() -> Path:
    """Where training scripts keep their parsed data (``$MAPPER_CACHE/train``)."""
    base = os.environ.get("MAPPER_CACHE")
    return (Path(base) if base else Path.home() / ".cache" / "mapper") / "train"


def code_key(roots: tuple[str, ...], *, skip: frozenset[str] = frozenset()) -> str:
    """A digest of the code and data files under ``roots`` (folders or single files; names in ``skip``
    left out): parsed data cached under it is parsed again when they change."""
    h = hashlib.sha1()
    for rel in roots:
        root = REPO / rel
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file() and path.name not in skip and path.suffix in {".py", ".tsv", ".json", ".txt", ".geojson"}:
                h.update(str(path.relative_to(REPO)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]
