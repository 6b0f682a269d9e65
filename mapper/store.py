"""An append-only incident store in a GeoPackage.

``mapper map --store incidents.gpkg`` keeps every run's incidents in one file
that QGIS and geopandas open as-is. The file has two layers:

``incidents``
    One point per incident (WGS84): ``id`` (the stable feature id of
    :mod:`mapper.ids`, the same as in the map and the GIS layers of the same
    articles), the contract fields (lists joined with ``; ``) and
    ``content_hash``, the hash of the article version it came from (a store written
    before the sides and the abducted / arrested counts were stored gains those
    columns, empty for its old rows, on its next write). Two versions
    of one article may give an incident the same ``id``: ``(id, content_hash)``
    tells them apart.
``articles``
    One row per stored article version: ``article_id``, ``content_hash``,
    ``title``, ``date``, ``url``, ``source``, ``n_toponyms``, ``n_incidents``.

An article is keyed by its id **and** a hash of its content (text, title,
date), so running the same articles again adds nothing, while a corrected
version of an article is stored as a new version next to the old one.
Every update is written to a copy that replaces the file only when complete
(:func:`mapper.files.atomic_path`), so an interrupted run leaves the store intact.
One writer at a time: concurrent ``add`` calls on one file are not coordinated.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from mapper.files import atomic_path
from mapper.ids import incident_ids
from mapper.model import Article, ArticleResult, Incident, MapperError

__all__ = ["IncidentStore", "content_hash"]

INCIDENTS = "incidents"
ARTICLES = "articles"
CRS = "EPSG:4326"
LIST_SEPARATOR = "; "

_STR = "str"
_INT = "int"
_NULLABLE_INT = "Int64"
_FLOAT = "float"
_LIST = "list"

#: incidents layer columns and their kinds (geometry is added from lat/lon)
INCIDENT_COLUMNS: dict[str, str] = {
    "id": _STR,
    "article_id": _STR,
    "content_hash": _STR,
    "kind": _STR,
    "event_type": _STR,
    "sub_event_type": _STR,
    "place": _STR,
    "geonameid": _INT,
    "country_code": _STR,
    "admin1": _STR,
    "lat": _FLOAT,
    "lon": _FLOAT,
    "geo_precision": _NULLABLE_INT,
    "date": _STR,
    "date_precision": _STR,
    "weapons": _LIST,
    "killed": _NULLABLE_INT,
    "wounded": _NULLABLE_INT,
    "damage": _LIST,
    "participants": _LIST,
    "sources": _LIST,
    "evidence": _STR,
    "reason": _STR,
    "feature_code": _STR,
    "title": _STR,
    "url": _STR,
    "actor1": _STR,
    "actor2": _STR,
    "abducted": _NULLABLE_INT,
    "arrested": _NULLABLE_INT,
}

#: incidents layer columns a store written by an earlier version may lack (added to it on the next write)
LATER_COLUMNS = ("actor1", "actor2", "abducted", "arrested")

#: articles layer columns (an attribute table without geometry)
ARTICLE_COLUMNS: dict[str, str] = {
    "article_id": _STR,
    "content_hash": _STR,
    "title": _STR,
    "date": _STR,
    "url": _STR,
    "source": _STR,
    "n_toponyms": _INT,
    "n_incidents": _INT,
}


def content_hash(article: Article) -> str:
    """SHA-256 (hex, first 32 digits) of an article's text, title and date.

    Parameters
    ----------
    article : Article
        The article.

    Returns
    -------
    str
        A stable digest; equal for the same content whatever its file or order.
    """
    h = hashlib.sha256()
    for part in (article.text, article.title, article.date or ""):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:32]


class IncidentStore:
    """Append incidents of processed articles to a GeoPackage, each article version once.

    Parameters
    ----------
    path : str or Path
        The ``.gpkg`` file; created by the first :meth:`add` that has anything to store.

    Examples
    --------
    >>> store = IncidentStore("incidents.gpkg")       # doctest: +SKIP
    >>> store.add(process(articles))                   # doctest: +SKIP
    12
    >>> store.add(process(articles))                   # doctest: +SKIP
    0
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"IncidentStore({str(self.path)!r})"

    # -- reading -----------------------------------------------------------------

    def keys(self) -> set[tuple[str, str]]:
        """The ``(article_id, content_hash)`` pairs already stored."""
        if not self._check_store():
            return set()
        frame = pyogrio.read_dataframe(
            self.path, layer=ARTICLES, columns=["article_id", "content_hash"], read_geometry=False
        )
        return set(zip(frame["article_id"].astype(str), frame["content_hash"].astype(str), strict=True))

    def read(self) -> gpd.GeoDataFrame:
        """All stored incidents as a GeoDataFrame (EPSG:4326), in the order they were added."""
        if not self._check_store():
            return _incident_frame([])
        frame = pyogrio.read_dataframe(self.path, layer=INCIDENTS)
        if "id" not in frame.columns:  # a store written before incidents had ids
            frame.insert(0, "id", _stored_ids(frame))
        for name in LATER_COLUMNS:  # a store written before these columns: they are unknown there
            if name not in frame.columns:
                frame.insert(len(frame.columns) - 1, name, None)
        return _restore_types(frame, INCIDENT_COLUMNS)

    def articles(self) -> pd.DataFrame:
        """All stored article versions (the ``articles`` layer)."""
        if not self._check_store():
            return _article_frame([])
        frame = pyogrio.read_dataframe(self.path, layer=ARTICLES, read_geometry=False)
        return _restore_types(frame, ARTICLE_COLUMNS)

    # -- writing -----------------------------------------------------------------

    def add(self, results: Iterable[ArticleResult]) -> int:
        """Store the results of articles not stored yet.

        Parameters
        ----------
        results : iterable of ArticleResult
            Processed articles (e.g. the output of :func:`mapper.pipeline.process`).
            Articles whose id and content are already in the store are skipped,
            as are repeats within ``results``.

        Returns
        -------
        int
            The number of incidents added.

        Raises
        ------
        MapperError
            If ``path`` exists but is not a mapper incident store.
        """
        seen = self.keys()
        fresh: list[tuple[ArticleResult, str]] = []
        for result in results:
            key = (result.article.id, content_hash(result.article))
            if key in seen:
                continue
            seen.add(key)
            fresh.append((result, key[1]))
        if not fresh:
            return 0
        incidents = _incident_frame([(inc, h) for result, h in fresh for inc in result.incidents])
        articles = _article_frame(fresh)
        exists = self._check_store()
        with atomic_path(self.path, force=exists) as tmp:
            fields = set(pyogrio.read_info(self.path, layer=INCIDENTS)["fields"]) if exists else set()
            if exists and ("id" not in fields or not set(LATER_COLUMNS) <= fields):
                # a store written before incidents had ids (or sides and abducted/arrested counts): rewrite its
                # rows with every column, the new ones empty
                self._write_with_ids(tmp)
            elif exists:
                shutil.copyfile(self.path, tmp)
            pyogrio.write_dataframe(
                incidents, tmp, layer=INCIDENTS, driver="GPKG", geometry_type="Point", append=exists
            )
            pyogrio.write_dataframe(articles, tmp, layer=ARTICLES, driver="GPKG", append=exists)
        return len(incidents)

    def _write_with_ids(self, target: Path) -> None:
        """Copy the store to ``target`` with an ``id`` column (and every later column) on its incidents."""
        stored = self.read()
        pyogrio.write_dataframe(stored[[*INCIDENT_COLUMNS, stored.geometry.name]], target, layer=INCIDENTS,
                                driver="GPKG", geometry_type="Point")  # fmt: skip
        pyogrio.write_dataframe(self.articles(), target, layer=ARTICLES, driver="GPKG")

    def _check_store(self) -> bool:
        """True if the store file exists; raise if it exists but is not a store."""
        if not self.path.exists():
            return False
        try:
            layers = {str(name) for name, _ in pyogrio.list_layers(self.path)}
            fields = set(pyogrio.read_info(self.path, layer=ARTICLES)["fields"]) if ARTICLES in layers else set()
        except Exception as exc:  # noqa: BLE001 - any GDAL error means "not a GeoPackage"
            raise MapperError(f"{self.path} is not a readable GeoPackage ({exc})") from None
        if INCIDENTS not in layers or not {"article_id", "content_hash"} <= fields:
            raise MapperError(f"{self.path} is not a mapper incident store (no '{INCIDENTS}'/'{ARTICLES}' layers)")
        return True


