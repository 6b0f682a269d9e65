"""Benchmark the article readers (mapper.articles) against a naive baseline.

Builds a temporary corpus (many small .txt files with a dateline, and one big
JSON Lines file), then times :func:`mapper.articles.read_articles` against the
simplest possible reader (``open().read()`` / ``json.loads`` per line, no
encoding detection, no checks) measured in the same process. Prints articles/s,
MB/s and the ratio to the baseline.

Run: ``python benchmarks/bench_read.py [N_FILES] [N_LINES]``
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from mapper.articles import read_articles

PARAGRAPH = (
    "Overnight shelling damaged a water station on the outskirts of the town, the regional "
    "administration said, adding that repair crews would need several days to restore supply. "
)


def make_corpus(root: Path, n_files: int, n_lines: int) -> tuple[list[Path], Path]:
    files = []
    for i in range(n_files):
        p = root / "txt" / f"a{i:05d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"date 2025-01-{i % 28 + 1:02d} Report {i}\n\n" + PARAGRAPH * 20, encoding="utf-8")
        files.append(p)
    jsonl = root / "feed.jsonl"
    with open(jsonl, "w", encoding="utf-8") as fh:
        for i in range(n_lines):
            fh.write(json.dumps({"id": f"j{i}", "text": PARAGRAPH * 20, "date": "2025-02-01"}) + "\n")
    return files, jsonl


def baseline(files: list[Path], jsonl: Path) -> int:
    n = 0
    for p in files:
        text = p.read_text(encoding="utf-8")
        text.split("\n", 1)
        n += 1
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            json.loads(line)
            n += 1
    return n


def timed(fn, *args) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(3):
        t = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    n_files = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    n_lines = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files, jsonl = make_corpus(root, n_files, n_lines)
        size_mb = (sum(p.stat().st_size for p in files) + jsonl.stat().st_size) / 1e6
        t_base, n_base = timed(baseline, files, jsonl)
        t_read, arts = timed(lambda: read_articles([root]))
        assert len(arts) == n_base == n_files + n_lines
        print(f"corpus: {n_files} .txt + {n_lines} JSON Lines = {n_base} articles, {size_mb:.1f} MB")
        print(f"baseline (open/read/json.loads): {t_base:.3f} s  {n_base / t_base:,.0f} articles/s  {size_mb / t_base:.1f} MB/s")
        print(f"read_articles:                   {t_read:.3f} s  {n_base / t_read:,.0f} articles/s  {size_mb / t_read:.1f} MB/s")
        print(f"ratio read_articles / baseline:  {t_read / t_base:.2f}x the time")


if __name__ == "__main__":
    main()
