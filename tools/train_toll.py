"""Train the ``toll`` model: is a casualty figure an incident's toll, or a total, or someone else's?

Rows: every killed/wounded figure (:func:`mapper.incidents.numbers.find_counts`) of the train part of

- the project's real news reports (``benchmarks/real/reports.jsonl``): a figure is a toll when a gold
  incident the sentence tells (its ``evidence``) has that figure for that field; in a sentence that
  tells no gold incident, when some gold incident of the article has it; else it is not (a running
  total, a national figure, a toll of history);
- the real UCDP headlines (``../shared/eval-dev/events/events.jsonl``) whose text states the toll
  (``gold.killed``): a killed figure is the toll when it equals it (headlines that state no toll, and
  their wounded figures, are left out: nothing says what they are).

Features: :func:`mapper.incidents.toll_model.count_features`. Prints train/dev accuracy, writes
``mapper/models/toll.json``. Deterministic.

Usage::

    pip install -e '.[train]'
    python tools/train_toll.py [--shared ../shared] [--c 0.1]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools import _incident_data as data  # noqa: E402
from tools import _linear, _realdata  # noqa: E402


def _label(c, told: list[data.GoldEvent], every: list[data.GoldEvent], *, events: bool) -> int | None:
    fields = ("killed", "wounded") if c.field == "both" else (c.field,)
    if events:
        g = every[0]
        if c.field != "killed" or g.killed is None:
            return None
        return int(c.value == g.killed)
    pool = told or every
    return int(any(getattr(g, f) == c.value for g in pool for f in fields))


def rows_of(parsed: list[data.Parsed]) -> list[tuple[str, dict[str, float], int]]:
    """(row id, features, label) for every killed/wounded figure."""
    from mapper.geoparse import add_lemmas
    from mapper.incidents import load_lexicon
    from mapper.incidents.attach import place_refs
    from mapper.incidents.events import find_triggers
    from mapper.incidents.history import cumulative_heads, is_cumulative
    from mapper.incidents.numbers import find_counts
    from mapper.incidents.toll_model import count_features

    lex = load_lexicon()
    out = []
    for p in parsed:
        add_lemmas(p.doc)
        events = "gold" in p.row
        gold = data.gold_events(p)
        refs = place_refs(p.doc, p.toponyms, lex)
        n_places = defaultdict(int)
        for r in refs:
            n_places[r.sentence] += 1
        for si, sent in enumerate(p.doc.sents):
            counts = [c for c in find_counts(sent, lex) if c.field in {"killed", "wounded", "both"}]
            if not counts:
                continue
            told = data.told_in((sent.start_char, sent.end_char), gold)
            heads = cumulative_heads(sent, lex)
            attack = any(t.cls in {"attack", "battle", "other"} for t in find_triggers(sent, lex))
            for c in counts:
                y = _label(c, told, gold, events=events)
                if y is None:
                    continue
                f = count_features(c, sent, counts, lex=lex, cumulative=is_cumulative(c.i, heads, p.doc),
                                   places=n_places[si], attack=attack)
                out.append((f"{p.row['id']}:{si}", f, y))
    return out


def score(model, rows) -> dict[str, float]:
    right = sum((model.probability(f) >= 0.5) == bool(y) for _i, f, y in rows)
    pos = [f for _i, f, y in rows if y]
    neg = [f for _i, f, y in rows if not y]
    return {"rows": len(rows), "acc": right / max(1, len(rows)),
            "pos_recall": sum(model.probability(f) >= 0.5 for f in pos) / max(1, len(pos)),
            "neg_recall": sum(model.probability(f) < 0.5 for f in neg) / max(1, len(neg))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=_realdata.SHARED)
    ap.add_argument("--c", type=float, default=0.1)  # chosen on dev (reports killed, pair accuracy)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    def part(name: str) -> list:
        return [r for s in ("events", "reports") for r in rows_of(data.parsed(s, (name,), shared=args.shared))]

    train, dev = part("train"), part("dev")
    from mapper.models import from_dict

    obj = _linear.fit([f for _i, f, _y in train], [str(y) for *_x, y in train], name="toll", c=args.c,
                      meta={"data": "events (stated tolls) + reports; train part",
                            "label": "the figure equals a gold incident's killed/wounded"})
    model = from_dict(obj)
    tr, dv = score(model, train), score(model, dev)
    obj["meta"]["train"] = {k: round(v, 4) for k, v in tr.items()}
    obj["meta"]["dev"] = {k: round(v, 4) for k, v in dv.items()}
    print("train", tr)
    print("dev  ", dv)
    print("wrote", _linear.write(obj, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
