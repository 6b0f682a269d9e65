"""How far the built-in gazetteer can take the event headlines: the ceiling of ``toponym25``.

For each event of a part of the frozen split, the place name that UCDP's location matches in the
headline (``meta.text_place_match`` of ``../shared/eval-dev/events/events.jsonl``) is looked up in
the gazetteer; the event counts as reachable when some candidate of that name lies within 25 km
of the gold point. No geoparser runs here: this measures the data, not the code. A name with
candidates only farther away is a namesake the resolver must refuse (``abroad`` when none of them
lies in the event's country), and an ``absent`` name has no candidate at all; both can at best
fall back to an area the text names, or get no point.

Usage::

    MAPPER_SHARED=../shared python benchmarks/real/bench_ceiling.py [--parts train dev test]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tools import _realdata  # noqa: E402

from mapper.geodesy import haversine_km  # noqa: E402

RADIUS_KM = 25.0


def classify(row: dict, gazetteer) -> str:
    """``near``, ``in country``, ``abroad`` or ``absent`` for one event row."""
    name = (row.get("meta") or {}).get("text_place_match") or ""
    cands = gazetteer.lookup(name) if name else []
    gold = row["gold"]
    if any(haversine_km(c.place.lat, c.place.lon, gold["lat"], gold["lon"]) <= RADIUS_KM for c in cands):
        return "near"
    if not cands:
        return "absent"
    cc = (row.get("meta") or {}).get("country_code")
    return "in country" if any(c.place.country_code == cc for c in cands) else "abroad"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", nargs="+", default=["train", "dev", "test"])
    args = ap.parse_args(argv)
    from mapper.gazetteer import get_gazetteer

    gazetteer = get_gazetteer()
    kinds = ("near", "in country", "abroad", "absent")
    print(f"{'part':6s} {'events':>6s} " + " ".join(f"{k:>10s}" for k in kinds) + "   ceiling of toponym25")
    for part in args.parts:
        rows = _realdata.rows("events", (part,))
        counts = Counter(classify(r, gazetteer) for r in rows)
        n = len(rows)
        print(f"{part:6s} {n:6d} " + " ".join(f"{counts[k]:10d}" for k in kinds) + f"   {counts['near'] / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
