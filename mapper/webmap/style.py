"""Map styling read from ``data/webmap/`` (``style.json``: colours, shapes, weapon glyphs; ``map.css``).

Styling is data, not code: adding a weapon symbol or changing a colour is an edit
of the JSON file. :func:`marker_svg` turns one entry into the inline SVG drawn by
the map (no icon fonts, nothing fetched).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from mapper.paths import data_file

__all__ = ["load_css", "load_style", "weapon_key", "marker_size", "marker_svg"]


@lru_cache(maxsize=4)
def load_style(path: Path | None = None) -> Mapping[str, Any]:
    """The parsed style file, ``data/webmap/style.json`` unless ``path`` is given (cached)."""
    with open(path or data_file("webmap", "style.json"), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=4)
def load_css(path: Path | None = None) -> str:
    """The page's own stylesheet, ``data/webmap/map.css`` unless ``path`` is given (cached)."""
    return (path or data_file("webmap", "map.css")).read_text(encoding="utf-8")


def weapon_key(weapons: Sequence[str], *, kind: str, style: Mapping[str, Any]) -> str:
    """The glyph key of an incident.

    One known weapon gives that weapon; two with different glyphs give
    ``"a+b"`` (both drawn, half size); three or more give ``"multiple"``; none
    gives the kind's own glyph (``"kind:diplomacy"``) when the style has one,
    else ``"default"``.
    """
    by_glyph: dict[str, str] = {}
    for w in sorted({w for w in weapons if w in style["weapons"]}):
        by_glyph.setdefault(style["weapons"][w]["glyph"], w)
    known = sorted(by_glyph.values())
    if not known:
        return f"kind:{kind}" if "glyph" in style["kinds"].get(kind, {}) else "default"
    if len(known) == 1:
        return known[0]
    if len(known) == 2:
        return "+".join(known)
    return "multiple"


def glyph(key: str, *, style: Mapping[str, Any]) -> str:
    """The SVG fragment of a glyph key (see :func:`weapon_key`)."""
    if key.startswith("kind:"):
        return style["kinds"][key[5:]]["glyph"]
    if key == "default":
        return style["default_glyph"]["glyph"]
    if key == "multiple":
        return style["multiple_glyph"]["glyph"]
    if "+" in key:
        left, right = key.split("+", 1)
        return (
            f"<g transform='translate(0.6 5.6) scale(0.54)'>{glyph(left, style=style)}</g>"
            f"<g transform='translate(10.4 5.6) scale(0.54)'>{glyph(right, style=style)}</g>"
        )
    return style["weapons"][key]["glyph"]


def marker_size(casualties: int, *, style: Mapping[str, Any]) -> int:
    """Marker diameter in pixels: grows with the square root of killed + wounded."""
    spec = style["marker"]
    size = spec["base_size"] + spec["per_casualty_sqrt"] * math.sqrt(max(casualties, 0))
    return int(min(spec["max_size"], round(size)))


def _outline(shape: str, color: str) -> str:
    stroke = "stroke='#fff' stroke-width='1.6'"
    if shape == "square":
        return f"<rect x='1.5' y='1.5' width='21' height='21' rx='4' fill='{color}' {stroke}/>"
    if shape == "diamond":
        return f"<path d='M12 0.8 L23.2 12 L12 23.2 L0.8 12 Z' fill='{color}' {stroke}/>"
    return f"<circle cx='12' cy='12' r='10.8' fill='{color}' {stroke}/>"


def marker_svg(*, kind: str, glyph_key: str, size: int, style: Mapping[str, Any]) -> str:
    """Inline SVG of a marker: the kind's colour and shape with the weapon glyph in white."""
    spec = style["kinds"].get(kind, style["kinds"]["other"])
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{size}' height='{size}' viewBox='0 0 24 24'>"
        f"{_outline(spec['shape'], spec['color'])}"
        f"<g fill='#fff'>{glyph(glyph_key, style=style)}</g></svg>"
    )
