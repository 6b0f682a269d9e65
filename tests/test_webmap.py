"""The HTML map: page data, header, panel, labels, trusted tolls, escaping, offline assets,
determinism (no browser here; tests/test_browser.py opens the pages)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from shapely.geometry import box

from _map_fixtures import make_results, synthetic_results
from mapper import export, webmap
from mapper.gazetteer.boundaries import ShapeTable
from mapper.ids import incident_ids
from mapper.model import ArticleResult, MapperError, Place
from mapper.webmap.assets import inline_assets, remote_references
from mapper.webmap.labels import COUNTRY, INCIDENT_TOWN, REGION, TOWN, basemap_labels, zoom_for
from mapper.webmap.payload import FIELDS, day_number
from mapper.webmap.popup import highlight, incident_popup, safe_url
from mapper.webmap.style import load_style, marker_size
from mapper.webmap.summary import header_html, source_names
from mapper.webmap.toll import running_total_phrase, stated_toll, trusted_toll

_REAL_ADMIN1 = export.admin1_table
_REAL_COUNTRIES = export.country_table
F = {name: i for i, name in enumerate(FIELDS)}


@pytest.fixture(autouse=True)
def _no_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests do not depend on the gazetteer's boundary files (tested with fakes below)."""
    monkeypatch.setattr(export, "admin1_table", lambda: None)
    monkeypatch.setattr(export, "country_table", lambda: None)


@pytest.fixture
def page(_no_boundaries: None) -> str:
    return webmap.render_map(make_results())


def _data(html: str) -> dict:
    match = re.search(r"var mapperData = (\{.*?\});\n", html)
    assert match, "page data not found"
    return json.loads(match.group(1))


def _row(data: dict, place: str) -> list:
    return next(r for r in data["incidents"] if data["strings"][r[F["place"]]] == place)


def _popup_text(data: dict, row: list) -> str:
    """All the pieces of a marker's popup, joined (the page assembles them in JS)."""
    return " ".join(data["strings"][i] for i in row[F["popup"]])


def _scripts(html: str) -> list[str]:
    """The text of each <script> element as an HTML parser sees it."""
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.bodies: list[str] = []
            self.inside = False

        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            if tag == "script":
                self.inside = True
                self.bodies.append("")

        def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
            if tag == "script":
                self.inside = False

        def handle_data(self, data):  # type: ignore[no-untyped-def]
            if self.inside:
                self.bodies[-1] += data

    parser = Collect()
    parser.feed(html)
    return parser.bodies


# --------------------------------------------------------------------------- page basics


def test_render_is_byte_identical() -> None:
    assert webmap.render_map(make_results(hostile=True)) == webmap.render_map(make_results(hostile=True))


def test_build_map_twice_gives_same_page() -> None:
    one = webmap.build_map(make_results()).get_root().render()
    two = webmap.build_map(make_results()).get_root().render()
    assert one == two


def test_page_is_self_contained(page: str) -> None:
    assert remote_references(page) == []
    assert "L.map(" in page and "leaflet" in page.lower()
    assert "L.heatLayer(" in page and "simpleheat" in page  # Leaflet.heat inlined from folium-offline
    assert "sourceMappingURL" not in page
    assert "fa-solid-900" not in page  # icon fonts are not shipped


def test_cdn_page_links_assets_and_is_small(page: str) -> None:
    cdn = webmap.render_map(make_results(), cdn=True)
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js">' in cdn
    assert len(page) - len(cdn) > 200_000  # Leaflet + jQuery + CSS not inlined
    assert remote_references(cdn)


def test_inline_assets_refuses_unknown_asset() -> None:
    with pytest.raises(MapperError, match="no offline copy"):
        inline_assets('<script src="https://example.invalid/x.js"></script>', resources={})


