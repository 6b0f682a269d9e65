"""Run the stages over many articles: in this process, in worker processes, or on Dask.

:func:`process` feeds articles through geoparsing (batched ``nlp.pipe`` via
:meth:`mapper.geoparse.Geoparser.pipe`) and incident extraction, and yields one
:class:`~mapper.model.ArticleResult` per article **in input order**. The work is
cut into chunks; each chunk goes through one picklable function,
:func:`process_chunk`, wherever it runs:

- ``workers=1``: in this process;
- ``workers=N``: in ``N`` worker processes (``concurrent.futures``, spawn), each
  building its :class:`~mapper.geoparse.Geoparser` once;
- ``dask="tcp://host:port"``: on an existing Dask distributed cluster
  (``distributed.Client``), each worker process building its Geoparser once.

Only :class:`~mapper.model.Article` and :class:`~mapper.model.ArticleResult`
records (in a :class:`ChunkOutcome`) cross process boundaries; spaCy ``Doc``
objects stay where they were made. Chunks are cut at the same places on every
path and a parser's output does not depend on what it parsed before, so the
output is the same whichever path ran it. An article that fails is reported in
``errors`` (one line: id and reason) and the run goes on; a
:class:`~mapper.model.MapperError` (a broken setup, not a bad article) stops it.
Before local workers start, the gazetteer index is built once in this process
if its cache is cold, so the workers do not all build it at the same time.
The articles that name no country and place a town outside the countries the
corpus is about, or tell an incident they could not place, are then read again,
the same way and by the same workers, with those countries (:mod:`mapper.theatre`).
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import gc
import itertools
import logging
import multiprocessing
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from mapper.model import Article, ArticleResult, MapperError

__all__ = ["ChunkOutcome", "Stage", "default_chunk_size", "default_stage", "process", "process_chunk"]

CHUNKS_OF_A_SHORT_CORPUS = 16  # a corpus of known length is cut into at least this many chunks

log = logging.getLogger(__name__)

#: how long to wait for a Dask scheduler to answer
DASK_CONNECT_TIMEOUT = "10s"


class Stage(Protocol):
    """Turns a batch of articles into results, in order (the NLP work of the pipeline)."""

    def __call__(self, articles: Sequence[Article], *, batch_size: int) -> Iterator[ArticleResult]: ...


@dataclass(frozen=True, slots=True)
class ChunkOutcome:
    """What one chunk gives back: a result or an error line per article, in order."""

    results: list[ArticleResult | str]


# -- the real stage: one Geoparser per process ------------------------------------------

_PARSER: Any = None
_PARSER_LOCK = threading.Lock()


def _parser() -> Any:
    """The process-wide Geoparser (built on first use, then reused)."""
    global _PARSER
    if _PARSER is None:
        from mapper.geoparse import Geoparser

        _PARSER = Geoparser()
    return _PARSER


def default_stage(articles: Sequence[Article], *, batch_size: int) -> Iterator[ArticleResult]:
    """Geoparse (batched ``nlp.pipe``) and extract incidents for ``articles``, in order.

    Parameters
    ----------
    articles : sequence of Article
        One chunk of articles.
    batch_size : int
        ``nlp.pipe`` batch size.

    Yields
    ------
    ArticleResult
        One per article, in input order. Threads of one process (Dask workers
        with several threads) take turns: a spaCy pipeline is not shared
        concurrently.
    """
    from mapper.incidents import extract_incidents

    with _PARSER_LOCK:
        parser = _parser()
        gazetteer = getattr(parser, "gazetteer", None)
        for article, doc, toponyms in parser.pipe(articles, batch_size=batch_size):
            incidents = extract_incidents(article, doc, toponyms, gazetteer=gazetteer)
            yield ArticleResult(article=article, toponyms=list(toponyms), incidents=list(incidents))


def init_worker(stage: Stage | None = None) -> None:
    """Worker initialiser: one BLAS thread, and the Geoparser built before the first chunk arrives.

    Each worker process is one of ``workers`` processes sharing the cores, so
    its matrix products run on one thread: two processes with a thread per
    core each would only fight over the cores. A failure to build the
    Geoparser is left to the first chunk, which raises it where the caller
    sees it (an initialiser that raises only breaks the pool).

    Parameters
    ----------
    stage : Stage or None
        The stage the workers run; ``None`` (the default) is
        :func:`default_stage`, whose Geoparser is built here.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)
    if stage is None:
        try:
            _parser()
        except Exception:  # noqa: BLE001 - re-raised by process_chunk
            pass


