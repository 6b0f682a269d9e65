"""The map's header: what a reader learns before clicking anything.

For one article: its title. For several: how many articles from how many
sources, and when they were published. Below, for the incidents shown: how many
of each kind, their date span, and the killed and wounded the map trusts
(:mod:`mapper.webmap.toll`) with the number of incidents that state them. The
page recomputes these two lines for every filter, with the same wording as here
(``data/webmap/map.js``, ``incidentLine`` and ``tollLine``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mapper.model import ArticleResult, Incident
from mapper.webmap.payload import day_number
from mapper.webmap.popup import esc
from mapper.webmap.toll import stated_toll, trusted_toll

__all__ = ["Totals", "header_html", "incident_line", "source_names", "span", "toll_line", "totals", "unplaced_line"]


def span(dates: Sequence[str]) -> str:
    """``first – last`` of sorted dates (one date when they are equal, "" for none)."""
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def source_names(results: Sequence[ArticleResult]) -> set[str]:
    """The outlets of the articles: their ``source``, else the host of their URL."""
    names = set()
    for res in results:
        source = (res.article.source or "").strip()
        if not source and res.article.url:
            source = urlsplit(res.article.url).hostname or ""
            source = source.removeprefix("www.")
        if source:
            names.add(source)
    return names


@dataclass(frozen=True, slots=True)
class Totals:
    """Counts of a set of incidents, as the header shows them."""

    incidents: int
    by_kind: tuple[tuple[str, int], ...]
    dates: tuple[str, ...]
    killed: int
    wounded: int
    stated: int
    running: int


def totals(incidents: Sequence[Incident], *, kinds: Sequence[str]) -> Totals:
    """The header counts of ``incidents``; ``kinds`` gives the order of the kinds."""
    counts = Counter(i.kind for i in incidents)
    order = [k for k in kinds if counts[k]] + sorted(k for k in counts if k not in kinds)
    killed = wounded = stated = running = 0
    for inc in incidents:
        if trusted_toll(inc) is not None:
            stated += 1
            killed += inc.killed or 0
            wounded += inc.wounded or 0
        elif stated_toll(inc) is not None:
            running += 1
    dates = sorted(i.date[:10] for i in incidents if day_number(i.date) is not None)
    return Totals(len(incidents), tuple((k, counts[k]) for k in order), (dates[0], dates[-1]) if dates else (),
                  killed, wounded, stated, running)  # fmt: skip


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def incident_line(t: Totals, *, style: Mapping[str, Any], of: int | None = None) -> str:
    """"180 incidents: 158 attacks · 21 diplomatic · 1 other · 2015-05-07 – 2026-02-28" (plain text)."""
    head = _plural(t.incidents, "incident", "incidents") if of is None else f"{t.incidents:,} of {_plural(of, 'incident', 'incidents')}"
    parts = [f"{n:,} {_kind_word(k, n, style=style)}" for k, n in t.by_kind]
    line = head + (": " + " · ".join(parts) if parts else "")
    return line + (f" · {span(list(t.dates))}" if t.dates else "")


def _kind_word(kind: str, n: int, *, style: Mapping[str, Any]) -> str:
    spec = style["kinds"].get(kind, style["kinds"]["other"])
    return spec["one"] if n == 1 else spec["many"]


def toll_line(t: Totals) -> str:
    """"1,234 killed · 3,456 wounded, stated in 57 incidents" (plain text)."""
    if not t.stated:
        line = "no toll stated"
    else:
        line = f"{t.killed:,} killed · {t.wounded:,} wounded, stated in {_plural(t.stated, 'incident', 'incidents')}"
    if t.running:
        line += f" ({_plural(t.running, 'running total', 'running totals')} left out)"
    return line


def unplaced_line(n: int) -> str:
    """The header's note on incidents with no point."""
    return f"{_plural(n, 'incident', 'incidents')} not drawn: no known point for the place (in the GIS layers)"


def header_html(results: Sequence[ArticleResult], *, style: Mapping[str, Any], kinds: Sequence[str],
                unplaced: int = 0) -> tuple[str, str]:
    """The (escaped) header HTML and the plain page title.

    ``unplaced`` incidents (told at places the gazetteer does not know) are not on the map; a
    line says how many and where they are listed.
    """
    published = sorted({r.article.date for r in results if r.article.date})
    if len(results) == 1:
        head = results[0].article.title.strip() or results[0].article.id
    else:
        sources = source_names(results)
        head = _plural(len(results), "article", "articles") + (
            f" from {_plural(len(sources), 'source', 'sources')}" if sources else ""
        )
    t = totals([i for r in results for i in r.incidents], kinds=kinds)
    pub = f"published {span(published)}" if published else ""
    html = (
        f"<div class='mt-h1'>{esc(head)}</div>"
        + (f"<div class='mt-d'>{esc(pub)}</div>" if pub else "")
        + f"<div class='mt-i' id='mapper-sum'>{esc(incident_line(t, style=style))}</div>"
        + f"<div class='mt-t' id='mapper-toll'>{esc(toll_line(t))}</div>"
        + (f"<div class='mt-d'>{esc(unplaced_line(unplaced))}</div>" if unplaced else "")
    )
    return html, head or "mapper"