def test_layers_and_defaults(page: str) -> None:
    names = dict(re.findall(r'"(Incidents|Density \(heat\)|Other places|Place names|Affected regions)" : (\w+),', page))
    assert set(names) == {"Incidents", "Density (heat)", "Other places", "Place names"}  # no boundaries: no regions
    shown = {n for n, var in names.items() if f"{var}.addTo(" in page}
    assert shown == {"Incidents", "Place names"}  # heat and other places are off until asked for
    data = _data(page)
    assert data["kinds"] == ["attack", "diplomacy"]
    assert len(data["places"]) == 1 and "Eastbrook" in " ".join(data["strings"][i] for i in data["places"][0][3])


# --------------------------------------------------------------------------- rows, ids, list order


def test_every_incident_row_carries_its_feature_id_newest_first() -> None:
    results = make_results()
    results[0].incidents[2].date = None  # an undated one goes last
    data = _data(webmap.render_map(results))
    every = [i for r in results for i in r.incidents]
    by_place = dict(zip((i.place for i in every), incident_ids(every), strict=True))
    rows = data["incidents"]
    assert [data["strings"][r[F["place"]]] for r in rows] == ["Riverton", "Hilltown", "Lakeview", "Ridgeport"]
    assert [r[F["id"]] for r in rows] == [by_place[data["strings"][r[F["place"]]]] for r in rows]
    assert [r[F["day"]] for r in rows] == [day_number("2025-03-06"), day_number("2025-03-05"), day_number("2025-03-04"), None]
    # the GeoJSON layer has the same ids
    doc = json.loads(export.geojson_text(export.to_frame(every)))
    assert sorted(f["id"] for f in doc["features"]) == sorted(r[F["id"]] for r in rows)


def test_day_numbers() -> None:
    assert day_number("1970-01-02") == 1 and day_number("2024-01-01") == 19723
    assert day_number(None) is None and day_number("2024-02-30") is None and day_number("2024") is None
    assert day_number("2025-03-05</script>") == day_number("2025-03-05")  # the date part only


def test_filter_vocabularies_come_from_the_incidents(page: str) -> None:
    data = _data(page)
    assert [w for w, _ in data["weapons"]] == ["artillery", "drone", "missile"]
    assert data["types"] == [
        ["Explosions/Remote violence", ["Air/drone strike", "Shelling/artillery/missile attack"]],
        ["Strategic developments", ["Agreement"]],
    ]
    assert data["days"] == [day_number("2025-03-04"), day_number("2025-03-06")]
    lake = _row(data, "Lakeview")
    assert [data["weapons"][k][0] for k in lake[F["weapons"]]] == ["drone"]
    assert data["strings"][lake[F["where"]]] == "Testland Oblast, Ukraine"


def test_panel_has_the_filters_and_an_empty_list(page: str) -> None:
    for element in ("mapper-from", "mapper-to", "mapper-lo", "mapper-hi", "mapper-play", "mapper-kinds", "mapper-type",
                    "mapper-weapon", "mapper-q", "mapper-sort", "mapper-undated", "mapper-list"):  # fmt: skip
        assert f"id='{element}'" in page, element
    assert "<option value='Air/drone strike'>" in page and "<option value='drone'>Drone</option>" in page
    assert "min='2025-03-04' max='2025-03-06'" in page


def test_no_date_range_for_one_day() -> None:
    one_day = make_results()[:1]
    for inc in one_day[0].incidents:
        inc.date = "2025-03-04"
    html = webmap.render_map(one_day)
    assert "id='mapper-lo'" not in html and "id='mapper-undated'" in html


# --------------------------------------------------------------------------- tolls and sizes


def test_running_totals_are_found_in_a_sentence_that_tells_casualties() -> None:
    def inc(text: str) -> SimpleNamespace:
        return SimpleNamespace(evidence=text, killed=5, wounded=None)

    # invented sentences
    assert running_total_phrase(inc("Over 900 people have been killed in Eastmark since 7 October.")) == "since 7 October"
    assert running_total_phrase(inc("The war has killed 13,000 civilians since the invasion began.")) == "since the invasion"
    assert running_total_phrase(inc("Some 40 were wounded in the region over the past three months.")) is not None
    assert running_total_phrase(inc("A drone killed five people in Lakeview on Monday.")) is None
    # a running-total phrase in another sentence, one that tells no casualties, is no reason
    assert running_total_phrase(inc("A drone killed five people. The town has been shelled daily since March.")) is None
    assert stated_toll(SimpleNamespace(killed=None, wounded=None)) is None
    assert stated_toll(SimpleNamespace(killed=0, wounded=3)) == 3
    assert trusted_toll(inc("Over 900 people have been killed since 2023.")) is None
    assert trusted_toll(inc("A shell killed five.")) == 5


