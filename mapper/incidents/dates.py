"""Resolve date expressions of a sentence against the article date.

Rules (all relative to the article date ``D``):

* a weekday ("on Wednesday", "in the early hours of Wednesday") is the most
  recent such day on or before ``D`` for past events, and the next such day on
  or after ``D`` when the clause speaks of the future ("will", "due to",
  "scheduled", "expected", "next") -- precision ``day``;
* "overnight", "last night", "yesterday" are ``D - 1``: a night is dated by the
  evening it began, and news of a night attack appears the morning after;
  "today", "this morning" are ``D`` -- precision ``day``;
* "March 3" / "3 March" (with or without a year) -- precision ``day``;
  a month alone ("in March", "early March", "late last year") -- precision
  ``month`` (or ``year``), dated to the first day of that month. The year is
  the article year, moved back one year for a past month that lies after ``D``
  and forward one year for a future month that lies before it;
* "last week" -> ``D - 7`` (precision ``week``), "last month" / "last year".

Without an article date only explicit dates with a year resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from mapper.incidents.lexicon import Lexicon

__all__ = ["DateMention", "find_dates", "parse_article_date"]

_YEAR = re.compile(r"^(19|20)\d\d$")
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date expression.

    Attributes
    ----------
    i : int
        Doc index of the expression's main token.
    date : str
        ``YYYY-MM-DD`` (first day of the month/year for coarser precision).
    precision : str
        ``day``, ``week``, ``month`` or ``year``.
    text : str
        The expression as written.
    """

    i: int
    date: str
    precision: str
    text: str


def parse_article_date(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) -> date; None when missing or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _is_future(tok: Token, lex: Lexicon) -> bool:
    """True when the clause around ``tok`` speaks of the future."""
    markers = {m for m in lex.future_markers if " " not in m}
    phrases = [m for m in lex.future_markers if " " in m]
    x = tok
    seen = 0
    while seen < 8:
        for c in (x, *x.children):
            if c.lower_ in markers or c.lemma_.lower() in markers or (c.dep_ == "aux" and c.lower_ in _FUTURE_AUX):
                if c.tag_ not in {"VBD"} or c.lower_ in markers:
                    return True
        if x.head.i == x.i:
            break
        x = x.head
        seen += 1
    sent_text = tok.sent.text.lower()
    return any(p in sent_text for p in phrases) and not any(
        c.tag_ == "VBD" and c.lemma_ not in {"be", "say"} for c in tok.sent if c.dep_ == "ROOT"
    )


def _weekday(tok: Token, target: int, base: dt.date, lex: Lexicon) -> dt.date:
    if _is_future(tok, lex):
        return base + dt.timedelta(days=(target - base.weekday()) % 7)
    return base - dt.timedelta(days=(base.weekday() - target) % 7)


def _month_year(month: int, base: dt.date, *, future: bool) -> int:
    if future:
        return base.year + 1 if month < base.month else base.year
    return base.year - 1 if month > base.month else base.year


def _num(tok: Token) -> int | None:
    t = re.sub(r"(st|nd|rd|th)$", "", tok.lower_)
    return int(t) if t.isdigit() else None


def find_dates(sent: Span, article_date: dt.date | None, lex: Lexicon) -> list[DateMention]:
    """Date expressions of a sentence, resolved to calendar dates.

    Parameters
    ----------
    sent : spacy.tokens.Span
    article_date : datetime.date or None
        The article's publication date (relative expressions need it).
    lex : Lexicon

    Returns
    -------
    list[DateMention]
        In text order.
    """
    out: list[DateMention] = []
    doc = sent.doc
    used: set[int] = set()
    for tok in sent:
        low = tok.lower_
        if tok.i in used:
            continue
        if low in lex.weekdays and tok.pos_ in {"PROPN", "NOUN"} and article_date is not None:
            d = _weekday(tok, lex.weekdays[low], article_date, lex)
            out.append(DateMention(tok.i, d.isoformat(), "day", tok.text))
            continue
        if low in lex.months and tok.is_title and (low != "may" or tok.pos_ == "PROPN"):
            month = lex.months[low]
            day = None
            year = None
            window = list(doc[max(sent.start, tok.i - 2): min(sent.end, tok.i + 4)])
            nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
            prv = doc[tok.i - 1] if tok.i - 1 >= sent.start else None
            if nxt is not None and (_num(nxt) or 0) in range(1, 32) and not _YEAR.match(nxt.text):
                day = _num(nxt)
                used.add(nxt.i)
            elif prv is not None and (_num(prv) or 0) in range(1, 32):
                day = _num(prv)
            for w in window:
                if _YEAR.match(w.text) and w.i > tok.i:
                    year = int(w.text)
                    used.add(w.i)
                    break
            if year is None:
                if article_date is None:
                    continue
                year = _month_year(month, article_date, future=_is_future(tok, lex))
            if day is not None:
                try:
                    d = dt.date(year, month, day)
                except ValueError:
                    continue
                out.append(DateMention(tok.i, d.isoformat(), "day", doc[min(tok.i, prv.i if prv is not None and _num(prv) == day else tok.i): tok.i + 2].text))
            else:
                part = ""
                for w in doc[max(sent.start, tok.i - 4): tok.i]:
                    if w.lower_ in lex.month_parts:
                        part = w.lower_ + " "
                out.append(DateMention(tok.i, dt.date(year, month, 1).isoformat(), "month", f"{part}{tok.text}"))
            continue
    if article_date is not None:
        text = sent.text.lower()
        for phrase, delta in sorted(lex.relative_days.items(), key=lambda kv: -len(kv[0])):
            for m in re.finditer(rf"\b{re.escape(phrase)}\b", text):
                span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
                if span is None or any(t.i in used for t in span):
                    continue
                used.update(t.i for t in span)
                d = article_date + dt.timedelta(days=delta)
                out.append(DateMention(span.root.i, d.isoformat(), "day", span.text))
        for m in re.finditer(r"\bnext (week|month)\b", text):
            span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is None:
                continue
            if m.group(1) == "week":
                out.append(DateMention(span.root.i, (article_date + dt.timedelta(days=7)).isoformat(), "week", span.text))
            else:
                first = (article_date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                out.append(DateMention(span.root.i, first.isoformat(), "month", span.text))
        for m in re.finditer(r"\blast (week|month|year)\b", text):
            span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is None:
                continue
            unit = m.group(1)
            if unit == "week":
                out.append(DateMention(span.root.i, (article_date - dt.timedelta(days=7)).isoformat(), "week", span.text))
            elif unit == "month":
                first = article_date.replace(day=1) - dt.timedelta(days=1)
                out.append(DateMention(span.root.i, first.replace(day=1).isoformat(), "month", span.text))
            else:
                out.append(DateMention(span.root.i, dt.date(article_date.year - 1, 1, 1).isoformat(), "year", span.text))
    return sorted(out, key=lambda d: d.i)
