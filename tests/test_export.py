"""GIS layers: frames, file formats (opened back with GDAL/pyogrio), determinism."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box

from _map_fixtures import make_results
from mapper import export
from mapper.model import ArticleResult, MapperError

ALL = ("geojson", "gpkg", "parquet", "csv", "fgb")


@pytest.fixture
def results() -> list[ArticleResult]:
    return make_results()


def _incidents(results: list[ArticleResult]) -> list:
    return [i for r in results for i in r.incidents]


def test_to_frame_has_contract_columns_and_types(results) -> None:
    frame = export.to_frame(_incidents(results))
    assert list(frame.columns) == [*export.INCIDENT_COLUMNS, "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == 4
    assert str(frame["killed"].dtype) == "Int64"
    assert frame["killed"].isna().tolist() == [False, True, True, False]
    assert frame.loc[3, "killed"] == 0  # "nobody" is not "unknown"
    assert frame.loc[0, "weapons"] == ["drone"]
    assert frame.geometry.x.tolist() == frame["lon"].tolist()
    assert frame.geometry.y.tolist() == frame["lat"].tolist()


def test_to_frame_empty() -> None:
    frame = export.to_frame([])
    assert len(frame) == 0
    assert list(frame.columns) == [*export.INCIDENT_COLUMNS, "geometry"]


def test_places_frame_merges_mentions_across_articles(results) -> None:
    places = export.places_frame(results)
    assert places["geonameid"].is_unique
    lake = places[places["name"] == "Lakeview"].iloc[0]
    assert lake["mentions"] == 2
    assert lake["articles"] == ["art-1", "art-2"]
    assert lake["roles"] == ["context", "event"]
    assert lake["incidents"] == 1
    assert "Lakeview" in lake["context"]
    east = places[places["name"] == "Eastbrook"].iloc[0]
    assert east["incidents"] == 0
    # most-mentioned first
    assert places.iloc[0]["name"] == "Lakeview"


def test_sentence_around_picks_the_sentence() -> None:
    text = "First one here. The second names Foo town. Third."
    start = text.index("Foo")
    assert export.sentence_around(text, start, start + 3) == "The second names Foo town."


def test_geojson_is_rfc7946_with_typed_properties(results) -> None:
    doc = json.loads(export.geojson_text(export.to_frame(_incidents(results))))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    first, second = doc["features"][:2]
    assert first["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}  # [lon, lat]
    assert first["properties"]["killed"] == 2 and second["properties"]["killed"] is None
    assert first["properties"]["weapons"] == ["drone"]
    assert list(first["properties"]) == list(export.INCIDENT_COLUMNS)


def test_records_geojson_is_the_frames_geojson(results) -> None:
    results[0].incidents[1].lat = float("nan")  # left out by both
    results[1].incidents[0].killed = None
    results[1].toponyms[1].admin1 = None  # a missing string property: null both ways
    incidents = _incidents(results)
    assert export.records_geojson(export.incident_records(incidents)) == export.geojson_text(export.to_frame(incidents))
    assert export.records_geojson(export.place_records(results)) == export.geojson_text(export.places_frame(results))
    assert export.records_geojson([]) == export.geojson_text(export.to_frame([]))


def test_records_have_the_frames_columns_and_plain_types(results) -> None:
    records = export.incident_records(_incidents(results))
    assert [list(r) for r in records] == [list(export.INCIDENT_COLUMNS)] * 4
    assert [r["killed"] for r in records] == [2, None, None, 0]
    places = export.place_records(results)
    assert [p["name"] for p in places] == export.places_frame(results)["name"].tolist()
    assert all(type(p["geonameid"]) is int and type(p["score"]) is float for p in places)


def test_geojson_layers_need_no_pandas(tmp_path: Path) -> None:
    """The default output (GeoJSON) is written without importing pandas or geopandas."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
        "from _map_fixtures import make_results; from mapper import export; "
        "export.write_layers(make_results(), out_dir=Path(sys.argv[2]), name='x'); "
        "print(sorted(m for m in ('pandas', 'geopandas', 'pyogrio') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(tmp_path)],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert out.strip() == "[]"
    assert json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))["features"]


