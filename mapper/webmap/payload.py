"""The data of the map page: one JSON object the page's script draws everything from.

One folium element per marker would make a page of 10,000 incidents slow to
build and large; here each incident is one array, and every piece of text is
stored once (``strings``, already escaped HTML). The page
(``data/webmap/map.js``) makes the markers, the incident list, the filters, the
affected regions, the density layer and the basemap labels from it.

An incident row (the list order: newest first, undated last) is::

    [id, lat, lon, kind, symbol, size, badge, popup, tooltip, day, dx, dy,
     precision, event_type, sub_event_type, weapons, killed, wounded, trusted,
     place, where, region, date, geonameid]

``id`` is the stable feature id (:mod:`mapper.ids`, escaped for HTML),
``kind`` an index into ``kinds``, ``symbol`` into ``symbols``, ``popup`` a list
of indices into ``strings`` (head, where, quote, foot, then label/value pairs,
assembled as :func:`mapper.webmap.popup.assemble` does), ``tooltip``,
``event_type``, ``sub_event_type``, ``place``, ``where`` and ``date`` indices
into ``strings``; ``day`` the date as days since 1970-01-01 (``null`` when
undated or not a date); ``dx``/``dy`` the pixel offset of markers sharing a point;
``weapons`` indices into ``weapons``; ``killed``/``wounded`` as stated (or
``null``); ``trusted`` 1 when the toll sizes the symbol and counts in the
totals (:mod:`mapper.webmap.toll`); ``badge`` that toll (0 otherwise);
``region`` an index into ``regions`` (-1 for none).

A place row (places mentioned without an incident) is ``[lat, lon, symbol, popup, tooltip]``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely

from mapper import export
from mapper.ids import incident_ids
from mapper.model import ArticleResult, Incident
from mapper.names import country_name
from mapper.webmap.popup import PopupParts, esc, incident_parts, incident_tooltip, place_parts
from mapper.webmap.style import marker_size, marker_svg, weapon_key
from mapper.webmap.toll import running_total_phrase, stated_toll, trusted_toll

__all__ = ["FIELDS", "day_number", "geojson_dict", "layer_kinds", "page_data", "table_rows"]

#: the fields of an incident row, in order (mirrored by data/webmap/map.js)
FIELDS = (
    "id", "lat", "lon", "kind", "symbol", "size", "badge", "popup", "tooltip", "day", "dx", "dy",
    "precision", "event_type", "sub_event_type", "weapons", "killed", "wounded", "trusted",
    "place", "where", "region", "date", "geonameid",
)  # fmt: skip

_EPOCH = dt.date(1970, 1, 1).toordinal()


def day_number(date: str | None) -> int | None:
    """Days since 1970-01-01 of a ``YYYY-MM-DD`` date; ``None`` for none or a malformed one."""
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal() - _EPOCH if len(date) >= 10 else None
    except ValueError:
        return None


def layer_kinds(results: Sequence[ArticleResult], style: Mapping[str, Any]) -> list[str]:
    """The incident kinds of the map, in the style's order (attack and diplomacy always)."""
    present = {i.kind for r in results for i in r.incidents}
    kinds = [k for k in style["kinds"] if k in ("attack", "diplomacy") or k in present]
    return kinds + sorted(k for k in present if k not in style["kinds"])


def _offsets(points: Sequence[tuple[float, float]], *, step: float) -> list[tuple[float, float]]:
    """Pixel offsets that spread markers sharing one location on a small ring (stable)."""
    seen: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i, (lat, lon) in enumerate(points):
        seen[(round(lat, 4), round(lon, 4))].append(i)
    out = [(0.0, 0.0)] * len(points)
    for members in seen.values():
        if len(members) < 2:
            continue
        for k, i in enumerate(members):
            ring, pos = divmod(k, 8)
            count = min(8, len(members) - ring * 8)
            angle = 2 * math.pi * pos / count - math.pi / 2
            radius = step * (ring + 1)
            out[i] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return out


