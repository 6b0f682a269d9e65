"""Geoparser tests on invented sentences (not from the sample article or the eval corpora).

Each test exercises one recognition, resolution or role rule with the real
gazetteer and the real spaCy model; expectations are checked against facts
known independently of the gazetteer (which country a town is in, whether a
name is a region or a city).
"""

from __future__ import annotations

import pytest

from mapper.model import Article, Toponym


@pytest.fixture(scope="session")
def gazetteer():
    from mapper.gazetteer import get_gazetteer

    return get_gazetteer()


@pytest.fixture(scope="session")
def parser(gazetteer):
    from mapper.geoparse import Geoparser

    return Geoparser(gazetteer=gazetteer)


def parse(parser, text: str) -> list[Toponym]:
    return parser.parse(Article(id="t", text=text))[1]


def by_name(tops: list[Toponym], name: str) -> list[Toponym]:
    return [t for t in tops if t.name == name]


def one(tops: list[Toponym], name: str) -> Toponym:
    hits = by_name(tops, name)
    assert hits, f"{name!r} not found in {[t.name for t in tops]}"
    return hits[0]


# ------------------------------------------------------------------ recognition
def test_offsets_index_the_text(parser) -> None:
    text = "After the storm, crews from Lviv and Ternopil drove to Chernivtsi, near the Romanian border."
    tops = parse(parser, text)
    assert tops
    for t in tops:
        assert text[t.start : t.end] == t.name
    assert {"Lviv", "Ternopil", "Chernivtsi"} <= {t.name for t in tops}


def test_towns_the_small_model_calls_people_are_found(parser) -> None:
    tops = parse(parser, "Shelling hit Sumy and Kherson overnight, local officials reported.")
    for name in ("Sumy", "Kherson"):
        assert one(tops, name).country_code == "UA"


def test_multiword_transliterated_name(parser) -> None:
    tops = parse(parser, "Rescuers in Kryvyi Rih pulled two people from the rubble.")
    t = one(tops, "Kryvyi Rih")
    assert t.country_code == "UA" and t.feature_code.startswith("PPL")


def test_list_of_regions_gets_region_type(parser) -> None:
    text = "Air raid alerts sounded across the regions of Poltava, Chernihiv and Zhytomyr on Sunday."
    tops = parse(parser, text)
    for name in ("Poltava", "Chernihiv", "Zhytomyr"):
        t = one(tops, name)
        assert t.country_code == "UA"
        assert t.feature_code == "ADM1", (name, t.feature_code)


def test_oblast_designator_is_part_of_the_name(parser) -> None:
    tops = parse(parser, "Power lines were cut in Zhytomyr Oblast after the storm.")
    t = one(tops, "Zhytomyr Oblast")
    assert t.feature_code == "ADM1" and t.country_code == "UA"
    assert not by_name(tops, "Zhytomyr")


def test_lowercase_district_word_sets_type(parser) -> None:
    tops = parse(parser, "A school in the Obukhiv district was damaged by debris.")
    t = one(tops, "Obukhiv")
    assert t.feature_code == "ADM2" and t.country_code == "UA"


def test_direction_word_is_not_part_of_the_name(parser) -> None:
    tops = parse(parser, "Heavy snow closed schools across Northeast Kentucky on Friday.")
    assert one(tops, "Kentucky").country_code == "US"
    assert not any(t.name.startswith("Northeast") for t in tops)


# ------------------------------------------------------------------ people are not places
@pytest.mark.parametrize(
    "text, name",
    [
        ("President Lincoln signed the order in the morning.", "Lincoln"),
        ("George Washington crossed the icy river with his troops.", "Washington"),
        ("Michael Jordan scored forty points against the visitors.", "Jordan"),
        ("The envoy Jared Kushner landed on Tuesday. Kushner said the plan was ready.", "Kushner"),
        ("Mr Houston thanked the volunteers for their patience.", "Houston"),
    ],
)
def test_person_names_that_are_places_are_not_places(parser, text: str, name: str) -> None:
    assert not by_name(parse(parser, text), name)


