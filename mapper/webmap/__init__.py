"""The layered incident map: a self-contained folium/Leaflet page.

:mod:`~mapper.webmap.build` lays out the map (layers, legend, fitting);
:mod:`~mapper.webmap.elements` holds the folium elements it is made of,
:mod:`~mapper.webmap.style` the marker styling read from ``data/webmap/``,
:mod:`~mapper.webmap.popup` the escaped popup and tooltip HTML, and
:mod:`~mapper.webmap.assets` inlines Leaflet from the installed
``folium-offline`` package so the page works with no internet.
"""

from __future__ import annotations

from mapper.webmap.build import build_map, render_map, write_map

__all__ = ["build_map", "render_map", "write_map"]
