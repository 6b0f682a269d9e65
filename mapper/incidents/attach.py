"""Link events to places through the sentence's dependency parse.

Every place reference of a sentence -- a resolved toponym, or an anaphor such as
"the capital" / "the city" resolved to an earlier toponym -- gets a role:

* ``site``: the text says something happened there: the place is the object of a
  locative preposition ("on", "in", "at", "near", "over", ...) whose governor is
  an event trigger or lies in the trigger's clause ("attacks on the capital",
  "Attacks took place in the regions of A, B and C", "seven wounded in X",
  "a meeting in the city of Geneva"), the object or passive subject of an attack
  verb ("shelled Nikopol", "Sumy was hit"), or the subject of "came under attack";
* ``container``: it only locates another place ("Kryvyi Rih in Dnipropetrovsk",
  "Kharkiv's Kyivskyi district") -- the inner place is the site;
* ``actor``: a party, not a location ("talks between Kyiv and Washington",
  "involving Moscow", "Russia pounded ...", "Kyiv Mayor", "Ukraine's negotiator");
* ``context``: anything else.

List members ("A, B and C") share the role of the first one, and "the regions of
A, B" / "the Kharkiv region" pass the container noun's type on as a ``hint``.
The clause test keeps a place that is merely mentioned in a subordinate clause
("issues they would cover in Geneva") from becoming the site of a call.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from mapper.incidents._memo import once_per_sentence
from mapper.incidents.events import Trigger
from mapper.incidents.lexicon import Lexicon
from mapper.model import Place, Toponym

__all__ = ["PlaceRef", "Site", "focus_country", "place_refs", "classify", "find_sites", "clause_head", "clause_text",
           "headline_label",
           "tree_distance"]

_LIST_WORDS = frozenset({"and", "or", ","})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj", "pcomp", "dep"})
_PERSONISH = frozenset({"PERSON", "NORP", "ORG"})
_SUB_CLAUSE_DEPS = frozenset({"relcl", "advcl", "acl", "xcomp", "pcomp"})


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A reference to a place in the text.

    Attributes
    ----------
    place : Place
        The resolved place.
    name : str
        The words as written ("Kharkiv", "the capital").
    start, end : int
        Doc token span.
    root : int
        Doc index of the span's syntactic head.
    sentence : int
        Sentence index.
    anaphor_of : str
        For anaphors, the name of the antecedent toponym ("" otherwise).
    score : float
        How sure the geoparser is of the place (``Toponym.score``; an anaphor takes its antecedent's).
    """

    place: Place
    name: str
    start: int
    end: int
    root: int
    sentence: int
    anaphor_of: str = ""
    score: float = 1.0


@dataclass(slots=True)
class Site:
    """A place where a sentence says an event happened.

    Attributes
    ----------
    ref : PlaceRef
    trigger : Trigger
        The closest linked trigger.
    kind : str
        ``attack`` or ``diplomacy`` or ``outcome`` (casualties/damage only).
    gov : int
        Doc index of the word the place phrase attaches to.
    prep : str
        The preposition or relation linking the place ("on", "in", "dobj", ...).
    hint : str
        Feature type named next to the place ("region", "town", "district").
    triggers : list[Trigger]
        All triggers linked to this place in the sentence.
    """

    ref: PlaceRef
    trigger: Trigger
    kind: str
    gov: int
    prep: str
    hint: str = ""
    triggers: list[Trigger] = field(default_factory=list)
    links: dict[int, int] = field(default_factory=dict)
    why: str = ""  # the model that chose this place and its strongest cues
    etype: str = ""  # the event type of its event words (event_type model), "" when not typed
    eprobs: dict[str, float] = field(default_factory=dict)  # summed class probabilities of its event words
    ewhy: str = ""  # what decided the type

    def same_event(self, i: int, doc: Doc) -> bool:
        """True when trigger token ``i`` reports this site's event: the site's own trigger, one in the
        same clause, or a verb in a dependent clause ("talks in X, hosted by Y")."""
        if i == self.trigger.i:
            return True
        score = self.links.get(i)
        return score is not None and (score < 20 or doc[i].pos_ in {"VERB", "AUX"})


