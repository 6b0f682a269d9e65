"""String tables kept as one joined text with the start of every item: no split at load.

The index stores its big string lists (half a million name keys, their
skeletons, every place's name) as one string each, items separated by
``_build.SEP``: quick to pickle and to unpickle. Splitting them back into
tuples, and making a dict of the keys, took more time than the rest of a
short run's lookups. A :class:`Joined` reads item ``i`` straight from the
text through an array of start offsets (stored beside the index, or worked
out with numpy in milliseconds), and finds a key of a sorted table by binary
search, so a short run pays only for the items it reads; a long run's table
makes a dict of its keys once it has been asked often.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import numpy as np

__all__ = ["INDEX_AFTER", "Joined", "item_starts"]

#: questions answered by binary search before a table makes its dict (a corpus run asks
#: hundreds of thousands; ``mapper map`` on one article or ``mapper geocode`` a few hundred)
INDEX_AFTER = 4096


def item_starts(text: str, sep: str) -> np.ndarray:
    """Where each item of ``text`` starts, plus ``len(text) + 1`` at the end (int64).

    ``""`` holds no item (as ``text.split(sep) if text else ()``).
    """
    if not text:
        return np.zeros(1, dtype=np.int64)
    if text.isascii():  # one byte per character: the byte offsets are the character offsets
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    else:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    seps = np.flatnonzero(codes == ord(sep))
    return np.concatenate(([0], seps + 1, [len(text) + 1])).astype(np.int64)


class Joined(Sequence[str]):
    """A read-only sequence of strings stored as ``sep.join(items)`` and their start offsets.

    Parameters
    ----------
    text : str or sequence of str
        The joined items (or the items themselves).
    sep : str
        The separator, which no item contains.
    starts : numpy.ndarray, optional
        :func:`item_starts` of ``text`` when known (worked out otherwise).
    """

    __slots__ = ("_asked", "_index", "_items", "_sep", "_starts", "_text", "_view")

    def __init__(self, text: str | Sequence[str], sep: str, *, starts: np.ndarray | None = None) -> None:
        if not isinstance(text, str):
            items = tuple(text)
            lengths = np.fromiter((len(s) + 1 for s in items), dtype=np.int64, count=len(items))
            starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
            text = sep.join(items)
        elif starts is None:
            starts = item_starts(text, sep)
        self._text = text
        self._sep = sep
        self._starts = starts
        self._view = memoryview(np.ascontiguousarray(starts, dtype=np.int64))  # Python ints, fast to index
        self._items: tuple[str, ...] | None = None
        self._asked = 0  # positions asked so far (binary search until INDEX_AFTER)
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._view) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[str, ...]: ...

    def __getitem__(self, i: int | slice) -> str | tuple[str, ...]:
        if isinstance(i, slice):
            return self.items()[i]
        n = len(self._view) - 1
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("Joined index out of range")
        view = self._view
        return self._text[view[i] : view[i + 1] - 1]

    def __iter__(self) -> Iterator[str]:
        return iter(self.items())

    def items(self) -> tuple[str, ...]:
        """Every item, as a tuple (split once, on first call)."""
        if self._items is None:
            self._items = tuple(self._text.split(self._sep)) if len(self) else ()
        return self._items

    def run(self, lo: int, hi: int) -> list[str]:
        """Items ``lo`` to ``hi - 1`` (a slice that splits only that part of the text)."""
        lo, hi = max(0, lo), min(len(self), hi)
        if lo >= hi:
            return []
        view = self._view
        return self._text[view[lo] : view[hi] - 1].split(self._sep)

    def bisect_left(self, key: str, lo: int = 0, hi: int | None = None) -> int:
        """Where ``key`` goes in a sorted table (as :func:`bisect.bisect_left`)."""
        text, view = self._text, self._view
        hi = len(self) if hi is None else hi
        while lo < hi:
            mid = (lo + hi) // 2
            if text[view[mid] : view[mid + 1] - 1] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def position(self, key: str) -> int | None:
        """Position of ``key`` in a sorted table of distinct items; None when absent.

        The first ``INDEX_AFTER`` questions binary-search the text (a short run pays nothing
        more); then a dict of every item is made once, and answers in a hash lookup.
        """
        index = self._index
        if index is not None:
            return index.get(key)
        self._asked += 1
        if self._asked > INDEX_AFTER:
            self._index = {item: i for i, item in enumerate(self.items())}
            return self._index.get(key)
        i = self.bisect_left(key)
        return i if i < len(self) and self[i] == key else None