def test_symbol_size_and_badge_from_trusted_tolls_only() -> None:
    style = load_style()
    assert marker_size(0, style=style) < marker_size(7, style=style) <= marker_size(10_000, style=style)
    results = make_results()
    lake = results[0].incidents[0]
    results[0].incidents.append(replace(lake, place="Farfield", geonameid=1009, lat=49.0, lon=28.0, killed=13_000, wounded=None,
                                        evidence="Some 13,000 people have been killed in the province since the war began."))  # fmt: skip
    data = _data(webmap.render_map(results))
    base = style["marker"]["base_size"]
    assert _row(data, "Lakeview")[F["badge"]] == 7 and _row(data, "Lakeview")[F["size"]] > base
    far = _row(data, "Farfield")
    assert far[F["trusted"]] == 0 and far[F["badge"]] == 0 and far[F["size"]] == base  # neutral size
    assert far[F["killed"]] == 13_000  # the figure is still told ...
    assert "running total" in _popup_text(data, far) and "since the war" in _popup_text(data, far)  # ... with the reason
    riverton = _row(data, "Riverton")  # "0 killed" is stated: trusted, base size
    assert riverton[F["trusted"]] == 1 and riverton[F["size"]] == base
    hill = _row(data, "Hilltown")  # nothing stated
    assert hill[F["trusted"]] == 0 and hill[F["killed"]] is None


def test_markers_sharing_a_point_are_spread() -> None:
    results = make_results()
    twin = results[0].incidents[0]
    results[0].incidents.append(replace(twin, event_type="Battles"))
    data = _data(webmap.render_map(results))
    rows = [r for r in data["incidents"] if data["strings"][r[F["place"]]] == "Lakeview"]
    assert len(rows) == 2 and (rows[0][F["dx"]], rows[0][F["dy"]]) != (rows[1][F["dx"]], rows[1][F["dy"]])
    assert rows[0][F["id"]] != rows[1][F["id"]]


# --------------------------------------------------------------------------- header


def test_header_of_a_corpus_summarises_instead_of_listing_articles(page: str) -> None:
    style = load_style()
    results = make_results()
    html, title = header_html(results, style=style, kinds=["attack", "diplomacy"])
    assert title == "2 articles from 1 source"
    assert "Invented strikes hit Lakeview" not in html and "art-1" not in html
    assert "published 2025-03-04 – 2025-03-06" in html
    assert "4 incidents: 3 attacks · 1 diplomatic event · 2025-03-04 – 2025-03-06" in html
    assert "2 killed · 5 wounded, stated in 2 incidents" in html  # Lakeview 2 + 5, Riverton 0
    assert "4 incidents: 3 attacks" in page and "<title>2 articles from 1 source — mapper</title>" in page


def test_header_of_one_article_is_its_title() -> None:
    html, title = header_html(make_results()[:1], style=load_style(), kinds=["attack", "diplomacy"])
    assert title == "Invented strikes hit Lakeview" and "published 2025-03-04" in html


def test_header_leaves_out_running_totals() -> None:
    results = make_results()
    results[1].incidents[0].evidence = "Shelling since 2022 has killed 4,000 in Riverton."
    results[1].incidents[0].killed = 4000
    html, _ = header_html(results, style=load_style(), kinds=["attack", "diplomacy"])
    assert "2 killed · 5 wounded, stated in 1 incident (1 running total left out)" in html