@pytest.mark.slow
def test_pandas_free_geojson_equals_the_frames_on_real_articles() -> None:
    """On the sample and the project's real reports (train and dev parts), the GeoJSON written
    from records (no pandas) is byte for byte what geopandas' frames give."""
    from conftest import ROOT, SAMPLE
    from mapper.articles import read_articles
    from mapper.pipeline import process

    split = json.loads((ROOT / "benchmarks" / "real" / "split.json").read_text(encoding="utf-8"))["reports"]
    ids = {i for part in ("train", "dev") for i in split[part]}
    reports = [a for a in read_articles([ROOT / "benchmarks" / "real" / "reports.jsonl"]) if a.id in ids]
    assert len(reports) >= 20
    for articles in (read_articles([SAMPLE]), reports):
        results = list(process(articles, progress=False))
        incidents = _incidents(results)
        assert incidents, "no incidents: the comparison would be empty"
        assert export.records_geojson(export.incident_records(incidents)) == export.geojson_text(export.to_frame(incidents))
        assert export.records_geojson(export.place_records(results)) == export.geojson_text(export.places_frame(results))


def _shapes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "admin1_code": ["UA.01", "UA.02", "CH.GE"],
            "name": ["Testland Oblast", "Eastern Oblast", "Genève"],
            "country_code": ["UA", "UA", "CH"],
            "geonameid": [11, 12, 13],
        },
        geometry=[box(29, 49, 32, 52), box(35, 45, 40, 50.5), box(5.5, 45.8, 6.4, 46.5)],
        crs="EPSG:4326",
    )


def test_regions_frame_counts_incidents_per_polygon(results) -> None:
    regions = export.regions_frame(results, shapes=_shapes())
    got = dict(zip(regions["admin1_code"], regions["incidents"], strict=True))
    assert got == {"CH.GE": 1, "UA.01": 1, "UA.02": 2}
    east = regions[regions["admin1_code"] == "UA.02"].iloc[0]
    assert east["attacks"] == 2 and east["killed"] == 0


def test_regions_frame_falls_back_to_admin1_name(results) -> None:
    shapes = _shapes()
    shapes.loc[1, "geometry"] = box(100, 0, 101, 1)  # polygon elsewhere: match by name
    regions = export.regions_frame(results, shapes=shapes)
    assert dict(zip(regions["admin1_code"], regions["incidents"], strict=True))["UA.02"] == 2


