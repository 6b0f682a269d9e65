"""Geoparsing: find the place names of an article and resolve them to gazetteer places.

::

    from mapper.geoparse import Geoparser
    gp = Geoparser()
    doc, toponyms = gp.parse(article)          # spaCy Doc + Toponym[]
    for article, doc, toponyms in gp.pipe(articles):
        ...

Stages: :mod:`.recognise` (spaCy NER + gazetteer name scan + rules -> Mention[]),
:mod:`.resolve` (candidate ranking with the whole article as context -> Toponym[]),
:mod:`.roles` (``event`` / ``actor`` / ``context``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from mapper.geoparse._lemmas import add_lemmas
from mapper.geoparse._lexicon import get_lexicon
from mapper.geoparse._text import calm_capitals
from mapper.geoparse.actors import get_actors
from mapper.geoparse.nlp import load_nlp
from mapper.geoparse.recognise import PlaceRecogniser, stored_mentions
from mapper.geoparse.recognise import recognise as _recognise
from mapper.geoparse.resolve import resolve as _resolve
from mapper.geoparse.roles import assign_roles
from mapper.model import Article, Toponym

__all__ = ["Geoparser", "add_lemmas", "geoparse", "get_lexicon", "load_nlp"]


class Geoparser:
    """Recognise and resolve the place names of articles.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The place index (default: the process-wide ``get_gazetteer()``).
    nlp : spacy.Language, optional
        A pipeline from :func:`load_nlp` (default). A plain spaCy pipeline
        works too; recognition then runs after it.
    demonyms : bool
        Also return demonyms ("Swiss", "Americans") as toponyms of their
        country. Off by default: a demonym says who, not where. Either way
        they count towards the article's country focus.
    embedded : bool
        Return place names inside names of organisations and facilities
        ("the Ohio Department of Education", "Kharkiv City Council",
        "Mansfield Police Department"). On by default: the name refers to the
        place (the council *of* Kharkiv) and tells the reader where the story
        is, even when the organisation is what acts. Mastheads ("The Miami
        Herald") and street names ("Dublin Road") are never returned.
        (Annotation conventions differ: LGL counts both demonyms and embedded
        names as toponyms, GeoVirus neither.)
    """

    def __init__(
        self,
        *,
        gazetteer: Any = None,
        nlp: Language | None = None,
        demonyms: bool = False,
        embedded: bool = True,
    ) -> None:
        if gazetteer is None:
            from mapper.gazetteer import get_gazetteer

            gazetteer = get_gazetteer()
        self.gazetteer = gazetteer
        self.nlp = nlp if nlp is not None else load_nlp()
        self.demonyms = demonyms
        self.embedded = embedded
        self.lexicon = get_lexicon()
        self._initialisms = self.lexicon.initialisms | get_actors().initialisms
        self._cache: dict = {}
        if "mapper_places" in self.nlp.pipe_names:
            comp = self.nlp.get_pipe("mapper_places")
            if isinstance(comp, PlaceRecogniser) and comp.gazetteer is None:
                comp.gazetteer = gazetteer

    def toponyms(self, doc: Doc, *, theatre: Iterable[str] = ()) -> list[Toponym]:
        """Toponyms of an already parsed Doc (sorted by offset, roles set).

        ``theatre``: countries the corpus is about, used when the text names none
        (:attr:`mapper.model.Article.theatre`)."""
        mentions = stored_mentions(doc)
        if mentions is None:
            mentions = _recognise(doc, gazetteer=self.gazetteer, lexicon=self.lexicon)
        if len(self._cache) > 200_000:
            self._cache.clear()
        tops = _resolve(doc, mentions, gazetteer=self.gazetteer, lexicon=self.lexicon, cache=self._cache,
                        theatre=frozenset(theatre))
        drop = {
            (m.start, m.end)
            for m in mentions
            if (m.label == "NORP" and not self.demonyms) or (m.source == "embedded" and not self.embedded)
        }
        if drop:
            tops = [t for t in tops if (t.start, t.end) not in drop]
        return assign_roles(doc, tops, lexicon=self.lexicon)

    def parse(self, article: Article) -> tuple[Doc, list[Toponym]]:
        """Parse one article.

        Parameters
        ----------
        article : Article
            The article (its ``text`` is parsed; offsets index it).

        Returns
        -------
        tuple[Doc, list[Toponym]]
        """
        doc = self.nlp(calm_capitals(article.text, self._initialisms))
        return doc, self.toponyms(doc, theatre=article.theatre)

    def pipe(
        self, articles: Iterable[Article], *, batch_size: int = 32
    ) -> Iterator[tuple[Article, Doc, list[Toponym]]]:
        """Parse many articles with ``nlp.pipe`` (order preserved).

        Parameters
        ----------
        articles : Iterable[Article]
            The articles.
        batch_size : int
            spaCy batch size.

        Yields
        ------
        tuple[Article, Doc, list[Toponym]]
        """
        stream = ((calm_capitals(a.text, self._initialisms), a) for a in articles)
        for doc, article in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            yield article, doc, self.toponyms(doc, theatre=article.theatre)


def geoparse(article: Article | str, **kw: Any) -> list[Toponym]:
    """Toponyms of one article (or text) with a default :class:`Geoparser`.

    Parameters
    ----------
    article : Article or str
        The article, or just its text.
    **kw
        Passed to :class:`Geoparser` (``gazetteer``, ``nlp``, ``demonyms``).

    Returns
    -------
    list[Toponym]
    """
    if isinstance(article, str):
        article = Article(id="text", text=article)
    key = tuple(sorted((k, id(v)) for k, v in kw.items()))
    gp = _PARSERS.get(key)
    if gp is None:
        gp = _PARSERS[key] = Geoparser(**kw)
    return gp.parse(article)[1]


_PARSERS: dict[tuple, Geoparser] = {}
