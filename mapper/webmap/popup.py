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
from dataclasses import dataclass
from typing import Any

from mapper.model import Incident
from mapper.names import country_name

__all__ = [
    "PopupParts", "assemble", "esc", "highlight", "incident_parts", "incident_popup",
    "incident_tooltip", "place_parts", "place_popup", "safe_url",
]  # fmt: skip

_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.I)


def esc(value: object) -> str:
    """HTML-escape any value (quotes included)."""
    return html.escape(str(value), quote=True)


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
    """Whole-word, case-insensitive occurrences of ``names`` in ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare case-mapping that changes length: use a regex
        return [m.span() for n in names if n and n.strip()
                for m in re.finditer(r"(?<!\w)" + re.escape(n.strip()) + r"(?!\w)", text, flags=re.I)]  # fmt: skip
    spans = []
    for name in {n.strip().lower() for n in names if n and n.strip()}:
        start = lowered.find(name)
        while start >= 0:
            end = start + len(name)
            before = lowered[start - 1] if start else " "
            after = lowered[end] if end < len(lowered) else " "
            if not before.isalnum() and before != "_" and not after.isalnum() and after != "_":
                spans.append((start, end))
            start = lowered.find(name, start + 1)
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


@dataclass(frozen=True, slots=True)
class PopupParts:
    """The pieces of a popup, each already safe HTML.

    The page stores these pieces (deduplicated) and assembles the popup in the
    browser exactly as :func:`assemble` does here, which keeps a map of many
    incidents small.
    """

    head: str
    where: str
    rows: tuple[tuple[str, str], ...]
    quote: str = ""
    foot: str = ""


def assemble(parts: PopupParts) -> str:
    """The popup HTML of ``parts`` (mirrored by the page's JavaScript)."""
    rows = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in parts.rows)
    return (
        f"<div class='mp'><div class='mp-h'>{parts.head}</div><div class='mp-w'>{parts.where}</div>"
        f"<table>{rows}</table>"
        + (f"<blockquote class='mp-ev'>{parts.quote}</blockquote>" if parts.quote else "")
        + (f"<div class='mp-a'>{parts.foot}</div>" if parts.foot else "")
        + "</div>"
    )


_NOT_STATED = "<i>not stated</i>"


def _listing(values: Sequence[str]) -> str:
    return esc(", ".join(str(v).replace("_", " ") for v in values)) if values else _NOT_STATED


def _count(value: int | None) -> str:
    return _NOT_STATED if value is None else esc(value)


def _where(place: str, admin1: str, country_code: str) -> str:
    parts = [p for p in (admin1, country_name(country_code)) if p and p != place]
    return esc(", ".join(parts))


def incident_parts(
    incident: Incident,
    *,
    style: Mapping[str, Any],
    names: Iterable[str] = (),
    feature_id: str = "",
    toll_note: str = "",
) -> PopupParts:
    """The popup pieces of one incident (all article text escaped).

    Parameters
    ----------
    incident : Incident
    style : Mapping
        The map style (kind labels, precision labels).
    names : iterable of str
        Other names of the place as written in the article; these and
        ``incident.place`` are marked in the evidence.
    feature_id : str
        The incident's stable id (:mod:`mapper.ids`), shown under the popup so a
        reader can find the row in the GIS layers.
    toll_note : str
        Why the stated toll does not size the symbol, when it does not.
    """
    inc = incident
    kind_spec = style["kinds"].get(inc.kind, style["kinds"]["other"])
    what = " › ".join(esc(x) for x in (inc.event_type, inc.sub_event_type) if x)
    date = esc(inc.date) if inc.date else _NOT_STATED
    if inc.date and inc.date_precision and inc.date_precision != "day":
        date += f" <small>({esc(inc.date_precision)})</small>"
    precision = style["precision"].get(str(inc.geo_precision), "")
    prec_html = esc(f"{inc.geo_precision} – {precision}" if precision else inc.geo_precision)
    if inc.reason:
        prec_html += f"<br><small>{esc(inc.reason)}</small>"
    sides = [getattr(inc, "actor1", None), getattr(inc, "actor2", None)]  # newer Incident fields
    rows = [
        ("Kind", f"<b>{esc(kind_spec['label'])}</b>" + (f"<br><small>{what}</small>" if what else "")),
        ("Date", date),
        ("Weapons", _listing(inc.weapons)),
        ("Killed", _count(inc.killed) + (f"<br><small>{esc(toll_note)}</small>" if toll_note else "")),
        ("Wounded", _count(inc.wounded)),
    ]
    for label, field in (("Abducted", "abducted"), ("Arrested", "arrested")):
        if getattr(inc, field, None) is not None:
            rows.append((label, _count(getattr(inc, field))))
    if any(sides):
        rows.append(("Sides", " → ".join(esc(s) if s else _NOT_STATED for s in sides)))
    rows += [
        ("Damage", _listing(inc.damage)),
        ("Participants", _listing(inc.participants)),
        ("Sources", _listing(inc.sources)),
        ("Precision", prec_html),
    ]
    # evidence_spans are article offsets of the evidence sentences, not of the name:
    # the place is found in the evidence by its names (gazetteer name and as written)
    quote = highlight(inc.evidence, names=[inc.place, *names]) if inc.evidence else ""
    url = safe_url(inc.url)
    title = esc(inc.title or inc.article_id)
    link = f"<a href='{esc(url)}' target='_blank' rel='noopener noreferrer'>{title}</a>" if url else title
    foot = f"Article: {link}" if (inc.title or inc.article_id) else ""
    if feature_id:
        foot += ("<br>" if foot else "") + f"Id: <code>{esc(feature_id)}</code>"
    return PopupParts(esc(inc.place), _where(inc.place, inc.admin1, inc.country_code), tuple(rows), quote, foot)


def incident_popup(
    incident: Incident, *, style: Mapping[str, Any], names: Iterable[str] = (), feature_id: str = "", toll_note: str = ""
) -> str:
    """The popup HTML of one incident (see :func:`incident_parts`)."""
    return assemble(incident_parts(incident, style=style, names=names, feature_id=feature_id, toll_note=toll_note))


def incident_tooltip(incident: Incident, *, style: Mapping[str, Any]) -> str:
    """A one-line hover label: place, kind, date."""
    kind = style["kinds"].get(incident.kind, style["kinds"]["other"])["label"]
    bits = [incident.place, kind.split(" (")[0].lower()]
    if incident.date:
        bits.append(incident.date)
    return esc(" · ".join(bits))


def place_parts(place: Mapping[str, Any]) -> PopupParts:
    """Popup pieces of a mentioned place (a record of :func:`mapper.export.place_records`)."""
    roles = ", ".join(place.get("roles") or [])
    rows = (
        ("Type", esc(place.get("feature_code") or "")),
        ("Mentions", esc(place.get("mentions", 0))),
        ("Role", esc(roles or "context")),
        ("Why here", esc(place.get("reason") or "")),
    )
    context = place.get("context") or ""
    names = place.get("names") or [place.get("name", "")]
    name = place.get("name", "")
    where = _where(name, place.get("admin1", ""), place.get("country_code", ""))
    return PopupParts(esc(name), where, rows, highlight(context, names=names) if context else "")


def place_popup(place: Mapping[str, Any]) -> str:
    """Popup HTML of a mentioned place (see :func:`place_parts`)."""
    return assemble(place_parts(place))
