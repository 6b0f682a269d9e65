"""The geoparser's vocabularies, read once from ``data/geoparse/``.

Every word list the recogniser, resolver and role tagger consult lives in a
small data file (feature-type words, capitalised designators, demonyms, person
titles, verbs of saying, stop names, role words, abbreviations, nouns of
residence and office, street-name and masthead words, party initials, "City of" prefixes, "-based" suffixes,
institution words, particles of personal names, joiners of place names, nouns of armed forces after a
demonym, words of armed groups' names, month names, nouns of routes); this module
parses them into one frozen :class:`Lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from mapper.names import fold
from mapper.paths import data_file


@dataclass(frozen=True, slots=True)
class FeatureType:
    """What a feature-type word says about the place next to it.

    Attributes
    ----------
    hint : str
        Normalised type hint (``city``, ``region``, ``district``, ...).
    classes : frozenset[str]
        GeoNames feature classes the word fits.
    codes : tuple[str, ...]
        Preferred feature codes, best first (empty = any code of the classes).
    """

    hint: str
    classes: frozenset[str]
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word lists of the geoparser (see the files in ``data/geoparse``)."""

    feature_types: dict[str, FeatureType]
    designators: dict[str, str]
    demonyms: dict[str, str]
    person_titles: frozenset[str]
    speech_verbs: frozenset[str]
    stop_names: frozenset[str]
    event_words: frozenset[str]
    actor_words: frozenset[str]
    between_words: frozenset[str]
    abbreviations: dict[str, tuple[str, str]]
    compass: frozenset[str]
    local_nouns: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()
    media_words: frozenset[str] = frozenset()
    party_initials: frozenset[str] = frozenset()
    initialisms: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()
    name_heads: frozenset[str] = frozenset()
    compound_suffixes: frozenset[str] = frozenset()
    institution_words: frozenset[str] = frozenset()
    list_introducers: tuple[tuple[str, ...], ...] = ()
    group_nouns: frozenset[str] = frozenset()
    article_prefixes: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    name_joiners: frozenset[str] = frozenset()
    force_nouns: frozenset[str] = frozenset()
    armed_group_words: dict[str, str] = field(default_factory=dict)
    place_modifiers: frozenset[str] = frozenset()
    place_verbs: frozenset[str] = frozenset()
    strike_verbs: frozenset[str] = frozenset()
    motion_verbs: frozenset[str] = frozenset()
    target_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    month_names: frozenset[str] = frozenset()
    route_words: frozenset[str] = frozenset()
    violence_nouns: frozenset[str] = frozenset()
    unit_words: frozenset[str] = frozenset()
    facility_words: frozenset[str] = frozenset()
    site_words: frozenset[str] = frozenset()
    area_nouns: frozenset[str] = frozenset()
    surround_nouns: frozenset[str] = frozenset()

    def hint_type(self, hint: str | None) -> FeatureType | None:
        """The :class:`FeatureType` of a type hint (``"city"`` -> classes ``P``)."""
        if hint is None:
            return None
        return self.feature_types.get(hint) or _HINTS.get(hint)

    def water_type(self, word: str) -> FeatureType | None:
        """The :class:`FeatureType` of a feature-type word of bodies of water only (class
        ``H``: "lake", "river", "shoal"), else None."""
        ft = self.feature_types.get(word.lower())
        return ft if ft is not None and ft.classes == frozenset({"H"}) else None


_HINTS: dict[str, FeatureType] = {}


def _rows(name: str) -> list[list[str]]:
    """Non-comment, non-empty lines of a data file split on tabs."""
    path = data_file("geoparse", name)
    out: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([cell.strip() for cell in line.split("\t")])
    return out


def _words(name: str) -> frozenset[str]:
    return frozenset(row[0].lower() for row in _rows(name))


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """Load (once) and return the geoparser vocabularies.

    Returns
    -------
    Lexicon
        The parsed contents of ``data/geoparse/*``.
    """
    feature_types: dict[str, FeatureType] = {}
    for word, hint, classes, codes in _rows("feature_types.tsv"):
        ft = FeatureType(
            hint=hint,
            classes=frozenset(classes.split(",")),
            codes=() if codes == "*" else tuple(codes.split(",")),
        )
        feature_types[word.lower()] = ft
        if hint not in _HINTS and word.lower() == hint:
            _HINTS[hint] = ft
    for word, ft in feature_types.items():
        _HINTS.setdefault(ft.hint, ft)
    roles = _rows("roles.tsv")
    return Lexicon(
        feature_types=feature_types,
        designators={row[0]: row[1] for row in _rows("designators.tsv")},
        demonyms={row[0]: row[1] for row in _rows("demonyms.tsv")},
        person_titles=_words("person_titles.txt"),
        speech_verbs=_words("speech_verbs.txt"),
        stop_names=frozenset(fold(row[0]) for row in _rows("stop_names.txt")),
        event_words=frozenset(r[1] for r in roles if r[0] == "event"),
        actor_words=frozenset(r[1] for r in roles if r[0] == "actor"),
        between_words=frozenset(r[1] for r in roles if r[0] == "between"),
        abbreviations={row[0]: (row[1], row[2]) for row in _rows("abbreviations.tsv")},
        compass=_words("compass.txt"),
        local_nouns=_words("local_nouns.txt"),
        street_words=frozenset(row[0] for row in _rows("street_words.txt")),
        media_words=frozenset(row[0] for row in _rows("media_words.txt")),
        party_initials=frozenset(row[0] for row in _rows("party_initials.txt")),
        initialisms=frozenset(row[0] for row in _rows("initialisms.txt")),
        name_prefixes=frozenset(row[0] for row in _rows("name_prefixes.txt")),
        name_heads=frozenset(row[0] for row in _rows("name_heads.txt")),
        compound_suffixes=_words("compound_suffixes.txt"),
        institution_words=_words("institution_words.txt"),
        list_introducers=tuple(sorted({tuple(row[0].lower().split()) for row in _rows("list_introducers.txt")}, key=lambda w: (-len(w), w))),
        group_nouns=_words("group_nouns.txt"),
        article_prefixes=_words("article_prefixes.txt"),
        name_particles=_words("name_particles.txt"),
        name_joiners=_words("name_joiners.txt"),
        force_nouns=_words("force_nouns.txt"),
        armed_group_words={row[0]: row[1] for row in _rows("armed_group_words.txt")},
        place_modifiers=_words("place_modifiers.txt"),
        place_verbs=_words("place_verbs.txt"),
        strike_verbs=_words("strike_verbs.txt"),
        motion_verbs=_words("motion_verbs.txt"),
        target_nouns={row[0].lower(): frozenset(row[1].split(",")) for row in _rows("target_nouns.tsv")},
        month_names=_words("month_names.txt"),
        route_words=_words("route_words.txt"),
        violence_nouns=_words("violence_nouns.txt"),
        unit_words=_words("unit_words.txt"),
        facility_words=_words("facility_words.txt"),
        site_words=_words("site_words.txt"),
        area_nouns=_words("area_nouns.txt"),
        surround_nouns=_words("surround_nouns.txt"),
    )
