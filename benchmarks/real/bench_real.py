"""Accuracy on real text: today's code and a baseline commit, on one part of the frozen split.

Runs two code trees on the same rows in the same run and prints their figures side by side with
the ratio and the issue's target:

- ``events``: real UCDP news headlines with true points and tolls
  (``../shared/eval-dev/events/events.jsonl``; scored with the corpus's ``score_events.py``, plus
  the share of incidents more than 500 km from the truth, the killed count over every event whose
  text states one, some toponym within 25 km, incidents in another country than the event's, and
  the headlines whose only incidents have no point, told at places the gazetteer lacks: the corpus
  scorer counts them as incidents and for the kind, never as near the truth; ``killed_read`` is the
  killed count again with such an incident standing in when no incident has a point, to tell the
  toll as read apart from where it was placed);
- ``reports``: real news reports gathered and annotated for this project (``reports.jsonl`` here):
  incident precision / recall / F1 (a predicted incident matches a gold one of the same kind within
  25 km), killed, wounded, date and ACLED event type over matched pairs; incidents with no point are left out of
  precision and counted apart (``n_unplaced``);
- ``lgl`` / ``geovirus``: toponym recognition F1 and acc@161 km with the corpus scorer (LGL counts
  demonyms, GeoVirus neither demonyms nor names inside organisations, as ``bench_geoparse.py``).

Each tree runs in its own subprocess (``PYTHONPATH`` set to the tree, its own gazetteer cache), so
the baseline is the old code exactly as it was. The baseline tree is exported once with
``git archive`` into ``~/.cache/mapper-bench/``. The split is ``split.json`` (``make_split.py``);
figures for a decision are read on ``--part test`` only.

Usage::

    python benchmarks/real/bench_real.py [--part test] [--baseline ff830ac] [--sets events,reports,lgl,geovirus]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BASELINE = "ff830ac"  # the code at the start of the real-data work (2026-12-06)
SETS = ("events", "reports", "lgl", "geovirus")
BENCH_CACHE = Path(os.environ.get("MAPPER_BENCH_CACHE", Path.home() / ".cache" / "mapper-bench"))
EARTH_KM = 6371.0088

# the issues' targets (metric -> (direction, value)); None = report only
TARGETS: dict[str, tuple[str, float]] = {
    "events.attack_hit25": (">=", 0.75),
    "events.no_incident": ("<=", 0.10),
    "events.killed_stated": (">=", 0.85),
    "events.far500": ("<=", 0.01),
    "events.kind_acc": (">=", 0.85),
    "events.date_matched": (">=", 0.95),
    "events.toponym25": (">=", 0.85),
    "reports.f1": (">=", 0.90),
    "reports.killed": (">=", 0.90),
    "reports.wounded": (">=", 0.90),
    "reports.date": (">=", 0.95),
}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (the scorers' mean Earth radius)."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def rows_of(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_rows(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def baseline_tree(ref: str) -> Path:
    """The baseline commit's files, exported once with ``git archive``."""
    sha = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12", ref], check=True,
                         capture_output=True, text=True).stdout.strip()
    tree = BENCH_CACHE / f"tree-{sha}"
    if not (tree / "mapper").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", sha], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


_TOPONYM_RUNNER = """
import json, sys
from mapper.geoparse import Geoparser
from mapper.model import Article
src, out, demonyms, embedded = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1"
gp = Geoparser(demonyms=demonyms, embedded=embedded)
arts = [Article(id=d["id"], text=d["text"]) for d in map(json.loads, open(src, encoding="utf-8"))]
with open(out, "w", encoding="utf-8") as fh:
    for a, _doc, tops in gp.pipe(arts):
        fh.write(json.dumps({"id": a.id, "toponyms": [t.to_dict() for t in tops]}) + "\\n")
"""


