"""The ``mapper`` command line: help, argument handling, exit codes, summary, wiring.

The CLI is thin, so most tests run it in-process with the heavy stages
(``mapper.pipeline``, ``mapper.export``, ``mapper.webmap``) replaced by small
fakes that record how they were called: this checks the CLI's own behaviour
(what it reads, validates, calls, prints and returns) without loading models.
Tests marked with the real stages are in ``test_reliability.py`` and
``test_end_to_end.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from _fake_modules import install_stage_fakes
from conftest import ROOT
from mapper import cli
from mapper.files import atomic_write
from mapper.model import Article, ArticleResult, Incident, MapperError, Toponym

STORY = "date 2025-03-04 Depot hit in Velmora\nDrones hit a depot in Velmora overnight; two people were hurt.\n"


def run(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mapper", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


# --------------------------------------------------------------------------- fakes


def _fake_result(article: Article) -> ArticleResult:
    """A deterministic stand-in for the pipeline: one place per capitalised word 'Velmora'."""
    toponyms, incidents = [], []
    start = article.text.find("Velmora")
    if start >= 0:
        toponyms.append(Toponym(start, start + 7, "Velmora", 48.5, 31.2, 900_000_001, "PPL", "UA", "Test", role="event"))
        incidents.append(
            Incident("attack", "Explosions/Remote violence", "Air/drone strike", "Velmora", 900_000_001, "UA",
                     "Test", 48.5, 31.2, 2, date=article.date, weapons=["drone"], wounded=2, article_id=article.id)
        )
    return ArticleResult(article, toponyms, incidents)


@pytest.fixture
def fake_stages(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Replace the heavy stages with fakes; returns a dict recording the calls."""
    calls: dict = {}

    def process(articles, *, workers=1, dask=None, batch_size=32, progress=True, errors=None, theatre=True):
        calls["process"] = {"workers": workers, "dask": dask, "progress": progress,
                            "theatre": theatre}  # recorded at call time

        def results():
            items = list(articles)  # may be a stream
            calls["process"]["ids"] = [a.id for a in items]
            if "raise" in calls:
                raise calls["raise"]
            for a in items:
                yield _fake_result(a)

        return results()

    def write_layers(results, *, out_dir, name, formats=("geojson",), force=False):
        calls["write_layers"] = {"out_dir": Path(out_dir), "name": name, "formats": list(formats), "force": force}
        paths = []
        for fmt in formats:
            feats = [i.to_dict() for r in results for i in r.incidents]
            paths.append(atomic_write(Path(out_dir) / f"{name}.{fmt}", json.dumps(feats), force=force))
        return paths

    def write_map(results, path, *, tiles=None, cdn=False, force=False):
        calls["write_map"] = {"path": Path(path), "tiles": tiles, "cdn": cdn, "force": force}
        return atomic_write(path, "<html>leaflet</html>", force=force)

    install_stage_fakes(monkeypatch, process=process, write_layers=write_layers, write_map=write_map)
    return calls


@pytest.fixture
def story(tmp_path: Path) -> Path:
    src = tmp_path / "in" / "velmora_story.txt"
    src.parent.mkdir()
    src.write_text(STORY, encoding="utf-8")
    return src


# --------------------------------------------------------------------------- help