def test_sources_are_outlets_or_hosts() -> None:
    results = make_results()
    assert source_names(results) == {"example.org"}
    results[1].article = replace(results[1].article, source="Invented Times")
    assert source_names(results) == {"example.org", "Invented Times"}


# --------------------------------------------------------------------------- labels


class _FakeGazetteer:
    def __init__(self, towns: list[Place]) -> None:
        self._towns = towns

    def get(self, gid: int) -> Place | None:
        return next((p for p in self._towns if p.geonameid == gid), None)

    def towns(self, *, min_population: int, countries=None) -> list[Place]:  # type: ignore[no-untyped-def]
        picked = [p for p in self._towns if p.population >= min_population and (countries is None or p.country_code in countries)]
        return sorted(picked, key=lambda p: -p.population)


def _town(gid: int, name: str, lat: float, lon: float, pop: int, cc: str = "UA") -> Place:
    return Place(gid, name, lat, lon, "P", "PPL", cc, "", "", "", pop)


def test_basemap_labels_rank_incident_towns_then_countries_areas_and_towns() -> None:
    style = load_style()
    countries = ShapeTable.of([box(22, 44, 40, 52.4), box(6, 45.8, 10.5, 47.8)],
                              country_code=["UA", "CH"], name=["Ukraine", "Switzerland"])  # fmt: skip
    admin1 = ShapeTable.of([box(29, 49, 32, 52), box(35, 45, 40, 50.5), box(5.9, 46.1, 6.3, 46.4)],
                           admin1_code=["UA.01", "UA.02", "CH.GE"], name=["Testland Oblast", "Eastern Oblast", "Genève"],
                           country_code=["UA", "UA", "CH"], geonameid=[11, 12, 13])  # fmt: skip
    gaz = _FakeGazetteer([
        _town(1001, "Lakeview", 50.45, 30.52, 2_900_000), _town(7, "Bigcity", 48.0, 35.0, 1_200_000),
        _town(8, "Smalltown", 50.3, 30.9, 20_000), _town(9, "Farville", 45.0, 24.0, 20_000),
        _town(10, "Worldcity", 10.0, 100.0, 9_000_000, cc="TH"),
    ])  # fmt: skip
    incidents = [i for r in make_results() for i in r.incidents]
    labels = basemap_labels(incidents, countries=countries, admin1=admin1, gazetteer=gaz, style=style, marker_sizes={1001: 40})
    names = [(label[2], label[3]) for label in labels]
    runs = [c for k, (_, c) in enumerate(names) if k == 0 or names[k - 1][1] != c]
    assert runs == [INCIDENT_TOWN, COUNTRY, TOWN, REGION]  # no area has a region-only incident here
    assert names[0] == ("Lakeview", INCIDENT_TOWN)  # the towns with incidents come first
    assert ("Lakeview", TOWN) not in names  # not twice
    lake = labels[0]
    assert lake[5] == 40 // 2 + 3  # set off to the right of its marker
    assert lake[4] == zoom_for(2_900_000, style["labels"]["town_zoom"]) - style["labels"]["incident_zoom_lead"]
    assert ("Ukraine", COUNTRY) in names and ("Switzerland", COUNTRY) in names
    assert ("Eastern Oblast", REGION) in names and ("Genève", REGION) in names  # countries with incidents
    assert ("Worldcity", TOWN) in names and ("Bigcity", TOWN) in names
    assert ("Smalltown", TOWN) in names  # small, but near an incident
    assert ("Farville", TOWN) not in names  # small and far from every incident
    assert next(label for label in labels if label[2] == "Worldcity")[4] < next(label for label in labels if label[2] == "Smalltown")[4]
    assert all(-90 <= label[0] <= 90 and -180 <= label[1] <= 180 for label in labels)


