"""Headers that open a line of news copy: datelines and live-blog time stamps.

"MOSCOW, Nov 16 (AP) - Russian air defences ..." and "09:40 GMT - Kyiv's mayor said ..."
start with a header that tells where and when the copy was filed. Its words are no
source, no participant and no date of an event; the parser often hangs them on the
sentence's verb, so they are cut off by position instead.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

__all__ = ["header_end"]

_DASHES = frozenset({"\u2014", "\u2013", "-", "--"})
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")  # 08:40, 14.05
_MAX_TOKENS = 13


def header_end(sent: Span) -> int:
    """Doc index of the first token after the header that opens ``sent``, else ``sent.start``.

    A header is a short opening (at most 12 tokens, no verb) that ends with a dash set off by
    spaces and starts with a capitalised name or a clock time ("KYIV, April 14 (Reuters) -",
    "GOMA (Reuters) -", "09:40 GMT -", "GMT -" when the sentence splitter cut off the time).
    A one-word opening must be written in capitals or be a clock time ("Hamas - the group
    that ... -" is no header).

    Parameters
    ----------
    sent : spacy.tokens.Span

    Returns
    -------
    int
    """
    doc = sent.doc
    first = sent.start
    for k in range(first, min(sent.end, first + _MAX_TOKENS)):
        tok = doc[k]
        if tok.text not in _DASHES:
            continue
        if k == first or not tok.whitespace_ or not doc[k - 1].whitespace_:
            return first
        opening = doc[first:k]
        if any(t.pos_ in {"VERB", "AUX"} and not t.is_upper for t in opening):
            return first
        lead = doc[first]
        clock = bool(_CLOCK.match(lead.text))
        if not (clock or lead.pos_ == "PROPN" or lead.is_upper):
            return first
        if len(opening) == 1 and not (clock or (lead.is_upper and len(lead.text) > 1)):
            return first
        return k + 1
    return first
