"""Where mapper reads its data and keeps its caches (mapper.paths), and the map's element ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from mapper import paths


def test_data_is_the_repository_folder_in_a_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAPPER_DATA", raising=False)
    assert paths.data_dir() == ROOT / "data"
    assert paths.data_file("geoparse", "feature_types.tsv").is_file()


def test_mapper_data_overrides_and_a_missing_file_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAPPER_DATA", str(tmp_path))
    assert paths.data_dir("lexicon") == tmp_path / "lexicon"
    with pytest.raises(FileNotFoundError, match="MAPPER_DATA"):
        paths.data_file("geoparse", "feature_types.tsv")


def test_cache_folder_follows_mapper_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAPPER_CACHE", str(tmp_path))
    assert paths.cache_dir("x.pkl") == tmp_path / "x.pkl"
    assert paths.models_dir() == ROOT / "mapper" / "models"


def test_a_derived_value_is_made_once_and_made_again_when_its_copy_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAPPER_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "shapes.geojson"
    source.write_text("{}", encoding="utf-8")
    calls: list[Path] = []

    def make(path: Path) -> dict[str, int]:
        calls.append(path)
        return {"n": len(calls)}

    assert paths.cached(source, "test", make) == {"n": 1}
    assert paths.cached(source, "test", make) == {"n": 1}  # read back, not made again
    (copy,) = (tmp_path / "cache").glob("shapes-*.test.pkl")
    copy.write_bytes(b"not a pickle")
    assert paths.cached(source, "test", make) == {"n": 2}
    assert calls == [source, source]


def test_element_ids_are_numbered_in_tree_order() -> None:
    from branca.element import Element, Figure

    from mapper.webmap.assets import element_ids, number_ids

    fig = Figure()
    a, b = Element(), Element()
    fig.add_child(a)
    a.add_child(b)
    fig_id, a_id, b_id = (e.to_dict()["id"] for e in (fig, a, b))
    ids = element_ids(fig)
    assert ids == [fig_id, a_id, b_id]
    page = f"var x_{b_id} = 1; <div id='{a_id}'></div> {b_id}"
    assert number_ids(page, ids) == f"var x_{3:032x} = 1; <div id='{2:032x}'></div> {3:032x}"
