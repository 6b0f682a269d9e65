"""Headlines and the place slots in them, where spaCy's small model misses most names.

A headline is terse ("Boko Haram attacks Mafa as residents vote"), in title case
("Shootouts in Aquila Leave 6 Dead") or in capitals; the small model then tags its
town names as people or organisations, or not at all. In such a line a capitalised
run that some gazetteer place bears is a place when it stands in a slot only places
fill: after a locative preposition, as the object of a verb of attack or capture, as
the target of a noun of attack ("attack on X"), before a noun of violence ("the X
massacre", "X offensive") or of its surroundings ("X area"), or as the line's label
("West Darfur - ...", "Zacatecas:", "attack on a pub, X").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from mapper.geoparse._lemmas import common_word, english_word, lemma
from mapper.geoparse._lexicon import Lexicon

MAX_HEADLINE_TOKENS = 40
TITLE_CASE_SHARE = 0.7
MIN_TITLE_WORDS = 3
MAX_NAME_TOKENS = 4
MAX_MODIFIERS = 2  # common words between a name and its noun of violence
SLOT_PREPS = frozenset(
    {"in", "at", "near", "from", "into", "outside", "around", "inside", "across", "toward", "towards",
     "through", "within", "outskirts", "on", "against", "of", "to"}
)
_TERMINAL = frozenset({".", "!", "?", "...", "…"})
_QUOTES = frozenset({'"', "'", "”", "’", "“", "‘", ")", "]"})
_LABEL_MARKS = frozenset({"-", "–", "—", ":", "--"})


def _is_cap(tok: object) -> bool:
    text = tok.text  # type: ignore[attr-defined]
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


def headline_tokens(doc: Doc) -> list[bool]:
    """Per token: whether it lies in a sentence that reads as a headline.

    A sentence is a headline when it is in capitals, in title case (at least
    ``TITLE_CASE_SHARE`` of its longer words after the first capitalised), or terse:
    at most ``MAX_HEADLINE_TOKENS`` tokens, ending a line or the text, without a full stop.
    """
    flags = [False] * len(doc)
    for sent in doc.sents:
        if _is_headline(doc, sent.start, sent.end):
            for i in range(sent.start, sent.end):
                flags[i] = True
    return flags


def _is_headline(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if t.is_alpha]
    if not words:
        return False
    if len(words) >= MIN_TITLE_WORDS and all(t.is_upper for t in words):
        return True
    longer = [t for t in words[1:] if len(t) >= 4]
    if len(longer) >= MIN_TITLE_WORDS and sum(t.text[:1].isupper() for t in longer) >= TITLE_CASE_SHARE * len(longer):
        return True
    if end - start > MAX_HEADLINE_TOKENS:
        return False
    last = end - 1
    while last > start and (doc[last].text in _QUOTES or doc[last].is_space):
        last -= 1
    if doc[last].text in _TERMINAL:
        return False
    return end == len(doc) or "\n" in doc[end - 1].text_with_ws or doc[end].is_space


def slot_spans(
    doc: Doc, headline: list[bool], lexicon: Lexicon, *, is_name: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Token spans of gazetteer names standing in a place slot of a headline.

    The longest run of capitalised words (up to ``MAX_NAME_TOKENS``, hyphens and
    "al-" articles inside) after the slot that ``is_name`` knows; the run must end
    the capitalised words there, or be followed by a noun of violence.
    """
    out: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n:
        if not headline[i] or not _is_cap(doc[i]):
            i += 1
            continue
        slot = _slot_before(doc, i, lexicon)
        if not slot and i > 0 and _is_cap(doc[i - 1]) and not doc[i - 1].is_stop and not doc[i].is_sent_start:
            i += 1  # inside a longer capitalised name ("Boko [Haram] Attack"; not "Over [Zalingei] Shooting")
            continue
        end = _name_end(doc, i, is_name, lexicon)
        if not end and slot and doc[i].lower_ in lexicon.compass and i + 1 < n and _is_cap(doc[i + 1]):
            # "in Northern Iraq": the name after a capitalised compass word (the word tells its part)
            end = _name_end(doc, i + 1, is_name, lexicon)
            if end:
                out.append((i + 1, end))
                i = end
                continue
        if end and (slot or _violence_noun(doc, end, lexicon) or _modified_violence_after(doc, end, lexicon)
                    or (end < n and doc[end].is_lower and doc[end].text in lexicon.surround_nouns)):
            out.append((i, end))
            i = end
        else:
            i += 1
    # the line's label: "West Darfur - At Least 60 Dead", "Zacatecas: CJNG ...", "Ortiz, Sonora: 2 Bodies"
    for sent in doc.sents:
        s = sent.start
        if not headline[s] or not _is_cap(doc[s]):
            continue
        e = s
        while e < min(sent.end, s + MAX_NAME_TOKENS + 1) and doc[e].text not in _LABEL_MARKS and doc[e].text != ",":
            e += 1
        if e == s or e >= sent.end or not all(_is_cap(t) for t in doc[s:e]) or not is_name(doc[s:e].text):
            continue
        if doc[e].text in _LABEL_MARKS:
            out.append((s, e))
        elif _label_pair(doc, e, sent.end, is_name):
            out.append((s, e))
    out += _trailing_labels(doc, headline, is_name)
    return out


