"""Name keys for comparing places and people: case- and accent-folded text."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation and apostrophes dropped, spaces collapsed."""
    norm = unicodedata.normalize("NFKD", text)
    norm = "".join(c for c in norm if not unicodedata.combining(c)).casefold()
    norm = re.sub(r"[’'`ʼ]", "", norm)
    return re.sub(r"[^\w]+", " ", norm).strip()
