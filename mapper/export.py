"""GIS layers: incidents, places and affected regions as records, GeoDataFrames and files.

Three layers come out of a set of :class:`~mapper.model.ArticleResult`:

``incidents``
    one point per :class:`~mapper.model.Incident`, the DESIGN contract columns
    (:func:`incident_records`, :func:`to_frame`);
``places``
    one point per distinct gazetteer place mentioned, with how often and in which
    role (:func:`place_records`, :func:`places_frame`);
``regions``
    admin-1 polygons with the number of incidents inside (:func:`regions_frame`;
    needs :mod:`mapper.gazetteer.boundaries`, empty without it).

:func:`write_layers` writes them. Single-layer formats get one file per layer:
``NAME.<ext>`` holds the incidents and ``NAME.places.<ext>`` the places
(GeoJSON, GeoParquet, CSV, FlatGeobuf); the GeoPackage ``NAME.gpkg`` holds the
three layers ``incidents``, ``places`` and ``regions``. GeoJSON follows RFC 7946
(``[lon, lat]``, lists as JSON arrays, ``killed``/``wounded`` an int or null);
GeoPackage, FlatGeobuf and CSV join lists with ``"; "``; GeoParquet keeps real
list columns. CSV uses ACLED-like column names with ``latitude``/``longitude``
and a ``.csvt`` sidecar so GDAL reads the right types.

GeoJSON, the default output, is written from the records with the json module;
pandas and geopandas are imported only for the frames the other formats need
(importing them took longer than writing the layers), and the map reads the
records and the pandas-free boundary tables (:func:`admin1_table`,
:func:`country_table`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from mapper.files import atomic_path, atomic_write
from mapper.ids import incident_ids
from mapper.model import ArticleResult, Incident, MapperError
from mapper.names import country_name, fold

if TYPE_CHECKING:
    import geopandas as gpd

    from mapper.gazetteer.boundaries import ShapeTable

__all__ = [
    "FORMATS",
    "INCIDENT_COLUMNS",
    "PLACE_COLUMNS",
    "REGION_COLUMNS",
    "admin1_shapes",
    "admin1_table",
    "country_shapes",
    "country_table",
    "has_location",
    "incident_records",
    "incident_regions",
    "json_value",
    "place_records",
    "places_frame",
    "polygonal",
    "records_geojson",
    "regions_frame",
    "to_frame",
    "write_layers",
]

log = logging.getLogger(__name__)

CRS = "EPSG:4326"
FORMATS = ("geojson", "gpkg", "parquet", "csv", "fgb")
LIST_SEP = "; "

#: The incident contract columns, in order (DESIGN.md "Incident"); ``id`` is the stable
#: feature id (:mod:`mapper.ids`), the same in every format and in the store.
INCIDENT_COLUMNS = (
    "id",
    "kind", "event_type", "sub_event_type", "place", "geonameid", "country_code", "admin1",
    "lat", "lon", "geo_precision", "date", "date_precision", "weapons", "killed", "wounded",
    "damage", "participants", "sources", "evidence", "reason", "article_id", "feature_code",
    "title", "url", "actor1", "actor2", "abducted", "arrested",
)  # fmt: skip
LIST_COLUMNS = ("weapons", "damage", "participants", "sources")
INT_COLUMNS = ("geonameid",)
NULLABLE_INT_COLUMNS = ("geo_precision", "killed", "wounded", "abducted", "arrested")

PLACE_COLUMNS = (
    "name", "names", "geonameid", "feature_code", "country_code", "admin1", "lat", "lon",
    "roles", "mentions", "incidents", "articles", "score", "reason", "context",
)  # fmt: skip
PLACE_LIST_COLUMNS = ("names", "roles", "articles")

REGION_COLUMNS = (
    "admin1_code", "name", "country_code", "geonameid", "incidents", "attacks", "diplomacy",
    "other", "killed", "wounded",
)  # fmt: skip

#: CSV columns (ACLED-like names) -> (GDAL .csvt type, how to get the value).
CSV_COLUMNS: dict[str, str] = {
    "id": "String",
    "event_date": "String",
    "year": "Integer",
    "time_precision": "Integer",
    "kind": "String",
    "event_type": "String",
    "sub_event_type": "String",
    "actors": "String",
    "actor1": "String",
    "actor2": "String",
    "iso": "String",
    "country": "String",
    "admin1": "String",
    "location": "String",
    "latitude": "Real",
    "longitude": "Real",
    "geo_precision": "Integer",
    "geonameid": "Integer",
    "weapons": "String",
    "fatalities": "Integer",
    "injuries": "Integer",
    "abducted": "Integer",
    "arrested": "Integer",
    "damage": "String",
    "source": "String",
    "notes": "String",
    "reason": "String",
    "article_id": "String",
    "title": "String",
    "url": "String",
}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

# GeoPackage stores a "last change" timestamp; fixing it keeps files byte-identical.
_GDAL_FIXED_DATE = {"OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z"}


# --------------------------------------------------------------------------- boundaries


def admin1_shapes() -> gpd.GeoDataFrame | None:
    """Admin-1 polygons from :mod:`mapper.gazetteer.boundaries`, or ``None`` when unavailable."""
    return _optional_shapes("admin1_shapes")


def country_shapes() -> gpd.GeoDataFrame | None:
    """Country outlines from :mod:`mapper.gazetteer.boundaries`, or ``None`` when unavailable."""
    return _optional_shapes("country_shapes")


def admin1_table() -> ShapeTable | None:
    """Admin-1 polygons without pandas (:func:`mapper.gazetteer.boundaries.admin1_table`), or ``None``."""
    return _optional_shapes("admin1_table")


def country_table() -> ShapeTable | None:
    """Country outlines without pandas (:func:`mapper.gazetteer.boundaries.country_table`), or ``None``."""
    return _optional_shapes("country_table")


def _optional_shapes(function: str) -> Any:
    from mapper.gazetteer import boundaries

    try:
        frame = getattr(boundaries, function)()
    except FileNotFoundError:
        raise  # mapper's own data is missing: a broken install, not an optional layer
    except Exception as exc:  # an optional layer must not stop the map
        log.warning("no boundary layer (%s): %s", function, exc)
        return None
    if frame is None or len(frame) == 0:
        return None
    crs = getattr(frame, "crs", None)  # a ShapeTable is always EPSG:4326
    return frame.to_crs(CRS) if crs is not None and crs != CRS else frame


# --------------------------------------------------------------------------- frames


def _points(lons: Sequence[float | None], lats: Sequence[float | None]) -> np.ndarray:
    """Points of the coordinates; ``None`` (no geometry) where a coordinate is missing."""
    x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)  # None -> NaN
    points = shapely.points(x, y)
    points[~(np.isfinite(x) & np.isfinite(y))] = None
    return points


def unplaced(record: Any) -> bool:
    """True for an incident the text tells at a place the gazetteer does not know: no coordinates at all."""
    return getattr(record, "lat", None) is None and getattr(record, "lon", None) is None


def has_location(record: Any) -> bool:
    """True when ``record.lat``/``record.lon`` are finite WGS84 coordinates."""
    try:
        lat, lon = float(record.lat), float(record.lon)
    except (TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def incident_records(incidents: Sequence[Incident]) -> list[dict[str, Any]]:
    """One record per incident: the contract columns, in order, as plain JSON values.

    An incident with no point (:func:`unplaced`: ``lat``/``lon`` ``None``) is kept, with no
    geometry in the layers; one with invalid coordinates is left out (with a warning). ``id``
    is the stable feature id of :func:`mapper.ids.incident_ids`, computed over
    all of ``incidents``. ``killed``, ``wounded``, ``abducted`` and
    ``arrested`` are an int or ``None`` (the text does not say); list fields
    are lists. These are the properties of the GeoJSON layer and the rows of
    :func:`to_frame`.

    Parameters
    ----------
    incidents : sequence of Incident

    Returns
    -------
    list of dict
    """
    incidents = list(incidents)
    rows = [{"id": fid, **inc.to_dict()} for fid, inc in zip(incident_ids(incidents), incidents, strict=True)
            if has_location(inc) or unplaced(inc)]
    if len(rows) < len(incidents):
        log.warning("%d incident(s) without valid coordinates left out", len(incidents) - len(rows))
    records = []
    for row in rows:
        rec = {col: row[col] for col in INCIDENT_COLUMNS}
        for col in INT_COLUMNS:
            rec[col] = int(rec[col])
        for col in NULLABLE_INT_COLUMNS:
            rec[col] = None if rec[col] is None else int(rec[col])
        for col in ("lat", "lon"):
            rec[col] = None if rec[col] is None else float(rec[col])
        for col in LIST_COLUMNS:
            rec[col] = list(rec[col])
        records.append(rec)
    return records


def to_frame(incidents: Sequence[Incident]) -> gpd.GeoDataFrame:
    """One row per incident, the contract columns, EPSG:4326 points (:func:`incident_records` as a frame).

    ``killed``/``wounded`` are nullable integers (``<NA>`` when the text does not
    say); list fields stay Python lists.

    Parameters
    ----------
    incidents : sequence of Incident

    Returns
    -------
    geopandas.GeoDataFrame
    """
    return _incident_frame(incident_records(incidents))


def _incident_frame(records: Sequence[Mapping[str, Any]]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(records, columns=list(INCIDENT_COLUMNS))
    for col in INT_COLUMNS:
        frame[col] = frame[col].astype("int64")
    for col in NULLABLE_INT_COLUMNS:
        frame[col] = frame[col].astype("Int64")
    for col in ("lat", "lon"):
        frame[col] = frame[col].astype("float64")
    for col in LIST_COLUMNS:
        frame[col] = pd.Series([list(v) for v in frame[col]], index=frame.index, dtype=object)
    geometry = _points(frame["lon"], frame["lat"])
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n|\n")


def sentence_around(text: str, start: int, end: int, *, limit: int = 400) -> str:
    """The sentence of ``text`` containing ``[start, end)`` (a simple punctuation split)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - limit), start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() if m and m.start() - end < limit else min(len(text), end + limit)
    return text[max(left, start - limit) : right].strip()


