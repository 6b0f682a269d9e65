"""Who reported it: sources named in a sentence.

A source is the subject of a reporting verb ("the AFP news agency reported",
"Mayor X said", "officials reporting"), the speaker of a fronted quote
("..., Tymur Tkachenko, head of the city's military administration, said"),
or the object of "according to" / "citing". Pronouns are skipped. The phrase
keeps its titles ("Kyiv Mayor Vitali Klitschko") and an apposition in
parentheses ("Tymur Tkachenko (head of the city's military administration)").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from mapper.incidents._cues import entity_of
from mapper.incidents._header import header_end
from mapper.incidents.lexicon import Lexicon, load_lexicon

__all__ = ["find_sources", "noun_phrase", "speaker_tokens"]

_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "nummod", "quantmod", "det"})
_MAX_LEN = 90
_MAX_OF = 6  # words of an "of" phrase kept in a source ("of the Kharkiv regional military administration")
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")  # 08:40, 14.05


def _of_phrase(tok: Token, lex: Lexicon) -> tuple[list[Token], Token | None]:
    """A short "of" phrase after the head ("the governor of the X region") and an apposition
    the parser hung inside it ("the mayor of X, Name, said")."""
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.source_inside_heads:
        # "a source in Ukraine's SBU security service", "an official in the governor's office"
        of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "in"
                   and any(o.dep_ == "pobj" and (o.ent_type_ == "ORG" or o.lemma_.lower() in lex.source_body_heads)
                           for o in c.children)), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is None:
        return [], None
    appos = next((c for c in pobj.rights if c.dep_ == "appos"), None)
    skip = {w.i for w in appos.subtree} if appos is not None else set()
    words = [w for w in of.subtree if w.i not in skip]
    while words and words[-1].is_punct:
        words.pop()
    if len(words) > _MAX_OF or any(w.pos_ in {"VERB", "AUX"} or w.is_punct for w in words):
        return [], None
    return words, appos


def _trailing_person(last: Token) -> Span | None:
    """``", Name"`` right after a phrase: a person the parser did not attach to it
    ("according to the governor of the X region, Name")."""
    doc = last.doc
    k = last.i + 1
    if k + 1 >= len(doc) or doc[k].text != "," or doc[k + 1].ent_type_ != "PERSON" or doc[k + 1].ent_iob_ != "B":
        return None
    end = k + 2
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end < len(doc) and not (doc[end].is_punct or doc[end].pos_ in {"VERB", "AUX"}):
        return None  # ", Name Surname and others ...": a list, not an apposition
    return doc[k + 1: end]


def noun_phrase(tok: Token, *, with_appos: bool = True, lexicon: Lexicon | None = None) -> str:
    """A compact noun phrase for ``tok``: its left modifiers (no leading article), a short "of"
    phrase ("governor of the X region") and, optionally, its apposition."""
    left = tok
    stack = [c for c in tok.lefts if c.dep_ in _MOD_DEPS]
    lo = tok.i
    while stack:
        c = stack.pop()
        lo = min(lo, c.left_edge.i)
    doc = tok.doc
    lo = max(lo, header_end(tok.sent)) if lo < tok.i else lo  # no dateline or time stamp ("09:40 GMT - Kyiv's mayor")
    words = list(doc[lo: tok.i + 1])
    # no leading article, punctuation or clock time ("08:40 Regional governor X" in a live blog)
    while words and (words[0].dep_ == "det" or words[0].is_punct or words[0].is_space or _CLOCK.match(words[0].text)):
        words = words[1:]
    of_words, of_appos = _of_phrase(tok, lexicon or load_lexicon())
    words += of_words
    text = "".join(w.text_with_ws for w in words).strip() if words else left.text
    if with_appos:
        appos = next((c for c in tok.rights if c.dep_ == "appos"), None) or of_appos
        if appos is not None:
            sub = [w for w in appos.subtree if not (w.is_punct and w.i in {appos.left_edge.i, appos.right_edge.i})]
            if sub:
                inner = "".join(w.text_with_ws for w in sub).strip().strip(",")
                if appos.ent_type_ == "PERSON" or (appos.pos_ == "PROPN" and not appos.ent_type_):
                    text = f"{inner} ({text})"
                else:
                    text = f"{text} ({inner})"
        elif words:
            person = _trailing_person(words[-1])
            if person is not None:
                text = f"{person.text} ({text})"
    return text[:_MAX_LEN].strip()


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]


def _fronted_speaker(verb: Token, sent: Span) -> Token | None:
    """``"..., Name, head of X, said"``: the nearest person/organisation before the verb."""
    doc = sent.doc
    for k in range(verb.i - 1, max(sent.start, verb.i - 16) - 1, -1):
        t = doc[k]
        if t.ent_type_ in {"PERSON", "ORG"} and (k + 1 >= sent.end or doc[k + 1].ent_type_ != t.ent_type_ or doc[k + 1].ent_iob_ == "B"):
            return t
        if t.lower_ in {".", ";", "\""}:
            return None
    return None


def _tail_speakers(verb: Token, sent: Span, lex: Lexicon) -> tuple[Token, str] | None:
    """``"..., police and witnesses said."``: the words between the last comma and a subjectless
    reporting verb, when the parser hung them elsewhere and they name someone who can speak."""
    doc = sent.doc
    k = verb.i - 1
    while k > sent.start and doc[k].text != "," and verb.i - k <= 9:
        k -= 1
    words = list(doc[k + 1: verb.i])
    if doc[k].text != "," or not words or not all(w.pos_ in {"NOUN", "PROPN", "ADJ", "CCONJ", "DET"}
                                                  or w.lower_ == "of" for w in words):
        return None  # "..., the head of the regional administration said."
    heads = [w for w in words if w.lemma_.lower() in _speaker_nouns(lex) or w.ent_type_ in {"PERSON", "ORG"}]
    if not heads:
        return None
    text = "".join(w.text_with_ws for w in words if not (w.dep_ == "det" and w.i == words[0].i)).strip()
    return heads[0], text


def find_sources(sent: Span, lex: Lexicon) -> list[str]:
    """Sources named in one sentence, in text order, without duplicates.

    Parameters
    ----------
    sent : spacy.tokens.Span
    lex : Lexicon

    Returns
    -------
    list[str]
    """
    seen: set[str] = set()
    result = []
    header = header_end(sent)
    for _, s in sorted((tok.i, text) for tok, text in _source_heads(sent, lex) if tok.i >= header):
        if s and s.lower() not in seen:
            seen.add(s.lower())
            result.append(s)
    return result


def speaker_tokens(sent: Span, lex: Lexicon) -> set[int]:
    """Doc indices of the words naming the sentence's sources (their entity, or the head word)."""
    out: set[int] = set()
    header = header_end(sent)
    for tok, _ in _source_heads(sent, lex):
        if tok.i < header:
            continue
        ent = entity_of(tok)
        out.update(range(ent.start, ent.end) if ent is not None else [tok.i])
    return out


