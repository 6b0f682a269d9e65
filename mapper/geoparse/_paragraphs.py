"""A blank line ends a sentence: a spaCy component that runs before the parser.

The statistical parser splits sentences by itself and sometimes runs one on
across a paragraph break ("... he said on Telegram.\n\n10:02 Officials in
Odesa say ..."), so that a place and a toll from two items of a live blog end
up in one sentence. The parser keeps sentence starts that are set before it
runs; this component sets one after every whitespace token holding a blank line.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("mapper_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """Mark the first token after a blank line as the start of a sentence."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc
