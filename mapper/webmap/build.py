"""The layered incident map: a folium/Leaflet page that works with no internet.

Layers a reader toggles in the layer control:

* **Attacks**, **Diplomatic venues** (and **Other events** when there are any):
  one marker per incident, drawn as inline SVG (kind = colour and shape,
  weapon = white glyph, size and the number badge = killed + wounded), with a
  popup giving the incident's details and its evidence sentence;
* **Affected regions**: admin-1 polygons shaded by the number of incidents;
* **Other places**: places mentioned without an incident (off by default);
* **Basemap (Natural Earth)**: country outlines drawn from data, so no tiles are
  needed; ``tiles=`` adds an online tile layer for readers with a connection.

With many incidents the markers are clustered (``MarkerCluster`` with one
``FeatureGroupSubGroup`` per layer, so the toggles keep working) and a date
slider appears when the incidents span several dates.

The page is self-contained: Leaflet and its plugins are inlined from the
installed ``folium-offline`` package (see :mod:`mapper.webmap.assets`); ``cdn=True``
keeps folium's CDN links instead. Element ids are numbered, not random, so the
same input gives a byte-identical file. All article text is HTML-escaped
(:mod:`mapper.webmap.popup`).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import folium
import numpy as np
import shapely
from folium.map import CustomPane
from folium.plugins import FeatureGroupSubGroup, MarkerCluster

from mapper import export
from mapper.files import atomic_write
from mapper.webmap.popup import PopupParts, esc, incident_parts, incident_tooltip, place_parts
from mapper.webmap.assets import UNUSED_ASSETS
from mapper.webmap.elements import Attribution, Control, Css, GeoJson, MapperFigure, Markers, Title
from mapper.webmap.style import glyph, load_css, load_style, marker_size, marker_svg, weapon_key
from mapper.model import ArticleResult, Incident, MapperError

__all__ = ["build_map", "render_map", "write_map"]

PLACE_KIND = "place"
_MAX_ZOOM = 18


# --------------------------------------------------------------------------- content


def _dates_of(results: Sequence[ArticleResult]) -> tuple[list[str], list[str]]:
    published = sorted({r.article.date for r in results if r.article.date})
    happened = sorted({i.date for r in results for i in r.incidents if i.date})
    return published, happened


def _span(dates: Sequence[str]) -> str:
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def title_html(results: Sequence[ArticleResult]) -> tuple[str, str]:
    """The (escaped) title box HTML and the plain page title."""
    published, happened = _dates_of(results)
    n_inc = sum(len(r.incidents) for r in results)
    titles = [r.article.title.strip() or r.article.id for r in results]
    facts = []
    if published:
        facts.append(f"published {_span(published)}")
    if happened:
        facts.append(f"incidents {_span(happened)}")
    facts.append(f"{n_inc} incident{'s' if n_inc != 1 else ''}")
    if len(results) == 1:
        head = titles[0] if titles else "mapper"
        extra = ""
    else:
        head = f"{len(results)} articles"
        shown = titles[:3]
        more = len(titles) - len(shown)
        extra = "".join(f"<div class='mt-a'>{esc(t)}</div>" for t in shown)
        if more > 0:
            extra += f"<div class='mt-a'>… and {more} more</div>"
    html = f"<div class='mt-h1'>{esc(head)}</div>{extra}<div class='mt-d'>{esc(' · '.join(facts))}</div>"
    return html, head


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


def _casualties(inc: Incident) -> int:
    return (inc.killed or 0) + (inc.wounded or 0)


def _names_by_article(results: Sequence[ArticleResult]) -> dict[tuple[str, int], set[str]]:
    names: dict[tuple[str, int], set[str]] = defaultdict(set)
    for res in results:
        for top in res.toponyms:
            names[(res.article.id, top.geonameid)].add(top.name)
    return names


def _layer_kinds(results: Sequence[ArticleResult], style: Mapping[str, Any]) -> list[str]:
    present = {i.kind for r in results for i in r.incidents}
    kinds = [k for k in style["kinds"] if k in ("attack", "diplomacy") or k in present]
    kinds += sorted(k for k in present if k not in style["kinds"])
    return kinds


def marker_payload(
    results: Sequence[ArticleResult], *, style: Mapping[str, Any], places: Any
) -> tuple[dict[str, Any], list[str]]:
    """The JSON payload of :class:`_Markers` and the ordered list of layer kinds.

    Marker rows are ``[lat, lon, layer, symbol, size, badge, popup, tooltip,
    date_index, dx, dy, geo_precision]``. ``popup`` is a list of indices into ``strings`` (the
    deduplicated, already escaped pieces of :class:`mapper.webmap.popup.PopupParts`:
    head, where, quote, foot, then label/value pairs); ``tooltip`` is one such
    index. ``date_index`` is -1 for an incident without a date and -2 for a place
    (never filtered by the date slider).
    """
    kinds = _layer_kinds(results, style)
    layer_of = {k: i for i, k in enumerate(kinds)}
    other_layer = layer_of.get("other")
    _, dates = _dates_of(results)
    date_index = {d: i for i, d in enumerate(dates)}
    names = _names_by_article(results)
    symbols: dict[str, int] = {}
    strings: dict[str, int] = {"": 0}
    rows: list[list[Any]] = []
    points: list[tuple[float, float]] = []

    def symbol(svg: str) -> int:
        return symbols.setdefault(svg, len(symbols))

    def text(value: str) -> int:
        return strings.setdefault(value, len(strings))

    def popup(parts: PopupParts) -> list[int]:
        out = [text(parts.head), text(parts.where), text(parts.quote), text(parts.foot)]
        for label, value in parts.rows:
            out += [text(esc(label)), text(value)]
        return out

    for res in results:
        for inc in res.incidents:
            if not export.has_location(inc):
                continue
            layer = layer_of.get(inc.kind, other_layer)
            if layer is None:  # an unknown kind without an "other" layer
                layer = layer_of.setdefault(inc.kind, len(kinds))
                kinds.append(inc.kind)
            size = marker_size(_casualties(inc), style=style)
            svg = marker_svg(kind=inc.kind, glyph_key=weapon_key(inc.weapons, kind=inc.kind, style=style), size=size, style=style)
            parts = incident_parts(inc, style=style, names=names.get((inc.article_id, inc.geonameid), ()))
            rows.append([
                round(inc.lat, 5), round(inc.lon, 5), layer, symbol(svg), size, _casualties(inc),
                popup(parts), text(incident_tooltip(inc, style=style)), date_index.get(inc.date or "", -1), 0, 0,
                int(inc.geo_precision),
            ])  # fmt: skip
            points.append((inc.lat, inc.lon))
    if places is not None and len(places):
        spec = style["place"]
        layer = len(kinds)
        kinds.append(PLACE_KIND)
        d = 2 * spec["radius"] + 2
        svg = (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{d}' height='{d}'>"
            f"<circle cx='{d / 2}' cy='{d / 2}' r='{spec['radius']}' fill='{spec['color']}' stroke='#fff' stroke-width='1.5'/></svg>"
        )
        sym = symbol(svg)
        for rec in places.drop(columns=places.geometry.name).to_dict(orient="records"):
            rows.append([
                rec["lat"], rec["lon"], layer, sym, d, 0, popup(place_parts(rec)), text(esc(rec["name"])), -2, 0, 0, 0,
            ])  # fmt: skip
            points.append((rec["lat"], rec["lon"]))
    for row, (dx, dy) in zip(rows, _offsets(points, step=style["marker"]["same_place_offset_px"]), strict=True):
        row[9], row[10] = dx, dy
    payload = {"kinds": kinds, "symbols": list(symbols), "strings": list(strings), "markers": rows, "dates": dates}
    return payload, kinds


def _geojson(frame: Any, columns: Sequence[str], *, decimals: int, tolerance: Any = 0.0) -> dict[str, Any]:
    """A GeoJSON dict of ``frame`` with coordinates simplified and rounded (smaller page).

    String properties are HTML-escaped: folium's tooltips insert them as HTML.
    """
    geoms = np.asarray(frame.geometry.values)
    if np.any(np.asarray(tolerance) > 0):
        simple = shapely.simplify(geoms, tolerance, preserve_topology=False)  # fast; for display only
        lost = shapely.is_empty(simple) & ~shapely.is_empty(geoms)  # tiny islands: keep them as they are
        geoms = np.where(lost, geoms, simple)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    texts = shapely.to_geojson(geoms)
    features = []
    for rec, geom, text in zip(frame[list(columns)].to_dict(orient="records"), geoms, texts, strict=True):
        if geom is None or geom.is_empty:
            continue
        props = {k: (esc(v) if isinstance(v, str) else export._json_value(v)) for k, v in rec.items()}
        features.append({"type": "Feature", "properties": props, "geometry": json.loads(text)})
    return {"type": "FeatureCollection", "features": features}


def basemap_geojson(countries: Any, *, bounds: Sequence[float] | None, style: Mapping[str, Any]) -> dict[str, Any]:
    """Country outlines: finer near the incidents, coarse elsewhere (keeps the page small)."""
    bm = style["basemap"]
    tolerance = np.full(len(countries), bm["far_tolerance"], dtype=float)
    if bounds is not None:
        south, west, north, east = bounds
        margin = bm["near_margin_deg"]
        near = shapely.box(west - margin, south - margin, east + margin, north + margin)
        tolerance[shapely.intersects(countries.geometry.values, near)] = bm["near_tolerance"]
    return _geojson(countries, ["name"], decimals=3, tolerance=tolerance)


def _bounds(results: Sequence[ArticleResult]) -> tuple[float, float, float, float] | None:
    pts = [(i.lat, i.lon) for r in results for i in r.incidents if export.has_location(i)]
    pts = pts or [(t.lat, t.lon) for r in results for t in r.toponyms if export.has_location(t)]
    if not pts:
        return None
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return min(lats), min(lons), max(lats), max(lons)


def _region_color(count: int, style: Mapping[str, Any]) -> str:
    breaks = style["regions"]["breaks"]
    colors = style["regions"]["colors"]
    idx = sum(1 for b in breaks if count >= b) - 1
    return colors[max(0, min(idx, len(colors) - 1))]


def legend_html(kinds: Sequence[str], results: Sequence[ArticleResult], *, style: Mapping[str, Any], regions: bool) -> str:
    """The legend box (mapper's own markup; no article text)."""
    rows = ["<details open><summary class='lg-h'>Legend</summary>"]
    for kind in kinds:
        if kind == PLACE_KIND:
            spec = style["place"]
            dot = f"<svg width='14' height='14'><circle cx='7' cy='7' r='5' fill='{spec['color']}'/></svg>"
            rows.append(f"<div class='lg-r'>{dot}<span>{esc(spec['label'])}</span></div>")
            continue
        spec = style["kinds"].get(kind, style["kinds"]["other"])
        key = weapon_key([], kind=kind, style=style)
        rows.append(f"<div class='lg-r'>{marker_svg(kind=kind, glyph_key=key, size=18, style=style)}<span>{esc(spec['label'])}</span></div>")
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
    rows.append("<div class='lg-s'>Size and <span class='lg-n'>n</span> = killed + wounded</div>")
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
) -> folium.Map:
    """Build the layered incident map of ``results``.

    Parameters
    ----------
    results : sequence of ArticleResult
        Articles with their toponyms and incidents.
    tiles : str, optional
        An online tile layer (a folium/xyzservices name such as
        ``"OpenStreetMap"`` or a ``{z}/{x}/{y}`` URL) added as base layer. By
        default there are no tiles: the basemap is Natural Earth outlines.
    cdn : bool
        Link Leaflet and plugins from their CDNs (small file, needs internet)
        instead of inlining them.
    cluster : bool, optional
        Cluster markers; by default only when there are many (style file,
        ``cluster.threshold``).
    boundaries : bool
        Draw the basemap and affected-regions layers when the boundary data is
        available.

    Returns
    -------
    folium.Map
        Its root figure renders the whole page (``m.get_root().render()``).
    """
    return _build(results, tiles=tiles, cdn=cdn, cluster=cluster, boundaries=boundaries)


