"""Write the frozen train / dev / test split of the real evaluation data (``split.json``).

The split is by source, so that the test part holds sources nobody read while building:

- UCDP event headlines (``../shared/eval-dev/events/events.jsonl``): whole source files go to one
  part (each file is one country, except UCDP's global sample). Test: Burkina Faso, Myanmar, the
  Central African Republic, Yemen and the global sample; dev: Nigeria and Mexico; train: Syria, Iraq,
  Sudan and Ukraine.
- LGL: by newspaper (the domain of the article's URL); GeoVirus (all WikiNews): by article.
- Real news reports (``reports.jsonl`` here): by theatre and outlet together.

A key goes to test when the first hex digits of its SHA-1 fall in 0-2 (of 10), to dev in 3-4,
else to train. Running the script again gives the same file; rows added later (new reports) get
their part by the same rule, and the parts of existing rows never move.

Usage: ``python benchmarks/real/make_split.py [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent

EVENT_SOURCES = {
    "test": [
        "kassdianou-blip/RaMMPS-CSH:data/gedevents-2025-01-17.csv",
        "netify-dev/netify:data/myanmar.rda",
        "optgeo/ucdp-23.1-482:GEDEvent_v23_1.geojson",
        "margaretfoster/growthtrap_rep:data/gedevents-2021-AQAP2.csv",
        "cran/uncertainUCDP:data/ucdpged.rda",
    ],
    "dev": [
        "t-downing/nigeria_rice_model:data/conflict_data_nga.csv",
        "netify-dev/netify:data/mexico.rda",
    ],
}


def part_of(key: str) -> str:
    """The part a hashed key belongs to: test 30%, dev 20%, train 50%."""
    bucket = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 10
    return "test" if bucket < 3 else "dev" if bucket < 5 else "train"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _split(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    for row_id, part in pairs:
        out[part].append(row_id)
    return {k: sorted(v) for k, v in out.items()}


def event_part(row: dict) -> str:
    source = f"{row['source_repo']}:{row['source_path']}"
    for part, sources in EVENT_SOURCES.items():
        if source in sources:
            return part
    return "train"


def toponym_part(row: dict) -> str:
    domain = urlparse((row.get("meta") or {}).get("url") or "").netloc
    if row["id"].startswith("geovirus") or not domain:
        return part_of(row["id"])
    return part_of(domain.removeprefix("www."))


def report_part(row: dict) -> str:
    domain = row.get("domain") or urlparse(row.get("url") or "").netloc
    return part_of(f"{row.get('theatre', '')}|{domain.removeprefix('www.')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parents[2] / "shared")
    args = ap.parse_args()
    dev = args.shared / "eval-dev"
    split = {
        "rule": "by source; see make_split.py",
        "events": _split([(r["id"], event_part(r)) for r in _rows(dev / "events" / "events.jsonl")]),
        "lgl": _split([(r["id"], toponym_part(r)) for r in _rows(dev / "lgl.jsonl")]),
        "geovirus": _split([(r["id"], toponym_part(r)) for r in _rows(dev / "geovirus.jsonl")]),
    }
    reports = HERE / "reports.jsonl"
    if reports.exists():
        split["reports"] = _split([(r["id"], report_part(r)) for r in _rows(reports)])
    out = HERE / "split.json"
    out.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    for name, parts in split.items():
        if isinstance(parts, dict):
            print(name, {k: len(v) for k, v in parts.items()})


if __name__ == "__main__":
    main()
