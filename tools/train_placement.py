"""Train the placement confidence model (``mapper/models/placement.json``): is a name's chosen place right?

Data: the train part of the frozen split (``benchmarks/real/split.json``) of LGL and GeoVirus
(toponyms with their true points), the event headlines (one true point each) and the project's
news reports (``benchmarks/real/reports.jsonl``, their incidents' points), read in place; the dev
part is only scored and picks the regularisation and the threshold. Each text is parsed once
(``tools/_geoparse_data.py``, cached) and resolved with no abstention, recording for every placed
name the features of its choice (:func:`mapper.geoparse.placement.features`). Labels
(``_geoparse_data.label``): right within 161 km of the gold point (LGL, GeoVirus) or 25 km (an
event's or a report's incident points; for those, a place of the text that is not where an event
happened is left out unless it lies in another country than every event's, or its name had a
candidate at the event). A name of LGL or GeoVirus that no gold toponym overlaps is no place of
the corpus: wrong.

The fit is a logistic regression (L2; each corpus weighs the same in the loss, so that the few
hundred names of the events and reports count as much as the thousands of LGL); C is chosen on
dev by the mean log-loss over the corpora. The threshold is chosen on dev: the highest
probability under which the names given no point lower neither the recognition F1 nor the
acc@161 of LGL and GeoVirus by more than a thousandth (counted on exact spans, as their scorer) and, in the events and
reports, are wrong more often than not with at most ``MAX_RIGHT_LOST`` of the right places lost.
It is stored in the model's ``meta.threshold`` with the scores at it. Deterministic: the same data
give the same file.

Run (from the repository, with ``pip install -e '.[train]'``)::

    python tools/train_placement.py [--shared ../shared] [--out mapper/models/placement.json]

It prints per corpus and part the rows, the log-loss and, per threshold, how many right and wrong
choices would lose their point.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools import _geoparse_data as gdata  # noqa: E402
from tools import _linear, _realdata  # noqa: E402

SETS = ("lgl", "geovirus", "events", "reports")
GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.02 * k, 2) for k in range(0, 26))  # 0 .. 0.5
MAX_RIGHT_LOST = 0.01  # and at most this share of a corpus's right choices lose their point
SPAN_TOLERANCE = 0.005  # LGL/GeoVirus dev F1 and acc@161 may move by this much (about four names of LGL dev)
SEED = 0


def draw(parsed: dict[tuple[str, str], list], *, gazetteer: Any, lexicon: Any) -> dict[tuple[str, str], list]:
    """Per (corpus, part): (features, label, effect) of every placed name whose label can be told.

    ``effect`` is what giving the name no point does to its corpus's scores (LGL and GeoVirus:
    :func:`effect`); the entry ``(corpus, part, "totals")`` holds the scores' counts with every
    choice kept. A name of LGL or GeoVirus that no gold toponym overlaps is no place of the
    corpus: wrong (0).
    """
    from mapper.geoparse.placement import bootstrap_model
    from mapper.geoparse.resolve import resolve

    out: dict[tuple[str, str], list] = {}
    cache: dict = {}
    none = bootstrap_model()
    for (name, part), items in parsed.items():
        rows = []
        totals = [0, 0, 0, 0, 0]  # tp, fp, fn, right, resolved (LGL and GeoVirus)
        for row, doc, mentions in items:
            if name in gdata.SPAN_SETS:
                mentions = gdata.scored_mentions(name, mentions)
            decisions: list = []
            tops = resolve(doc, mentions, gazetteer=gazetteer, lexicon=lexicon, cache=cache, confidence=none,
                           decisions=decisions)
            if name in gdata.SPAN_SETS:
                gold = gdata.gold_spans(row)
                kept = {(t.start, t.end): (t.lat, t.lon) for t in tops}
                for k, v in zip(range(5), gdata.span_counts(gold, kept)):
                    totals[k] += v
            for spans, place, feats, cands in decisions:
                others = [q for _s, q, _f, _c in decisions if q is not place]
                if name in gdata.SPAN_SETS:
                    spans = [sp for sp in spans if sp in kept]
                    if not spans:
                        continue
                    fx = gdata.span_counts(gold, {sp: kept[sp] for sp in spans}, missed=False)
                    y = gdata.label(row, name, spans, place, cands, gazetteer, others=others)
                    if y is None and not any(gdata.overlaps(sp, gold) for sp in spans):
                        y = 0  # a name the corpus does not count as a place
                    rows.append((feats, y, fx))  # unlabelled ones count in the scores, not in the fit
                    continue
                y = gdata.label(row, name, spans, place, cands, gazetteer, others=others)
                if y is not None:
                    rows.append((feats, y, None))
        out[(name, part)] = rows
        out[(name, part, "totals")] = totals
    return out


def fit(drawn: dict[tuple[str, str], list], *, c: float, meta: dict) -> dict:
    """A logistic regression over the train rows, each corpus weighing the same."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats, ys, weights = [], [], []
    for name in SETS:
        rows = [r for r in drawn.get((name, "train"), []) if r[1] is not None]
        for f, y, _fx in rows:
            feats.append(f)
            ys.append(y)
            weights.append(1000.0 / len(rows))
    vec = DictVectorizer(sparse=False, sort=True)
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=10000, random_state=SEED)
    clf.fit(x, ys, sample_weight=weights)
    names = vec.get_feature_names_out()
    weights_out = {str(k): round(float(w), 5) for k, w in zip(names, clf.coef_[0]) if round(float(w), 5)}
    return {
        "name": "placement",
        "classes": ["0", "1"],
        "bias": round(float(clf.intercept_[0]), 5),
        "weights": dict(sorted(weights_out.items())),
        "meta": dict(meta, c=c, seed=SEED, n_rows=len(feats), n_features=len(weights_out)),
    }


