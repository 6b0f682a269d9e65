"""The corpus pipeline: order, batching, worker processes, errors, progress, the real stages."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from _stages import fake_result, fake_stage
from mapper.model import Article, ArticleResult, MapperError
from mapper.pipeline import process, process_chunk

TOWNS = ["Aldmoor", "Brenwick", "Caskby", "Dunhollow", "Eastrey", "Fenwold", "Garnham"]


def corpus(n: int) -> list[Article]:
    arts = []
    for i in range(n):
        a, b = TOWNS[i % len(TOWNS)], TOWNS[(3 * i + 1) % len(TOWNS)]
        verb = "A strike hit" if i % 3 else "Envoys met in"
        arts.append(Article(id=f"art-{i:04d}", text=f"{verb} {a} near {b} on day {i}.", date="2025-02-01"))
    return arts


def dicts(results: Sequence[ArticleResult]) -> list[dict]:
    return [r.to_dict() for r in results]


def test_local_run_keeps_order_and_matches_the_stage() -> None:
    arts = corpus(23)
    out = list(process(arts, batch_size=4, progress=False, stage=fake_stage))
    assert [r.article.id for r in out] == [a.id for a in arts]
    assert dicts(out) == dicts([fake_result(a) for a in arts])


def test_chunking_does_not_change_the_output() -> None:
    arts = corpus(17)
    runs = [
        dicts(list(process(arts, batch_size=b, chunk_size=c, progress=False, stage=fake_stage)))
        for b, c in [(1, 1), (4, None), (5, 3), (64, 100)]
    ]
    assert all(run == runs[0] for run in runs)


def test_a_short_corpus_is_cut_into_enough_chunks_to_keep_workers_busy() -> None:
    seen: list[int] = []

    def stage(articles: Sequence[Article], *, batch_size: int) -> Iterator[ArticleResult]:
        seen.append(len(articles))
        yield from fake_stage(articles, batch_size=batch_size)

    out = list(process(corpus(40), batch_size=32, progress=False, stage=stage))
    assert len(out) == 40
    assert len(seen) >= 14 and max(seen) <= 3  # not one chunk of 40 for one worker
    seen.clear()
    list(process(iter(corpus(40)), batch_size=4, progress=False, stage=stage))
    assert seen[0] == 8  # length unknown: two batches a chunk


def test_accepts_a_generator_and_streams() -> None:
    consumed: list[str] = []

    def gen() -> Iterator[Article]:
        for a in corpus(50):
            consumed.append(a.id)
            yield a

    # without the theatre's second reading, which holds back the articles that name no country
    it = process(gen(), batch_size=2, chunk_size=4, progress=False, stage=fake_stage, theatre=False)
    first = next(it)
    assert first.article.id == "art-0000"
    assert len(consumed) < 50  # lazy: the corpus is not read up front
    assert len(list(it)) == 49


def test_failing_article_is_reported_and_the_run_goes_on() -> None:
    arts = corpus(12)
    bad = Article(id="broken-7", text="This FAIL text breaks the stage.")
    arts.insert(7, bad)
    errors: list[str] = []
    out = list(process(arts, batch_size=4, chunk_size=5, progress=False, errors=errors, stage=fake_stage))
    assert [r.article.id for r in out] == [a.id for a in arts if a is not bad]
    assert len(errors) == 1
    assert errors[0].startswith("broken-7: ValueError: cannot parse broken-7")
    assert "\n" not in errors[0]


def test_chunk_isolates_only_the_bad_article() -> None:
    arts = corpus(5)
    arts[2] = Article(id="x", text="FAIL here")
    outcome = process_chunk(arts, batch_size=8, stage=fake_stage)
    kinds = [type(item).__name__ for item in outcome.results]
    assert kinds == ["ArticleResult", "ArticleResult", "str", "ArticleResult", "ArticleResult"]


def test_two_worker_processes_give_identical_output() -> None:
    arts = corpus(40)
    arts.insert(13, Article(id="bad", text="FAIL"))
    e1: list[str] = []
    e2: list[str] = []
    one = list(process(arts, batch_size=3, progress=False, errors=e1, stage=fake_stage))
    two = list(process(arts, workers=2, batch_size=3, progress=False, errors=e2, stage=fake_stage))
    assert dicts(two) == dicts(one)
    assert e1 == e2 == ["bad: ValueError: cannot parse bad"]


@pytest.mark.parametrize(
    "options",
    [{"workers": 0}, {"batch_size": 0}, {"chunk_size": 0}, {"workers": 2, "dask": "tcp://127.0.0.1:1"}],
)
def test_bad_options_raise_mapper_error_at_call_time(options: dict) -> None:
    with pytest.raises(MapperError):
        process(corpus(2), progress=False, stage=fake_stage, **options)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    list(process(corpus(5), progress=True, stage=fake_stage))  # stderr captured: not a TTY
    assert capsys.readouterr().err == ""
    tty = _Tty()
    monkeypatch.setattr("sys.stderr", tty)
    list(process(corpus(5), progress=True, stage=fake_stage))
    assert "art/s" in tty.getvalue() and "5/5" in tty.getvalue()
    tty2 = _Tty()
    monkeypatch.setattr("sys.stderr", tty2)
    list(process(corpus(5), progress=False, stage=fake_stage))
    assert tty2.getvalue() == ""


# -- the real stages (geoparse + incidents) -------------------------------------------------

REAL = [
    Article(
        id="r1",
        text="A missile strike on Lyon killed three people on Tuesday, the mayor said. "
        "Firefighters worked through the night.",
        title="Strike on Lyon",
        date="2025-04-02",
    ),
    Article(id="r2", text="Diplomats from Norway and Chile met in Madrid to discuss a ceasefire.", date="2025-04-03"),
    Article(id="r3", text="", date="2025-04-03"),
    Article(id="r4", text="Drones hit a power station near Porto, leaving 2,000 homes without electricity."),
]


def test_real_stages_match_direct_calls() -> None:
    from mapper.geoparse import Geoparser
    from mapper.incidents import extract_incidents

    parser = Geoparser()
    expected = []
    for article in REAL:
        doc, toponyms = parser.parse(article)
        incidents = extract_incidents(article, doc, toponyms, gazetteer=getattr(parser, "gazetteer", None))
        expected.append(ArticleResult(article, list(toponyms), list(incidents)).to_dict())
    errors: list[str] = []
    out = list(process(REAL, batch_size=2, progress=False, errors=errors))
    assert errors == []
    assert dicts(out) == expected
    assert any(r["toponyms"] for r in expected)  # the test would be empty otherwise


@pytest.mark.slow
def test_real_stages_in_two_processes_match_local() -> None:
    local = dicts(list(process(REAL, batch_size=2, progress=False)))
    procs = dicts(list(process(REAL, workers=2, batch_size=1, chunk_size=1, progress=False)))
    assert procs == local


def _broken_setup_stage(articles: Sequence[Article], *, batch_size: int) -> Iterator[ArticleResult]:
    raise MapperError("gazetteer index missing")
    yield  # pragma: no cover


def test_a_broken_setup_stops_the_run_instead_of_failing_every_article() -> None:
    errors: list[str] = []
    with pytest.raises(MapperError, match="gazetteer index missing"):
        list(process(corpus(5), progress=False, errors=errors, stage=_broken_setup_stage))
    assert errors == []


def test_a_worker_process_runs_its_matrix_products_on_one_thread() -> None:
    import os
    import subprocess
    import sys

    code = (
        "import numpy\n"
        "from threadpoolctl import threadpool_info\n"
        "from mapper.pipeline import init_worker\n"
        "print(sorted({p['num_threads'] for p in threadpool_info()}))\n"
        "init_worker(stage=lambda articles, *, batch_size: iter(()))\n"
        "print(sorted({p['num_threads'] for p in threadpool_info()}))\n"
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "2", "MKL_NUM_THREADS": "2"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert run.stdout.split("\n")[:2] == ["[2]", "[1]"]


def test_articles_that_name_no_country_are_read_again_with_the_corpus_theatre() -> None:
    from _stages import THEATRE_READS, theatre_stage

    THEATRE_READS.clear()
    arts = [Article(id=f"mx{k}", text=f"shooting in MX, {k} dead") for k in range(12)]
    arts.insert(3, Article(id="zamora", text="Corpse found in Zamora"))
    arts.insert(5, Article(id="lone", text="talks in FR"))
    out = list(process(arts, batch_size=4, chunk_size=5, progress=False, stage=theatre_stage))
    assert [r.article.id for r in out] == [a.id for a in arts]  # input order kept
    zamora = next(r for r in out if r.article.id == "zamora")
    assert zamora.article.theatre == ("MX",) and zamora.toponyms[0].country_code == "MX"
    assert [i for i, theatre in THEATRE_READS if theatre] == ["zamora"]  # only the article that needed it
    THEATRE_READS.clear()
    few = list(process(arts[:6], batch_size=4, progress=False, stage=theatre_stage))
    assert next(r for r in few if r.article.id == "zamora").toponyms[0].country_code == "ES"  # no theatre yet
    assert all(not theatre for _, theatre in THEATRE_READS)


def test_worker_processes_start_once_for_the_corpus_and_its_theatre(monkeypatch: pytest.MonkeyPatch) -> None:
    import mapper.pipeline as pipeline
    from _stages import theatre_stage

    started: list[int] = []

    class CountedPool(pipeline.cf.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            started.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pipeline.cf, "ProcessPoolExecutor", CountedPool)
    arts = [Article(id=f"mx{k}", text=f"shooting in MX, {k} dead") for k in range(12)]
    arts.insert(3, Article(id="zamora", text="Corpse found in Zamora"))
    out = list(process(arts, workers=2, batch_size=4, chunk_size=5, progress=False, stage=theatre_stage))
    zamora = next(r for r in out if r.article.id == "zamora")
    assert zamora.toponyms[0].country_code == "MX"  # read again, with the theatre, by the same workers
    assert [r.article.id for r in out] == [a.id for a in arts]
    assert len(started) == 1
