"""Offline assets and reproducible rendering for the folium map.

folium writes ``<script src=...>`` / ``<link href=...>`` tags that point at CDNs.
The ``folium-offline`` package (import name ``offlinefolium``) ships the very same
files as strings, keyed by their CDN URL (``offlinefolium.elements._res``). This
module replaces each such tag of a rendered page by an inline ``<script>`` or
``<style>`` holding the installed copy, so the page opens with no internet. No
third-party JavaScript or CSS lives in this repository: it is read at run time
from the installed package.

It also numbers folium's element ids after rendering (folium draws them from
``os.urandom``), so the same input renders to a byte-identical page.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from branca.element import Element

from mapper.model import MapperError
from mapper.paths import cached

__all__ = ["UNUSED_ASSETS", "element_ids", "inline_assets", "number_ids", "offline_resources"]

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


def element_ids(*roots: Element) -> list[str]:
    """The ids of ``roots`` and all their descendants, depth first in child order.

    Read through branca's public ``Element.to_dict``.
    """
    ids: list[str] = []

    def walk(node: Mapping[str, object]) -> None:
        ids.append(str(node["id"]))
        for child in node.get("children", {}).values():  # type: ignore[union-attr]
            walk(child)

    for root in roots:
        walk(root.to_dict(depth=-1))
    return ids


def number_ids(html: str, ids: Sequence[str]) -> str:
    """Replace the random element ids of a rendered page by sequential ones.

    folium draws each element's id from ``os.urandom``; the n-th id of ``ids``
    becomes ``n`` as 32 hex digits, in every place it occurs (variable names,
    ``id`` attributes), so the same map renders to a byte-identical page.
    Random ids are 32 random hex digits: they cannot be mistaken for text.
    """
    numbers: dict[str, str] = {}
    for element_id in ids:
        numbers.setdefault(element_id, f"{len(numbers) + 1:032x}")
    for element_id, number in numbers.items():  # one scan per id: faster than one alternation
        html = html.replace(element_id, number)
    return html
