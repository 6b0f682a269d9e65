"""Benchmark of importing a GeoNames country dump: time, growth, memory, speed, and what it finds.

Imports the dump (default: the real Ukrainian one, ``../shared/geonames/UA.zip``,
read in place) into temporary cache folders that share the built-in index of
the default cache, once per feature-class filter, and prints for each: import
time (reading, merging, writing the index), places and names added, the
merged index's size on disk, warm load time, resident memory and lookups/s,
next to the built-in index alone. Then, on the Ukrainian events of the
development data (``events.jsonl``, country Ukraine, parts of the frozen
split; train and dev by default), before and after the default import:

* how many events have the gold place among the gazetteer's candidates for
  the gold place name (20 best, any country) within 25 km;
* how many land within 25 km with ``mapper extract`` (some incident, and
  some toponym, within 25 km of the gold point).

Usage::

    python benchmarks/bench_import.py [--dump PATH] [--part train,dev] [--classes PA,P,PAS,all] [--no-extract]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (p for p in (Path(os.environ.get("MAPPER_SHARED", "/nonexistent")), ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)
RADIUS_KM = 25.0
sys.path.insert(0, str(ROOT / "benchmarks" / "real"))
from bench_real import km  # noqa: E402 - the accuracy benchmark's distance

# runs in a fresh process: import into a cache folder, report time and growth
_IMPORT = """
import json, os, sys, time, psutil
from pathlib import Path
from mapper.gazetteer.imports import import_files
r = import_files([sys.argv[1]], classes=sys.argv[3], cache_dir=Path(sys.argv[2]), progress=False)
g = r.gazetteer
print(json.dumps({"seconds": r.seconds, "before": r.places_before, "after": r.places_after,
                  "names": len(g._names.keys), "rows_kept": r.imported[0]["rows"],
                  "bytes": os.path.getsize(g.path), "peak_rss_mb": psutil.Process().memory_info().rss / 2**20}))
"""

# runs in a fresh process: warm load, memory, lookups/s over the same names for every index
_LOAD = """
import gc, json, os, random, sys, time, psutil
from pathlib import Path
p = psutil.Process(os.getpid())
t = time.perf_counter()
from mapper.gazetteer import Gazetteer
r0 = p.memory_info().rss
g = Gazetteer.load(cache_dir=Path(sys.argv[1]), progress=False)
load = time.perf_counter() - t
rss = (p.memory_info().rss - r0) / 2**20
names = json.loads(open(sys.argv[2], encoding="utf-8").read())
g.prepare()
rss_all = (p.memory_info().rss - r0) / 2**20
best = best_cpu = 0.0
for k in range(3):
    qs = [n.encode().decode() for n in names[k::3]]
    gc.collect()
    t, c = time.perf_counter(), time.process_time()
    for q in qs:
        g.candidates(q, fuzzy=False)
    best = max(best, len(qs) / (time.perf_counter() - t))
    best_cpu = max(best_cpu, len(qs) / max(time.process_time() - c, 1e-9))
print(json.dumps({"load": load, "rss_mb": rss, "rss_records_mb": rss_all, "lookups": best, "lookups_cpu": best_cpu}))
"""


def _json_run(code: str, *args: str, cwd: Path = ROOT) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, env=env)
    if out.returncode != 0:
        sys.exit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cache_with_base(folder: Path) -> Path:
    """A cache folder sharing the default cache's built-in index (built there first if missing)."""
    sys.path.insert(0, str(ROOT))
    from mapper.gazetteer import Gazetteer

    base = Gazetteer.load(cache_dir=Path(os.environ["MAPPER_BASE_CACHE"]) if "MAPPER_BASE_CACHE" in os.environ else None)
    assert base.path is not None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / base.path.name).symlink_to(base.path)
    return folder


def _query_names(path: Path, n: int) -> None:
    """Names of towns of 1,000+ people, shuffled: the same queries for every index."""
    import random

    from mapper.gazetteer import Gazetteer

    names = list(Gazetteer.load(progress=False).iter_names(min_population=1000))
    random.Random(7).shuffle(names)
    path.write_text(json.dumps(names[:n]), encoding="utf-8")


def ua_events(parts: tuple[str, ...]) -> list[dict[str, Any]]:
    split = json.loads((ROOT / "benchmarks" / "real" / "split.json").read_text(encoding="utf-8"))
    ids = {i for p in parts for i in split["events"][p]}
    path = SHARED / "eval-dev" / "events" / "events.jsonl"
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if r["id"] in ids and r["gold"].get("country") == "Ukraine"]


_CANDIDATES = """
import json, sys
from pathlib import Path
from mapper.gazetteer import Gazetteer
g = Gazetteer.load(cache_dir=Path(sys.argv[1]), progress=False)
out = {}
for r in json.loads(open(sys.argv[2], encoding="utf-8").read()):
    out[r["id"]] = [[c.place.lat, c.place.lon] for c in g.lookup(r["gold"]["place"], limit=20)]
print(json.dumps(out))
"""