def _place_of(t: Toponym) -> Place:
    if t.place is not None:
        return t.place
    code = t.feature_code or ""
    fclass = "P" if code.startswith("PPL") else "A" if code.startswith(("ADM", "PCL")) else "L"
    return Place(t.geonameid, t.name, t.lat, t.lon, fclass, code, t.country_code, t.admin1)


def _matches(place: Place, rule: dict[str, frozenset[str]]) -> bool:
    if place.feature_code in rule.get("exclude_codes", frozenset()):
        return False
    if "feature_codes" in rule and place.feature_code in rule["feature_codes"]:
        return True
    return "feature_classes" in rule and place.feature_class in rule["feature_classes"]


def place_refs(doc: Doc, toponyms: Sequence[Toponym], lex: Lexicon, *,
               capital_of: Callable[[str], Place | None] | None = None) -> list[PlaceRef]:
    """Toponyms and resolved anaphors of a document, in text order.

    Parameters
    ----------
    doc : spacy.tokens.Doc
    toponyms : sequence of Toponym
        Resolved toponyms (character offsets index ``doc.text``).
    lex : Lexicon
    capital_of : callable, optional
        The capital of a country code (:meth:`mapper.gazetteer.Gazetteer.capital`), for a capital
        the text qualifies by its country and does not name ("the Sudanese capital").

    Returns
    -------
    list[PlaceRef]
    """
    sents = list(doc.sents)
    sent_of = {}
    for si, s in enumerate(sents):
        for tok in s:
            sent_of[tok.i] = si
    refs: list[PlaceRef] = []
    covered: set[int] = set()
    for t in sorted(toponyms, key=lambda x: (x.start, x.end)):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        covered.update(range(span.start, span.end))
        refs.append(PlaceRef(_place_of(t), t.name, span.start, span.end, span.root.i, sent_of.get(span.root.i, t.sentence),
                             score=t.score))
    anaphors: list[PlaceRef] = []
    focus_cc = focus_country(refs)
    for tok in doc:
        if tok.i in covered or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        key = tok.lower_
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and f"{prev.lower_} {key}" in lex.anaphora:
            key = f"{prev.lower_} {key}"
        rule = lex.anaphora.get(key)
        if rule is None:
            continue
        dets = [c for c in tok.children if c.dep_ in {"det", "poss"}]
        named_cc = _qualifying_country(tok, refs)
        # "Sudan's capital", "the Sudan capital", "the capital of Sudan": the country says which capital
        # (and a headline's "Ukrainian Capital", tagged a proper noun, is still the word)
        if not (key == "capital" and named_cc is not None):
            if tok.pos_ != "NOUN":
                continue
            if not any(d.lower_ in {"the", "this", "that"} for d in dets):
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                continue  # "the city of Geneva": a container noun, not an anaphor
            if any(w.i in covered for c in tok.lefts for w in c.subtree):
                continue  # "the Kharkiv region", "the northwestern Sagaing region" (the name, however parsed)
        if any(c.dep_ in {"appos", "compound"} and c.i > tok.i and any(w.i in covered for w in c.subtree)
               for c in tok.children):
            continue  # "the capital Baghdad", "the city, Kharkiv": the name is written, no anaphor
        si = sent_of.get(tok.i, 0)
        earlier = sorted((r for r in (*refs, *anaphors) if r.start < tok.i and _matches(r.place, rule)),
                         key=lambda r: r.start)
        if named_cc is not None:  # "the Qatari capital", "Lebanon's capital": only that country's
            earlier = [r for r in earlier if r.place.country_code == named_cc]
        window = [r for r in earlier if r.sentence >= si - 3]
        antecedent = None
        if key == "capital" and earlier:
            # "the capital" is the capital of the country the article is about, however long ago it was named
            focus = [r for r in earlier if r.place.country_code == focus_cc]
            antecedent = (focus or window or [None])[-1]
        elif window:
            antecedent = window[-1]
        start = min([tok.i, *(d.i for d in dets if d.i not in covered)])
        text = doc[start: tok.i + 1].text
        if antecedent is not None:
            anaphors.append(PlaceRef(antecedent.place, text, start, tok.i + 1, tok.i, si,
                                     antecedent.name if not antecedent.anaphor_of else antecedent.anaphor_of,
                                     antecedent.score))
        elif key == "capital" and named_cc is not None and capital_of is not None:
            # a capital the text has not named: the gazetteer's capital of the country it qualifies
            capital = capital_of(named_cc)
            if capital is not None:
                written = doc[min(start, tok.left_edge.i): tok.i + 1].text  # "Sudan's capital", "Ukrainian Capital"
                anaphors.append(PlaceRef(capital, written, start, tok.i + 1, tok.i, si, capital.name))
    return sorted(refs + anaphors, key=lambda r: (r.start, r.end))


