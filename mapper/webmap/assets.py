"""Offline assets and reproducible rendering for the folium map.

folium writes ``<script src=...>`` / ``<link href=...>`` tags that point at CDNs.
The ``folium-offline`` package (import name ``offlinefolium``) ships the very same
files as strings, keyed by their CDN URL (``offlinefolium.elements._res``). This
module replaces each such tag of a rendered page by an inline ``<script>`` or
``<style>`` holding the installed copy, so the page opens with no internet. No
third-party JavaScript or CSS lives in this repository: it is read at run time
from the installed package.

It also makes folium's element ids deterministic (folium draws them from
``os.urandom``), so the same input renders to a byte-identical page.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import re
import threading
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from branca.element import Element

from mapper.model import MapperError
from mapper.paths import cached

__all__ = ["deterministic_ids", "inline_assets", "offline_resources", "UNUSED_ASSETS"]

#: folium default assets the mapper map never uses (icon fonts, bootstrap,
#: awesome-markers): dropped from the page, inline or CDN.
UNUSED_ASSETS = frozenset(
    {
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)

_SCRIPT_TAG = re.compile(r'<script\s+src="(?P<url>[^"]+)"\s*>\s*</script>')
_LINK_TAG = re.compile(r'<link\s+rel="stylesheet"\s+href="(?P<url>[^"]+)"\s*/?>')
_SOURCE_MAP = re.compile(r"(//[#@]\s*sourceMappingURL=[^\r\n]*|/\*[#@]\s*sourceMappingURL=.*?\*/)")
_REMOTE = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)


@lru_cache(maxsize=1)
def offline_resources() -> Mapping[str, str]:
    """The CDN URL -> file content table of the installed ``folium-offline`` package.

    Importing the package compiles a second copy of folium's templates (about
    half a second), so the table is kept in the cache folder, keyed by the
    installed module file, and the package is imported only to make it.
    """
    spec = importlib.util.find_spec("offlinefolium")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise MapperError("the 'folium-offline' package is needed for a self-contained map")
    source = Path(next(iter(spec.submodule_search_locations))) / "elements.py"
    return cached(source, "assets", _asset_table)


def _asset_table(_source: Path) -> dict[str, str]:
    from offlinefolium import elements

    table = getattr(elements, "_res", None)
    if not isinstance(table, dict):  # pragma: no cover - depends on the installed version
        raise MapperError("the installed 'folium-offline' has no asset table; use --cdn")
    return dict(table)


def _clean(content: str, *, closing: str) -> str:
    """Drop source-map comments (they would be fetched by dev tools) and guard the closing tag."""
    content = _SOURCE_MAP.sub("", content)
    return re.sub(rf"</({closing})", r"<\\/\1", content, flags=re.I)


def inline_assets(html: str, *, resources: Mapping[str, str] | None = None) -> str:
    """Replace every CDN ``<script src>`` / stylesheet ``<link>`` by the installed copy.

    Each URL is inlined once (folium may list Leaflet twice). Raises
    :class:`MapperError` when a page needs an asset the installed package lacks,
    rather than writing a page that silently needs the internet.

    Parameters
    ----------
    html : str
        A page rendered by folium.
    resources : Mapping[str, str], optional
        URL -> content table; defaults to :func:`offline_resources`.

    Returns
    -------
    str
        The page with all assets inline.
    """
    table = offline_resources() if resources is None else resources
    seen: set[str] = set()

    def replace(match: re.Match[str], *, tag: str) -> str:
        url = match.group("url")
        if url.startswith("data:"):
            return match.group(0)
        content = table.get(url)
        if content is None:
            raise MapperError(f"no offline copy of {url} in folium-offline; use --cdn")
        if url in seen:
            return ""
        seen.add(url)
        if tag == "script":
            return "<script>" + _clean(content, closing="script") + "</script>"
        return "<style>" + _clean(content, closing="style") + "</style>"

    html = _SCRIPT_TAG.sub(lambda m: replace(m, tag="script"), html)
    html = _LINK_TAG.sub(lambda m: replace(m, tag="style"), html)
    return html


def remote_references(html: str) -> list[str]:
    """Tags of ``html`` that would load something from the network (for checks and tests)."""
    return [m.group(0) for m in _REMOTE.finditer(html)]


_LOCK = threading.RLock()
_STATE = threading.local()


@contextlib.contextmanager
def deterministic_ids() -> Iterator[None]:
    """Give folium/branca elements created inside the block sequential ids.

    Re-entrant: a nested block continues the outer block's sequence, so building
    and rendering a map inside one block numbers every element once.
    """
    with _LOCK:
        if getattr(_STATE, "counter", None) is not None:
            yield
            return
        original = Element.__dict__["_generate_id"]
        _STATE.counter = itertools.count(1)

        def _generate_id(cls: type) -> str:
            return f"{next(_STATE.counter):032x}"

        Element._generate_id = classmethod(_generate_id)  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            Element._generate_id = original  # type: ignore[method-assign]
            _STATE.counter = None
