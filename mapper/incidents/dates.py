"""Resolve the date expressions of a sentence against the article's publication date.

News dates events by words relative to when and where the story was written ("on Sunday",
"overnight", "yesterday", "late on Friday"), so the day of an event is read from the publication
date, the story's lead and the statements around it; a statement's own day ("police said on
Monday") is told apart from the event's (:func:`report_day`). The vocabulary, holidays included,
is in ``data/lexicon/dates.json``; without an article date only dates with a year resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from mapper.incidents._memo import once_per_sentence
from mapper.incidents.lexicon import Lexicon, word_in

__all__ = ["DateMention", "PRECISIONS", "coarseness", "find_dates", "parse_article_date", "report_day",
           "opens_separate_story", "easter", "islamic_to_gregorian"]

_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMERIC = re.compile(r"(?<![\w/.-])(?:((?:19|20)\d\d)-(\d\d)-(\d\d)|(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d))(?![\w/-])")
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})
_PERIOD_PREPS = frozenset({"since", "until", "till"})
_VAGUE_COUNT = 3  # "a few days ago": about three days, told at precision week


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


PRECISIONS = ("day", "week", "month", "year")  # finest first


def coarseness(precision: str | None) -> int:
    """Rank of a date precision, finest first (an unknown one last)."""
    return PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)


def parse_article_date(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) -> date; None when missing or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


# --- vocabulary ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Words:
    """The date vocabulary of ``dates.json`` beyond what :class:`Lexicon` carries."""

    night_phrases: frozenset[str]
    night_nouns: frozenset[str]
    morning_marks: tuple[str, ...]
    small_hours_end: int
    evening_words: frozenset[str]
    early_words: frozenset[str]
    report_nouns: frozenset[str]
    report_times: frozenset[str]
    weekday_leads: frozenset[str]
    separate_markers: tuple[str, ...]
    periods: dict[str, tuple[str, str]]
    count_units: dict[str, str]
    count_directions: dict[str, int]
    vague_counts: frozenset[str]
    holidays: dict[str, dict[str, Any]]


_WORDS: dict[int, tuple[Lexicon, _Words]] = {}


def _words(lex: Lexicon) -> _Words:
    """The extra date vocabulary of ``lex`` (read once per lexicon)."""
    hit = _WORDS.get(id(lex))
    if hit is not None and hit[0] is lex:
        return hit[1]
    raw: dict[str, Any] = lex.date_words

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key, ()))

    periods = {k.lower(): (str(v[0]), str(v[1])) for k, v in raw.get("periods", {}).items()}
    w = _Words(
        night_phrases=words("night_phrases"),
        night_nouns=words("night_nouns"),
        morning_marks=tuple(str(m).lower() for m in raw.get("morning_marks", ())),
        small_hours_end=int(raw.get("small_hours_end", 0)),
        evening_words=words("evening_words"),
        early_words=words("early_words"),
        report_nouns=words("report_nouns"),
        report_times=words("report_times"),
        weekday_leads=words("weekday_leads"),
        separate_markers=tuple(str(m).lower() for m in raw.get("separate_markers", ())),
        periods=periods,
        count_units={k.lower(): str(v) for k, v in raw.get("count_units", {}).items()},
        count_directions={k.lower(): int(v) for k, v in raw.get("count_directions", {}).items()},
        vague_counts=words("vague_counts"),
        holidays={k.lower(): dict(v) for k, v in raw.get("holidays", {}).items()},
    )
    _WORDS[id(lex)] = (lex, w)
    return w


# --- calendars -----------------------------------------------------------------------------------

def easter(year: int, *, orthodox: bool = False) -> dt.date:
    """Easter Sunday of ``year`` (Gregorian calendar; ``orthodox``: by the Julian computus)."""
    if orthodox:
        a, b, c = year % 4, year % 7, year % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        julian = dt.date(year, month, day + 1)
        return julian + dt.timedelta(days=year // 100 - year // 400 - 2)  # Julian -> Gregorian
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    day = (h + l_ - 7 * m + 33 * month + 19) % 32
    return dt.date(year, month, day)


_ISLAMIC_EPOCH = 1948439  # Julian day number of 1 Muharram AH 1 (tabular, civil epoch)


def islamic_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """A date of the tabular Islamic calendar in the Gregorian calendar (within a day or two
    of the observed lunar date)."""
    jdn = day + (59 * (month - 1) + 1) // 2 + (year - 1) * 354 + (3 + 11 * year) // 30 + _ISLAMIC_EPOCH - 1
    return dt.date.fromordinal(jdn - 1721425)


def _holiday(spec: dict[str, Any], year: int) -> dt.date | None:
    """The holiday of ``spec`` in Gregorian ``year`` (None when the spec names no rule)."""
    if "month" in spec and "day" in spec:
        return dt.date(year, int(spec["month"]), int(spec["day"]))
    if "easter" in spec:
        return easter(year) + dt.timedelta(days=int(spec["easter"]))
    if "orthodox_easter" in spec:
        return easter(year, orthodox=True) + dt.timedelta(days=int(spec["orthodox_easter"]))
    if "hijri" in spec:
        month, day = (int(x) for x in spec["hijri"])
        hyear = int((year - 622) * 33 / 32) + 1  # an Islamic year that falls in or near ``year``
        for y in (hyear - 1, hyear, hyear + 1):
            d = islamic_to_gregorian(y, month, day)
            if d.year == year:
                return d
    return None


def _holiday_date(spec: dict[str, Any], base: dt.date, *, future: bool) -> dt.date | None:
    """The latest occurrence on or before ``base`` (the next on or after it when ``future``)."""
    years = (base.year, base.year + 1) if future else (base.year, base.year - 1)
    for y in years:
        d = _holiday(spec, y)
        if d is not None and ((d >= base) if future else (d <= base)):
            return d
    return None


# --- clause tests --------------------------------------------------------------------------------

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
    """True for the start or end of a period ("since April 2023", "until Friday", "since a
    September 30 rally triggered ..."): no event's date."""
    x = tok
    for _ in range(4):
        if x.dep_ == "pobj" and x.head.lower_ in _PERIOD_PREPS:
            return True
        if any(c.dep_ == "mark" and c.lower_ in _PERIOD_PREPS for c in x.children) and x.i != tok.i:
            return True  # the date is inside a "since ..." clause
        if x.dep_ not in {"compound", "nummod", "npadvmod", "amod", "appos", "nmod", "nsubj", "nsubjpass"} \
                or x.head.i == x.i:
            break
        x = x.head
    k = tok.i - 1
    while k >= tok.sent.start and (tok.doc[k].like_num or tok.doc[k].lower_ in {"early", "late", "mid", "the", "a", "-"}):
        k -= 1
    return k >= tok.sent.start and tok.doc[k].lower_ in _PERIOD_PREPS


def report_day(dm: DateMention, doc: Doc, lex: Lexicon) -> bool:
    """True for the date a statement was made, not an event's: a date on a reporting verb
    ("residents said on Monday", "the governor said Monday") or on a report noun ("in a
    late-evening statement", "Monday's report"). A date written after the reported clause's verb
    belongs to that clause ("police said a man was killed late on Friday in X")."""
    w = _words(lex)
    tok = doc[dm.i]
    for _ in range(2):  # "on Thursday morning": the phrase's head noun
        if tok.dep_ in {"compound", "nmod"} and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i != tok.i \
                and not word_in(tok.head, w.report_nouns):
            tok = tok.head
    verb = tok.head.head if tok.head.dep_ == "prep" and tok.dep_ == "pobj" else tok.head
    if verb.i != tok.i and verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in lex.report_verbs:
        told = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and verb.i < c.i < tok.i]
        return not told
    noun = tok.head if tok.dep_ in {"amod", "compound", "nmod", "npadvmod", "poss"} else None
    if noun is None and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        noun = tok.head.head  # "a statement on Monday evening"
    return noun is not None and noun.pos_ == "NOUN" and word_in(noun, w.report_nouns)


