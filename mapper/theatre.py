"""The theatre of a corpus: the countries its articles are about, for the articles that name none.

A headline such as "Corpse found in plastic bag in Zamora" names no country; alone, the
geoparser takes the best-known Zamora (Spain). In a corpus of reports on Mexico a reader takes
the Mexican one. The corpus says where it is through the articles that do name their country
(a country, or a first-order division: "Borno", "Sagaing Region"), and through where its
articles' places lie: reports on Syria seldom write "Syria", yet a quarter of them place a town
there. The countries enough articles name, or place something in, are the theatre
(:func:`theatre_of`). :func:`mapper.pipeline.process` reads the corpus
once, then reads again, with the theatre, each article that names no country and has a place
outside it (:func:`needs_theatre`): a namesake in the theatre then wins over one elsewhere,
and a town with none there gets no point, unless it is named from afar (a capital, a
first-order area, a large town: :mod:`mapper.geoparse.resolve`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from mapper.model import ArticleResult

__all__ = ["MIN_ARTICLES", "MIN_SHARE", "MIN_PLACED_SHARE", "stated_countries", "placed_countries", "needs_theatre",
           "theatre_of", "unplaced"]

#: the fewest articles naming their country that make a theatre
MIN_ARTICLES = 10
#: a country is in the theatre when at least this share of those articles (and 3) name it
MIN_SHARE = 0.05
#: ... or when at least this share of all articles (and 3) place something in it
MIN_PLACED_SHARE = 0.10
_STATING_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "TERR", "ADM1"})


def stated_countries(result: ArticleResult) -> frozenset[str]:
    """The countries an article names itself: by a country's name or a first-order division's."""
    return frozenset(t.country_code for t in result.toponyms if t.country_code and t.feature_code in _STATING_CODES)


def placed_countries(result: ArticleResult) -> frozenset[str]:
    """The countries an article's places lie in."""
    return frozenset(t.country_code for t in result.toponyms if t.country_code)


def theatre_of(countries_per_article: Iterable[tuple[frozenset[str], frozenset[str]]]) -> frozenset[str]:
    """The countries named by at least ``MIN_SHARE`` (and 3) of the articles that name any, or
    holding places of at least ``MIN_PLACED_SHARE`` (and 3) of all articles
    (``countries_per_article``: :func:`stated_countries` and :func:`placed_countries` of each);
    none when fewer than ``MIN_ARTICLES`` articles name a country or place something.
    """
    stated: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    naming = placing = 0
    for named, where in countries_per_article:
        naming += bool(named)
        placing += bool(where)
        stated.update(named)
        placed.update(where)
    theatre = set()
    if naming >= MIN_ARTICLES:
        theatre |= {cc for cc, n in stated.items() if n >= max(3, MIN_SHARE * naming)}
    if placing >= MIN_ARTICLES:
        theatre |= {cc for cc, n in placed.items() if n >= max(3, MIN_PLACED_SHARE * placing)}
    return frozenset(theatre)


def needs_theatre(result: ArticleResult, theatre: frozenset[str]) -> bool:
    """Whether the article names no country and places outside the theatre a town the theatre may
    move (not a country, first-order area, capital or large town, which are named from afar:
    :func:`mapper.geoparse.resolve.named_from_afar`), or tells an incident at a name it could not
    place (a spelling the theatre may support: "killed in Shekh Meskin" among reports on Syria)."""
    from mapper.geoparse.resolve import named_from_afar

    return bool(theatre) and not stated_countries(result) and (any(
        t.country_code and t.country_code not in theatre and (t.place is None or not named_from_afar(t.place))
        for t in result.toponyms) or unplaced(result))


def unplaced(result: ArticleResult) -> bool:
    """Whether the article tells an incident that has no point, at a name it puts in no country
    (one it puts in a country stays there whatever the corpus is about)."""
    return any(not i.has_point and not i.country_code for i in result.incidents)
