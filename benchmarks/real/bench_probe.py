"""A probe of real conflict reporting: texts on Myanmar, Burkina Faso, the Central African Republic, their neighbours and sixteen other theatres.

``probe.jsonl`` holds 387 real headlines and incident sentences gathered in December 2026 from
public news pages through the search tool (close paraphrases keeping every fact, each with its
URL and its publication date where the page shows one): 75 on Myanmar, Burkina Faso and the
Central African Republic (``p`` ids), then 90 more on those three and on Mali, Niger, Nigeria,
Sudan, DR Congo, Somalia and Cameroon (``q`` ids), then 108 more on the first three and on
Mozambique, South Sudan, Ethiopia, Mali, Niger and Chad (``r`` ids; where a text lists groups
of dead, ``killed`` is their sum), then 114 more on Somalia, DR Congo, Afghanistan, Pakistan,
Yemen, Iraq, Syria, Colombia, Mexico, the Philippines, India, Nigeria, Kenya, Libya, Haiti and
Mozambique (``s`` ids; ``killed`` is the page's toll, even where the headline gives none, without
the attackers' own dead as ``REPORTS.md`` counts), none of them a page of the report set
(``reports.jsonl``) and none read from the event set. Each row records the country, the most specific place the text names
for its incident and the death toll it states; no coordinates. It was used to find forms the
code misread (so it is development data, not evaluation): this script says, for the baseline
commit and the working tree in the same run, how many texts give no incident, how many give an
incident in another country than the row's (a namesake abroad), how many give their first
incident a point, and for how many the stated toll is the toll read.

Usage::

    python benchmarks/real/bench_probe.py [--baseline REF]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_real import BASELINE, REPO, baseline_tree, report, rows_of, run_tree, write_rows  # noqa: E402


def score(rows: list[dict], pred: Path) -> dict[str, float]:
    """Shares of the probe's texts: no incident, an incident abroad, a first incident with a point, toll read."""
    preds = {r["id"]: r for r in rows_of(pred)}
    none = abroad = placed = tolls = told = 0
    for row in rows:
        incs = preds.get(row["id"], {}).get("incidents", [])
        none += not incs
        abroad += any(i.get("country_code") and i["country_code"] != row["country"] for i in incs)
        placed += bool(incs) and incs[0].get("lat") is not None
        if row.get("killed") is not None:
            told += 1
            tolls += any(i.get("killed") == row["killed"] for i in incs)
    n = len(rows)
    return {"n": n, "no_incident": none / n, "abroad": abroad / n, "first_placed": placed / n,
            "killed_read": tolls / told if told else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", default=BASELINE, help="git ref of the baseline code (default: %(default)s)")
    args = ap.parse_args(argv)
    rows = rows_of(HERE / "probe.jsonl")
    base_tree = baseline_tree(args.baseline)
    base_cache = base_tree.parent / f"cache-{base_tree.name}"
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        src = write_rows(Path(tmp) / "probe-in.jsonl", [{k: r[k] for k in ("id", "text", "date") if r.get(k)} for r in rows])
        for name, tree, cache in (("baseline", base_tree, base_cache), ("now", REPO, None)):
            out = Path(tmp) / f"probe-{name}.jsonl"
            run_tree(tree, cache=cache, mode="extract", src=src, out=out)
            figures.append(score(rows, out))
    print(f"baseline: {args.baseline}   now: {REPO}")
    report({"probe": figures[0]}, {"probe": figures[1]})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
