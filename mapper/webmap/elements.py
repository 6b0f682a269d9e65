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
from folium.elements import ElementAddToElement, JSCSSMixin
from folium.features import GeoJsonStyleMapper
from folium.map import Layer
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree, remove_empty

from mapper.webmap.popup import esc
from mapper.webmap.assets import element_ids, inline_assets, number_ids

__all__ = ["Attribution", "Css", "GeoJson", "HeatLayer", "MapperFigure", "Page", "RawMacro", "Title", "safe_json"]

#: Leaflet.heat, as folium links it (the page inlines folium-offline's copy of this URL)
LEAFLET_HEAT = "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js"


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


class HeatLayer(JSCSSMixin, Layer):
    """An empty Leaflet.heat density layer that the page's script fills.

    The markup of folium's ``plugins.HeatMap`` with no points, made here
    because importing anything from ``folium.plugins`` imports all of its
    forty plugins (a tenth of a second of every run).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.heatLayer(
                {{ this.data|tojson }},
                {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """
    )

    default_js = [("leaflet-heat.js", LEAFLET_HEAT)]

    def __init__(
        self, *, name: str, show: bool, radius: float, blur: float, min_opacity: float, max_zoom: int = 18
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "HeatMap"
        self.data: list[list[float]] = []
        self.options = remove_empty(min_opacity=min_opacity, max_zoom=max_zoom, radius=radius, blur=blur)


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
    """The header box, top left of the map (already escaped HTML; :mod:`mapper.webmap.summary`)."""

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


class Page(RawMacro):
    """The side panel and the page's script (``data/webmap/map.js``) over the page data.

    The script makes the markers (into ``incidents``, grouped while many are
    shown when ``options["cluster"]`` says how, and ``places``), the incident list, the filters and the URL
    hash, the affected regions (into ``regions``), the density layer (``heat``,
    a :class:`HeatLayer`) and the basemap labels (shown while ``labels`` is on).
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        {{ this.panel }}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.source }}
        var mapperData = {{ this.payload }};
        mapperPage({map: {{ this._parent.get_name() }}, data: mapperData, fields: {{ this.fields }},
            incidents: {{ this.layers.incidents }}, places: {{ this.layers.places }},
            regions: {{ this.layers.regions }}, heat: {{ this.layers.heat }}, labels: {{ this.layers.labels }},
            cluster: {{ this.cluster }}, fit: {{ this.fit }}, stepMs: {{ this.options.stepMs }}, focusZoom: {{ this.options.focusZoom }},
            maxLabels: {{ this.options.maxLabels }}});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        payload: Mapping[str, Any],
        *,
        panel: str,
        source: str,
        fields: Sequence[str],
        layers: Mapping[str, Any],
        options: Mapping[str, Any],
    ) -> None:
        super().__init__()
        self._name = "MapperPage"
        self.payload = safe_json(payload)
        self.panel = panel
        self.source = source
        self.fields = safe_json(list(fields))
        self.layers = {k: (layers[k].get_name() if layers.get(k) is not None else "null")
                       for k in ("incidents", "places", "regions", "heat", "labels")}  # fmt: skip
        self.options = dict(options)
        self.cluster = safe_json(options.get("cluster"))
        self.fit = safe_json(options.get("fit"))