def run_tree(tree: Path, *, cache: Path | None, mode: str, src: Path, out: Path, flags: tuple[str, ...] = ()) -> float:
    """Run one tree on ``src`` in a subprocess; return the wall time in seconds."""
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0")
    env.pop("MAPPER_DATA", None)
    if cache is not None:
        env["MAPPER_CACHE"] = str(cache)
    if mode == "extract":
        cmd = [sys.executable, "-m", "mapper", "extract", str(src)]
    else:
        cmd = [sys.executable, "-c", _TOPONYM_RUNNER, str(src), str(out), *flags]
    t = time.perf_counter()
    with open(out if mode == "extract" else os.devnull, "w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, env=env, cwd=str(tree), stdout=fh, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"{tree}: {' '.join(cmd[:4])} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t


# --- scoring -------------------------------------------------------------------------------------

def _point(d: dict) -> tuple[float, float] | None:
    try:
        p = (float(d["lat"]), float(d["lon"]))
    except (KeyError, TypeError, ValueError):
        return None
    return None if any(math.isnan(x) for x in p) else p


def score_events(gold_rows: list[dict], pred_path: Path, shared: Path, tmp: Path) -> dict[str, float]:
    gold_path = write_rows(tmp / "events_gold.jsonl", gold_rows)
    res = json.loads(subprocess.run(
        [sys.executable, str(shared / "eval-dev" / "score_events.py"), str(gold_path), str(pred_path), "--json"],
        check=True, capture_output=True, text=True).stdout)["overall"]
    preds = {r["id"]: r for r in rows_of(pred_path)}
    stated = right = right_read = n_inc = far = foreign = topo = unplaced = 0
    for g in gold_rows:
        gold, pred = g["gold"], preds.get(g["id"], {})
        gp = (gold["lat"], gold["lon"])
        incs = [i for i in pred.get("incidents", []) if _point(i)]
        unplaced += bool(pred.get("incidents")) and not incs
        n_inc += len(incs)
        far += sum(km(_point(i), gp) > 500 for i in incs)
        cc = (g.get("meta") or {}).get("country_code")
        foreign += sum(bool(cc and i.get("country_code") and i["country_code"] != cc) for i in incs)
        topo += any(_point(t) and km(_point(t), gp) <= 25 for t in pred.get("toponyms", []))
        if gold.get("killed") is not None:
            stated += 1
            near = sorted((km(_point(i), gp), k) for k, i in enumerate(incs) if i.get("kind") == gold["kind"])
            near = [incs[k] for d, k in near if d <= 100] or incs[:1]
            right += bool(near) and near[0].get("killed") == gold["killed"]
            read = near or pred.get("incidents", [])[:1]  # the toll as read, wherever the incident lies
            right_read += bool(read) and read[0].get("killed") == gold["killed"]
    return {
        "n": len(gold_rows),
        "attack_hit25": res["hit@small"],
        "hit100": res["hit@large"],
        "no_incident": res["share_no_incident"],
        "kind_acc": res["kind_acc"],
        "killed_matched": res["killed_strict"],
        "killed_stated": right / stated if stated else None,
        "killed_read": right_read / stated if stated else None,
        "date_matched": res["date_matched"],
        "far500": far / n_inc if n_inc else 0.0,
        "foreign_country": foreign / n_inc if n_inc else 0.0,
        "toponym25": topo / len(gold_rows),
        "incidents_per_event": res["mean_pred_incidents"],
        "only_unplaced": unplaced / len(gold_rows),
    }


def match_incidents(gold: list[dict], pred: list[dict], *, radius: float = 25.0) -> list[tuple[dict, dict]]:
    """Pairs of (gold, predicted) incidents: same kind, within ``radius`` km, nearest pairs first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            gp, pp = _point(g), _point(p)
            if gp and pp and g["kind"] == p.get("kind"):
                d = km(gp, pp)
                if d <= radius:
                    pairs.append((d, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _d, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gold[gi], pred[pi]))
    return out


def score_reports(gold_rows: list[dict], pred_path: Path) -> dict[str, float]:
    preds = {r["id"]: r for r in rows_of(pred_path)}
    n_gold = n_pred = far = unplaced = 0
    matched: list[tuple[dict, dict]] = []
    for row in gold_rows:
        gold = row["incidents"]
        told = preds.get(row["id"], {}).get("incidents", [])
        pred = [i for i in told if _point(i)]
        unplaced += len(told) - len(pred)  # incidents with no point: neither hits nor wrong points
        n_gold += len(gold)
        n_pred += len(pred)
        pts = [_point(g) for g in gold if _point(g)]
        far += sum(bool(pts) and min(km(_point(p), q) for q in pts) > 500 for p in pred)
        matched += match_incidents(gold, pred)
    tp = len(matched)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0

    def agree(field: str, *, stated_only: bool) -> float | None:
        pairs = [(g, p) for g, p in matched if not stated_only or g.get(field) is not None]
        return sum(g.get(field) == p.get(field) for g, p in pairs) / len(pairs) if pairs else None

    return {
        "n_articles": len(gold_rows), "n_gold": n_gold, "n_pred": n_pred,
        "precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "killed": agree("killed", stated_only=False), "wounded": agree("wounded", stated_only=False),
        "killed_stated": agree("killed", stated_only=True), "date": agree("date", stated_only=True),
        "event_type": agree("event_type", stated_only=True),
        "far500": far / n_pred if n_pred else 0.0,
        "n_unplaced": unplaced,
    }


def score_toponyms(gold_rows: list[dict], pred_path: Path, shared: Path, tmp: Path, name: str) -> dict[str, float]:
    gold_path = write_rows(tmp / f"{name}_gold.jsonl", gold_rows)
    res = json.loads(subprocess.run(
        [sys.executable, str(shared / "eval-dev" / "score_toponyms.py"), str(gold_path), str(pred_path), "--json"],
        check=True, capture_output=True, text=True).stdout)
    return {"f1": res["recognition_exact"]["f1"], "acc161": res["resolution_exact"]["acc@161km"],
            "e2e_acc161": res["resolution_exact"]["e2e_acc161"]}


# --- driver --------------------------------------------------------------------------------------

def evaluate(tree: Path, *, cache: Path | None, sets: list[str], part: str, shared: Path, tmp: Path) -> dict[str, Any]:
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    tag = tree.name
    for name in sets:
        ids = set(split.get(name, {}).get(part, []))
        if name == "events":
            gold = [r for r in rows_of(shared / "eval-dev" / "events" / "events.jsonl") if r["id"] in ids]
        elif name == "reports":
            gold = [r for r in rows_of(HERE / "reports.jsonl") if r["id"] in ids] if (HERE / "reports.jsonl").exists() else []
        else:
            gold = [r for r in rows_of(shared / "eval-dev" / f"{name}.jsonl") if r["id"] in ids]
        if not gold:
            continue
        src = write_rows(tmp / f"{tag}-{name}-in.jsonl", [
            {k: r[k] for k in ("id", "text", "date", "title", "url") if r.get(k) is not None} for r in gold])
        pred = tmp / f"{tag}-{name}-pred.jsonl"
        if name in ("events", "reports"):
            secs = run_tree(tree, cache=cache, mode="extract", src=src, out=pred)
            out[name] = score_events(gold, pred, shared, tmp) if name == "events" else score_reports(gold, pred)
        else:
            flags = ("1", "1") if name == "lgl" else ("0", "0")
            secs = run_tree(tree, cache=cache, mode="toponyms", src=src, out=pred, flags=flags)
            out[name] = score_toponyms(gold, pred, shared, tmp, name)
        out[name]["seconds"] = secs
    return out


def _fmt(x: Any) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def report(base: dict[str, Any], new: dict[str, Any]) -> None:
    print(f"{'metric':34s} {'baseline':>9s} {'now':>9s} {'ratio':>7s}  target")
    for name in new:
        for key, value in new[name].items():
            old = base.get(name, {}).get(key)
            ratio = value / old if isinstance(value, float) and isinstance(old, float) and old else None
            tgt = TARGETS.get(f"{name}.{key}")
            mark = ""
            if tgt and value is not None:
                ok = value >= tgt[1] if tgt[0] == ">=" else value <= tgt[1]
                mark = f"{tgt[0]} {tgt[1]:.2f} {'met' if ok else 'MISSED'}"
            print(f"{name + '.' + key:34s} {_fmt(old):>9s} {_fmt(value):>9s} {_fmt(ratio):>7s}  {mark}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="test", choices=("train", "dev", "test"))
    ap.add_argument("--baseline", default=BASELINE, help="git ref of the baseline code (default: %(default)s)")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ",".join(SETS))
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MAPPER_SHARED", REPO.parent / "shared")))
    ap.add_argument("--no-baseline", action="store_true", help="score today's code only")
    ap.add_argument("--json", type=Path, default=None, help="also write all figures to this JSON file")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="bench-real-") as tmpdir:
        tmp = Path(tmpdir)
        base: dict[str, Any] = {}
        if not args.no_baseline:
            tree = baseline_tree(args.baseline)
            base = evaluate(tree, cache=BENCH_CACHE / f"cache-{tree.name}", sets=sets, part=args.part,
                            shared=args.shared, tmp=tmp)
        new = evaluate(REPO, cache=None, sets=sets, part=args.part, shared=args.shared, tmp=tmp)
    print(f"part: {args.part}   baseline: {args.baseline}   now: {REPO}")
    report(base, new)
    if args.json:
        args.json.write_text(json.dumps({"part": args.part, "baseline": base, "now": new}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
