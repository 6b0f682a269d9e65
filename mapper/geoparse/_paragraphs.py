"""A blank line, or a semicolon before a clause, ends a sentence: a spaCy component that runs
before the parser.

The statistical parser splits sentences by itself and sometimes runs one on
across a paragraph break ("... he said on Telegram.\n\n10:02 Officials in
Odesa say ..."), so that a place and a toll from two items of a live blog end
up in one sentence. The parser keeps sentence starts that are set before it
runs; this component sets one after every whitespace token holding a blank line.

A semicolon that joins two clauses ("... were found dead after a raid on X village;
some of the bodies were burned") lets the small parser hang the first clause under
the second one's verb, so that the killing reads as a clause of the burning. The
tagger has run, so a semicolon followed by a finite verb before the next semicolon
starts a sentence; one in a list of names ("Kharkiv; Sumy; Odesa") does not.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("mapper_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """Mark the first token after a blank line, or after a semicolon before a clause, as the start
    of a sentence."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
        elif tok.text == ";" and _clause_after(doc, tok.i + 1):
            doc[tok.i + 1].is_sent_start = True
    return doc


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CLAUSE_ENDS = frozenset({";", ".", "!", "?"})


def _clause_after(doc: Doc, start: int) -> bool:
    """Whether a finite verb follows ``start`` before the next semicolon, full stop or line break."""
    for tok in doc[start:]:
        if tok.text in _CLAUSE_ENDS or "\n" in tok.text:
            return False
        if tok.tag_ in _FINITE:
            return True
    return False
