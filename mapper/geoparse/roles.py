"""Roles of resolved toponyms: ``event``, ``actor`` or ``context``.

* ``actor``: a country or capital standing for its government. It is the
  subject of a verb of saying or acting ("Moscow said", "Russia pounded ...",
  "Kyiv rejected"), the agent of such a noun ("a push by Washington"), a
  possessor of one ("Kyiv's demands"), or a party in "talks/meeting/deal
  between A and B" / "talks involving A, B and C".
* ``event``: something happened there. The name sits in a locative phrase
  ("in", "at", "on", "near", ...) attached to an event word (attack, strike,
  wounded, meeting, outbreak, ...), or is the object / passive subject of an
  event verb ("shelling hit Sumy", "Sumy was shelled"), or modifies an event
  noun ("the Kharkiv attack"); a name typed by the noun after it ("hit Deir
  ez-Zor city", "struck Kharkiv's Shevchenkivskyi district") takes that noun's slot.
* ``context``: everything else. The last name of a list after a locative
  preposition ("Envoys in Harare and Lusaka said") is no speaker, even when
  the parser makes it the subject.

The word lists are in ``data/geoparse/roles.tsv`` and ``speech_verbs.txt``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from mapper.geoparse._lemmas import lemma
from mapper.geoparse._lexicon import Lexicon, get_lexicon
from mapper.geoparse._text import is_dateline
from mapper.geoparse.recognise import STRONG_PREPS, list_items_before, prev_word
from mapper.model import Toponym

_TALKING = frozenset({"speak", "talk", "call"})  # verbs of talking with someone, besides the speech verbs

GOVERNMENT_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "PPLC", "PPLG"})
LOCATIVE_PREPS = frozenset(
    {"in", "at", "on", "near", "over", "across", "outside", "around", "inside", "into", "across",
     "throughout", "within", "of", "towards", "toward", "onto", "upon", "off"}
)
MAX_CLIMB = 5


def _first_conjunct(tok: Token) -> Token:
    """The first name of a coordination ("Kyiv and Moscow" -> "Kyiv").

    Only names chain: a place the parser hangs on a common noun ("Diplomats
    in Abidjan and Dakar said" with "Dakar" as a conjunct of "Diplomats")
    keeps its own token, so it does not inherit that noun's role.
    """
    while tok.dep_ == "conj" and tok.head is not tok and tok.head.pos_ == "PROPN":
        tok = tok.head
    return tok


def _acting_head(tok: Token, acting: frozenset[str]) -> bool:
    """Whether the verb ``tok`` governs, or a verb coordinated with it, is one of acting or saying
    ("Niamey, Bamako and Ouagadougou, now grouped in an alliance, have expelled ...")."""
    head = tok.head
    if lemma(head) in acting:
        return True
    return head.pos_ in {"VERB", "AUX"} and any(
        ch.pos_ == "VERB" and lemma(ch) in acting
        and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in ch.children)
        for ch in head.conjuncts
    )


def _is_actor(tok: Token, lex: Lexicon) -> bool:
    acting = frozenset(lex.actor_words | lex.speech_verbs)
    if tok.dep_ in {"nsubj", "csubj"} and _acting_head(tok, acting):
        return True
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "between":
        cur = head
        for _ in range(3):  # "talks [in the city of Vienna] between A and B"
            cur = cur.head
            if lemma(cur) in lex.between_words or cur.lower_ in lex.between_words:
                return True
            if cur.head is cur:
                break
    if tok.dep_ == "pobj" and head.lower_ == "by" and lemma(head.head) in acting:
        return True
    if tok.dep_ in {"dobj", "pobj"} and lemma(head) == "involve":
        return True
    if tok.dep_ == "pobj" and head.lower_ == "with" and lemma(head.head) in lex.between_words:
        return True
    return tok.dep_ == "poss" and lemma(head) in acting


def _locates_a_speaker(tok: Token, lex: Lexicon) -> bool:
    """True for a place that only says where the speakers are: "..., Kurdish officials in
    Erbil said", "spoke by phone with officials in Tehran" (the noun the place hangs on
    is the subject of a verb of saying, or the partner of one after "with"/"to")."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in {"in", "at", "from"}:
        return False
    noun = prep.head
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.i > tok.i:
        return False
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        verb = lemma(noun.head)
    elif noun.dep_ == "pobj" and noun.head.lower_ in {"with", "to"}:
        verb = lemma(noun.head.head)
    else:
        return False
    return verb in lex.speech_verbs or verb in _TALKING