def _qualifying_country(tok: Token, refs: Sequence[PlaceRef]) -> str | None:
    """The country a modifier of an anaphor names: a demonym ("the Qatari capital"), a country's
    possessive ("Lebanon's capital"), a country before it or after "of" ("the Sudan capital", "the
    capital of Sudan"); None when there is none."""
    from mapper.geoparse import get_lexicon

    demonyms = get_lexicon().demonyms
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.text in demonyms:
            return demonyms[child.text]
        if child.dep_ == "prep" and child.lower_ == "of":
            words = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in {"poss", "compound", "nmod"}:
            words = [child]
        else:
            continue
        for r in refs:
            if any(r.start <= w.i < r.end for w in words) and r.place.feature_code.startswith("PCL"):
                return r.place.country_code
    return None


def focus_country(refs: Sequence[PlaceRef]) -> str:
    """The country the article is mostly about: the most frequent country code of its places (first seen wins ties)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for k, r in enumerate(refs):
        cc = r.place.country_code
        if cc:
            counts[cc] = counts.get(cc, 0) + 1
            first.setdefault(cc, k)
    if not counts:
        return ""
    return min(counts, key=lambda cc: (-counts[cc], first[cc]))


def headline_label(ref: PlaceRef, doc: Doc) -> bool:
    """Whether a place opens its sentence as a label before a colon ("Ogun: Sagamu cult war leaves six
    dead", "Mali: seven killed ...", "Northern Burkina: ..."): it frames what follows rather than naming
    the event's place."""
    start = doc[ref.root].sent.start
    # "Northern Burkina: ...": a word that modifies the name opens the label with it
    opens = ref.start == start or all(doc[k].head.i == ref.root and doc[k].dep_ in {"amod", "compound"}
                                      for k in range(start, ref.start))
    return opens and ref.end < len(doc) and doc[ref.end].text == ":"


def clause_head(tok: Token) -> Token:
    """The head of the clause ``tok`` belongs to (a verb, or the sentence root)."""
    x = tok
    while True:
        if x.dep_ == "ROOT" or x.head.i == x.i:
            return x
        if x.dep_ in _CLAUSE_DEPS and x.pos_ in {"VERB", "AUX"}:
            return x
        x = x.head


def clause_text(tok: Token, sent: Span) -> str:
    """The words of the clause ``tok`` (of sentence ``sent``) belongs to, lower-cased, space-separated and
    padded with a space (not those of the clauses inside it or around it: "killed two in X, a city that has
    seen weeks of unrest" has no "weeks" in the clause of "two")."""
    heads = once_per_sentence(sent, "clause_heads", None, lambda: tuple(clause_head(t).i for t in sent))
    head = heads[tok.i - sent.start]
    return " " + " ".join(t.lower_ for t, h in zip(sent, heads) if h == head) + " "


def _parent_clause(head: Token) -> Token | None:
    if head.head.i == head.i:
        return None
    return clause_head(head.head)


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of the same sentence."""
    up_a = {a.i: 0}
    x, d = a, 0
    while x.head.i != x.i:
        x, d = x.head, d + 1
        up_a[x.i] = d
    x, d = b, 0
    while True:
        if x.i in up_a:
            return d + up_a[x.i]
        if x.head.i == x.i:
            return 99
        x, d = x.head, d + 1


def _listed_before(doc: Doc, first: Token, second: Token) -> bool:
    """True when only list separators ("and", "or", commas) and the second name's
    own words lie between two place names: "A and B", "A, B"."""
    if first.i >= second.i:
        return False
    between = doc[first.i + 1 : second.i]
    return any(t.lower_ in _LIST_WORDS for t in between) and all(
        t.lower_ in _LIST_WORDS or t.pos_ == "PROPN" for t in between
    )


def _names_another_place(noun: Token, place_roots: set[int]) -> bool:
    """True when a container noun is named by a place of its own ("city of X", "port of X")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            if any(c.dep_ == "pobj" and c.i in place_roots for c in prep.children):
                return True
    return False


def _is_trigger_of(tok: Token, triggers: dict[int, Trigger], classes: set[str]) -> bool:
    t = triggers.get(tok.i)
    return t is not None and t.cls in classes


def _topic_noun(gov: Token, triggers: dict[int, Trigger], lex: Lexicon) -> bool:
    """True when a noun is the subject matter of a diplomatic event: the object of a topic verb
    ("discuss a ceasefire") or of a topic preposition after a diplomacy word ("talks on the war")."""
    if gov.pos_ not in {"NOUN", "PROPN"} or gov.i in triggers:
        return False
    head = gov.head
    if gov.dep_ == "dobj":
        return head.lemma_.lower() in lex.topic_verbs
    if gov.dep_ == "pobj" and head.lower_ in lex.topic_preps:
        verb = head.head
        # "held a meeting on the situation in X": the topic hangs on the light verb of the event noun
        light = verb.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in {"dobj", "nsubjpass"} and _is_trigger_of(c, triggers, {"diplomacy"}) for c in verb.children)
        return _is_trigger_of(verb, triggers, {"diplomacy"}) or verb.lemma_.lower() in lex.topic_verbs or light
    # "a new push for a ceasefire in Gaza": in talk of diplomacy alone, a truce's place is its subject
    classes = {t.cls for t in triggers.values()}
    return gov.lemma_.lower() in lex.topic_nouns and "diplomacy" in classes and not classes & {"attack", "battle"}


