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