def _names_by_article(results: Sequence[ArticleResult]) -> dict[tuple[str, int], set[str]]:
    names: dict[tuple[str, int], set[str]] = defaultdict(set)
    for res in results:
        for top in res.toponyms:
            names[(res.article.id, top.geonameid)].add(top.name)
    return names


def _list_order(inc: Incident, fid: str) -> tuple[Any, ...]:
    day = day_number(inc.date)
    return (day is None, -(day or 0), inc.place, fid)


def table_rows(table: Any, columns: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of a table (a :class:`~mapper.gazetteer.boundaries.ShapeTable` or a GeoDataFrame)
    as dicts of ``columns``, in row order."""
    values = [list(table[c]) for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def geojson_dict(
    properties: Sequence[Mapping[str, Any]], geometries: Any, *, decimals: int, tolerance: Any = 0.0
) -> dict[str, Any]:
    """A GeoJSON dict of features (``properties[i]``, ``geometries[i]``) with coordinates
    simplified and rounded (a smaller page); empty geometries are left out.

    String properties are HTML-escaped: the page inserts them as HTML.
    """
    geoms = np.asarray(geometries)
    if np.any(np.asarray(tolerance) > 0):
        simple = shapely.simplify(geoms, tolerance, preserve_topology=False)  # fast; for display only
        lost = shapely.is_empty(simple) & ~shapely.is_empty(geoms)  # tiny islands: keep them as they are
        geoms = np.where(lost, geoms, simple)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    texts = shapely.to_geojson(geoms)
    features = []
    for rec, geom, text in zip(properties, geoms, texts, strict=True):
        if geom is None or geom.is_empty:
            continue
        props = {k: (esc(v) if isinstance(v, str) else export.json_value(v)) for k, v in rec.items()}
        features.append({"type": "Feature", "properties": props, "geometry": json.loads(text)})
    return {"type": "FeatureCollection", "features": features}


def _regions(incidents: Sequence[Incident], shapes: Any) -> tuple[list[int], dict[str, Any] | None]:
    """Each incident's index into the affected-regions features, and those features."""
    if shapes is None or len(shapes) == 0 or not incidents:
        return [-1] * len(incidents), None
    owners = export.incident_regions(incidents, shapes=shapes)
    used = sorted({o for o in owners if o >= 0})
    position = {o: k for k, o in enumerate(used)}
    rows = table_rows(shapes, ["name", "country_code"])
    geoms = np.asarray(shapes.geometry)
    features = geojson_dict([rows[o] for o in used], [export.polygonal(geoms[o]) for o in used], decimals=4)
    return [position.get(o, -1) for o in owners], features


def page_data(
    results: Sequence[ArticleResult],
    *,
    style: Mapping[str, Any],
    kinds: Sequence[str],
    places: Any,
    admin1: Any = None,
) -> dict[str, Any]:
    """The page's JSON object (see the module docstring); ``labels`` are added by the caller.

    Parameters
    ----------
    results : sequence of ArticleResult
    style : Mapping
        The map style (:func:`mapper.webmap.style.load_style`).
    kinds : sequence of str
        The incident kinds (:func:`layer_kinds`).
    places : sequence of dict or None
        Places mentioned without an incident (records of :func:`mapper.export.place_records`).
    admin1 : ShapeTable or GeoDataFrame, optional
        Admin-1 polygons for the affected-regions layer (:func:`mapper.export.admin1_table`).
    """
    kind_of = {k: i for i, k in enumerate(kinds)}
    names = _names_by_article(results)
    every = [inc for r in results for inc in r.incidents]
    located = [(fid, inc) for fid, inc in zip(incident_ids(every), every, strict=True) if export.has_location(inc)]
    located.sort(key=lambda pair: _list_order(pair[1], pair[0]))
    region_of, regions = _regions([inc for _, inc in located], admin1)

    symbols: dict[str, int] = {}
    strings: dict[str, int] = {"": 0}
    weapons: dict[str, int] = {}

    def symbol(svg: str) -> int:
        return symbols.setdefault(svg, len(symbols))

    def text(value: str) -> int:
        return strings.setdefault(value, len(strings))

    def popup(parts: PopupParts) -> list[int]:
        out = [text(parts.head), text(parts.where), text(parts.quote), text(parts.foot)]
        for label, value in parts.rows:
            out += [text(esc(label)), text(value)]
        return out

    offsets = _offsets([(inc.lat, inc.lon) for _, inc in located], step=style["marker"]["same_place_offset_px"])
    weapon_keys = sorted({w for _, inc in located for w in inc.weapons if w in style["weapons"]})
    for w in weapon_keys:
        weapons[w] = len(weapons)
    rows: list[list[Any]] = []
    for (fid, inc), (dx, dy), region in zip(located, offsets, region_of, strict=True):
        trusted = trusted_toll(inc)
        size = marker_size(trusted or 0, style=style)
        svg = marker_svg(kind=inc.kind, glyph_key=weapon_key(inc.weapons, kind=inc.kind, style=style), size=size, style=style)
        note = ""
        if trusted is None and stated_toll(inc) is not None:
            note = f"a running total (“{running_total_phrase(inc)}”): not used for the symbol’s size or the totals"
        parts = incident_parts(inc, style=style, names=names.get((inc.article_id, inc.geonameid), ()), feature_id=fid, toll_note=note)
        date = esc(inc.date or "")
        if inc.date and inc.date_precision and inc.date_precision != "day":
            date += f" ({esc(inc.date_precision)})"
        where = ", ".join(x for x in (inc.admin1 if inc.admin1 != inc.place else "", country_name(inc.country_code)) if x)
        rows.append([
            esc(fid), round(inc.lat, 5), round(inc.lon, 5), kind_of.get(inc.kind, kind_of.get("other", 0)),
            symbol(svg), size, trusted or 0, popup(parts), text(incident_tooltip(inc, style=style)),
            day_number(inc.date), dx, dy, int(inc.geo_precision), text(esc(inc.event_type or "")),
            text(esc(inc.sub_event_type or "")), [weapons[w] for w in sorted(set(inc.weapons)) if w in weapons],
            inc.killed, inc.wounded, int(trusted is not None), text(esc(inc.place)), text(esc(where)), region, text(date),
            int(inc.geonameid),
        ])  # fmt: skip

    place_rows: list[list[Any]] = []
    if places is not None and len(places):
        spec = style["place"]
        d = 2 * spec["radius"] + 2
        svg = (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{d}' height='{d}'>"
            f"<circle cx='{d / 2}' cy='{d / 2}' r='{spec['radius']}' fill='{spec['color']}' stroke='#fff' stroke-width='1.5'/></svg>"
        )
        sym = symbol(svg)
        for rec in places:
            parts = place_parts(rec)
            tip = esc(f"{rec['name']} · mentioned {rec['mentions']}×")
            place_rows.append([round(rec["lat"], 5), round(rec["lon"], 5), sym, popup(parts), text(tip)])

    days = [r[9] for r in rows if r[9] is not None]
    types: dict[str, set[str]] = defaultdict(set)
    for _, inc in located:
        if inc.event_type:
            types[inc.event_type].add(inc.sub_event_type or "")
    return {
        "kinds": list(kinds),
        "kindNames": [esc(style["kinds"].get(k, style["kinds"]["other"])["label"]) for k in kinds],
        "kindWords": [[esc(style["kinds"].get(k, style["kinds"]["other"])[w]) for w in ("one", "many")] for k in kinds],
        "kindColors": [style["kinds"].get(k, style["kinds"]["other"])["color"] for k in kinds],
        "symbols": list(symbols),
        "strings": list(strings),
        "weapons": [[w, esc(style["weapons"][w]["label"])] for w in weapons],
        "types": [[esc(t), sorted(esc(s) for s in subs if s)] for t, subs in sorted(types.items())],
        "incidents": rows,
        "places": place_rows,
        "days": [min(days), max(days)] if days else None,
        "regions": regions,
        "regionStyle": style["regions"],
        "labels": [],
    }