def test_same_name_as_place_is_still_a_place(parser) -> None:
    tops = parse(parser, "Protesters gathered in Washington while delegates flew to Jordan.")
    assert one(tops, "Washington").country_code == "US"
    assert one(tops, "Jordan").country_code == "JO"


def test_recogniser_corrects_doc_ents(parser) -> None:
    doc, _ = parser.parse(Article(id="t", text="Shelling hit Sumy and Kherson overnight."))
    places = {e.text for e in doc.ents if e.label_ in {"GPE", "LOC"}}
    assert {"Sumy", "Kherson"} <= places


# ------------------------------------------------------------------ resolution
def test_demonym_city_phrase_picks_the_country(parser) -> None:
    tops = parse(parser, "The delegates met in the Canadian city of London to sign the accord.")
    t = one(tops, "London")
    assert t.country_code == "CA"
    assert "CA" in t.reason


def test_demonym_city_phrase_european(parser) -> None:
    tops = parse(parser, "Talks resumed in the Austrian city of Salzburg on Monday.")
    t = one(tops, "Salzburg")
    assert t.country_code == "AT" and t.feature_code.startswith("PPL")


def test_city_comma_state(parser) -> None:
    tops = parse(parser, "She grew up in Paris, Texas, and later moved to Vienna, Virginia.")
    paris, vienna = one(tops, "Paris"), one(tops, "Vienna")
    assert (paris.country_code, paris.admin1) == ("US", "Texas")
    assert (vienna.country_code, vienna.admin1) == ("US", "Virginia")


def test_town_in_region_containment(parser) -> None:
    tops = parse(parser, "Two people were injured in Nikopol in Dnipropetrovsk after a drone attack.")
    nikopol = one(tops, "Nikopol")
    region = one(tops, "Dnipropetrovsk")
    assert nikopol.country_code == "UA"
    assert region.feature_code == "ADM1" and region.country_code == "UA"
    assert "Dnipropetrovsk" in nikopol.reason or "Nikopol" in region.reason


def test_document_focus_picks_the_local_namesake(parser) -> None:
    text = (
        "Louisiana state police closed the highway between Pineville and Alexandria after a crash. "
        "Deputies from Rapides Parish directed traffic."
    )
    t = one(parse(parser, text), "Alexandria")
    assert t.country_code == "US" and t.admin1 == "Louisiana"


def test_names_listed_together_resolve_together(parser) -> None:
    tops = parse(parser, "Volunteers from Alexandria, Brandon and Kensington filled sandbags along the river.")
    countries = {one(tops, n).country_code for n in ("Alexandria", "Brandon", "Kensington")}
    assert len(countries) == 1


def test_dateline_in_capitals(parser) -> None:
    tops = parse(parser, "ODESA, March 3 (Reuters) - Two grain ships were hit overnight, the port said.")
    assert one(tops, "ODESA").country_code == "UA"


def test_hyphenated_brand_is_not_a_place(parser) -> None:
    tops = parse(parser, "He was arrested outside a Wal-Mart store on Friday.")
    assert not any(t.name == "Wal" for t in tops)


def test_scores_and_reasons(parser) -> None:
    tops = parse(parser, "Floods hit Dnipro and Zaporizhzhia while officials in Kyiv met.")
    assert tops
    for t in tops:
        assert 0.0 < t.score <= 1.0
        assert t.reason
        assert t.place is not None and t.place.geonameid == t.geonameid


# ------------------------------------------------------------------ roles
def test_capitals_in_talks_are_actors(parser) -> None:
    tops = parse(parser, "Talks between Warsaw and Berlin resumed after a long pause.")
    assert one(tops, "Warsaw").role == "actor"
    assert one(tops, "Berlin").role == "actor"


def test_capital_that_speaks_is_an_actor(parser) -> None:
    tops = parse(parser, "Moscow said the drones had been shot down.")
    assert one(tops, "Moscow").role == "actor"


