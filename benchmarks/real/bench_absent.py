"""Where incidents land when the gazetteer lacks the event's village: a stress test of the fallback.

The test part's theatres (Myanmar, Burkina Faso, the Central African Republic) are those whose
villages the built-in gazetteer holds least: for a fifth of their headlines the only places of
the name lie abroad (``bench_ceiling.py``). This benchmark puts every part in that condition.
For each event row it hides the places of the row's own place name (``meta.text_place_match``)
in the event's country, unless one of them is named from afar (a country, first-order area,
capital, seat of a first-order area or a town of 100,000 or more), then reads the part as one
corpus (theatre included) with ``mapper extract``. Two conditions: ``abroad`` hides only the
places in the event's country, so that namesakes elsewhere remain; ``absent`` hides every place
of that name and the name itself (the gazetteer does not know the word). A trustworthy mapper
then puts the incident at an area the text names, or tells it with no point: never at a
namesake abroad, and never drops it.

Both trees (a baseline commit and the working tree) run in the same run, on the same rows, with
the same places hidden; figures are shares of incidents (``far500``: more than 500 km from the
truth; ``foreign``: in another country than the event's; ``unplaced``: no point; ``near100``:
within 100 km, an area fallback) and of events (``no_incident``).

Usage::

    MAPPER_SHARED=../shared python benchmarks/real/bench_absent.py [--parts train dev] [--baseline HEAD]
        [--condition abroad|absent]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_real import BASELINE, REPO, baseline_tree, km, rows_of, write_rows

FROM_AFAR_POPULATION = 100_000  # as mapper.geoparse.resolve.FOREIGN_KEEP_POPULATION
FROM_AFAR_CODES = frozenset({"ADM1", "PPLC", "PPLA"})  # and countries (PCL...): named from afar

# Runs in the tree under test: hides the listed places from every gazetteer lookup, then
# runs ``mapper extract`` on the rows as one corpus.
_RUNNER = """
import json, sys
from mapper.gazetteer.index import Gazetteer
from mapper.names import fold
spec = json.load(open(sys.argv[1]))
hidden, unknown = frozenset(spec["ids"]), frozenset(spec["names"])
def _keep(cands):
    return [c for c in cands if (c[0] if isinstance(c, tuple) else c).geonameid not in hidden]
for name in ("lookup", "candidates", "lookup_within"):
    if hasattr(Gazetteer, name):
        def patched(self, *a, _orig=getattr(Gazetteer, name), **k):
            return _keep(_orig(self, *a, **k))
        setattr(Gazetteer, name, patched)
_is_name = Gazetteer.is_name
Gazetteer.is_name = lambda self, text: fold(text) not in unknown and _is_name(self, text)
from mapper.cli import main
sys.exit(main(["extract", sys.argv[2]]))
"""


def hidden_places(rows: list[dict], *, condition: str) -> dict[str, list]:
    """The geonameids to hide (``ids``) and the names to unknow (``names``, folded) for each row's
    own place name: its places in the event's country (``abroad``), or all its places and the
    name itself (``absent``); none when a place of the name in the country is named from afar."""
    from mapper.gazetteer.index import Gazetteer
    from mapper.names import fold

    gz = Gazetteer.load()
    ids: set[int] = set()
    names: set[str] = set()
    for r in rows:
        name, cc = (r.get("meta") or {}).get("text_place_match"), (r.get("meta") or {}).get("country_code")
        if not name or not cc:
            continue
        home = [c.place for c in gz.lookup(name, country=cc, fuzzy=False, limit=100)]
        if any(p.population >= FROM_AFAR_POPULATION or p.feature_code in FROM_AFAR_CODES
               or p.feature_code.startswith("PCL") for p in home):
            continue
        if condition == "abroad":
            ids.update(p.geonameid for p in home)
        else:
            ids.update(c.place.geonameid for c in gz.lookup(name, fuzzy=False, limit=1000))
            names.add(fold(name))
    return {"ids": sorted(ids), "names": sorted(names)}


def run(tree: Path, *, cache: Path | None, hidden: Path, src: Path, out: Path) -> None:
    """Extract ``src`` with ``tree``'s code and the hidden places; results to ``out``."""
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0")
    env.pop("MAPPER_DATA", None)
    if cache is not None:
        env["MAPPER_CACHE"] = str(cache)
    with open(out, "w", encoding="utf-8") as fh:
        proc = subprocess.run([sys.executable, "-c", _RUNNER, str(hidden), str(src)], env=env, cwd=str(tree),
                              stdout=fh, stderr=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{tree}: extract failed:\n{proc.stderr[-2000:]}")


def score(rows: list[dict], pred: Path) -> dict[str, float]:
    """Shares of incidents far off, abroad, unplaced or near, and of events with no incident."""
    by_id = {r["id"]: r for r in rows}
    n_inc = far = foreign = unplaced = near = empty = 0
    for line in pred.read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        gold = by_id[p["id"]]
        cc = gold["meta"].get("country_code")
        incs = p.get("incidents") or []
        empty += not incs
        for i in incs:
            n_inc += 1
            if i.get("lat") is None:
                unplaced += 1
                continue
            d = km((i["lat"], i["lon"]), (gold["gold"]["lat"], gold["gold"]["lon"]))
            far += d > 500
            near += d <= 100
            foreign += bool(cc and i.get("country_code") and i["country_code"] != cc)
    n = max(1, n_inc)
    return {"events": len(rows), "incidents": n_inc, "far500": far / n, "foreign": foreign / n,
            "unplaced": unplaced / n, "near100": near / n, "no_incident": empty / max(1, len(rows))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parts", nargs="+", default=["train", "dev"], choices=["train", "dev", "test"])
    ap.add_argument("--baseline", default=BASELINE, help="git ref of the baseline code (default: %(default)s)")
    ap.add_argument("--condition", choices=["abroad", "absent"], default="abroad",
                    help="hide the name's places in the event's country, or the name altogether")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MAPPER_SHARED", REPO.parent / "shared")))
    args = ap.parse_args(argv)
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    all_rows = rows_of(args.shared / "eval-dev" / "events" / "events.jsonl")
    base_tree = baseline_tree(args.baseline)
    base_cache = base_tree.parent / f"cache-{base_tree.name}"
    print(f"baseline: {args.baseline}   now: {REPO}   condition: {args.condition}")
    print(f"{'part':6s} {'metric':12s} {'baseline':>9s} {'now':>9s}")
    with tempfile.TemporaryDirectory() as tmp:
        for part in args.parts:
            ids = set(split["events"][part])
            rows = [r for r in all_rows if r["id"] in ids]
            src = write_rows(Path(tmp) / f"{part}.jsonl", [{k: r[k] for k in ("id", "text", "date")} for r in rows])
            hidden = Path(tmp) / f"{part}-hidden.json"
            hidden.write_text(json.dumps(hidden_places(rows, condition=args.condition)), encoding="utf-8")
            figures = []
            for name, tree, cache in (("baseline", base_tree, base_cache), ("now", REPO, None)):
                out = Path(tmp) / f"{part}-{name}.jsonl"
                run(tree, cache=cache, hidden=hidden, src=src, out=out)
                figures.append(score(rows, out))
            for key in figures[0]:
                a, b = figures[0][key], figures[1][key]
                fmt = "{:9d}" if isinstance(a, int) else "{:9.3f}"
                print(f"{part:6s} {key:12s} {fmt.format(a)} {fmt.format(b)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