def classify(ref: PlaceRef, doc: Doc, *, lex: Lexicon, triggers: dict[int, Trigger],
             place_roots: set[int]) -> tuple[str, Token | None, str, str]:
    """Role of one place reference in its sentence.

    Returns
    -------
    tuple[str, Token | None, str, str]
        ``(role, governor, relation, hint)``; role is ``site`` (a candidate),
        ``container``, ``actor`` or ``context``.
    """
    x = doc[ref.root]
    hint = ""
    for _ in range(6):
        if x.dep_ in {"conj", "appos"} and (x.head.i in place_roots or x.head.lower_ in lex.container_nouns
                                             or (x.dep_ == "conj" and x.head.pos_ == "PROPN")):
            x = x.head  # "in A, B and C" (A perhaps a name the gazetteer does not know): the list shares A's role
            continue
        if x.dep_ == "poss" and x.head.lemma_.lower() in lex.container_nouns and x.head.i not in place_roots:
            if any(c.dep_ in {"compound", "nmod", "amod"} and c.i in place_roots for c in x.head.children):
                # "Kharkiv's Kyivskyi district": the named part is the site, the city only locates it
                return "container", x.head, "poss", ""
            # "Beirut's southern suburbs", "the city's outskirts": the part stands where the place stands
            hint = lex.container_nouns[x.head.lemma_.lower()]
            x = x.head
            continue
        if x.dep_ == "appos" and x.head.pos_ in {"PROPN", "NOUN"}:
            x = x.head  # "in Dahiyeh, Beirut's southern suburbs": the apposition's anchor carries the relation
            continue
        if x.dep_ in {"nmod", "compound"} and x.head.i in place_roots and _listed_before(doc, x, x.head):
            x = x.head  # "the towns of A and B" parsed with A modifying B: A shares B's relation
            continue
        if x.dep_ in {"compound", "nmod", "amod"} and x.head.lower_ in lex.container_nouns:
            if lex.container_nouns[x.head.lower_] == "town" and _names_another_place(x.head, place_roots):
                # "the Red Sea port city of Eilat": the first place only describes the second
                # (not "the X district of Y", where X is a part of Y)
                return "context", x.head, "modifier", ""
            hint = lex.container_nouns[x.head.lower_]
            x = x.head
            continue
        if x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.lower_ in lex.compass \
                and x.head.head.dep_ == "appos" and (x.head.head.head.i in place_roots
                                                      or x.head.head.head.lemma_.lower() in lex.container_nouns):
            # "in X, north of Y", "the state, northwest of Mexico City": Y only tells where X lies
            return "context", x.head.head, "of", ""
        if x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.lemma_.lower() in lex.container_nouns \
                and x.head.head.i not in place_roots:
            hint = lex.container_nouns[x.head.head.lemma_.lower()]
            x = x.head.head
            continue
        break
    dep = x.dep_
    head = x.head
    attack_like = {"attack", "outcome", "interception", "battle", "other"}
    if dep == "pobj":
        prep = head.lower_
        gov = head.head
        if head.dep_ == "prep" and gov.dep_ == "prep" and gov.lower_ in {"of"}:
            gov = gov.head
        if prep in lex.actor_preps:
            return "actor", gov, prep, hint
        if gov.lemma_.lower() in lex.source_generic and gov.i not in triggers:
            return "context", gov, prep, hint  # "police in the Kharkiv region said": where the speaker is
        if gov.i in place_roots and prep in lex.locative_preps:
            return "container", gov, prep, hint
        if prep in lex.locative_preps and prep != "of" and gov.lower_ in lex.container_nouns \
                and _names_another_place(gov, place_roots):
            return "container", gov, prep, hint  # "the town of X near Y": Y only locates X
        if _topic_noun(gov, triggers, lex):
            return "context", gov, prep, hint  # "to discuss a ceasefire in Gaza": the subject, not the venue
        if prep == "of":
            if _is_trigger_of(gov, triggers, attack_like | {"diplomacy"}):
                return "site", gov, prep, hint
            return "context", gov, prep, hint
        if prep in lex.locative_preps:
            return "site", gov, prep, hint
        if prep in lex.visit_preps and _is_trigger_of(gov, triggers, {"diplomacy"}):
            return "site", gov, prep, hint
        return "context", gov, prep, hint
    if dep in {"dobj", "nsubjpass"}:
        if head.lemma_.lower() in lex.actor_verbs:
            return "actor", head, dep, hint
        if dep == "dobj" and _is_trigger_of(head, triggers, {"diplomacy"}) \
                and head.lemma_.lower() not in lex.venue_object_verbs:
            return "actor", head, dep, hint  # "the president met Mali's leader", "hosted Ukraine": a party
        if _is_trigger_of(head, triggers, attack_like | {"diplomacy"}):
            return "site", head, dep, hint
        return "context", head, dep, hint
    if dep == "nsubj":
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "under" and any(s.i in triggers for s in c.subtree):
                return "site", head, "under", hint
        t = triggers.get(head.i)
        if t is not None and t.cls == "diplomacy" and head.lemma_.lower() in {"host"}:
            return "site", head, "host", hint
        return "actor", head, dep, hint
    if dep == "poss":
        if head.lower_ in lex.container_nouns or head.i in place_roots or head.ent_type_ in {"GPE", "LOC", "FAC"}:
            return "container", head, dep, hint
        return "actor", head, dep, hint
    if dep in {"compound", "nmod"}:
        noun = head
        while noun.dep_ in {"compound", "amod"} and noun.head.i != noun.i and noun.head.pos_ == "NOUN":
            noun = noun.head
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in lex.damage_objects and noun.dep_ in {"dobj", "nsubjpass"} \
                and _is_trigger_of(noun.head, triggers, attack_like):
            return "site", noun.head, noun.dep_, hint  # "a drone struck the X oil refinery": the object's place
        if head.ent_type_ in _PERSONISH or head.pos_ == "PROPN" or head.lower_ in lex.container_nouns:
            return ("container" if head.lower_ in lex.container_nouns else "actor"), head, dep, hint
        if head.lower_ in lex.party_nouns or head.lemma_.lower() in lex.party_nouns:
            return "actor", head, dep, hint  # "Kiev forces' shelling": a party
        return "context", head, dep, hint
    return "context", head, dep, hint


