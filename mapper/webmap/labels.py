"""Place names on the offline basemap: countries, admin-1 areas and towns, more as one zooms in.

With no tiles the basemap is outlines only, and a reader cannot tell one city
from the next without clicking. This module picks the names to write on it:

* every country (Natural Earth outline; the label sits at the pole of
  inaccessibility of its largest part);
* the admin-1 areas of the countries with incidents;
* towns from the gazetteer: the largest of the world, the larger ones of the
  countries with incidents, and smaller ones near an incident;
* the towns that incidents are placed at, by the name and at the point of their
  marker, set off to the right of it: on a map of a few incidents at every zoom,
  on a corpus map a little earlier than their size alone would allow.

Each label gets the zoom from which it may show (a larger area or town, an
earlier zoom; thresholds in ``style.json``, ``labels``) and its rank: the page
(``data/webmap/map.js``) draws labels in rank order and skips one that would
overlap a label already drawn, in a pane under the markers, so a name never
hides an incident.

A label is ``[lat, lon, name, class, min_zoom, dx]``: class 0 country, 1 admin-1
area, 2 town, 3 town with an incident (and its geonameid as a seventh item: the
page writes it as a plain town while the filter hides its incidents); ``dx``
pixels between the point and the name; ``name`` is escaped HTML. Admin-1 areas
take the gazetteer's name, the one the popups use.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.ops import polylabel

from mapper.geodesy import haversine_km
from mapper.model import Incident
from mapper.webmap.popup import esc

__all__ = ["COUNTRY", "REGION", "TOWN", "INCIDENT_TOWN", "basemap_labels", "zoom_for"]

COUNTRY, REGION, TOWN, INCIDENT_TOWN = 0, 1, 2, 3
_EARTH_KM = 6371.0088
_SAME_TOWN_KM = 50.0  # the gazetteer's record of an incident's town, when it lies this near (for its population)


def zoom_for(value: float, tiers: Sequence[Sequence[float]]) -> int:
    """The zoom of the first ``[threshold, zoom]`` tier whose threshold ``value`` reaches."""
    for threshold, zoom in tiers:
        if value >= threshold:
            return int(zoom)
    return int(tiers[-1][1])


def _label_point(geom: Any, *, tolerance: float) -> tuple[float, float, float] | None:
    """(lat, lon, size on a Web Mercator map in square degrees) of an area's largest part."""
    if geom is None or geom.is_empty:
        return None
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    if not parts:
        return None
    part = max(parts, key=lambda p: p.area)
    point = polylabel(part, tolerance=tolerance)
    lat = point.y
    size = sum(p.area for p in parts) / max(math.cos(math.radians(lat)), 0.05)
    return round(lat, 4), round(point.x, 4), size


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _near(points: Sequence[tuple[float, float]], towns: Sequence[Any], *, km: float) -> list[bool]:
    """Which towns lie within ``km`` of one of ``points``."""
    if not points or not towns:
        return [False] * len(towns)
    from scipy.spatial import cKDTree

    tree = cKDTree(_unit(np.array([p[0] for p in points]), np.array([p[1] for p in points])))
    chord = 2 * math.sin(km / _EARTH_KM / 2)
    dist, _ = tree.query(_unit(np.array([t.lat for t in towns]), np.array([t.lon for t in towns])),
                         distance_upper_bound=chord)  # fmt: skip
    return [bool(d <= chord) for d in dist]


