"""Build toponyms from a hand-made name -> Place table (tests, benchmarks, no geoparser).

Every whole-word, case-sensitive occurrence of a table name in the text becomes a
:class:`~mapper.model.Toponym` with its sentence index, longest names first.
"""

from __future__ import annotations

import re
from typing import Mapping

from spacy.tokens import Doc

from mapper.model import Place, Toponym

__all__ = ["toponyms_from_table"]


def toponyms_from_table(doc: Doc, table: Mapping[str, Place]) -> list[Toponym]:
    """Toponyms for every occurrence of a table name in ``doc.text``.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed text (sentences needed).
    table : mapping of str to Place
        Name as written -> place.

    Returns
    -------
    list[Toponym]
        In text order.
    """
    starts = [s.start_char for s in doc.sents]
    taken: set[int] = set()
    out: list[Toponym] = []
    for name in sorted(table, key=len, reverse=True):
        place = table[name]
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text):
            if any(k in taken for k in range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            sentence = max(i for i, s in enumerate(starts) if s <= m.start())
            out.append(Toponym(m.start(), m.end(), name, place.lat, place.lon, place.geonameid, place.feature_code,
                               place.country_code, place.admin1, "context", 1.0, "table", place, sentence))
    return sorted(out, key=lambda t: t.start)