def link_steps(trigger: Token, gov: Token) -> int | None:
    """How closely a trigger is linked to a place's governor (lower is closer); None when not linked."""
    if trigger.i == gov.i:
        return 0
    g_clause = clause_head(gov)
    t_clause = clause_head(trigger)
    dist = tree_distance(trigger, gov)
    if g_clause.i == t_clause.i:
        return 1 + dist
    # the trigger sits in a clause that depends on the place's clause ("in Geneva, where ... talks"),
    # but not in reported speech (ccomp) or a coordinated clause (conj)
    if t_clause.dep_ in _SUB_CLAUSE_DEPS and _parent_clause(t_clause) is not None \
            and _parent_clause(t_clause).i == g_clause.i:  # type: ignore[union-attr]
        return 20 + dist
    # "struck what the army described as depots near X", "hit what it said were positions in X": the
    # trigger's object is a free relative ("what ...") whose clause, told as someone's words, holds the place
    doc = trigger.doc
    if trigger.i + 1 < len(doc) and doc[trigger.i + 1].lower_ == "what" and doc[trigger.i + 1].tag_ == "WP":
        c: Token | None = g_clause
        for _ in range(3):
            if c is None or c.dep_ != "ccomp":
                break
            c = _parent_clause(c)
            if c is not None and c.i == t_clause.i:
                return 20 + dist
    # the place sits in a participle phrase of the trigger's clause ("killed two farmers working outside X")
    if g_clause.dep_ == "acl" and g_clause.tag_ in {"VBG", "VBN"} and _parent_clause(g_clause) is not None \
            and _parent_clause(g_clause).i == t_clause.i:  # type: ignore[union-attr]
        return 20 + dist
    # the governor is a noun phrase inside the trigger's own phrase ("strikes on the outskirts")
    x = gov
    for _ in range(4):
        if x.head.i == x.i or (x.dep_ in _CLAUSE_DEPS and x.pos_ in {"VERB", "AUX"}):
            break
        x = x.head
        if x.i == trigger.i:
            return 1 + dist
    return None