def _build(
    results: Sequence[ArticleResult], *, tiles: str | None, cdn: bool, cluster: bool | None, boundaries: bool
) -> folium.Map:
    style = load_style()
    results = list(results)
    head_html, page_title = title_html(results)
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

    if boundaries:
        _add_basemap(m, results, style=style, show=not tiles)
    has_regions = _add_regions(m, results, style=style) if boundaries else False
    payload, kinds = _add_markers(m, results, style=style, cluster=cluster)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    m.add_child(Title(head_html))
    legend = legend_html(kinds, results, style=style, regions=has_regions)
    m.add_child(Control(legend, position="bottomright", css_class="mapper-legend", yield_to_popups=True))
    m.add_child(Attribution(style["attribution"]))
    _fit(m, payload, kinds)
    return m


def _add_basemap(m: folium.Map, results: Sequence[ArticleResult], *, style: Mapping[str, Any], show: bool) -> None:
    """Natural Earth country outlines in their own pane under everything else."""
    countries = export.country_shapes()
    if countries is None:
        return
    CustomPane("basemap", z_index=250, pointer_events=False).add_to(m)
    bm = style["basemap"]
    GeoJson(
        basemap_geojson(countries, bounds=_bounds(results), style=style),
        name=bm["layer"],
        style_function=lambda _f: {"fillColor": bm["land"], "color": bm["line"], "weight": 0.7, "fillOpacity": 1},
        interactive=False, pane="basemap", show=show, smooth_factor=0.5,
    ).add_to(m)  # fmt: skip