def test_towns_near_incidents_are_those_within_the_distance() -> None:
    """The labels' nearness test agrees with the great-circle distance, over the whole globe."""
    import random

    from mapper.geodesy import haversine_km
    from mapper.webmap.labels import _near

    rng = random.Random(7)
    points = [(rng.uniform(-89, 89), rng.uniform(-180, 180)) for _ in range(300)]
    points += [(rng.uniform(44, 52), rng.uniform(22, 40)) for _ in range(300)]  # a dense theatre
    towns = [SimpleNamespace(lat=rng.uniform(-90, 90), lon=rng.uniform(-180, 180)) for _ in range(1500)]
    towns += [SimpleNamespace(lat=rng.uniform(43, 53), lon=rng.uniform(21, 41)) for _ in range(1500)]
    towns += [SimpleNamespace(lat=89.99, lon=0.0), SimpleNamespace(lat=0.0, lon=179.99)]
    points += [(89.99, 170.0), (0.0, -179.99)]  # across the pole and the antimeridian
    got = _near(points, towns, km=150)
    want = [min(haversine_km(t.lat, t.lon, lat, lon) for lat, lon in points) <= 150 for t in towns]
    assert 100 < sum(got) < len(towns) - 100
    assert got == want
    assert _near([], towns, km=150) == [False] * len(towns) and _near(points, [], km=150) == []


def test_heat_layer_is_folium_heatmaps_markup() -> None:
    """mapper's density layer renders as folium's HeatMap plugin would (without importing the plugins)."""
    import folium
    from folium.plugins import HeatMap

    from mapper.webmap.elements import HeatLayer

    def page(layer: object) -> str:
        m = folium.Map(location=[0, 0], tiles=None)
        layer.add_to(m)  # type: ignore[attr-defined]
        html = m.get_root().render()
        return re.sub(r"[0-9a-f]{32}", "ID", html)

    for show in (True, False):
        ours = page(HeatLayer(name="Density", show=show, radius=12, blur=9, min_opacity=0.3))
        theirs = page(HeatMap([], name="Density", show=show, radius=12, blur=9, min_opacity=0.3))
        assert ours == theirs and "L.heatLayer(" in ours


def test_zoom_tiers() -> None:
    tiers = [[1000, 3], [100, 5], [0, 7]]
    assert [zoom_for(v, tiers) for v in (5000, 1000, 999, 100, 3)] == [3, 3, 5, 5, 7]


def test_the_gazetteer_gives_towns_largest_first() -> None:
    from mapper.gazetteer import get_gazetteer

    towns = get_gazetteer().towns(min_population=1_000_000, countries=["UA"])
    assert towns and towns[0].name == "Kyiv"
    assert all(t.feature_class == "P" and t.feature_code not in {"PPLX", "PPLH"} for t in towns)
    assert [t.population for t in towns] == sorted((t.population for t in towns), reverse=True)


def test_labels_need_no_tiles(page: str) -> None:
    assert '"Place names"' in page
    online = webmap.render_map(make_results(), tiles="OpenStreetMap")
    assert '"Place names"' not in online  # the tiles have names of their own
    assert "tile.openstreetmap.org" in online and "tile.openstreetmap.org" not in page
    with pytest.raises(MapperError):
        webmap.render_map(make_results(), tiles="no such provider")


# --------------------------------------------------------------------------- escaping, popups


def test_hostile_text_is_escaped_everywhere() -> None:
    results = make_results(hostile=True)
    results[0].incidents[1].date = "2025-03-05</script><script>window.__pwned=3</script>"  # a raw data field
    html = webmap.render_map(results)
    assert "__pwned" in html  # the text is there ...
    assert "<script>window.__pwned=1" not in html  # ... but never as markup
    assert "</script><script>window.__pwned=3" not in html
    assert "<img src=x" not in html and "onerror=\"window" not in html
    data = _data(html)
    lake = _row(data, "Lakeview")
    assert "&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in _popup_text(data, lake)
    assert "{{ 7*7 }}{% if true %}jinja{% endif %}" in html  # template syntax in article text stays literal
    scripts = _scripts(html)
    body = next(b for b in scripts if "var mapperData = " in b)
    assert "window.__pwned" in body
    assert "mapperPage({map:" in body.split("var mapperData = ")[1]  # the code after the data survived
    assert any("fitBounds" in b for b in scripts)
    assert "<title>" in html and "<script>window" not in html.split("<title>")[1].split("</title>")[0]


