"""mapper: turn war and diplomacy reporting into offline incident maps and GIS layers.

Public API (each name is imported lazily, so ``import mapper`` stays fast)::

    read_articles(paths)               files -> Article records          (mapper.articles)
    Gazetteer.load()                   the offline place index             (mapper.gazetteer)
    OfflineGeocoder()                  a geopy geocoder over the index     (mapper.gazetteer)
    Geoparser().parse(article)         Article -> (spaCy Doc, Toponym[])   (mapper.geoparse)
    extract_incidents(article, doc, toponyms)  -> Incident[]              (mapper.incidents)
    process(articles)                  all stages over many articles       (mapper.pipeline)
    merge_incidents(incidents)         one incident per place, kind, date  (mapper.merge)
    IncidentStore(path).add(results)   append to a GeoPackage, no repeats   (mapper.store)
    to_frame(incidents)                Incident[] -> GeoDataFrame          (mapper.export)
    write_layers(results, ...)         GeoJSON / GeoPackage / ... files    (mapper.export)
    write_map(results, path)           the self-contained HTML map         (mapper.webmap)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "mapper.model",
    "Place": "mapper.model",
    "Mention": "mapper.model",
    "Toponym": "mapper.model",
    "Incident": "mapper.model",
    "ArticleResult": "mapper.model",
    "MapperError": "mapper.model",
    "read_articles": "mapper.articles",
    "iter_articles": "mapper.articles",
    "merge_incidents": "mapper.merge",
    "IncidentStore": "mapper.store",
    "load_nlp": "mapper.geoparse",
    "make_geocoder": "mapper.gazetteer",
    "get_gazetteer": "mapper.gazetteer",
    "places_frame": "mapper.export",
    "build_map": "mapper.webmap",
    "Gazetteer": "mapper.gazetteer",
    "OfflineGeocoder": "mapper.gazetteer",
    "Geoparser": "mapper.geoparse",
    "geoparse": "mapper.geoparse",
    "extract_incidents": "mapper.incidents",
    "process": "mapper.pipeline",
    "to_frame": "mapper.export",
    "write_layers": "mapper.export",
    "write_map": "mapper.webmap",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mapper' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
