"""Merging incidents reported by several articles (invented records, no NLP)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.merge import MergedIncident, merge_incidents
from mapper.model import Incident


def make(
    article_id: str,
    *,
    geonameid: int = 101,
    place: str = "Lindenfeld",
    kind: str = "attack",
    date: str | None = "2025-03-04",
    killed: int | None = None,
    wounded: int | None = None,
    weapons: list[str] | None = None,
    sources: list[str] | None = None,
    evidence: str = "",
    event_type: str = "Explosions/Remote violence",
) -> Incident:
    return Incident(
        kind=kind,  # type: ignore[arg-type]
        event_type=event_type,
        sub_event_type="Air/drone strike",
        place=place,
        geonameid=geonameid,
        country_code="ZZ",
        admin1="Westmark",
        lat=10.0 + geonameid / 1000,
        lon=20.0,
        geo_precision=2,
        date=date,
        date_precision="day" if date else None,
        weapons=weapons or [],
        killed=killed,
        wounded=wounded,
        sources=sources or [],
        evidence=evidence or f"A drone hit Lindenfeld, said report {article_id}.",
        reason="event place of the sentence",
        article_id=article_id,
    )


def test_same_place_kind_date_become_one_with_highest_count_and_range() -> None:
    a = make("a1", killed=3, wounded=10, weapons=["drone"], sources=["governor"])
    b = make("a2", killed=5, weapons=["missile"], sources=["police"])
    c = make("a3", killed=4, wounded=12, sources=["governor"])
    merged = merge_incidents([a, b, c])
    assert len(merged) == 1
    m = merged[0]
    assert isinstance(m, MergedIncident)
    assert m.killed == 5 and m.killed_range == (3, 5)
    assert m.wounded == 12 and m.wounded_range == (10, 12)
    assert "killed reported 3-5" in m.reason and "wounded reported 10-12" in m.reason
    assert m.weapons == ["drone", "missile"]
    assert m.sources == ["governor", "police"]
    assert m.article_ids == ["a1", "a2", "a3"]
    assert m.reports == 3
    for inc in (a, b, c):
        assert f"[{inc.article_id}] {inc.evidence}" in m.evidence.split("\n")


def test_unknown_counts_do_not_become_zero() -> None:
    m = merge_incidents([make("a1"), make("a2", wounded=2)])[0]
    assert m.killed is None and m.killed_range is None
    assert m.wounded == 2 and m.wounded_range == (2, 2)
    assert "reported" not in m.reason  # no spread to report


def test_different_place_kind_or_date_stay_apart() -> None:
    base = make("a1")
    others = [
        make("a2", geonameid=202, place="Osterby"),
        make("a3", kind="diplomacy"),
        make("a4", date="2025-03-05"),
    ]
    merged = merge_incidents([base, *others])
    assert len(merged) == 4
    assert not any(isinstance(m, MergedIncident) for m in merged)


def test_undated_merge_only_within_an_article_unless_asked() -> None:
    a, b = make("a1", date=None, killed=1), make("a2", date=None, killed=2)
    assert len(merge_incidents([a, b])) == 2
    both = merge_incidents([a, b], merge_undated=True)
    assert len(both) == 1 and both[0].killed == 2
    same_article = merge_incidents([a, make("a1", date=None, killed=7, evidence="Other words.")])
    assert len(same_article) == 1 and same_article[0].killed == 7


def test_majority_event_type_wins() -> None:
    incs = [make("a1", event_type="Battles"), make("a2"), make("a3")]
    assert merge_incidents(incs)[0].event_type == "Explosions/Remote violence"


def test_single_reports_are_returned_unchanged() -> None:
    a = make("a1", killed=2)
    assert merge_incidents([a]) == [a]


def test_merged_dict_has_contract_fields_and_ranges() -> None:
    d = merge_incidents([make("a1", killed=1), make("a2", killed=6)])[0].to_dict()
    assert d["killed"] == 6 and d["killed_range"] == [1, 6]
    assert d["article_id"] == "a1; a2" and d["article_ids"] == ["a1", "a2"]
    assert "evidence_spans" not in d


_counts = st.one_of(st.none(), st.integers(min_value=0, max_value=500))
_reports = st.lists(
    st.tuples(
        st.sampled_from(["a1", "a2", "a3", "a4"]),
        st.sampled_from([101, 202]),
        st.sampled_from(["attack", "diplomacy"]),
        st.sampled_from(["2025-03-04", "2025-03-05", None]),
        _counts,
        _counts,
    ),
    max_size=12,
)


def _build(rows: list[tuple]) -> list[Incident]:
    return [
        make(aid, geonameid=gid, kind=kind, date=date, killed=k, wounded=w, evidence=f"Report {n}.")
        for n, (aid, gid, kind, date, k, w) in enumerate(rows)
    ]


@settings(max_examples=60, deadline=None)
@given(_reports, st.randoms(use_true_random=False))
def test_merge_is_order_independent_idempotent_and_keeps_maxima(rows: list[tuple], rnd: random.Random) -> None:
    incs = _build(rows)
    merged = merge_incidents(incs)
    shuffled = list(incs)
    rnd.shuffle(shuffled)
    assert [m.to_dict() for m in merge_incidents(shuffled)] == [m.to_dict() for m in merged]
    assert [m.to_dict() for m in merge_incidents(merged)] == [m.to_dict() for m in merged]
    # nothing lost: every report's article and the highest toll per key survive
    assert sum(getattr(m, "reports", 1) for m in merged) == len(incs)
    for inc in incs:
        (home,) = [
            m
            for m in merged
            if inc.article_id in getattr(m, "article_ids", [m.article_id])
            and (m.geonameid, m.kind, m.date) == (inc.geonameid, inc.kind, inc.date)
        ]
        if inc.killed is not None:
            assert home.killed is not None and home.killed >= inc.killed


def test_parts_of_one_area_sharing_its_id_stay_apart() -> None:
    # "southern X" and "northern X" carry the id of X but lie at different points
    south = make("a1", place="southern Westmark")
    north = make("a2", place="northern Westmark")
    north.lat += 3.0
    assert len(merge_incidents([south, north])) == 2
    assert len(merge_incidents([south, make("a3", place="southern Westmark")])) == 1


def _unplaced(article_id: str, place: str, **kwargs) -> Incident:
    inc = make(article_id, geonameid=0, place=place, **kwargs)
    inc.lat = inc.lon = inc.geo_precision = None
    return inc


def test_incidents_with_no_point_merge_by_the_name_written_and_day() -> None:
    merged = merge_incidents([_unplaced("a", "Dambuwa", killed=3), _unplaced("b", "dambuwa", killed=5),
                              _unplaced("c", "Kalgori"), make("d")])
    by_place = {m.place.lower(): m for m in merged}
    assert set(by_place) == {"dambuwa", "kalgori", "lindenfeld"}
    both = by_place["dambuwa"]
    assert isinstance(both, MergedIncident) and both.article_ids == ["a", "b"] and both.killed_range == (3, 5)
    assert both.lat is None and both.geo_precision is None
    assert by_place["lindenfeld"].lat is not None
