"""Resolve date expressions of a sentence against the article date.

Rules (all relative to the article date ``D``):

* a weekday ("on Wednesday", "in the early hours of Wednesday") is the most
  recent such day on or before ``D`` for past events, and the next such day on
  or after ``D`` when the clause speaks of the future ("will", "due to",
  "scheduled", "expected", "next") -- precision ``day``;
* "overnight", "last night", "yesterday" are ``D - 1``: a night is dated by the
  evening it began, and news of a night attack appears the morning after; so
  "overnight into Sunday" and "the night of 10 to 11 March" are the evening's date;
  "last Thursday" written on a Thursday is a week before;
  "today", "this morning" are ``D`` -- precision ``day``;
* "March 3" / "3 March" (with or without a year) -- precision ``day``;
  a month alone ("in March", "early March", "late last year") -- precision
  ``month`` (or ``year``), dated to the first day of that month. The year is
  the article year, moved back one year for a past month that lies after ``D``
  and forward one year for a future month that lies before it;
* "last week" -> ``D - 7`` (precision ``week``), "last month" / "last year";
* "a day earlier", "the next day", "later that day" count from the date of the event told
  just before (``anchor``), else from ``D``.

A period bound ("since April 2023", "until Friday") is no event date and is skipped.
Without an article date only explicit dates with a year resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from mapper.incidents.lexicon import Lexicon, word_in

__all__ = ["DateMention", "find_dates", "parse_article_date"]

_YEAR = re.compile(r"^(19|20)\d\d$")
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})
_PERIOD_PREPS = frozenset({"since", "until", "till"})


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
            if word_in(c, markers) or (c.dep_ == "aux" and c.lower_ in _FUTURE_AUX):
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


def _period_bound(tok: Token) -> bool:
    """True for the start or end of a period ("since April 2023", "until Friday"): no event's date."""
    x = tok
    for _ in range(3):
        if x.dep_ == "pobj" and x.head.lower_ in _PERIOD_PREPS:
            return True
        if x.dep_ not in {"compound", "nummod", "npadvmod", "amod", "appos", "nmod"} or x.head.i == x.i:
            break
        x = x.head
    k = tok.i - 1
    while k >= tok.sent.start and (tok.doc[k].like_num or tok.doc[k].lower_ in {"early", "late", "mid", "the", "-"}):
        k -= 1
    return k >= tok.sent.start and tok.doc[k].lower_ in _PERIOD_PREPS


def _night_first_day(day_tok: Token, sent: Span) -> int | None:
    """The first day of "(the night of) 10 to 11 March" / "10-11 March" when a night is named."""
    doc = sent.doc
    k = day_tok.i
    if k - 2 < sent.start or doc[k - 1].lower_ not in {"to", "into", "-", "\u2013"}:
        return None
    first = _num(doc[k - 2])
    if first is None or not any(w.lower_ in {"night", "overnight"} for w in doc[max(sent.start, k - 6): k - 2]):
        return None
    return first


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


def find_dates(sent: Span, article_date: dt.date | None, lex: Lexicon, *,
               anchor: dt.date | None = None) -> list[DateMention]:
    """Date expressions of a sentence, resolved to calendar dates.

    Parameters
    ----------
    sent : spacy.tokens.Span
    article_date : datetime.date or None
        The article's publication date (relative expressions need it).
    lex : Lexicon
    anchor : datetime.date, optional
        The date of the event told just before; "a day earlier", "later that day" count
        from it (from the article date when there is none).

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
        if (low in lex.weekdays or low in lex.months) and _period_bound(tok):
            continue
        if low in lex.weekdays and tok.pos_ in {"PROPN", "NOUN"} and article_date is not None:
            d = _weekday(tok, lex.weekdays[low], article_date, lex)
            if d == article_date and tok.i > sent.start and doc[tok.i - 1].lower_ == "last":
                d -= dt.timedelta(days=7)  # "last Thursday" said on a Thursday: a week ago
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
                first = _night_first_day(prv, sent)
                if first is not None and first < (day or 0):
                    day = first  # "the night of 10 to 11 March": dated by the evening it began
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
        if low in lex.seasons and tok.pos_ == "NOUN" and tok.dep_ != "compound" and article_date is not None \
                and tok.i > sent.start and doc[tok.i - 1].lower_ in lex.season_leads:
            # "in the autumn", "last summer": the latest such season (the next when told as future)
            month = lex.seasons[low]
            future = _is_future(tok, lex)
            year = _month_year(month, article_date, future=future)
            if not future and doc[tok.i - 1].lower_ == "last" and year == article_date.year and month <= article_date.month \
                    and article_date.month - month < 3:
                year -= 1  # "last summer" told in August: the summer before
            out.append(DateMention(tok.i, dt.date(year, month, 1).isoformat(), "month", tok.text))
            continue
    if article_date is not None:
        text = sent.text.lower()
        # "a day earlier" counts from the date told just before; "yesterday" from the article's
        for days, base in ((lex.narrative_days, anchor or article_date), (lex.relative_days, article_date)):
            for phrase, delta in sorted(days.items(), key=lambda kv: -len(kv[0])):
                for m in re.finditer(rf"\b{re.escape(phrase)}\b", text):
                    span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
                    if span is None or any(t.i in used for t in span):
                        continue
                    used.update(t.i for t in span)
                    d = base + dt.timedelta(days=delta)
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
    return sorted(_nights_into(out, sent, lex), key=lambda d: d.i)


def _nights_into(out: list[DateMention], sent: Span, lex: Lexicon) -> list[DateMention]:
    """ "overnight into Sunday", "the night into Sunday": one night, dated by the evening it began
    (the day before the weekday), not the article's last night."""
    doc = sent.doc
    drop: set[int] = set()
    fixed: list[DateMention] = []
    for dm in out:
        k = dm.i
        if dm.precision == "day" and doc[k].lower_ in lex.weekdays and k - 2 >= sent.start \
                and doc[k - 1].lower_ in {"into", "to"} and doc[k - 2].lower_ in {"overnight", "night"}:
            d = dt.date.fromisoformat(dm.date) - dt.timedelta(days=1)
            fixed.append(DateMention(k, d.isoformat(), "day", doc[k - 2: k + 1].text))
            drop.add(k - 2)
        else:
            fixed.append(dm)
    return [dm for dm in fixed if dm.i not in drop]