def opens_separate_story(text: str, lex: Lexicon) -> bool:
    """True when a sentence opens with a marker of another event ("Separately, ...", "Meanwhile,
    ...", "In a separate incident, ..."): it takes no date from the events told before it."""
    low = text.lstrip().lower()
    return any(low.startswith(m) and not low[len(m):len(m) + 1].isalpha() for m in _words(lex).separate_markers)


# --- pieces of a sentence ------------------------------------------------------------------------

def _num(tok: Token) -> int | None:
    t = re.sub(r"(st|nd|rd|th)$", "", tok.lower_)
    return int(t) if t.isdigit() else None


def _month_year(month: int, base: dt.date, *, future: bool) -> int:
    if future:
        return base.year + 1 if month < base.month else base.year
    return base.year - 1 if month > base.month else base.year


def _early(tok: Token, w: _Words) -> bool:
    """True when a weekday is told as its small hours: "early on Saturday", "before dawn on
    Saturday", "in the early hours of Saturday", "overnight into Saturday"."""
    doc = tok.doc
    before = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 5): tok.i]]
    if any(b in w.early_words for b in before):
        return True
    return len(before) >= 2 and before[-1] in {"into", "to"} and before[-2] in w.night_phrases | {"night"}


def _weekday(tok: Token, target: int, base: dt.date, lex: Lexicon) -> dt.date:
    if _is_future(tok, lex):
        return base + dt.timedelta(days=(target - base.weekday()) % 7)
    if (target - base.weekday()) % 7 == 1 and _early(tok, _words(lex)):
        return base + dt.timedelta(days=1)  # "early on Saturday" in a story stamped Friday
    return base - dt.timedelta(days=(base.weekday() - target) % 7)


