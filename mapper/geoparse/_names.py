"""The set of gazetteer names the recogniser looks for in text.

Looking every capitalised token sequence up in the full gazetteer would find
"places" everywhere (every surname is a hamlet somewhere). The recogniser
therefore matches text only against names of places that matter in news:
countries, admin areas, curated regions and towns above a population floor
(:meth:`Gazetteer.iter_names`). The set is built once per gazetteer and kept.
"""

from __future__ import annotations

import contextlib
import threading
from itertools import repeat
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from mapper.files import atomic_write
from mapper.model import MapperError
from mapper.names import fold

MIN_POPULATION = 5_000
KEYS_VERSION = "v2"  # bump when :func:`fold` changes (the cached keys are folded names)
MAJOR_POPULATION = 500_000
SPELLING_SIMILARITY = 85.0
TRANSLIT_SIMILARITY = 80.0
TRANSLIT_MIN_LETTERS = 5
_ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an")
NAMED_LIMIT = 20
MAJOR_CODES = frozenset(
    {"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "ADM1", "PPLC", "PPLA", "CONT", "RGN"}
)
AREA_MARGIN = 0.25  # prior units: a named area this close to an alias's best place is what the name means
AREA_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLX", "ADM1"})
_AREA_SUFFIXES = (" county", " parish", " district", " province", " region", " oblast", " raion")


@dataclass(slots=True)
class PlaceNames:
    """Folded names worth matching in text, plus a cached "is it a major place" test.

    Attributes
    ----------
    keys : frozenset[str]
        Folded names of countries, admin areas, regions and towns with at
        least :data:`MIN_POPULATION` inhabitants.
    max_tokens : int
        Longest name in words (bounds the token window of the scan).
    gazetteer : Any
        The gazetteer the names come from.
    """

    keys: frozenset[str]
    max_tokens: int
    gazetteer: Any
    _major: dict[str, bool] = field(default_factory=dict)
    _plain: dict[str, bool] = field(default_factory=dict)

    _compact: frozenset[str] | None = None

    def __contains__(self, text: str) -> bool:
        return fold(text) in self.keys

    def has(self, text: str) -> bool:
        """Whether ``text`` is a name worth matching, also written with hyphens where the
        gazetteer has one word ("Petion-Ville" for Pétionville, "Abu-Dhabi" no: two words).

        A hyphenated spelling of a name the gazetteer writes as one word counts;
        text without a hyphen is matched as it is.
        """
        key = fold(text)
        if key in self.keys:
            return True
        if "-" not in text:
            return False
        if self._compact is None:
            self._compact = frozenset(k for k in self.keys if " " not in k)
        return key.replace(" ", "") in self._compact

    def _best(self, text: str) -> tuple[Any, str] | None:
        if hasattr(self.gazetteer, "lookup"):
            hits = self.gazetteer.lookup(text, limit=1, fuzzy=False)
            return (hits[0].place, hits[0].match) if hits else None
        places = self.gazetteer.candidates(text, limit=1, fuzzy=False)
        return (places[0], "name") if places else None

    def is_plain(self, text: str) -> bool:
        """True when ``text`` names its best place plainly, not through a stray alias.

        A scan hit on "Franklin" whose best place is "Columbus" (an alias), or
        on "Carter" whose best place is "Carter County", is not a place name
        worth finding without NER's help.
        """
        key = fold(text)
        hit = self._plain.get(key)
        if hit is None:
            best = self._best(text)
            if best is None:
                hit = False
            else:
                place, match = best
                pname = fold(place.name)
                hit = match in {"name", "region"} or (
                    _spelling_of(key, pname)
                    and not pname.endswith(_AREA_SUFFIXES)
                    and not (pname.startswith(key + " ") and not self._named(text))
                ) or place.feature_code in MAJOR_CODES - {"PPLA"} or self._names_area(text)
            self._plain[key] = hit
        return hit

    def _named(self, text: str) -> bool:
        """Whether some place bears ``text`` as its own name ("New York" the state), so that
        the name is not only a clipped alias of a longer one ("Rapid" for Rapid City)."""
        if not hasattr(self.gazetteer, "lookup"):
            return True
        return any(h.match == "name" for h in self.gazetteer.lookup(text, limit=NAMED_LIMIT, fuzzy=False))

    def _names_area(self, text: str) -> bool:
        """Whether a country or first-order division bears ``text`` as its own name, even
        when a city that has the name only as an alias ranks first ("Durango": the
        state, and Victoria de Durango, its capital). The area must rank about as
        high as that city (within :data:`AREA_MARGIN`): "Berea" is Aleppo's alias
        far more than it is the Lesotho district."""
        if not hasattr(self.gazetteer, "lookup"):
            return False
        hits = self.gazetteer.lookup(text, limit=NAMED_LIMIT, fuzzy=False)
        return bool(hits) and any(
            h.match == "name" and h.place.feature_code in AREA_CODES and h.prior >= hits[0].prior - AREA_MARGIN
            for h in hits
        )

    def alias_only(self, text: str) -> bool:
        """True when ``text`` is an alternate name of some place and no place's own name
        ("Stepanakert" for Khankendi, "Arbinda" for Aribinda; not "Franklin")."""
        return self.best(text) is not None and not self._named(text)

    def best(self, text: str) -> Any | None:
        """The best-ranked gazetteer place of ``text`` (exact names only), or None."""
        hit = self._best(text)
        return hit[0] if hit is not None else None

    def population(self, text: str) -> int:
        """Population of the best candidate of ``text`` (0 when none)."""
        best = self._best(text)
        return int(best[0].population) if best is not None else 0

    def is_country(self, text: str) -> bool:
        """True when the best candidate of ``text`` is a country (``PCL*``)."""
        best = self._best(text)
        return best is not None and best[0].feature_code.startswith("PCL") and self.is_plain(text)

    def is_major(self, text: str) -> bool:
        """True when the best candidate of ``text`` is a country, admin-1 area, capital or big city."""
        key = fold(text)
        hit = self._major.get(key)
        if hit is None:
            best = self._best(text)
            hit = best is not None and self.is_plain(text) and (
                best[0].feature_code in MAJOR_CODES or best[0].population >= MAJOR_POPULATION
            )
            self._major[key] = hit
        return hit


def _spelling_of(key: str, pname: str) -> bool:
    """Whether ``key`` is another spelling of the place name ``pname``.

    The same first four letters ("Odessa" / "Odesa"), or a name of several
    words that shares a word with the place name and is spelled close to it
    ("Kiryat Shmona" / "Qiryat Shmona": a transliteration); not an unrelated
    alias ("Franklin" for Columbus), nor a one-word lookalike ("Manning" for
    Wanning, "But" for Buta).
    """
    if pname[:4] == key[:4]:
        return True
    # one-word transliterations: "al-Fashir" / "El Fasher", "Lachin" / "Lacin"
    short, pshort = _without_article(key), _without_article(pname)
    if (
        " " not in short
        and " " not in pshort
        and len(short) >= TRANSLIT_MIN_LETTERS
        and short[:3] == pshort[:3]
        and fuzz.ratio(short, pshort) >= TRANSLIT_SIMILARITY
    ):
        return True
    words, pwords = key.split(), pname.split()
    return (
        len(words) == len(pwords) > 1
        and bool(set(words) & set(pwords))
        and fuzz.ratio(key, pname) >= SPELLING_SIMILARITY
    )


def _without_article(name: str) -> str:
    """A folded name without a leading Arabic article ("al-fashir", "el fasher" -> "fashir", "fasher")."""
    for art in _ARTICLES:
        for sep in ("-", " "):
            if name.startswith(art + sep) and len(name) > len(art) + 1:
                return name[len(art) + 1 :]
    return name


spelling_of = _spelling_of  # public name for the recogniser


_CACHE: dict[int, PlaceNames] = {}


def _load_keys(gazetteer: Any) -> frozenset[str]:
    """Folded names of the gazetteer, read from a cache file next to its index when there is one."""
    path = getattr(gazetteer, "path", None)
    cache = None
    if isinstance(path, Path):
        cache = path.with_name(f"{path.stem}.geoparse-names-{MIN_POPULATION}-{KEYS_VERSION}.txt")
        if cache.exists():
            with contextlib.suppress(OSError):
                return frozenset(cache.read_text(encoding="utf-8").splitlines())
    keys = frozenset(fold(n) for n in gazetteer.iter_names(min_population=MIN_POPULATION))
    if cache is not None:
        with contextlib.suppress(MapperError, OSError):
            atomic_write(cache, "\n".join(sorted(keys)), force=True)
    return keys
_LOCK = threading.Lock()


def place_names(gazetteer: Any) -> PlaceNames:
    """Build (once per gazetteer object) the :class:`PlaceNames` of a gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer
        Anything with ``iter_names(min_population=...)`` and ``candidates(...)``.

    Returns
    -------
    PlaceNames
    """
    with _LOCK:
        hit = _CACHE.get(id(gazetteer))
        if hit is not None and hit.gazetteer is gazetteer:
            return hit
        keys = _load_keys(gazetteer)
        longest = max(map(str.count, keys, repeat(" ")), default=0) + 1  # words in the longest name
        names = PlaceNames(keys=keys, max_tokens=min(longest, 5), gazetteer=gazetteer)
        _CACHE[id(gazetteer)] = names
        return names