def log_loss(rows: list, model: Any) -> float:
    rows = [r for r in rows if r[1] is not None]
    if not rows:
        return float("nan")
    total = 0.0
    for f, y, _fx in rows:
        p = min(max(model.probability(f), 1e-9), 1 - 1e-9)
        total -= math.log(p if y else 1 - p)
    return total / len(rows)


def lost(rows: list, model: Any, t: float) -> tuple[int, int, int, int]:
    """(right lost, wrong lost, right, wrong) at threshold ``t``."""
    rl = wl = r = w = 0
    for f, y, _fx in rows:
        if y is None:
            continue
        below = model.probability(f) < t
        r += y
        w += 1 - y
        rl += below and y
        wl += below and not y
    return rl, wl, r, w


def scores_at(drawn: dict, name: str, part: str, model: Any, t: float) -> tuple[float, float]:
    """LGL or GeoVirus: (F1 of recognition, acc@161) when the names under ``t`` get no point."""
    tp, fp, fn, right, resolved = drawn.get((name, part, "totals"), [0, 0, 0, 0, 0])
    for f, _y, fx in drawn.get((name, part), []):
        if fx is not None and model.probability(f) < t:
            tp, fp, fn, right, resolved = tp - fx[0], fp - fx[1], fn + fx[0], right - fx[3], resolved - fx[4]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return f1, (right / resolved if resolved else 0.0)


