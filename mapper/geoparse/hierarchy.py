"""The text's own hierarchy: which named areas a report says a place lies in.

Reports locate a small place by the areas around it: "Bani (Pobe-Mengao, Soum, Sahel)",
"Leego village (Buur Hakaba, Bay)", "Biyokolmey locality in Duhun district, Nogob",
"X village in A township", "the Adhamiyah district of Baghdad". Such a place lies
inside those areas, smallest first; the resolver keeps only namesakes inside them and,
when the gazetteer has none, places the name at the smallest area it does know.

Two readings of one text: :func:`paren_spans` gives the recogniser the token spans of a
parenthesised hierarchy (the names in it are places even when the gazetteer lacks
them), and :func:`container_chains` gives the resolver, per mention, the mentions the
text puts it in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from mapper.geoparse._lexicon import Lexicon
from mapper.model import Mention

MAX_MEMBERS = 4
MAX_NAME_TOKENS = 4
_MEMBER_SEPARATORS = {",", ";"}
_CLOSE = {")"}


def _is_cap(tok: object) -> bool:
    text = tok.text  # type: ignore[attr-defined]
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


def hierarchy_spans(
    doc: Doc, *, is_area: Callable[[str], bool], lexicon: Lexicon,
    locative: Callable[[int], bool] | None = None,
) -> list[tuple[int, int, str | None, bool]]:
    """Token spans (start, end, type hint, inside parentheses) of names the text places
    inside named areas.

    "X [type] (A, B[, C])" hierarchies (see below), "X <local type word> in A" /
    "X <local type word>, A" / "X <type word> of [the] A" ("Biyokolmey locality in Duhun
    district", "Mozogo subdivision of Mayo Tsanaga Division of the Far North region") and, after a
    locative slot (``locative(i)`` is true for a name starting at token ``i``), "X, A
    <area type word>" ("at Prychepylivka, Luhansk Obl", "near X, Kherson region"): X is a
    place name even when no gazetteer knows it.


    The parentheses must hold two to ``MAX_MEMBERS`` capitalised names separated
    by commas (hyphens inside a name, "Pobe-Mengao", stay in it; "(A-B-C)" with
    no comma splits at spaced or unspaced hyphens when each part is capitalised),
    the last of which ``is_area`` knows as an administrative area. X is the
    capitalised run right before the parenthesis or before its type word.
    """
    out: list[tuple[int, int, str | None]] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.text != "(" or i == 0:
            continue
        close = next((j for j in range(i + 1, min(n, i + 4 * MAX_NAME_TOKENS + 2)) if doc[j].text in _CLOSE), None)
        if close is None or close == i + 1:
            continue
        members = _members(doc, i + 1, close)
        if len(members) < 2 or not is_area(doc[members[-1][0] : members[-1][1]].text):
            continue  # one name in parentheses is an abbreviation, a party, another name
        end = i
        hint = None
        if doc[end - 1].lower_ in lexicon.unit_words and doc[end - 1].is_lower:
            hint = doc[end - 1].lower_
            end -= 1
        start = end
        while start > 0 and _is_cap(doc[start - 1]) and end - start < MAX_NAME_TOKENS and not doc[start].is_sent_start:
            start -= 1
        if start == end and end > 0 and _is_cap(doc[end - 1]):
            start = end - 1
        while start < end and (doc[start].text in lexicon.demonyms or doc[start].lower_.rstrip(".") in lexicon.person_titles):
            start += 1  # "the Sudanese Warab state": the demonym says whose, it is no part of the name
        if start < end and all(_is_cap(t) or t.text == "-" for t in doc[start:end]):
            ft = lexicon.feature_types.get(hint) if hint else None
            out.append((start, end, ft.hint if ft else None, False))
        out.extend((s, e, None, True) for s, e in members)
    for i, tok in enumerate(doc):
        if i == 0 or tok.lower_ not in lexicon.unit_words or i + 2 >= n:
            continue
        nxt = doc[i + 1]
        a = i + 3 if doc[i + 2].lower_ == "the" and i + 3 < n else i + 2
        if not ((nxt.lower_ in {"in", "of"} or nxt.text == ",") and _is_cap(doc[a])):
            continue
        if not tok.is_lower and (tok.lower_ in lexicon.institution_words or not _area_at(doc, a, is_area)):
            continue  # "Mayo Tsanaga Division of the Far North region", not "the Florida Division of
            # Forestry" or "the Oakland Police Department of Oakland"
        start = i
        while start > 0 and _is_cap(doc[start - 1]) and i - start < MAX_NAME_TOKENS and not doc[start].is_sent_start:
            start -= 1
        while start < i and doc[start].text in lexicon.demonyms:
            start += 1
        if start < i and not doc[start].is_stop:
            ft = lexicon.feature_types.get(tok.lower_)
            out.append((start, i, ft.hint if ft else None, False))
    if locative is not None:
        out.extend(_comma_area_spans(doc, is_area=is_area, lexicon=lexicon, locative=locative))
    return out


_AREA_HINTS = frozenset({"region", "district", "county"})


def _area_at(doc: Doc, start: int, is_area: Callable[[str], bool]) -> bool:
    """Whether a capitalised run from ``start`` (up to ``MAX_NAME_TOKENS``) names an administrative area."""
    end = start
    while end < len(doc) and _is_cap(doc[end]) and end - start < MAX_NAME_TOKENS:
        end += 1
        if is_area(doc[start:end].text):
            return True
    return False


def _comma_area_spans(
    doc: Doc, *, is_area: Callable[[str], bool], lexicon: Lexicon, locative: Callable[[int], bool]
) -> list[tuple[int, int, str | None, bool]]:
    """ "at X, A Obl", "near X, A region", "in X in the A region": the capitalised run X between a
    locative slot and ", A <area type word>" or " in A <area type word>" when A names an
    administrative area (X lies in it)."""
    out: list[tuple[int, int, str | None, bool]] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.text in lexicon.designators:
            hint = lexicon.designators[tok.text]
        elif tok.is_lower and (ft := lexicon.feature_types.get(tok.lower_)) is not None:
            hint = ft.hint
            if i + 1 < n and doc[i + 1].pos_ in {"NOUN", "PROPN"}:
                continue  # "X, Kherson region officials": the word types a noun after it
        else:
            continue
        if hint not in _AREA_HINTS:
            continue
        a = i
        while a > 0 and _is_cap(doc[a - 1]) and i - a < MAX_NAME_TOKENS:
            a -= 1
        if a == i or a < 2 or not is_area(doc[a:i].text):
            continue
        end = _link_before(doc, a)
        if end is None:
            continue
        start = end
        while start > 0 and _is_cap(doc[start - 1]) and end - start < MAX_NAME_TOKENS and not doc[start].is_sent_start:
            start -= 1
        if start == end or not locative(start):
            continue
        if all(_is_cap(t) or t.text == "-" for t in doc[start:end]) and doc[start].ent_type_ not in _TIME_LABELS:
            out.append((start, end, None, False))
    return out


_TIME_LABELS = frozenset({"DATE", "TIME"})  # "in March in Kharkiv region": no place


def _link_before(doc: Doc, a: int) -> int | None:
    """Where the name before an area written at ``a`` ends: before ", " or " in [the] " ("at X, A
    Obl", "in X in the A region"), else None."""
    if doc[a - 1].text == "," or doc[a - 1].lower_ == "in":
        return a - 1
    if doc[a - 1].lower_ == "the" and a >= 3 and doc[a - 2].lower_ == "in":
        return a - 2
    return None


def _members(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Capitalised names between ``start`` and ``end`` separated by commas (or hyphens)."""
    parts: list[tuple[int, int]] = []
    s = start
    for j in range(start, end + 1):
        if j == end or doc[j].text in _MEMBER_SEPARATORS:
            if j > s:
                parts.append((s, j))
            s = j + 1
    if len(parts) == 1 and any(doc[k].text == "-" for k in range(*parts[0])):
        s0, e0 = parts[0]
        parts = []
        s = s0
        for j in range(s0, e0 + 1):
            if j == e0 or doc[j].text == "-":
                if j > s:
                    parts.append((s, j))
                s = j + 1
    if not 1 <= len(parts) <= MAX_MEMBERS:
        return []
    for s, e in parts:
        if e - s > MAX_NAME_TOKENS + 2 or not _is_cap(doc[s]) or not all(_is_cap(t) or t.text == "-" for t in doc[s:e]):
            return []
    return parts


_PAREN_OPEN = re.compile(r"^\s*(?:[a-z-]+\s*)?\($")
_PAREN_NEXT = re.compile(r"^\s*[,;]\s*$|^\s*-\s*$|^-$")
# " in ", ", in the ", " district of ", " local government area of ", ", in the province of "
_IN_AREA = re.compile(
    r"^\s*(?:,\s*)?(?P<words>(?:[a-z-]+\s+){0,3})(?:in|of)\s+(?:the\s+)?(?:(?P<unit>[a-z-]+)\s+of\s+(?:the\s+)?)?$"
)


def container_chains(text: str, mentions: Sequence[Mention], lexicon: Lexicon) -> dict[int, list[int]]:
    """Per mention index, the indices of the mentions the text places it in, smallest first.

    - "X (A, B, C)" / "X village (A-B-C)": X in A, B and C; A in B and C; B in C;
    - "X village in A district", "X locality in the A district of B", "the X district of Y",
      "X, in the province of Y", "the X local government area of Y": a name with a local type
      word after it (or before the preposition) lies in the next name, and a typed name that
      name's container in turn ("A district, B": A in B);
    - containment is transitive: "X subdivision of A Division of the B region": X in A and B.

    ``mentions`` must be sorted by offset. Demonyms take no part.
    """
    out: dict[int, list[int]] = {}
    k = 0
    n = len(mentions)
    while k < n:
        m = mentions[k]
        if m.label == "NORP" or k + 1 >= n:
            k += 1
            continue
        between = text[m.end : mentions[k + 1].start]
        if _PAREN_OPEN.match(between) and _typed_or_bare(between, lexicon):
            members = [k + 1]
            j = k + 1
            while j + 1 < n and _PAREN_NEXT.match(text[mentions[j].end : mentions[j + 1].start]) and len(members) < MAX_MEMBERS:
                j += 1
                members.append(j)
            if text[mentions[j].end :].lstrip().startswith(")"):
                chain = [k, *members]
                for a, idx in enumerate(chain[:-1]):
                    out.setdefault(idx, []).extend(x for x in chain[a + 1 :] if x not in out.get(idx, []))
                k = j + 1
                continue
        k += 1
    for k in range(n - 1):
        a, b = mentions[k], mentions[k + 1]
        if a.label == "NORP" or b.label == "NORP" or k in out:
            continue
        between = text[a.end : b.start]
        link = _in_area(between, lexicon)
        if link is None and not _smaller_before_comma(a, b, between, lexicon):
            continue
        word = link if link is not None else between.strip(" ,").split()[0].lower()
        if word.endswith("s") and word[:-1] in lexicon.unit_words:
            continue  # "the northern states of Bihar and ...": a list of areas, no container
        typed_inner = (a.type_hint is not None and a.type_hint != "country") or word in lexicon.unit_words
        if not typed_inner or b.type_hint == "country":
            continue
        chain = [k + 1]
        j = k + 1
        # "Duhun district, Nogob": the typed area lies in the name after its comma
        while j + 1 < n and mentions[j].type_hint is not None and _typed_comma(text[mentions[j].end : mentions[j + 1].start], lexicon):
            j += 1
            chain.append(j)
        out[k] = chain
        for x, idx in enumerate(chain[:-1]):
            out.setdefault(idx, []).extend(y for y in chain[x + 1 :] if y not in out.get(idx, []))
    return _transitive(out)


def _in_area(between: str, lexicon: Lexicon) -> str | None:
    """The type word of a containment link between two names (" district of ", ", in the
    province of ", " local government area of ": "district", "province", "area"), "" for a
    bare " in " / " of the ", or None when the words between are no such link."""
    m = _IN_AREA.match(between.lower())  # " Division of the ": a unit word capitalised as part of a name
    if m is None:
        return None
    words = m.group("words").split()
    unit = m.group("unit")
    if unit is not None and unit not in lexicon.unit_words:
        return None  # "in the middle of": no area
    if len(words) > 1 and words[-1] not in lexicon.unit_words:
        return None  # "was shelled in": no type word before the preposition
    return words[-1] if words else unit or ""


def _transitive(out: dict[int, list[int]]) -> dict[int, list[int]]:
    """ "X subdivision of A Division of the B region": X lies in A and, through A, in B."""
    for k in sorted(out, reverse=True):
        for idx in list(out[k]):
            out[k].extend(y for y in out.get(idx, []) if y not in out[k] and y != k)
    return out


# the size of a type hint: a place inside a larger unit is written before it
_HINT_SIZE = {"village": 0, "town": 0, "city": 0, "capital": 0, "district": 1, "county": 1, "region": 2}


def _smaller_before_comma(a: Mention, b: Mention, between: str, lexicon: Lexicon) -> bool:
    """ "X village, A Township" / "X town, A district": a name with its own local type word,
    a comma, then a name typed as a larger unit (a list of villages names units of one size)."""
    words = between.replace(",", " , ").split()
    if len(words) != 2 or words[1] != "," or words[0].lower() not in lexicon.unit_words:
        return False
    ft = lexicon.feature_types.get(words[0].lower())
    inner = _HINT_SIZE.get(ft.hint if ft else "")
    outer = _HINT_SIZE.get(b.type_hint or "")
    return inner is not None and outer is not None and outer > inner


def _typed_comma(between: str, lexicon: Lexicon) -> bool:
    """ ", " or " district, ": a comma after the name's own type word."""
    words = [w for w in between.replace(",", " , ").split() if w.lower() not in lexicon.unit_words]
    return words == [","]


def _typed_or_bare(between: str, lexicon: Lexicon) -> bool:
    """The words between a name and "(" are nothing or one type word ("Leego village (")."""
    words = between.replace("(", " ").split()
    return not words or (len(words) == 1 and (words[0].lower() in lexicon.unit_words or words[0].lower() in lexicon.feature_types))
