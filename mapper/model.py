"""The records every stage of mapper passes on.

The data flow is one direction::

    files --read--> Article --recognise--> Mention[] --resolve--> Toponym[]
          --incidents--> Incident[] --export--> GeoDataFrame / files / map

Each record is a plain, typed dataclass, except ``Place``: the gazetteer makes
one per candidate on every lookup, so it is an immutable ``NamedTuple`` (five
times cheaper to create than a frozen dataclass). ``Toponym`` and ``Incident`` turn into
the JSON objects of the output contract with :meth:`to_dict` (field names and
order are the contract; see DESIGN.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple

Role = Literal["event", "actor", "context"]
Kind = Literal["attack", "diplomacy", "other"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article.

    Attributes
    ----------
    id : str
        Stable identifier (file stem, or the ``id`` of a JSON Lines / CSV row,
        passed through unchanged).
    text : str
        The article body. Every character offset in later records indexes this.
    title : str
        Headline (from the dateline header, the input row, or empty).
    date : str | None
        Publication date ``YYYY-MM-DD`` when known.
    url, source : str | None
        Where the article came from, when the input says.
    theatre : tuple[str, ...]
        Countries (ISO codes) the corpus is about, for an article whose text names none: a
        place name then goes to a namesake in them before one elsewhere (set by
        :func:`mapper.pipeline.process`, :mod:`mapper.theatre`).
    """

    id: str
    text: str
    title: str = ""
    date: str | None = None
    url: str | None = None
    source: str | None = None
    theatre: tuple[str, ...] = ()


class Place(NamedTuple):
    """One gazetteer entry (a GeoNames-style record), immutable.

    Attributes
    ----------
    geonameid : int
        GeoNames id (curated entries without one use ids >= 900_000_000).
    name : str
        Preferred English name.
    lat, lon : float
        WGS84 representative point.
    feature_class : str
        GeoNames feature class: ``P`` populated place, ``A`` admin area / country,
        ``L`` region, ``H`` water, ``T`` terrain.
    feature_code : str
        GeoNames feature code: ``PPLC``, ``PPLA``, ``PPL``, ``PPLX`` (section of a
        populated place, e.g. a city district), ``ADM1``, ``ADM2``, ``PCLI``,
        ``RGN``, ``SEA``, ...
    country_code : str
        ISO 3166-1 alpha-2 ("" for places in no country, like seas).
    admin1 : str
        Name of the admin-1 area the place lies in (the area itself for ADM1).
    admin1_code : str
        GeoNames admin-1 key, ``CC.XX`` (e.g. ``UA.04``), "" when unknown.
    admin2 : str
        Name of the admin-2 area when known.
    population : int
        Inhabitants (0 when unknown).
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str = ""
    admin1_code: str = ""
    admin2: str = ""
    population: int = 0

    @property
    def is_region(self) -> bool:
        """True for areas larger than a town (countries, admin areas, regions, seas)."""
        return self.feature_class in {"A", "L", "H", "T"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text recognised as a place name (not yet placed).

    ``start``/``end`` are character offsets into ``Article.text`` (end exclusive);
    ``text[start:end] == name`` always holds. ``type_hint`` carries a feature-type
    word found next to the name (``"city"``, ``"region"``, ``"district"``, ...);
    ``source`` says which recogniser found it (``"ner"``, ``"gazetteer"``, ``"rule"``).
    """

    start: int
    end: int
    name: str
    sentence: int = 0
    type_hint: str | None = None
    source: str = "ner"
    label: str = "GPE"


@dataclass(slots=True)
class Toponym:
    """A mention resolved to a gazetteer place (the DESIGN ``Toponym`` contract).

    ``geo_precision`` is set when the point is coarser than the name: 2 (a town or
    district) or 3 (a region) for a name the gazetteer lacks, placed at the smallest
    area the text puts it in; ``None`` means the place itself (precision from its
    feature code).
    """

    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int
    feature_code: str
    country_code: str
    admin1: str
    role: Role = "context"
    score: float = 0.0
    reason: str = ""
    place: Place | None = field(default=None, repr=False, compare=False)
    sentence: int = field(default=0, repr=False, compare=False)
    geo_precision: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the output contract (``geo_precision`` last, when set)."""
        d = {
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "geonameid": self.geonameid,
            "feature_code": self.feature_code,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "role": self.role,
            "score": round(self.score, 3),
            "reason": self.reason,
        }
        if self.geo_precision is not None:
            d["geo_precision"] = self.geo_precision
        return d


@dataclass(slots=True)
class Incident:
    """Something that happened at a place (the DESIGN ``Incident`` contract).

    ``killed``/``wounded`` are ``None`` when the text does not say; ``0`` when it
    says nobody was. ``geo_precision``: 1 exact place or district, 2 town or a
    part of it, 3 region only. An incident the text tells at a place the gazetteer
    does not know has no point: ``lat``, ``lon`` and ``geo_precision`` are ``None``
    and ``place`` is the name as written. ``date_precision``: ``day``, ``week``, ``month``
    or ``year``. ``event_type``/``sub_event_type`` are ACLED's (``kind`` groups
    them: attack, diplomacy, other). ``actor1``/``actor2`` are the acting and the
    target side as the text names them, ``abducted``/``arrested`` the people
    abducted or arrested where told (``None`` when the text does not say).
    """

    kind: Kind
    event_type: str
    sub_event_type: str
    place: str
    geonameid: int
    country_code: str
    admin1: str
    lat: float | None
    lon: float | None
    geo_precision: int | None
    date: str | None = None
    date_precision: str | None = None
    weapons: list[str] = field(default_factory=list)
    killed: int | None = None
    wounded: int | None = None
    damage: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    evidence: str = ""
    reason: str = ""
    article_id: str = ""
    feature_code: str = ""
    title: str = ""
    url: str | None = None
    evidence_spans: list[tuple[int, int]] = field(default_factory=list, repr=False)
    actor1: str | None = None
    actor2: str | None = None
    abducted: int | None = None
    arrested: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the output contract (plus ``feature_code``, ``title``, ``url``; the sides
        and the abducted and arrested counts last)."""
        d = asdict(self)
        d.pop("evidence_spans")
        d["lat"] = None if self.lat is None else round(self.lat, 5)
        d["lon"] = None if self.lon is None else round(self.lon, 5)
        return d

    @property
    def has_point(self) -> bool:
        """False for an incident told at a place the gazetteer does not know (no coordinates)."""
        return self.lat is not None and self.lon is not None


@dataclass(slots=True)
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    toponyms: list[Toponym] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``mapper extract`` JSON Lines object."""
        return {
            "id": self.article.id,
            "title": self.article.title,
            "date": self.article.date,
            "toponyms": [t.to_dict() for t in self.toponyms],
            "incidents": [i.to_dict() for i in self.incidents],
        }


class MapperError(Exception):
    """An error the user can fix (bad input, bad option); the CLI prints it as one line."""

    exit_code = 2
