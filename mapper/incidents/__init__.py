"""Incident extraction: what happened where, with weapons, casualties, damage, dates, participants and sources.

``extract_incidents(article, doc, toponyms)`` turns a parsed article and its
resolved toponyms into :class:`~mapper.model.Incident` records. One module per
concern: :mod:`.events` (triggers, ACLED typing), :mod:`.attach` (event -> place
through the parse), :mod:`.numbers` (killed/wounded), :mod:`.damage`,
:mod:`.dates`, :mod:`.participants`, :mod:`.sources`, :mod:`.lexicon` (the
vocabulary in ``data/lexicon``).
"""

from __future__ import annotations

from mapper.incidents.extract import extract_incidents
from mapper.incidents.lexicon import Lexicon, load_lexicon

__all__ = ["extract_incidents", "load_lexicon", "Lexicon"]
