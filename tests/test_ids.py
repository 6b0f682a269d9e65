"""Stable feature ids: from the content, not the run order; the same in every format and the store."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyogrio

from _map_fixtures import make_results
from mapper import export
from mapper.ids import incident_id, incident_ids
from mapper.merge import merge_incidents
from mapper.store import IncidentStore


def _incidents() -> list:
    return [i for r in make_results() for i in r.incidents]


def test_ids_come_from_the_content_not_the_order() -> None:
    incs = _incidents()
    ids = incident_ids(incs)
    assert len(set(ids)) == len(ids)
    assert all(fid.startswith(inc.article_id + "-") for fid, inc in zip(ids, incs, strict=True))
    assert incident_ids(incs[::-1]) == ids[::-1]  # another order, the same ids
    assert incident_ids(_incidents()) == ids  # another run, the same ids
    # the key decides: another date or place is another incident; the evidence wording is not
    first = incs[0]
    assert incident_id(replace(first, date="2025-03-05")) != ids[0]
    assert incident_id(replace(first, geonameid=first.geonameid + 1)) != ids[0]
    assert incident_id(replace(first, evidence="Reworded sentence.")) == ids[0]
    assert incident_id(replace(first, article_id="other")) != ids[0]


def test_twins_in_one_article_are_told_apart() -> None:
    incs = _incidents()
    twin = replace(incs[0])
    ids = incident_ids([incs[0], twin, incs[1]])
    assert ids[1] == ids[0] + "-2" and len(set(ids)) == 3


def test_a_merged_incident_names_its_articles() -> None:
    a = _incidents()[0]
    b = replace(a, article_id="art-9", killed=4)
    merged = merge_incidents([a, b])
    assert len(merged) == 1
    fid = incident_id(merged[0])
    assert fid.startswith("art-1+1-")
    assert fid != incident_id(a) and fid == incident_id(merge_incidents([b, a])[0])


def test_the_same_id_in_every_format_and_the_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(export, "admin1_shapes", lambda: None)
    results = make_results()
    results[0].incidents[1].lat = float("nan")  # left out of the layers; the others keep their ids
    want = [fid for fid, inc in zip(incident_ids(_incidents()), _incidents(), strict=True) if inc.place != "Hilltown"]
    export.write_layers(results, out_dir=tmp_path, name="x", formats=("geojson", "gpkg", "csv", "parquet", "fgb"))
    doc = json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))
    assert [f["id"] for f in doc["features"]] == want
    assert [f["properties"]["id"] for f in doc["features"]] == want
    assert pyogrio.read_dataframe(tmp_path / "x.gpkg", layer="incidents")["id"].tolist() == want
    assert pd.read_csv(tmp_path / "x.csv")["id"].tolist() == want
    assert pd.read_parquet(tmp_path / "x.parquet")["id"].tolist() == want
    assert sorted(pyogrio.read_dataframe(tmp_path / "x.fgb")["id"]) == sorted(want)  # FlatGeobuf orders by its index
    results[0].incidents[1].lat = 49.99
    store = IncidentStore(tmp_path / "store.gpkg")
    store.add(results)
    assert store.read()["id"].tolist() == incident_ids(_incidents())


def test_a_store_written_before_ids_gets_them(tmp_path: Path) -> None:
    results = make_results()
    store = IncidentStore(tmp_path / "old.gpkg")
    store.add(results[:1])
    frame = pyogrio.read_dataframe(store.path, layer="incidents").drop(columns=["id"])
    articles = store.articles()
    store.path.unlink()
    pyogrio.write_dataframe(frame, store.path, layer="incidents", driver="GPKG")
    pyogrio.write_dataframe(articles, store.path, layer="articles", driver="GPKG")
    assert "id" not in pyogrio.read_info(store.path, layer="incidents")["fields"]
    want = incident_ids(_incidents())
    assert store.read()["id"].tolist() == want[:3]  # computed on reading
    assert store.add(results) == 1
    assert "id" in pyogrio.read_info(store.path, layer="incidents")["fields"]
    assert store.read()["id"].tolist() == want
