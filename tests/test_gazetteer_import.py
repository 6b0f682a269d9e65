"""Tests of importing GeoNames dumps: small files the tests write, and the real Ukrainian dump (slow).

Every place written here is invented (names, ids from 990,000,000 up); the
admin-2 codes and areas are real ones of the built-in index, found by query.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from mapper.cli import main
from mapper.gazetteer import Gazetteer
from mapper.gazetteer._names import has_non_latin
from mapper.gazetteer._build import PlaceRow, add_name, area_stems, pending_rows, type_words
from mapper.gazetteer._build import _feature_codes  # noqa: PLC2701 - the step under test
from mapper.gazetteer.cli import geocode_command, info_command
from mapper.gazetteer.geonames import parse_classes, read_dump
from mapper.gazetteer.imports import import_files, list_imports, remove_imports
from mapper.gazetteer.index import _read_index
from mapper.geodesy import haversine_km
from mapper.model import Article, MapperError

SHARED = next(
    (p for p in (Path(os.environ.get("MAPPER_SHARED", "/nonexistent")), ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)
UA_ZIP = SHARED / "geonames" / "UA.zip"


def geoname(
    gid: int,
    name: str,
    lat: float,
    lon: float,
    *,
    fclass: str = "P",
    fcode: str = "PPL",
    cc: str = "SO",
    admin1: str = "",
    admin2: str = "",
    population: int = 0,
    alternates: str = "",
) -> str:
    """One line of the GeoNames geoname table (19 tab-separated columns)."""
    cells = [
        str(gid), name, name, alternates, f"{lat:.5f}", f"{lon:.5f}", fclass, fcode, cc, "", admin1, admin2,
        "", "", str(population), "", "100", "Africa/Mogadishu", "2026-01-01",
    ]
    return "\t".join(cells) + "\n"


def write(path: Path, lines: list[str], *, zipped: bool = False) -> Path:
    if zipped:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(path.with_suffix(".txt").name, "".join(lines))
            zf.writestr("readme.txt", "GeoNames readme\n")
    else:
        path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base() -> Gazetteer:
    """The built-in index of the default cache (built once if missing)."""
    return Gazetteer.load(progress=False)


@pytest.fixture(scope="module")
def pending_area(base: Gazetteer) -> PlaceRow:
    """A Somali admin-2 area the built-in sources give no point (so the index lacks it)."""
    index = _read_index(base.path)
    assert index is not None
    rows = [r for r in pending_rows(index["pending"]) if r.cc == "SO" and r.fcode == "ADM2" and r.code]
    assert rows, "the built-in index keeps Somali admin-2 areas without a point"
    return rows[0]


@pytest.fixture()
def cache(base: Gazetteer, tmp_path: Path) -> Iterator[Path]:
    """An empty cache folder that shares the built-in index of the default one."""
    folder = tmp_path / "cache"
    folder.mkdir()
    assert base.path is not None
    (folder / base.path.name).symlink_to(base.path)
    yield folder


def _village_file(tmp_path: Path, area: PlaceRow, **kw: object) -> Path:
    a1 = area.code.split(".")[1]
    return write(
        tmp_path / "SO.txt",
        [
            geoname(990_000_001, "Qorvadeyn", 3.10, 43.70, admin1=a1, admin2=area.code.split(".")[2], **kw),  # type: ignore[arg-type]
            geoname(990_000_002, "Dhuunlaawe", 3.30, 43.90, admin1=a1, admin2=area.code.split(".")[2], population=300),
        ],
    )


# ---------------------------------------------------------------- reading dumps
def test_read_dump_keeps_the_classes_and_countries_asked_for(tmp_path: Path) -> None:
    path = write(
        tmp_path / "XX.zip",
        [
            geoname(990_000_010, "Velmora", 1.0, 2.0),
            geoname(990_000_011, "Velmora Crossing", 1.0, 2.1, fclass="S", fcode="BCP"),
            geoname(990_000_012, "Velmora Wadi", 1.0, 2.2, fclass="H", fcode="WAD"),
            geoname(990_000_013, "Ostrava Nova", 5.0, 6.0, cc="ET"),
        ],
        zipped=True,
    )
    default = read_dump(path, progress=False)
    assert default.kind == "places" and default.rows_read == 4
    assert sorted(default.columns["name"]) == ["Ostrava Nova", "Velmora"]
    spots = read_dump(path, classes=parse_classes("spots,water"), progress=False)
    assert spots.columns["fcode"] == ["BCP", "WAD"]
    somali = read_dump(path, classes=parse_classes("all"), countries=["so"], progress=False)
    assert len(somali) == 3 and set(somali.columns["cc"]) == {"SO"}


def test_parse_classes_accepts_letters_and_words_and_refuses_others() -> None:
    assert parse_classes("P,A") == "AP"
    assert parse_classes("places,spots") == "PS"
    assert parse_classes(None) == "AP"
    with pytest.raises(MapperError, match="unknown feature class 'towns'"):
        parse_classes("towns")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,name,lat,lon\n1,x,2,3\n", "is not a GeoNames dump"),
        ("", "no GeoNames rows"),
        (geoname(990_000_020, "Velmora", 1.0, 2.0) + "990000021\tBroken\n", "line 2: expected 19"),
        (geoname(990_000_022, "Velmora", 1.0, 2.0).replace("1.00000", "north"), "line 1: .* not a number"),
        (geoname(990_000_023, "Velmora", 95.0, 2.0), "out of range"),
    ],
)
def test_bad_files_give_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MapperError, match=message):
        read_dump(path, progress=False)


def test_a_zip_without_one_dump_in_it_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", geoname(990_000_030, "Velmora", 1.0, 2.0))
        zf.writestr("b.txt", geoname(990_000_031, "Velmora", 1.0, 2.0))
    with pytest.raises(MapperError, match="expected one GeoNames .txt file"):
        read_dump(path, progress=False)


# ---------------------------------------------------------------- importing
def test_import_makes_a_new_village_resolvable(cache: Path, tmp_path: Path, pending_area: PlaceRow, base: Gazetteer) -> None:
    assert base.lookup("Qorvadeyn", fuzzy=False) == []
    result = import_files([_village_file(tmp_path, pending_area)], cache_dir=cache, progress=False)
    g = result.gazetteer
    assert g is not None and result.places_after == result.places_before + 3  # two villages and their district
    top = g.lookup("Qorvadeyn", fuzzy=False)[0].place
    assert (top.geonameid, top.country_code, top.lat, top.lon) == (990_000_001, "SO", 3.1, 43.7)
    assert top.admin1_code == ".".join(pending_area.code.split(".")[:2])
    table = geocode_command("Qorvadeyn", country="SO", gazetteer=g)
    assert "990000001" in table and "Qorvadeyn" in table
    # a fresh load of the folder reads the merged index
    again = Gazetteer.load(cache_dir=cache, progress=False)
    assert again.path == g.path and again.get(990_000_001) is not None


def test_admin2_area_without_a_point_gets_the_centre_of_its_imported_places(
    cache: Path, tmp_path: Path, pending_area: PlaceRow, base: Gazetteer
) -> None:
    assert base.get(pending_area.geonameid) is None
    g = import_files([_village_file(tmp_path, pending_area)], cache_dir=cache, progress=False).gazetteer
    assert g is not None
    area = g.get(pending_area.geonameid)
    assert area is not None and area.feature_code == "ADM2"
    # weighted by population (0 counts as 1): nearer the village of 300
    assert area.lat == pytest.approx((3.10 * 1 + 3.30 * 300) / 301, abs=1e-4)
    assert area.lon == pytest.approx((43.70 * 1 + 43.90 * 300) / 301, abs=1e-4)
    assert g.area(pending_area.code) == area
    village = g.get(990_000_001)
    assert village is not None and g.admin2_of(village) == area and g.contains(area, village)
    assert village.admin2 == area.name
    # findable by its name within its country and admin-1, with and without a type word
    within = g.lookup_within(pending_area.name, g.admin1_of(village))  # type: ignore[arg-type]
    assert within and within[0].place == area
    assert any(c.place == area for c in g.lookup(f"{pending_area.name} district", country="SO"))


def test_an_imported_admin2_feature_places_its_area(cache: Path, tmp_path: Path, pending_area: PlaceRow) -> None:
    a1, a2 = pending_area.code.split(".")[1:]
    path = write(
        tmp_path / "areas.txt",
        [geoname(pending_area.geonameid, f"{pending_area.name} District", 2.5, 44.5, fclass="A", fcode="ADM2", admin1=a1, admin2=a2)],
    )
    g = import_files([path], cache_dir=cache, progress=False).gazetteer
    assert g is not None
    area = g.get(pending_area.geonameid)
    assert area is not None and (area.lat, area.lon) == (2.5, 44.5)
    assert area.name == pending_area.name  # the built-in name stays first
    assert g.lookup(f"{pending_area.name} District", country="SO")[0].place == area


@pytest.mark.slow
def test_reimporting_a_file_replaces_it_and_never_doubles_places(cache: Path, tmp_path: Path, pending_area: PlaceRow) -> None:
    path = _village_file(tmp_path, pending_area)
    first = import_files([path], cache_dir=cache, progress=False)
    again = import_files([path], cache_dir=cache, progress=False)
    assert again.unchanged == ["SO.txt"] and again.places_after == first.places_after
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(geoname(990_000_003, "Garsaalle", 3.2, 43.8))
    third = import_files([path], cache_dir=cache, progress=False)
    assert third.places_after == first.places_after + 1
    assert len(list_imports(cache_dir=cache)) == 1
    g = third.gazetteer
    assert g is not None and len(g.lookup("Qorvadeyn", fuzzy=False)) == 1
    # the same place in another file is still one place
    other = write(tmp_path / "cities500.txt", [geoname(990_000_001, "Qorvadeyn", 3.1, 43.7, population=800)])
    fourth = import_files([other], cache_dir=cache, progress=False)
    assert fourth.places_after == third.places_after
    assert fourth.gazetteer is not None and fourth.gazetteer.get(990_000_001).population == 800  # type: ignore[union-attr]


def test_a_bad_file_leaves_the_index_as_it_was(cache: Path, tmp_path: Path, pending_area: PlaceRow, capsys, monkeypatch) -> None:  # noqa: ANN001
    good = import_files([_village_file(tmp_path, pending_area)], cache_dir=cache, progress=False)
    before = (list_imports(cache_dir=cache), sorted(p.name for p in cache.rglob("*")))
    other = write(tmp_path / "ET.txt", [geoname(990_000_040, "Velmora", 9.0, 40.0, cc="ET")])
    bad = write(tmp_path / "bad.txt", ["not\ta\tgeonames\tfile\tat\tall\n"])
    with pytest.raises(MapperError):
        import_files([other, bad], cache_dir=cache, progress=False)
    assert (list_imports(cache_dir=cache), sorted(p.name for p in cache.rglob("*"))) == before
    assert Gazetteer.load(cache_dir=cache, progress=False).path == good.gazetteer.path  # type: ignore[union-attr]
    monkeypatch.setenv("MAPPER_CACHE", str(cache))
    assert main(["gazetteer", "import", "-q", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("mapper: error:") and "not a GeoNames dump" in err[0]
    assert main(["gazetteer", "import", "-q", str(tmp_path / "missing.zip")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_remove_an_import_and_info(cache: Path, tmp_path: Path, pending_area: PlaceRow, base: Gazetteer) -> None:
    import_files([_village_file(tmp_path, pending_area)], cache_dir=cache, progress=False)
    text = info_command(cache_dir=cache, country="SO")
    assert "SO.txt" in text and "(+3 imported)" in text
    data = json.loads(info_command(cache_dir=cache, as_json=True))
    assert [s["name"] for s in data["sources"]] == ["base", "SO.txt"]
    assert data["sources"][1]["places"] == 3 and data["imports"][0]["per_country"] == {"SO": 2}
    assert data["countries"]["SO"]["SO.txt"] == 3
    with pytest.raises(MapperError, match="no import named 'XX.zip'"):
        remove_imports(["XX.zip"], cache_dir=cache, progress=False)
    assert remove_imports(["SO.txt"], cache_dir=cache, progress=False) == ["SO.txt"]
    g = Gazetteer.load(cache_dir=cache, progress=False)
    assert len(g) == len(base) and g.lookup("Qorvadeyn", fuzzy=False) == []
    assert list_imports(cache_dir=cache) == [] and not list((cache / "imports").glob("*.pkl"))


@pytest.mark.slow
def test_imported_spots_rank_below_a_place_of_the_same_name(cache: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "XX.txt",
        [
            geoname(990_000_050, "Velmora Bridge", 1.0, 2.0, fclass="S", fcode="BDG"),
            geoname(990_000_051, "Harqaan", 1.0, 2.0, fclass="H", fcode="STM"),
            geoname(990_000_052, "Harqaan", 1.1, 2.1),
        ],
    )
    g = import_files([path], cache_dir=cache, classes="P,S,H", progress=False).gazetteer
    assert g is not None
    assert g.lookup("Velmora Bridge")[0].place.feature_code == "BDG"
    assert [c.place.geonameid for c in g.lookup("Harqaan")] == [990_000_052, 990_000_051]
    # spots and streams are found when named, but they are no names the recogniser looks for
    assert "Velmora Bridge" not in set(g.iter_names(min_population=5000))


def test_alternate_names_and_admin2_codes_files(cache: Path, tmp_path: Path, pending_area: PlaceRow) -> None:
    places = _village_file(tmp_path, pending_area)
    alt = write(
        tmp_path / "alternateNamesV2.txt",
        [
            "\t".join(["1", "990000001", "en", "Qorvadein", "", "", "", "", "", ""]) + "\n",
            "\t".join(["2", "990000001", "link", "https://example.org/Qorvadeyn", "", "", "", "", "", ""]) + "\n",
            "\t".join(["3", "123", "en", "Nowhere Else", "", "", "", "", "", ""]) + "\n",
        ],
    )
    codes = write(tmp_path / "admin2Codes.txt", [f"{pending_area.code}\tWarsheekh Dhexe\tWarsheekh Dhexe\t{pending_area.geonameid}\n"])
    result = import_files([alt, places, codes], cache_dir=cache, progress=False)
    assert [e["kind"] for e in result.imported] == ["places", "admin2", "altnames"]
    assert result.imported[2]["rows"] == 1  # the link is no name; id 123 is no place of the index
    g = result.gazetteer
    assert g is not None
    assert g.lookup("Qorvadein", fuzzy=False)[0].place.geonameid == 990_000_001
    assert g.lookup("Warsheekh Dhexe", fuzzy=False)[0].place.geonameid == pending_area.geonameid


def test_the_cli_imports_and_geocode_finds_the_village(cache: Path, tmp_path: Path, pending_area: PlaceRow) -> None:
    path = _village_file(tmp_path, pending_area)
    env = {**os.environ, "MAPPER_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "mapper", "gazetteer", "import", "-q", str(path)], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "imported SO.txt: 2 places" in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "mapper", "geocode", "Qorvadeyn", "--json"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[0]["geonameid"] == 990_000_001


@pytest.mark.slow
def test_the_geoparser_finds_an_imported_village(cache: Path, tmp_path: Path, pending_area: PlaceRow) -> None:
    from mapper.geoparse import Geoparser

    g = import_files([_village_file(tmp_path, pending_area)], cache_dir=cache, progress=False).gazetteer
    text = "Gunmen attacked Qorvadeyn village in Somalia on Monday, killing four herders, elders said."
    toponyms = Geoparser(gazetteer=g).parse(Article(id="t1", text=text))[1]
    found = [t for t in toponyms if t.name == "Qorvadeyn"]
    assert found and found[0].geonameid == 990_000_001


# ---------------------------------------------------------------- built-in area points
def test_a_district_named_like_its_seat_in_another_spelling_takes_the_seat_point() -> None:
    words = type_words()
    adm1 = PlaceRow(990_000_100, "Velmora Region", 5.0, 45.0, "A", "ADM1", "SO", admin1_code="SO.99", code="SO.99")
    add_name(adm1, adm1.name, 0)
    district = PlaceRow(990_000_101, "Qaryat Nool", math.nan, math.nan, "A", "ADM2", "SO", admin1_code="SO.99", code="SO.99.1")
    add_name(district, district.name, 0)
    seat = PlaceRow(990_000_102, "Qaryatnool", 5.5, 45.5, "P", "PPL", "SO", admin1_code="SO.99", population=9000)
    add_name(seat, seat.name, 0)
    far = PlaceRow(990_000_103, "Qaryatnool", 9.0, 48.0, "P", "PPL", "SO", admin1_code="SO.98", population=90000)
    add_name(far, far.name, 0)
    rows = [adm1, district, seat, far]
    stems, seats, plains = area_stems(rows, words)
    _feature_codes(rows, stems, seats, plains, {"SO.99": 0}, {})
    assert (district.lat, district.lon) == (5.5, 45.5)  # the seat in its admin-1, not the larger namesake


def test_the_built_in_index_places_more_admin2_areas_than_it_drops(base: Gazetteer) -> None:
    index = _read_index(base.path)
    assert index is not None
    adm2 = base._fcode_vocab.index("ADM2")  # noqa: SLF001
    placed = int((base._fcode == adm2).sum())  # noqa: SLF001
    pending = [r for r in pending_rows(index["pending"]) if r.fcode == "ADM2"]
    assert placed > 3 * len(pending) > 0
    assert all(math.isnan(r.lat) for r in pending) and all(base.get(r.geonameid) is None for r in pending)


# ---------------------------------------------------------------- the real Ukrainian dump
@pytest.mark.slow
@pytest.mark.skipif(not UA_ZIP.exists(), reason=f"the shared GeoNames dump {UA_ZIP} is not here")
def test_importing_the_real_ukrainian_dump(cache: Path, base: Gazetteer) -> None:
    dump = read_dump(UA_ZIP, classes=parse_classes("all"), progress=False)
    assert dump.rows_read == 45_086 and dump.columns["fclass"].count("P") == 33_681
    result = import_files([UA_ZIP], cache_dir=cache, progress=False)
    g = result.gazetteer
    assert g is not None
    entry = result.imported[0]
    assert entry["rows"] == dump.columns["fclass"].count("P") + dump.columns["fclass"].count("A")
    new = [
        i for i, (gid, fclass) in enumerate(zip(dump.columns["geonameid"].tolist(), dump.columns["fclass"], strict=True))
        if fclass in "PA" and base.get(gid) is None
    ]
    assert result.places_after - result.places_before == len(new) > 20_000
    # every new village is found by its name, in Ukraine, at its point
    for i in new[:: max(1, len(new) // 200)]:
        gid, name = int(dump.columns["geonameid"][i]), dump.columns["name"][i]
        if dump.columns["fclass"][i] != "P":
            continue
        if has_non_latin(name):  # a few names mix scripts ("Storozhevoнe"): the ASCII form is the name
            name = dump.columns["asciiname"][i]
        hits = [c.place for c in g.lookup(name, country="UA", limit=200, fuzzy=False)]
        assert gid in [p.geonameid for p in hits], name
        place = next(p for p in hits if p.geonameid == gid)
        assert haversine_km(place.lat, place.lon, float(dump.columns["lat"][i]), float(dump.columns["lon"][i])) < 0.01
    assert import_files([UA_ZIP], cache_dir=cache, progress=False).unchanged == ["UA.zip"]


def test_names_are_found_without_their_arabic_article_and_ending(cache: Path, tmp_path: Path, base: Gazetteer) -> None:
    """Reports drop the Arabic article and write -a for -ah ("Qasra" for "Al Qasrah"), below exact names."""
    path = write(
        tmp_path / "villages.txt",
        [
            geoname(990_000_031, "Al Qasrah", 3.10, 43.70),  # no population, as GeoNames leaves many towns
            geoname(990_000_032, "Ad Dhalmuneh", 3.20, 43.80),
            geoname(990_000_033, "Dhalmuna", 3.90, 44.60),  # an exact namesake wins over the variant
            geoname(990_000_034, "El Varosah", 19.0, -99.0, cc="MX", population=20_000),  # a Spanish article stays
        ],
    )
    assert base.lookup("Qasra", fuzzy=False) == []
    g = import_files([path], cache_dir=cache, progress=False).gazetteer
    assert g is not None
    for name in ("Qasra", "Qasrah", "Qasreh"):
        found = g.lookup(name, fuzzy=False)
        assert found and found[0].place.geonameid == 990_000_031, name
    assert g.lookup("Qasra", fuzzy=False)[0].match == "skeleton"
    assert [c.place.geonameid for c in g.lookup("Dhalmuna", fuzzy=False)] == [990_000_033]
    # no exact key: the article-less name of a town, not a small namesake's spelling variant
    assert [c.place.geonameid for c in g.lookup("Dhalmuneh", fuzzy=False)] == [990_000_032]
    assert all(c.place.geonameid != 990_000_034 for c in g.lookup("Varosa", fuzzy=False))
    # a report writing another article than GeoNames ("El Qasra", "Al Dhalmuneh") finds the place
    assert [c.place.geonameid for c in g.lookup("El Qasra", fuzzy=False)] == [990_000_031]
    assert 990_000_032 in [c.place.geonameid for c in g.lookup("Al Dhalmuneh", fuzzy=False)]
    assert all(c.place.geonameid != 990_000_034 for c in g.lookup("Al Varosa", fuzzy=False))