def _trailing_labels(doc: Doc, headline: list[bool], is_name: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The place label closing a headline after a comma: "Attack on a pub, Gombe",
    "Raid on a Base, Mafa - Residents" (the name ends the line or comes before a label mark)."""
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        last = sent.end
        while last > sent.start and (doc[last - 1].text in _QUOTES or doc[last - 1].is_space or doc[last - 1].text in _TERMINAL):
            last -= 1
        for k in range(sent.start + 1, last - 1):
            if doc[k].text != "," or not headline[k]:
                continue
            e = k + 1
            while e < min(last, k + 1 + MAX_NAME_TOKENS) and _is_cap(doc[e]):
                e += 1
            if e == k + 1 or (e < last and doc[e].text not in _LABEL_MARKS):
                continue
            if any(t.ent_type_ == "PERSON" for t in doc[k + 1 : e]) or (e == k + 2 and common_word(doc[k + 1].text)):
                continue
            if is_name(doc[k + 1 : e].text):
                out.append((k + 1, e))
    return out


def _label_pair(doc: Doc, comma: int, end: int, is_name: Callable[[str], bool]) -> bool:
    """ "Ortiz, Sonora:": a name, a comma and another name, then the label mark."""
    e = comma + 1
    while e < min(end, comma + 2 + MAX_NAME_TOKENS) and doc[e].text not in _LABEL_MARKS:
        e += 1
    return (
        comma + 1 < e < end
        and all(_is_cap(t) for t in doc[comma + 1 : e])
        and is_name(doc[comma + 1 : e].text)
    )


def _slot_before(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """Whether a place slot opens right before token ``i``."""
    if i == 0:
        return False
    prev = doc[i - 1]
    low = prev.lower_
    if low == "of" and i >= 2 and any(w in lexicon.area_nouns for w in _noun_forms(doc[i - 2])):
        return True  # "in the streets of X", "the countryside of X"
    if low in {"on", "against", "of"}:
        # "attack on X", "Offensive Against X", "the shelling of X"
        return i >= 2 and any(low in lexicon.target_nouns.get(w, ()) for w in _noun_forms(doc[i - 2]))
    if low == "to":
        # "returns to X" (a title-case verb the tagger does not lemmatize)
        return i >= 2 and any(w in lexicon.motion_verbs for w in _noun_forms(doc[i - 2]))
    if low in SLOT_PREPS:
        return True
    if possessive_before(doc, i):
        return _is_cap(doc[i - 2])  # "Iraq's Samarra": the possessor decides (see recognise)
    if low == "route":
        return i >= 2 and doc[i - 2].lower_ == "en"  # "en route X"
    word = lemma(prev) if prev.is_lower else low
    return word in lexicon.place_verbs or word in lexicon.strike_verbs or word in _ATTACK_VERBS


def possessive_before(doc: Doc, i: int) -> bool:
    """Whether a possessive ends right before token ``i``: "Iraq's X", "Rivers’ X" (a plural's)."""
    if i < 2:
        return False
    prev = doc[i - 1].text
    return prev in {"'s", "’s"} or (prev in {"'", "’"} and doc[i - 2].text.endswith("s") and not doc[i - 2].whitespace_)


def _noun_forms(tok: object) -> tuple[str, ...]:
    """Lemma and singular of a noun as a headline may capitalise it ("Airstrikes" -> "airstrike")."""
    low = tok.lower_  # type: ignore[attr-defined]
    return (lemma(tok), low, low[:-1] if low.endswith("s") else low)  # type: ignore[arg-type]


_NAME_FUNCTION_WORDS = frozenset({"of", "and", "the", "on", "upon", "in"})  # "Gulf of Aden", "Rostov-on-Don"
_ATTACK_VERBS = frozenset({"attack", "attacks", "raid", "raids", "storm", "storms", "overrun", "overruns"})


def _name_end(doc: Doc, i: int, is_name: Callable[[str], bool], lexicon: Lexicon) -> int:
    """End of the longest known name starting at ``i`` that closes its capitalised run."""
    j = i
    ends: list[int] = []
    n = len(doc)
    while j < n and j - i < MAX_NAME_TOKENS + 2:
        tok = doc[j]
        if j > i and tok.is_stop and tok.lower_ not in _NAME_FUNCTION_WORDS and tok.lower_ not in lexicon.name_particles:
            break  # "Returns to Michika After Boko Haram Attack": a title-case "After" ends the name
        if _is_cap(tok):
            ends.append(j + 1)
        elif not (tok.text == "-" and not tok.whitespace_ and j > i) and not (
            tok.lower_ in lexicon.article_prefixes and j + 1 < n and doc[j + 1].text == "-"
        ):
            break
        j += 1
    for e in reversed(ends):
        if not is_name(doc[i:e].text):
            continue
        if e == i + 1 and common_word(doc[i].text):
            return 0  # "Still in Charge in Bama": a capitalised English word, not a hamlet named so
        if e == ends[-1] or _violence_noun(doc, e, lexicon) or doc[e].lower_ in lexicon.facility_words:
            return e  # ("Airstrikes on Babanusa Army Command": the place of a facility)
        if _modified_violence_after(doc, e, lexicon):
            return e  # "in Riyom Night Attack": English words, then a noun of violence
        return 0  # "in Early Morning Attack": the name runs on into other capitalised words
    return 0


def _modified_violence(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether ``doc[start:end]`` is up to ``MAX_MODIFIERS`` English words and a noun of
    violence ("Night Attack", "Cult Clash"): the run after a name that it modifies."""
    return (
        0 < end - 1 - start <= MAX_MODIFIERS
        and _violence_noun(doc, end - 1, lexicon)
        and all(doc[k].is_alpha and english_word(doc[k].text) for k in range(start, end - 1))
    )


def _modified_violence_after(doc: Doc, end: int, lexicon: Lexicon) -> bool:
    """ "Sagamu Cult War Leaves ...": English words, then a noun of violence, right after a name."""
    return any(
        end + m < len(doc) and _is_cap(doc[end + m]) and _modified_violence(doc, end, end + m + 1, lexicon)
        for m in range(1, MAX_MODIFIERS + 1)
    )


def _violence_noun(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """Whether token ``i`` is a noun of violence ("Massacre", "offensive", "attack")."""
    return i < len(doc) and (doc[i].lower_ in lexicon.violence_nouns or lemma(doc[i]) in lexicon.violence_nouns)


def violence_after(doc: Doc, end: int, lexicon: Lexicon) -> bool:
    """ "the Hawija offensive", "Acapulco Massacre": a noun of violence right after the name."""
    return _violence_noun(doc, end, lexicon)
