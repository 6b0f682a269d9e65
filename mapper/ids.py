"""Stable feature ids: the same incident gets the same id in every layer and every run.

A map row, a GIS row (GeoJSON, GeoPackage, CSV, ...) and a store row are matched by
``id``. It is derived from the content, never from the run order:
``<article id>-<digest>``, where the digest (10 hex digits of SHA-256) covers the
incident's key (kind, event type and sub-event type, place and gazetteer id, point,
date). An incident several articles report (:class:`mapper.merge.MergedIncident`)
is ``<first article id>+<n>-<digest>`` with every article id in the digest.

Two incidents of one article with the same key (one article telling two identical
strikes) are told apart by a suffix in their article's order: ``-2``, ``-3``. The
ids are unique within one call of :func:`incident_ids`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["incident_id", "incident_ids", "source_articles"]

_DIGITS = 10


def source_articles(incident: Any) -> list[str]:
    """The article ids an incident comes from (a merged incident has several), sorted."""
    ids = getattr(incident, "article_ids", None)
    if ids:
        return sorted({str(i) for i in ids})
    return [str(getattr(incident, "article_id", "") or "")]


def _number(value: Any) -> float | None:
    try:
        number = round(float(value), 4)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def incident_id(incident: Any) -> str:
    """The content id of one incident (without the suffix that tells twins apart).

    ``incident`` is an :class:`~mapper.model.Incident` or any record with its
    attributes (a row of a stored layer).
    """
    articles = source_articles(incident)
    key = [
        articles,
        str(getattr(incident, "kind", "") or ""),
        str(getattr(incident, "event_type", "") or ""),
        str(getattr(incident, "sub_event_type", "") or ""),
        str(getattr(incident, "place", "") or ""),
        int(getattr(incident, "geonameid", 0) or 0),
        _number(getattr(incident, "lat", None)),
        _number(getattr(incident, "lon", None)),
        str(getattr(incident, "date", "") or ""),
    ]
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()[:_DIGITS]
    prefix = articles[0] if len(articles) == 1 else f"{articles[0]}+{len(articles) - 1}"
    return f"{prefix}-{digest}"


def incident_ids(incidents: Sequence[Any] | Iterable[Any]) -> list[str]:
    """The ids of ``incidents``, in their order, unique within the list.

    Parameters
    ----------
    incidents : iterable of Incident
        Every incident of a run (those without a location too, so that leaving
        them out of a layer does not change the others' ids).

    Returns
    -------
    list of str
        One id per incident; the n-th repeat of an id gets ``-n``.
    """
    seen: dict[str, int] = defaultdict(int)
    out = []
    for inc in incidents:
        base = incident_id(inc)
        seen[base] += 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out