def choose_threshold(drawn: dict, model: Any) -> float:
    """The highest threshold that lowers neither F1 nor acc@161 of LGL and GeoVirus on dev (by more
    than ``SPAN_TOLERANCE``) and
    whose names given no point in the events and reports are wrong more often than not, with at
    most ``MAX_RIGHT_LOST`` of their right places lost."""
    best = 0.0
    for t in THRESHOLDS:
        ok = True
        for name in SETS:
            if name in gdata.SPAN_SETS:
                f1, acc = scores_at(drawn, name, "dev", model, t)
                f1_0, acc_0 = scores_at(drawn, name, "dev", model, 0.0)
                if f1 < f1_0 - SPAN_TOLERANCE or acc < acc_0 - SPAN_TOLERANCE:
                    ok = False
                continue
            rl, wl, r, w = lost(drawn.get((name, "dev"), []), model, t)
            if rl + wl == 0:
                continue
            if wl / (rl + wl) <= 0.5 or (r and rl / r > MAX_RIGHT_LOST):
                ok = False
        if ok:
            best = t
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MAPPER_SHARED", _realdata.SHARED)))
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if not (args.shared / "eval-dev").is_dir():
        print(f"error: no eval-dev data under {args.shared} (use --shared)", file=sys.stderr)
        return 2

    from mapper.gazetteer import get_gazetteer
    from mapper.geoparse import get_lexicon, load_nlp
    from mapper.models import from_dict

    nlp = load_nlp()
    gazetteer = get_gazetteer()
    parsed = {(n, p): gdata.parsed(n, p, nlp=nlp, shared=args.shared) for n in SETS for p in ("train", "dev")}
    drawn = draw(parsed, gazetteer=gazetteer, lexicon=get_lexicon())
    for key, rows in sorted(drawn.items()):
        if len(key) == 2:
            print(f"{key[0]}.{key[1]}: {sum(y is not None for _f, y, _x in rows)} labelled names, "
                  f"{sum(y == 1 for _f, y, _x in rows)} right")
    best = None
    for c in GRID:
        m = from_dict(fit(drawn, c=c, meta={}))
        per = {n: log_loss(drawn.get((n, "dev"), []), m) for n in SETS}
        score = sum(per.values()) / len(per)
        print(f"C={c:<5} dev log-loss (mean over corpora) {score:.4f}  " + " ".join(f"{n}={v:.3f}" for n, v in per.items()))
        if best is None or score < best[0] - 1e-12:
            best = (score, c)
    assert best is not None
    c = best[1]
    model = from_dict(fit(drawn, c=c, meta={}))
    print(f"{'threshold':>9s} " + " ".join(f"{n + '.' + p:>22s}" for n in SETS for p in ("train", "dev")))
    for t in THRESHOLDS[1:]:
        cells = []
        for n in SETS:
            for p in ("train", "dev"):
                rl, wl, r, w = lost(drawn.get((n, p), []), model, t)
                cells.append(f"{rl:>4d}/{r:<5d} {wl:>4d}/{w:<5d}")
        print(f"{t:9.2f} " + " ".join(f"{x:>22s}" for x in cells)
              + "  " + " ".join("{}.dev F1 {:.4f} acc {:.4f}".format(n, *scores_at(drawn, n, "dev", model, t))
                                for n in gdata.SPAN_SETS))
    threshold = choose_threshold(drawn, model)
    report = {}
    for n in SETS:
        for p in ("train", "dev"):
            rl, wl, r, w = lost(drawn.get((n, p), []), model, threshold)
            report[f"{n}.{p}"] = {"right": r, "wrong": w, "right_lost": rl, "wrong_lost": wl,
                                  "log_loss": round(log_loss(drawn.get((n, p), []), model), 4)}
            if n in gdata.SPAN_SETS:
                f1_0, acc_0 = scores_at(drawn, n, p, model, 0.0)
                f1, acc = scores_at(drawn, n, p, model, threshold)
                report[f"{n}.{p}"].update(f1_kept=round(f1_0, 4), f1=round(f1, 4), acc_kept=round(acc_0, 4), acc=round(acc, 4))
    meta = {
        "data": "train part of LGL, GeoVirus, the event headlines and the reports (benchmarks/real/split.json)",
        "label": "chosen place within 161 km (LGL, GeoVirus) or 25 km (events, reports) of a gold point",
        "threshold": threshold,
        "scores": report,
    }
    fitted = fit(drawn, c=c, meta=meta)
    path = _linear.write(fitted, args.out)
    print(f"C={c}, threshold {threshold} (right lost / right, wrong lost / wrong at it above)")
    top = sorted(model.weights.items(), key=lambda kv: -abs(kv[1][0]))[:14]
    print("strongest features:", ", ".join(f"{k} {w[0]:+.2f}" for k, w in top))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