def test_attacked_place_is_an_event(parser) -> None:
    tops = parse(parser, "Missiles struck Lviv overnight and two people were wounded in Ternopil.")
    assert one(tops, "Lviv").role == "event"
    assert one(tops, "Ternopil").role == "event"


def test_background_place_is_context(parser) -> None:
    tops = parse(parser, "The mayor, who was born in Odesa, thanked the volunteers.")
    assert one(tops, "Odesa").role == "context"


# ------------------------------------------------------------------ options and API
def test_demonyms_only_on_request(gazetteer, parser) -> None:
    from mapper.geoparse import Geoparser

    text = "Swiss officials inspected the dam."
    assert not by_name(parse(parser, text), "Swiss")
    with_demonyms = Geoparser(gazetteer=gazetteer, nlp=parser.nlp, demonyms=True)
    t = one(with_demonyms.parse(Article(id="t", text=text))[1], "Swiss")
    assert t.country_code == "CH"


def test_embedded_names_only_on_request(gazetteer, parser) -> None:
    from mapper.geoparse import Geoparser

    text = "A spokesman for the Ohio Department of Transportation said the bridge would reopen."
    assert not by_name(parse(parser, text), "Ohio")
    embedded = Geoparser(gazetteer=gazetteer, nlp=parser.nlp, embedded=True)
    assert one(embedded.parse(Article(id="t", text=text))[1], "Ohio").country_code == "US"


def test_pipe_matches_parse_and_keeps_order(parser) -> None:
    arts = [
        Article(id="a", text="Drones hit Kherson."),
        Article(id="b", text="Nothing happened today."),
        Article(id="c", text="Officials met in Vienna."),
    ]
    out = list(parser.pipe(arts, batch_size=2))
    assert [a.id for a, _, _ in out] == ["a", "b", "c"]
    for art, _doc, tops in out:
        assert [t.to_dict() for t in tops] == [t.to_dict() for t in parser.parse(art)[1]]


# ------------------------------------------------------------------ ranking logic with a test double
class _FakeGazetteer:
    """Three invented places: a big "Alpha" far away, a small "Alpha" next to "Beta"."""

    def __init__(self) -> None:
        from mapper.model import Place

        self.places = {
            "alpha": [
                Place(1, "Alpha", 10.0, 10.0, "P", "PPLA", "XX", "North", "XX.01", population=900_000),
                Place(2, "Alpha", 50.0, 30.0, "P", "PPL", "YY", "East", "YY.02", population=4_000),
            ],
            "beta": [Place(3, "Beta", 50.2, 30.3, "P", "PPL", "YY", "East", "YY.02", population=9_000)],
        }

    def candidates(self, name, *, country=None, limit=20, fuzzy=True):
        out = [p for p in self.places.get(name.lower(), []) if country in (None, p.country_code)]
        return out[:limit]

    def contains(self, outer, inner) -> bool:
        return False

    def country(self, cc):
        return None


def test_ranking_prefers_the_namesake_next_to_the_other_places() -> None:
    import spacy

    from mapper.geoparse.resolve import resolve
    from mapper.model import Mention

    text = "Floods reached Alpha and Beta."
    doc = spacy.blank("en")(text)
    mentions = [
        Mention(start=text.index("Alpha"), end=text.index("Alpha") + 5, name="Alpha"),
        Mention(start=text.index("Beta"), end=text.index("Beta") + 4, name="Beta"),
    ]
    alone = resolve(doc, mentions[:1], gazetteer=_FakeGazetteer())
    assert alone[0].geonameid == 1  # on its own, the prominent namesake wins
    tops = resolve(doc, mentions, gazetteer=_FakeGazetteer())
    alpha = next(t for t in tops if t.name == "Alpha")
    assert alpha.geonameid == 2 and alpha.country_code == "YY"
    assert alpha.reason and 0.5 < alpha.score <= 1.0
