"""Actors that tie a text to a country: armed groups, forces and institutions.

"The RSF shelled Abu Shouk camp" is a report on Sudan, "Boko Haram attacked Rann" one on
Nigeria or its Lake Chad neighbours, whatever namesakes the gazetteer has abroad. The
table is data (``data/geoparse/actors.tsv``: name, aliases, countries, kind); this module
finds its names in a text. A one-word alias ("RSF", "M23", "Hamas") matches as written, a
whole word, case and all; a longer one matches case-blind on the folded text ("al-Shabaab",
"Al Shabab"). An acronym that the text spells out as something else ("Reporters Without
Borders (RSF)") counts for nothing (the table's ``unless`` column).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from mapper.names import fold
from mapper.paths import data_file

__all__ = ["Actor", "ActorTable", "actor_countries", "get_actors"]


@dataclass(frozen=True, slots=True)
class Actor:
    """One row of ``actors.tsv``.

    Attributes
    ----------
    name : str
        The group's, force's or institution's name.
    countries : tuple[str, ...]
        ISO 3166-1 alpha-2 codes of the countries it acts in, its home first.
    kind : str
        ``group``, ``force``, ``mission`` or ``institution``.
    """

    name: str
    countries: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class ActorHit:
    """An actor named in a text, by the alias as the table writes it."""

    actor: Actor
    alias: str


class ActorTable:
    """The actors of a table, compiled into two patterns (one-word aliases as written, the
    longer ones on folded text)."""

    def __init__(self, rows: Iterable[tuple[str, Iterable[str], Iterable[str], str, Iterable[str]]]) -> None:
        self.actors: list[Actor] = []
        self._exact: dict[str, int] = {}
        self._folded: dict[str, int] = {}
        self._unless: dict[int, tuple[str, ...]] = {}
        for name, aliases, countries, kind, unless in rows:
            k = len(self.actors)
            self.actors.append(Actor(name, tuple(countries), kind))
            for alias in dict.fromkeys(a.replace("’", "'") for a in [name, *aliases]):
                if not alias.strip():
                    continue
                if len(alias.split()) == 1 and fold(alias).count(" ") == 0:
                    self._exact.setdefault(alias, k)
                else:
                    self._folded.setdefault(fold(alias), k)
            words = tuple(fold(u) for u in unless if u.strip())
            if words:
                self._unless[k] = words
        self._exact_re = _alternation(self._exact, r"(?<![\w])", r"(?![\w])")
        self._long_cache: dict[str, tuple[str, ...]] = {}
        self._folded_re = _alternation(self._folded, r"(?<![a-z0-9])", r"(?![a-z0-9])")

    @property
    def initialisms(self) -> frozenset[str]:
        """The one-word aliases written in capitals ("RSF", "SAF", "ISWAP")."""
        return frozenset(a for a in self._exact if a.isupper())

    def find_outermost(self, text: str) -> list[ActorHit]:
        """The actors of :meth:`find`, without one named only by an alias inside another's
        ("Myanmar junta" is the Tatmadaw, not every junta "junta" might name)."""
        hits = self.find(text)
        return [h for h in hits if not any(o is not h and fold(h.alias) in fold(o.alias) for o in hits)]

    def find(self, text: str) -> list[ActorHit]:
        """The actors a text names, each once, in the order of their first mention.

        Parameters
        ----------
        text : str
            The text as written.
        """
        folded = f" {fold(text)} "
        found: dict[int, tuple[int, str]] = {}
        if self._folded_re is not None:
            for m in self._folded_re.finditer(folded):
                k = self._folded[m.group(0)]
                found.setdefault(k, (m.start(), m.group(0)))
        if self._exact_re is not None:
            for m in self._exact_re.finditer(text.replace("’", "'")):
                k = self._exact[m.group(0)]
                if k in self._unless and any(f" {u} " in folded for u in self._unless[k]):
                    continue  # "Reporters Without Borders (RSF)": the acronym means something else
                found.setdefault(k, (m.start(), m.group(0)))
        order = sorted(found.items(), key=lambda kv: (kv[1][0], kv[0]))
        return [ActorHit(self.actors[k], alias) for k, (_pos, alias) in order]

    def countries(self, text: str) -> dict[str, int]:
        """How many distinct actors a text names per country they tie it to."""
        out: dict[str, int] = {}
        for hit in self.find(text):
            for cc in hit.actor.countries:
                out[cc] = out.get(cc, 0) + 1
        return out

    def covers(self, text: str, name: str) -> bool:
        """Whether ``name`` closes the "in ..." or "of ..." part of an actor's several-word name
        that ``text`` holds ("Maghreb" in "pledged allegiance to Al-Qaeda in the Islamic
        Maghreb"). A name opening an actor's name ("the Sinaloa Cartel", "the Luhansk People's
        Republic") may still say where, and is not covered."""
        key = fold(name)
        if not key:
            return False
        for alias in self._long_aliases_in(text):  # one sentence asks for each of its names: cached
            at = alias.find(f" {key} ")
            if at > 0 and (" in " in alias[:at + 1] or " of " in alias[:at + 1]):
                return True
        return False

    def _long_aliases_in(self, text: str) -> tuple[str, ...]:
        """The several-word aliases a text holds, folded and space-padded (the last texts asked kept)."""
        found = self._long_cache.get(text)
        if found is None:
            folded = f" {fold(text)} "
            found = tuple(f" {m.group(0)} " for m in self._folded_re.finditer(folded)) if self._folded_re else ()
            if len(self._long_cache) > 256:
                self._long_cache.clear()
            self._long_cache[text] = found
        return found

    def is_alias(self, name: str) -> bool:
        """Whether ``name`` as a whole is one of the actors' names ("Rizeigat", "ISWAP")."""
        return self.actor_named(name) is not None

    def actor_named(self, name: str) -> Actor | None:
        """The actor ``name`` as a whole names ("ISWAP", "Myanmar army"), if any."""
        key = name.replace("’", "'")
        k = self._exact.get(key)
        if k is None and " " in fold(key):
            k = self._folded.get(fold(key))
        return None if k is None else self.actors[k]


def _alternation(keys: dict[str, int], before: str, after: str) -> re.Pattern[str] | None:
    if not keys:
        return None
    body = "|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k)))
    return re.compile(f"{before}(?:{body}){after}")


@lru_cache(maxsize=1)
def get_actors() -> ActorTable:
    """The actor table of ``data/geoparse/actors.tsv``, compiled once."""
    rows = []
    for line in data_file("geoparse", "actors.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")] + [""] * 5
        name, aliases, countries, kind, unless = cells[:5]
        rows.append((name, aliases.split("|"), [c for c in countries.split(",") if c], kind, unless.split("|")))
    return ActorTable(rows)


def actor_countries(text: str, *, table: ActorTable | None = None) -> dict[str, int]:
    """How many distinct actors a text names per country they tie it to.

    Parameters
    ----------
    text : str
        The text as written.
    table : ActorTable, optional
        The actors (default: :func:`get_actors`).

    Returns
    -------
    dict[str, int]
        Country code -> number of the text's actors that act there.
    """
    return (table or get_actors()).countries(text)
