"""Train the ``event_type`` model: does an event word tell an event here, and of which ACLED type?

Rows: every trigger (:func:`mapper.incidents.events.find_triggers` and ``find_outcomes``) of every
sentence of the train part of

- the project's real news reports (``benchmarks/real/reports.jsonl``): a trigger of a sentence that
  is the ``evidence`` of gold incidents takes the ACLED event type of the incident whose place is
  named nearest to it (``Diplomacy`` for diplomacy incidents); a trigger of any other sentence is
  ``none``;
- the real UCDP headlines (``../shared/eval-dev/events/events.jsonl``): every headline tells a lethal
  event; its type is read from UCDP's violence type and the weapons the headline names (one-sided
  violence: Violence against civilians; else Explosions/Remote violence when a weapon of remote
  violence is named, Battles otherwise; a body found is Violence against civilians);
- the geoparsing corpora LGL (US local news) and GeoVirus (disease outbreaks): ``none`` (a disease
  "killed 20 people", a council meeting, a fire are no events of the map).

Features: :func:`mapper.incidents.event_model.trigger_features`; features seen fewer than
``--min-count`` times in the training rows are left out. Prints train/dev figures, writes
``mapper/models/event_type.json``. Deterministic.

Usage::

    pip install -e '.[train]'
    python tools/train_event_type.py [--shared ../shared] [--c 0.25]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools import _incident_data as data  # noqa: E402
from tools import _linear, _realdata  # noqa: E402

REMOTE = frozenset({"missile", "rocket", "artillery", "drone", "air_strike", "guided_bomb", "ied", "grenade",
                    "suicide_bomb"})


def _label(p: data.Parsed, sent, trig_i: int, told: list[data.GoldEvent], weapons, *, body: bool = False) -> str:
    if "gold" in p.row:
        g = told[0]
        if g.event_type == "Battles" and {m.weapon for m in weapons} & REMOTE:
            return "Explosions/Remote violence"
        if body:
            return "Violence against civilians"  # a body found: a killing of someone, whoever the parties were
        return g.event_type
    if not told:
        return "none"
    if len({g.event_type if g.kind != "diplomacy" else "Diplomacy" for g in told}) > 1:
        text = p.doc.text
        pos = []
        for g in told:
            k = text.find(g.place, sent.start_char, sent.end_char) if g.place else -1
            pos.append((abs(k - p.doc[trig_i].idx) if k >= 0 else 10**6, told.index(g)))
        g = told[min(pos)[1]]
    else:
        g = told[0]
    return "Diplomacy" if g.kind == "diplomacy" else g.event_type


def rows_of(parsed: list[data.Parsed], *, negatives: bool = False) -> list[tuple[str, dict[str, float], str]]:
    """(row id:sentence, features, label) for every trigger."""
    from mapper.geoparse import add_lemmas
    from mapper.incidents import load_lexicon
    from mapper.incidents.event_model import article_cues, trigger_features
    from mapper.incidents.events import find_outcomes, find_triggers, find_weapons, found_body
    from mapper.incidents.numbers import find_counts

    lex = load_lexicon()
    out = []
    for p in parsed:
        add_lemmas(p.doc)
        gold = [] if negatives else data.gold_events(p)
        cues = article_cues(p.doc, lex)
        for si, sent in enumerate(p.doc.sents):
            trig = find_triggers(sent, lex)
            trig = sorted(trig + find_outcomes(sent, lex, taken={t.i for t in trig}), key=lambda t: t.i)
            if not trig:
                continue
            told = data.told_in((sent.start_char, sent.end_char), gold)
            weapons = find_weapons(sent, lex)
            counts = find_counts(sent, lex)
            for t in trig:
                f = trigger_features(t, sent, trig, lex=lex, weapons=weapons, counts=counts, cues=cues)
                body = t.cls == "outcome" and found_body(p.doc[t.i], lex)
                out.append((f"{p.row['id']}:{si}", f, "none" if negatives else _label(p, sent, t.i, told, weapons,
                                                                                      body=body)))
    return out


def _prune(rows, min_count: int):
    seen = Counter(k for _i, f, _y in rows for k in f)
    keep = {k for k, n in seen.items() if n >= min_count}
    return [(i, {k: v for k, v in f.items() if k in keep}, y) for i, f, y in rows]


def score(model, rows) -> dict[str, float]:
    """Accuracy of the class per trigger; per sentence, event detection precision/recall (some trigger
    is an event) and the accuracy of the type of the most confident trigger of an event sentence."""
    right = 0
    sents: dict[str, list[tuple[dict[str, float], str]]] = defaultdict(list)
    for sid, f, y in rows:
        p = model.proba(f)
        right += max(p, key=p.get) == y
        sents[sid].append((p, y))
    tp = fp = fn = typed = 0
    for items in sents.values():
        gold = [y for _p, y in items if y != "none"]
        best = max(items, key=lambda x: 1 - x[0]["none"])[0]
        pred = 1 - best["none"] >= 0.5
        tp += pred and bool(gold)
        fp += pred and not gold
        fn += not pred and bool(gold)
        if pred and gold:
            typed += max((c for c in best if c != "none"), key=best.get) == gold[0]
    return {"rows": len(rows), "acc": right / max(1, len(rows)), "sent_p": tp / max(1, tp + fp),
            "sent_r": tp / max(1, tp + fn), "type_acc": typed / max(1, tp), "fp": fp, "sentences": len(sents)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=_realdata.SHARED)
    ap.add_argument("--c", type=float, default=0.25)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    def part(name: str) -> list:
        pos = [r for s in ("events", "reports") for r in rows_of(data.parsed(s, (name,), shared=args.shared))]
        neg = [r for s in ("lgl", "geovirus") for r in rows_of(data.parsed(s, (name,), shared=args.shared),
                                                               negatives=True)]
        return pos + neg

    train, dev = part("train"), part("dev")
    print("train labels", dict(sorted(Counter(y for *_x, y in train).items())))
    train = _prune(train, args.min_count)
    from mapper.models import from_dict

    obj = _linear.fit([f for _i, f, _y in train], [y for *_x, y in train], name="event_type", c=args.c,
                      meta={"data": "reports + events (positives), lgl + geovirus (negatives); train part",
                            "min_count": args.min_count})
    model = from_dict(obj)
    tr, dv = score(model, train), score(model, dev)
    obj["meta"]["train"] = {k: round(v, 4) for k, v in tr.items()}
    obj["meta"]["dev"] = {k: round(v, 4) for k, v in dv.items()}
    by_set = defaultdict(list)
    print("train", tr)
    print("dev  ", dv)
    del by_set
    print("wrote", _linear.write(obj, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
