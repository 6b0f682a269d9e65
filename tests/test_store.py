"""The GeoPackage incident store: append, idempotent re-runs, versions, bad files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyogrio
import pytest

from mapper.model import Article, ArticleResult, Incident, MapperError
from mapper.store import IncidentStore, content_hash


def incident(article_id: str, *, place: str, lat: float, lon: float, killed: int | None = None) -> Incident:
    return Incident(
        kind="attack",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        place=place,
        geonameid=abs(hash(place)) % 10_000,
        country_code="ZZ",
        admin1="Eastmark",
        lat=lat,
        lon=lon,
        geo_precision=2,
        date="2025-05-01",
        date_precision="day",
        weapons=["artillery", "drone"],
        killed=killed,
        sources=["mayor"],
        evidence=f"Shells fell on {place}.",
        article_id=article_id,
    )


def result(article_id: str, text: str, places: list[tuple[str, float, float, int | None]]) -> ArticleResult:
    article = Article(id=article_id, text=text, title=f"Title {article_id}", date="2025-05-01")
    incs = [incident(article_id, place=p, lat=la, lon=lo, killed=k) for p, la, lo, k in places]
    return ArticleResult(article=article, toponyms=[], incidents=incs)


@pytest.fixture
def batch() -> list[ArticleResult]:
    return [
        result("n1", "Shells fell on Ostrava Nova.", [("Ostrava Nova", 48.1, 37.2, 2)]),
        result("n2", "Two towns were shelled.", [("Belomir", 47.5, 36.0, None), ("Kradno", 47.9, 35.1, 0)]),
        result("n3", "Talks continued quietly.", []),
    ]


def test_add_then_read_round_trips(tmp_path: Path, batch: list[ArticleResult]) -> None:
    store = IncidentStore(tmp_path / "incidents.gpkg")
    assert store.read().empty
    assert store.add(batch) == 3
    frame = store.read()
    assert list(frame["place"]) == ["Ostrava Nova", "Belomir", "Kradno"]
    assert frame.crs.to_epsg() == 4326
    assert [(round(p.x, 3), round(p.y, 3)) for p in frame.geometry] == [(37.2, 48.1), (36.0, 47.5), (35.1, 47.9)]
    assert frame["killed"].tolist()[0] == 2 and frame["killed"].isna().tolist() == [False, True, False]
    assert frame["killed"].tolist()[2] == 0  # zero is not unknown
    assert frame["weapons"].tolist()[0] == "artillery; drone"
    layers = {name for name, _ in pyogrio.list_layers(store.path)}
    assert layers == {"incidents", "articles"}
    arts = store.articles()
    assert arts["article_id"].tolist() == ["n1", "n2", "n3"]  # articles without incidents are recorded too
    assert arts["n_incidents"].tolist() == [1, 2, 0]


def test_same_articles_twice_add_nothing(tmp_path: Path, batch: list[ArticleResult]) -> None:
    store = IncidentStore(tmp_path / "s.gpkg")
    store.add(batch)
    before = store.path.read_bytes()
    assert store.add(batch) == 0
    assert store.add(batch[::-1]) == 0
    assert store.path.read_bytes() == before
    assert len(store.read()) == 3 and len(store.articles()) == 3


def test_repeats_within_one_add_count_once(tmp_path: Path, batch: list[ArticleResult]) -> None:
    store = IncidentStore(tmp_path / "s.gpkg")
    assert store.add([batch[0], batch[0], batch[1]]) == 3
    assert store.articles()["article_id"].tolist() == ["n1", "n2"]


def test_appends_new_articles_and_new_versions(tmp_path: Path, batch: list[ArticleResult]) -> None:
    store = IncidentStore(tmp_path / "s.gpkg")
    store.add(batch[:1])
    assert store.add(batch) == 2  # n2's two incidents; n1 already there
    corrected = result("n1", "Shells fell on Ostrava Nova; the toll rose.", [("Ostrava Nova", 48.1, 37.2, 4)])
    assert store.add([corrected]) == 1
    arts = store.articles()
    assert sorted(arts["article_id"]) == ["n1", "n1", "n2", "n3"]
    assert len(set(arts["content_hash"])) == 4
    assert sorted(store.read()["killed"].dropna().tolist()) == [0, 2, 4]


def test_sides_and_abducted_arrested_counts_round_trip(tmp_path: Path, batch: list[ArticleResult]) -> None:
    first = batch[0]
    told = replace(first, incidents=[replace(first.incidents[0], actor1="gunmen", actor2="villagers", abducted=12)])
    held = result("n4", "Police detained nine.", [("Kradno", 47.9, 35.1, None)])
    held = replace(held, incidents=[replace(held.incidents[0], kind="other", actor1="police", arrested=9)])
    store = IncidentStore(tmp_path / "s.gpkg")
    store.add([told, held])
    frame = store.read()
    assert frame["actor1"].tolist() == ["gunmen", "police"]
    assert frame["actor2"].tolist() == ["villagers", None]  # not told: unknown, not an empty name
    assert frame["abducted"].tolist()[0] == 12 and frame["abducted"].isna().tolist() == [False, True]
    assert frame["arrested"].isna().tolist() == [True, False] and frame["arrested"].tolist()[1] == 9


def test_a_store_written_before_sides_and_counts_gains_the_columns(tmp_path: Path, batch: list[ArticleResult]) -> None:
    store = IncidentStore(tmp_path / "new.gpkg")
    store.add(batch[:1])
    later = ["actor1", "actor2", "abducted", "arrested"]
    old_path = tmp_path / "old.gpkg"  # the same rows as an earlier version wrote them
    pyogrio.write_dataframe(pyogrio.read_dataframe(store.path, layer="incidents").drop(columns=later), old_path,
                            layer="incidents", driver="GPKG", geometry_type="Point")
    pyogrio.write_dataframe(store.articles(), old_path, layer="articles", driver="GPKG")
    old = IncidentStore(old_path)
    assert old.read()[later].isna().all().all()  # readable as it is, the new columns unknown
    held = result("n4", "Police detained nine.", [("Kradno", 47.9, 35.1, None)])
    held = replace(held, incidents=[replace(held.incidents[0], actor1="police", arrested=9)])
    assert old.add([held]) == 1
    assert set(later) <= set(pyogrio.read_info(old_path, layer="incidents")["fields"])
    frame = old.read()
    assert frame["place"].tolist() == ["Ostrava Nova", "Kradno"]
    assert frame["actor1"].tolist() == [None, "police"] and frame["arrested"].isna().tolist() == [True, False]
    assert frame["id"].tolist()[0] == store.read()["id"].tolist()[0]  # the old row keeps its id


def test_content_hash_depends_on_content_not_metadata() -> None:
    a = Article(id="x", text="Some text.", title="T", date="2025-01-01")
    assert content_hash(a) == content_hash(replace(a, id="y", url="http://example.invalid/a"))
    assert content_hash(a) != content_hash(replace(a, text="Some text!"))
    assert content_hash(a) != content_hash(replace(a, date="2025-01-02"))
    # field boundaries matter: moving characters between fields changes the hash
    assert content_hash(replace(a, text="ab", title="c")) != content_hash(replace(a, text="a", title="bc"))


def test_refuses_a_file_that_is_not_a_store(tmp_path: Path, batch: list[ArticleResult]) -> None:
    other = tmp_path / "notes.gpkg"
    other.write_text("my own notes", encoding="utf-8")
    with pytest.raises(MapperError):
        IncidentStore(other).add(batch)
    assert other.read_text(encoding="utf-8") == "my own notes"


def test_failed_write_leaves_store_intact(tmp_path: Path, batch: list[ArticleResult], monkeypatch: pytest.MonkeyPatch) -> None:
    store = IncidentStore(tmp_path / "s.gpkg")
    store.add(batch[:1])
    before = store.path.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pyogrio, "write_dataframe", boom)
    with pytest.raises(MapperError, match="disk full"):
        store.add(batch)
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".mapper-manifest")) == ["s.gpkg"]
