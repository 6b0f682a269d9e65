"""The text's country from its actors and other names, the "no namesake abroad" policy and the
placement confidence model, on invented sentences and invented places (a test double of the
gazetteer), so that each rule is seen on its own.
"""

from __future__ import annotations

import pytest

from mapper.geoparse import placement
from mapper.geoparse.actors import ActorTable, actor_countries, get_actors
from mapper.geoparse.country import Cues, Pick, cues
from mapper.model import Place, Toponym


# ------------------------------------------------------------------ the actor table
def _table() -> ActorTable:
    return ActorTable([
        ("Northern Front", ["NF", "Northern Front fighters"], ["XX"], "group", ["National Forum"]),
        ("Coastal Guard", ["CG"], ["YY", "XX"], "force", []),
    ])


def test_one_word_alias_matches_as_written_and_whole() -> None:
    t = _table()
    assert [h.actor.name for h in t.find("NF fighters shelled the camp.")] == ["Northern Front"]
    assert t.find("nf fighters shelled the camp.") == []  # an initialism matches with its case
    assert t.find("The NFL season opened.") == []  # a whole word only


def test_longer_alias_matches_on_folded_text_and_counts_each_actor_once() -> None:
    t = _table()
    hits = t.find("NORTHERN FRONT units and NF fighters met the CG patrol.")
    assert [h.actor.name for h in hits] == ["Northern Front", "Coastal Guard"]
    assert t.countries("NORTHERN FRONT units and NF fighters met the CG patrol.") == {"XX": 2, "YY": 1}


def test_alias_spelt_out_as_something_else_counts_for_nothing() -> None:
    t = _table()
    assert t.find("The National Forum (NF) issued a statement.") == []
    assert [h.alias for h in t.find("Northern Front fighters attacked; the National Forum (NF) protested.")] == [
        "northern front fighters"
    ]


def test_a_whole_name_that_is_an_actor() -> None:
    t = _table()
    assert t.is_alias("NF") and t.is_alias("Northern Front")
    assert not t.is_alias("Northern") and not t.is_alias("Front")


def test_a_place_closing_an_actors_in_or_of_part_is_covered() -> None:
    t = ActorTable([
        ("Front in the Upper Vale", ["FUV"], ["XX"], "group", []),
        ("Vale Cartel", [], ["XX"], "group", []),
    ])
    assert t.covers("They pledged allegiance to the Front in the Upper Vale.", "Vale")
    assert not t.covers("Gunmen of the Vale Cartel attacked.", "Vale")  # a name opening it may say where
    assert not t.covers("Fighting went on in the Upper Vale.", "Vale")  # no actor named


def test_shipped_actor_name_hides_its_place_from_the_recogniser() -> None:
    # reports train af12 (AFP): "JNIM, which has pledged allegiance to Al-Qaeda in the Islamic Maghreb"
    from mapper.geoparse import Geoparser
    from mapper.model import Article

    text = "Most attacks are blamed on JNIM, which has pledged allegiance to Al-Qaeda in the Islamic Maghreb."
    assert get_actors().covers(text, "Maghreb")
    assert Geoparser().parse(Article(id="t", text=text))[1] == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Fighters of the RSF shelled the market on Tuesday.", "SD"),
        ("Boko Haram insurgents raided a village at dawn.", "NG"),
        ("Al Shabaab militants attacked a police post.", "SO"),
        ("The Houthis said they fired a drone.", "YE"),
        ("M23 rebels advanced on the town.", "CD"),
        ("DPR forces shelled the outskirts overnight.", "UA"),
        ("Junta troops torched homes in the village on Monday.", "MM"),
        ("UPC rebels attacked the town at dawn.", "CF"),
        ("Saudi-led coalition strikes hit the port.", "YE"),
    ],
)
def test_shipped_table_ties_common_actors_to_their_country(text: str, country: str) -> None:
    assert country in actor_countries(text)


def test_shipped_table_knows_the_other_meaning_of_an_initialism() -> None:
    assert "SD" not in actor_countries("Reporters Without Borders (RSF) condemned the arrest.")
    assert "CF" not in actor_countries("The Uganda People's Congress (UPC) met on Monday.")
    assert "SD" not in actor_countries("The Rsf said nothing; the rsf report was late.")  # case matters


def test_every_row_of_the_shipped_table_names_countries() -> None:
    table = get_actors()
    assert len(table.actors) > 80
    for a in table.actors:
        assert a.countries and all(len(c) == 2 and c.isupper() for c in a.countries), a
        assert a.kind in {"group", "force", "mission", "institution"}, a


# ------------------------------------------------------------------ country cues
def test_cues_by_kind_and_elsewhere() -> None:
    c = cues([Pick("XX", "PCLI", 0.9), Pick("YY", "PPL", 0.9, demonym=True), Pick("ZZ", "ADM1", 0.8),
              Pick("WW", "ADM1", 0.2)], {"VV": 1})
    assert c.named == {"XX"} and c.demonyms == {"YY"} and c.areas == {"ZZ"} and dict(c.actors) == {"VV": 1}
    assert c.features("XX") == {"cc_named": 1.0}
    assert c.features("VV") == {"cc_actor": 1.0}
    assert c.features("ZZ") == {"cc_area": 1.0, "cc_elsewhere": 1.0}  # an area is no statement of the country
    assert c.features("WW") == {"cc_elsewhere": 1.0}  # an unsure area is no cue
    assert Cues().features("XX") == {}


