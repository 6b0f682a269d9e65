"""The shared great-circle helpers: distance and the point at a distance and bearing."""

from __future__ import annotations

import pytest

from mapper.geodesy import destination, haversine_km


@pytest.mark.parametrize("bearing", [0.0, 45.0, 90.0, 135.0, 180.0, 225.0, 270.0, 315.0])
def test_destination_lies_at_the_distance_asked(bearing: float) -> None:
    lat, lon = destination(2.04, 45.34, bearing=bearing, km=90.0)
    assert haversine_km(2.04, 45.34, lat, lon) == pytest.approx(90.0, rel=1e-9)


def test_destination_goes_the_way_asked_and_wraps_the_antimeridian() -> None:
    lat, lon = destination(10.0, 20.0, bearing=0.0, km=111.2)
    assert lat == pytest.approx(11.0, abs=0.01) and lon == pytest.approx(20.0)
    lat, lon = destination(10.0, 20.0, bearing=270.0, km=100.0)
    assert lon < 20.0 and lat == pytest.approx(10.0, abs=0.01)
    lat, lon = destination(60.0, 179.9, bearing=90.0, km=50.0)
    assert -180.0 <= lon < -179.0
