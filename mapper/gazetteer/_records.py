"""Place records and ranked candidates, made once per process for fast lookups.

The index keeps its places column-wise in numpy arrays: compact, quick to
pickle, but slow to read one scalar at a time. Lookups want whole records, so
on first use every row becomes a :class:`mapper.model.Place` and every name
posting a :class:`Candidate`, in two tuples made by vectorised code (no Python
loop per record). A lookup then hands out a slice of the candidate tuple: it
builds nothing, and reads far fewer scattered bytes than assembling records
one field at a time would.

The records cost about 160 MB and 0.8 s once per process. Being NamedTuples
(tuple subclasses), they stay tracked by the garbage collector: a full
collection walks their 0.9 million objects (about 0.2 s). Python runs full
collections more rarely the more long-lived objects there are, so the cost
per new object stays the same; the raw index tables are tuples and arrays the
collector does not walk.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

import numpy as np

from mapper.model import Place

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


def make_places(
    columns: dict[str, np.ndarray],
    *,
    names: Sequence[str],
    fclass_vocab: Sequence[str],
    fcode_vocab: Sequence[str],
    cc_vocab: Sequence[str],
    a1_vocab: Sequence[str],
    admin1_names: Sequence[str],
) -> tuple[Place, ...]:
    """The ``Place`` of every row of the index, in row order.

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

    Returns
    -------
    tuple[Place, ...]
    """
    name_arr = np.asarray(names, dtype=object)
    fcode = columns["fcode"]
    is_adm1 = fcode == (list(fcode_vocab).index("ADM1") if "ADM1" in fcode_vocab else -1)
    # an ADM1 is its own admin-1; other rows take the name of their code's ADM1
    admin1 = np.where(is_adm1, name_arr, np.asarray(list(admin1_names) or [""], dtype=object)[columns["a1"]])
    a2 = columns["admin2"]
    admin2 = np.where(a2 >= 0, name_arr[np.maximum(a2, 0)], "")
    fields = zip(
        columns["geonameid"].tolist(),
        names,
        columns["lat"].tolist(),
        columns["lon"].tolist(),
        _decode(columns["fclass"], fclass_vocab),
        _decode(fcode, fcode_vocab),
        _decode(columns["cc"], cc_vocab),
        admin1.tolist(),
        _decode(columns["a1"], a1_vocab),
        admin2.tolist(),
        columns["population"].tolist(),
        strict=True,
    )
    return tuple(map(partial(tuple.__new__, Place), fields))


def make_candidates(
    places: tuple[Place, ...], *, rows: np.ndarray, priors: np.ndarray, kinds: np.ndarray
) -> tuple[Candidate, ...]:
    """One ``Candidate`` per name posting, in posting order.

    Parameters
    ----------
    places : tuple[Place, ...]
        Every place, by row (see :func:`make_places`).
    rows, priors, kinds : numpy.ndarray
        Place row, prior and match kind (0 preferred name, else alternate
        name) of every posting.
    """
    fields = zip(
        map(places.__getitem__, rows.tolist()),
        priors.tolist(),
        map(_MATCH.__getitem__, np.minimum(kinds, 1).tolist()),
        strict=True,
    )
    return tuple(map(partial(tuple.__new__, Candidate), fields))


def _decode(codes: np.ndarray, vocab: Sequence[str]) -> list[str]:
    """The strings of integer codes (the vocabulary's own string objects, shared)."""
    return np.asarray(list(vocab) or [""], dtype=object)[codes].tolist()
