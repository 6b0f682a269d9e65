"""Date resolution on the real news reports: mapper's hand-written resolver against dateparser.

Every annotated incident of ``benchmarks/real/reports.jsonl`` with a gold date is an item: its
evidence sentences (found in the parsed article, so the lead and the sentences before are
context), the publication date and the gold date. Both resolvers run in the same process:

- **hand-written**: :func:`mapper.incidents.dates.find_dates` on the article's spaCy parse (the day
  told just before is the anchor of "a day earlier", as in the pipeline);
- **dateparser**: ``search_dates`` on the evidence with the publication date as ``RELATIVE_BASE``
  and ``PREFER_DATES_FROM=past`` (it reads the text itself, no parse needed).

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

    python benchmarks/bench_dates.py [--parts train,dev,test] [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from mapper.geoparse import add_lemmas  # noqa: E402
from mapper.geoparse.recognise import load_nlp  # noqa: E402
from mapper.incidents import load_lexicon  # noqa: E402
from mapper.incidents.dates import DateMention, coarseness, find_dates, parse_article_date, report_day  # noqa: E402
from mapper.incidents.lexicon import Lexicon  # noqa: E402

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


def hand_pick(item: Item) -> DateMention | None:
    """The evidence's event date: the finest, first date that is not a statement's, else the first."""
    events = [m for m in item.mentions if m.i not in item.statements]
    pool = events or item.mentions
    return min(pool, key=lambda m: (coarseness(m.precision), m.i)) if pool else None


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
    told = [it for it in items if it.mentions or it.found]
    picked = [it for it in items if hand_pick(it) is not None]

    def share(hits: int, n: int) -> float | None:
        return hits / n if n else None

    return {
        "items": len(items),
        "told": len(told),
        "hand_first": share(sum(bool(hand_pick(it)) and hand_pick(it).date == it.gold for it in told), len(told)),
        "dateparser_first": share(sum(bool(it.found) and it.found[0] == it.gold for it in told), len(told)),
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
    ap.add_argument("-v", "--verbose", action="store_true", help="list the items either resolver gets wrong")
    args = ap.parse_args(argv)
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
    print(f"{'part':6s} {'items':>5s} {'told':>5s} | {'first: hand':>11s} {'dateparser':>10s} | "
          f"{'any: hand':>9s} {'dateparser':>10s} | {'expr':>4s} {'hand':>6s} {'dateparser':>10s}")
    speeds = []
    for part in parts:
        rows = rows_of(part)
        items, parse_s, resolve_s, n_sents = hand_items(rows, nlp, lex)
        search_s, expr_s, n_expr = run_dateparser(items)
        s = score(items)
        print(f"{part:6s} {s['items']:>5d} {s['told']:>5d} | {_fmt(s['hand_first']):>11s} {_fmt(s['dateparser_first']):>10s} | "
              f"{_fmt(s['hand_any']):>9s} {_fmt(s['dateparser_any']):>10s} | {s['expressions']:>4d} "
              f"{_fmt(s['hand_expr']):>6s} {_fmt(s['dateparser_expr']):>10s}")
        speeds.append((part, n_sents, sum(it.sentences for it in items), n_expr, parse_s, resolve_s, search_s, expr_s))
        if args.verbose:
            for it in items:
                pick = hand_pick(it)
                hand = pick.date if pick else None
                if (it.mentions or it.found) and (hand != it.gold or (it.found[:1] or [None])[0] != it.gold):
                    print(f"   {it.article} pub {it.published} gold {it.gold} hand {hand} "
                          f"({pick.text if pick else ''}) dateparser {it.found[:1]} expr {it.expression} | {it.evidence[:120]}")
    print("\nspeed, ms per sentence: find_dates (hand-written; + the spaCy parse it reads, which the pipeline makes "
          "anyway) | dateparser search_dates; ms per expression: dateparser.parse")
    for part, n_sents, n_ev_sents, n_expr, parse_s, resolve_s, search_s, expr_s in speeds:
        print(f"{part:6s} find_dates {1000 * resolve_s / max(n_sents, 1):6.2f} (+ parse {1000 * parse_s / max(n_sents, 1):5.1f})"
              f" | search_dates {1000 * search_s / max(n_ev_sents, 1):6.2f} | parse {1000 * expr_s / max(n_expr, 1):5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
