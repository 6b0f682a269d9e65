"""The incident map: a self-contained folium/Leaflet page to read, filter and share.

:mod:`~mapper.webmap.build` lays out the map (layers, legend, opening view);
:mod:`~mapper.webmap.payload` makes the one JSON object the page draws from,
which ``data/webmap/map.js`` turns into markers, the incident list, the
filters and the URL hash; :mod:`~mapper.webmap.summary` writes the header,
:mod:`~mapper.webmap.panel` the side panel, :mod:`~mapper.webmap.labels` picks
the place names of the offline basemap and :mod:`~mapper.webmap.toll` which
tolls size a symbol. :mod:`~mapper.webmap.elements` holds the folium elements,
:mod:`~mapper.webmap.style` the marker styling read from ``data/webmap/``,
:mod:`~mapper.webmap.popup` the escaped popup and tooltip HTML, and
:mod:`~mapper.webmap.assets` inlines Leaflet and its plugins from the installed
``folium-offline`` package so the page works with no internet.
"""

from __future__ import annotations

from mapper.webmap.build import build_map, render_map, write_map

__all__ = ["build_map", "render_map", "write_map"]
