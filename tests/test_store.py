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