def _rank(place: Place, lex: Lexicon) -> int:
    if place.feature_code in lex.country_codes:
        return 4
    if place.feature_class == "P":
        return 1 if place.feature_code in lex.district_codes else 2
    return 3


def _linear_containers(refs: Sequence[PlaceRef], doc: Doc, lex: Lexicon) -> set[int]:
    """Roots of references that only locate the place right before them.

    "Kupiansk in the Kharkiv region", "Kryvyi Rih, Dnipropetrovsk region": a larger
    place written straight after a smaller one (only "in", "of", a comma or "the"
    between them) is its container, whatever the parser attached it to.
    """
    out: set[int] = set()
    ordered = sorted(refs, key=lambda r: r.start)
    for a, b in zip(ordered, ordered[1:]):
        between = [t for t in doc[a.end: b.start]]
        if not between or len(between) > 4:
            continue
        if not all(t.lower_ in lex.direction_words or t.lower_ == "of" for t in between):
            continue
        if between[0].lower_ == "of" or doc[b.root].dep_ == "conj":
            continue
        if not any(t.lower_ == "in" for t in between):
            # "A, B": a container only when B is a country or is called a region ("Kryvyi Rih, Dnipropetrovsk region")
            nxt = doc[b.end] if b.end < len(doc) else None
            named_region = nxt is not None and lex.container_nouns.get(nxt.lower_) in {"region", "country"}
            if not (named_region or b.place.feature_code in lex.country_codes):
                continue
        explicit_in = any(t.lower_ == "in" for t in between)
        # "Kupiansk in the Kharkiv region": larger; "Khan Younis, in southern Gaza": "in" says it outright
        if _rank(b.place, lex) > _rank(a.place, lex) or (explicit_in and _rank(b.place, lex) >= _rank(a.place, lex)
                                                          and b.place.feature_code not in lex.district_codes):
            out.add(b.root)
    return out


