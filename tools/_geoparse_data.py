"""Parsed rows of the real data for the geoparser's training scripts, and their gold points.

``parsed(name, part)`` runs the spaCy pipeline with the place recogniser over the rows of one data
set (``events``, ``reports``, ``lgl``, ``geovirus``) in one part of the frozen split and caches the
docs (with the recogniser's mentions) under ``$MAPPER_CACHE/train/`` (or ``~/.cache/mapper/train/``),
keyed by the rows' texts and the code and data recognition depends on; the resolver is then run by
the script itself, as often as it needs. Never reads the ``test`` part unless asked for it by name.

The gold helpers say whether a resolved place is right: within ``RADIUS_KM`` of a gold point (161 km
for LGL and GeoVirus, as their scorer; 25 km for the event headlines' and the reports' incident
points, as the benchmark), with :func:`label` deciding for the places a text names besides its
event's (countries, other towns) when it can tell.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any

from tools import _realdata

REPO = Path(__file__).resolve().parents[1]
RADIUS_KM = {"lgl": 161.0, "geovirus": 161.0, "events": 25.0, "reports": 25.0}
ALONE_KM = 100.0  # a headline's only town this far from its event is another town of that name
_SKIP = {"resolve.py", "ranker.py", "placement.py", "country.py", "actors.py", "roles.py", "actors.tsv"}
_CODE = ("mapper/geoparse", "mapper/gazetteer", "data/geoparse", "data/gazetteer")
_COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "TERR"})
# UCDP codes South Sudan's events before its independence (9 July 2011) as Sudan's
_SAME_COUNTRY = {"SS": "SD"}


def parsed(name: str, part: str, *, nlp: Any, shared: Path = _realdata.SHARED) -> list[tuple[dict, Any, list]]:
    """(row, doc, mentions) of one data set's part, parsed once (cached)."""
    from spacy.tokens import DocBin

    from mapper.geoparse.recognise import stored_mentions

    rows = _realdata.rows(name, (part,), shared=shared)
    if not rows:
        return []
    key = hashlib.sha1("\n".join(f"{r['id']}\t{r['text']}" for r in rows).encode()).hexdigest()[:16]
    path = _realdata.cache_dir() / f"geoparse-{name}-{part}-{key}-{_realdata.code_key(_CODE, skip=frozenset(_SKIP))}.spacy"
    if path.exists():
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((r["text"] for r in rows), batch_size=32))
        bin_ = DocBin(store_user_data=True)
        for d in docs:
            bin_.add(d)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bin_.to_bytes())
    return [(r, d, stored_mentions(d) or []) for r, d in zip(rows, docs)]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (the scorers' mean Earth radius)."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def gold_points(row: dict[str, Any], name: str, spans: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """The gold points a name (its mention spans) may be judged by: the corpora's toponyms that
    overlap its mentions; an event's one point; every incident point of a report."""
    if name == "events":
        g = row["gold"]
        return [(float(g["lat"]), float(g["lon"]))]
    if name == "reports":
        return [(float(i["lat"]), float(i["lon"])) for i in row.get("incidents", []) if i.get("lat") is not None]
    return [
        (float(t["lat"]), float(t["lon"]))
        for t in row.get("toponyms", [])
        if t.get("lat") is not None and any(int(t["start"]) < e and s < int(t["end"]) for s, e in spans)
    ]


def gold_countries(row: dict[str, Any], name: str) -> frozenset[str]:
    """The countries of a row's gold events (events and reports only)."""
    if name == "events":
        cc = (row.get("meta") or {}).get("country_code") or ""
        return frozenset({cc} if cc else ())
    if name == "reports":
        return frozenset(i["country"] for i in row.get("incidents", []) if i.get("country"))
    return frozenset()


def _same_country(a: str, b: frozenset[str]) -> bool:
    return a in b or _SAME_COUNTRY.get(a, a) in {_SAME_COUNTRY.get(x, x) for x in b}


def label(row: dict[str, Any], name: str, spans: list[tuple[int, int]], place: Any, cands: list[Any],
          gazetteer: Any, *, others: list[Any] = ()) -> int | None:
    """Whether a name's chosen place is right (1), wrong (0), or cannot be told (None).

    LGL and GeoVirus: within 161 km of the gold point of an overlapping gold toponym (None
    when no gold toponym with a point overlaps the name). Events and reports name other places
    besides their incidents' (the country, the capital that acts, the city of the talks), so
    there a place is right within 25 km of a gold point, or when it is a first-order area or
    a country holding one; wrong when a populated place of the name lay within 25 km of a
    gold point and another one was chosen, or when it lies in another country than every gold
    event's and is no capital, country or first-order area, and no town of 100,000 people
    known by its own name (such places a text names from afar: "talks in Moscow"). A headline
    whose only place below a country is the name (``others``: the other places the text's
    names were resolved to) tells its event there: a populated place more than ``ALONE_KM``
    from the event is wrong. Anything else cannot be told.
    """
    points = gold_points(row, name, spans)
    if not points:
        return None
    radius = RADIUS_KM[name]
    here = (place.lat, place.lon)
    if any(km(here, q) <= radius for q in points):
        return 1
    if name in ("lgl", "geovirus"):
        return 0
    countries = gold_countries(row, name)
    if place.feature_code in _COUNTRY_CODES:
        return 1 if _same_country(place.country_code, countries) else None
    if place.feature_code == "ADM1":
        for q in points:
            a1 = gazetteer.admin1_at(*q)
            if a1 is not None and a1.admin1_code == place.admin1_code:
                return 1
        return None
    if place.feature_class == "P" and any(
        c.feature_class == "P" and km((c.lat, c.lon), q) <= radius for c in cands for q in points
    ):
        return 0
    alone = name == "events" and not any(o.feature_code not in _COUNTRY_CODES for o in others)
    if alone and place.feature_class == "P" and all(km(here, q) > ALONE_KM for q in points):
        return 0  # "Corpse found in Zamora": the headline's one place is where it happened
    if not countries or not place.country_code or _same_country(place.country_code, countries):
        return None
    if place.feature_code == "PPLC" or (place.population >= 100_000 and _own_name(place, spans, row)):
        return None
    return 0


def _own_name(place: Any, spans: list[tuple[int, int]], row: dict[str, Any]) -> bool:
    """Whether the text writes the place by its gazetteer name (folded)."""
    from mapper.names import fold

    s, e = spans[0]
    return fold(row["text"][s:e]) == fold(place.name)


# --- the corpora's scores (LGL, GeoVirus): exact spans, as their scorer and the benchmark

SPAN_SETS = ("lgl", "geovirus")


def scored_mentions(name: str, mentions: list[Any]) -> list[Any]:
    """The mentions the benchmark scores: LGL counts demonyms and names inside organisations,
    GeoVirus neither."""
    if name == "lgl":
        return mentions
    return [m for m in mentions if m.label != "NORP" and m.source != "embedded"]


def gold_spans(row: dict[str, Any]) -> dict[tuple[int, int], tuple[float, float] | None]:
    """A corpus row's gold toponyms: span -> point (None when the gold gives none)."""
    out: dict[tuple[int, int], tuple[float, float] | None] = {}
    for t in row.get("toponyms", []):
        pt = (float(t["lat"]), float(t["lon"])) if t.get("lat") is not None and t.get("lon") is not None else None
        out[(int(t["start"]), int(t["end"]))] = pt
    return out


def overlaps(span: tuple[int, int], gold: dict[tuple[int, int], Any]) -> bool:
    """Whether a span overlaps a gold toponym."""
    return any(s < span[1] and span[0] < e for s, e in gold)


def span_counts(gold: dict[tuple[int, int], tuple[float, float] | None],
                kept: dict[tuple[int, int], tuple[float, float]], *, missed: bool = True) -> tuple[int, int, int, int, int]:
    """(tp, fp, fn, right, resolved) of predicted spans with their points against the gold spans:
    exact span matches; right within 161 km among those whose gold has a point; any other
    prediction is a false positive. ``missed=False``: no false negatives counted."""
    tp = fp = right = resolved = 0
    for sp, pt in kept.items():
        if sp in gold:
            tp += 1
            g = gold[sp]
            if g is not None:
                resolved += 1
                right += km(pt, g) < RADIUS_KM["lgl"]
        else:
            fp += 1
    fn = sum(1 for sp in gold if sp not in kept) if missed else 0
    return tp, fp, fn, right, resolved