def _add_regions(m: folium.Map, results: Sequence[ArticleResult], *, style: Mapping[str, Any]) -> bool:
    """Admin-1 areas shaded by incident count; False when there are none (or no boundaries)."""
    regions = export.regions_frame(results, shapes=export.admin1_shapes())
    if len(regions) == 0:
        return False
    CustomPane("regions", z_index=350, pointer_events=True).add_to(m)
    rs = style["regions"]
    GeoJson(
        _geojson(regions, ["name", "country_code", "incidents", "attacks", "killed", "wounded"], decimals=4),
        name=rs["layer"],
        style_function=lambda f: {
            "fillColor": _region_color(int(f["properties"]["incidents"]), style),
            "color": rs["line"], "weight": 1, "fillOpacity": rs["opacity"],
        },
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "incidents", "attacks", "killed", "wounded"],
            aliases=["Region", "Incidents", "Attacks", "Killed (stated)", "Wounded (stated)"],
        ),
        pane="regions",
    ).add_to(m)  # fmt: skip
    return True


def _add_markers(
    m: folium.Map, results: Sequence[ArticleResult], *, style: Mapping[str, Any], cluster: bool | None
) -> tuple[dict[str, Any], list[str]]:
    """One layer per kind (+ other places), clustered when there are many markers."""
    all_places = export.places_frame(results)
    places = all_places[all_places["incidents"] == 0] if len(all_places) else all_places
    payload, kinds = marker_payload(results, style=style, places=places)
    use_cluster = len(payload["markers"]) > style["cluster"]["threshold"] if cluster is None else cluster
    parent = None
    if use_cluster:
        cs = style["cluster"]
        parent = MarkerCluster(
            control=False,
            options={"maxClusterRadius": cs["max_cluster_radius"], "disableClusteringAtZoom": cs["disable_at_zoom"],
                     "spiderfyOnMaxZoom": True, "chunkedLoading": True},
        ).add_to(m)  # fmt: skip
    groups = []
    for kind in kinds:
        spec = style["place"] if kind == PLACE_KIND else style["kinds"].get(kind, {"layer": kind.title(), "show": True})
        if parent is not None:
            group = FeatureGroupSubGroup(parent, name=spec["layer"], show=spec["show"])
        else:
            group = folium.FeatureGroup(name=spec["layer"], show=spec["show"])
        groups.append(group.add_to(m))
    m.add_child(Markers(payload, groups))
    return payload, kinds


def _fit(m: folium.Map, payload: Mapping[str, Any], kinds: Sequence[str]) -> None:
    """Open on the incidents (or, without any, on the places), clear of the title and legend."""
    rows = payload["markers"]
    pts = [(r[0], r[1]) for r in rows if kinds[r[2]] != PLACE_KIND] or [(r[0], r[1]) for r in rows]
    if not pts:
        m.location = [30.0, 15.0]
        return
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    m.location = [round((min(lats) + max(lats)) / 2, 5), round((min(lons) + max(lons)) / 2, 5)]
    m.fit_bounds(
        [[min(lats), min(lons)], [max(lats), max(lons)]],
        padding_top_left=(60, 110), padding_bottom_right=(320, 40), max_zoom=11,
    )


def render_map(
    results: Sequence[ArticleResult], *, tiles: str | None = None, cdn: bool = False
) -> str:
    """The whole HTML page of :func:`build_map` (byte-identical for the same input)."""
    m = _build(results, tiles=tiles, cdn=cdn, cluster=None, boundaries=True)
    return m.get_root().render()


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
