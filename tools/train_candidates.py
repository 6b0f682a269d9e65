"""Train the candidate ranker (``mapper/models/candidates.json``): which place a name means.

Data: the train part of the frozen split (``benchmarks/real/split.json``) of LGL and GeoVirus
(toponyms with their true points) and of the event headlines (one true point each), read in
place from ``../shared/eval-dev/``; the dev part is only scored. Each article is parsed and
its names resolved with the resolver's features recorded (``resolve(..., trace=...)``). A
name whose candidates include the true place (within ``RADIUS_KM``: 161 km for the
corpora, as their scorer, 25 km for the events) and some other place gives one row per
candidate, labelled by whether it is the true place. The resolver's focus features
depend on the other names' choices, so the features are drawn twice: first with the
hand-set ranking (:func:`mapper.geoparse.ranker.bootstrap_model`, the resolver's terms
added up), then with the model fitted on those; the model fitted on the second draw is
written. The fit is a pairwise logistic regression (a true candidate's features minus a
false one's) of corrections added to the hand-set score, with an L2 penalty, so that the
few hundred names move the ranking only where they agree; its strength C is chosen on dev
from a fixed grid. Deterministic: the same data give the same file
(written in the shape of ``tools/_linear.py``).

Run (from the repository, with ``pip install -e '.[train]'``)::

    python tools/train_candidates.py [--shared ../shared] [--out mapper/models/candidates.json]

It prints, per part and corpus, how often the top candidate is the true place, for the
hand-set ranking and for the model.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _linear  # noqa: E402  (writes the model file)
import _realdata  # noqa: E402

SETS = ("lgl", "geovirus", "events")
RADIUS_KM = {"lgl": 161.0, "geovirus": 161.0, "events": 25.0}
GRID = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)  # 0: no correction, the hand-set ranking
SEED = 0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _gold_points(row: dict[str, Any], name: str) -> list[tuple[int, int, tuple[float, float]]]:
    """(start, end, point) of the row's true places; an event has one point, for any span."""
    if name == "events":
        g = row["gold"]
        return [(-1, -1, (float(g["lat"]), float(g["lon"])))]
    out = []
    for t in row.get("toponyms", []):
        if t.get("lat") is None or t.get("lon") is None:
            continue
        out.append((int(t["start"]), int(t["end"]), (float(t["lat"]), float(t["lon"]))))
    return out


def parse(name: str, part: str, *, shared: Path, gp: Any) -> list[tuple[dict, Any, list]]:
    """(row, doc, mentions) of one corpus part, parsed once."""
    from mapper.geoparse.recognise import stored_mentions

    rows = _realdata.rows(name, (part,), shared=shared)
    docs = gp.nlp.pipe((r["text"] for r in rows), batch_size=32)
    return [(r, d, stored_mentions(d) or []) for r, d in zip(rows, docs)]


def draw(parsed: dict[tuple[str, str], list], *, gp: Any, model: Any) -> dict[tuple[str, str], list]:
    """Per (corpus, part): one (features, labels) pair per name with a true and a false candidate."""
    from mapper.geoparse.resolve import resolve

    out: dict[tuple[str, str], list] = {}
    cache: dict = {}
    for (name, part), items in parsed.items():
        groups = []
        for row, doc, mentions in items:
            trace: list = []
            resolve(doc, mentions, gazetteer=gp.gazetteer, lexicon=gp.lexicon, cache=cache, model=model, trace=trace)
            gold = _gold_points(row, name)
            for spans, places, feats, fixed in trace:
                if name == "events":
                    points = [p for _s, _e, p in gold]
                else:
                    points = [p for s, e, p in gold if any(s < me and ms < e for ms, me in spans)]
                if not points or len(places) < 2:
                    continue
                labels = [any(_km((pl.lat, pl.lon), q) <= RADIUS_KM[name] for q in points) for pl in places]
                if any(labels) and not all(labels):
                    groups.append((feats, fixed, labels))
        out[(name, part)] = groups
    return out


def top1(groups: list, model: Any) -> float:
    """Share of names whose highest-scored candidate is a true place."""
    if not groups:
        return float("nan")
    hit = 0
    for feats, fixed, labels in groups:
        scores = [model.margins(f)[0] + o for f, o in zip(feats, fixed)]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        hit += labels[best]
    return hit / len(groups)


def pairs(groups: list) -> tuple[list[dict[str, float]], list[float], list[str]]:
    """Pairwise rows: a true candidate's features minus a false one's ("1") and the reverse ("0"),
    with the difference of their hand-set scores as an offset.

    A logistic regression over differences learns to rank a name's candidates (the
    score of a candidate is then the dot product of the weights with its features).
    """
    rows: list[dict[str, float]] = []
    offsets: list[float] = []
    labels: list[str] = []
    for feats, fixed, ys in groups:
        for i, yi in enumerate(ys):
            if not yi:
                continue
            for j, yj in enumerate(ys):
                if yj:
                    continue
                keys = feats[i].keys() | feats[j].keys()
                diff = {k: d for k in sorted(keys) if (d := feats[i].get(k, 0.0) - feats[j].get(k, 0.0))}
                off = fixed[i] - fixed[j]
                rows += [diff, {k: -v for k, v in diff.items()}]
                offsets += [off, -off]
                labels += ["1", "0"]
    return rows, offsets, labels


