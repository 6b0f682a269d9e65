"""Where mapper finds its curated data files (``data/`` at the project root).

``$MAPPER_DATA`` overrides the folder, e.g. for a non-editable install that
keeps the project's ``data/`` elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(*parts: str) -> Path:
    """The data folder (or a sub-path of it)."""
    base = os.environ.get("MAPPER_DATA")
    root = Path(base) if base else Path(__file__).resolve().parents[1] / "data"
    return root.joinpath(*parts)
