"""Date resolution on the real news reports: mapper's hand-written resolver against dateparser.

Every annotated incident of ``benchmarks/real/reports.jsonl`` with a gold date is an item: its
evidence sentences (found in the parsed article, so the lead and the sentences before are
context), the publication date and the gold date. Both resolvers run in the same process:

- **hand-written**: :func:`mapper.incidents.dates.find_dates` on the article's spaCy parse (the day
  told just before is the anchor of "a day earlier", as in the pipeline);
- **dateparser**: ``search_dates`` on the evidence with the publication date as ``RELATIVE_BASE``
  and ``PREFER_DATES_FROM=past`` (it reads the text itself, no parse needed).

The hand-written resolver of a baseline commit (``--baseline``, default the code at the start of the
real-data work) runs on the same items in a subprocess, its tree exported as ``bench_real.py`` does.

Scores, over the items whose evidence tells a date expression that either resolver finds:

- ``first``: the evidence's event date is the gold date (hand-written: the finest, first date that
  is not the day of a statement -- "police said on Monday" -- else the first; dateparser: its
  first date);
- ``any``: the gold date is among the dates the resolver read from the evidence;
- ``expressions``: the expression the hand-written resolver picked ("overnight", "Friday",
  "the night of 3 to 4 May") resolved by each resolver alone (``dateparser.parse``), so the
  comparison is of resolution, not of finding.

Speed: milliseconds per sentence for ``find_dates`` (and, apart, for the spaCy parse it reads, which
the pipeline makes anyway) and for ``search_dates``; per expression for ``dateparser.parse``.
Figures for a decision are read on ``--part test``; tune on train and dev.

Usage::

    python benchmarks/bench_dates.py [--parts train,dev,test] [--baseline ff830ac | --no-baseline] [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# the code to measure: this tree, or a baseline tree when this file runs as the baseline's runner
sys.path.insert(0, os.environ.get("BENCH_DATES_TREE", str(REPO)))

from mapper.geoparse import add_lemmas  # noqa: E402
try:  # this tree's place of the loader; a baseline tree keeps it in recognise
    from mapper.geoparse.nlp import load_nlp  # noqa: E402
except ImportError:
    from mapper.geoparse.recognise import load_nlp  # type: ignore[no-redef]  # noqa: E402
from mapper.incidents import dates as _dates  # noqa: E402
from mapper.incidents import load_lexicon  # noqa: E402
from mapper.incidents.dates import DateMention, find_dates, parse_article_date  # noqa: E402
from mapper.incidents.lexicon import Lexicon  # noqa: E402

if hasattr(_dates, "report_day"):
    report_day = _dates.report_day
else:  # the baseline tree keeps it in the extractor
    from mapper.incidents.extract import _report_day as report_day  # noqa: E402

BASELINE = "ff830ac"
_PRECISIONS = ("day", "week", "month", "year")

REPORTS = HERE / "real" / "reports.jsonl"
SPLIT = HERE / "real" / "split.json"


@dataclass
class Item:
    """One gold incident's evidence and what each resolver read from it."""

    article: str
    published: dt.date
    gold: str
    evidence: str
    mentions: list[DateMention]
    statements: set[int]
    sentences: int  # evidence sentences
    found: list[str] = field(default_factory=list)  # dateparser's dates, in text order
    expression: str | None = None  # dateparser on the hand-written pick's expression alone
    old: list[DateMention] = field(default_factory=list)  # the baseline resolver's mentions
    old_statements: set[int] = field(default_factory=set)


def rows_of(part: str) -> list[dict[str, Any]]:
    ids = set(json.loads(SPLIT.read_text(encoding="utf-8")).get("reports", {}).get(part, []))
    with REPORTS.open(encoding="utf-8") as fh:
        return [r for r in map(json.loads, filter(str.strip, fh)) if r["id"] in ids]


