"""Parsed rows of the real data for the incident models' training scripts, with their gold.

``parsed(name, parts)`` geoparses the rows of one data set (``events``, ``reports``, ``lgl``,
``geovirus``) in the given parts of the frozen split and caches the result (spaCy docs, toponyms)
under ``$MAPPER_CACHE/train/`` (or ``~/.cache/mapper/train/``), keyed by the rows' texts and the
geoparser's code and data, so a training script parses each set once and a change to the
geoparser parses it again. Never reads the ``test`` part unless asked for it by name.

The gold helpers turn a row's annotation into per-sentence facts: which gold incidents a sentence
tells (reports: their ``evidence``; events: the headline is the event), and whether a place lies
within ``HIT_KM`` of a gold point.
"""

from __future__ import annotations

import hashlib
import math
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools import _realdata

REPO = Path(__file__).resolve().parents[1]
HIT_KM = 25.0  # the benchmarks' radius: a place this close to the gold point is the event's place
# the geoparser's code, data and placement model decide the toponyms the incident models learn from
_CODE = ("mapper/geoparse", "mapper/gazetteer", "data/geoparse", "data/gazetteer", "mapper/models/placement.json")


@dataclass
class Parsed:
    """One parsed row: the data row, its Article, spaCy Doc and resolved toponyms."""

    row: dict[str, Any]
    article: Any
    doc: Any
    toponyms: list[Any]


def parsed(name: str, parts: tuple[str, ...], *, shared: Path = _realdata.SHARED) -> list[Parsed]:
    """The rows of data set ``name`` in ``parts``, geoparsed (cached)."""
    from spacy.tokens import DocBin

    from mapper.geoparse import Geoparser, load_nlp
    from mapper.model import Article

    rows = _realdata.rows(name, parts, shared=shared)
    if not rows:
        return []
    key = hashlib.sha1("\n".join(f"{r['id']}\t{r['text']}" for r in rows).encode()).hexdigest()[:16]
    path = _realdata.cache_dir() / f"{name}-{'+'.join(parts)}-{key}-{_realdata.code_key(_CODE)}.pkl"
    arts = [Article(id=r["id"], text=r["text"], title=r.get("title") or "", date=r.get("date"), url=r.get("url"))
            for r in rows]
    nlp = load_nlp()
    if path.exists():
        blob = pickle.loads(path.read_bytes())
        docs = list(DocBin().from_bytes(blob["docs"]).get_docs(nlp.vocab))
        return [Parsed(r, a, d, t) for r, a, d, t in zip(rows, arts, docs, blob["toponyms"])]
    gp = Geoparser(nlp=nlp)
    bin_ = DocBin(store_user_data=True)
    tops = []
    docs = []
    for _a, doc, tp in gp.pipe(arts):
        bin_.add(doc)
        docs.append(doc)
        tops.append(tp)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps({"docs": bin_.to_bytes(), "toponyms": tops}))
    return [Parsed(r, a, d, t) for r, a, d, t in zip(rows, arts, docs, tops)]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (the scorers' mean Earth radius)."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class GoldEvent:
    """A gold incident: its point, kind, ACLED types, tolls and the character spans of its evidence."""

    lat: float
    lon: float
    kind: str
    event_type: str
    sub_event_type: str
    killed: int | None
    wounded: int | None
    spans: list[tuple[int, int]]
    place: str = ""


def _ucdp_event_type(row: dict[str, Any]) -> str:
    """A weak ACLED event type for a UCDP headline: one-sided violence is violence against civilians;
    the rest is fighting (refined by the caller with the weapons the text names)."""
    return "Violence against civilians" if row["gold"].get("event_type") == "one-sided violence" else "Battles"


def gold_events(p: Parsed) -> list[GoldEvent]:
    """The gold incidents of a parsed row (an events row has one, told by its whole text)."""
    row = p.row
    if "gold" in row:
        g = row["gold"]
        return [GoldEvent(g["lat"], g["lon"], g["kind"], _ucdp_event_type(row), "", g.get("killed"), None,
                          [(0, len(row["text"]))], g.get("place", ""))]
    out = []
    text = row["text"]
    for inc in row.get("incidents", []):
        spans = []
        ev = inc.get("evidence") or ""
        for part in [ev]:
            k = text.find(part)
            if k >= 0 and part:
                spans.append((k, k + len(part)))
        out.append(GoldEvent(inc["lat"], inc["lon"], inc["kind"], inc["event_type"], inc["sub_event_type"],
                             inc.get("killed"), inc.get("wounded"), spans, inc.get("place", "")))
    return out


def told_in(sent_span: tuple[int, int], events: list[GoldEvent]) -> list[GoldEvent]:
    """Gold incidents whose evidence overlaps a sentence's character span."""
    a, b = sent_span
    return [e for e in events if any(s < b and a < t for s, t in e.spans)]
