"""Place records and ranked candidates, made block by block for fast lookups.

The index keeps its places column-wise in numpy arrays: compact, quick to
pickle, but slow to read one scalar at a time. Lookups want whole records, so
the gazetteer turns name postings into ready-ranked :class:`Candidate` tuples,
a block of 16 keys at a time, the first time a lookup needs one, and makes
the :class:`mapper.model.Place` records those candidates point to (vectorised
over the rows a block needs). A lookup then hands out a tuple that already
exists: it builds nothing, and reads far fewer scattered bytes than assembling
records field by field would. A one-off query makes one block in milliseconds;
a long run ends up with all of them (about 170 MB, under two seconds in all
on a slow machine; ``Gazetteer.prepare`` makes them at once).

Being NamedTuples (tuple subclasses), the records stay tracked by the garbage
collector: once all are made, a full collection walks their 1.4 million
objects (about 0.3 s). Python runs full collections more rarely the more long-lived
objects there are, so the cost per new object stays the same; the raw index
tables are tuples and arrays the collector does not walk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import NamedTuple

import numpy as np

from mapper.model import Place

BLOCK_BITS = 4  # candidates are made for 2**4 = 16 keys at a time (a run looks up few keys of a block)
BLOCK_MASK = (1 << BLOCK_BITS) - 1
_MATCH = ("name", "alias")  # match kind of a posting: 0 preferred name, else alternate name


class Candidate(NamedTuple):
    """One ranked candidate: the place, its prior and how the name matched.

    ``match`` is ``"name"`` (preferred name), ``"alias"`` (alternate name),
    ``"region"`` (an "X region" form matched an admin-area stem),
    ``"skeleton"`` (transliteration variant) or ``"fuzzy"``.
    """

    place: Place
    prior: float
    match: str


def n_blocks(n: int) -> int:
    """Blocks needed for ``n`` keys."""
    return (n + BLOCK_MASK) >> BLOCK_BITS


class PlaceColumns:
    """The index columns a ``Place`` is read from, with their code tables decoded once.

    Parameters
    ----------
    columns : dict
        The index columns (``geonameid``, ``lat``, ``lon``, ``fclass``,
        ``fcode``, ``cc``, ``a1``, ``admin2``, ``population``); ``admin2`` is
        the row of the admin-2 area (-1 when unknown).
    names : Sequence[str]
        Preferred name of every row.
    fclass_vocab, fcode_vocab, cc_vocab, a1_vocab : Sequence[str]
        The code tables of the integer columns.
    admin1_names : Sequence[str]
        Name of the ADM1 area of each admin-1 code ("" if unknown).
    """

    __slots__ = ("_adm1", "_admin1_names", "_columns", "_names", "_vocab")

    def __init__(
        self,
        columns: dict[str, np.ndarray],
        *,
        names: Sequence[str],
        fclass_vocab: Sequence[str],
        fcode_vocab: Sequence[str],
        cc_vocab: Sequence[str],
        a1_vocab: Sequence[str],
        admin1_names: Sequence[str],
    ) -> None:
        self._columns = columns
        self._names = names
        # object arrays of the vocabularies' own strings, shared by every record
        self._vocab = {
            key: np.asarray(list(vocab) or [""], dtype=object)
            for key, vocab in (("fclass", fclass_vocab), ("fcode", fcode_vocab), ("cc", cc_vocab), ("a1", a1_vocab))
        }
        self._admin1_names = list(admin1_names)
        self._adm1 = list(fcode_vocab).index("ADM1") if "ADM1" in fcode_vocab else -1

    def places(self, rows: np.ndarray) -> tuple[Place, ...]:
        """The ``Place`` of some rows, in the order given."""
        col = {k: v[rows] for k, v in self._columns.items()}
        names, vocab = self._names, self._vocab
        own = [names[r] for r in rows.tolist()]
        # an ADM1 is its own admin-1; other rows take the name of their code's ADM1
        admin1 = [
            own[i] if code == self._adm1 else self._admin1_names[a1]
            for i, (code, a1) in enumerate(zip(col["fcode"].tolist(), col["a1"].tolist(), strict=True))
        ]
        fields = zip(
            col["geonameid"].tolist(),
            own,
            col["lat"].tolist(),
            col["lon"].tolist(),
            vocab["fclass"][col["fclass"]].tolist(),
            vocab["fcode"][col["fcode"]].tolist(),
            vocab["cc"][col["cc"]].tolist(),
            admin1,
            vocab["a1"][col["a1"]].tolist(),
            [names[r] if r >= 0 else "" for r in col["admin2"].tolist()],
            col["population"].tolist(),
            strict=True,
        )
        return tuple(map(partial(tuple.__new__, Place), fields))


def make_ranked(
    block: int,
    *,
    offsets: np.ndarray,
    rows: np.ndarray,
    priors: np.ndarray,
    kinds: np.ndarray,
    places: Callable[[np.ndarray], list[Place]],
) -> tuple[tuple[Candidate, ...], ...]:
    """The ranked candidates of every key of one block, one tuple per key.

    Parameters
    ----------
    block : int
        Which block of :data:`BLOCK_BITS` keys.
    offsets : numpy.ndarray
        CSR offsets: the postings of key ``i`` are ``offsets[i]:offsets[i + 1]``,
        stored in rank order.
    rows, priors, kinds : numpy.ndarray
        Place row, prior and match kind (0 preferred name, else alternate
        name) of every posting.
    places : callable
        The ``Place`` records of an array of rows.
    """
    lo = block << BLOCK_BITS
    hi = min(lo + BLOCK_MASK + 1, len(offsets) - 1)
    start, stop = int(offsets[lo]), int(offsets[hi])
    fields = zip(
        places(rows[start:stop]),
        priors[start:stop].tolist(),
        map(_MATCH.__getitem__, np.minimum(kinds[start:stop], 1).tolist()),
        strict=True,
    )
    cands = tuple(map(partial(tuple.__new__, Candidate), fields))
    bounds = (offsets[lo : hi + 1] - start).tolist()
    return tuple(cands[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True))
