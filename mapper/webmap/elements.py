"""The folium elements of the mapper page (figure, controls, marker layer).

Two rules hold for every element here:

* rendered output is inserted verbatim. branca wraps each rendered macro in
  ``Element(text)``, which compiles ``text`` again as a Jinja template: article
  text containing ``{{ ... }}`` would be evaluated, and a large payload takes
  seconds to compile. :class:`RawMacro` renders header, html and script parts
  without that second pass;
* data goes into ``<script>`` as JSON guarded by :func:`safe_json`, and every
  string in it is already escaped HTML (see :mod:`mapper.webmap.popup`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement
from folium.features import GeoJsonStyleMapper
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from mapper.webmap.popup import esc
from mapper.webmap.assets import element_ids, inline_assets, number_ids

__all__ = ["Attribution", "Control", "Css", "GeoJson", "Markers", "MapperFigure", "RawMacro", "Title", "safe_json"]


class MapperFigure(Figure):
    """The page: renders with numbered element ids and, unless ``cdn``, inline assets."""

    def __init__(self, *, cdn: bool, title: str) -> None:
        super().__init__(title=esc(title))
        self.cdn = cdn

    def render(self, **kwargs: Any) -> str:
        html = super().render(**kwargs)
        html = number_ids(html, element_ids(self, self.header, self.html, self.script))
        return html if self.cdn else inline_assets(html)


def safe_json(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element.

    Only the sequences that could end or confuse the script element are escaped
    (``</`` and ``<!--``); every string in it is already escaped HTML or plain data.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _Raw(Element):
    """Output inserted verbatim (folium would otherwise re-read it as a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class RawMacro(MacroElement):
    """A MacroElement whose rendered parts are not re-parsed as Jinja templates.

    branca wraps each rendered macro in ``Element(text)``, which compiles ``text``
    as a template: article text containing ``{{ ... }}`` would be evaluated and
    a large payload takes seconds to compile. This renders the same three parts
    (header, html, script) verbatim.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = module.get(part)
            if macro is not None:
                target.add_child(_Raw(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class GeoJson(folium.GeoJson):
    """folium's GeoJson, rendered without re-reading its output as a Jinja template.

    Same steps as ``folium.GeoJson.render`` (style mapping), ``Layer.render``
    (added to the map when shown), then :meth:`RawMacro.render`.
    """

    def render(self, **kwargs: Any) -> None:
        self.parent_map = get_obj_in_upper_tree(self, folium.Map)
        if (self.style or self.highlight) and self.data["features"]:
            mapper = GeoJsonStyleMapper(self.data, self.feature_identifier, self)
            if self.style:
                self.style_map = mapper.get_style_map(self.style_function)
            if self.highlight:
                self.highlight_map = mapper.get_highlight_map(self.highlight_function)
        if self.show:
            self.add_child(
                ElementAddToElement(element_name=self.get_name(), element_parent_name=self._parent.get_name()),
                name=self.get_name() + "_add",
            )
        RawMacro.render(self, **kwargs)  # type: ignore[arg-type]


class Css(RawMacro):
    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "MapperCss"
        self.css = css


class Title(RawMacro):
    """The headline(s) and dates, top centre (already escaped HTML)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="mapper-title" id="mapper-title">{{ this.html }}</div>
        {% endmacro %}
        """
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "MapperTitle"
        self.html = html


class Control(RawMacro):
    """A Leaflet control holding mapper's own (escaped) HTML: the legend."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var ctl = L.control({position: {{ this.position|tojson }}});
            ctl.onAdd = function () {
                var div = L.DomUtil.create('div', {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            ctl.addTo({{ this._parent.get_name() }});
            {%- if this.yield_to_popups %}
            // a popup is what the reader looks at: fold the box while one is open
            var map = {{ this._parent.get_name() }}, wasOpen = null;
            map.on('popupopen', function () {
                var d = ctl.getContainer().querySelector('details');
                if (d && wasOpen === null) { wasOpen = d.open; d.open = false; }
            });
            map.on('popupclose', function () {
                var d = ctl.getContainer().querySelector('details');
                if (d && wasOpen !== null) { d.open = wasOpen; wasOpen = null; }
            });
            {%- endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, position: str, css_class: str, yield_to_popups: bool = False) -> None:
        super().__init__()
        self._name = "MapperControl"
        self.yield_to_popups = yield_to_popups
        self.html_json = safe_json(html)
        self.position = position
        self.css_class = css_class


class Attribution(RawMacro):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text_json }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "MapperAttribution"
        self.text_json = safe_json(text)


class Markers(RawMacro):
    """All incident and place markers, built in the browser from one JSON payload.

    One folium element per marker would make a 10,000-incident page slow to
    build and large; here each marker is one array in ``payload``. The markers
    go into the given folium layers (FeatureGroup or FeatureGroupSubGroup), so
    the layer control and clustering treat them as usual.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var P = {{ this.payload }};
            var S = P.strings;
            function popupHtml(f) {
                var h = "<div class='mp'><div class='mp-h'>" + S[f[0]] + "</div><div class='mp-w'>" + S[f[1]] +
                    "</div><table>";
                for (var i = 4; i < f.length; i += 2) {
                    h += "<tr><th>" + S[f[i]] + "</th><td>" + S[f[i + 1]] + "</td></tr>";
                }
                h += "</table>";
                if (S[f[2]]) { h += "<blockquote class='mp-ev'>" + S[f[2]] + "</blockquote>"; }
                if (S[f[3]]) { h += "<div class='mp-a'>" + S[f[3]] + "</div>"; }
                return h + "</div>";
            }
            var groups = [{% for g in this.groups %}{{ g.get_name() }}{{ "," if not loop.last }}{% endfor %}];
            var buckets = groups.map(function () { return []; });
            var markers = [];
            P.markers.forEach(function (r) {
                var s = r[4], dx = r[9], dy = r[10];
                var html = P.symbols[r[3]] + (r[5] ? '<span class="mk-n">' + r[5] + '</span>' : '');
                var icon = L.divIcon({
                    html: html, className: 'mapper-mk mapper-' + P.kinds[r[2]] + ' mapper-p' + r[11],
                    iconSize: [s, s], iconAnchor: [s / 2 - dx, s / 2 - dy],
                    popupAnchor: [0, -s / 2], tooltipAnchor: [0, -s / 2]
                });
                var m = L.marker([r[0], r[1]], {icon: icon, riseOnHover: true, keyboard: true});
                var parts = r[6];
                m.bindPopup(function () { return popupHtml(parts); }, {maxWidth: 380, minWidth: 250, maxHeight: 360, autoPanPaddingTopLeft: [50, 120], autoPanPaddingBottomRight: [50, 30]});
                m.bindTooltip(S[r[7]], {direction: 'top'});
                m.mapperDate = r[8];
                m.mapperGroup = groups[r[2]];
                m.mapperOn = true;
                buckets[r[2]].push(m);
                markers.push(m);
            });
            groups.forEach(function (g, i) {
                if (g.addLayers) { g.addLayers(buckets[i]); }
                else { buckets[i].forEach(function (m) { g.addLayer(m); }); }
            });
            {%- if this.dates %}
            var dates = P.dates;
            var slider = L.control({position: 'bottomleft'});
            slider.onAdd = function () {
                var div = L.DomUtil.create('div', 'mapper-time');
                div.innerHTML = '<label for="mapper-date">Date: <b class="mt-v">all dates</b></label>' +
                    '<input id="mapper-date" type="range" min="0" step="1" value="0" max="' + dates.length + '">' +
                    '<div class="mt-h">slide to show one day\\u2019s incidents</div>';
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                var input = div.querySelector('input'), out = div.querySelector('.mt-v');
                input.addEventListener('input', function () {
                    var v = +input.value;
                    out.textContent = v === 0 ? 'all dates' : dates[v - 1];
                    markers.forEach(function (m) {
                        if (m.mapperDate === -2) { return; }
                        var want = v === 0 || m.mapperDate === v - 1;
                        if (want && !m.mapperOn) { m.mapperGroup.addLayer(m); }
                        if (!want && m.mapperOn) { m.mapperGroup.removeLayer(m); }
                        m.mapperOn = want;
                    });
                });
                return div;
            };
            slider.addTo({{ this._parent.get_name() }});
            {%- endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload: Mapping[str, Any], groups: Sequence[Any]) -> None:
        super().__init__()
        self._name = "MapperMarkers"
        self.payload = safe_json(payload)
        self.groups = list(groups)
        self.dates = len(payload["dates"]) > 1
