"""The corpus theatre: which countries a corpus is about (mapper.theatre)."""

from __future__ import annotations

from mapper.theatre import MIN_ARTICLES, theatre_of

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
