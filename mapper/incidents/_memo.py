"""Per-sentence readings kept on the spaCy doc.

An article's sentences are read more than once: for their stories, by several models' features,
and again for the places the gazetteer lacks. The readings are pure functions of the sentence and
their arguments, so each is computed once and kept in ``doc.user_data``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from spacy.tokens import Span

__all__ = ["once_per_sentence"]

_KEY = "mapper.memo"
T = TypeVar("T")


def once_per_sentence(sent: Span, name: str, args: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` for this sentence, reading ``name`` with ``args``, computed once per doc.

    The value is shared between callers: it must be immutable (a tuple of frozen records).
    """
    memo = sent.doc.user_data.setdefault(_KEY, {})
    key = (name, sent.start, sent.end, args)
    if key not in memo:
        memo[key] = compute()
    return memo[key]