def _named_day(tok: Token, lex: Lexicon) -> bool:
    """True for a weekday inside a name ("Bloody Sunday", "Palm Sunday"): no weekday of its own."""
    if tok.i == tok.sent.start:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.i > tok.sent.start and prev.is_title and prev.head.i == tok.i \
        and prev.dep_ in {"compound", "amod"} and prev.ent_type_ not in {"GPE", "LOC", "NORP", "PERSON"} \
        and prev.lower_ not in _words(lex).weekday_leads and prev.lower_ not in lex.months


def _span(sent: Span, m: re.Match[str]) -> Span | None:
    return sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")


@lru_cache(maxsize=64)
def _alternation(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for whole-word phrases, the longest tried first."""
    if not phrases:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(phrases, key=len, reverse=True)))})(?![\w-])")


def _phrases(sent: Span, phrases: tuple[str, ...]) -> list[tuple[str, Span]]:
    """Each occurrence of the (lower-case) phrases in the sentence."""
    pattern = _alternation(phrases)
    if pattern is None:
        return []
    out: list[tuple[str, Span]] = []
    for m in pattern.finditer(sent.text.lower()):
        span = _span(sent, m)
        if span is not None:
            out.append((m.group(0), span))
    return out


def _night_base(doc: Doc, article_date: dt.date, lex: Lexicon) -> dt.date:
    """The evening "overnight" began: the day before the article date, or the article date
    itself when the lead tells of its evening ("late on Friday", "Friday night" in a story dated
    Friday): the story was written after that evening began."""
    key = ("mapper.dates.night", article_date.isoformat())
    if key in doc.user_data:
        return doc.user_data[key]
    w = _words(lex)
    night = article_date - dt.timedelta(days=1)
    lead = next(iter(doc.sents), None)
    for tok in lead if lead is not None else ():
        if tok.lower_ not in lex.weekdays or lex.weekdays[tok.lower_] != article_date.weekday() or _is_future(tok, lex):
            continue
        before = {t.lower_ for t in doc[max(lead.start, tok.i - 2): tok.i]}
        after = doc[tok.i + 1].lower_ if tok.i + 1 < lead.end else ""
        if "late" in before or after in w.evening_words:
            night = article_date
            break
    doc.user_data[key] = night
    return night


def _day_mentions(sent: Span, article_date: dt.date | None, lex: Lexicon, used: set[int]) -> list[DateMention]:
    """Holidays, weekdays, "3 May" / "May 3" / months and seasons of the sentence."""
    out: list[DateMention] = []
    doc = sent.doc
    w = _words(lex)
    if article_date is not None:
        for phrase, span in _phrases(sent, tuple(w.holidays)):
            if any(t.i in used for t in span):
                continue
            used.update(t.i for t in span)
            spec = w.holidays[phrase]
            d = _holiday_date(spec, article_date, future=_is_future(span.root, lex))
            if d is not None:
                out.append(DateMention(span.root.i, d.isoformat(), str(spec.get("precision", "day")), span.text))
    for m in _NUMERIC.finditer(sent.text):
        span = _span(sent, m)
        day = _numeric_date(m)
        if span is not None and day is not None and not any(t.i in used for t in span):
            used.update(t.i for t in span)
            out.append(DateMention(span.root.i, day.isoformat(), "day", span.text))
    for tok in sent:
        low = tok.lower_
        if tok.i in used:
            continue
        if (low in lex.weekdays or low in lex.months) and _period_bound(tok):
            continue
        if low in lex.weekdays and tok.pos_ in {"PROPN", "NOUN"} and article_date is not None:
            if _named_day(tok, lex):
                continue  # "Bloody Sunday": a name, not the latest Sunday
            d = _weekday(tok, lex.weekdays[low], article_date, lex)
            if d == article_date and tok.i > sent.start and doc[tok.i - 1].lower_ == "last":
                d -= dt.timedelta(days=7)  # "last Thursday" said on a Thursday: a week ago
            out.append(DateMention(tok.i, d.isoformat(), "day", tok.text))
            continue
        if low in lex.months and tok.is_title and (low != "may" or tok.pos_ == "PROPN"):
            found = _month_mention(tok, sent, article_date, lex, used)
            if found is not None:
                out.append(found)
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
    return out


def _numeric_date(m: re.Match[str]) -> dt.date | None:
    """"2017-10-21", and "21/10/2017" or "10/21/2017" when the day is told apart from the month by
    being above 12 ("03/04/2017" could be either: no date)."""
    try:
        if m.group(1):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        a, b, year = int(m.group(4)), int(m.group(5)), int(m.group(6))
        if a > 12 >= b:
            return dt.date(year, b, a)
        if b > 12 >= a:
            return dt.date(year, a, b)
    except ValueError:
        return None
    return None


def _month_mention(tok: Token, sent: Span, article_date: dt.date | None, lex: Lexicon,
                   used: set[int]) -> DateMention | None:
    """"3 May", "May 3", "the night of 10 to 11 March", "May 2024", "early March"."""
    doc = sent.doc
    month = lex.months[tok.lower_]
    day = None
    year = None
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
    for w in doc[tok.i + 1: min(sent.end, tok.i + 4)]:
        if _YEAR.match(w.text):
            year = int(w.text)
            used.add(w.i)
            break
    if year is None:
        if article_date is None:
            return None
        year = _month_year(month, article_date, future=_is_future(tok, lex))
    if day is not None:
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if nxt is not None and nxt.i in used and _num(nxt) == day:
            return DateMention(tok.i, d.isoformat(), "day", doc[tok.i: tok.i + 2].text)
        return DateMention(tok.i, d.isoformat(), "day", doc[tok.i - 1: tok.i + 1].text)
    part = ""
    for w in doc[max(sent.start, tok.i - 4): tok.i]:
        if w.lower_ in lex.month_parts:
            part = w.lower_ + " "
    return DateMention(tok.i, dt.date(year, month, 1).isoformat(), "month", f"{part}{tok.text}")


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


def _report_time(sent: Span, article_date: dt.date, lex: Lexicon, used: set[int]) -> list[DateMention]:
    """"In a late-evening report, the General Staff said ...": an evening statement with no day
    of its own was made the evening before the story (the evening its night began)."""
    w = _words(lex)
    out = []
    for tok in sent:
        if tok.i in used or tok.lower_ not in w.report_times or tok.dep_ not in {"amod", "compound", "nmod"}:
            continue
        noun = tok.head
        if not word_in(noun, w.report_nouns) or any(c.i in used or c.lower_ in lex.weekdays for c in noun.subtree):
            continue
        start = tok.i - 2 if tok.i - 2 >= sent.start and sent.doc[tok.i - 1].text == "-" else tok.i
        used.add(tok.i)
        night = _night_base(sent.doc, article_date, lex)
        out.append(DateMention(tok.i, night.isoformat(), "day", sent.doc[start: tok.i + 1].text))
    return out


def _latest_day_before(i: int, found: list[DateMention]) -> dt.date | None:
    days = [dm for dm in found if dm.precision == "day" and dm.i < i]
    return dt.date.fromisoformat(max(days, key=lambda dm: dm.i).date) if days else None


def _statement_day(found: list[DateMention], doc: Doc, lex: Lexicon) -> dt.date | None:
    """The day a statement of the sentence was made ("..., authorities said on Wednesday")."""
    said = [dm for dm in found if dm.precision == "day" and report_day(dm, doc, lex)]
    return dt.date.fromisoformat(said[0].date) if said else None


def _relative(sent: Span, article_date: dt.date, lex: Lexicon, used: set[int], found: list[DateMention],
              anchor: dt.date | None) -> list[DateMention]:
    """"yesterday", "overnight", "last night", "a day earlier", "later that day", "two days ago"."""
    w = _words(lex)
    doc = sent.doc
    out: list[DateMention] = []
    said = _statement_day(found, doc, lex)
    for days, narrative in ((lex.narrative_days, True), (lex.relative_days, False)):
        for phrase, span in _phrases(sent, tuple(days)):
            if any(t.i in used for t in span):
                continue
            used.update(t.i for t in span)
            if narrative:  # from the day told just before, in this sentence or the ones before it
                base = _latest_day_before(span.start, found + out) or anchor or article_date
            elif phrase in w.night_phrases:  # a night: before the statement's day, else the story's night
                base = said or _night_base(doc, article_date, lex) + dt.timedelta(days=1)
            else:
                base = article_date
            d = base + dt.timedelta(days=days[phrase])
            out.append(DateMention(span.root.i, d.isoformat(), "day", span.text))
    if not any(dm.precision == "day" and not report_day(dm, doc, lex) for dm in found + out):
        for tok in sent:  # "after a second night of protests, the ministry said on Saturday": the night before
            if tok.i not in used and _night_of_events(tok, lex):
                used.add(tok.i)
                d = (said or _night_base(doc, article_date, lex) + dt.timedelta(days=1)) - dt.timedelta(days=1)
                out.append(DateMention(tok.i, d.isoformat(), "day", doc[tok.left_edge.i: tok.i + 1].text))
    out += _counted(sent, article_date, lex, used, found + out, anchor)
    if not any(dm.precision == "day" for dm in found + out):
        out += _small_hours(sent, article_date, lex, used)
    for phrase, span in _phrases(sent, tuple(w.periods)):
        if any(t.i in used for t in span):
            continue
        used.update(t.i for t in span)
        out.append(_period(span, w.periods[phrase], article_date))
    return out


def _night_of_events(tok: Token, lex: Lexicon) -> bool:
    """True for a night told by what happened in it ("a night of clashes", "a second night of
    protests"), not by its day ("Friday night", "the night of 3 to 4 May")."""
    if tok.lower_ not in _words(lex).night_nouns or tok.pos_ != "NOUN":
        return False
    if any(c.lower_ in lex.weekdays or c.lower_ in lex.months or c.pos_ == "NUM" or c.text[:1].isdigit()
           for c in tok.subtree if c.i != tok.i):
        return False
    of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    return bool(of) and any(c.dep_ == "pobj" and c.pos_ == "NOUN" for c in of[0].children)


@lru_cache(maxsize=8)
def _clock_pattern(marks: tuple[str, ...]) -> re.Pattern[str]:
    """"3 a.m.", "3:00 a.m.", "4am" (the marks of the morning's hours)."""
    return re.compile(rf"(?<![\w:.])(\d{{1,2}})(?:[:.]\d\d)?\s*(?:{'|'.join(map(re.escape, marks))})(?![\w])")


def _small_hours(sent: Span, article_date: dt.date, lex: Lexicon, used: set[int]) -> list[DateMention]:
    """"at around 3:00 a.m. local time" in a sentence that tells no day: the small hours of the
    story's own day (the latest such hour before it was written)."""
    w = _words(lex)
    if not w.morning_marks:
        return []
    out = []
    for m in _clock_pattern(w.morning_marks).finditer(sent.text.lower()):
        span = _span(sent, m)
        if span is None or any(t.i in used for t in span) or not int(m.group(1)) < w.small_hours_end:
            continue
        used.update(t.i for t in span)
        out.append(DateMention(span.root.i, article_date.isoformat(), "day", span.text))
    return out


@lru_cache(maxsize=8)
def _count_pattern(counts: tuple[str, ...], units: tuple[str, ...], directions: tuple[str, ...]) -> re.Pattern[str]:
    """"<number> <unit> <direction>", numbers as digits or words (the longest word tried first)."""
    def alt(words: tuple[str, ...]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return re.compile(rf"(?<![\w-])(\d+|{alt(counts)})\s+({alt(units)})\s+({alt(directions)})(?![\w-])")


def _counted(sent: Span, article_date: dt.date, lex: Lexicon, used: set[int], found: list[DateMention],
             anchor: dt.date | None) -> list[DateMention]:
    """"two days ago", "a week earlier", "three days later", "a few days ago"."""
    w = _words(lex)
    if not w.count_units or not w.count_directions:
        return []
    pattern = _count_pattern(tuple(sorted({*lex.numbers, *w.vague_counts})), tuple(w.count_units),
                             tuple(w.count_directions))
    out = []
    for m in pattern.finditer(sent.text.lower()):
        span = _span(sent, m)
        if span is None or any(t.i in used for t in span):
            continue
        count, unit, direction = m.group(1), w.count_units[m.group(2)], m.group(3)
        vague = count in w.vague_counts
        n = _VAGUE_COUNT if vague else int(count) if count.isdigit() else lex.numbers.get(count, 0)
        if n <= 0:
            continue
        used.update(t.i for t in span)
        sign = w.count_directions[direction]
        base = article_date if direction == "ago" else (_latest_day_before(span.start, found + out) or anchor or article_date)
        step = {"day": 1, "week": 7, "month": 30}[unit] * n * sign
        d = base + dt.timedelta(days=step)
        precision = "week" if vague and unit == "day" else unit if unit != "day" else "day"
        if precision == "month":
            d = d.replace(day=1)
        out.append(DateMention(span.root.i, d.isoformat(), precision, span.text))
    return out


def _period(span: Span, spec: tuple[str, str], article_date: dt.date) -> DateMention:
    """"last week" (D - 7), "this week" (D), "earlier this month" (its first day), "last month",
    "next week", "last year", "over the weekend" (its Saturday), at their own precision."""
    unit, when = spec
    if unit == "week":
        shift = {"last": -7, "next": 7}.get(when, 0)
        return DateMention(span.root.i, (article_date + dt.timedelta(days=shift)).isoformat(), "week", span.text)
    if unit == "weekend":
        back = (article_date.weekday() - 5) % 7 + (7 if when == "last" and article_date.weekday() >= 5 else 0)
        return DateMention(span.root.i, (article_date - dt.timedelta(days=back)).isoformat(), "week", span.text)
    if unit == "month":
        first = article_date.replace(day=1)
        if when == "last":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        elif when == "next":
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return DateMention(span.root.i, first.isoformat(), "month", span.text)
    year = article_date.year + {"last": -1, "next": 1}.get(when, 0)
    return DateMention(span.root.i, dt.date(year, 1, 1).isoformat(), "year", span.text)


def _nights(out: list[DateMention], sent: Span, lex: Lexicon) -> list[DateMention]:
    """"overnight into Sunday", "the night into Sunday", "the night from Thursday to Friday":
    one night, dated by the evening it began, not the article's last night."""
    doc = sent.doc
    by_i = {dm.i: dm for dm in out}
    drop: set[int] = set()
    fixed: list[DateMention] = []
    nights = _words(lex).night_phrases | {"night", "overnight"}
    for dm in out:
        k = dm.i
        if dm.precision == "day" and doc[k].lower_ in lex.weekdays and k - 2 >= sent.start \
                and doc[k - 1].lower_ in {"into", "to"} and doc[k - 2].lower_ in nights:
            d = dt.date.fromisoformat(dm.date) - dt.timedelta(days=1)
            fixed.append(DateMention(k, d.isoformat(), "day", doc[k - 2: k + 1].text))
            drop.add(k - 2)
        elif dm.precision == "day" and doc[k].lower_ in lex.weekdays and k - 2 >= sent.start \
                and doc[k - 1].lower_ in {"to", "into", "-", "\u2013"} and doc[k - 2].lower_ in lex.weekdays \
                and k - 2 in by_i and any(t.lower_ in nights for t in doc[max(sent.start, k - 5): k - 2]):
            drop.add(k)  # "the night from Thursday to Friday": Thursday
        else:
            fixed.append(dm)
    return [dm for dm in fixed if dm.i not in drop]


def find_dates(sent: Span, article_date: dt.date | None, lex: Lexicon, *,
               anchor: dt.date | None = None) -> list[DateMention]:
    """Date expressions of a sentence, resolved to calendar dates.

    A weekday is the latest such day on or before the article date ``D`` (the next one when the
    clause speaks of the future; the day after ``D`` when told as its small hours, "early on
    Saturday" in a story stamped Friday). A night is dated by the evening it began: "overnight"
    is the night before ``D``, before the day a statement of the sentence was made, or ``D``
    itself when the lead tells of that evening; "overnight into Thursday", "the night of 3 to 4
    May" and "the night from Thursday to Friday" are the first day; a night told by its events ("after a
    second night of protests") in a sentence with no event day is the night before the statement's day
    (else the story's night); a small-hours clock time ("at 3 a.m.") with no day is ``D``. "3 May" / "May 3" and months
    take the article's year (the year before for a past month after ``D``); "last week" is
    ``D - 7`` at precision ``week``, "earlier this month" its first day at precision ``month``.
    "A day earlier", "later that day", "three days later" count from the day told just before in
    the sentence, else from ``anchor``. A holiday the lexicon knows resolves (Eid at precision
    ``week``: the tabular calendar may be a day off); a named day it does not know ("Bloody
    Sunday") gives none. A period bound ("since April 2023", "until Friday") is no event date.

    Parameters
    ----------
    sent : spacy.tokens.Span
        The sentence (its ``doc`` is the whole article: the lead tells when the story was written).
    article_date : datetime.date or None
        The article's publication date (relative expressions need it).
    lex : Lexicon
    anchor : datetime.date, optional
        The date of the event told just before; "a day earlier", "later that day" count
        from it (from the article date when there is none) unless the sentence tells a day
        before them.

    Returns
    -------
    list[DateMention]
        In text order.
    """
    return list(once_per_sentence(sent, "dates", (article_date, id(lex), anchor),
                                  lambda: tuple(_read_dates(sent, article_date, lex, anchor))))


def _read_dates(sent: Span, article_date: dt.date | None, lex: Lexicon, anchor: dt.date | None) -> list[DateMention]:
    """The date mentions of :func:`find_dates`, read from the sentence."""
    used: set[int] = set()
    out = _day_mentions(sent, article_date, lex, used)
    if article_date is not None:
        out += _report_time(sent, article_date, lex, used)
        out += _relative(sent, article_date, lex, used, list(out), anchor)
    return sorted(_nights(out, sent, lex), key=lambda d: d.i)