def find_sites(sent: Span, refs: Sequence[PlaceRef], triggers: Sequence[Trigger], *,
               lex: Lexicon) -> tuple[list[Site], dict[int, tuple[str, str]]]:
    """Event sites of one sentence.

    Parameters
    ----------
    sent : spacy.tokens.Span
    refs : sequence of PlaceRef
        Place references of this sentence.
    triggers : sequence of Trigger
        Triggers of this sentence (attack, interception, battle, diplomacy, outcome).
    lex : Lexicon

    Returns
    -------
    tuple[list[Site], dict[int, tuple[str, str]]]
        The sites, and the role (``role``, ``relation``) of every reference by its root index.
    """
    doc = sent.doc
    by_i = {t.i: t for t in triggers}
    roots = {r.root for r in refs}
    sites: list[Site] = []
    roles: dict[int, tuple[str, str]] = {}
    inner = _linear_containers(refs, doc, lex)
    for ref in refs:
        role, gov, rel, hint = classify(ref, doc, lex=lex, triggers=by_i, place_roots=roots)
        if ref.root in inner and role == "site":
            role = "container"
        roles[ref.root] = (role, rel)
        if role != "site" or gov is None:
            continue
        scored: list[tuple[int, int, Trigger]] = []
        for t in triggers:
            if t.i == ref.root or ref.start <= t.i < ref.end:
                continue
            s = link_steps(doc[t.i], gov)
            if s is None:
                continue
            if rel == "to" and t.cls != "diplomacy":
                continue
            scored.append((s, abs(t.i - ref.root), t))
        if not scored:
            roles[ref.root] = ("context", rel)
            continue
        scored.sort(key=lambda x: (x[0], x[1]))
        best = scored[0][2]
        kind = best.cls if best.cls in {"diplomacy", "outcome", "other"} else "attack"
        same = [t for _, _, t in scored if (t.cls == "diplomacy") == (kind == "diplomacy")]
        links = {t.i: sc for sc, _, t in scored if (t.cls == "diplomacy") == (kind == "diplomacy")}
        sites.append(Site(ref, best, kind, gov.i, rel, hint, same, links))
    return _drop_scene_regions(sites, doc, roles, lex), roles


def _inside(inner: Place, outer: Place) -> bool:
    """True when ``inner`` lies in the admin-1 area ``outer`` (by admin-1 code, else by name)."""
    if outer.feature_code != "ADM1" or inner.geonameid == outer.geonameid:
        return False
    if inner.admin1_code and outer.admin1_code:
        return inner.admin1_code == outer.admin1_code
    return bool(inner.admin1) and inner.admin1.casefold() == (outer.admin1 or outer.name).casefold()


