"""Incident extraction: what happened where, of which ACLED type, with weapons, casualties, sides,
damage, dates, participants and sources.

``extract_incidents(article, doc, toponyms)`` turns a parsed article and its
resolved toponyms into :class:`~mapper.model.Incident` records. One module per
concern: :mod:`.events` (event words, weapons), :mod:`.attach` (event -> place
through the parse), :mod:`.numbers` (killed, wounded, abducted, arrested),
:mod:`.actors` (acting and target side), :mod:`.history` (running totals,
past events), :mod:`.damage`, :mod:`.dates`, :mod:`.participants`,
:mod:`.sources`, :mod:`.lexicon` (the vocabulary in ``data/lexicon``), and the
three learned decisions: :mod:`.event_model` (ACLED type of an event word),
:mod:`.place_model` (the event's place), :mod:`.toll_model` (which figure is a toll).
"""

from __future__ import annotations

from mapper.incidents.extract import extract_incidents
from mapper.incidents.lexicon import Lexicon, load_lexicon

__all__ = ["extract_incidents", "load_lexicon", "Lexicon"]