def _is_event(tok: Token, lex: Lexicon) -> bool:
    events = lex.event_words
    if _locates_a_speaker(tok, lex):
        return False
    if tok.dep_ in {"compound", "nmod"} and tok.head.lower_ in lex.feature_types and tok.head.i > tok.i:
        tok = tok.head  # "shelling hit Deir ez-Zor city", "struck the Shevchenkivskyi district": the typed noun's slot
    head = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and lemma(head) in events:
        return True
    if tok.dep_ in {"compound", "amod", "nmod"} and lemma(head) in events:
        return True
    cur, locative, strict = tok, False, False
    for _ in range(MAX_CLIMB):
        if cur.head is cur:
            break
        parent = cur.head
        if cur.dep_ == "pobj" and parent.lower_ in LOCATIVE_PREPS:
            locative = True
            strict = strict or parent.lower_ != "of"
        if locative and parent.pos_ in {"VERB", "NOUN", "AUX", "ADJ"}:
            if lemma(parent) in events or parent.lower_ in events:
                return True
            if parent.pos_ in {"VERB", "AUX"}:
                if any(lemma(ch) in events for ch in parent.children if ch.dep_ in {"nsubj", "nsubjpass", "dobj"}):
                    return True
                break
        cur = parent
    # "seven wounded in Kharkiv and another in Kryvyi Rih": a locative place in a sentence reporting an event
    return strict and any(t.pos_ in {"VERB", "NOUN"} and lemma(t) in events for t in tok.sent)


def _in_locative_list(doc: Doc, span: Span) -> bool:
    """The last name of a list after a locative preposition ("Envoys in Harare and Lusaka
    said"), which the parser may make the subject of the verb: a place, not a speaker."""
    items = list_items_before(doc, span.end)
    if len(items) < 2 or items[0] != (span.start, span.end):
        return False
    prev = prev_word(doc, items[-1][0])
    return prev is not None and prev.lower_ in STRONG_PREPS


def role_of(doc: Doc, toponym: Toponym, *, lexicon: Lexicon | None = None) -> str:
    """The role of one toponym in its sentence.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed article.
    toponym : Toponym
        A resolved toponym of that article.
    lexicon : Lexicon, optional
        Vocabularies (default: ``data/geoparse``).

    Returns
    -------
    str
        ``"event"``, ``"actor"`` or ``"context"``.
    """
    lex = lexicon or get_lexicon()
    span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "context"
    if is_dateline(doc, span.start, span.end):
        return "context"  # "BANGKOK — A strike killed ...": where the story was filed
    tok = _first_conjunct(span.root)
    if toponym.feature_code in GOVERNMENT_CODES and _is_actor(tok, lex) and not (
        tok.dep_ in {"nsubj", "csubj"} and _in_locative_list(doc, span)
    ):
        return "actor"
    if _is_event(tok, lex):
        return "event"
    return "context"


def assign_roles(doc: Doc, toponyms: list[Toponym], *, lexicon: Lexicon | None = None) -> list[Toponym]:
    """Set ``role`` on every toponym (in place) and return the list.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed article.
    toponyms : list[Toponym]
        Its resolved toponyms.
    lexicon : Lexicon, optional
        Vocabularies.

    Returns
    -------
    list[Toponym]
    """
    lex = lexicon or get_lexicon()
    for t in toponyms:
        t.role = role_of(doc, t, lexicon=lex)  # type: ignore[assignment]
    return toponyms


__all__ = ["assign_roles", "role_of"]
