"""Packed records behind fast gazetteer lookups.

The index keeps its places column-wise in numpy arrays, which is compact but
slow to read one scalar at a time. A lookup needs whole rows: this module packs
each place into one fixed-size binary record (and each name posting into
another) so that turning a row into a :class:`mapper.model.Place` is a single
``struct.unpack_from`` over one contiguous buffer, with few cache misses and
no numpy scalar overhead. The buffers are made once per process, vectorised,
in a few tens of milliseconds. Nothing here caches: a lookup builds its
``Place`` records anew (the index keeps only the last thousand names' results).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from mapper.model import Place

# geonameid, lat, lon, feature class, feature code, country, admin-1, admin-2 row, population
_ROW_DTYPE = np.dtype(
    [
        ("gid", "<i8"),
        ("lat", "<f8"),
        ("lon", "<f8"),
        ("fclass", "<u2"),
        ("fcode", "<u2"),
        ("cc", "<u2"),
        ("a1", "<u2"),
        ("a2", "<i4"),
        ("pop", "<i8"),
    ]
)
_ROW = struct.Struct("<qddHHHHiq")
# place row, prior, match kind (0 preferred name, else alternate name)
_POST_DTYPE = np.dtype([("row", "<i4"), ("prior", "<f8"), ("kind", "<u1")])
_POST = struct.Struct("<idB")
_MATCH = ("name", "alias")
_new = tuple.__new__  # NamedTuple records without the keyword-handling __new__


class Candidate(NamedTuple):
    """One ranked candidate: the place, its prior and how the name matched.

    ``match`` is ``"name"`` (preferred name), ``"alias"`` (alternate name),
    ``"region"`` (an "X region" form matched an admin-area stem),
    ``"skeleton"`` (transliteration variant) or ``"fuzzy"``.
    """

    place: Place
    prior: float
    match: str


class PackedPlaces:
    """Places as fixed-size binary records, turned into ``Place`` on demand.

    Parameters
    ----------
    columns : dict
        The index columns (``geonameid``, ``lat``, ``lon``, ``fclass``,
        ``fcode``, ``cc``, ``a1``, ``admin2``, ``population``).
    names : list[str]
        Preferred name of every row.
    fclass_vocab, fcode_vocab, cc_vocab, a1_vocab : list[str]
        The code tables of the integer columns.
    admin1_names : list[str]
        Name of the ADM1 area of each admin-1 code ("" if unknown).
    """

    __slots__ = ("_a1", "_a1_names", "_adm1", "_buf", "_cc", "_fclass", "_fcode", "_names")

    def __init__(
        self,
        columns: dict[str, np.ndarray],
        *,
        names: list[str],
        fclass_vocab: Sequence[str],
        fcode_vocab: Sequence[str],
        cc_vocab: Sequence[str],
        a1_vocab: Sequence[str],
        admin1_names: Sequence[str],
    ) -> None:
        rec = np.empty(len(names), dtype=_ROW_DTYPE)
        rec["gid"] = columns["geonameid"]
        rec["lat"] = columns["lat"]
        rec["lon"] = columns["lon"]
        rec["fclass"] = columns["fclass"]
        rec["fcode"] = columns["fcode"]
        rec["cc"] = columns["cc"]
        rec["a1"] = columns["a1"]
        rec["a2"] = columns["admin2"]
        rec["pop"] = columns["population"]
        self._buf = rec.tobytes()
        self._names = tuple(names)
        self._fclass = list(fclass_vocab)
        self._fcode = list(fcode_vocab)
        self._cc = list(cc_vocab)
        self._a1 = list(a1_vocab)
        self._a1_names = list(admin1_names)
        self._adm1 = self._fcode.index("ADM1") if "ADM1" in self._fcode else -1

    def place(self, row: int) -> Place:
        """The ``Place`` of one row."""
        gid, lat, lon, fclass, fcode, cc, a1, a2, pop = _ROW.unpack_from(self._buf, row * _ROW.size)
        names = self._names
        return _new(
            Place,
            (
                gid,
                names[row],
                lat,
                lon,
                self._fclass[fclass],
                self._fcode[fcode],
                self._cc[cc],
                names[row] if fcode == self._adm1 else self._a1_names[a1],
                self._a1[a1],
                names[a2] if a2 >= 0 else "",
                pop,
            ),
        )


class PackedPostings:
    """Name postings (place row, prior, match kind) as packed records in rank order.

    Lookups through it keep nothing, so memory does not grow with the names
    asked for.

    Parameters
    ----------
    offsets : numpy.ndarray
        CSR offsets: the postings of key ``i`` are ``offsets[i]:offsets[i + 1]``.
    rows, kinds : numpy.ndarray
        Place row and match kind of every posting.
    priors : numpy.ndarray
        Prior of every posting.
    places : PackedPlaces
        The place records the rows point into.
    """

    __slots__ = ("_buf", "_offsets", "_places")

    def __init__(
        self, offsets: np.ndarray, rows: np.ndarray, kinds: np.ndarray, priors: np.ndarray, *, places: PackedPlaces
    ) -> None:
        rec = np.empty(len(rows), dtype=_POST_DTYPE)
        rec["row"] = rows
        rec["prior"] = priors
        rec["kind"] = np.minimum(kinds, 1)
        self._buf = rec.tobytes()
        self._offsets = tuple(offsets.astype(np.int64).tolist())  # a tuple: not walked by the GC
        self._places = places

    def ranked(self, pos: int, limit: int) -> tuple[Candidate, ...]:
        """The first ``limit`` candidates of key ``pos``."""
        a = self._offsets[pos]
        b = min(self._offsets[pos + 1], a + limit)
        buf, unpack, place = self._buf, _POST.unpack_from, self._places.place
        out = []
        for at in range(a * _POST.size, b * _POST.size, _POST.size):
            row, prior, kind = unpack(buf, at)
            out.append(_new(Candidate, (place(row), prior, _MATCH[kind])))
        return tuple(out)
