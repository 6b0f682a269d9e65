"""Which casualty figure is an incident's toll: a learned decision over the figures of a sentence.

:mod:`mapper.incidents.numbers` reads every casualty figure of a sentence ("at least 12 killed",
"the death toll rose to 30", "another two wounded", "more than 13,000 civilians killed since 2022").
Whether a figure is the toll of one incident or a total (of the war, of the year, of a country, of
several attacks) depends on many weak cues: "since", "so far this year", "in total", "rose to" (read
apart in the figure's own clause and in the rest of the sentence), the size of the number, whether it
is written in digits, whether the sentence names a place or an attack.
The ``toll`` model (``tools/train_toll.py``, trained on the real headlines' stated tolls and the real
reports' annotated ones) scores each figure; the rules' running-total verdict
(:mod:`mapper.incidents.history`) is one of its features. A figure under ``TOLL_AT`` is no incident's
toll.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from mapper.incidents._cues import bucket, headline_case, stem
from mapper.incidents._memo import once_per_sentence
from mapper.incidents.attach import clause_text
from mapper.incidents.lexicon import Lexicon
from mapper.incidents.numbers import Count
from mapper.models import LinearModel, load_model

__all__ = ["MODEL", "TOLL_AT", "count_features", "toll_scores"]

MODEL = "toll"
TOLL_AT = 0.25  # a figure scoring less is no incident's toll


def _note_kind(note: str) -> str:
    if not note:
        return "plain"
    if note.startswith("range"):
        return "range"
    if "+" in note:
        return "sum"
    return note.split()[0] if note.split()[0] in {"another", "no"} else " ".join(note.split()[:-1]) or "plain"


def count_features(c: Count, sent: Span, counts: Sequence[Count], *, lex: Lexicon, cumulative: bool,
                   places: int, attack: bool) -> dict[str, float]:
    """The cues of one casualty figure (see the module docstring).

    Parameters
    ----------
    c : the figure
    sent : its sentence
    counts : all figures of the sentence
    lex : Lexicon
    cumulative : the rules say it lies under a running-total phrase
    places : number of places named in the sentence
    attack : the sentence has an attack, fighting or other event word
    """
    doc = sent.doc
    f: dict[str, float] = {f"field={c.field}": 1.0, f"role={c.role or 'victims'}": 1.0,
                           f"note={_note_kind(c.note)}": 1.0, f"size={bucket(c.value, (1, 2, 6, 21, 101, 1001))}": 1.0}
    first = doc[c.start]
    f["digits" if first.text[:1].isdigit() else "words"] = 1.0
    if cumulative:
        f["cumulative"] = 1.0
    text = once_per_sentence(sent, "lower_text", None, lambda: " " + " ".join(t.lower_ for t in sent) + " ")
    own = clause_text(doc[c.i], sent)
    for cue in lex.toll_cues:
        if f" {cue} " in own:
            f[f"cue={cue}"] = 1.0  # in the figure's own clause: "killed 300 since 2022"
        elif f" {cue} " in text:
            f[f"cue_elsewhere={cue}"] = 1.0  # "killed two in X, a city that has seen weeks of unrest"
    for k in (c.start - 2, c.start - 1):
        if sent.start <= k < sent.end:
            f[f"prev{c.start - k}={stem(doc[k]) if doc[k].is_alpha else doc[k].lower_}"] = 1.0
    for k in (c.end, c.end + 1):
        if sent.start <= k < sent.end:
            f[f"next{k - c.end + 1}={stem(doc[k]) if doc[k].is_alpha else doc[k].lower_}"] = 1.0
    head = doc[c.i].head
    f[f"head={stem(head)}"] = 1.0
    f[f"places={bucket(places, (1, 2, 3))}"] = 1.0
    if attack:
        f["attack_word"] = 1.0
    if any(x.field == c.field and x.value < c.value for x in counts):
        f["not_smallest"] = 1.0  # "five killed on Monday, bringing the toll to 300"
    if any(t.like_num and len(t.text) == 4 and t.text[:2] in {"19", "20"} for t in sent):
        f["year_in_sentence"] = 1.0
    if headline_case(sent):
        f["headline"] = 1.0
    return f


def toll_scores(sent: Span, counts: Sequence[Count], *, lex: Lexicon, cumulative: Sequence[bool], places: int,
                attack: bool, model: LinearModel | None = None) -> list[tuple[float, list[str]]]:
    """``(probability, strongest cues)`` that each figure (in the order given) is an incident's toll."""
    if not counts:
        return []
    model = model or load_model(MODEL)
    out = []
    for c, cum in zip(counts, cumulative):
        f = count_features(c, sent, counts, lex=lex, cumulative=cum, places=places, attack=attack)
        p = model.probability(f)
        out.append((p, model.explain(f, top=3) if p >= TOLL_AT else _against(model, f)))
    return out


def _against(model: LinearModel, f: dict[str, float]) -> list[str]:
    """The features that pushed a figure's score down most."""
    pushes = [(w[0] * v, name) for name, v in f.items() if (w := model.weights.get(name)) and v]
    return [name for push, name in sorted(pushes)[:3] if push < 0]
