"""End to end on the sample article: `mapper map` and `mapper extract` as a user runs them.

The expected places are checked against coordinates known independently of the
gazetteer (rounded from public references), so a wrong resolution fails here.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow  # runs the command line in fresh processes

# Independent reference coordinates (lat, lon).
KYIV = (50.45, 30.52)
KHARKIV = (49.99, 36.23)
KRYVYI_RIH = (47.91, 33.39)
GENEVA = (46.20, 6.15)
ZAPORIZHZHIA_OBLAST_CENTRE = (47.45, 35.75)
DNIPROPETROVSK_OBLAST_CENTRE = (48.35, 34.95)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def run_mapper(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mapper", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def mapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("maps")
    proc = run_mapper("map", str(SAMPLE), "-o", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def incidents(mapped: Path):
    import geopandas as gpd

    frame = gpd.read_file(mapped / f"{SAMPLE.stem}.geojson")
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    return frame


def _near(incidents, kind: str, where: tuple[float, float], limit_km: float = 25.0):
    rows = incidents[incidents["kind"] == kind]
    hits = [row for _, row in rows.iterrows() if km((row.geometry.y, row.geometry.x), where) <= limit_km]
    return hits


def test_map_writes_html_and_geojson(mapped: Path) -> None:
    html = (mapped / f"{SAMPLE.stem}.html").read_text(encoding="utf-8")
    assert "leaflet" in html.lower()
    assert (mapped / f"{SAMPLE.stem}.geojson").stat().st_size > 0


@pytest.mark.parametrize("where", [KYIV, KHARKIV, KRYVYI_RIH], ids=["kyiv", "kharkiv", "kryvyi-rih"])
def test_city_attacks(incidents, where) -> None:
    hits = _near(incidents, "attack", where)
    assert hits, f"no attack within 25 km of {where}"
    assert all(h["geo_precision"] in (1, 2) for h in hits)


def test_region_attacks(incidents) -> None:
    hits = _near(incidents, "attack", ZAPORIZHZHIA_OBLAST_CENTRE, limit_km=60.0)
    assert any(h["geo_precision"] == 3 for h in hits)


@pytest.mark.parametrize("centre", [DNIPROPETROVSK_OBLAST_CENTRE, (49.5, 36.5)], ids=["dnipropetrovsk", "kharkiv"])
def test_a_region_told_with_a_town_inside_it_is_the_towns_attack(incidents, centre) -> None:
    # "Attacks also took place in the regions of Kharkiv, Zaporizhia and Dnipropetrovsk, with officials reporting
    # seven wounded in Kharkiv and another in Kryvyi Rih in Dnipropetrovsk": one incident at each town
    assert not [h for h in _near(incidents, "attack", centre, limit_km=60.0) if h["geo_precision"] == 3]


@pytest.mark.parametrize("where", [(38.90, -77.04), (55.75, 37.62)], ids=["washington", "moscow"])
def test_actor_capitals_are_not_attack_sites(incidents, where) -> None:
    assert not _near(incidents, "attack", where, limit_km=50.0)


def test_diplomacy_in_geneva(incidents) -> None:
    hits = _near(incidents, "diplomacy", GENEVA)
    assert hits and all(h["country_code"] == "CH" for h in hits)


def test_casualties_and_date(incidents) -> None:
    kharkiv = _near(incidents, "attack", KHARKIV)
    assert any(h["wounded"] == 7 for h in kharkiv)
    kryvyi_rih = _near(incidents, "attack", KRYVYI_RIH)
    assert any(h["wounded"] == 1 for h in kryvyi_rih)
    kyiv = _near(incidents, "attack", KYIV)
    assert any(h["killed"] == 0 and h["wounded"] == 0 for h in kyiv)
    # GDAL reads ISO date strings as dates; compare the day.
    assert any(str(h["date"])[:10] == "2026-02-25" for h in kyiv)


def test_extract_jsonl_offsets_index_the_text(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]
    line = {"id": "keep-this-id-42", "text": text, "date": "2026-02-26"}
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps(line) + "\n", encoding="utf-8")
    proc = run_mapper("extract", str(src))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]
    assert len(rows) == 1 and rows[0]["id"] == "keep-this-id-42"
    toponyms = rows[0]["toponyms"]
    assert toponyms
    for t in toponyms:
        assert text[t["start"] : t["end"]] == t["name"]
        assert -90 <= t["lat"] <= 90 and -180 <= t["lon"] <= 180
    assert {i["kind"] for i in rows[0]["incidents"]} >= {"attack", "diplomacy"}
