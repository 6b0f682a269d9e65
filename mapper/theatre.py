"""The theatre of a corpus: the countries its articles are about, for the articles that name none.

A headline such as "Corpse found in plastic bag in Zamora" names no country; alone, the
geoparser takes the best-known Zamora (Spain). In a corpus of reports on Mexico a reader takes
the Mexican one. The corpus says where it is through the articles that do name their country
(a country, or a first-order division: "Borno", "Sagaing Region"); the countries enough of them
name are the theatre (:func:`theatre_of`). :func:`mapper.pipeline.process` reads the corpus
once, then reads again, with the theatre, each article that names no country and has a place
outside it (:func:`needs_theatre`): a namesake in the theatre then wins over one elsewhere,
and with none there the first choice stands (:mod:`mapper.geoparse.resolve`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from mapper.model import ArticleResult

__all__ = ["MIN_ARTICLES", "MIN_SHARE", "stated_countries", "needs_theatre", "theatre_of"]

#: the fewest articles naming their country that make a theatre
MIN_ARTICLES = 10
#: a country is in the theatre when at least this share of those articles (and 3) name it
MIN_SHARE = 0.05
_STATING_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "TERR", "ADM1"})


def stated_countries(result: ArticleResult) -> frozenset[str]:
    """The countries an article names itself: by a country's name or a first-order division's."""
    return frozenset(t.country_code for t in result.toponyms if t.country_code and t.feature_code in _STATING_CODES)


def theatre_of(named_per_article: Iterable[frozenset[str]]) -> frozenset[str]:
    """The countries named by at least ``MIN_SHARE`` (and 3) of the articles that name any
    (``named_per_article``: :func:`stated_countries` of each); none when fewer than
    ``MIN_ARTICLES`` articles name a country."""
    counts: Counter[str] = Counter()
    naming = 0
    for named in named_per_article:
        naming += bool(named)
        counts.update(named)
    if naming < MIN_ARTICLES:
        return frozenset()
    return frozenset(cc for cc, n in counts.items() if n >= max(3, MIN_SHARE * naming))


def needs_theatre(result: ArticleResult, theatre: frozenset[str]) -> bool:
    """Whether the article names no country and places a name outside the theatre."""
    return bool(theatre) and not stated_countries(result) and any(
        t.country_code and t.country_code not in theatre for t in result.toponyms)
