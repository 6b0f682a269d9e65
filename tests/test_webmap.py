"""The HTML map: layers, escaping, offline assets, determinism (no browser here)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from _map_fixtures import make_results, synthetic_results
from mapper import export, webmap
from mapper.webmap.popup import highlight, incident_popup, safe_url
from mapper.webmap.assets import inline_assets, remote_references
from mapper.webmap.style import load_style, marker_size
from mapper.model import MapperError


_REAL_ADMIN1 = export.admin1_shapes
_REAL_COUNTRIES = export.country_shapes


@pytest.fixture(autouse=True)
def _no_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests do not depend on the gazetteer's boundary files (tested with fakes below)."""
    monkeypatch.setattr(export, "admin1_shapes", lambda: None)
    monkeypatch.setattr(export, "country_shapes", lambda: None)


@pytest.fixture
def page(_no_boundaries: None) -> str:
    return webmap.render_map(make_results())


def _payload(html: str) -> dict:
    match = re.search(r"var P = (\{.*?\});\n", html)
    assert match, "marker payload not found"
    return json.loads(match.group(1))


def _popup_text(payload: dict, row: list) -> str:
    """All the pieces of a marker's popup, joined (the page assembles them in JS)."""
    return " ".join(payload["strings"][i] for i in row[6])


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


def _tooltip(payload: dict, row: list) -> str:
    return payload["strings"][row[7]]


def test_render_is_byte_identical() -> None:
    assert webmap.render_map(make_results(hostile=True)) == webmap.render_map(make_results(hostile=True))


def test_build_map_twice_gives_same_page() -> None:
    one = webmap.build_map(make_results()).get_root().render()
    two = webmap.build_map(make_results()).get_root().render()
    assert one == two


def test_page_is_self_contained(page: str) -> None:
    assert remote_references(page) == []
    assert "L.map(" in page and "leaflet" in page.lower()
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
    for name in ("Attacks", "Diplomatic venues", "Other places"):
        assert json.dumps(name) in page
    payload = _payload(page)
    assert payload["kinds"] == ["attack", "diplomacy", "place"]
    places = [m for m in payload["markers"] if payload["kinds"][m[2]] == "place"]
    assert len(places) == 1 and "Eastbrook" in _popup_text(payload, places[0])


def test_other_places_layer_hidden_by_default(page: str) -> None:
    names = re.findall(r'"(Attacks|Diplomatic venues|Other places)" : (\w+),', page)
    assert {n for n, _ in names} == {"Attacks", "Diplomatic venues", "Other places"}
    shown = {n for n, var in names if f"{var}.addTo(" in page}
    assert shown == {"Attacks", "Diplomatic venues"}


def test_markers_sized_by_casualties_and_spread_when_same_place() -> None:
    style = load_style()
    assert marker_size(0, style=style) < marker_size(7, style=style) <= marker_size(10_000, style=style)
    assert marker_size(10_000, style=style) == style["marker"]["max_size"]
    payload = _payload(webmap.render_map(make_results()))
    by_place = {_tooltip(payload, m).split(" · ")[0]: m for m in payload["markers"]}
    assert by_place["Lakeview"][5] == 7  # badge = killed + wounded
    assert by_place["Lakeview"][4] > by_place["Ridgeport"][4]
    results = make_results()
    twin = results[0].incidents[0]
    results[0].incidents.append(type(twin)(**{**twin.to_dict(), "lat": twin.lat, "lon": twin.lon}))
    payload = _payload(webmap.render_map(results))
    rows = [m for m in payload["markers"] if _tooltip(payload, m).startswith("Lakeview")]
    assert len(rows) == 2 and (rows[0][9], rows[0][10]) != (rows[1][9], rows[1][10])


def test_hostile_text_is_escaped_everywhere() -> None:
    results = make_results(hostile=True)
    results[0].incidents[1].date = "2025-03-05</script><script>window.__pwned=3</script>"  # a raw data field
    html = webmap.render_map(results)
    assert "__pwned" in html  # the text is there ...
    assert "<script>window.__pwned=1" not in html  # ... but never as markup
    assert "</script><script>window.__pwned=3" not in html
    assert "<img src=x" not in html and "onerror=\"window" not in html
    assert "&lt;script&gt;window.__pwned" in html  # title box, escaped
    payload = _payload(html)
    lake = next(m for m in payload["markers"] if _tooltip(payload, m).startswith("Lakeview"))
    assert "&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in _popup_text(payload, lake)
    # template syntax in article text stays literal (folium must not evaluate it)
    assert "{{ 7*7 }}{% if true %}jinja{% endif %}" in html
    # the marker script is not cut short by a "</script>" in article text
    scripts = _scripts(html)
    payload_script = next(body for body in scripts if "var P = " in body)
    assert "window.__pwned" in payload_script
    assert "groups.forEach" in payload_script.split("var P = ")[1]  # code after the data survived
    assert any("fitBounds" in body for body in scripts)
    assert "<title>" in html and "<script>window" not in html.split("<title>")[1].split("</title>")[0]


