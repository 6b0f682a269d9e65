"""Recognition: find the place names of a parsed article (spaCy Doc -> Mention[]).

Three sources are combined, then filtered by context: spaCy NER ``GPE``/``LOC``
entities, a scan of capitalised token runs against the gazetteer's names
(:mod:`._names`; it finds the multi-word and transliterated names the small model
misses), and rules around feature-type words and the slots that only take a place.
A name found by the scan alone counts when the text says it is a place, and any
candidate is dropped when the text says it is a person. The rules, each with an
example, are listed in ``data/geoparse/README.md`` beside the word lists they read.
The ``mapper_places`` spaCy component (:class:`PlaceRecogniser`) runs the recogniser
and writes the places back into ``doc.ents``.
"""

from __future__ import annotations

import bisect
from itertools import pairwise
from dataclasses import astuple, dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from mapper.geoparse import _attributes, _headline, _paragraphs, hierarchy  # noqa: F401  (register spaCy components)
from mapper.geoparse._lemmas import common_word, lemma
from mapper.geoparse._lexicon import Lexicon, get_lexicon
from mapper.geoparse._names import PlaceNames, place_names, spelling_of
from mapper.geoparse._text import DASHES, force_noun_after, is_dateline
from mapper.geoparse.actors import get_actors
from mapper.model import Mention
from mapper.names import fold

MENTIONS_KEY = "mapper.mentions"
EMBEDDED_POPULATION = 50_000
NAMESAKES = 20
COHERENT_POPULATION = 5_000
MAX_DESIGNATOR_TOKENS = 3  # "Local Government Area"
OUTER_NAMESAKES = 5  # areas of one name tried as the container in "X in <area>" ("Centre": France, Haiti, ...)
PLACE_LABELS = frozenset({"GPE", "LOC"})
COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "TERR"})
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
SHELL_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
STRONG_PREPS = frozenset(
    {
        "in", "at", "near", "from", "into", "across", "outside", "toward", "towards", "around",
        "through", "inside", "via", "within", "throughout", "beyond", "outskirts", "between",
        "over", "along", "off",
    }
)
# prepositions that tie a name to the noun before it inside a subject ("fishermen on Lake X said")
SUBJECT_PREPS = frozenset({"on"})
LIST_JOINERS = frozenset({",", "and", "or", "&", "as well as"})
NAME_LIST_JOINERS = frozenset({",", "and", "or"})  # not "&": "Stevens & Wilkinson" is a firm
MINOR_ENT_TYPES = frozenset({"", "GPE", "LOC", "FAC", "ORG"})  # ORG: the small model calls many villages firms
NAME_INNER = frozenset({"-", "'", "’", "'s", "’s"})  # inside a name: "Cox's Bazar"
CONNECTORS = frozenset(
    {"and", "of", "de", "del", "la", "le", "al", "el", "upon", "on", "-", "du", "des", "da", "au", "aux", "sur", "en", "y"}
)


@dataclass(slots=True)
class _Cand:
    start: int  # token index
    end: int  # token index, exclusive
    source: str  # ner | gazetteer | rule | demonym
    label: str  # GPE | LOC | NORP
    ner: str | None  # spaCy label of the entity the span came from or sits in
    hint: str | None = None
    accepted: bool | None = None
    alias: bool = False  # an alternate spelling after a locative preposition ("near Arbinda")
    slot: bool = False  # in a slot that only takes places: a type word, a place verb, an attack's target
    weak: bool = False  # refused only for being no place's plain name ("left Hodeidah"): a repeat may take it


# ---------------------------------------------------------------- token tests
def _is_cap(tok: Any) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def prev_word(doc: Doc, i: int) -> Any | None:
    """The token before index ``i``, skipping a determiner and modifiers ("in the occupied Crimea",
    "in southwestern Niger", which the small model may parse as a compound)."""
    j = i - 1
    skipped = 0
    while j >= 0 and skipped < 3 and (
        doc[j].lower_ in {"the", "a", "an"} or (doc[j].is_lower and (doc[j].dep_ == "amod" or doc[j].pos_ == "ADJ"))
    ):
        j -= 1
        skipped += 1
    return doc[j] if j >= 0 else None