# ------------------------------------------------------------------ the policy, with a test double of the gazetteer
class _Gazetteer:
    """Invented places (the ``lookup`` API of the real index): folded name -> (place, prior, match)."""

    def __init__(self, rows: dict) -> None:
        self.rows = rows

    def lookup(self, name, *, country=None, limit=20, fuzzy=True):
        from mapper.gazetteer.index import Candidate

        out = [Candidate(p, prior, m) for p, prior, m in self.rows.get(name.lower(), [])
               if country in (None, p.country_code) and (fuzzy or m != "fuzzy")]
        return sorted(out, key=lambda c: -c.prior)[:limit]

    def contains(self, outer, inner) -> bool:
        return outer.feature_code == "ADM1" and outer.admin1_code == inner.admin1_code and outer != inner

    def country(self, cc):
        return None


def _place(gid: int, name: str, cc: str, *, lat: float, lon: float, pop: int = 300) -> Place:
    return Place(gid, name, lat, lon, "P", "PPL", cc, "A1", f"{cc}.A1", population=pop)


def _resolve(text: str, names: tuple[str, ...], rows: dict, **kw) -> dict[str, Toponym]:
    import spacy

    from mapper.geoparse.resolve import resolve
    from mapper.model import Mention

    mentions, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        mentions.append(Mention(start=start, end=start + len(name), name=name))
        pos = start + len(name)
    doc = spacy.blank("en")(text)
    kw.setdefault("confidence", placement.bootstrap_model())  # the policy alone, no learned abstention
    return {t.name: t for t in resolve(doc, mentions, gazetteer=_Gazetteer(rows), actors=_table(), **kw)}


def test_actor_moves_a_hamlet_to_its_namesake_in_the_actors_country() -> None:
    abroad = _place(1, "Quilla", "YY", lat=10.0, lon=60.0, pop=2_000)
    home = _place(2, "Quilla", "XX", lat=-20.0, lon=20.0, pop=300)
    rows = {"quilla": [(abroad, 3.0, "name"), (home, 2.0, "name")]}
    assert _resolve("Gunmen raided Quilla overnight.", ("Quilla",), rows)["Quilla"].geonameid == 1
    t = _resolve("Northern Front gunmen raided Quilla overnight.", ("Quilla",), rows)["Quilla"]
    assert t.geonameid == 2 and "actors act in" in t.reason


def test_actor_country_leaves_a_hamlet_abroad_without_a_point() -> None:
    abroad = _place(3, "Varro", "ZZ", lat=10.0, lon=60.0, pop=300)
    rows = {"varro": [(abroad, 3.0, "name")]}
    assert "Varro" in _resolve("Gunmen raided Varro overnight.", ("Varro",), rows)
    assert "Varro" not in _resolve("NF gunmen raided Varro overnight.", ("Varro",), rows)


def test_an_actors_name_is_no_place() -> None:
    town = _place(4, "Coastal Guard", "ZZ", lat=1.0, lon=1.0, pop=5_000)
    rows = {"coastal guard": [(town, 3.0, "name")]}
    assert "Coastal Guard" not in _resolve("The Coastal Guard said it was ready.", ("Coastal Guard",), rows)


# ------------------------------------------------------------------ the placement confidence model
def _choice(**kw) -> placement.Choice:
    base = dict(place=_place(5, "Sorra", "XX", lat=0.0, lon=0.0), match="name", prob=0.9, margin=2.0, n_cands=3,
                terms={"prior": 1.0}, focus_share=1.0, others=2, nearest_km=10.0, located=False, typed=False,
                listed=False, mentions=1)
    base.update(kw)
    return placement.Choice(**base)


def test_placement_features_say_what_the_resolver_knows() -> None:
    f = placement.features(_choice(), Cues(actors={"XX": 1}))
    assert f["prob"] == 0.9 and f["match=name"] == 1.0 and f["cc_actor"] == 1.0 and f["t:prior"] == 1.0
    assert "far500" not in f and "no_other_point" not in f
    far = placement.features(_choice(nearest_km=900.0, others=0, match="skeleton"), Cues(named=frozenset({"YY"})))
    assert far["far500"] == 1.0 and far["alone"] == 1.0 and far["match=skeleton"] == 1.0 and far["cc_elsewhere"] == 1.0


def test_shipped_placement_model_is_a_real_decider() -> None:
    model = placement.get_model()
    assert model.name == "placement" and len(model.weights) > 10
    assert 0.0 < placement.threshold(model) < 1.0
    sure = placement.features(_choice(), Cues(named=frozenset({"XX"})))
    doubtful = placement.features(
        _choice(prob=0.3, margin=0.0, match="skeleton", nearest_km=3000.0, p_far=0.7, others=1, focus_share=0.0),
        Cues(named=frozenset({"YY"})),
    )
    assert model.probability(sure) > placement.threshold(model) > model.probability(doubtful)
    assert placement.against(model, doubtful)  # the reason can name what spoke against it


def test_abstention_names_the_model_and_falls_back_to_the_area_written_with_the_name() -> None:
    from mapper.models import LinearModel

    town = _place(6, "Pellam", "XX", lat=5.0, lon=5.0, pop=500)
    area = Place(7, "Dorvia", 6.0, 6.0, "A", "ADM1", "XX", "Dorvia", "XX.A1", population=2_000_000)
    rows = {"pellam": [(town, 2.0, "name")], "dorvia": [(area, 4.0, "name")]}
    towns_doubted = LinearModel(name="placement", classes=("0", "1"), weights={"code=PPL": (-10.0,)}, bias=(5.0,),
                                meta={"threshold": 0.5})  # every village below the threshold, areas above
    tops = _resolve("Shelling hit Pellam, Dorvia, on Friday.", ("Pellam", "Dorvia"), rows, confidence=towns_doubted)
    assert tops["Dorvia"].geonameid == 7
    t = tops["Pellam"]
    assert t.geonameid == 7 and "placement model" in t.reason and "placed at Dorvia" in t.reason