def hand_items(rows: list[dict[str, Any]], nlp: Any, lex: Lexicon) -> tuple[list[Item], float, float, int]:
    """Items of the rows with the hand-written resolver's mentions; (items, parse s, resolve s, sentences)."""
    items: list[Item] = []
    parse_s = resolve_s = 0.0
    n_sents = 0
    for r in rows:
        published = parse_article_date(r.get("date"))
        if published is None:
            continue
        t = time.perf_counter()
        doc = nlp(r["text"])
        add_lemmas(doc)
        parse_s += time.perf_counter() - t
        t = time.perf_counter()
        per_sent: list[tuple[Any, list[DateMention]]] = []
        last_day: dt.date | None = None
        for sent in doc.sents:
            found = find_dates(sent, published, lex, anchor=last_day)
            days = [m for m in found if m.precision == "day"]
            last_day = dt.date.fromisoformat(days[-1].date) if days else last_day
            per_sent.append((sent, found))
        resolve_s += time.perf_counter() - t
        n_sents += len(per_sent)
        for inc in r["incidents"]:
            if not inc.get("date"):
                continue
            start = r["text"].find(inc["evidence"])
            end = start + len(inc["evidence"])
            inside = [(s, found) for s, found in per_sent if start >= 0 and s.start_char < end and s.end_char > start]
            mentions = [m for _, found in inside for m in found]
            statements = {m.i for m in mentions if report_day(m, doc, lex)}
            items.append(Item(r["id"], published, inc["date"], inc["evidence"], mentions, statements, max(1, len(inside))))
    return items, parse_s, resolve_s, n_sents


def pick(mentions: list[DateMention], statements: set[int]) -> DateMention | None:
    """The evidence's event date: the finest, first date that is not a statement's, else the first."""
    events = [m for m in mentions if m.i not in statements]
    pool = events or mentions
    rank = {p: k for k, p in enumerate(_PRECISIONS)}
    return min(pool, key=lambda m: (rank.get(m.precision, len(rank)), m.i)) if pool else None


def hand_pick(item: Item) -> DateMention | None:
    return pick(item.mentions, item.statements)


def old_pick(item: Item) -> DateMention | None:
    return pick(item.old, item.old_statements)


def baseline_mentions(part: str, ref: str, items: list[Item]) -> None:
    """Fill in the baseline commit's mentions: this file run on that tree, in a subprocess."""
    sys.path.insert(0, str(HERE / "real"))
    from bench_real import BENCH_CACHE, baseline_tree

    tree = baseline_tree(ref)
    with tempfile.TemporaryDirectory(prefix="bench-dates-") as tmp:
        out = Path(tmp) / "old.json"
        env = dict(os.environ, BENCH_DATES_TREE=str(tree), PYTHONPATH=str(tree), PYTHONHASHSEED="0",
                   MAPPER_CACHE=str(BENCH_CACHE / f"cache-{tree.name}"))
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--emit", part, str(out)],
                              env=env, cwd=str(tree), capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"bench_dates: the baseline run failed:\n{proc.stderr[-2000:]}")
        emitted = json.loads(out.read_text(encoding="utf-8"))
    if len(emitted) != len(items):
        sys.exit("bench_dates: the baseline run saw other items")
    for item, (mentions, statements) in zip(items, emitted):
        item.old = [DateMention(*m) for m in mentions]
        item.old_statements = set(statements)


def emit(part: str, out: Path) -> int:
    """The baseline runner: this tree's mentions of the part's items, as JSON."""
    items, *_ = hand_items(rows_of(part), load_nlp(), load_lexicon())
    out.write_text(json.dumps([[[(m.i, m.date, m.precision, m.text) for m in it.mentions], sorted(it.statements)]
                               for it in items]), encoding="utf-8")
    return 0


def run_dateparser(items: list[Item]) -> tuple[float, float, int]:
    """Fill in dateparser's dates; (search s, expression-parse s, expressions parsed)."""
    import dateparser
    from dateparser.search import search_dates

    def settings(day: dt.date) -> dict[str, Any]:
        return {"RELATIVE_BASE": dt.datetime(day.year, day.month, day.day, 12), "PREFER_DATES_FROM": "past"}

    search_dates("on Monday", languages=["en"], settings=settings(dt.date(2025, 1, 1)))  # load its data once
    search_s = parse_s = 0.0
    n_expr = 0
    for item in items:
        t = time.perf_counter()
        found = search_dates(item.evidence, languages=["en"], settings=settings(item.published)) or []
        search_s += time.perf_counter() - t
        item.found = [d.date().isoformat() for _, d in found]
        pick = hand_pick(item)
        if pick is not None:
            t = time.perf_counter()
            d = dateparser.parse(pick.text, languages=["en"], settings=settings(item.published))
            parse_s += time.perf_counter() - t
            n_expr += 1
            item.expression = d.date().isoformat() if d else None
    return search_s, parse_s, n_expr