def basemap_labels(
    incidents: Sequence[Incident],
    *,
    countries: Any,
    admin1: Any,
    gazetteer: Any,
    style: Mapping[str, Any],
    marker_sizes: Mapping[int, int] | None = None,
    every_town: bool = False,
) -> list[list[Any]]:
    """The labels of the map, in rank order.

    Parameters
    ----------
    incidents : sequence of Incident
        The incidents with a location.
    countries, admin1 : GeoDataFrame or None
        Country and admin-1 outlines (:func:`mapper.export.country_shapes`,
        :func:`mapper.export.admin1_shapes`).
    gazetteer : Gazetteer or None
        Where the towns come from (:meth:`mapper.gazetteer.Gazetteer.towns`).
    style : Mapping
        The map style; its ``labels`` entry holds the thresholds.
    marker_sizes : mapping, optional
        geonameid -> the largest marker drawn there, to set a town's name off its marker.
    every_town : bool
        Name every town with an incident at every zoom (a map of a few
        incidents); otherwise they come with zoom as the others, a little earlier.
    """
    spec = style["labels"]
    sizes = marker_sizes or {}
    ccs = sorted({i.country_code for i in incidents if i.country_code})
    incident_towns: dict[int, list[Incident]] = {}
    for inc in incidents:
        if inc.geo_precision <= 2 and (inc.feature_code or "").startswith("PPL"):
            incident_towns.setdefault(inc.geonameid, []).append(inc)
    region_names = {(i.country_code, i.admin1) for i in incidents if i.geo_precision >= 3}  # as the boundaries name them

    first: list[list[Any]] = []  # incident towns, by incidents there, then population
    for gid, incs in incident_towns.items():
        lat, lon, name = incs[0].lat, incs[0].lon, incs[0].place  # where the marker is, as the popup names it
        place = gazetteer.get(gid) if gazetteer is not None else None
        near = place is not None and haversine_km(place.lat, place.lon, lat, lon) <= _SAME_TOWN_KM
        population = place.population if near else 0
        zoom = 2 if every_town else max(2, zoom_for(population, spec["town_zoom"]) - spec["incident_zoom_lead"])
        dx = sizes.get(gid, style["marker"]["base_size"]) // 2 + 3
        first.append([-len(incs), -population, name, gid, [round(lat, 4), round(lon, 4), esc(name), INCIDENT_TOWN, zoom, dx, gid]])
    first.sort(key=lambda r: r[:4])
    out = [r[-1] for r in first]

    if countries is not None:
        rows = []
        for name, geom in zip(countries["name"], countries.geometry, strict=True):
            point = _label_point(geom, tolerance=0.05)
            if point is not None:
                rows.append((-point[2], str(name), [point[0], point[1], esc(name), COUNTRY, zoom_for(point[2], spec["country_zoom"]), 0]))
        out += [r[-1] for r in sorted(rows, key=lambda r: r[:2])]

    areas_first, areas_later = [], []
    if admin1 is not None and ccs:
        inside = admin1[admin1["country_code"].isin(ccs)]
        for cc, name, gid, geom in zip(inside["country_code"], inside["name"], inside["geonameid"], inside.geometry, strict=True):
            point = _label_point(geom, tolerance=0.02)
            if point is None:
                continue
            hit = (cc, name) in region_names
            area = gazetteer.get(int(gid)) if gazetteer is not None and gid else None
            name = area.name if area is not None and area.feature_code == "ADM1" else name  # as the popups name it
            zoom = zoom_for(point[2], spec["admin1_zoom"]) - (spec["region_zoom_lead"] if hit else 0)
            row = (-point[2], str(name), [point[0], point[1], esc(name), REGION, max(2, zoom), 0])
            (areas_first if hit else areas_later).append(row)
    out += [r[-1] for r in sorted(areas_first, key=lambda r: r[:2])]

    if gazetteer is not None:
        towns = {p.geonameid: p for p in gazetteer.towns(min_population=spec["world_town_population"])}
        if ccs:
            towns.update((p.geonameid, p) for p in gazetteer.towns(min_population=spec["country_town_population"], countries=ccs))
            small = [p for p in gazetteer.towns(min_population=spec["near_town_population"], countries=ccs)
                     if p.geonameid not in towns]  # fmt: skip
            points = sorted({(round(i.lat, 3), round(i.lon, 3)) for i in incidents})
            towns.update((p.geonameid, p) for p, near in zip(small, _near(points, small, km=spec["near_km"]), strict=True) if near)
        for place in sorted(towns.values(), key=lambda p: (-p.population, p.name, p.geonameid)):
            if place.geonameid in incident_towns:
                continue
            zoom = zoom_for(place.population, spec["town_zoom"])
            out.append([round(place.lat, 4), round(place.lon, 4), esc(place.name), TOWN, zoom, 5])
    out += [r[-1] for r in sorted(areas_later, key=lambda r: r[:2])]
    return out