def test_popup_has_the_details() -> None:
    inc = make_results()[0].incidents[0]
    html = incident_popup(inc, style=load_style())
    for text in ("Lakeview", "Testland Oblast", "Ukraine", "drone", "Killed", ">2<", ">5<", "depot",
                 "Russia", "officials", "2025-03-04", "2 – town or part of it", "named in the strike sentence",
                 "https://example.org/a1"):  # fmt: skip
        assert text in html, text
    assert "<mark>Lakeview</mark>" in html
    unknown = incident_popup(make_results()[0].incidents[1], style=load_style())
    assert unknown.count("not stated") >= 2  # killed / wounded unknown


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


def test_time_slider_only_for_several_dates(page: str) -> None:
    assert "mapper-date" in page
    one_day = make_results()[:1]
    for inc in one_day[0].incidents:
        inc.date = "2025-03-04"
    assert "mapper-date" not in webmap.render_map(one_day)


def test_clustering_for_many_incidents(page: str) -> None:
    assert "markerClusterGroup" not in page
    many = webmap.render_map(synthetic_results(300, seed=1))
    assert "L.markerClusterGroup(" in many and "L.featureGroup.subGroup(" in many
    assert '"maxZoom":18' in many.replace(" ", "")


def test_title_and_attribution(page: str) -> None:
    assert "2 articles" in page and "Invented strikes hit Lakeview" in page
    assert "2025-03-04 – 2025-03-06" in page
    assert "GeoNames" in page and "Natural Earth" in page
    assert "L.control.scale()" in page


def test_tiles_option(page: str) -> None:
    assert "tile.openstreetmap.org" not in page
    online = webmap.render_map(make_results(), tiles="OpenStreetMap")
    assert "tile.openstreetmap.org" in online
    with pytest.raises(MapperError):
        webmap.render_map(make_results(), tiles="no such provider")


def test_boundary_layers_when_available(monkeypatch) -> None:
    countries = gpd.GeoDataFrame({"country_code": ["UA"], "name": ["Ukraine"]},
                                 geometry=[box(22, 44, 40, 52.4)], crs="EPSG:4326")  # fmt: skip
    admin1 = gpd.GeoDataFrame({"admin1_code": ["UA.02"], "name": ["Eastern <Oblast>"], "country_code": ["UA"],
                               "geonameid": [12]}, geometry=[box(35, 45, 40, 50.5)], crs="EPSG:4326")  # fmt: skip
    monkeypatch.setattr(export, "country_shapes", lambda: countries)
    monkeypatch.setattr(export, "admin1_shapes", lambda: admin1)
    html = webmap.render_map(make_results())
    assert '"Affected regions"' in html and '"Basemap (Natural Earth)"' in html
    decoded = html.replace("\\u0026", "&").replace("\\u003c", "<").replace("\\u003e", ">")
    assert "Eastern &lt;Oblast&gt;" in decoded  # escaped before folium's tooltip inserts it as HTML
    assert "Eastern <Oblast>" not in decoded


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


def test_real_boundaries_render_byte_identical(monkeypatch) -> None:
    monkeypatch.setattr(export, "admin1_shapes", _REAL_ADMIN1)
    monkeypatch.setattr(export, "country_shapes", _REAL_COUNTRIES)
    assert export.country_shapes() is not None and export.admin1_shapes() is not None, "boundary data missing"
    one = webmap.render_map(make_results())
    assert '"Basemap (Natural Earth)"' in one
    assert one == webmap.render_map(make_results())


def test_incident_without_coordinates_is_not_drawn() -> None:
    results = make_results()
    results[0].incidents[1].lon = float("inf")
    payload = _payload(webmap.render_map(results))  # valid JSON: no Infinity/NaN
    assert not any(_tooltip(payload, m).startswith("Hilltown") for m in payload["markers"])


def test_every_weapon_of_the_lexicon_has_a_glyph() -> None:
    import json

    from mapper.incidents.lexicon import lexicon_dir
    from mapper.paths import data_dir

    terms = json.loads((lexicon_dir() / "weapons.json").read_text(encoding="utf-8"))["terms"]
    style = json.loads((data_dir("webmap") / "style.json").read_text(encoding="utf-8"))
    assert set(terms.values()) <= set(style["weapons"])
