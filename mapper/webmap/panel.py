"""The side panel of the map: filters and the list of incidents.

The markup is mapper's own, built here with every value escaped; the page's
script (``data/webmap/map.js``) fills the list from the page data and wires the
controls. Filters: a date range (two handles, two date fields, a play button
that steps through weeks), the incident kinds, the event type (ACLED event and
sub-event types), the weapon and a search box; the list can be sorted. The
legend sits at its foot, off the map. The panel sits beside the map and folds to
a bar on small screens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from mapper.webmap.popup import esc

__all__ = ["panel_html"]


def _iso(day: int) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()


def _dates(days: list[int] | None) -> str:
    if not days or days[0] == days[1]:
        return ""
    lo, hi = days
    bounds = f"min='{_iso(lo)}' max='{_iso(hi)}'"
    return (
        "<div class='mf-dates' id='mapper-dates'>"
        f"<div class='mf-row'><label>From <input type='date' id='mapper-from' {bounds}></label>"
        f"<label>to <input type='date' id='mapper-to' {bounds}></label></div>"
        f"<div class='mf-range'><input type='range' id='mapper-lo' min='{lo}' max='{hi}' step='1' value='{lo}' aria-label='first day'>"
        f"<input type='range' id='mapper-hi' min='{lo}' max='{hi}' step='1' value='{hi}' aria-label='last day'></div>"
        "<div class='mf-row'><button type='button' id='mapper-play' title='Show one week after another'>▶ Play by week</button>"
        "<button type='button' id='mapper-alldates'>All dates</button></div>"
        "</div>"
    )


def panel_html(data: Mapping[str, Any], *, legend: str = "") -> str:
    """The panel's HTML for the page data of :func:`mapper.webmap.payload.page_data`, the legend at its foot."""
    n = len(data["incidents"])
    kinds = "".join(
        f"<label class='mf-k'><input type='checkbox' value='{esc(k)}' checked>"
        f"<i class='mf-sw' style='background:{color}'></i>{name}</label>"
        for k, name, color in zip(data["kinds"], data["kindNames"], data["kindColors"], strict=True)
    )
    types = ["<option value=''>all event types</option>"]
    for event_type, subs in data["types"]:
        types.append(f"<option value='{event_type}'>{event_type}</option>")
        types += [f"<option value='{s}'>\u2003{s}</option>" for s in subs if s != event_type]
    weapons = ["<option value=''>any weapon</option>"] + [
        f"<option value='{esc(key)}'>{label}</option>" for key, label in data["weapons"]
    ]
    sorts = (("new", "newest first"), ("old", "oldest first"), ("toll", "most killed and wounded"), ("place", "place A–Z"))
    return (
        "<aside class='mapper-panel' id='mapper-panel' aria-label='Incidents'>"
        "<div class='mp-bar'><b>Incidents</b> <span id='mapper-count'>"
        f"{n:,} shown</span>"
        "<button type='button' id='mapper-fold' class='mp-fold' aria-expanded='true' aria-controls='mapper-body'>"
        "<span class='mp-open'>Hide</span><span class='mp-shut'>Show</span></button></div>"
        "<div class='mp-body' id='mapper-body'><div class='mf'>"
        + _dates(data["days"])
        + "<div class='mf-note' id='mapper-undated' hidden></div>"
        + f"<div class='mf-row mf-kinds' id='mapper-kinds'>{kinds}</div>"
        + f"<label class='mf-l'>Type <select id='mapper-type'>{''.join(types)}</select></label>"
        + f"<label class='mf-l'>Weapon <select id='mapper-weapon'>{''.join(weapons)}</select></label>"
        + "<input type='search' id='mapper-q' placeholder='Search places, text, sources…' aria-label='Search'>"
        + "<label class='mf-l'>Sort <select id='mapper-sort'>"
        + "".join(f"<option value='{v}'>{t}</option>" for v, t in sorts)
        + "</select></label>"
        + "</div><div class='ml' id='mapper-list' role='list'></div>"
        + (f"<div class='mapper-legend' id='mapper-legend'>{legend}</div>" if legend else "")
        + "</div></aside>"
    )