def test_popup_has_the_details_and_the_id() -> None:
    inc = make_results()[0].incidents[0]
    html = incident_popup(inc, style=load_style(), feature_id="art-1-abc")
    for text in ("Lakeview", "Testland Oblast", "Ukraine", "drone", "Killed", ">2<", ">5<", "depot",
                 "Russia", "officials", "2025-03-04", "2 – town or part of it", "named in the strike sentence",
                 "https://example.org/a1", "Id: <code>art-1-abc</code>"):  # fmt: skip
        assert text in html, text
    assert "<mark>Lakeview</mark>" in html
    assert "Sides" not in html and "Abducted" not in html  # fields this incident does not have
    unknown = incident_popup(make_results()[0].incidents[1], style=load_style())
    assert unknown.count("not stated") >= 2  # killed / wounded unknown


def test_popup_shows_the_sides_and_the_abducted_when_told() -> None:
    inc = replace(make_results()[0].incidents[0], actor1="<b>Militia</b>", actor2=None, abducted=4, arrested=None)
    html = incident_popup(inc, style=load_style())
    assert "&lt;b&gt;Militia&lt;/b&gt; → <i>not stated</i>" in html and "<th>Abducted</th><td>4</td>" in html
    assert "Arrested" not in html


def test_highlight_uses_spans_then_names() -> None:
    text = "Strikes hit Foo and <b>Bar</b>."
    assert highlight(text, spans=[(12, 15)]) == "Strikes hit <mark>Foo</mark> and &lt;b&gt;Bar&lt;/b&gt;."
    assert highlight(text, spans=[(50, 60)], names=["bar"]) == "Strikes hit Foo and &lt;b&gt;<mark>Bar</mark>&lt;/b&gt;."
    assert highlight("Food in Foo.", names=["Foo"]) == "Food in <mark>Foo</mark>."
    assert highlight("a b", spans=[(0, 1), (0, 3)]) == "<mark>a b</mark>"


def test_only_http_links() -> None:
    assert safe_url("https://example.org/x?a=1") == "https://example.org/x?a=1"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://x.org/\"onmouseover=") is None
    inc = make_results()[0].incidents[0]
    inc.url = "javascript:alert(1)"
    assert "javascript:" not in incident_popup(inc, style=load_style())


# --------------------------------------------------------------------------- layers


def _cluster_option(html: str) -> object:
    match = re.search(r"cluster: (null|\{[^}]*\}), fit:", html)
    assert match, "cluster option not found"
    return json.loads(match.group(1))


def test_markers_are_grouped_only_for_many_incidents(page: str) -> None:
    assert _cluster_option(page) is None
    many = webmap.render_map(synthetic_results(300, seed=1))
    style = load_style()["cluster"]
    assert _cluster_option(many) == {"radius": style["max_cluster_radius"], "disableAt": style["disable_at_zoom"]}
    assert "markerClusterGroup" not in many  # grouped by the page's own grid, not Leaflet.markercluster
    assert '"maxZoom":18' in many.replace(" ", "")
    assert "<details><summary" in many and "<details open><summary" in page  # a corpus folds its legend


def test_title_and_attribution(page: str) -> None:
    assert "2 articles from 1 source" in page
    assert "GeoNames" in page and "Natural Earth" in page
    assert "L.control.scale()" in page