def place_records(results: Sequence[ArticleResult]) -> list[dict[str, Any]]:
    """One record per distinct gazetteer place mentioned in ``results`` (the columns of :func:`places_frame`).

    Columns: ``name`` (gazetteer name), ``names`` (as written), ``geonameid``,
    ``feature_code``, ``country_code``, ``admin1``, ``lat``, ``lon``, ``roles``,
    ``mentions``, ``incidents`` (incidents placed there), ``articles``,
    ``score`` (best), ``reason`` (of the best-scored mention), ``context`` (the
    sentence of that mention). Sorted by mentions (most first), then name.
    """
    groups: dict[int, dict[str, Any]] = {}
    incident_count: dict[int, int] = defaultdict(int)
    for res in results:
        for inc in res.incidents:
            incident_count[inc.geonameid] += 1
        for top in res.toponyms:
            if not has_location(top):
                continue
            g = groups.get(top.geonameid)
            if g is None:
                g = groups[top.geonameid] = {
                    "name": top.place.name if top.place is not None else top.name,
                    "names": set(), "geonameid": top.geonameid, "feature_code": top.feature_code,
                    "country_code": top.country_code, "admin1": top.admin1,
                    "lat": float(top.lat), "lon": float(top.lon), "roles": set(), "mentions": 0,
                    "articles": set(), "score": -math.inf, "reason": "", "context": "",
                }  # fmt: skip
            g["names"].add(top.name)
            g["roles"].add(top.role)
            g["mentions"] += 1
            g["articles"].add(res.article.id)
            if top.score > g["score"]:
                g["score"] = float(top.score)
                g["reason"] = top.reason
                g["context"] = sentence_around(res.article.text, top.start, top.end)
    rows = []
    for gid, g in groups.items():
        g = dict(g)
        for col in PLACE_LIST_COLUMNS:
            g[col] = sorted(g[col])
        g["incidents"] = incident_count.get(gid, 0)
        g["score"] = round(g["score"], 3) if math.isfinite(g["score"]) else 0.0
        g["lat"], g["lon"] = round(g["lat"], 5), round(g["lon"], 5)
        rows.append(g)
    rows.sort(key=lambda r: (-r["mentions"], r["name"], r["geonameid"]))
    records = []
    for row in rows:
        rec = {col: row[col] for col in PLACE_COLUMNS}
        for col in ("geonameid", "mentions", "incidents"):
            rec[col] = int(rec[col])
        for col in ("lat", "lon", "score"):
            rec[col] = float(rec[col])
        records.append(rec)
    return records


