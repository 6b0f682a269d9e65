"""Where mapper reads its data and keeps its caches: the one place that knows.

Curated data (``data/`` in the repository) ships inside the wheel as
``mapper/data``; in a source checkout or an editable install it is read from
the repository's ``data/``. ``$MAPPER_DATA`` points elsewhere. Small trained
models live in ``mapper/models`` (package data too). Derived files (the
gazetteer index, simplified boundaries, compiled templates) go to the cache
folder, ``$MAPPER_CACHE`` or ``~/.cache/mapper``. Every path is worked out when
asked for, never at import time, so a changed environment variable counts.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_dir", "cached", "data_dir", "data_file", "models_dir"]

_T = TypeVar("_T")


def data_dir(*parts: str) -> Path:
    """The data folder, or a path inside it (``data_dir("lexicon")``).

    Parameters
    ----------
    *parts : str
        Path parts below the data folder.

    Returns
    -------
    Path
        ``$MAPPER_DATA`` when set; else ``mapper/data`` of an installed wheel;
        else ``data/`` beside the package (a source checkout).
    """
    env = os.environ.get("MAPPER_DATA")
    if env:
        root = Path(env).expanduser()
    else:
        package = Path(__file__).resolve().parent
        root = package / "data"
        if not root.is_dir():
            root = package.parent / "data"
    return root.joinpath(*parts)


def data_file(*parts: str) -> Path:
    """A file of the data folder, with a clear error when it is missing.

    Raises
    ------
    FileNotFoundError
        Naming the data folder and ``$MAPPER_DATA``, so a broken install says
        what is missing rather than failing somewhere later.
    """
    path = data_dir(*parts)
    if not path.is_file():
        raise FileNotFoundError(
            f"mapper data file {path} is missing (data folder {data_dir()}; set MAPPER_DATA to override)"
        )
    return path


def models_dir(*parts: str) -> Path:
    """The folder of small trained models shipped with the package (``mapper/models``)."""
    return Path(__file__).resolve().parent.joinpath("models", *parts)


def cache_dir(*parts: str) -> Path:
    """The cache folder, ``$MAPPER_CACHE`` or ``~/.cache/mapper`` (or a path inside it)."""
    env = os.environ.get("MAPPER_CACHE")
    root = Path(env).expanduser() if env else Path.home() / ".cache" / "mapper"
    return root.joinpath(*parts)


def cached(source: Path, what: str, make: Callable[[Path], _T]) -> _T:
    """``make(source)``, kept as a pickle in the cache folder until ``source`` changes.

    The copy is named after the source file, its size and modification time
    and ``what`` (``admin1-5378469-1796596755.wkb.pkl``), so a changed or
    reinstalled file is read again. A copy that cannot be read (none yet, or
    one written by other library versions) is made again; a read-only cache
    folder only costs speed.

    Parameters
    ----------
    source : Path
        The file the value is derived from.
    what : str
        What is derived (and, where it matters, with which library version).
    make : callable
        Reads ``source`` and returns the value (picklable).
    """
    st = source.stat()
    copy = cache_dir(f"{source.name.partition('.')[0]}-{st.st_size}-{int(st.st_mtime)}.{what}.pkl")
    try:
        with open(copy, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - any unreadable copy is made again
        pass
    value = make(source)
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        tmp = copy.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(copy)
    except OSError:
        pass
    return value