def _cell(value: object, kind: str) -> object:
    if kind == _LIST:
        return LIST_SEPARATOR.join(str(v) for v in value) if value else ""  # type: ignore[attr-defined]
    return value


def _typed_frame(rows: list[dict[str, object]], columns: dict[str, str]) -> pd.DataFrame:
    data: dict[str, pd.Series] = {}
    for name, kind in columns.items():
        values = [row[name] for row in rows]
        if kind == _NULLABLE_INT:
            data[name] = pd.Series(pd.array(values, dtype="Int64"))
        elif kind == _INT:
            data[name] = pd.Series(values, dtype="int64")
        elif kind == _FLOAT:
            data[name] = pd.Series(values, dtype="float64")
        else:
            data[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(data)


def _incident_frame(rows: list[tuple[Incident, str]]) -> gpd.GeoDataFrame:
    records = []
    ids = incident_ids(inc for inc, _ in rows)  # as the map and the layers of the same results
    for (inc, digest), fid in zip(rows, ids, strict=True):
        record = {name: _cell(getattr(inc, name, None), kind) for name, kind in INCIDENT_COLUMNS.items()}
        record["id"] = fid
        record["content_hash"] = digest
        records.append(record)
    frame = _typed_frame(records, INCIDENT_COLUMNS)
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs=CRS)
    geometry[frame["lat"].isna().to_numpy() | frame["lon"].isna().to_numpy()] = None  # unplaced: no geometry
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def _stored_ids(frame: pd.DataFrame) -> list[str]:
    """Ids of stored incident rows, computed per stored article version as :meth:`IncidentStore.add` does."""
    ids: list[str] = [""] * len(frame)
    groups: dict[tuple[str, str], list[int]] = {}
    for pos, key in enumerate(zip(frame["article_id"].astype(str), frame["content_hash"].astype(str), strict=True)):
        groups.setdefault(key, []).append(pos)
    rows = list(frame.drop(columns=frame.geometry.name).itertuples(index=False))
    for positions in groups.values():
        for pos, fid in zip(positions, incident_ids(rows[p] for p in positions), strict=True):
            ids[pos] = fid
    return ids


def _article_frame(rows: list[tuple[ArticleResult, str]]) -> pd.DataFrame:
    records = [
        {
            "article_id": r.article.id,
            "content_hash": digest,
            "title": r.article.title,
            "date": r.article.date,
            "url": r.article.url,
            "source": r.article.source,
            "n_toponyms": len(r.toponyms),
            "n_incidents": len(r.incidents),
        }
        for r, digest in rows
    ]
    return _typed_frame(records, ARTICLE_COLUMNS)


def _restore_types(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """GeoPackage reads integer columns with nulls as float: give them back their types (and an unknown
    text is None, however the file stored it)."""
    for name, kind in columns.items():
        if name not in frame.columns:
            continue
        if kind == _NULLABLE_INT:
            frame[name] = frame[name].astype("Int64")
        elif kind == _STR:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
        elif kind == _INT:
            frame[name] = frame[name].astype("int64")
    return frame
