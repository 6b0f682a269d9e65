"""spaCy's attribute ruler with its rules looked up by word, tag and dependency.

The English pipeline sets each token's coarse part of speech, morphology and
some lemmas with about 180 rules, almost all of the form "a token with tag T
(and lower-case form W)". spaCy's ``AttributeRuler`` tries every rule on every
token with its ``Matcher``, which made it a tenth of the whole pipeline's
time. :class:`IndexedAttributeRuler` keeps the same rules and the same order
of precedence, but looks up the rules a token can start by its tag, word or
dependency label and checks only those. Rules it cannot read (other token
attributes, quantifiers) still go through a ``Matcher``. The result is the
same, token for token.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import chain
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

# the token attributes the lookup reads, in the order rules are filed by
_READ = ("TAG", "LOWER", "DEP", "IS_SPACE")
Predicate = tuple[str, str, Any]  # attribute, operator (IN, NOT_IN, REGEX), argument
Rule = tuple[int, tuple[tuple[Predicate, ...], ...]]  # rule id, predicates of each token
_MAX_STARTS = 200_000  # attribute-value sets whose starting rules are kept (cleared beyond)


def _predicate(key: str, value: Any) -> Predicate | None:
    """One token predicate as the lookup reads it, or None when it cannot."""
    if key not in _READ:
        return None
    if isinstance(value, (str, bool)):
        return (key, "IN", frozenset([value]))
    if isinstance(value, dict) and len(value) == 1:
        op, arg = next(iter(value.items()))
        if op in ("IN", "NOT_IN"):
            return (key, op, frozenset(arg))
        if op == "REGEX":
            return (key, op, re.compile(arg))
    return None


def _compile(pattern: list[dict[str, Any]]) -> tuple[tuple[Predicate, ...], ...] | None:
    """The predicates of every token of a pattern, or None when one cannot be read."""
    tokens = []
    for spec in pattern:
        preds = [_predicate(k, v) for k, v in spec.items()]
        if not spec or None in preds:
            return None
        tokens.append(tuple(p for p in preds if p is not None))
    return tuple(tokens)


def _holds(preds: tuple[Predicate, ...], values: dict[str, Any]) -> bool:
    for key, op, arg in preds:
        value = values[key]
        if op == "IN":
            if value not in arg:
                return False
        elif op == "NOT_IN":
            if value in arg:
                return False
        elif not isinstance(value, str) or arg.search(value) is None:
            return False
    return True


def _rest_holds(tokens: tuple[tuple[Predicate, ...], ...], values: list[dict[str, Any]], i: int, n: int) -> bool:
    """True when the tokens after the first of a pattern match from position ``i`` on."""
    if len(tokens) == 1:
        return True
    return i + len(tokens) <= n and all(_holds(p, values[i + k]) for k, p in enumerate(tokens) if k)


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` that looks up the rules a token can start."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._filed: dict[str, dict[Any, list[Rule]]] | None = None
        self._anywhere: list[Rule] = []
        self._rest: Matcher | None = None
        # the rules a token can start depend on its attribute values alone: found once per set of values
        self._starts: dict[tuple[Any, ...], tuple[Rule, ...]] = {}

    def add(self, patterns: Iterable[Any], attrs: dict, index: int = 0) -> None:  # type: ignore[override]
        super().add(patterns, attrs, index)
        self._filed = None  # filed again on next use
        self._starts = {}

    def _file(self) -> None:
        filed: dict[str, dict[Any, list[Rule]]] = {key: defaultdict(list) for key in _READ}
        anywhere: list[Rule] = []
        rest = Matcher(self.vocab, validate=False)
        has_rest = False
        for attr_id in range(len(self.attrs)):
            key = str(attr_id)
            unread = []
            for pattern in self.matcher.get(key)[1]:
                tokens = _compile(pattern)
                if tokens is None:
                    unread.append(pattern)
                    continue
                first = {attr: arg for attr, op, arg in tokens[0] if op == "IN"}
                attr = next((a for a in _READ if a in first), None)
                if attr is None:
                    anywhere.append((attr_id, tokens))
                else:
                    for value in first[attr]:
                        filed[attr][value].append((attr_id, tokens))
            if unread:
                rest.add(key, unread)
                has_rest = True
        self._filed = {attr: dict(table) for attr, table in filed.items()}
        self._anywhere = anywhere
        self._rest = rest if has_rest else None

    def _rules_starting(self, here: dict[str, Any]) -> tuple[Rule, ...]:
        """The rules whose first token a token with these attribute values matches (in filing order)."""
        assert self._filed is not None
        filed = (self._filed[key].get(here[key], ()) for key in _READ)
        return tuple(rule for rule in chain(*filed, self._anywhere) if _holds(rule[1][0], here))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The rules that apply, as ``AttributeRuler.match`` gives them (sorted by rule)."""
        if self._filed is None:
            self._file()
        assert self._filed is not None
        values = [{"TAG": t.tag_, "LOWER": t.lower_, "DEP": t.dep_, "IS_SPACE": t.is_space} for t in doc]
        starts = self._starts
        if len(starts) > _MAX_STARTS:
            starts.clear()
        found: set[tuple[int, int, int]] = set()
        n = len(values)
        for i, here in enumerate(values):
            sig = (here["TAG"], here["LOWER"], here["DEP"], here["IS_SPACE"])
            rules = starts.get(sig)
            if rules is None:
                rules = starts[sig] = self._rules_starting(here)
            for attr_id, tokens in rules:
                if _rest_holds(tokens, values, i, n):
                    found.add((attr_id, i, i + len(tokens)))
        strings = self.vocab.strings
        matches = [(attr_id, strings[str(attr_id)], start, end) for attr_id, start, end in found]
        if self._rest is not None:
            for match_id, start, end in self._rest(doc, allow_missing=True, as_spans=False):
                matches.append((int(strings[match_id]), match_id, start, end))
        return sorted(set(matches))


@Language.factory("mapper_attribute_ruler", default_config={"validate": False, "scorer": None})
def make_indexed_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Any
) -> IndexedAttributeRuler:
    """spaCy factory of :class:`IndexedAttributeRuler` (rules are added by the caller)."""
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)
