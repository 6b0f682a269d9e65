"""Picklable stand-in stages for pipeline tests (no NLP): deterministic, text-driven.

``fake_stage`` turns every capitalised word into a toponym and a sentence with
"strike" into an attack incident at its first toponym; a text containing
``FAIL`` makes the stage raise, to exercise error isolation. Sleeps a little,
varying by article, so chunks finish out of order in parallel runs.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Iterator, Sequence

from mapper.model import Article, ArticleResult, Incident, Toponym

_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def fake_result(article: Article) -> ArticleResult:
    """What :func:`fake_stage` gives for one article."""
    toponyms = [
        Toponym(
            start=m.start(),
            end=m.end(),
            name=m.group(),
            lat=(zlib.crc32(m.group().encode()) % 180) - 90.0,
            lon=(zlib.crc32(m.group()[::-1].encode()) % 360) - 180.0,
            geonameid=zlib.crc32(m.group().encode()) % 100_000,
            feature_code="PPL",
            country_code="ZZ",
            admin1="",
        )
        for m in _WORD.finditer(article.text)
    ]
    incidents = []
    if "strike" in article.text and toponyms:
        t = toponyms[0]
        incidents.append(
            Incident(
                kind="attack", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                place=t.name, geonameid=t.geonameid, country_code="ZZ", admin1="", lat=t.lat, lon=t.lon,
                geo_precision=2, date=article.date, killed=len(article.text) % 7, evidence=article.text,
                article_id=article.id,
            )
        )
    return ArticleResult(article=article, toponyms=toponyms, incidents=incidents)


def fake_stage(articles: Sequence[Article], *, batch_size: int) -> Iterator[ArticleResult]:
    """A stage with the real one's contract: results in order, may raise mid-batch."""
    for article in articles:
        if "FAIL" in article.text:
            raise ValueError(f"cannot parse {article.id}\nsecond line")
        time.sleep((zlib.crc32(article.id.encode()) % 5) / 2000)
        yield fake_result(article)


THEATRE_READS: list[tuple[str, tuple[str, ...]]] = []


def theatre_stage(articles: Sequence[Article], *, batch_size: int) -> Iterator[ArticleResult]:
    """A stage whose articles name a country by "in <CC>" (a PCLI toponym), and whose other
    capitalised words are towns in ``ES``, or in the article's theatre when it has one (the
    first of it): what the geoparser does with a namesake. Records each read."""
    for article in articles:
        THEATRE_READS.append((article.id, article.theatre))
        toponyms = []
        for m in _WORD.finditer(article.text):
            cc = article.theatre[0] if article.theatre else "ES"
            toponyms.append(Toponym(start=m.start(), end=m.end(), name=m.group(), lat=0.0, lon=0.0, geonameid=1,
                                    feature_code="PPL", country_code=cc, admin1=""))
        for m in re.finditer(r"\bin ([A-Z]{2})\b", article.text):
            toponyms.append(Toponym(start=m.start(1), end=m.end(1), name=m.group(1), lat=0.0, lon=0.0, geonameid=2,
                                    feature_code="PCLI", country_code=m.group(1), admin1=""))
        yield ArticleResult(article=article, toponyms=toponyms)