def _fronted(ref: PlaceRef, doc: Doc) -> bool:
    """True when the sentence opens with "In <place>" ("In Gaza, a strike on ...", "In the border
    region of Belgorod, ...")."""
    if ref.start < 1:
        return False
    first = doc[ref.start].sent[0]
    if first.lower_ != "in" or first.i >= ref.start:
        return False
    if first.i == ref.start - 1:
        return True
    # the place sits in the opening phrase itself: in -> (container noun -> of ->) place, before its comma
    between = doc[first.i + 1: ref.start]
    return any(t.i == ref.root for t in first.subtree) and not any(t.text == "," for t in between)


def _covers(outer: PlaceRef, inner: PlaceRef, doc: Doc, lex: Lexicon) -> bool:
    """True when ``outer`` can set the scene for ``inner``: the admin-1 area or the country it
    lies in, or, opening the sentence ("In Gaza, ... in Khan Younis"), a place of its admin-1 area
    (the writer's "Gaza" is the strip, not the city)."""
    a, b = outer.place, inner.place
    if a.geonameid == b.geonameid or b.feature_code in lex.country_codes:
        return False
    if a.feature_code in lex.country_codes:
        return bool(a.country_code) and a.country_code == b.country_code
    if _inside(b, a):
        return True
    if not (_fronted(outer, doc) and outer.start < inner.start):
        return False
    return _same_admin1(a, b) or _framed_nearby(a, b, lex)


def _framed_nearby(region: Place, town: Place, lex: Lexicon) -> bool:
    """True when a region opening the sentence can hold ``town`` by the writer's word though the
    gazetteer files it elsewhere ("In the Bekaa, ... near the town of X", X now in a province split
    off the Bekaa): a town or site of the same country within ``lex.frame_km`` of the region."""
    if region.feature_code not in lex.region_codes or town.feature_class not in {"P", "S"}:
        return False
    if not region.country_code or region.country_code != town.country_code:
        return False
    lat = math.radians((region.lat + town.lat) / 2)
    km = 111.2 * math.hypot(region.lat - town.lat, (region.lon - town.lon) * math.cos(lat))
    return km <= lex.frame_km


def _same_admin1(a: Place, b: Place) -> bool:
    """True when two places lie in one admin-1 area (by code, else by name) of one country."""
    if a.country_code != b.country_code:
        return False
    if a.admin1_code and b.admin1_code:
        return a.admin1_code == b.admin1_code
    return bool(a.admin1) and a.admin1.casefold() == b.admin1.casefold()


def _event_clause(tok: Token) -> Token:
    """The clause an event word tells its event in: its own clause, or the clause a
    subject clause belongs to ("shelling on X killed five": the shelling is the killing's)."""
    head = clause_head(tok)
    return clause_head(head.head) if head.dep_ in {"csubj", "csubjpass"} else head


def _drop_scene_regions(
    sites: list[Site], doc: Doc, roles: dict[int, tuple[str, str]], lex: Lexicon
) -> list[Site]:
    """A region that only sets the scene for a town of the same clause is its container.

    "In the Sumy region, drones struck a facility in Shostka": one event, at Shostka; so in
    "In eastern Ukraine, artillery shelled X" (the country) and "In Gaza, a strike on a school
    in Khan Younis killed seven" (see :func:`_covers`; a place opening the sentence sets the
    scene for all of it, not only its own clause). A region whose event is told in its
    own clause ("Attacks took place in the regions of A and B, with officials reporting seven
    wounded in a town of A") stays a site of its own.
    """
    out = []
    for r in sites:
        clause = clause_head(doc[r.gov]).i
        inner = [t for t in sites if t is not r and (t.kind == "diplomacy") == (r.kind == "diplomacy")
                 and _covers(r.ref, t.ref, doc, lex)
                 and (_event_clause(doc[t.gov]).i == clause or _fronted(r.ref, doc))]
        if inner:
            roles[r.ref.root] = ("container", roles.get(r.ref.root, ("", ""))[1])
            continue
        out.append(r)
    return out
