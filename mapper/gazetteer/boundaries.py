"""Simplified Natural Earth boundaries shipped in ``data/gazetteer``.

``admin1.geojson`` / ``countries.geojson`` (made by ``tools/make_boundaries.py``;
Crimea and Sevastopol in Ukraine), EPSG:4326, come two ways:

* ``admin1_table()`` / ``country_table()``: a :class:`ShapeTable` (shapely
  geometries and their properties, column-wise) without pandas, for the map
  and the lookups of a short run (importing geopandas and pandas took longer
  than drawing the map);
* ``admin1_shapes()`` / ``country_shapes()``: GeoDataFrames, for the GIS layers
  that need them (the GeoPackage's regions).

``admin1_code_at(lat, lon)`` finds the admin-1 area containing a point with a
shapely STRtree built on first use; ``area_shape`` gives one area's polygon.
Each file is parsed once and kept as pickles in the cache folder beside the
gazetteer index, keyed by the file's size and time, because parsing it took
longer than the rest of a short run. ``country_point(centre, reference)``
chooses a country's representative point (used when the index is built).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mapper.geodesy import haversine_km
from mapper.paths import cached, data_file

if TYPE_CHECKING:
    import geopandas as gpd

ADMIN1_FILE = "admin1.geojson"
COUNTRIES_FILE = "countries.geojson"
ADMIN1_COLUMNS = ("admin1_code", "name", "country_code", "geonameid")
COUNTRY_COLUMNS = ("country_code", "name")
REFERENCE_POINTS_FILE = "country_points.tsv"
# a reference point farther than this from the centre of the main landmass replaces it
FAR_KM = 250.0
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class ShapeTable:
    """Polygons and their properties, column-wise, in file order (no pandas).

    ``table["name"]`` is a column (a tuple, one value per row), ``table.geometry``
    the shapely geometries (an object array), ``len(table)`` the number of rows.
    A GeoDataFrame answers the same three, so code that reads only them takes
    either.
    """

    columns: Mapping[str, tuple[Any, ...]]
    geometry: np.ndarray

    @classmethod
    def of(cls, geometry: Sequence[Any], **columns: Sequence[Any]) -> ShapeTable:
        """A table from its geometries and columns (``ShapeTable.of([poly], name=["A"])``)."""
        geoms = np.empty(len(geometry), dtype=object)
        geoms[:] = list(geometry)
        for name, values in columns.items():
            if len(values) != len(geoms):
                raise ValueError(f"column {name!r} has {len(values)} values for {len(geoms)} geometries")
        return cls({name: tuple(values) for name, values in columns.items()}, geoms)

    def __len__(self) -> int:
        return len(self.geometry)

    def __getitem__(self, column: str) -> tuple[Any, ...]:
        return self.columns[column]

    def take(self, rows: Sequence[int]) -> ShapeTable:
        """The rows at these positions, in the order given."""
        picked = np.asarray(rows, dtype=np.int64)
        return ShapeTable({name: tuple(values[r] for r in picked.tolist()) for name, values in self.columns.items()},
                          self.geometry[picked])


def _read_table(name: str, columns: Sequence[str]) -> ShapeTable:
    """A boundary file as a :class:`ShapeTable` (parsed once, then read from the cache folder)."""
    import shapely

    def read(path: Path) -> tuple[Any, dict[str, list[Any]]]:
        data = json.loads(path.read_text(encoding="utf-8"))
        geoms = [shapely.geometry.shape(f["geometry"]) for f in data["features"]]
        props = {c: [f["properties"].get(c) for f in data["features"]] for c in columns}
        return shapely.to_wkb(geoms), props

    with _LOCK:
        wkbs, props = cached(data_file("gazetteer", name), f"table-{'-'.join(columns)}", read)
    return ShapeTable.of(shapely.from_wkb(wkbs), **props)


@lru_cache(maxsize=1)
def admin1_table() -> ShapeTable:
    """Admin-1 boundaries without pandas: the columns of :func:`admin1_shapes`, the same rows."""
    return _read_table(ADMIN1_FILE, ADMIN1_COLUMNS)


@lru_cache(maxsize=1)
def country_table() -> ShapeTable:
    """Country boundaries without pandas: the columns of :func:`country_shapes`, the same rows."""
    return _read_table(COUNTRIES_FILE, COUNTRY_COLUMNS)


def _read_frame(name: str, columns: Sequence[str]) -> gpd.GeoDataFrame:
    import geopandas as gpd

    def read(path: Path) -> gpd.GeoDataFrame:
        frame = gpd.read_file(path)
        if frame.crs is None:
            frame = frame.set_crs("EPSG:4326")
        return frame[[*columns, "geometry"]]

    return cached(data_file("gazetteer", name), f"geopandas-{gpd.__version__}", read)


@lru_cache(maxsize=1)
def admin1_shapes() -> gpd.GeoDataFrame:
    """Admin-1 boundaries.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``admin1_code`` (GeoNames key ``CC.XX``), ``name``,
        ``country_code``, ``geonameid``, ``geometry`` (EPSG:4326).
    """
    return _read_frame(ADMIN1_FILE, ADMIN1_COLUMNS)


@lru_cache(maxsize=1)
def country_shapes() -> gpd.GeoDataFrame:
    """Country boundaries: columns ``country_code``, ``name``, ``geometry`` (EPSG:4326)."""
    return _read_frame(COUNTRIES_FILE, COUNTRY_COLUMNS)


@lru_cache(maxsize=1)
def reference_country_points() -> dict[str, tuple[float, float]]:
    """Published country points (CIA World Factbook, ``data/gazetteer/country_points.tsv``).

    Returns
    -------
    dict
        ISO country code -> (lat, lon).
    """
    out: dict[str, tuple[float, float]] = {}
    for line in data_file("gazetteer", REFERENCE_POINTS_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            out[cols[0].strip()] = (float(cols[1]), float(cols[2]))
    return out


def country_point(
    centre: tuple[float, float] | None,
    reference: tuple[float, float] | None,
    *,
    geometry: Any | None = None,
    far_km: float = FAR_KM,
) -> tuple[float, float] | None:
    """The representative point of a country.

    The equal-area centre of the country's main landmass is exact for a
    compact country, but it leaves out the rest of an archipelago
    (Indonesia, the Philippines, New Zealand) or of a country with large
    islands (Canada's Arctic), and it is far from where an elongated country
    is usually put. When it lies more than ``far_km`` from the published
    reference point, the reference point is taken (moved to the nearest
    point of the country's boundary when it falls at sea); otherwise the
    centre.

    Parameters
    ----------
    centre : tuple of float or None
        (lat, lon) of the main landmass's centre.
    reference : tuple of float or None
        (lat, lon) of the published point (see ``reference_country_points``).
    geometry : shapely geometry or None
        The country's (multi)polygon, lon/lat; None: no move to land.
    far_km : float
        Distance beyond which the two are said to disagree.

    Returns
    -------
    tuple of float or None
        (lat, lon); the one given when the other is None.
    """
    if centre is None or reference is None:
        return centre if centre is not None else reference
    if haversine_km(*centre, *reference) <= far_km:
        return centre
    if geometry is not None and not geometry.is_empty:
        from shapely import Point
        from shapely.ops import nearest_points

        pt = Point(reference[1], reference[0])
        if not geometry.intersects(pt):
            land = nearest_points(geometry, pt)[0]
            return round(land.y, 4), round(land.x, 4)
    return reference


@lru_cache(maxsize=1)
def _admin1_tree() -> tuple[Any, list[Any], list[str]]:
    import shapely
    from shapely import STRtree

    table = admin1_table()
    geoms = list(table.geometry)
    shapely.prepare(geoms)
    return STRtree(geoms), geoms, list(table["admin1_code"])


def admin1_code_at(lat: float, lon: float) -> str | None:
    """The GeoNames admin-1 key (``CC.XX``) of the area containing a point.

    Parameters
    ----------
    lat, lon : float
        WGS84 point.

    Returns
    -------
    str or None
        None at sea or outside every admin-1 boundary.
    """
    from shapely import Point

    tree, geoms, codes = _admin1_tree()
    if tree is None:
        return None
    pt = Point(lon, lat)
    hits = sorted(int(i) for i in tree.query(pt, predicate="intersects"))
    if hits:
        return codes[hits[0]]
    # points on a coastline simplified away: nearest area within ~5 km
    i = tree.nearest(pt)
    if i is not None and geoms[int(i)].distance(pt) < 0.05:
        return codes[int(i)]
    return None


# the thirds of a bounding box each compass direction keeps: (rows south->north, columns west->east)
_COMPASS_CELLS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "N": ((2,), (0, 1, 2)),
    "S": ((0,), (0, 1, 2)),
    "E": ((0, 1, 2), (2,)),
    "W": ((0, 1, 2), (0,)),
    "C": ((1,), (1,)),
    "NE": ((2,), (2,)),
    "NW": ((2,), (0,)),
    "SE": ((0,), (2,)),
    "SW": ((0,), (0,)),
}


def compass_part_point(geometry: Any, direction: str) -> tuple[float, float] | None:
    """A point (lat, lon) in the "southern", "north-eastern", ... part of an area.

    The main part of the area (its largest polygon) is cut into thirds along
    each axis of its bounding box; the direction keeps the matching band
    ("S": the southern third; "NE": the north-east ninth; "C": the centre
    ninth). The point is the centroid of the largest piece of the area in
    that band, or a point surely inside it when the centroid falls outside.

    Parameters
    ----------
    geometry : shapely geometry
        The area's (multi)polygon, lon/lat.
    direction : str
        One of ``N S E W C NE NW SE SW``.

    Returns
    -------
    tuple of float or None
        (lat, lon) rounded to 4 decimals; None for an unknown direction or an
        empty area.
    """
    import shapely

    cells = _COMPASS_CELLS.get(direction)
    if cells is None or geometry is None or geometry.is_empty:
        return None
    parts = list(getattr(geometry, "geoms", [geometry]))
    main = max(parts, key=lambda p: p.area)
    minx, miny, maxx, maxy = main.bounds
    w, h = (maxx - minx) / 3.0, (maxy - miny) / 3.0
    rows, cols = cells
    band = shapely.box(minx + w * min(cols), miny + h * min(rows), minx + w * (max(cols) + 1), miny + h * (max(rows) + 1))
    piece = main.intersection(band)
    pieces = [p for p in getattr(piece, "geoms", [piece]) if p.area > 0]
    if not pieces:
        return None
    best = max(pieces, key=lambda p: p.area)
    pt = best.centroid
    if not best.contains(pt):
        pt = best.representative_point()
    return round(pt.y, 4), round(pt.x, 4)


def area_shape(*, country_code: str, admin1_code: str | None = None) -> Any | None:
    """The boundary of a country, or of one of its admin-1 areas; None if not shipped."""
    if admin1_code:
        table, wanted = admin1_table(), admin1_code
        codes = table["admin1_code"]
    else:
        table, wanted = country_table(), country_code
        codes = table["country_code"]
    for geom, code in zip(table.geometry, codes, strict=True):
        if code == wanted:
            return geom
    return None