def fit(groups: list, *, c: float, meta: dict, start: Any) -> dict:
    """A pairwise logistic regression of corrections to the hand-set score (the offset), whose
    L2 penalty pulls them towards ``start`` (none): ``C`` is the inverse penalty, as in
    scikit-learn. With a small ``C`` the ranking stays the hand-set one; with a larger one
    the data move it. Deterministic (L-BFGS from ``start``)."""
    import numpy as np
    from scipy.optimize import minimize

    rows, offsets, labels = pairs(groups)
    off = np.array(offsets)
    names = sorted({k for r in rows for k in r} | set(start.weights))
    col = {k: j for j, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, r in enumerate(rows):
        for k, v in r.items():
            x[i, col[k]] = v
    y = np.array([1.0 if lab == "1" else -1.0 for lab in labels])
    w0 = np.array([start.weights.get(k, (0.0,))[0] for k in names])

    def loss(w: Any) -> tuple[float, Any]:
        m = y * (x @ w + off)
        p = np.exp(-np.logaddexp(0.0, m))  # sigmoid(-m)
        d = w - w0
        return float(np.logaddexp(0.0, -m).sum() + 0.5 / c * d @ d), -(x.T @ (y * p)) + d / c

    if c > 0:
        w = minimize(loss, w0.copy(), jac=True, method="L-BFGS-B", options={"maxiter": 2000}).x
    else:
        w = w0
    weights = {k: round(float(v), 5) for k, v in zip(names, w) if round(float(v), 5)}
    return {
        "name": "candidates",
        "classes": ["0", "1"],
        "bias": 0.0,  # a ranking: only differences between a name's candidates count
        "weights": dict(sorted(weights.items())),
        "meta": dict(meta, c=c, seed=SEED, n_rows=len(rows), n_features=len(weights),
                     fit="pairwise logistic regression of corrections to the hand-set score, L2"),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MAPPER_SHARED", _realdata.SHARED)))
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if not (args.shared / "eval-dev").is_dir():
        print(f"error: no eval-dev data under {args.shared} (use --shared)", file=sys.stderr)
        return 2

    from mapper.geoparse import Geoparser
    from mapper.geoparse.ranker import bootstrap_model
    from mapper.models import from_dict

    gp = Geoparser()
    parsed = {(n, p): parse(n, p, shared=args.shared, gp=gp) for n in SETS for p in ("train", "dev")}
    start = model = bootstrap_model()
    report: dict[str, dict[str, float]] = {}
    drawn = draw(parsed, gp=gp, model=model)
    report["hand-set"] = {f"{n}.{p}": top1(drawn[(n, p)], model) for n, p in drawn}
    fitted: dict = {}
    for round_ in (1, 2):
        train = [g for n in SETS for g in drawn[(n, "train")]]
        dev = [g for n in SETS for g in drawn[(n, "dev")]]
        best = None
        for c in GRID:
            m = from_dict(fit(train, c=c, meta={}, start=start))
            score = top1(dev, m)
            per = " ".join(f"{n}.dev={top1(drawn[(n, 'dev')], m):.3f}" for n in SETS)
            print(f"round {round_} C={c:<6} pooled dev top-1 {score:.4f}  {per}")
            if best is None or score > best[0] + 1e-9:
                best = (score, c)
        assert best is not None
        c = best[1]
        meta = {
            "data": "train part of LGL, GeoVirus and the event headlines (benchmarks/real/split.json)",
            "round": round_,
        }
        fitted = fit(train, c=c, meta=meta, start=start)
        model = from_dict(fitted)
        report[f"model round {round_} (C={c})"] = {f"{n}.{p}": top1(drawn[(n, p)], model) for n, p in drawn}
        if round_ == 1:
            drawn = draw(parsed, gp=gp, model=model)
    fitted["meta"]["top1"] = {k: round(v, 4) for k, v in report[f"model round 2 (C={c})"].items()}
    fitted["meta"]["hand_set_top1"] = {k: round(v, 4) for k, v in report["hand-set"].items()}
    path = _linear.write(fitted, args.out)
    keys = sorted(report["hand-set"])
    print(f"{'top-1 on names with a true and a false candidate':50s} " + " ".join(f"{k:>14s}" for k in keys))
    for label, scores in report.items():
        print(f"{label:50s} " + " ".join(f"{scores.get(k, float('nan')):14.3f}" for k in keys))
    n = {k: len(v) for k, v in drawn.items()}
    print("names:", ", ".join(f"{a}.{b}={v}" for (a, b), v in sorted(n.items())))
    top = sorted(model.weights.items(), key=lambda kv: -abs(kv[1][0]))[:12]
    print("strongest features:", ", ".join(f"{k} {w[0]:+.2f}" for k, w in top))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