def test_regions_frame_without_shapes_is_empty(results) -> None:
    empty = gpd.GeoDataFrame({"admin1_code": [], "name": [], "country_code": [], "geonameid": []},
                             geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")  # fmt: skip
    assert len(export.regions_frame(results, shapes=empty)) == 0


def test_write_layers_every_format_opens_with_gdal(results, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(export, "admin1_shapes", _shapes)
    paths = export.write_layers(results, out_dir=tmp_path, name="news", formats=ALL)
    names = sorted(p.name for p in paths)
    assert names == sorted([
        "news.geojson", "news.places.geojson", "news.gpkg", "news.parquet", "news.places.parquet",
        "news.csv", "news.csvt", "news.places.csv", "news.fgb", "news.places.fgb",
    ])  # fmt: skip

    for path in (tmp_path / "news.geojson", tmp_path / "news.fgb"):
        info = pyogrio.read_info(path)
        assert info["features"] == 4
        assert info["geometry_type"] == "Point"
    layers = dict(pyogrio.list_layers(tmp_path / "news.gpkg"))
    assert set(layers) == {"incidents", "places", "regions"}
    assert pyogrio.read_info(tmp_path / "news.gpkg", layer="regions")["features"] == 3
    assert pyogrio.read_info(tmp_path / "news.gpkg", layer="places")["features"] == 5

    gpkg = pyogrio.read_dataframe(tmp_path / "news.gpkg", layer="incidents")
    info = pyogrio.read_info(tmp_path / "news.gpkg", layer="incidents")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["killed"] == "int64" and types["geo_precision"] == "int64" and types["lat"] == "float64"
    assert gpkg["killed"].isna().tolist() == [False, True, True, False]
    assert gpkg.loc[2, "participants"] == "Ukraine; United States"
    assert gpkg.geometry.x.round(5).tolist() == [30.52, 36.23, 6.14, 37.8]

    fgb = pyogrio.read_dataframe(tmp_path / "news.fgb")
    assert sorted(fgb["place"]) == ["Hilltown", "Lakeview", "Ridgeport", "Riverton"]

    # GeoJSON read by GDAL keeps list and integer types
    gj = pyogrio.read_info(tmp_path / "news.geojson")
    gtypes = dict(zip(gj["fields"], gj["dtypes"], strict=True))
    assert gtypes["weapons"] == "list(str)" and gtypes["killed"].startswith("int")

    parquet = gpd.read_parquet(tmp_path / "news.parquet")
    assert len(parquet) == 4 and parquet.crs.to_epsg() == 4326
    assert list(parquet.loc[0, "weapons"]) == ["drone"]
    assert str(parquet["killed"].dtype) == "Int64"

    csv_info = pyogrio.read_info(
        tmp_path / "news.csv", X_POSSIBLE_NAMES="longitude", Y_POSSIBLE_NAMES="latitude"
    )
    ctypes = dict(zip(csv_info["fields"], csv_info["dtypes"], strict=True))
    assert csv_info["features"] == 4 and csv_info["geometry_type"] == "Point"
    assert ctypes["fatalities"].startswith("int") and ctypes["latitude"] == "float64"
    table = pd.read_csv(tmp_path / "news.csv")
    assert table.loc[2, "actors"] == "Ukraine; United States"
    assert table["fatalities"].isna().tolist() == [False, True, True, False]


def test_write_layers_is_byte_identical(results, tmp_path: Path) -> None:
    one = export.write_layers(results, out_dir=tmp_path / "a", name="x", formats=ALL)
    two = export.write_layers(results, out_dir=tmp_path / "b", name="x", formats=ALL)
    for p, q in zip(one, two, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name


def test_write_layers_empty_results(tmp_path: Path) -> None:
    paths = export.write_layers([], out_dir=tmp_path, name="none", formats=ALL)
    assert pyogrio.read_info(tmp_path / "none.gpkg", layer="incidents")["features"] == 0
    assert json.loads((tmp_path / "none.geojson").read_text())["features"] == []
    assert all(p.exists() for p in paths)


def test_write_layers_rejects_unknown_format(results, tmp_path: Path) -> None:
    with pytest.raises(MapperError, match="unknown layer format"):
        export.write_layers(results, out_dir=tmp_path, name="x", formats=["shp"])


def test_write_layers_does_not_overwrite_foreign_files(results, tmp_path: Path) -> None:
    (tmp_path / "x.geojson").write_text("mine")
    with pytest.raises(MapperError, match="not written by mapper"):
        export.write_layers(results, out_dir=tmp_path, name="x")
    assert (tmp_path / "x.geojson").read_text() == "mine"
    export.write_layers(results, out_dir=tmp_path, name="x", force=True)
    export.write_layers(results, out_dir=tmp_path, name="x")  # its own file: fine
    assert json.loads((tmp_path / "x.geojson").read_text())["features"]


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="ogrinfo (gdal-bin) not installed")
def test_ogrinfo_reads_geopackage(results, tmp_path: Path) -> None:
    export.write_layers(results, out_dir=tmp_path, name="g", formats=["gpkg"])
    out = subprocess.run(["ogrinfo", "-so", "-al", str(tmp_path / "g.gpkg")], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    assert "Layer name: incidents" in out and "Feature Count: 4" in out
    assert "killed: Integer" in out


def test_incidents_without_coordinates_are_left_out(results) -> None:
    bad = results[0].incidents[1]
    bad.lat = float("nan")
    frame = export.to_frame(_incidents(results))
    assert len(frame) == 3 and "Hilltown" not in set(frame["place"])
    doc = json.loads(export.geojson_text(frame))  # still valid JSON (no NaN)
    assert len(doc["features"]) == 3


def _unplaced(results: list[ArticleResult]) -> None:
    """Make the second incident one told at a place the gazetteer does not know."""
    inc = results[0].incidents[1]
    inc.lat = inc.lon = inc.geo_precision = None
    inc.geonameid, inc.feature_code = 0, ""


def test_an_incident_with_no_point_is_kept_with_no_geometry_in_every_format(results, tmp_path: Path) -> None:
    _unplaced(results)
    place = results[0].incidents[1].place
    export.write_layers(results, out_dir=tmp_path, name="u", formats=ALL)
    doc = json.loads((tmp_path / "u.geojson").read_text())
    [feature] = [f for f in doc["features"] if f["properties"]["place"] == place]
    assert feature["geometry"] is None and feature["properties"]["geo_precision"] is None
    assert feature["properties"]["killed"] is None or isinstance(feature["properties"]["killed"], int)
    for path, layer in ((tmp_path / "u.gpkg", "incidents"), (tmp_path / "u.fgb", None), (tmp_path / "u.parquet", None)):
        frame = gpd.read_parquet(path) if path.suffix == ".parquet" else pyogrio.read_dataframe(path, layer=layer)
        assert len(frame) == 4, path.name
        row = frame[frame["place"] == place]
        assert row.geometry.isna().all() and row["lat"].isna().all(), path.name
        assert frame[frame["place"] != place].geometry.notna().all(), path.name
    table = pd.read_csv(tmp_path / "u.csv")
    row = table[table["location"] == place]
    assert row["latitude"].isna().all() and row["geo_precision"].isna().all()