def places_frame(results: Sequence[ArticleResult]) -> gpd.GeoDataFrame:
    """:func:`place_records` as a GeoDataFrame of EPSG:4326 points."""
    return _place_frame(place_records(results))


def _place_frame(records: Sequence[Mapping[str, Any]]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(records, columns=list(PLACE_COLUMNS))
    for col in ("geonameid", "mentions", "incidents"):
        frame[col] = frame[col].astype("int64")
    for col in ("lat", "lon", "score"):
        frame[col] = frame[col].astype("float64")
    for col in PLACE_LIST_COLUMNS:
        frame[col] = pd.Series(list(frame[col]), index=frame.index, dtype=object)
    return gpd.GeoDataFrame(frame, geometry=_points(frame["lon"], frame["lat"]), crs=CRS)


def polygonal(geom: Any) -> Any:
    """``geom`` as a (Multi)Polygon: polygons of a GeometryCollection kept, the rest dropped."""
    if geom is None or geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = [q for p in parts for q in (shapely.get_parts(p) if p.geom_type == "MultiPolygon" else [p])]
    return shapely.MultiPolygon(polys) if polys else None


def incident_regions(incidents: Sequence[Incident], *, shapes: ShapeTable | gpd.GeoDataFrame) -> list[int]:
    """The row (position) of ``shapes`` (admin-1 polygons) each incident lies in, ``-1`` for none.

    An incident counts for the polygon that contains its point (the first in
    table order when several do); a point that falls in none (coastline
    simplification) is matched by country and admin-1 name. Incidents must have
    a location (:func:`has_location`). ``shapes`` is a :class:`ShapeTable` or a
    GeoDataFrame with the columns of :func:`admin1_table`.
    """
    if len(shapes) == 0 or not incidents:
        return [-1] * len(incidents)
    points = _points([i.lon for i in incidents], [i.lat for i in incidents])
    tree = shapely.STRtree(np.asarray(shapes.geometry))
    pairs = tree.query(points, predicate="within")
    owner = np.full(len(incidents), -1, dtype=int)
    for p, s in zip(pairs[0], pairs[1], strict=True):
        if owner[p] < 0 or s < owner[p]:  # first polygon in table order: stable
            owner[p] = s
    by_name: dict[tuple[str, str], int] = {}
    for idx, (cc, name) in enumerate(zip(shapes["country_code"], shapes["name"], strict=True)):
        by_name.setdefault((str(cc).upper(), fold(str(name))), idx)
    out = []
    for i, inc in enumerate(incidents):
        s = int(owner[i])
        out.append(s if s >= 0 else by_name.get((inc.country_code.upper(), fold(inc.admin1 or "")), -1))
    return out


def regions_frame(
    results: Sequence[ArticleResult], *, shapes: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """Admin-1 areas with at least one incident, and their counts.

    An incident counts for the polygon that contains its point; a point that
    falls in none (coastline simplification) is matched by country and admin-1
    name. Columns: ``admin1_code``, ``name``, ``country_code``, ``geonameid``,
    ``incidents``, ``attacks``, ``diplomacy``, ``other``, ``killed``,
    ``wounded`` (sums of the stated numbers). Sorted by ``admin1_code``.

    Parameters
    ----------
    results : sequence of ArticleResult
    shapes : GeoDataFrame, optional
        Admin-1 polygons (columns ``admin1_code, name, country_code, geonameid``);
        defaults to :func:`admin1_shapes`. Without polygons the frame is empty.
    """
    import geopandas as gpd
    import pandas as pd

    empty = gpd.GeoDataFrame(
        {c: pd.Series(dtype="int64" if c in {"geonameid", "incidents", "attacks", "diplomacy", "other", "killed", "wounded"} else object) for c in REGION_COLUMNS},
        geometry=gpd.GeoSeries([], crs=CRS),
        crs=CRS,
    )  # fmt: skip
    incidents = [inc for res in results for inc in res.incidents if has_location(inc)]
    shapes = admin1_shapes() if shapes is None else shapes
    if shapes is None or len(shapes) == 0 or not incidents:
        return empty
    shapes = shapes.reset_index(drop=True)
    stats: dict[int, dict[str, int]] = {}
    for inc, s in zip(incidents, incident_regions(incidents, shapes=shapes), strict=True):
        if s < 0:
            continue
        st = stats.setdefault(s, dict.fromkeys(("incidents", "attacks", "diplomacy", "other", "killed", "wounded"), 0))
        st["incidents"] += 1
        st[{"attack": "attacks", "diplomacy": "diplomacy"}.get(inc.kind, "other")] += 1
        st["killed"] += inc.killed or 0
        st["wounded"] += inc.wounded or 0
    if not stats:
        return empty
    rows = []
    for s, st in stats.items():
        shape = shapes.iloc[s]
        rows.append({
            "admin1_code": str(shape["admin1_code"]), "name": str(shape["name"]),
            "country_code": str(shape["country_code"]), "geonameid": int(shape["geonameid"] or 0),
            **st, "geometry": polygonal(shape.geometry),
        })  # fmt: skip
    rows.sort(key=lambda r: (r["admin1_code"], r["name"]))
    frame = gpd.GeoDataFrame(rows, columns=[*REGION_COLUMNS, "geometry"], geometry="geometry", crs=CRS)
    return frame


# --------------------------------------------------------------------------- writers


def _joined(frame: gpd.GeoDataFrame, columns: Sequence[str]) -> gpd.GeoDataFrame:
    out = frame.copy()
    for col in columns:
        out[col] = [LIST_SEP.join(str(v) for v in values) for values in out[col]]
    return out


def json_value(value: Any) -> Any:
    """A cell as plain JSON: numpy numbers as Python ones, missing values (None, NA, NaN) as ``None``."""
    if value is None:
        return None
    pandas = sys.modules.get("pandas")  # a value can be pandas' NA only once pandas is imported
    if pandas is not None and value is pandas.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    return value


def geojson_text(frame: gpd.GeoDataFrame, *, precision: int = 6) -> str:
    """RFC 7946 FeatureCollection text of a point or polygon frame (one feature per line).

    Properties keep their types: lists stay JSON arrays, missing numbers are null.
    A frame with an ``id`` column gives each feature that ``id`` too (RFC 7946
    section 3.2), which GDAL and Leaflet read as the feature's id.
    """
    props = [c for c in frame.columns if c != frame.geometry.name]
    return _feature_collection(frame[props].to_dict(orient="records"), frame.geometry.values, precision=precision)


def records_geojson(records: Sequence[Mapping[str, Any]], *, precision: int = 6) -> str:
    """:func:`geojson_text` of point records (:func:`incident_records`, :func:`place_records`), without pandas.

    Each record's ``lon`` and ``lat`` make its point; the text is the one
    :func:`geojson_text` writes for the frame of the same records.
    """
    points = _points([r["lon"] for r in records], [r["lat"] for r in records])
    return _feature_collection(records, points, precision=precision)


def _feature_collection(records: Sequence[Mapping[str, Any]], geometries: Any, *, precision: int) -> str:
    geoms = shapely.set_precision(geometries, 10.0**-precision) if len(records) else []
    lines = []
    for rec, geom in zip(records, geoms, strict=True):
        feature: dict[str, Any] = {"type": "Feature"}
        if "id" in rec:
            feature["id"] = json_value(rec["id"])
        feature["properties"] = {k: json_value(v) for k, v in rec.items()}
        feature["geometry"] = json.loads(shapely.to_geojson(geom)) if geom is not None else None
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if lines else "") + "]}\n"


def _csv_rows(frame: gpd.GeoDataFrame) -> Iterator[list[str]]:
    for rec in frame.drop(columns=frame.geometry.name).to_dict(orient="records"):
        date = json_value(rec["date"]) or ""
        values: dict[str, Any] = {
            "id": rec["id"],
            "event_date": date,
            "year": date[:4] if re.match(r"^\d{4}", date) else "",
            "time_precision": _TIME_PRECISION.get(json_value(rec["date_precision"]) or "", "") if date else "",
            "kind": rec["kind"],
            "event_type": rec["event_type"],
            "sub_event_type": rec["sub_event_type"],
            "actors": LIST_SEP.join(rec["participants"]),
            "actor1": json_value(rec["actor1"]) or "",
            "actor2": json_value(rec["actor2"]) or "",
            "iso": rec["country_code"],
            "country": country_name(rec["country_code"]),
            "admin1": rec["admin1"],
            "location": rec["place"],
            "latitude": _coordinate(rec["lat"]),
            "longitude": _coordinate(rec["lon"]),
            "geo_precision": "" if json_value(rec["geo_precision"]) is None else int(rec["geo_precision"]),
            "geonameid": rec["geonameid"],
            "weapons": LIST_SEP.join(rec["weapons"]),
            "fatalities": "" if json_value(rec["killed"]) is None else int(rec["killed"]),
            "injuries": "" if json_value(rec["wounded"]) is None else int(rec["wounded"]),
            "abducted": "" if json_value(rec["abducted"]) is None else int(rec["abducted"]),
            "arrested": "" if json_value(rec["arrested"]) is None else int(rec["arrested"]),
            "damage": LIST_SEP.join(rec["damage"]),
            "source": LIST_SEP.join(rec["sources"]),
            "notes": rec["evidence"],
            "reason": rec["reason"],
            "article_id": rec["article_id"],
            "title": rec["title"],
            "url": json_value(rec["url"]) or "",
        }
        yield [str(values[c]) for c in CSV_COLUMNS]


def _coordinate(value: Any) -> str:
    value = json_value(value)
    return "" if value is None else f"{value:.5f}"


def csv_text(frame: gpd.GeoDataFrame) -> str:
    """ACLED-like CSV of an incidents frame (lists joined with ``"; "``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(CSV_COLUMNS))
    writer.writerows(_csv_rows(frame))
    return buf.getvalue()


def _places_csv_text(frame: gpd.GeoDataFrame) -> str:
    flat = _joined(frame, PLACE_LIST_COLUMNS).drop(columns=frame.geometry.name)
    buf = io.StringIO()
    flat.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


@contextlib.contextmanager
def _fixed_gdal_date() -> Iterator[None]:
    import pyogrio

    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options(_GDAL_FIXED_DATE)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def _gdal_write(frame: gpd.GeoDataFrame, path: Path, *, layer: str, driver: str, geometry_type: str) -> None:
    import pyogrio

    options = {}
    if driver == "FlatGeobuf" and frame.geometry.isna().any():
        options["SPATIAL_INDEX"] = "NO"  # FlatGeobuf indexes only features with a geometry; unplaced incidents have none
    with _fixed_gdal_date():
        pyogrio.write_dataframe(
            frame, path, layer=layer, driver=driver, geometry_type=geometry_type,
            promote_to_multi=geometry_type.startswith("Multi"), layer_options=options or None,
        )  # fmt: skip


def write_layers(
    results: Sequence[ArticleResult],
    *,
    out_dir: Path,
    name: str,
    formats: Sequence[str] = ("geojson",),
    force: bool = False,
) -> list[Path]:
    """Write the incidents (and places, regions) layers of ``results``.

    Parameters
    ----------
    results : sequence of ArticleResult
    out_dir : Path
        Output folder (created when missing).
    name : str
        File stem: ``NAME.geojson`` + ``NAME.places.geojson``, ``NAME.gpkg``
        (layers incidents, places, regions), ``NAME.parquet`` +
        ``NAME.places.parquet``, ``NAME.csv`` (+ ``.csvt``) +
        ``NAME.places.csv``, ``NAME.fgb`` + ``NAME.places.fgb``.
    formats : sequence of str
        Any of ``geojson``, ``gpkg``, ``parquet``, ``csv``, ``fgb``.
    force : bool
        Overwrite files mapper did not write.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Raises
    ------
    MapperError
        On an unknown format or a file that may not be overwritten.
    """
    wanted = list(dict.fromkeys(f.strip().lower().lstrip(".") for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise MapperError(f"unknown layer format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    if not name or "/" in name or "\\" in name:
        raise MapperError(f"bad layer name {name!r}")
    out_dir = Path(out_dir)
    incident_rows = incident_records([inc for res in results for inc in res.incidents])
    place_rows = place_records(results)
    if any(fmt != "geojson" for fmt in wanted):  # frames (pandas) only for the formats that need them
        incidents, places = _incident_frame(incident_rows), _place_frame(place_rows)
    written: list[Path] = []

    def out(suffix: str) -> Path:
        return out_dir / f"{name}{suffix}"

    for fmt in wanted:
        if fmt == "geojson":
            written.append(atomic_write(out(".geojson"), records_geojson(incident_rows), force=force))
            written.append(atomic_write(out(".places.geojson"), records_geojson(place_rows), force=force))
        elif fmt == "csv":
            written.append(atomic_write(out(".csv"), csv_text(incidents), force=force))
            types = ",".join(f'"{t}"' for t in CSV_COLUMNS.values()) + "\n"
            written.append(atomic_write(out(".csvt"), types, force=force))
            written.append(atomic_write(out(".places.csv"), _places_csv_text(places), force=force))
        elif fmt == "parquet":
            for suffix, frame in ((".parquet", incidents), (".places.parquet", places)):
                with atomic_path(out(suffix), force=force) as tmp:
                    frame.to_parquet(tmp, index=False, compression="zstd")
                written.append(out(suffix))
        elif fmt == "fgb":
            for suffix, frame, cols, layer in (
                (".fgb", incidents, LIST_COLUMNS, "incidents"),
                (".places.fgb", places, PLACE_LIST_COLUMNS, "places"),
            ):
                with atomic_path(out(suffix), force=force) as tmp:
                    _gdal_write(_joined(frame, cols), tmp, layer=layer, driver="FlatGeobuf", geometry_type="Point")
                written.append(out(suffix))
        elif fmt == "gpkg":
            regions = regions_frame(results)
            with atomic_path(out(".gpkg"), force=force) as tmp:
                _gdal_write(_joined(incidents, LIST_COLUMNS), tmp, layer="incidents", driver="GPKG", geometry_type="Point")
                _gdal_write(_joined(places, PLACE_LIST_COLUMNS), tmp, layer="places", driver="GPKG", geometry_type="Point")
                _gdal_write(regions, tmp, layer="regions", driver="GPKG", geometry_type="MultiPolygon")
            written.append(out(".gpkg"))
    return written