# -- one chunk ---------------------------------------------------------------------------


def _error_line(article: Article, exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    reason = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return f"{article.id}: {reason}"


def process_chunk(
    articles: Sequence[Article], *, batch_size: int = 32, stage: Stage | None = None
) -> ChunkOutcome:
    """Process one chunk of articles; the unit of work sent to processes and Dask.

    The chunk goes through ``stage`` in one batched pass. If that pass fails,
    the results before the failure are kept and the rest of the chunk is
    processed one article at a time, so only the article at fault is lost.
    A :class:`MapperError` (a broken setup, such as a missing gazetteer, not
    a bad article) stops the run instead.

    Parameters
    ----------
    articles : sequence of Article
        The chunk.
    batch_size : int
        ``nlp.pipe`` batch size.
    stage : Stage, optional
        The NLP work (default :func:`default_stage`); must be picklable to run
        in other processes.

    Returns
    -------
    ChunkOutcome
        Per article, in order, an :class:`ArticleResult` or a one-line error.
    """
    run: Stage = stage or default_stage
    articles = list(articles)
    out: list[ArticleResult | str] = []
    try:
        for result in run(articles, batch_size=batch_size):
            out.append(result)
    except MapperError:
        raise
    except Exception:  # noqa: BLE001 - isolate the failing article below
        pass
    else:
        if len(out) == len(articles):
            return ChunkOutcome(out)
    for article in articles[len(out) :]:
        try:
            (result,) = list(run([article], batch_size=1))
        except MapperError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            out.append(_error_line(article, exc))
        else:
            out.append(result)
    return ChunkOutcome(out)


# -- orchestration -----------------------------------------------------------------------


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _progress_bar(total: int | None, enabled: bool) -> Any:
    from tqdm import tqdm

    show = enabled and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    return tqdm(total=total, unit="art", desc="articles", file=sys.stderr, disable=not show, smoothing=0.1)


def _ordered(submit: Callable[[list[Article]], Any], wait: Callable[[Any], ChunkOutcome],
             chunks: Iterator[list[Article]], window: int) -> Iterator[ChunkOutcome]:
    """Submit chunks with at most ``window`` in flight; yield outcomes in submission order."""
    pending: collections.deque[Any] = collections.deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield wait(pending.popleft())
    while pending:
        yield wait(pending.popleft())


def _local(chunks: Iterator[list[Article]], *, batch_size: int, stage: Stage | None) -> Iterator[ChunkOutcome]:
    for chunk in chunks:
        yield process_chunk(chunk, batch_size=batch_size, stage=stage)


def _build_shared_cache(*, progress: bool) -> None:
    """Make sure the gazetteer index is cached on disk before workers start.

    On a cold cache every worker would otherwise build the same index at once
    (minutes of CPU each); built here once, the workers only load it.
    """
    from mapper.gazetteer import Gazetteer

    Gazetteer.load(progress=progress)


def _in_pool(*, workers: int, stage: Stage | None, progress: bool,
             body: Callable[[cf.ProcessPoolExecutor], Iterator[ArticleResult]]) -> Iterator[ArticleResult]:
    """``body``'s results, computed by a pool of ``workers`` processes started once for the run
    (the corpus and its theatre's second reading share it: a worker takes seconds to start)."""
    if stage is None:
        _build_shared_cache(progress=progress)
    context = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=init_worker, initargs=(stage,))
    try:
        yield from body(pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _processes(
    chunks: Iterator[list[Article]], *, pool: cf.ProcessPoolExecutor, workers: int, batch_size: int,
    stage: Stage | None
) -> Iterator[ChunkOutcome]:
    def submit(chunk: list[Article]) -> cf.Future[ChunkOutcome]:
        return pool.submit(process_chunk, chunk, batch_size=batch_size, stage=stage)

    def wait(future: cf.Future[ChunkOutcome]) -> ChunkOutcome:
        try:
            return future.result()
        except cf.process.BrokenProcessPool:
            raise MapperError("a worker process died (out of memory?); try fewer --workers") from None

    yield from _ordered(submit, wait, chunks, window=2 * workers)


def _dask(
    chunks: Iterator[list[Article]], *, address: str, batch_size: int, stage: Stage | None
) -> Iterator[ChunkOutcome]:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - distributed is a dependency
        raise MapperError("--dask needs the 'distributed' package") from None
    detail: str | None = None
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
    except Exception as exc:  # noqa: BLE001 - distributed raises many kinds for a bad address
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        detail = f" ({first})" if first else ""
    if detail is not None:
        # Finalise the half-built Client now: left to a later garbage collection, its
        # __del__ can run inside the next Client's start-up and deadlock there.
        gc.collect()
        raise MapperError(f"cannot connect to the Dask scheduler at {address}{detail}")
    try:
        threads = sum(client.nthreads().values()) or 1
        run_id = uuid.uuid4().hex[:12]
        counter = itertools.count()

        def submit(chunk: list[Article]) -> Any:
            # a unique key per chunk: identical chunks must not be served from Dask's cache
            key = f"mapper-chunk-{run_id}-{next(counter)}"
            return client.submit(process_chunk, chunk, batch_size=batch_size, stage=stage, key=key, pure=False)

        def wait(future: Any) -> ChunkOutcome:
            try:
                return future.result()
            finally:
                future.release()

        yield from _ordered(submit, wait, chunks, window=2 * threads)
    finally:
        client.close()


def process(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    dask: str | None = None,
    batch_size: int = 32,
    chunk_size: int | None = None,
    progress: bool = True,
    errors: list[str] | None = None,
    stage: Stage | None = None,
    theatre: bool = True,
) -> Iterator[ArticleResult]:
    """Geoparse and extract incidents from many articles.

    Parameters
    ----------
    articles : iterable of Article
        The corpus; consumed lazily (a generator from ``iter_articles`` works).
    workers : int
        Worker processes on this machine (1: run in this process).
    dask : str, optional
        Address of an existing Dask scheduler (``"tcp://host:8786"``); the
        chunks run on its workers instead of local processes.
    batch_size : int
        Articles per ``nlp.pipe`` batch.
    chunk_size : int, optional
        Articles sent to a worker at a time (default: ``2 * batch_size``, or
        less for a short corpus of known length; see :func:`default_chunk_size`).
    progress : bool
        Show a progress bar with articles/s on stderr (only on a terminal).
    errors : list of str, optional
        Receives one line per article that failed (``"<id>: <reason>"``);
        without it failures are logged as warnings.
    stage : Stage, optional
        The per-article NLP work; default geoparse + incidents. Meant for tests
        and benchmarks; must be picklable for ``workers > 1`` or ``dask``.
    theatre : bool
        Read again, with the countries the corpus is about, the articles that name no
        country and place outside them a town they may move (:func:`mapper.theatre.needs_theatre`). Their results, and
        those after the first of them, come once the whole corpus is read.

    Yields
    ------
    ArticleResult
        One per article that did not fail, in input order; identical whichever
        of the three ways ran it.

    Raises
    ------
    MapperError
        On bad options, an unreachable Dask scheduler or a dead worker.
    """
    if workers < 1:
        raise MapperError(f"--workers must be at least 1 (got {workers})")
    if batch_size < 1:
        raise MapperError(f"batch size must be at least 1 (got {batch_size})")
    if chunk_size is not None and chunk_size < 1:
        raise MapperError(f"chunk size must be at least 1 (got {chunk_size})")
    if dask is not None and workers > 1:
        raise MapperError("use either --workers or --dask, not both")
    total = len(articles) if isinstance(articles, Sequence) else None
    size = chunk_size or default_chunk_size(total, batch_size=batch_size)

    def read(pool: cf.ProcessPoolExecutor | None) -> Iterator[ArticleResult]:
        results = _run(articles, total=total, workers=workers, pool=pool, dask=dask, batch_size=batch_size,
                       size=size, progress=progress, errors=errors, stage=stage)
        if not theatre:
            return results

        def again(redo: list[Article]) -> Iterator[ArticleResult]:
            return _run(redo, total=len(redo), workers=workers, pool=pool, dask=dask, batch_size=batch_size,
                        size=default_chunk_size(len(redo), batch_size=batch_size), progress=False, errors=[],
                        stage=stage)

        return _with_theatre(results, again=again)

    if dask is None and workers > 1:
        return _in_pool(workers=workers, stage=stage, progress=progress, body=read)
    return read(None)


def _with_theatre(results: Iterator[ArticleResult], *,
                  again: Callable[[list[Article]], Iterator[ArticleResult]]) -> Iterator[ArticleResult]:
    """``results`` in order, those that need the corpus's theatre read again with it.

    A result that names no country waits (and every one after it, to keep the order) until
    the corpus is read and its theatre known (:func:`mapper.theatre.theatre_of`); an article
    the second reading fails on keeps its first result.
    """
    from mapper.theatre import needs_theatre, placed_countries, stated_countries, theatre_of, unplaced

    named: list[tuple[frozenset[str], frozenset[str]]] = []
    pending: list[ArticleResult] = []
    for r in results:
        named.append((stated_countries(r), placed_countries(r)))
        if pending or (not named[-1][0] and (r.toponyms or unplaced(r))):
            pending.append(r)
        else:
            yield r
    where = theatre_of(named)
    redo = [replace(r.article, theatre=tuple(sorted(where))) for r in pending if needs_theatre(r, where)]
    better = {(r.article.id, r.article.text): r for r in again(redo)} if redo else {}
    for r in pending:
        yield better.get((r.article.id, r.article.text), r)


def default_chunk_size(total: int | None, *, batch_size: int) -> int:
    """Articles per chunk: two batches, or a sixteenth of a short corpus.

    Workers take chunks as they finish; the last chunks decide when the run
    ends, so a corpus of 150 articles in chunks of 64 would keep one of two
    workers idle for a third of the run. The size depends on the corpus only,
    not on the number of workers, so every path cuts the same chunks.
    """
    size = 2 * batch_size
    if total is not None:
        size = min(size, -(-total // CHUNKS_OF_A_SHORT_CORPUS))
    return max(1, size)


def _run(
    articles: Iterable[Article],
    *,
    total: int | None,
    workers: int,
    pool: cf.ProcessPoolExecutor | None,
    dask: str | None,
    batch_size: int,
    size: int,
    progress: bool,
    errors: list[str] | None,
    stage: Stage | None,
) -> Iterator[ArticleResult]:
    chunks = _chunks(articles, size)
    if dask is not None:
        outcomes = _dask(chunks, address=dask, batch_size=batch_size, stage=stage)
    elif pool is not None:
        outcomes = _processes(chunks, pool=pool, workers=workers, batch_size=batch_size, stage=stage)
    else:
        outcomes = _local(chunks, batch_size=batch_size, stage=stage)
    bar = _progress_bar(total, progress)
    try:
        for outcome in outcomes:
            for item in outcome.results:
                if isinstance(item, str):
                    if errors is not None:
                        errors.append(item)
                    else:
                        log.warning("skipped article %s", item)
                else:
                    yield item
            bar.update(len(outcome.results))
    finally:
        bar.close()
        if hasattr(outcomes, "close"):
            outcomes.close()