def score(items: list[Item]) -> dict[str, Any]:
    told = [it for it in items if it.mentions or it.found or it.old]
    picked = [it for it in items if hand_pick(it) is not None]

    def share(hits: int, n: int) -> float | None:
        return hits / n if n else None

    return {
        "items": len(items),
        "told": len(told),
        "old_first": share(sum(bool(old_pick(it)) and old_pick(it).date == it.gold for it in told), len(told)),
        "hand_first": share(sum(bool(hand_pick(it)) and hand_pick(it).date == it.gold for it in told), len(told)),
        "dateparser_first": share(sum(bool(it.found) and it.found[0] == it.gold for it in told), len(told)),
        "old_any": share(sum(it.gold in {m.date for m in it.old} for it in told), len(told)),
        "hand_any": share(sum(it.gold in {m.date for m in it.mentions} for it in told), len(told)),
        "dateparser_any": share(sum(it.gold in it.found for it in told), len(told)),
        "expressions": len(picked),
        "hand_expr": share(sum(hand_pick(it).date == it.gold for it in picked), len(picked)),
        "dateparser_expr": share(sum(it.expression == it.gold for it in picked), len(picked)),
    }


def _fmt(x: Any) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--parts", default="train,dev,test", help="comma-separated parts of the frozen split")
    ap.add_argument("--baseline", default=BASELINE, help="git ref of the baseline resolver (default: %(default)s)")
    ap.add_argument("--no-baseline", action="store_true", help="leave the baseline resolver out")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the items either resolver gets wrong")
    ap.add_argument("--emit", nargs=2, metavar=("PART", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.emit:
        return emit(args.emit[0], Path(args.emit[1]))
    parts = [p for p in args.parts.split(",") if p]
    if not REPORTS.exists():
        print(f"bench_dates: {REPORTS} not found", file=sys.stderr)
        return 2
    if any(p not in {"train", "dev", "test"} for p in parts):
        print(f"bench_dates: unknown part in {args.parts!r} (train, dev, test)", file=sys.stderr)
        return 2
    try:
        import dateparser  # noqa: F401
    except ImportError:
        print("bench_dates: dateparser is not installed (pip install dateparser)", file=sys.stderr)
        return 2
    nlp = load_nlp()
    lex = load_lexicon()
    old = "-" if args.no_baseline else args.baseline
    print(f"hand-written resolver now and at {old} (old); dateparser")
    print(f"{'part':6s} {'items':>5s} {'told':>5s} | {'first: old':>10s} {'hand':>6s} {'dateparser':>10s} | "
          f"{'any: old':>8s} {'hand':>6s} {'dateparser':>10s} | {'expr':>4s} {'hand':>6s} {'dateparser':>10s}")
    speeds = []
    for part in parts:
        rows = rows_of(part)
        items, parse_s, resolve_s, n_sents = hand_items(rows, nlp, lex)
        search_s, expr_s, n_expr = run_dateparser(items)
        if not args.no_baseline:
            baseline_mentions(part, args.baseline, items)
        s = score(items)
        if args.no_baseline:
            s["old_first"] = s["old_any"] = None
        print(f"{part:6s} {s['items']:>5d} {s['told']:>5d} | {_fmt(s['old_first']):>10s} {_fmt(s['hand_first']):>6s} "
              f"{_fmt(s['dateparser_first']):>10s} | {_fmt(s['old_any']):>8s} {_fmt(s['hand_any']):>6s} "
              f"{_fmt(s['dateparser_any']):>10s} | {s['expressions']:>4d} "
              f"{_fmt(s['hand_expr']):>6s} {_fmt(s['dateparser_expr']):>10s}")
        speeds.append((part, n_sents, sum(it.sentences for it in items), n_expr, parse_s, resolve_s, search_s, expr_s))
        if args.verbose:
            for it in items:
                pick = hand_pick(it)
                hand = pick.date if pick else None
                before = old_pick(it)
                if (it.mentions or it.found) and (hand != it.gold or (it.found[:1] or [None])[0] != it.gold):
                    print(f"   {it.article} pub {it.published} gold {it.gold} old {before.date if before else None} hand {hand} "
                          f"({pick.text if pick else ''}) dateparser {it.found[:1]} expr {it.expression} | {it.evidence[:120]}")
    print("\nspeed, ms per sentence: find_dates (hand-written; + the spaCy parse it reads, which the pipeline makes "
          "anyway) | dateparser search_dates; ms per expression: dateparser.parse")
    for part, n_sents, n_ev_sents, n_expr, parse_s, resolve_s, search_s, expr_s in speeds:
        print(f"{part:6s} find_dates {1000 * resolve_s / max(n_sents, 1):6.2f} (+ parse {1000 * parse_s / max(n_sents, 1):5.1f})"
              f" | search_dates {1000 * search_s / max(n_ev_sents, 1):6.2f} | parse {1000 * expr_s / max(n_expr, 1):5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
