"""Which casualty figures the map trusts: for a symbol's size, its badge and the totals.

A stated toll (``killed``/``wounded`` not ``None``) sizes the symbol, shows in its
badge and counts in the header's totals, unless a sentence of the incident's evidence
gives a casualty figure as a running total ("killed since 7 October", "wounded since
the war began"): one misread
total of a war must not draw one of the largest symbols on the map. Such an
incident gets the neutral size; the popup keeps its figures and says why they are
not used. The phrases are data (``data/webmap/tolls.json``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from mapper.paths import data_file

__all__ = ["running_total_phrase", "stated_toll", "trusted_toll"]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    with open(data_file("webmap", "tolls.json"), encoding="utf-8") as fh:
        spec = json.load(fh)
    running = re.compile("|".join(f"(?:{p})" for p in spec["running_total"]), re.I)
    return running, re.compile(spec["casualty_words"], re.I), tuple(spec["cues"])


def stated_toll(incident: Any) -> int | None:
    """killed + wounded as stated (``None`` when the text states neither)."""
    killed, wounded = getattr(incident, "killed", None), getattr(incident, "wounded", None)
    if killed is None and wounded is None:
        return None
    return (killed or 0) + (wounded or 0)


def running_total_phrase(incident: Any) -> str | None:
    """The running-total phrase ("since 7 October") of an evidence sentence that tells casualties, if any."""
    running, casualty, cues = _patterns()
    evidence = getattr(incident, "evidence", "") or ""
    lowered = evidence.lower()
    if not any(cue in lowered for cue in cues):  # most evidence: no phrase to look for
        return None
    for sentence in _SENTENCE_END.split(evidence):
        match = running.search(sentence)
        if match and casualty.search(sentence):
            return match.group(0)
    return None


def trusted_toll(incident: Any) -> int | None:
    """killed + wounded when stated and not a running total; else ``None`` (neutral size)."""
    toll = stated_toll(incident)
    if toll is None or running_total_phrase(incident) is not None:
        return None
    return toll