def events_figures(cache: Path, rows: list[dict[str, Any]], tmp: Path, *, extract: bool) -> dict[str, int]:
    src = tmp / "ua_events.json"
    src.write_text(json.dumps(rows), encoding="utf-8")
    cands = _json_run(_CANDIDATES, str(cache), str(src))
    gold = {r["id"]: (r["gold"]["lat"], r["gold"]["lon"]) for r in rows}
    out = {"events": len(rows), "candidate25": sum(any(km(tuple(p), gold[i]) <= RADIUS_KM for p in ps) for i, ps in cands.items())}
    if not extract:
        return out
    jsonl = tmp / "ua_events.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"id": r["id"], "text": r["text"], "date": r.get("date")}) + "\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), MAPPER_CACHE=str(cache))
    proc = subprocess.run([sys.executable, "-m", "mapper", "extract", "-q", str(jsonl)], capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(proc.stderr[-3000:])
    inc25 = top25 = 0
    for line in proc.stdout.splitlines():
        d = json.loads(line)
        g = gold[d["id"]]
        inc25 += any(i.get("lat") is not None and km((i["lat"], i["lon"]), g) <= RADIUS_KM for i in d["incidents"])
        top25 += any(t.get("lat") is not None and km((t["lat"], t["lon"]), g) <= RADIUS_KM for t in d["toponyms"])
    out.update({"incident25": inc25, "toponym25": top25})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, default=SHARED / "geonames" / "UA.zip")
    parser.add_argument("--classes", default="PA,P,PAS,all", help="feature-class filters to compare (first: the one for events)")
    parser.add_argument("--part", default="train,dev", help="parts of the frozen split for the events")
    parser.add_argument("--no-extract", action="store_true", help="skip 'mapper extract' on the events")
    parser.add_argument("-n", type=int, default=60_000, help="distinct names to look up")
    args = parser.parse_args()
    if not args.dump.exists():
        sys.exit(f"{args.dump} not found")
    variants = [c.strip() for c in args.classes.split(",") if c.strip()]
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp_s:
        tmp = Path(tmp_s)
        sys.path.insert(0, str(ROOT))
        names = tmp / "names.json"
        _query_names(names, args.n)
        base_dir = _cache_with_base(tmp / "base")
        rows: list[tuple[str, dict[str, Any], dict[str, Any]]] = [("built-in only", {}, _json_run(_LOAD, str(base_dir), str(names)))]
        dirs = {}
        for classes in variants:
            folder = _cache_with_base(tmp / f"with-{classes}")
            imp = _json_run(_IMPORT, str(args.dump), str(folder), classes)
            rows.append((f"+ {args.dump.name} classes {classes}", imp, _json_run(_LOAD, str(folder), str(names))))
            dirs[classes] = folder
        print(f"importing {args.dump} (targets: import <= 30 s, warm load <= 1 s, >= 100,000 lookups/s, RSS <= 500 MB)\n")
        head = f"{'index':<34} {'import s':>9} {'rows kept':>10} {'+places':>9} {'names':>9} {'MB disk':>8} {'load s':>7} {'RSS MB':>7} {'+records':>8} {'lookups/s':>10} {'per CPU s':>10}"
        print(head)
        print("-" * len(head))
        for label, imp, load in rows:
            print(
                f"{label:<34} {imp.get('seconds', 0):>9.1f} {imp.get('rows_kept', 0):>10,} "
                f"{imp.get('after', 0) - imp.get('before', 0):>9,} {imp.get('names', 0):>9,} "
                f"{imp.get('bytes', 0) / 2**20:>8.1f} {load['load']:>7.2f} {load['rss_mb']:>7.0f} {load['rss_records_mb']:>8.0f} "
                f"{load['lookups']:>10,.0f} {load['lookups_cpu']:>10,.0f}"
            )
        events = ua_events(tuple(p.strip() for p in args.part.split(",")))
        if events and variants:
            print(f"\nUkrainian events, parts {args.part} ({len(events)} events; within {RADIUS_KM:.0f} km of the gold point)")
            before = events_figures(base_dir, events, tmp, extract=not args.no_extract)
            after = events_figures(dirs[variants[0]], events, tmp, extract=not args.no_extract)
            labels = {
                "candidate25": "gold place among the candidates of its name",
                "incident25": "mapper extract: an incident",
                "toponym25": "mapper extract: a toponym",
            }
            print(f"{'':<46} {'before':>7} {'after':>7}")
            for key, label in labels.items():
                if key in before:
                    print(f"{label:<46} {before[key]:>7} {after[key]:>7}")
        else:
            print(f"\nno Ukrainian events found under {SHARED} (parts {args.part})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
