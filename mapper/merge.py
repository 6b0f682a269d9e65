"""Merge what several articles report about the same incident.

A week of reporting describes one strike many times: the wire story, the local
paper, the official's statement. :func:`merge_incidents` folds incidents that
share a **place** (``geonameid``), a **kind** and a **date** into one
:class:`MergedIncident`:

- lists (``weapons``, ``damage``, ``participants``, ``sources``) are united;
- every report's evidence sentence is kept, each prefixed with its article id;
- every article id is kept (``article_ids``; ``article_id`` joins them with ``; ``);
- casualty counts are reconciled to the **highest** figure reported (later
  reports usually update a toll upwards), and the spread of the reports is kept
  in ``killed_range`` / ``wounded_range`` and spelled out in ``reason``.

Incidents without a date are merged only within one article by default: two
undated reports of strikes on one city may be weeks apart (``merge_undated``).
The result does not depend on the order of the input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from mapper.model import Incident
from mapper.names import fold

__all__ = ["MergedIncident", "merge_incidents", "merge_key"]

_DATE_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_EVIDENCE_SEPARATOR = "\n"


@dataclass(slots=True)
class MergedIncident(Incident):
    """An :class:`~mapper.model.Incident` that several reports describe.

    Attributes
    ----------
    article_ids : list[str]
        Every article that reported it (sorted, distinct).
    killed_range, wounded_range : tuple[int, int] | None
        Lowest and highest figure reported (``None`` when no report gave one).
    reports : int
        How many incidents were merged into this one.
    """

    article_ids: list[str] = field(default_factory=list)
    killed_range: tuple[int, int] | None = None
    wounded_range: tuple[int, int] | None = None
    reports: int = 1

    def to_dict(self) -> dict[str, object]:
        """The contract JSON object plus ``article_ids``, ranges and ``reports``."""
        d = Incident.to_dict(self)
        d["killed_range"] = list(self.killed_range) if self.killed_range else None
        d["wounded_range"] = list(self.wounded_range) if self.wounded_range else None
        return d


def merge_key(incident: Incident, *, merge_undated: bool = False) -> tuple[object, ...]:
    """The key under which incidents are considered the same event.

    Parameters
    ----------
    incident : Incident
        One incident.
    merge_undated : bool
        When False, an undated incident only merges with undated incidents of
        its own article(s).

    Returns
    -------
    tuple
        ``(geonameid, point, kind, date)`` (plus the article ids for undated
        incidents). The point tells apart the parts of one area that share its
        id ("southern Lebanon", "northern Lebanon").
    """
    if incident.lat is None or incident.lon is None:
        point: tuple[object, ...] = (incident.country_code, fold(incident.place))  # no point: its name as written
    else:
        point = (round(incident.lat, 4), round(incident.lon, 4))
    key: tuple[object, ...] = (incident.geonameid, point, incident.kind, incident.date or "")
    if incident.date is None and not merge_undated:
        key += (tuple(_article_ids(incident)),)
    return key


def merge_incidents(
    incidents: Sequence[Incident] | Iterable[Incident], *, merge_undated: bool = False
) -> list[Incident]:
    """Fold incidents about the same place, kind and date into one.

    Parameters
    ----------
    incidents : sequence of Incident
        Incidents from any number of articles (merged ones included: merging
        is idempotent).
    merge_undated : bool
        Also merge undated incidents across articles (see :func:`merge_key`).

    Returns
    -------
    list of Incident
        One incident per group, sorted by date, place, kind and geonameid.
        A group of one is returned unchanged; larger groups become a
        :class:`MergedIncident`.
    """
    groups: dict[tuple[object, ...], list[Incident]] = {}
    for inc in incidents:
        groups.setdefault(merge_key(inc, merge_undated=merge_undated), []).append(inc)
    merged = [group[0] if len(group) == 1 else _merge_group(group) for group in groups.values()]
    merged.sort(key=_output_order)
    return merged


def _output_order(inc: Incident) -> tuple[object, ...]:
    return (inc.date or "9999", inc.place, inc.kind, inc.geonameid, inc.article_id, inc.evidence)


def _article_ids(inc: Incident) -> list[str]:
    ids = getattr(inc, "article_ids", None)
    return sorted(set(ids)) if ids else [inc.article_id]


def _range(inc: Incident, name: str) -> tuple[int, int] | None:
    rng = getattr(inc, f"{name}_range", None)
    if rng is not None:
        return (int(rng[0]), int(rng[1]))
    value = getattr(inc, name)
    return None if value is None else (value, value)


def _evidence_items(inc: Incident) -> list[str]:
    """Evidence lines, each prefixed with its article id (merged incidents already are)."""
    if isinstance(inc, MergedIncident):
        return [line for line in inc.evidence.split(_EVIDENCE_SEPARATOR) if line]
    return [f"[{inc.article_id}] {inc.evidence}"] if inc.evidence else []


def _union(lists: Iterable[Sequence[str]]) -> list[str]:
    return sorted({item for items in lists for item in items})


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _finest_date(group: Sequence[Incident]) -> tuple[str | None, str | None]:
    best = min(group, key=lambda i: (_DATE_PRECISION_RANK.get(i.date_precision or "", 9), i.date or ""))
    return best.date, best.date_precision


def _merge_group(group: Sequence[Incident]) -> MergedIncident:
    """Merge incidents sharing one :func:`merge_key`."""
    group = sorted(group, key=_report_order)
    first = group[0]
    article_ids = _article_ids_of(group)
    ranges = {name: _combine_ranges(_range(i, name) for i in group) for name in ("killed", "wounded")}
    date, date_precision = _finest_date(group)
    event_type = _most_common(i.event_type for i in group)
    sub_event_type = _most_common(i.sub_event_type for i in group if i.event_type == event_type)
    evidence = sorted({line for i in group for line in _evidence_items(i)})
    reports = sum(getattr(i, "reports", 1) for i in group)
    base = {f.name: getattr(first, f.name) for f in fields(Incident)}
    base.update(
        event_type=event_type,
        sub_event_type=sub_event_type,
        geo_precision=min((i.geo_precision for i in group if i.geo_precision is not None), default=None),
        date=date,
        date_precision=date_precision,
        weapons=_union(i.weapons for i in group),
        damage=_union(i.damage for i in group),
        participants=_union(i.participants for i in group),
        sources=_union(i.sources for i in group),
        killed=ranges["killed"][1] if ranges["killed"] else None,
        wounded=ranges["wounded"][1] if ranges["wounded"] else None,
        evidence=_EVIDENCE_SEPARATOR.join(evidence),
        evidence_spans=[],
        reason=_merged_reason(first.reason, reports, article_ids, ranges),
        article_id="; ".join(article_ids),
        title=_most_common(i.title for i in group),
    )
    return MergedIncident(
        **base,
        article_ids=article_ids,
        killed_range=ranges["killed"],
        wounded_range=ranges["wounded"],
        reports=reports,
    )


def _report_order(inc: Incident) -> tuple[object, ...]:
    return (
        inc.article_id,
        inc.evidence,
        inc.killed if inc.killed is not None else -1,
        inc.wounded if inc.wounded is not None else -1,
        inc.event_type,
        inc.sub_event_type,
        inc.reason,
        inc.title,
        inc.url or "",
    )


def _article_ids_of(group: Sequence[Incident]) -> list[str]:
    return sorted({aid for i in group for aid in _article_ids(i)})


def _combine_ranges(ranges: Iterable[tuple[int, int] | None]) -> tuple[int, int] | None:
    known = [r for r in ranges if r is not None]
    if not known:
        return None
    return (min(r[0] for r in known), max(r[1] for r in known))


def _merged_reason(
    reason: str,
    reports: int,
    article_ids: Sequence[str],
    ranges: dict[str, tuple[int, int] | None],
) -> str:
    base = reason.split("; merged ", 1)[0]
    parts = [f"merged {reports} reports from {len(article_ids)} article(s)"]
    for name, rng in ranges.items():
        if rng is not None and rng[0] != rng[1]:
            parts.append(f"{name} reported {rng[0]}-{rng[1]}, highest kept")
    text = "; ".join(parts)
    return f"{base}; {text}" if base else text
