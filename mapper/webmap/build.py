"""The incident map: a folium/Leaflet page that reads, filters and shares, with no internet.

What a reader gets:

* a **header** (:mod:`mapper.webmap.summary`): one article's title, or for a corpus
  the number of articles and sources and the dates; the incidents by kind and the
  killed and wounded of those shown;
* **incident markers** (kind = colour and shape, weapon = white glyph; size and
  badge from the toll when the map trusts it, :mod:`mapper.webmap.toll`), with a
  popup of the incident's details and evidence; clustered when there are many;
* a **side panel** (:mod:`mapper.webmap.panel`): filters (date range with a play
  button by weeks, kind, event type, weapon, search) and the list of incidents,
  newest first; a click on a row flies to the incident and opens its popup;
* the filter and the view **in the URL hash**, so a view can be bookmarked and shared;
* layers to toggle: the **affected regions** (admin-1 areas shaded by the incidents
  shown), a **density** heat layer, **place names** on the offline basemap
  (:mod:`mapper.webmap.labels`), places mentioned without an incident, and the
  **Natural Earth basemap** itself (``tiles=`` adds an online tile layer).

All of it is drawn in the browser from one JSON object (:mod:`mapper.webmap.payload`)
by ``data/webmap/map.js``. The page is self-contained: Leaflet and its plugins are
inlined from the installed ``folium-offline`` package (:mod:`mapper.webmap.assets`);
``cdn=True`` keeps folium's CDN links instead. Element ids are numbered, not random,
so the same input gives a byte-identical file. All article text is HTML-escaped
(:mod:`mapper.webmap.popup`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import folium
import numpy as np
import shapely
from folium.map import CustomPane

from mapper import export
from mapper.files import atomic_write
from mapper.model import ArticleResult, MapperError
from mapper.paths import data_file
from mapper.webmap.assets import UNUSED_ASSETS
from mapper.webmap.elements import Attribution, Css, GeoJson, HeatLayer, MapperFigure, Page, Title
from mapper.webmap.labels import basemap_labels
from mapper.webmap.panel import panel_html
from mapper.webmap.payload import FIELDS, geojson_dict, layer_kinds, page_data, table_rows
from mapper.webmap.popup import esc
from mapper.webmap.style import glyph, load_css, load_style, marker_size, marker_svg, weapon_key
from mapper.webmap.summary import header_html
from mapper.webmap.toll import trusted_toll

__all__ = ["basemap_geojson", "build_map", "legend_html", "render_map", "write_map"]

_MAX_ZOOM = 18
_FOCUS_ZOOM = 8  # a click on a list row zooms in at least this far
_MAX_LABELS = 260  # labels drawn at once


def basemap_geojson(countries: Any, *, bounds: Sequence[float] | None, style: Mapping[str, Any]) -> dict[str, Any]:
    """Country outlines: finer near the incidents, coarse elsewhere (keeps the page small)."""
    bm = style["basemap"]
    geoms = np.asarray(countries.geometry)
    tolerance = np.full(len(countries), bm["far_tolerance"], dtype=float)
    if bounds is not None:
        south, west, north, east = bounds
        margin = bm["near_margin_deg"]
        near = shapely.box(west - margin, south - margin, east + margin, north + margin)
        tolerance[shapely.intersects(geoms, near)] = bm["near_tolerance"]
    return geojson_dict(table_rows(countries, ["name"]), geoms, decimals=3, tolerance=tolerance)


def _bounds(results: Sequence[ArticleResult]) -> tuple[float, float, float, float] | None:
    pts = [(i.lat, i.lon) for r in results for i in r.incidents if export.has_location(i)]
    pts = pts or [(t.lat, t.lon) for r in results for t in r.toponyms if export.has_location(t)]
    if not pts:
        return None
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return min(lats), min(lons), max(lats), max(lons)


def legend_html(
    kinds: Sequence[str], results: Sequence[ArticleResult], *, style: Mapping[str, Any], regions: bool, places: bool, folded: bool = False
) -> str:
    """The legend box (mapper's own markup; no article text); ``folded`` shows only its heading."""
    rows = [f"<details{'' if folded else ' open'}><summary class='lg-h'>Legend</summary>"]
    for kind in kinds:
        spec = style["kinds"].get(kind, style["kinds"]["other"])
        key = weapon_key([], kind=kind, style=style)
        rows.append(f"<div class='lg-r'>{marker_svg(kind=kind, glyph_key=key, size=18, style=style)}<span>{esc(spec['label'])}</span></div>")
    if places:
        spec = style["place"]
        dot = f"<svg width='14' height='14'><circle cx='7' cy='7' r='5' fill='{spec['color']}'/></svg>"
        rows.append(f"<div class='lg-r'>{dot}<span>{esc(spec['label'])}</span></div>")
    keys = {weapon_key(i.weapons, kind=i.kind, style=style) for r in results for i in r.incidents if i.weapons}
    weapons = sorted({part for key in keys for part in key.split("+")} - {"default"})
    if weapons:
        rows.append("<div class='lg-s'>Weapon</div>")
        for key in weapons:
            label = style["multiple_glyph"]["label"] if key == "multiple" else style["weapons"].get(key, style["default_glyph"])["label"]
            svg = (
                "<svg width='18' height='18' viewBox='0 0 24 24'><circle cx='12' cy='12' r='11' fill='#555'/>"
                f"<g fill='#fff'>{glyph(key, style=style)}</g></svg>"
            )
            rows.append(f"<div class='lg-r'>{svg}<span>{esc(label)}</span></div>")
    rows.append("<div class='lg-s'>Size and <span class='lg-n'>n</span> = killed + wounded</div>"
                "<div class='lg-r lg-x'>as the incident states them; a running total ('since 7 October') "
                "gets the neutral size</div>")  # fmt: skip
    if any(i.geo_precision >= 3 for r in results for i in r.incidents):
        ring = "<span class='lg-p3'></span>"
        rows.append(f"<div class='lg-r'>{ring}<span>faded, dashed ring: region only (approximate)</span></div>")
    if regions:
        rows.append("<div class='lg-s'>Incidents per region</div><div class='lg-r'>")
        for b, c in zip(style["regions"]["breaks"], style["regions"]["colors"], strict=False):
            rows.append(f"<span class='lg-c' style='background:{c}'>{b}+</span>")
        rows.append("</div>")
    rows.append("</details>")
    return "".join(rows)


# --------------------------------------------------------------------------- public API


def build_map(
    results: Sequence[ArticleResult],
    *,
    tiles: str | None = None,
    cdn: bool = False,
    cluster: bool | None = None,
    boundaries: bool = True,
    labels: bool = True,
) -> folium.Map:
    """Build the incident map of ``results``.

    Parameters
    ----------
    results : sequence of ArticleResult
        Articles with their toponyms and incidents.
    tiles : str, optional
        An online tile layer (a folium/xyzservices name such as
        ``"OpenStreetMap"`` or a ``{z}/{x}/{y}`` URL) added as base layer. By
        default there are no tiles: the basemap is Natural Earth outlines with
        place names.
    cdn : bool
        Link Leaflet and plugins from their CDNs (small file, needs internet)
        instead of inlining them.
    cluster : bool, optional
        Group the markers of a cell of the screen into one while zoomed out;
        by default when there are many (style file, ``cluster``).
    boundaries : bool
        Draw the basemap and affected-regions layers when the boundary data is
        available.
    labels : bool
        Write place names on the basemap (countries, admin-1 areas, towns from
        the gazetteer).

    Returns
    -------
    folium.Map
        Its root figure renders the whole page (``m.get_root().render()``).
    """
    style = load_style()
    results = list(results)
    unplaced = sum(1 for r in results for i in r.incidents if not export.has_location(i))
    # incidents at places the gazetteer does not know have no point to draw; the header counts them
    results = [replace(r, incidents=[i for i in r.incidents if export.has_location(i)]) for r in results]
    kinds = layer_kinds(results, style)
    head_html, page_title = header_html(results, style=style, kinds=kinds, unplaced=unplaced)
    figure = MapperFigure(cdn=cdn, title=f"{page_title} — mapper")
    m = folium.Map(location=None, tiles=None, control_scale=True, world_copy_jump=True, zoom_start=2)
    m.options["max_zoom"] = _MAX_ZOOM
    m.options["min_zoom"] = 2
    m.default_js = [(n, u) for n, u in folium.Map.default_js if n not in UNUSED_ASSETS]
    m.default_css = [(n, u) for n, u in folium.Map.default_css if n not in UNUSED_ASSETS]
    figure.add_child(m)
    m.add_child(Css(f":root {{ --mapper-sea: {style['basemap']['sea']}; }}\n" + load_css()))

    if tiles:
        try:
            folium.TileLayer(
                tiles, name="Online tiles", max_zoom=_MAX_ZOOM, overlay=False, control=True,
                attr=None if not str(tiles).startswith(("http://", "https://", "//")) else "Tiles © their provider",
            ).add_to(m)  # fmt: skip
        except ValueError as exc:
            raise MapperError(f"unknown tiles {tiles!r}: give a provider name or a {{z}}/{{x}}/{{y}} URL") from exc

    countries = export.country_table() if boundaries else None
    admin1 = export.admin1_table() if boundaries else None
    if countries is not None:
        _add_basemap(m, countries, results, style=style, show=not tiles)
    all_places = export.place_records(results)
    places = [p for p in all_places if p["incidents"] == 0] if all_places else None
    data = page_data(results, style=style, kinds=kinds, places=places, admin1=admin1)
    cs = style["cluster"]
    corpus = len(data["incidents"]) > cs["threshold"]  # a corpus: markers grouped, the list before the legend
    layers = _add_layers(m, data, style=style, labels=labels and not tiles)
    if layers["labels"] is not None:
        data["labels"] = _labels(results, countries=countries, admin1=admin1, style=style, every_town=not corpus)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    m.add_child(Title(head_html))
    legend = legend_html(kinds, results, style=style, regions=data["regions"] is not None, places=bool(data["places"]),
                         folded=corpus)  # fmt: skip
    m.add_child(Attribution(style["attribution"]))
    fit = _fit(m, data)
    source = data_file("webmap", "map.js").read_text(encoding="utf-8")
    grouped = corpus if cluster is None else cluster
    grouping = {"radius": cs["max_cluster_radius"], "disableAt": cs["disable_at_zoom"]} if grouped else None
    m.add_child(Page(data, panel=panel_html(data, legend=legend), source=source, fields=FIELDS, layers=layers,
                     options={"stepMs": style["play_step_ms"], "focusZoom": _FOCUS_ZOOM, "maxLabels": _MAX_LABELS,
                              "cluster": grouping, "fit": fit}))  # fmt: skip
    return m


def _labels(
    results: Sequence[ArticleResult], *, countries: Any, admin1: Any, style: Mapping[str, Any], every_town: bool
) -> list[list[Any]]:
    from mapper.gazetteer import get_gazetteer

    incidents = [i for r in results for i in r.incidents if export.has_location(i)]
    sizes: dict[int, int] = {}  # the largest marker at each town sets its name off
    for inc in incidents:
        sizes[inc.geonameid] = max(sizes.get(inc.geonameid, 0), marker_size(trusted_toll(inc) or 0, style=style))
    return basemap_labels(incidents, countries=countries, admin1=admin1, gazetteer=get_gazetteer(), style=style,
                          marker_sizes=sizes, every_town=every_town)


def _add_basemap(m: folium.Map, countries: Any, results: Sequence[ArticleResult], *, style: Mapping[str, Any], show: bool) -> None:
    """Natural Earth country outlines in their own pane under everything else."""
    CustomPane("basemap", z_index=250, pointer_events=False).add_to(m)
    bm = style["basemap"]
    GeoJson(
        basemap_geojson(countries, bounds=_bounds(results), style=style),
        name=bm["layer"],
        style_function=lambda _f: {"fillColor": bm["land"], "color": bm["line"], "weight": 0.7, "fillOpacity": 1},
        interactive=False, pane="basemap", show=show, smooth_factor=0.5,
    ).add_to(m)  # fmt: skip


def _add_layers(m: folium.Map, data: Mapping[str, Any], *, style: Mapping[str, Any], labels: bool) -> dict[str, Any]:
    """The (empty) layers the page's script fills, in the order of the layer control."""
    layers: dict[str, Any] = dict.fromkeys(("incidents", "places", "regions", "heat", "labels"))
    if labels:
        layers["labels"] = folium.FeatureGroup(name=style["labels"]["layer"], show=style["labels"]["show"]).add_to(m)
    if data["regions"] is not None:
        CustomPane("regions", z_index=350, pointer_events=True).add_to(m)
        layers["regions"] = folium.FeatureGroup(name=style["regions"]["layer"], show=True).add_to(m)
    spec = style["incidents"]
    layers["incidents"] = folium.FeatureGroup(name=spec["layer"], show=spec["show"]).add_to(m)
    if data["incidents"]:
        hs = style["heat"]
        layers["heat"] = HeatLayer(name=hs["layer"], show=hs["show"], radius=hs["radius"], blur=hs["blur"],
                                   min_opacity=hs["min_opacity"]).add_to(m)  # fmt: skip
    if data["places"]:
        layers["places"] = folium.FeatureGroup(name=style["place"]["layer"], show=style["place"]["show"]).add_to(m)
    return layers


def _fit(m: folium.Map, data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The opening view: the incidents (or, without any, the places), clear of the header.

    The page fits it without animation when its URL hash names no view; ``m.location``
    (the centre) is where Leaflet starts before that.
    """
    pts = [(r[1], r[2]) for r in data["incidents"]] or [(r[0], r[1]) for r in data["places"]]
    if not pts:
        m.location = [30.0, 15.0]
        return None
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    m.location = [round((min(lats) + max(lats)) / 2, 5), round((min(lons) + max(lons)) / 2, 5)]
    return {
        "bounds": [[min(lats), min(lons)], [max(lats), max(lons)]],
        "paddingTopLeft": [60, 110], "paddingBottomRight": [60, 40], "maxZoom": 11,
    }  # fmt: skip


def render_map(results: Sequence[ArticleResult], *, tiles: str | None = None, cdn: bool = False) -> str:
    """The whole HTML page of :func:`build_map` (byte-identical for the same input)."""
    return build_map(results, tiles=tiles, cdn=cdn).get_root().render()


def write_map(
    results: Sequence[ArticleResult],
    path: Path | str,
    *,
    tiles: str | None = None,
    cdn: bool = False,
    force: bool = False,
) -> Path:
    """Write the self-contained HTML map of ``results`` to ``path``.

    Parameters
    ----------
    results : sequence of ArticleResult
    path : Path or str
        The ``.html`` file to write (atomically; see :mod:`mapper.files`).
    tiles, cdn
        As for :func:`build_map`.
    force : bool
        Overwrite a file mapper did not write.

    Returns
    -------
    Path
    """
    return atomic_write(Path(path), render_map(results, tiles=tiles, cdn=cdn), force=force)