def _title_before(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    if start == 0:
        return False
    tok = doc[start - 1]
    if tok.pos_ in {"VERB", "AUX"}:
        return False  # "expected to miss Rochester"
    prev = tok.lower_
    return prev in lexicon.person_titles or prev.rstrip(".") in lexicon.person_titles


def _of_local_noun(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    """True after "of" following a noun of residence or office ("residents of X", "the mayor of X")."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in lexicon.local_nouns


def _compass_of(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    """True after a direction and "of" ("east of X", "20 km north of the X")."""
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in lexicon.compass


def _local_noun_after(doc: Doc, end: int, lexicon: Lexicon) -> bool:
    """True when a noun of residence or office follows ("a Fargo man", "Roselle police")."""
    return end < len(doc) and doc[end].lower_ in lexicon.local_nouns


def _qualifies_local_noun(doc: Doc, c: "_Cand", lexicon: Lexicon) -> bool:
    """A whole proper name right before a noun of residence or office ("Kharkiv residents").

    The name must not be a function word or number ("One man", "As police"),
    nor the tail of a longer proper name ("Meadow Grove man" is not "Grove"),
    nor a bare short initialism ("PA officials").
    """
    if not _local_noun_after(doc, c.end, lexicon):
        return False
    span = doc[c.start : c.end]
    if any(t.is_stop or t.pos_ == "NUM" for t in (span[0], span[-1])):
        return False  # "One man", "As police"; inner function words are the name's ("Jammu and Kashmir")
    if c.start > 0 and _is_cap(doc[c.start - 1]) and doc[c.start - 1].pos_ == "PROPN":
        return False
    return not (span.text.isupper() and len(span.text) <= 3)


def _demonym_of_forces(doc: Doc, c: _Cand, lexicon: Lexicon, names: PlaceNames) -> bool:
    """A demonym before a noun of armed forces or government, read as a place of
    another kind: "the Somali army" is Somalia's, not Ethiopia's Somali region.

    Only a word that the gazetteer gives to another place is changed; one that
    names its own country ("New Zealand officials") or no place stays as it is.
    """
    text = doc[c.start : c.end].text
    if c.label == "NORP" or text not in lexicon.demonyms or not force_noun_after(doc, c.end, lexicon):
        return False
    best = names.best(text)
    return best is not None and not (
        best.feature_code in COUNTRY_CODES and best.country_code == lexicon.demonyms[text]
    )


def _settlement_word_at(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """True when a lower-case word of a settlement ("town", "villages") stands at token ``i``."""
    if i >= len(doc) or not doc[i].is_lower:
        return False
    ft = lexicon.feature_types.get(doc[i].lower_)
    return ft is not None and ft.hint in _SETTLEMENT_HINTS


def _street_word_after(doc: Doc, end: int, lexicon: Lexicon) -> bool:
    """True when a street-name word follows ("Washington Avenue", "Taylor St.")."""
    return end < len(doc) and doc[end].text.rstrip(".") in lexicon.street_words


_DESIGNATOR_ENDS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _designator_ends(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The first and last words of the lexicon's designators (built once per lexicon)."""
    ends = _DESIGNATOR_ENDS.get(id(lexicon.designators))
    if ends is None:
        words = [d.split() for d in lexicon.designators]
        ends = _DESIGNATOR_ENDS[id(lexicon.designators)] = (
            frozenset(w[0] for w in words if w), frozenset(w[-1] for w in words if w))
    return ends


def _designator(doc: Doc, lo: int, hi: int, lexicon: Lexicon, *, at_start: bool) -> tuple[int, str] | None:
    """A capitalised designator of one or more words ("Oblast", "Local Government Area") in
    ``doc[lo:hi]``, starting at ``lo`` (``at_start``) or ending at ``hi``: its length in tokens
    and its hint."""
    hi = min(hi, len(doc))
    if hi <= lo:
        return None
    firsts, lasts = _designator_ends(lexicon)
    if (doc[lo].text not in firsts) if at_start else (doc[hi - 1].text not in lasts):
        return None  # most names end in no designator: no spans to build
    for n in range(min(MAX_DESIGNATOR_TOKENS, hi - lo), 0, -1):
        words = doc[lo : lo + n] if at_start else doc[hi - n : hi]
        hint = lexicon.designators.get(words.text)
        if hint is not None:
            return n, hint
    return None


def _type_word_after(doc: Doc, end: int, lexicon: Lexicon) -> str | None:
    """The hint of a lower-case type word right after a name; of two ("the Rafah border
    crossing", "the Niger border"), the second types the name's feature."""
    if end < len(doc):
        nxt = doc[end]
        if nxt.is_lower and nxt.lower_ in lexicon.feature_types:
            after = doc[end + 1] if end + 1 < len(doc) else None
            if after is not None and after.is_lower and after.lower_ in lexicon.feature_types:
                return lexicon.feature_types[after.lower_].hint
            return lexicon.feature_types[nxt.lower_].hint
    return None


def _water_word_after(doc: Doc, end: int, lexicon: Lexicon) -> str | None:
    """Hint of a capitalised word of a body of water ending a longer name the gazetteer
    lacks ("Scarborough Shoal", "the Oskol River"): the name means that water, not a
    town of its first word. Only a hint for resolution, no evidence of a place ("Rep.
    Jane Roe, R-Elbow Lake" names a town the gazetteer lacks)."""
    if end >= len(doc):
        return None
    nxt = doc[end]
    ft = lexicon.water_type(nxt.lower_)
    if ft is None or not _is_cap(nxt):
        return None
    return None if end + 1 < len(doc) and _is_cap(doc[end + 1]) else ft.hint


def _type_word_apposed_before(doc: Doc, start: int, end: int, lexicon: Lexicon) -> str | None:
    """Hint of an apposition naming the kind of place before the name: "the regional
    capital, Stepanakert," / "a frontline town, Huliaipole."

    A determiner, at most two lowercase modifiers, a singular feature-type word,
    a comma, the name, then a comma, full stop or semicolon.
    """
    n = len(doc)
    j = start - 2
    if j < 1 or doc[start - 1].text != "," or (end < n and doc[end].text not in {",", ".", ";"}):
        return None
    ft = lexicon.feature_types.get(doc[j].lower_)
    if ft is None or not doc[j].is_lower or doc[j].tag_ != "NN":
        return None
    k = j - 1
    for _ in range(3):
        if k < 0 or not doc[k].is_lower:
            return None
        if doc[k].lower_ in {"the", "a", "an"}:
            return ft.hint
        if doc[k].pos_ not in {"ADJ", "NOUN"}:
            return None
        k -= 1
    return None


def _type_word_before(doc: Doc, start: int, lexicon: Lexicon) -> str | None:
    """Hint of "city of X" / "the regions of A, B" / "the village X" before ``start``."""
    j = start - 1
    if j >= 0 and doc[j].lower_ == "of":
        j -= 1
    if j >= 0 and doc[j].is_lower and doc[j].lower_ in lexicon.feature_types:
        if j > 0 and _is_cap(doc[j - 1]) and j < start - 1:
            return None  # "the Shevchenkivskyi district of Kharkiv": the type word is the other name's
        return lexicon.feature_types[doc[j].lower_].hint
    return None


# ---------------------------------------------------------------- candidates
def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip leading determiners and trailing possessives/punctuation from a span."""
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    for k in range(start + 1, end - 1):
        if doc[k].text in {"'", "’"} and doc[k - 1].text.endswith("s"):
            end = k  # "the State of Illinois' Web site": the name ends at the possessive
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "'"}):
        if doc[end - 1].text in {".", "'s", "’s", "'"} or doc[end - 1].is_punct:
            end -= 1
        else:
            break
    while end > start and doc[end - 1].is_lower:
        end -= 1
    return start, end


def _trim_compass(doc: Doc, start: int, end: int, lex: Lexicon, gazetteer: Any) -> int:
    """Drop a leading direction word ("Northeast Georgia" -> "Georgia") unless the whole is a name."""
    if end - start > 1 and doc[start].lower_ in lex.compass:
        if not gazetteer.is_name(doc[start:end].text) and gazetteer.is_name(doc[start + 1 : end].text):
            return start + 1
    return start


def _compass_area(doc: Doc, c: _Cand, lex: Lexicon, gazetteer: Any) -> bool:
    """Whether a lower-case direction word before the name makes with it the name of an area
    below a country ("south Darfur", "northern Darfur": North Darfur; "southern Lebanon" stays a
    part of Lebanon)."""
    if c.start == 0 or doc[c.start - 1].lower_ not in lex.compass or doc[c.start - 1].text[:1].isupper():
        return False
    base = fold(doc[c.start : c.end].text)
    return any(p.feature_class == "A" and not p.feature_code.startswith("PCL") and base in fold(p.name)
               for p in gazetteer.candidates(doc[c.start - 1 : c.end].text, limit=OUTER_NAMESAKES, fuzzy=False))


def _trim_prefix(doc: Doc, start: int, end: int, lex: Lexicon, names: PlaceNames, gazetteer: Any) -> int:
    """Drop "City of" from "the City of Norfolk" unless the whole is itself a name ("City of London")."""
    if (
        end - start > 2
        and doc[start].text in lex.name_prefixes
        and doc[start + 1].lower_ == "of"
        and fold(doc[start:end].text) not in names.keys
        and gazetteer.is_name(doc[start + 2 : end].text)
    ):
        return start + 2
    return start


def _scan(doc: Doc, names: PlaceNames, lex: Lexicon, minor: Any = None) -> list[tuple[int, int]]:
    """Longest gazetteer-name matches over capitalised token sequences.

    Names of places below the population floor of :mod:`._names` are matched
    too when ``minor`` (a ``str -> bool`` test such as ``Gazetteer.is_name``)
    is given and the whole capitalised run follows a locative preposition, a noun
    of residence and "of" ("residents of X") or a direction and "of" ("east of X").
    """
    out: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n:
        if not (_is_cap(doc[i]) or _article_prefix(doc, i, lex)):
            i += 1
            continue
        hit = 0
        limit = min(n, i + names.max_tokens + 2)
        ends: list[int] = []
        for j in range(i + 1, limit + 1):
            last = doc[j - 1]
            if j - 1 > i and not (
                _is_cap(last) or last.lower_ in CONNECTORS or last.text in NAME_INNER or _article_prefix(doc, j - 1, lex)
            ):  # "Deir ez-Zor": an assimilated article inside the name
                break
            if _is_cap(last):
                ends.append(j)
        for j in reversed(ends):
            text = doc[i:j].text
            if names.has(text) or (j == i + 1 and text in lex.abbreviations):
                hit = j
                break
        if not hit and ends and minor is not None:
            prev = prev_word(doc, i)
            run = doc[i : ends[-1]]
            if (
                prev is not None
                and (prev.lower_ in STRONG_PREPS or _of_local_noun(doc, i, lex) or _compass_of(doc, i, lex))
                and all(t.ent_type_ in MINOR_ENT_TYPES for t in run)
                and not run.text.isupper()
                and not (run.end < n and doc[run.end].text in {"'s", "’s", "/"})
                and not (len(run) == 1 and common_word(run.text))  # "Still in Charge": a word
                and minor(run.text)
            ):
                hit = ends[-1]  # "in Harwinton": a small place, named after a locative preposition
        if hit and hit - i > 1 and hit < n and doc[hit - 1].text == "City" and _is_cap(doc[hit]):
            hit = _drop_city(doc, i, hit, names)
        if hit:
            out.append((i, hit))
            i = hit
        else:
            i += 1
    return out


def _article_prefix(doc: Doc, i: int, lex: Lexicon) -> bool:
    """True at a lowercase article glued by a hyphen to a capitalised name ("al-Fashir")."""
    return (
        i + 2 < len(doc)
        and doc[i].lower_ in lex.article_prefixes
        and doc[i + 1].text == "-"
        and doc[i].whitespace_ == ""
        and doc[i + 1].whitespace_ == ""
        and _is_cap(doc[i + 2])
    )


def _drop_city(doc: Doc, start: int, end: int, names: PlaceNames) -> int:
    """End of "Boulder" in "Boulder City Council" when "Boulder City" is a lesser namesake.

    "X City" followed by a capitalised word is usually X's city government
    ("City Council", "City Manager"). The shorter name wins when it is itself
    a town at least as populous as the place called "X City" ("Kansas City
    Chiefs" and "Mexico City Police" keep the long name: Kansas and Mexico
    are no towns).
    """
    short = doc[start : end - 1].text
    if fold(short) not in names.keys:
        return end
    s_best, l_best = names.best(short), names.best(doc[start:end].text)
    if s_best is None or l_best is None or s_best.feature_class != "P":
        return end
    if fold(l_best.name) == fold(doc[start:end].text):
        return end  # "New York City", "Quezon City": the long form is the place's own name
    return end - 1 if s_best.population >= l_best.population else end


def _shrink_to_names(
    doc: Doc, cands: list[_Cand], hits: list[tuple[int, int]], gazetteer: Any, lex: Lexicon, names: PlaceNames
) -> None:
    """Cut an NER place span that runs on past a name: "the [Boone County Jail]" -> "Boone County".

    Applies when the span is no gazetteer name but starts with one, followed
    by a word opening an institution's name ("Las Vegas City Marshal", "Henry
    County Courthouse"); "the Sacramento River" stays whole.
    """
    end_at = dict(hits)
    for c in cands:
        if c.source != "ner":
            continue
        t = end_at.get(c.start)
        if t is None or t >= c.end or not _is_cap(doc[t]):
            continue
        if doc[t].lower_ not in lex.institution_words and doc[t].lower_ not in lex.local_nouns:
            continue
        if not gazetteer.is_name(doc[c.start : c.end].text):
            c.end = t
    for c in cands:  # "[San Fernando City] Councilwoman" from NER, as for the scan
        if c.source == "ner" and c.end - c.start > 1 and c.end < len(doc) and doc[c.end - 1].text == "City":
            if _is_cap(doc[c.end]) and fold(doc[c.start : c.end - 1].text) in names.keys:
                c.end = _drop_city(doc, c.start, c.end, names)


def _glued_hyphen_at(doc: Doc, k: int) -> bool:
    """True when token ``k`` is a hyphen with no space on either side ("Bahir Dar-Gondar")."""
    return 0 < k < len(doc) - 1 and doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_


def _split_at_hyphens(doc: Doc, cands: list[_Cand], names: PlaceNames) -> list[_Cand]:
    """Cut an NER place span that is no name but two names joined by a hyphen ("the [Bahir
    Dar-Gondar] highway", "[Goma-Rutshuru]") into its two names, each taken as a scan hit."""
    out: list[_Cand] = []
    for c in cands:
        if c.source == "ner" and not names.has(doc[c.start : c.end].text):
            cut = [
                k for k in range(c.start + 1, c.end - 1)
                if _glued_hyphen_at(doc, k) and names.has(doc[c.start : k].text) and names.has(doc[k + 1 : c.end].text)
            ]
            if len(cut) == 1:
                k = cut[0]
                out.append(_Cand(c.start, k, "gazetteer", "GPE", c.ner))
                out.append(_Cand(k + 1, c.end, "gazetteer", "GPE", c.ner))
                continue
        out.append(c)
    return out


def _route_end(doc: Doc, c: _Cand, names: PlaceNames, lex: Lexicon) -> bool:
    """True for either name of "the A-B highway" (a noun of ``route_words.txt`` after two
    names joined by a hyphen): both ends of a route are places, the other end a known place's
    name or a capitalised one the gazetteer lacks ("the Zemio-Mboki road")."""
    n = len(doc)

    def end(span: Span) -> bool:
        return names.has(span.text) or all(t.is_alpha and t.is_title for t in span)

    if _glued_hyphen_at(doc, c.end):
        for size in range(3, 0, -1):
            hi = c.end + 1 + size
            if hi < n and end(doc[c.end + 1 : hi]) and doc[hi].lower_ in lex.route_words:
                return True
    if _glued_hyphen_at(doc, c.start - 1) and c.end < n and doc[c.end].lower_ in lex.route_words:
        return any(c.start - 1 - size >= 0 and end(doc[c.start - 1 - size : c.start - 1]) for size in (1, 2, 3))
    return False


def _list_of_names(doc: Doc, ent: Span, hits: list[tuple[int, int]]) -> bool:
    """True when an entity is only place names joined by commas and "and"/"or".

    The small model reads "toward Sderot and Ashkelon" as one ``ORG``; such a
    span names no organisation, so its names are plain candidates, not names
    embedded in an organisation's name.
    """
    start, end = _trim(doc, ent.start, ent.end)
    covered = [(s, t) for s, t in hits if start <= s and t <= end]
    if len(covered) < 2:
        return False
    if covered[0][0] != start or covered[-1][1] != end:
        return False
    # between two names: only joiners, and at least one ("The Boston Globe" is no list)
    return all(
        t < s2 and all(doc[i].lower_ in NAME_LIST_JOINERS for i in range(t, s2))
        for (_, t), (s2, _) in pairwise(covered)
    )


def _list_items(doc: Doc, start: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Capitalised runs of a list starting at ``start``: "A, B and C" -> [A, B, C]."""
    items: list[tuple[int, int]] = []
    i, n = start, len(doc)
    while i < n:
        j = i
        while j < n and (
            _is_cap(doc[j])
            or (j > i and doc[j].text in {"-", "'"})
            or (j > i and doc[j - 1].text == "-" and j + 1 < n and doc[j + 1].text == "-" and doc[j].lower_ in CONNECTORS)
        ):
            j += 1
        if j == i:
            break
        items.append((i, j))
        if j < n and doc[j].lower_ in lexicon.feature_types:
            j += 1  # "Kharkiv region, Sumy region and ..."
        if j < n and doc[j].text == "," and j + 1 < n and doc[j + 1].lower_ in {"and", "or"}:
            i = j + 2
        elif j < n and doc[j].text in {",", "and", "or", "&"}:
            i = j + 1
        else:
            break
    return items


def list_items_before(doc: Doc, end: int) -> list[tuple[int, int]]:
    """Capitalised runs of a list ending right before ``end``: "A, B and C" -> [C, B, A].

    Only a real list counts (at least two items joined by "," / "and" / "or").
    """
    items: list[tuple[int, int]] = []
    j = end
    while j > 0:
        i = j
        while i > 0 and i > j - 4 and (_is_cap(doc[i - 1]) or (i < j and doc[i - 1].text in {"-", "/"})):
            i -= 1
        if i == j:
            break
        items.append((i, j))
        k = i - 1
        if k >= 0 and doc[k].lower_ in {"and", "or", "&"}:
            k -= 1
        if k >= 0 and doc[k].text == ",":
            k -= 1
        if k == i - 1:
            break  # no joiner: the list starts here
        j = k + 1
    return items if len(items) > 1 else []


def _after_introducer(doc: Doc, i: int, lexicon: Lexicon) -> int | None:
    """Index after a list introducer starting at ``i`` ("including", "such as"), or None."""
    for words in lexicon.list_introducers:
        if i + len(words) <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            return i + len(words)
    return None


def _group_noun_after(info: "_DocInfo", c: _Cand) -> bool:
    """A name that is no major place before a noun of an armed group ("the Fano militia"),
    not after a locative preposition: the group's name, not a place."""
    doc = info.doc
    if c.end >= len(doc) or doc[c.end].lower_ not in info.lexicon.group_nouns:
        return False
    items = [(c.start, c.end)] + _coordinated_before(doc, c.start)
    prev = prev_word(doc, items[-1][0])
    if prev is not None and prev.lower_ in STRONG_PREPS:
        return False
    # "the Zawiya and Zintan brigades": the names share the noun, so a major place among
    # them makes all of them places, as "the Zawiya brigades" alone
    return not any(info.names.is_major(doc[s:t].text) for s, t in items)


def _coordinated_before(doc: Doc, start: int) -> list[tuple[int, int]]:
    """Capitalised names coordinated before token ``start`` ("[Zawiya] and Zintan",
    "[A], [B] and C"), nearest first."""
    out: list[tuple[int, int]] = []
    j = start - 1
    while j >= 1 and doc[j].lower_ in {"and", "or", ","} and len(out) < 5:
        k = j - 1
        while k >= 0 and _is_cap(doc[k]) and not doc[k].is_stop and j - k <= 4:
            k -= 1
        if k == j - 1:
            break
        out.append((k + 1, j))
        j = k
    return out


def _in_actor_name(info: "_DocInfo", c: _Cand) -> bool:
    """A word of an armed group's or force's several-word name in ``data/geoparse/actors.tsv``
    ("Al-Qaeda in the Islamic Maghreb", "Islamic State West Africa Province"): no place. A
    country keeps its place ("the Sudan Liberation Army" says which country)."""
    doc = info.doc
    text = doc[c.start : c.end].text
    if info.names.is_country(text):
        return False
    sent = doc[c.start].sent
    return get_actors().covers(sent.text, text)


def _armed_group_name(info: "_DocInfo", c: _Cand) -> bool:
    """A place name inside the name of an armed group: no place.

    "the Kachin Liberation Army", "the Donbas Brigade": a word of
    ``data/geoparse/armed_group_words.txt`` marked ``any`` in the run of
    capitalised words after the name. "Islamic State Sahel Province": a word
    marked ``prefixed`` ending the name, with a capitalised word that is no
    place, direction or function word right before it ("Helmand Province" and
    "in Sahel Province" stay places). A word marked ``of`` right before "of" and
    the name ("the Alliance of Sahel States"). A word marked ``alias`` counts after a name
    that is only an alternate name of its place ("the Arakan Army" for Rakhine; "the
    Texas Army National Guard" keeps Texas).
    """
    doc, lex = info.doc, info.lexicon
    words = lex.armed_group_words
    if info.names.is_country(doc[c.start : c.end].text):
        return False  # "the Sudan Liberation Army" still says which country
    j = c.end
    alias = None
    while j < len(doc) and j - c.end < 5 and (_is_cap(doc[j]) or doc[j].text in {"-", "'s", "’s"}):
        kind = words.get(doc[j].text)
        if kind == "any":
            return True
        if kind == "alias":
            if alias is None:
                alias = info.names.alias_only(doc[c.start : c.end].text)
            if alias:
                return True  # "the Arakan Army": an old or ethnic name, not Rakhine itself
        j += 1
    k = c.start - 1
    if k >= 1 and doc[k].lower_ == "the":
        k -= 1
    if k >= 1 and doc[k].lower_ == "of" and words.get(doc[k - 1].text) == "of":
        return True  # "the Alliance of Sahel States": the name of a coalition, not the place
    tail = doc[c.end - 1].text if c.end - c.start > 1 else ""
    if words.get(tail) != "prefixed" and not (c.end < len(doc) and words.get(doc[c.end].text) == "prefixed"):
        return False
    k = c.start - 1
    if k < 0:
        return False
    prev = doc[k]
    return (
        _is_cap(prev)
        and not prev.is_stop
        and not prev.is_sent_start
        and prev.lower_ not in lex.compass
        and prev.lower_ not in lex.person_titles
        and fold(prev.text) not in info.names.keys
        and prev.text not in lex.abbreviations
    )


_TYPE_WORD_MODIFIERS = frozenset({"border"})  # "the Jaber border crossing": the name is before "border"


# type words a nationality qualifies as its country's ("the Malian border", "a Nigerian village", "the Malian capital")
_SETTLEMENT_HINTS = frozenset({"town", "village", "city", "capital"})
_NATIONAL_HINTS = _SETTLEMENT_HINTS | {"country"}


def _rule_spans(doc: Doc, lexicon: Lexicon, gazetteer: Any) -> list[_Cand]:
    """Spans found by the feature-type rules ("regions of A, B and C", "X district", ...)."""
    out: list[_Cand] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if not tok.is_lower or tok.lower_ not in lexicon.feature_types or tok.tag_ == "VBG":
            continue  # "refugees in Rafah crossing the border": a verb, no type word
        hint = lexicon.feature_types[tok.lower_].hint
        # "<types> of A, B and C" / "the Swiss city of Geneva"; a singular type word names one place
        # ("the village of A, B region": B is the region's) and a name with a type word of its own is that
        if i + 2 < n and doc[i + 1].lower_ == "of" and _is_cap(doc[i + 2]):
            items = _list_items(doc, i + 2, lexicon)
            for s, e in items if tok.tag_ == "NNS" else items[:1]:
                s, e = _trim(doc, s, e)
                if e < n and doc[e].is_lower and doc[e].lower_ in lexicon.feature_types:
                    continue
                if e > s and gazetteer.is_name(doc[s:e].text):
                    out.append(_Cand(s, e, "rule", "GPE", None, hint, None))
        # "A, B and C counties": every item of a list before a plural type word
        if tok.tag_ == "NNS":
            for s, e in list_items_before(doc, i):
                s, e = _trim(doc, s, e)
                if e > s and gazetteer.is_name(doc[s:e].text):
                    out.append(_Cand(s, e, "rule", "GPE", None, hint, None))
            # "villages including A, B and C", "towns such as A and B"
            k = _after_introducer(doc, i + 1, lexicon)
            if k is not None and k < n and _is_cap(doc[k]):
                for s, e in _list_items(doc, k, lexicon):
                    s, e = _trim(doc, s, e)
                    if e > s and gazetteer.is_name(doc[s:e].text):
                        out.append(_Cand(s, e, "rule", "GPE", None, hint, None))
        # "the X district" / "X region" / "the X border crossing"
        end = i - 1 if i > 1 and doc[i - 1].lower_ in _TYPE_WORD_MODIFIERS and _is_cap(doc[i - 2]) else i
        j = end
        while j > 0 and _is_cap(doc[j - 1]) and end - j < 4:
            j -= 1
        if j < end:
            s, e = _trim(doc, j, end)
            if hint in _NATIONAL_HINTS and doc[s:e].text in lexicon.demonyms:
                continue  # "the Thai border", "a Malian town": the country's, said by its demonym
            if e > s and gazetteer.is_name(doc[s:e].text):
                # a common word before a singular region word that names a first-order division
                # ("Cameroon's West region", "the Centre-Nord region") is that division's name
                named = end == i and hint == "region" and tok.tag_ != "NNS" and any(
                    p.feature_code == "ADM1"
                    for p in gazetteer.candidates(doc[s : i + 1].text, limit=OUTER_NAMESAKES, fuzzy=False)
                )
                out.append(_Cand(s, e, "rule", "GPE", None, hint, None, slot=named))
    out.extend(_possessive_spans(doc, gazetteer))
    return out


def _possessive_spans(doc: Doc, gazetteer: Any) -> list[_Cand]:
    """ "Iraq's Hawija", "North Kordofan's El Rahad": the capitalised run after the possessive
    of a country or first-order division, when a spelling of it (not a fuzzy likeness) names a
    place inside that area. Whether it is taken is decided with the other candidates
    (:func:`_possessed_place`)."""
    out: list[_Cand] = []
    n = len(doc)
    for i in range(2, n):
        if not _headline.possessive_before(doc, i) or not _is_cap(doc[i]):
            continue
        owner_end = i - 1
        a = owner_end
        while a > 0 and _is_cap(doc[a - 1]) and owner_end - a < 3:
            a -= 1
        e = i
        while e < n and _is_cap(doc[e]) and e - i < 3:
            e += 1
        owner = doc[a:owner_end].text
        end = next((k for k in range(e, i, -1) if _inside_owner(gazetteer, owner, doc[i:k].text)), None) if a < owner_end else None
        if end is not None:
            out.append(_Cand(i, end, "rule", "GPE", None, None, None))
    return out


def _inside_owner(gazetteer: Any, owner: str, name: str) -> bool:
    """Whether some place spelled ``name`` lies in the country or first-order division ``owner``."""
    outers = [
        o for o in gazetteer.candidates(owner, limit=OUTER_NAMESAKES, fuzzy=False)
        if o.feature_code in COUNTRY_CODES or o.feature_code == "ADM1"
    ]
    return any(  # asked within the owner's country: a spelling of a town of unknown size counts there
        o.feature_code != "ADM1" or p.admin1_code == o.admin1_code
        for o in outers
        for p in gazetteer.candidates(name, country=o.country_code, limit=NAMESAKES, fuzzy=False)
    )


# ---------------------------------------------------------------- the decision
@dataclass(slots=True)
class _DocInfo:
    doc: Doc
    ent_of: list[Any]
    surnames: frozenset[str]
    lexicon: Lexicon
    names: PlaceNames
    place_keys: set[str]
    name_lists: set[int] = field(default_factory=set)  # starts of entities that only list place names
    people: frozenset[str] = frozenset()  # folded last words of people's names (see recognise)
    headline_slots: frozenset[tuple[int, int]] = frozenset()  # place slots of headlines (see _headline)
    hierarchy: set[tuple[int, int]] = field(default_factory=set)  # names of a stated hierarchy (see hierarchy)


def _titled_names(doc: Doc, lex: Lexicon, names: PlaceNames) -> frozenset[str]:
    """Folded single names written after a person title ("Ms. Moayyad", "Mr. Bell")."""
    out = set()
    for i in range(1, len(doc)):
        tok = doc[i]
        low = tok.lower_
        if low in lex.person_titles or low in lex.local_nouns or low in lex.institution_words:
            continue
        if _is_cap(tok) and tok.pos_ == "PROPN" and _title_before(doc, i, lex):
            if not (i + 1 < len(doc) and _is_cap(doc[i + 1])) and not names.is_major(tok.text):
                out.add(fold(tok.text))
    return frozenset(out)


def _after_name_particle(info: _DocInfo, c: _Cand) -> bool:
    """True for a name after the particles of a person's name ("Ursula von der Leyen").

    The small model often ends the ``PERSON`` entity before the last word
    ("[Ursula von der] [Leyen]"). The name is a person's when the particles
    (``data/geoparse/name_particles.txt``; "al-"/"el-" glued by a hyphen)
    follow a person's name or lie in a ``PERSON`` entity, or when two or more
    stand after a lowercase word ("chief von der Leyen"). "Puerto de la Cruz"
    (no person around) is left alone.
    """
    doc, particles = info.doc, info.lexicon.name_particles
    start, j, n = c.start, c.start - 1, 0
    if c.start + 1 < c.end and doc[c.start].lower_ in particles and doc[c.start + 1].text == "-":
        start, n = c.start + 2, 1  # the scan read "al-Thani" as one name
    elif j >= 1 and doc[j].text == "-" and doc[j].whitespace_ == "" and doc[j - 1].lower_ in particles:
        j, n = j - 2, 1
    while j >= 0 and doc[j].is_lower and doc[j].lower_ in particles:
        j, n = j - 1, n + 1
    if n == 0:
        return False
    in_person = any(  # a person's name that starts before the particles ("[Ursula von der] Leyen")
        (e := info.ent_of[k]) is not None and e.label_ == "PERSON" and e.start <= j
        for k in range(max(j, 0), start)
    )
    if in_person:
        return True
    prev = doc[j] if j >= 0 else None
    return n >= 2 and (prev is None or not _is_cap(prev))


def _person_evidence(info: _DocInfo, c: _Cand) -> bool:
    doc, lex = info.doc, info.lexicon
    if _title_before(doc, c.start, lex):
        return True
    if _after_name_particle(info, c):
        return True
    if _qualifies_local_noun(doc, c, lex) and fold(doc[c.start : c.end].text) not in info.surnames:
        return False  # "Fargo Mayor Dennis Walaker", "a Kharkiv man": the name qualifies the noun
    if (
        c.end < len(doc)
        and _is_cap(doc[c.end])
        and fold(doc[c.end].text) in info.surnames
        and doc[c.end].lower_ not in lex.person_titles
        and doc[c.end].lower_ not in lex.institution_words
        and not info.names.is_major(doc[c.start : c.end].text)
    ):
        return True  # "Nadia Moayyad" after "Ms. Moayyad": a first name
    ent = info.ent_of[c.start]
    if ent is not None and ent.label_ == "PERSON" and (ent.start < c.start or ent.end > c.end):
        return True
    key = fold(doc[c.start : c.end].text)
    prev = prev_word(doc, c.start)
    if key in info.surnames and not info.names.is_major(doc[c.start : c.end].text):
        return True  # "... chased Bell" after "Officer Dana Bell": the person, even after "beyond"
    locative = prev is not None and prev.lower_ in STRONG_PREPS
    if locative or _last_of_locative_list(doc, c, lex):
        return False
    if prev is not None and prev.lower_ in SUBJECT_PREPS:
        return False  # "Fishermen on Lake X said": the name locates the speakers, it does not speak
    if _of_local_noun(doc, c.start, lex):
        return False  # "Residents of X said": the residents speak
    if c.end < len(doc) and lemma(doc[c.end]) in lex.speech_verbs:
        # "Kushner said": a person unless NER itself called it a place that speaks for a government
        if c.ner == "PERSON" or not info.names.is_major(doc[c.start : c.end].text):
            return True
    return False


def _last_of_locative_list(doc: Doc, c: _Cand, lexicon: Lexicon) -> bool:
    """True for the last name of a list after a locative preposition ("Workers in A and B
    said") or after "of" and a noun of residence ("residents of A and B said")."""
    items = list_items_before(doc, c.end)
    if len(items) < 2 or items[0] != (c.start, c.end):
        return False
    first = items[-1][0]
    prev = prev_word(doc, first)
    if prev is not None and prev.lower_ in STRONG_PREPS:
        return True
    return _of_local_noun(doc, first, lexicon)  # "residents of A and B reported": the residents speak


def _after_party(doc: Doc, c: _Cand, lexicon: Lexicon) -> bool:
    """True for a legislator's home place: "Rep. Jane Roe, D-Springfield"."""
    return (
        c.start >= 3
        and doc[c.start - 1].text == "-"
        and doc[c.start - 2].text in lexicon.party_initials
        and doc[c.start - 3].text in {",", "("}
        and not (c.end < len(doc) and _is_cap(doc[c.end]))  # the whole name: not "D-Story" of "D-Story City"
    )


def _compound_place(doc: Doc, c: _Cand, lexicon: Lexicon) -> bool:
    """True for "Kyiv-based", "Moscow-backed": a place name before a hyphenated participle."""
    return (
        c.end + 1 < len(doc)
        and doc[c.end].text == "-"
        and doc[c.end - 1].whitespace_ == ""
        and doc[c.end + 1].lower_ in lexicon.compound_suffixes
    )


def _of_after_person(info: _DocInfo, c: _Cand) -> bool:
    """True for a residence after a person's name: "Jane Roe of Springfield"."""
    if c.start < 2 or info.doc[c.start - 1].lower_ != "of":
        return False
    ent = info.ent_of[c.start - 2]
    return ent is not None and ent.label_ == "PERSON" and ent.end == c.start - 1


def _no_person_name(info: _DocInfo, c: _Cand) -> bool:
    """False when the article has a longer entity ending in this name ("Tyrise M. Bell")."""
    key = fold(info.doc[c.start : c.end].text)
    return not any(
        len(e) > 1 and e.label_ in {"PERSON", "ORG"} and fold(e[-1].text) == key and fold(e.text) != key
        for e in info.doc.ents
    )


def _locative_before(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    """True when a locative slot opens right before ``start``.

    A locative preposition ("in", "near", "from the"), "out of" ("flights out
    of X"), or "to" after a verb of movement (``data/geoparse/motion_verbs.txt``:
    "families fled to X", "were moved to X"; not "spoke to X").
    """
    prev = prev_word(doc, start)
    if prev is None:
        return False
    low = prev.lower_
    if low in STRONG_PREPS:
        return True
    if low == "of":
        return prev.i > 0 and doc[prev.i - 1].lower_ == "out"
    if low == "to":
        head = prev.head
        return head.i < prev.i and head.pos_ == "VERB" and lemma(head) in lexicon.motion_verbs
    return False


def _target_of_attack(doc: Doc, c: _Cand, lexicon: Lexicon) -> bool:
    """True for a name after the preposition of a noun of attack that names its target
    ("the strikes on X", "an offensive against X", "the shelling of X";
    ``data/geoparse/target_nouns.tsv``), unless the small model calls it a person
    ("the attack on Rushdie")."""
    if c.ner == "PERSON" or c.start < 1:
        return False
    prep = doc[c.start - 1]
    head = prep.head
    if head.i >= prep.i or head.pos_ != "NOUN":
        return False
    return prep.lower_ in lexicon.target_nouns.get(lemma(head), ())


def _place_evidence(info: _DocInfo, c: _Cand) -> bool:
    doc, lex = info.doc, info.lexicon
    if _locative_before(doc, c.start, lex) or _target_of_attack(doc, c, lex):
        return True
    if is_dateline(doc, c.start, c.end) or _after_party(doc, c, lex) or _compound_place(doc, c, lex):
        return True
    if _of_after_person(info, c):
        return True
    if _of_local_noun(doc, c.start, lex):
        return True  # "residents of Kramatorsk", "the mayor of Springfield"
    if _qualifies_local_noun(doc, c, lex) and fold(doc[c.start : c.end].text) not in info.surnames:
        return True
    # "a Gainesville man", "another Kharkiv hospital": a place name modifying a common noun
    if (
        c.start > 0
        and doc[c.start - 1].lower_ in {"a", "an", "another", "the", "this", "that", "every"}
        and c.end < len(doc)
        and doc[c.end].pos_ == "NOUN"
        and doc[c.end].is_lower
        and fold(doc[c.start : c.end].text) not in info.surnames
    ):
        return True
    if c.hint is not None or _water_word_in_name(doc, c, lex):
        return True
    if _object_of_place_verb(doc, c, lex, people=info.people):
        return True
    if c.end + 1 < len(doc) and doc[c.end].text == "," and doc[c.end + 1].text in lex.abbreviations:
        return True
    if _compass_of(doc, c.start, lex):
        return True  # "villages west of X", "20 km north of X", "east of the Euphrates"
    return _site_after(doc, c, lex)


def _site_after(doc: Doc, c: _Cand, lex: Lexicon) -> bool:
    """True for a name right before a lower-case noun of a site ("Bayji refinery", "the Rann
    camp"; ``site_words.txt``): the site lies there."""
    if c.end >= len(doc) or not doc[c.end].is_lower:
        return False
    word = doc[c.end].lower_
    return word in lex.site_words or (word.endswith("s") and word[:-1] in lex.site_words)


def _place_slot(info: _DocInfo, c: _Cand) -> bool:
    """True for a name in a slot only places fill: after a locative preposition ("police in
    X said"), after "of" and a noun of residence ("residents of X") or after the preposition
    of a noun of attack ("the raid on X"); not a mere modifier ("the Marburg virus")."""
    doc, lex = info.doc, info.lexicon
    return _locative_before(doc, c.start, lex) or _of_local_noun(doc, c.start, lex) or _target_of_attack(doc, c, lex)


def _water_word_in_name(doc: Doc, c: _Cand, lexicon: Lexicon) -> bool:
    """True for a name that opens or ends with a capitalised word of a body of water
    (a feature-type word of class ``H``): "Lake Kivu", "the Oskol River"."""
    if c.end - c.start < 2:
        return False
    return any(_is_cap(tok) and lexicon.water_type(tok.lower_) is not None for tok in (doc[c.start], doc[c.end - 1]))


def _head_of_longer_name(info: _DocInfo, c: _Cand) -> bool:
    """True for the first part of a longer place name joined by a lower-case word
    (``data/geoparse/name_joiners.txt``): "Cerro de Zopilotes", "Rincón de Tamayo", whose
    first word alone is a hill or a corner, not the town of that name elsewhere."""
    doc = info.doc
    return c.end + 1 < len(doc) and doc[c.end].is_lower and doc[c.end].text in info.lexicon.name_joiners \
        and bool(doc[c.end].whitespace_) and _is_cap(doc[c.end + 1]) and doc[c.end + 1].is_alpha


def _tail_of_longer_name(info: _DocInfo, c: _Cand) -> bool:
    """True for the last word(s) of a longer capitalised name: one opened by a generic word
    ("Ein Tarma", ``data/geoparse/name_heads.txt``), or typed by the word after it.

    "Shwe Pyi Kone village": the feature-type word names the whole run, which the
    gazetteer does not know; its tail ("Kone") is not the place meant. The word
    before must be a capitalised word inside the sentence (whatever its tag: the
    model reads parts of such names as conjunctions or verbs) that is no place
    name, demonym, title, direction or abbreviation.
    """
    doc, lex = info.doc, info.lexicon
    if c.start == 0 or c.label == "NORP":
        return False
    prev = doc[c.start - 1]
    if prev.text in lex.name_heads and prev.whitespace_:
        return True  # "Ein Tarma": a generic word opens the whole name (data/geoparse/name_heads.txt)
    if c.end >= len(doc):
        return False
    nxt = doc[c.end]
    if not (nxt.is_lower and nxt.lower_ in lex.feature_types):
        return False
    return (
        _is_cap(prev)
        and prev.is_alpha
        and len(prev.text) > 1
        and not prev.is_sent_start
        and not (c.start >= 2 and doc[c.start - 2].text in {'"', "“", "‘", ":"})
        and prev.text not in lex.demonyms
        and prev.text not in lex.abbreviations
        and prev.lower_ not in lex.person_titles
        and prev.lower_ not in lex.compass
        and fold(prev.text) not in info.names.keys
    )


def _object_of_place_verb(doc: Doc, c: _Cand, lexicon: Lexicon, *, people: frozenset[str] = frozenset()) -> bool:
    """True for the direct object (or passive subject) of a verb that takes places ("troops
    shelled Kramatorsk", "rebels seized Kamanyola and Uvira", "Kharkiv was shelled";
    ``data/geoparse/place_verbs.txt``), written
    without an article, or of a verb of striking ("shelling hit Deir ez-Zor";
    ``strike_verbs.txt``) when the small model does not call the name a person, here or
    anywhere in the article (``people``: "the shots struck Bell" after "Bell's back")."""
    tok = doc[c.end - 1]
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head  # "seized A and B": B hangs on A
    # the subject of the passive is the object too: "Kharkiv was shelled overnight"
    if tok.dep_ not in {"dobj", "obj", "nsubjpass"} or (c.start > 0 and doc[c.start - 1].lower_ in {"the", "a", "an"}):
        return False  # "captured the Best in Show award": a title, not a place
    head = tok.head
    # the small model sometimes tags an irregular past form as a noun ("retook"); its direct
    # object still makes it a verb, and the file lists such forms too
    person = c.ner == "PERSON" or fold(doc[c.start : c.end].text) in people
    if head.pos_ not in {"VERB", "NOUN"}:
        return False
    forms = {lemma(head), head.lower_}
    return bool(forms & lexicon.place_verbs) or (not person and bool(forms & lexicon.strike_verbs))


def _type_word_apposed(doc: Doc, end: int, lexicon: Lexicon) -> str | None:
    """Hint of an apposition naming the kind of place: "X, the capital of Y", "X, a town in Y".

    A comma, an article, at most two lowercase modifiers ("a small border
    town"), then a feature-type word that is not a possessor ("the state's").
    """
    n = len(doc)
    if end + 2 >= n or doc[end].text != "," or doc[end + 1].lower_ not in {"the", "a", "an"}:
        return None
    j = end + 2
    for _ in range(3):
        if j >= n or not doc[j].is_lower:
            return None
        ft = lexicon.feature_types.get(doc[j].lower_)
        if ft is not None and doc[j].tag_ in {"NN", "NNS"}:
            if j + 1 < n and doc[j + 1].text in {"'s", "’s", "'"}:
                return None
            return ft.hint
        if doc[j].pos_ not in {"ADJ", "NOUN"}:
            return None
        j += 1
    return None


def _followed_by_place(info: _DocInfo, c: _Cand, accepted: set[tuple[int, int]], gazetteer: Any) -> bool:
    """True for "X in <an accepted place>" when a place named X lies in that place's
    country and first-order division ("Druzhkivka in the Donetsk region"; not
    "Obama in Orange County", "the Resort and Casino in Las Vegas").
    """
    doc = info.doc
    ends = dict(accepted)
    j = c.end
    if j < len(doc) and doc[j].text == ",":
        j += 1  # "and to Mirebalais, in the Centre department"
    if j >= len(doc) or doc[j].lower_ != "in":
        return False
    j += 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    while j < len(doc) and (doc[j].lower_ in info.lexicon.compass or doc[j].lower_ in info.lexicon.place_modifiers):
        j += 1  # "Kramatorsk, in eastern Ukraine"
    if j not in ends:
        return False
    outers = [
        o for o in gazetteer.candidates(doc[j : ends[j]].text, limit=OUTER_NAMESAKES, fuzzy=False)
        if o.feature_code.startswith("PCL") or o.feature_code == "ADM1"
    ] or [o for o in [info.names.best(doc[j : ends[j]].text)] if o is not None]
    if not outers:
        return False
    return any(
        p.country_code == outer.country_code
        and (outer.feature_code.startswith("PCL") or p.admin1_code == outer.admin1_code)
        for p in gazetteer.candidates(doc[c.start : c.end].text, limit=NAMESAKES, fuzzy=False)
        if p.feature_class == "P"
        for outer in outers
    )


def _inside_other_name(info: _DocInfo, c: _Cand) -> bool:
    """True when the span sits inside a longer non-place entity ("Dublin Road", "Ohio State University").

    An entity that lies inside the span is no shell around it: the small model
    tagging only "[Croix]-des-Bouquets" as a person does not make the whole name
    part of another one.
    """
    for i in (c.start, c.end - 1):
        ent = info.ent_of[i]
        if (
            ent is not None
            and ent.label_ in SHELL_LABELS
            and _trim(info.doc, ent.start, ent.end) != (c.start, c.end)
            and (ent.start < c.start or ent.end > c.end)
            and ent.start not in info.name_lists  # "toward [Sderot and Ashkelon]" read as one ORG
            and not _after_place_possessive(info, ent, c)
        ):
            return True  # "the Suez Canal" tagged FAC is the name itself, not a shell around it
    return False


def _after_place_possessive(info: _DocInfo, ent: Span, c: _Cand) -> bool:
    """True for "[Kharkiv's Shevchenkivskyi] district" read as one entity: a place name and
    its possessive before the span, nothing after it but a type word; the span is a part of
    that place."""
    k = c.start - 1
    doc = info.doc
    return (
        (ent.end == c.end or (ent.end == c.end + 1 and doc[c.end].lower_ in info.lexicon.feature_types))
        and k > ent.start
        and info.doc[k].text in {"'s", "’s"}
        and fold(info.doc[ent.start : k].text) in info.names.keys
    )


def _embedded_ok(info: _DocInfo, c: _Cand, text: str) -> bool:
    """A place inside an organisation name: at its start or after "of", and a major or known place.

    "the Ohio Department of Education", "University of Kentucky" count; "Main Street
    Bank" or "Superior Court" do not (the word is not where the name starts, or
    is not a place the article otherwise names).
    """
    doc, lex = info.doc, info.lexicon
    ent = info.ent_of[c.start]
    head = ent.start
    while head < c.start and (doc[head].lower_ in {"the", "a", "an"} or doc[head].lower_ in lex.compass):
        head += 1  # "the Northern Illinois University"
    if c.start > head and doc[c.start - 1].lower_ in STRONG_PREPS:
        return info.names.is_plain(text)  # "St. John's School in Lombard"
    after_of = doc[c.start - 1].lower_ == "of" or (
        c.start >= 2 and doc[c.start - 1].lower_ == "the" and doc[c.start - 2].lower_ == "of"
    )
    if not (c.start == head or after_of):
        return False
    if doc[ent.end - 1].text in lex.media_words:
        return False  # "The Miami Herald": a masthead
    if text in lex.abbreviations:
        # "the N.J. Division of ...", "U.S. Army"; not a bare "Ind." or "Miss."
        return lex.abbreviations[text][1] != "US" or text.count(".") >= 2 or text in {"US", "USA"}
    if not info.names.is_plain(text):
        return False
    return (
        _designator(doc, c.start + 1, c.end, lex, at_start=False) is not None  # "the Meigs County Court"
        or _qualifies_local_noun(doc, c, lex)
        or info.names.is_major(text)
        or fold(text) in info.place_keys
        or info.names.population(text) >= EMBEDDED_POPULATION
    )


def _name_at_hyphen(doc: Doc, k: int, before: bool, names: PlaceNames) -> bool:
    """Whether a place name of up to three words ends (``before``) or starts at token ``k``,
    on the other side of a hyphen ("the Ituri-North Kivu border", "Russia-Ukraine")."""
    for size in range(1, 4):
        lo, hi = (k - size + 1, k + 1) if before else (k, k + size)
        if lo < 0 or hi > len(doc):
            break
        if fold(doc[lo:hi].text) in names.keys:
            return True
    return False


def _in_compound(doc: Doc, c: _Cand, info: _DocInfo) -> bool:
    """True for a name glued by a hyphen to a word that is no place ("Wal-Mart", "Arab-Israeli")."""
    if _after_party(doc, c, info.lexicon) or _compound_place(doc, c, info.lexicon):
        return False
    for j in (c.start - 1, c.end):
        if 0 <= j < len(doc) and doc[j].text == "-":
            k = j - 1 if j < c.start else j + 1
            if 0 <= k < len(doc) and doc[k].is_alpha and not _name_at_hyphen(doc, k, j < c.start, info.names):
                return True
    if c.end < len(doc) and doc[c.end - 1].whitespace_ == "" and doc[c.end].text.startswith("-"):
        return doc[c.end].text != "-"  # a glued suffix token ("-style"); a bare "-" was weighed above
    return False


def _glued_by_hyphen(doc: Doc, c: _Cand) -> bool:
    """True when a hyphen with no space around it joins the span to the next or previous word
    ("Carrefour-Feuilles"; not "Norfolk - Pack 122")."""
    return _glued_hyphen_at(doc, c.end) or _glued_hyphen_at(doc, c.start - 1)


def _day_number(tok: Any) -> bool:
    """True for a token that can be a day of the month ("16", "3rd")."""
    digits = tok.text.rstrip("stndrdth") if tok.text[:1].isdigit() else ""
    return digits.isdigit() and 1 <= int(digits) <= 31


def _month_date(doc: Doc, c: _Cand, lex: Lexicon) -> bool:
    """True for a month name next to a day number ("MOSCOW, Nov 16", "on 16 Nov.")."""
    if c.end - c.start != 1 or doc[c.start].lower_.rstrip(".") not in lex.month_names:
        return False
    after = c.end + (c.end < len(doc) and doc[c.end].text == ".")
    return (after < len(doc) and _day_number(doc[after])) or (c.start > 0 and _day_number(doc[c.start - 1]))


def _decide(info: _DocInfo, c: _Cand) -> bool | None:
    """True accept, False reject, None undecided (accepted later if listed with places)."""
    doc, lex = info.doc, info.lexicon
    text = doc[c.start : c.end].text
    key = fold(text)
    if c.source == "demonym" or (c.source == "embedded" and c.label == "NORP"):
        return True
    if text in lex.demonyms and _settlement_word_at(doc, c.end, lex):
        return False  # "in Somali village": the country's village, not the Somali region of Ethiopia
    if _month_date(doc, c, lex):
        return False  # "MOSCOW, Nov 16 (AP)": a date, not the town of Nov
    if _route_end(doc, c, info.names, lex):
        return True  # "the Bahir Dar-Gondar highway", whatever a person in the article is called
    if _head_of_longer_name(info, c):
        return False  # "Cerro de Zopilotes": a hill, not the town Cerro
    if (c.start, c.end) in info.hierarchy and c.source == "rule":
        return not (_title_before(doc, c.start, lex) or _after_name_particle(info, c))
    if (c.start, c.end) in info.headline_slots and c.label != "NORP":
        return _headline_slot(info, c, key)
    if _person_evidence(info, c) or _publication(info, c):
        return False
    if _street_word_after(doc, c.end, lex):
        return False  # "Washington Avenue", "Dublin Road": a street, not the place
    if _group_noun_after(info, c):
        return False  # "the Fano militia", "an Azov battalion": a group named after a place
    if _armed_group_name(info, c) or _in_actor_name(info, c):
        return False  # "the Kachin Liberation Army", "Islamic State Sahel Province"
    if _tail_of_longer_name(info, c):
        return False  # "Shwe Pyi Kone village": the village is the whole run, not "Kone"
    if c.source == "ner":
        if key in lex.stop_names and not _place_evidence(info, c):
            return False
        return True
    if key in lex.stop_names:
        # "Cameroon's West region": undecided, taken in a report on Cameroon (_region_in_article_country)
        return None if c.source == "rule" and c.slot else False
    if c.source == "gazetteer" and (is_dateline(doc, c.start, c.end) or _after_party(doc, c, lex)):
        return True  # explicit place slots: "SALINA, Kan. -", "Rep. Jane Roe, D-Springfield"
    if c.source == "embedded":
        if _after_party(doc, c, lex) or _compound_place(doc, c, lex) or _of_after_person(info, c):
            return True  # "Rep. Jane Roe, D-Springfield" read as one organisation name
        if _glued_by_hyphen(doc, c) and _in_compound(doc, c, info):
            return False  # "[Carrefour]-Feuilles": the head of a longer hyphenated name
        return _embedded_ok(info, c, text)
    if (
        _qualifies_local_noun(doc, c, lex)
        and key not in info.surnames
        and info.names.is_plain(text)
        and not _in_compound(doc, c, info)
    ):
        return True  # "Fargo Mayor Dennis Walaker" (one PERSON entity for the small model)
    if _inside_other_name(info, c):
        return False
    if c.source == "gazetteer" and not (text in lex.abbreviations or info.names.is_plain(text)):
        # "near Arbinda" (Aribinda): undecided, taken when the text ties it to the article's places
        c.alias = _alias_after_preposition(info, c, text)
        c.weak = not c.alias
        return None if c.alias else False
    if c.source == "gazetteer" and _in_compound(doc, c, info):
        return False
    if c.source == "rule" or _place_evidence(info, c):
        return True
    if c.ner in {"PERSON", "ORG", "NORP"}:
        # the small model calls many Ukrainian towns people; a major place it stays
        return True if info.names.is_major(text) else None
    if c.ner is None and all(t.pos_ == "PROPN" for t in doc[c.start : c.end]):
        if info.names.is_major(text) and not (doc[c.start].is_sent_start and c.end - c.start == 1):
            return True
    return None


def _headline_slot(info: _DocInfo, c: _Cand, key: str) -> bool | None:
    """A gazetteer name in a place slot of a headline (:mod:`._headline`): a place, whatever
    the small model tags it, unless a title or name particle makes it a person or it is a
    function word. After a possessive ("Iraq's Samarra") the possessor decides (undecided)."""
    doc, lex = info.doc, info.lexicon
    if key in lex.stop_names or _title_before(doc, c.start, lex) or _after_name_particle(info, c):
        return False
    if all(t.is_stop for t in doc[c.start : c.end]):
        return False
    c.slot = True
    if _headline.possessive_before(doc, c.start):
        owner = info.ent_of[c.start - 2]
        if owner is not None and owner.label_ in {"PERSON", "GPE", "LOC", "NORP"}:
            return None  # "Iraq's Samarra": the place possessor decides (a person's: none)
        if owner is None and _is_cap(doc[c.start - 2]):
            return None
    if c.source == "embedded":
        c.source = "gazetteer"  # a headline's name inside a mistagged organisation: a place of its own
    return True


def _spelt_name(gazetteer: Any, text: str) -> bool:
    """A gazetteer name, or a spelling the gazetteer matches without fuzziness ("Um Ruwaba": Umm
    Ruwaba; "Hawija": Al Hawijah): what a headline's place slot takes."""
    return gazetteer.is_name(text) or bool(gazetteer.lookup(text, fuzzy=False, limit=1))


def _is_area_name(gazetteer: Any, text: str) -> bool:
    """Whether some administrative area (feature class ``A``) bears this name."""
    return any(p.feature_class == "A" for p in gazetteer.candidates(text, limit=OUTER_NAMESAKES, fuzzy=False))


def _publication(info: _DocInfo, c: _Cand) -> bool:
    """A name written with a capitalised "The" and followed by a verb of saying: a publication
    ("The Irrawaddy reported", "The Hindu said"), unless "The" is part of the place's own name
    ("The Hague")."""
    doc = info.doc
    if c.start == 0 or c.end >= len(doc) or doc[c.start - 1].text != "The":
        return False
    if fold(doc[c.start - 1 : c.end].text) in info.names.keys or info.names.is_country(doc[c.start : c.end].text):
        return False  # "The Hague said", "The Democratic Republic of Congo said": the place's government
    return lemma(doc[c.end]) in info.lexicon.speech_verbs


def _possessed_place(info: _DocInfo, c: _Cand, accepted: dict[int, int], gazetteer: Any) -> bool:
    """ "Iraq's Samarra", "Ukraine's Gorlovka": a name after the possessive of an accepted
    country or first-order division, with a namesake inside it."""
    doc = info.doc
    if not _headline.possessive_before(doc, c.start):
        return False
    starts = {e: s for s, e in accepted.items()}
    s = starts.get(c.start - 1)
    if s is None:
        return False
    return _inside_owner(gazetteer, doc[s : c.start - 1].text, doc[c.start : c.end].text)


def _alias_after_preposition(info: _DocInfo, c: _Cand, text: str) -> bool:
    """A name that is no place's plain name, in a slot that takes places: possibly a place.

    An alternate spelling that is no place's own name right after a locative
    preposition or as the target of an attack ("near Arbinda" for Aribinda,
    "the strikes on Hodeidah"); or any such name that a type word calls a place
    ("the regional capital, Stepanakert") or that is the object of a verb that
    takes places ("the army retook Palmyra", whose best namesake is a Brazilian
    town that once bore the name).

    Such a name stays undecided (not rejected): a list with places, "X, in <a
    place of its country>", the article's area or a country the article names
    then make it a place ("in Human Resources" stays none). A name some place
    bears itself ("Franklin") after a mere preposition is left to the other tests.
    """
    doc, lex = info.doc, info.lexicon
    if c.hint is not None or _object_of_place_verb(doc, c, lex, people=info.people):
        c.slot = True
        return True
    if _target_of_attack(doc, c, lex):
        c.slot = info.names.alias_only(text)
        return c.slot
    return _locative_before(doc, c.start, lex) and info.names.alias_only(text)


def _accepted_countries(info: _DocInfo, cands: list[_Cand]) -> frozenset[str]:
    """Country codes of the accepted names: of each place's best candidate, and of demonyms."""
    out = set()
    for c in cands:
        if not c.accepted:
            continue
        text = info.doc[c.start : c.end].text
        if c.label == "NORP":
            cc = info.lexicon.demonyms.get(text)
            if cc:
                out.add(cc)
            continue
        best = info.names.best(text)
        if best is not None and best.country_code:
            out.add(best.country_code)
    return frozenset(out)


def _alias_in_article_country(info: _DocInfo, c: _Cand, countries: frozenset[str], gazetteer: Any) -> bool:
    """True for an undecided name in a slot that only takes places (a type word, a place
    verb, an attack's target; see :func:`_alias_after_preposition`) with a namesake in a
    country the article names ("retook Palmyra" in a report on Syria).

    The namesake must be a town of at least :data:`COHERENT_POPULATION` people or an
    area; a name a type word calls a place ("the regional capital, X") may be any town.
    """
    if not (c.alias and c.slot) or not countries:
        return False  # after a mere preposition ("in Love"), the article's area must support it
    text = info.doc[c.start : c.end].text
    return any(
        p.country_code in countries
        and (p.feature_class == "A" or (p.feature_class == "P" and (c.hint is not None or p.population >= COHERENT_POPULATION)))
        for p in gazetteer.candidates(text, limit=NAMESAKES, fuzzy=False)
    )


def _region_in_article_country(info: _DocInfo, c: _Cand, countries: frozenset[str], gazetteer: Any) -> bool:
    """True for a common word that a region word after it makes a first-order division's name
    ("the West region", see :func:`_rule_spans`) when that division lies in a country the
    article names."""
    doc = info.doc
    if not (c.slot and c.source == "rule") or not countries or c.end >= len(doc):
        return False
    return any(
        p.feature_code == "ADM1" and p.country_code in countries
        for p in gazetteer.candidates(doc[c.start : c.end + 1].text, limit=NAMESAKES, fuzzy=False)
    )


def _accepted_areas(info: _DocInfo, cands: list[_Cand]) -> frozenset[tuple[str, str]]:
    """(country, admin-1 code) of the best place of each accepted name below country level."""
    out = set()
    for c in cands:
        if not c.accepted or c.label == "NORP":
            continue
        best = info.names.best(info.doc[c.start : c.end].text)
        if best is not None and best.admin1_code and not best.feature_code.startswith("PCL"):
            out.add((best.country_code, best.admin1_code))
    return frozenset(out)


def _in_article_area(info: _DocInfo, c: _Cand, areas: frozenset[tuple[str, str]], gazetteer: Any) -> bool:
    """True when a town of at least :data:`COHERENT_POPULATION` people bearing this very name
    lies in the first-order division of a place the article already names.

    The small model tags many towns of a war zone as people or organisations
    ("shelled Nikopol and Marhanets", "had left Kaya"); a namesake next to the
    article's other places is the reading that fits. Names the text gives to
    a person (rejected before) or that only an alias links to a place are not
    taken, except an alias written right after a locative preposition ("near
    Arbinda" in a report on Burkina Faso's Sahel region).
    """
    if not areas or c.source not in {"gazetteer", "ner"}:
        return False
    doc = info.doc
    text = doc[c.start : c.end].text
    if not (info.names.is_plain(text) or c.alias) or _in_compound(doc, c, info) or (text.isupper() and len(text) <= 3):
        return False
    if any(t.is_stop for t in doc[c.start : c.end]) or fold(text) in info.surnames:
        return False  # "From ...", "Officer ..." at a sentence start; a person's surname
    if c.ner == "PERSON" and any(
        e.label_ == "PERSON" and len(e) > 1 and fold(e[-1].text) == fold(text) for e in doc.ents
    ):
        return False
    key = fold(text)
    return any(
        p.feature_class == "P"
        and p.population >= COHERENT_POPULATION
        and (p.country_code, p.admin1_code) in areas
        and (c.alias or fold(p.name) == key or spelling_of(key, fold(p.name)))
        for p in gazetteer.candidates(text, limit=NAMESAKES, fuzzy=False)
    )


def _neighbours_in_list(doc: Doc, c: _Cand, accepted: set[tuple[int, int]]) -> bool:
    """True when ``c`` is joined by ","/"and"/"or" to an accepted place span."""
    ends = {e: s for s, e in accepted}
    starts = {s: e for s, e in accepted}
    j = c.start - 1
    if j >= 0 and doc[j].lower_ in LIST_JOINERS:
        k = j - 1 if not (doc[j].lower_ in {"and", "or"} and j >= 1 and doc[j - 1].text == ",") else j - 2
        if k + 1 in ends:
            return True
    j = c.end
    if j < len(doc) and doc[j].lower_ in LIST_JOINERS:
        k = j + 1
        if doc[j].text == "," and k < len(doc) and doc[k].lower_ in {"and", "or"}:
            k += 1
        if k in starts:
            return True
    return False


# ---------------------------------------------------------------- main entry
def recognise(doc: Doc, *, gazetteer: Any, lexicon: Lexicon | None = None) -> list[Mention]:
    """Find the place names of a parsed article.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The article parsed by :func:`load_nlp` (NER, tagger and parser needed).
    gazetteer : Gazetteer
        The place index (``is_name``, ``iter_names``, ``candidates``).
    lexicon : Lexicon, optional
        Vocabularies (default: ``data/geoparse``).

    Returns
    -------
    list[Mention]
        Sorted by offset, non-overlapping; ``doc.text[m.start:m.end] == m.name``.
        Demonyms ("Swiss") come with ``label="NORP"`` and ``source="demonym"``.
    """
    lex = lexicon or get_lexicon()
    names = place_names(gazetteer)
    ents = list(doc.ents)
    ent_of: list[Any] = [None] * len(doc)
    for e in ents:
        for i in range(e.start, e.end):
            ent_of[i] = e
    surnames = frozenset(
        fold(e[-1].text)
        for e in ents
        if e.label_ == "PERSON"
        and len(e) > 1
        and fold(e.text) not in names.keys
        and not names.is_country(e[-1].text)  # "Rethinking Egypt" is a headline, not a person
    ) | _titled_names(doc, lex, names)
    # last words of people's names: PERSON entities, and full names the small model tags ORG
    # ("Tyrise M. Bell"), so that "the shots struck Bell" stays a person
    people = frozenset(
        fold(e[-1].text)
        for e in ents
        if e.label_ == "PERSON"
        or (e.label_ == "ORG" and len(e) > 1 and _is_cap(e[-2]) and fold(e.text) not in names.keys)
    )
    headline = _headline.headline_tokens(doc)
    slots = frozenset(_headline.slot_spans(doc, headline, lex, is_name=lambda t: _spelt_name(gazetteer, t))) \
        if any(headline) else frozenset()
    info = _DocInfo(doc, ent_of, surnames, lex, names, set(), people=people, headline_slots=slots)

    cands: list[_Cand] = []
    for e in ents:
        s, t = _trim(doc, e.start, e.end)
        if t <= s:
            continue
        s = _trim_prefix(doc, s, t, lex, names, gazetteer)
        s = _trim_compass(doc, s, t, lex, gazetteer)
        if (
            e.label_ in PLACE_LABELS
            and doc[s:t].text in lex.demonyms
            and names.best(doc[s:t].text) is None
            and t < len(doc)
            and doc[t].tag_ == "NNS"
            and force_noun_after(doc, t, lex)
        ):
            # "Ukrainian officials" tagged GPE: a demonym (no place's name) before people of a force;
            # "the Sri Lankan government" (LGL counts it) stays
            cands.append(_Cand(s, t, "demonym", "NORP", "NORP", "country"))
        elif e.label_ in PLACE_LABELS and doc[s:t].text in lex.demonyms and _settlement_word_at(doc, t, lex):
            # "a Malian town" tagged GPE: the country's town, not a town named Malian in Iran
            cands.append(_Cand(s, t, "demonym", "NORP", "NORP", "country"))
        elif e.label_ in PLACE_LABELS:
            # "near Slaviansk - Ukraine", "Myaing Township, Magway Region": a spaced dash or a comma
            # parts two names the model tagged as one
            cuts = [k for k in range(s + 1, t - 1)
                    if (doc[k].text in DASHES and doc[k - 1].whitespace_) or (doc[k].text == "," and _is_cap(doc[k + 1]))]
            for a, b in zip([s] + [k + 1 for k in cuts], cuts + [t]):
                if b > a:
                    cands.append(_Cand(a, b, "ner", e.label_, e.label_))
        elif e.label_ == "NORP" and doc[s:t].text in lex.demonyms:
            cands.append(_Cand(s, t, "demonym", "NORP", "NORP", "country"))
        elif e.label_ in EMBEDDING_LABELS and t - s > 1 and doc[s].text in lex.demonyms:
            # "the Russian Foreign Ministry": a demonym opening an organisation name
            cands.append(_Cand(s, s + 1, "embedded", "NORP", e.label_, "country"))
    hits = _scan(doc, names, lex, minor=gazetteer.is_name)
    _shrink_to_names(doc, cands, hits, gazetteer, lex, names)
    cands = _split_at_hyphens(doc, cands, names)
    info.name_lists.update(e.start for e in ents if e.label_ in SHELL_LABELS and _list_of_names(doc, e, hits))
    for s, t in hits:
        ent = ent_of[s]
        if (
            ent is not None
            and ent.label_ in EMBEDDING_LABELS
            and _trim(doc, ent.start, ent.end) != (s, t)
            and ent.start not in info.name_lists
        ):
            # "the Ohio Department of Education", "Mansfield Police Department"
            cands.append(_Cand(s, t, "embedded", "GPE", ent.label_))
        else:
            cands.append(_Cand(s, t, "gazetteer", "GPE", ent.label_ if ent is not None else None))
    cands.extend(_rule_spans(doc, lex, gazetteer))
    cands.extend(_Cand(s, t, "gazetteer", "GPE", ent_of[s].label_ if ent_of[s] is not None else None) for s, t in slots)
    # "Leego village (Buur Hakaba, Bay)", "Biyokolmey locality in Duhun district": the names of
    # a hierarchy are places even when no gazetteer knows them; entities across them are cut
    ranks = hierarchy.hierarchy_spans(doc, is_area=lambda t: _is_area_name(gazetteer, t), lexicon=lex,
                                      locative=lambda i: _locative_before(doc, i, lex))
    if ranks:
        info.hierarchy.update((s, t) for s, t, _, _ in ranks)
        inside = [(s, t) for s, t, _, member in ranks if member]  # entities run across "(A, B)": cut
        cands = [c for c in cands if not any(c.start < t and s < c.end and not (s <= c.start and c.end <= t) for s, t in inside)]
        cands.extend(_Cand(s, t, "rule", "GPE", ent_of[s].label_ if ent_of[s] is not None else None, hint) for s, t, hint, _ in ranks)
    for i, tok in enumerate(doc):  # "Charleston, W.Va."
        if tok.text in lex.abbreviations and i >= 2 and doc[i - 1].text == ",":
            cands.append(_Cand(i, i + 1, "rule", "GPE", None, "region"))

    for c in cands:
        if (
            c.end < len(doc)
            and doc[c.end].text == "."
            and doc[c.end - 1].whitespace_ == ""
            and doc[c.start : c.end].text + "." in lex.abbreviations
        ):
            c.end += 1  # "W.Va." tokenised as "W.Va" + "."
        # capitalised designator right after: "Kharkiv Oblast", "Bokkos Local Government Area"
        after = _designator(doc, c.end, c.end + MAX_DESIGNATOR_TOKENS, lex, at_start=True)
        within = _designator(doc, c.start + 1, c.end, lex, at_start=False)
        if after is not None and c.source != "demonym":
            c.hint = after[1]
            c.end += after[0]
        elif within is not None:
            c.hint = c.hint or within[1]
        c.hint = (
            c.hint
            or _type_word_after(doc, c.end, lex)
            or _type_word_before(doc, c.start, lex)
            or _type_word_apposed(doc, c.end, lex)
            or _type_word_apposed_before(doc, c.start, c.end, lex)
        )

    for c in cands:
        if _compass_area(doc, c, lex, gazetteer):
            c.start -= 1  # "in south Darfur": the state of South Darfur, not a part of Darfur
    cands = _dedupe(cands)
    for c in cands:
        if _demonym_of_forces(doc, c, lex, names):
            c.source, c.label, c.hint = "demonym", "NORP", "country"  # "the Somali army": whose army
    embedded = [c for c in cands if c.source == "embedded"]
    for c in cands:
        if c.source != "embedded":
            c.accepted = _decide(info, c)
    info.place_keys.update(fold(doc[c.start : c.end].text) for c in cands if c.accepted and c.label != "NORP")
    for c in embedded:
        c.accepted = _decide(info, c)
    for _ in range(3):
        accepted = {(c.start, c.end) for c in cands if c.accepted and c.label != "NORP"}
        changed = False
        for c in cands:
            if c.accepted is None and (
                _neighbours_in_list(doc, c, accepted) or _followed_by_place(info, c, accepted, gazetteer)
                or _possessed_place(info, c, dict(accepted), gazetteer)
            ):
                c.accepted = True
                changed = True
        if not changed:
            break
    # spatial coherence: an undecided name with a town of its name in the first-order division
    # of a place the article names ("left Kaya" in a report on Burkina Faso's Centre-Nord)
    areas = _accepted_areas(info, cands)
    refused = {fold(doc[c.start : c.end].text) for c in cands if c.accepted is False}
    for c in cands:
        if (
            c.accepted is None
            and fold(doc[c.start : c.end].text) not in refused  # "Bell said" elsewhere: a person
            and _in_article_area(info, c, areas, gazetteer)
        ):
            c.accepted = True
    # a name in a place slot that only an alternate name links to a place: a namesake in a
    # country the article names ("the army retook Palmyra" in a report on Syria)
    countries = _accepted_countries(info, cands)
    for c in cands:
        if c.accepted is None and (
            _alias_in_article_country(info, c, countries, gazetteer)
            or _region_in_article_country(info, c, countries, gazetteer)
        ):
            c.accepted = True
    # one sense per discourse: a name the article uses as a place elsewhere is a place here too
    # (unless this mention was rejected outright: a person, a street, part of another name)
    keys = {
        fold(doc[c.start : c.end].text)
        for c in cands
        if c.accepted and c.label != "NORP" and c.source != "embedded"
    } - info.surnames
    for c in cands:
        text = doc[c.start : c.end].text
        if (
            (c.accepted is None or (c.weak and not (c.end - c.start == 1 and doc[c.start].is_stop)))
            and fold(text) in keys
            # a name the model tags a person or firm this time is taken when it is some place's
            # plain name, or when the text puts it in a place slot ("police in Bajaur said",
            # "residents of Bajaur" after "Bajaur district", Bajaur being only an alias)
            and (
                c.ner not in {"PERSON", "ORG"}
                or (info.names.is_plain(text) or c.ner == "ORG" and _place_slot(info, c))
                and _no_person_name(info, c)
            )
            and not (text.isupper() and len(text) <= 3)
        ):
            c.accepted = True

    for c in cands:
        if c.accepted and c.hint is None and c.label != "NORP":
            c.hint = _water_word_after(doc, c.end, lex)  # "Scarborough Shoal": not the English town
    cands.extend(_repeats(info, cands))

    sent_starts = [s.start for s in doc.sents]
    out: list[Mention] = []
    for c in cands:
        if not c.accepted:
            continue
        span = doc[c.start : c.end]
        out.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                name=span.text,
                sentence=max(0, bisect.bisect_right(sent_starts, c.start) - 1),
                type_hint=c.hint,
                source=c.source,
                label=c.label,
            )
        )
    return sorted(out, key=lambda m: (m.start, m.end))


def _repeats(info: _DocInfo, cands: list[_Cand]) -> list[_Cand]:
    """Other mentions of an accepted place name that no source proposed (one sense per discourse).

    The scan only knows the gazetteer's names and the small model tags a name
    differently each time ("strikes in Hodeidah" GPE, then "the strikes on
    Hodeidah killed six" ORG): once the article uses a name as a place, its
    other occurrences written the same way are the place too. An occurrence
    is skipped when any candidate covers one of its tokens (a rejected one
    stays rejected), when it runs on into a longer capitalised name ("Hodeidah
    Port"), when it is the subject of a verb ("Belk opened a new store": a firm
    or person named like a place), or when the text makes it a person, a
    street, a group or part of another name.
    """
    doc, lex = info.doc, info.lexicon
    texts: dict[str, set[tuple[str, ...]]] = {}
    source: dict[tuple[str, ...], str] = {}  # a repeat is found as its model was (NER's names may be fuzzy)
    for c in cands:
        if c.accepted and c.label != "NORP" and c.source != "embedded":
            words = tuple(t.text for t in doc[c.start : c.end])
            if len(words) == 1 and (doc[c.start].is_stop or words[0] in lex.demonyms):
                continue  # "But town leaders" read as a town; "Ugandan" tagged GPE: no model for repeats
            if len(words[0]) > 1 and not (len(words) == 1 and words[0].isupper() and len(words[0]) <= 3):
                texts.setdefault(words[0], set()).add(words)
                if source.get(words) != "ner":
                    source[words] = c.source
    if not texts:
        return []
    taken = {i for c in cands for i in range(c.start, c.end)}
    out: list[_Cand] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        for words in sorted(texts.get(tok.text, ()), key=len, reverse=True):
            e = i + len(words)
            if e > n or tuple(t.text for t in doc[i:e]) != words or taken.intersection(range(i, e)):
                continue
            if (e < n and _is_cap(doc[e])) or (i > 0 and _is_cap(doc[i - 1]) and not doc[i].is_sent_start):
                continue
            if doc[e - 1].dep_ in {"nsubj", "nsubjpass"}:
                continue  # "Belk opened a store": a subject the text does not place is likely a person or firm
            ent = info.ent_of[i]
            c = _Cand(i, e, source[words], "GPE", ent.label_ if ent is not None else None)
            if (
                fold(doc[i:e].text) in info.surnames
                or not _no_person_name(info, c)  # "Brett Hartmann" in the article: "Hartmann's motion"
                or _person_evidence(info, c)
                or _street_word_after(doc, e, lex)
                or _group_noun_after(info, c)
                or _armed_group_name(info, c)
                or _inside_other_name(info, c)
                or _in_compound(doc, c, info)
            ):
                continue
            c.accepted = True
            taken.update(range(i, e))
            out.append(c)
            break
    return out


_SOURCE_RANK = {"rule": 0, "ner": 1, "gazetteer": 2, "embedded": 3, "demonym": 4}


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """Keep one candidate per token; longer spans win, then rule > ner > gazetteer."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), _SOURCE_RANK[c.source], c.start))
    taken: set[int] = set()
    keep: list[_Cand] = []
    for c in order:
        toks = set(range(c.start, c.end))
        if toks & taken:
            continue
        taken |= toks
        # merge hints of shorter candidates at the same place (rule hint on a ner span)
        for o in cands:
            if o is not c and o.start >= c.start and o.end <= c.end and o.hint and not c.hint:
                c.hint = o.hint
        keep.append(c)
    return sorted(keep, key=lambda c: c.start)


# ---------------------------------------------------------------- spaCy glue
def _write_ents(doc: Doc, mentions: list[Mention]) -> None:
    """Put recognised places into ``doc.ents`` (GPE/LOC), dropping overlapping entities."""
    spans: list[Span] = []
    rejected_places: list[Span] = []
    for m in mentions:
        if m.label == "NORP" or m.source == "embedded":
            continue
        span = doc.char_span(m.start, m.end, label=m.label)
        if span is not None:
            spans.append(span)
    covered = {i for s in spans for i in range(s.start, s.end)}
    placed = {(s.start, s.end) for s in spans}
    for e in doc.ents:
        if covered.intersection(range(e.start, e.end)):
            continue
        if e.label_ in PLACE_LABELS and (e.start, e.end) not in placed:
            rejected_places.append(Span(doc, e.start, e.end, label="PERSON"))
            continue
        spans.append(e)
    doc.ents = filter_spans(spans + rejected_places)


def stored_mentions(doc: Doc) -> list[Mention] | None:
    """Mentions the ``mapper_places`` component stored on a Doc (None when it did not run)."""
    rows = doc.user_data.get(MENTIONS_KEY)
    if rows is None:
        return None
    return [Mention(*row) for row in rows]


class PlaceRecogniser:
    """spaCy component: runs :func:`recognise` and writes the places into ``doc.ents``.

    The gazetteer is loaded lazily (``get_gazetteer()``) unless one is assigned
    to :attr:`gazetteer`. Mentions are stored as plain tuples in
    ``doc.user_data["mapper.mentions"]`` (see :func:`stored_mentions`).
    """

    def __init__(self, *, gazetteer: Any = None) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            from mapper.gazetteer import get_gazetteer

            self.gazetteer = get_gazetteer()
        mentions = recognise(doc, gazetteer=self.gazetteer)
        doc.user_data[MENTIONS_KEY] = [list(astuple(m)) for m in mentions]
        _write_ents(doc, mentions)
        return doc


@Language.factory("mapper_places")
def _make_place_recogniser(nlp: Language, name: str) -> PlaceRecogniser:
    return PlaceRecogniser()
