"""The corpus theatre: which countries a corpus is about (mapper.theatre)."""

from __future__ import annotations

from dataclasses import replace

from mapper.model import Article, ArticleResult, Incident, Place, Toponym
from mapper.theatre import MIN_ARTICLES, needs_theatre, theatre_of

NONE: frozenset[str] = frozenset()


def _corpus(*rows: tuple[int, frozenset[str], frozenset[str]]) -> list[tuple[frozenset[str], frozenset[str]]]:
    return [(stated, placed) for n, stated, placed in rows for _ in range(n)]


def test_countries_the_articles_name_make_the_theatre() -> None:
    corpus = _corpus((12, frozenset({"MX"}), frozenset({"MX"})), (30, NONE, NONE), (1, frozenset({"ES"}), NONE))
    assert theatre_of(corpus) == {"MX"}  # one article naming Spain is not enough


def test_a_country_the_articles_place_in_but_seldom_name_is_in_the_theatre() -> None:
    # reports on Syria that name towns and seldom "Syria": a quarter of the articles place a town there
    corpus = _corpus((20, frozenset({"IQ"}), frozenset({"IQ"})), (2, frozenset({"SY"}), frozenset({"SY"})),
                     (12, NONE, frozenset({"SY"})), (2, NONE, frozenset({"PS"})), (10, NONE, NONE))
    assert theatre_of(corpus) == {"IQ", "SY"}  # a stray namesake in two articles stays out


def test_a_small_corpus_has_no_theatre() -> None:
    few = _corpus((MIN_ARTICLES - 1, frozenset({"MX"}), frozenset({"MX"})))
    assert theatre_of(few) == NONE
    assert theatre_of(few + _corpus((1, frozenset({"MX"}), frozenset({"MX"})))) == {"MX"}


def _result(*places: Place) -> ArticleResult:
    tops = [Toponym(start=0, end=1, name=p.name, lat=p.lat, lon=p.lon, geonameid=p.geonameid,
                    feature_code=p.feature_code, country_code=p.country_code, admin1=p.admin1, place=p)
            for p in places]
    return ArticleResult(Article("a", "text"), toponyms=tops)


def test_only_a_town_the_theatre_may_move_needs_a_second_reading() -> None:
    hamlet = Place(1, "Giethoorn", 52.7, 6.1, "P", "PPL", "NL", "Overijssel", "NL.15", population=2_000)
    capital = Place(2, "Paris", 48.9, 2.3, "P", "PPLC", "FR", "Ile-de-France", "FR.11", population=2_100_000)
    city = Place(3, "Leeds", 53.8, -1.5, "P", "PPLA2", "GB", "England", "GB.ENG", population=455_000)
    home = Place(4, "Kaduna", 10.5, 7.4, "P", "PPLA", "NG", "Kaduna", "NG.23", population=1_500_000)
    theatre = frozenset({"NG"})
    assert needs_theatre(_result(hamlet), theatre)
    assert not needs_theatre(_result(capital, city), theatre)  # named from afar: the theatre moves none
    assert not needs_theatre(_result(home), theatre)
    assert not needs_theatre(_result(hamlet), frozenset())


def test_an_incident_with_no_point_needs_a_second_reading() -> None:
    # "killed in <a spelling the gazetteer only approximates>": the corpus's countries may support it
    lost = Incident(kind="attack", event_type="Battles", sub_event_type="Armed clash", place="Shekh Meskin",
                    geonameid=0, country_code="", admin1="", lat=None, lon=None, geo_precision=None)
    result = ArticleResult(Article("a", "Two fighters were killed in Shekh Meskin."), incidents=[lost])
    assert needs_theatre(result, frozenset({"SY"}))
    assert not needs_theatre(result, frozenset())
    placed = replace(lost, lat=32.8, lon=36.2, geo_precision=2)
    assert not needs_theatre(ArticleResult(result.article, incidents=[placed]), frozenset({"SY"}))
    told = replace(lost, country_code="LB")  # "killed in Shekh Meskin, Lebanon": the text says where
    assert not needs_theatre(ArticleResult(result.article, incidents=[told]), frozenset({"SY"}))