def test_boundary_layers_when_available(monkeypatch) -> None:
    countries = ShapeTable.of([box(22, 44, 40, 52.4)], country_code=["UA"], name=["Ukraine"])
    admin1 = ShapeTable.of([box(35, 45, 40, 50.5)], admin1_code=["UA.02"], name=["Eastern <Oblast>"], country_code=["UA"],
                           geonameid=[12])  # fmt: skip
    monkeypatch.setattr(export, "country_table", lambda: countries)
    monkeypatch.setattr(export, "admin1_table", lambda: admin1)
    html = webmap.render_map(make_results())
    assert '"Affected regions"' in html and '"Basemap (Natural Earth)"' in html
    data = _data(html)
    assert [f["properties"]["name"] for f in data["regions"]["features"]] == ["Eastern &lt;Oblast&gt;"]  # escaped
    assert "Eastern <Oblast>" not in html.replace("\\u003c", "<").replace("\\u003e", ">")
    regions = {data["strings"][r[F["place"]]]: r[F["region"]] for r in data["incidents"]}
    assert regions == {"Hilltown": 0, "Riverton": 0, "Lakeview": -1, "Ridgeport": -1}
    assert any(label[2] == "Ukraine" and label[3] == COUNTRY for label in data["labels"])


def test_write_map_is_atomic_and_safe(tmp_path: Path) -> None:
    out = webmap.write_map(make_results(), tmp_path / "m.html")
    first = out.read_bytes()
    webmap.write_map(make_results(), out)  # its own file: replaced
    assert out.read_bytes() == first
    (tmp_path / "other.html").write_text("not ours")
    with pytest.raises(MapperError):
        webmap.write_map(make_results(), tmp_path / "other.html")
    assert (tmp_path / "other.html").read_text() == "not ours"


def test_empty_results_still_make_a_map() -> None:
    html = webmap.render_map([])
    assert "L.map(" in html and remote_references(html) == []
    assert _data(html)["incidents"] == []


def test_real_boundaries_render_byte_identical(monkeypatch) -> None:
    monkeypatch.setattr(export, "admin1_table", _REAL_ADMIN1)
    monkeypatch.setattr(export, "country_table", _REAL_COUNTRIES)
    assert export.country_table() is not None and export.admin1_table() is not None, "boundary data missing"
    one = webmap.render_map(make_results())
    assert '"Basemap (Natural Earth)"' in one
    assert one == webmap.render_map(make_results())
    labels = _data(one)["labels"]
    assert {"Ukraine", "Kyiv"} <= {label[2] for label in labels}


def test_incident_without_coordinates_is_not_drawn() -> None:
    results = make_results()
    results[0].incidents[1].lon = float("inf")
    data = _data(webmap.render_map(results))  # valid JSON: no Infinity/NaN
    assert "Hilltown" not in {data["strings"][r[F["place"]]] for r in data["incidents"]}


def test_every_weapon_of_the_lexicon_has_a_glyph() -> None:
    from mapper.incidents.lexicon import lexicon_dir
    from mapper.paths import data_dir

    terms = json.loads((lexicon_dir() / "weapons.json").read_text(encoding="utf-8"))["terms"]
    style = json.loads((data_dir("webmap") / "style.json").read_text(encoding="utf-8"))
    assert set(terms.values()) <= set(style["weapons"])


def test_an_article_result_without_incidents_is_fine() -> None:
    results = [ArticleResult(make_results()[0].article, [], [])]
    html = webmap.render_map(results)
    assert "0 incidents" in html and "no toll stated" in html


def test_every_running_total_pattern_has_a_cue() -> None:
    """The fast first check (a cue word) never hides a phrase the patterns would find."""
    from mapper.paths import data_file

    spec = json.loads(data_file("webmap", "tolls.json").read_text(encoding="utf-8"))
    for pattern in spec["running_total"]:
        words = set(re.findall(r"[a-z]+", re.sub(r"\\[a-z]", " ", pattern)))
        assert any(set(cue.split()) <= words for cue in spec["cues"]), pattern


def test_incidents_with_no_point_are_not_drawn_and_the_header_counts_them() -> None:
    results = make_results()
    inc = results[0].incidents[1]
    inc.lat = inc.lon = inc.geo_precision = None
    drawn = sum(export.has_location(i) for r in results for i in r.incidents)
    page = webmap.build_map(results).get_root().render()
    assert "1 incident not drawn: no known point for the place" in page
    rows = json.loads(re.search(r'"incidents":\s*(\[\[.*?\]\])', page, re.S).group(1))
    assert len(rows) == drawn
