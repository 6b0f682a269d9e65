"""The Dask path: a LocalCluster on 127.0.0.1 gives the same output as the local path."""

from __future__ import annotations

from collections.abc import Iterator

import distributed
import pytest

from _stages import fake_stage
from mapper.model import Article, MapperError
from mapper.pipeline import process
from test_pipeline import REAL, corpus, dicts



@pytest.fixture(scope="module")
def threaded_cluster() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        host="127.0.0.1",
        protocol="tcp://",  # inproc:// (the default without processes) rejects a host
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def process_cluster() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_equals_local_with_errors(threaded_cluster: str) -> None:
    arts = corpus(30)
    arts.insert(4, Article(id="bad", text="FAIL now"))
    e_local: list[str] = []
    e_dask: list[str] = []
    local = list(process(arts, batch_size=3, progress=False, errors=e_local, stage=fake_stage))
    remote = list(process(arts, dask=threaded_cluster, batch_size=3, progress=False, errors=e_dask, stage=fake_stage))
    assert dicts(remote) == dicts(local)
    assert [r.article.id for r in remote] == [a.id for a in arts if a.id != "bad"]
    assert e_dask == e_local == ["bad: ValueError: cannot parse bad"]


def test_identical_chunks_are_all_computed(threaded_cluster: str) -> None:
    same = [Article(id="dup", text="A strike hit Aldmoor.")] * 6
    out = list(process(same, dask=threaded_cluster, batch_size=1, chunk_size=1, progress=False, stage=fake_stage))
    assert len(out) == 6


def test_worker_processes_unpickle_the_work(process_cluster: str) -> None:
    arts = corpus(9)
    local = dicts(list(process(arts, progress=False, stage=fake_stage)))
    remote = dicts(list(process(arts, dask=process_cluster, chunk_size=2, progress=False, stage=fake_stage)))
    assert remote == local


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "not-an-address", "http://127.0.0.1:9"])
def test_unreachable_scheduler_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, address: str) -> None:
    monkeypatch.setattr("mapper.pipeline.DASK_CONNECT_TIMEOUT", "1s")
    with pytest.raises(MapperError, match="cannot connect to the Dask scheduler") as info:
        list(process(corpus(2), dask=address, progress=False, stage=fake_stage))
    assert "\n" not in str(info.value)


@pytest.mark.slow
def test_real_stages_on_dask_equal_local(process_cluster: str) -> None:
    local = dicts(list(process(REAL, batch_size=2, progress=False)))
    remote = dicts(list(process(REAL, dask=process_cluster, batch_size=2, chunk_size=2, progress=False)))
    assert remote == local