def _source_heads(sent: Span, lex: Lexicon) -> list[tuple[Token, str]]:
    out: list[tuple[Token, str]] = []
    doc = sent.doc
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.report_verbs:
            continue
        subj = _subjects(tok)
        if not subj and tok.dep_ == "acl":
            continue  # "up from eight reported earlier": a participle describing a figure, nobody speaks
        if not subj and tok.dep_ in {"advcl", "conj"} and tok.head.lemma_.lower() in lex.report_verbs:
            continue  # "..., the ministry said, adding that ...": the speaker of the verb it hangs on
        if not subj and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
            sp = _fronted_speaker(tok, sent)
            subj = [sp] if sp is not None else []
            if not subj:
                tail = _tail_speakers(tok, sent, lex)
                if tail:
                    out.append(tail)
                    continue
        if len(subj) > 1 and all(abs(a.i - b.i) <= 2 for a, b in zip(subj, subj[1:])):
            lo = min(s.left_edge.i for s in subj)
            hi = max(s.i for s in subj)
            words = [w for w in doc[lo: hi + 1] if not (w.dep_ == "det" and w.i == lo)]
            out.extend((s, "".join(w.text_with_ws for w in words).strip()) for s in subj)
            continue
        for s in subj:
            # the subject of a reporting verb is a source only when it can speak
            if s.pos_ in {"PROPN"} or s.lemma_.lower() in _speaker_nouns(lex) or s.ent_type_ in {"PERSON", "ORG"}:
                out.append((s, noun_phrase(s, lexicon=lex)))
                continue
            # "... and wounded his wife, regional governor Name said": the parser took the victim for the
            # subject and the speaker for its apposition
            appos = next((c for c in s.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if appos is not None:
                out.append((appos, noun_phrase(appos, with_appos=False, lexicon=lex)))
    text = sent.text.lower()
    for phrase in lex.source_phrases:
        start = 0
        while True:
            k = text.find(phrase, start)
            if k < 0:
                break
            start = k + len(phrase)
            span = doc.char_span(sent.start_char + k, sent.start_char + k + len(phrase), alignment_mode="expand")
            if span is None:
                continue
            last = span[-1]
            obj = next((c for c in last.children if c.dep_ in {"pobj", "dobj"}), None)
            if obj is None and last.i + 1 < sent.end:
                nxt = doc[last.i + 1]
                obj = nxt if nxt.dep_ in {"pobj", "dobj"} else None
            if obj is not None:
                out.append((obj, noun_phrase(obj, lexicon=lex)))
    return out


def _speaker_nouns(lex: Lexicon) -> frozenset[str]:
    return lex.source_generic | lex.speaker_nouns