def test_import_is_light() -> None:
    code = (
        "import sys, mapper.cli; "
        "print(sorted(m for m in ('spacy', 'geopandas', 'folium', 'pandas', 'trafilatura', 'dask', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_main_help_has_commands_and_examples() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    for word in ("map", "extract", "geocode", "examples:", "exit status:"):
        assert word in proc.stdout


@pytest.mark.parametrize("command,words", [
    ("map", ["--out", "--name", "--format", "--tiles", "--cdn", "--workers", "--dask", "--store", "--force", "--quiet", "examples:"]),
    ("extract", ["JSON", "--workers", "examples:"]),
    ("geocode", ["--country", "--limit", "--json", "examples:"]),
])
def test_subcommand_help(capsys, command: str, words: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out, word


def test_no_command_is_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main([])
    assert exc.value.code == 2


@pytest.mark.parametrize("args,needle", [
    (["map", "x.txt", "--format", "shp"], "unknown format 'shp'"),
    (["map", "x.txt", "--workers", "0"], "must be at least 1"),
    (["geocode", "Velmora", "--limit", "many"], "not a whole number"),
])
def test_bad_options_exit_2(capsys, args, needle) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(args)
    assert exc.value.code == 2
    assert needle in capsys.readouterr().err


# --------------------------------------------------------------------------- bad input (subprocess: as a user sees it)


def _assert_one_line_error(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("mapper: error: ") and needle in lines[0]
    assert "Traceback" not in proc.stderr


def _missing(d: Path) -> Path:
    return d / "missing.txt"


def _empty(d: Path) -> Path:
    (d / "empty.txt").write_bytes(b"")
    return d / "empty.txt"


def _binary(d: Path) -> Path:
    (d / "bin.txt").write_bytes(bytes(range(256)) * 8)
    return d / "bin.txt"


def _no_articles(d: Path) -> Path:
    (d / "dir").mkdir()
    (d / "dir" / "notes.md").write_text("not an article", encoding="utf-8")
    return d / "dir"


@pytest.mark.parametrize(
    "make,needle",
    [
        (_missing, "no such file or folder"),
        (_empty, "empty file"),
        (_binary, "not a text file"),
        (_no_articles, "no articles found"),
    ],
    ids=["missing", "empty", "binary", "dir-without-articles"],
)
@pytest.mark.parametrize("command", ["map", "extract"])
def test_bad_input_one_line_exit_2_no_output(tmp_path: Path, command: str, make, needle: str) -> None:
    src = make(tmp_path)
    out = tmp_path / "out"
    args = [command, str(src)] + (["-o", str(out)] if command == "map" else [])
    proc = run(*args, cwd=tmp_path)
    _assert_one_line_error(proc, needle)
    assert not out.exists()
    assert proc.stdout == ""


def test_map_without_input_and_without_seeds(tmp_path: Path) -> None:
    proc = run("map", cwd=tmp_path)
    _assert_one_line_error(proc, "no seeds/ folder")
    assert not (tmp_path / "maps").exists()


# --------------------------------------------------------------------------- map (fake stages)


def test_map_writes_and_summarises(fake_stages, story: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "maps"
    rc = cli.main(["map", str(story), "-o", str(out), "--format", "gpkg,csv", "--workers", "2", "--tiles", "OpenStreetMap"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert fake_stages["process"] == {"ids": ["velmora_story"], "workers": 2, "dask": None, "progress": True,
                                      "theatre": True}
    assert fake_stages["write_layers"]["formats"] == ["geojson", "gpkg", "csv"]
    assert fake_stages["write_layers"]["name"] == "velmora_story"
    assert fake_stages["write_map"]["path"] == out / "velmora_story.html"
    assert fake_stages["write_map"]["tiles"] == "OpenStreetMap"
    assert (out / "velmora_story.html").exists() and (out / "velmora_story.geojson").exists()
    table = captured.out
    assert "1 article read" in table and "1 incident" in table
    row = next(line for line in table.splitlines() if line.startswith("Velmora"))
    assert row.split()[:5] == ["Velmora,", "UA", "attack", "1", "drone"]
    assert row.split()[-2:] == ["-", "2"]
    assert str(out / "velmora_story.html") in table


def test_map_name_defaults(fake_stages, tmp_path: Path, story: Path, capsys, monkeypatch) -> None:
    second = story.parent / "other.txt"
    second.write_text("Quiet day in Velmora.", encoding="utf-8")
    rc = cli.main(["map", str(story.parent), "-o", str(tmp_path / "o"), "--quiet"])
    assert rc == 0
    assert fake_stages["write_layers"]["name"] == "incidents"
    assert capsys.readouterr().out == ""  # --quiet: no table
    rc = cli.main(["map", str(story), "-o", str(tmp_path / "o"), "--name", "week12", "--quiet"])
    assert rc == 0 and (tmp_path / "o" / "week12.html").exists()


def test_map_default_input_is_seeds(fake_stages, tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s1.txt").write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["map", "--quiet"]) == 0
    assert (tmp_path / "maps" / "s1.html").exists() and (tmp_path / "maps" / "s1.geojson").exists()


@pytest.mark.parametrize("name", ["../evil", "a/b", ".hidden", " "])
def test_map_rejects_bad_name(fake_stages, story: Path, tmp_path: Path, capsys, name: str) -> None:
    assert cli.main(["map", str(story), "-o", str(tmp_path / "o"), "--name", name]) == 2
    assert "--name" in capsys.readouterr().err
    assert "process" not in fake_stages


def test_map_refuses_foreign_file_before_processing(fake_stages, story: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "o"
    out.mkdir()
    mine = out / "velmora_story.geojson"
    mine.write_text("precious user data", encoding="utf-8")
    assert cli.main(["map", str(story), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "use --force" in err and "velmora_story.geojson" in err
    assert "process" not in fake_stages  # failed before any model would load
    assert mine.read_text(encoding="utf-8") == "precious user data"
    assert cli.main(["map", str(story), "-o", str(out), "--force", "--quiet"]) == 0
    assert mine.read_text(encoding="utf-8") != "precious user data"


def test_map_rerun_overwrites_own_files(fake_stages, story: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert cli.main(["map", str(story), "-o", str(out), "--quiet"]) == 0
    assert cli.main(["map", str(story), "-o", str(out), "--quiet"]) == 0  # no --force needed


def test_corpus_with_bad_files_reports_at_end(fake_stages, story: Path, tmp_path: Path, capsys) -> None:
    (story.parent / "broken.txt").write_bytes(b"")
    (story.parent / "feed.jsonl").write_text('{"id": "j1", "text": "Velmora again."}\n{oops\n', encoding="utf-8")
    rc = cli.main(["map", str(story.parent), "-o", str(tmp_path / "o")])
    captured = capsys.readouterr()
    assert rc == 0
    assert fake_stages["process"]["ids"] == ["j1", "velmora_story"]
    err = captured.err.strip().splitlines()
    assert err[0] == "mapper: skipped 2 problems (the rest was processed):"
    assert "broken.txt: empty file" in err[1]
    assert "feed.jsonl:2: not valid JSON" in err[2]
    assert "(2 skipped, see the end)" in captured.out


def test_strict_turns_skips_into_error(fake_stages, story: Path, tmp_path: Path, capsys) -> None:
    (story.parent / "broken.txt").write_bytes(b"")
    rc = cli.main(["map", str(story.parent), "-o", str(tmp_path / "o"), "--strict"])
    assert rc == 2
    assert "--strict" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_interrupt_exit_130(fake_stages, story: Path, tmp_path: Path, capsys) -> None:
    fake_stages["raise"] = KeyboardInterrupt()
    assert cli.main(["map", str(story), "-o", str(tmp_path / "o")]) == 130
    assert capsys.readouterr().err.strip() == "mapper: interrupted"


def test_internal_error_exit_1_one_line(fake_stages, story: Path, tmp_path: Path, capsys) -> None:
    fake_stages["raise"] = ZeroDivisionError("boom")
    assert cli.main(["map", str(story), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("mapper: internal error: ZeroDivisionError: boom") and "--debug" in err
    assert "\n" not in err and "Traceback" not in err
    with pytest.raises(ZeroDivisionError):
        cli.main(["map", str(story), "-o", str(tmp_path / "o"), "--debug"])


def test_mapper_error_from_a_stage_exit_2(fake_stages, story: Path, tmp_path: Path, capsys) -> None:
    fake_stages["raise"] = MapperError("the gazetteer cache is unreadable")
    assert cli.main(["map", str(story), "-o", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.strip() == "mapper: error: the gazetteer cache is unreadable"


# --------------------------------------------------------------------------- extract (fake stages)


def test_extract_jsonl_passes_ids(fake_stages, tmp_path: Path, capsys) -> None:
    src = tmp_path / "feed.jsonl"
    rows = [{"id": "keep-Me/1", "text": "Drones over Velmora.", "date": "2025-01-02"}, {"id": "2", "text": "Nothing."}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert cli.main(["extract", str(src)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["keep-Me/1", "2"]
    assert list(out[0]) == ["id", "title", "date", "toponyms", "incidents"]
    t = out[0]["toponyms"][0]
    assert rows[0]["text"][t["start"]:t["end"]] == t["name"]
    assert fake_stages["process"]["progress"] is False  # stderr is not a terminal here
    assert cli.main(["extract", str(src), "--no-theatre"]) == 0
    assert fake_stages["process"]["theatre"] is False


# --------------------------------------------------------------------------- summary


def test_summary_merges_and_sums() -> None:
    art = Article("a", "x")
    inc = lambda **kw: Incident(**{  # noqa: E731
        "kind": "attack", "event_type": "e", "sub_event_type": "s", "place": "Velmora", "geonameid": 1,
        "country_code": "UA", "admin1": "", "lat": 1.0, "lon": 2.0, "geo_precision": 2, **kw})
    results = [ArticleResult(art, [], [
        inc(date="2025-01-01", killed=1, weapons=["missile"]),
        inc(date="2025-01-02", killed=2, wounded=5, weapons=["drone"]),
        inc(kind="diplomacy", place="Castelbrook", geonameid=2, country_code="CH"),
    ])]
    text = cli.summary(results)
    rows = {line.split("  ")[0].strip(): line.split() for line in text.splitlines()[2:]}
    assert rows["Velmora, UA"][2:] == ["attack", "2", "drone,", "missile", "3", "5"]
    assert rows["Castelbrook, CH"][2:] == ["diplomacy", "1", "-", "-", "-"]
    assert cli.summary([]).endswith("(no incidents found)")


def test_every_article_failing_is_exit_1_and_writes_nothing(fake_stages, story: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    def failing(articles, *, errors=None, **kw):
        for a in articles:
            errors.append(f"{a.id}: ImportError: the model is not installed")
        return iter(())

    monkeypatch.setattr(sys.modules["mapper.pipeline"], "process", failing)
    assert cli.main(["map", str(story), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "mapper: error: no article could be processed (1 problem; first: velmora_story: ImportError: the model is not installed)"
    assert not (tmp_path / "o").exists()


def test_extract_streams_and_reports_later_bad_files(fake_stages, tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text("Drones over Velmora.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("Calm in Velmora.", encoding="utf-8")
    assert cli.main(["extract", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a", "c"]
    assert "b.txt: empty file" in captured.err
    assert cli.main(["extract", str(tmp_path), "--strict"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--strict" in captured.err


def test_extract_first_input_unreadable_fails_before_processing(fake_stages, tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_bytes(b"   ")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)))
    assert cli.main(["extract", str(tmp_path)]) == 2
    assert "no readable articles" in capsys.readouterr().err
    assert "process" not in fake_stages


def test_geocode_calls_the_gazetteer_command(monkeypatch, capsys) -> None:
    seen: dict = {}

    def geocode_command(query, *, country=None, limit=10, as_json=False):
        seen.update(query=query, country=country, limit=limit, as_json=as_json)
        return "1  Velmora  UA"

    module = types.ModuleType("mapper.gazetteer.cli")
    module.geocode_command = geocode_command
    monkeypatch.setitem(sys.modules, "mapper.gazetteer.cli", module)
    assert cli.main(["geocode", "Velmora", "--country", "ua", "--limit", "3", "--json"]) == 0
    assert seen == {"query": "Velmora", "country": "UA", "limit": 3, "as_json": True}
    assert capsys.readouterr().out == "1  Velmora  UA\n"
    assert cli.main(["geocode", "Velmora", "--country", "UKR"]) == 2
    assert "two-letter" in capsys.readouterr().err
