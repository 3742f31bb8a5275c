"""Readable theme labels: a short phrase written the way the inputs write it.

A label is a span of 1–4 words taken from the members' own text ("busforbindelser i
landsbyerne"), that starts and ends with a content word, may hold a preposition or "og"
inside, occurs in at least two members, and is typical of the theme rather than of the whole
process. Words that are spread evenly over every focus area ("orientering", "åben", "held og
lykke") carry no topic and are never label material, whatever the process — that is measured
on the run's own inputs, not listed. Greetings and sign-offs (`danish.BOILERPLATE_WORDS`) are
never label material either.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dialogportal.textanalysis.danish import BOILERPLATE_WORDS, TOKEN_RE, content_lemma

# Short words allowed inside a phrase ("pladser i børnehaven", "veje og stier").
_JOINERS = frozenset(
    [
        "i",
        "til",
        "for",
        "på",
        "af",
        "og",
        "med",
        "om",
        "ved",
        "fra",
        "mellem",
        "under",
        "over",
        "efter",
        "uden",
    ]
)
_MAX_WORDS = 4
_MIN_LETTERS = 3
_KEYWORDS = 8
# A word whose inputs are spread this evenly over the areas (normalised entropy) is no topic;
# below it, the more evenly spread, the weaker a label word (measured on the dev set:
# procedural words such as "åben", "vedrørende", "godkendelse" lie at 0.8-0.95).
_MAX_SPREAD = 0.78
_TOPICAL_SPREAD = 0.4
_MIN_DF_FOR_SPREAD = 6


@dataclass(frozen=True)
class _Token:
    surface: str
    key: str  # lemma of a content word, the lower-case word of a joiner, "" for a stop word
    is_content: bool
    at_start: bool


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for number, match in enumerate(TOKEN_RE.finditer(text)):
        surface = match.group()
        low = surface.lower()
        lem = content_lemma(low)
        is_content = (
            lem is not None
            and low.isalpha()
            and len(low) >= _MIN_LETTERS
            and low not in BOILERPLATE_WORDS
            and lem not in BOILERPLATE_WORDS
        )
        key = lem if is_content and lem else (low if low in _JOINERS else "")
        out.append(_Token(surface, key, is_content, number == 0))
    return out


class LabelContext:
    """What labels of one run share: each input's tokens and each lemma's spread over areas."""

    def __init__(self, texts: Sequence[str], area_of: Sequence[int], n_areas: int) -> None:
        self.tokens = [_tokens(t) for t in texts]
        counts: dict[str, Counter[int]] = {}
        for toks, area in zip(self.tokens, area_of, strict=True):
            if area < 0:
                continue
            for key in {t.key for t in toks if t.is_content}:
                counts.setdefault(key, Counter())[area] += 1
        self.df = {key: sum(c.values()) for key, c in counts.items()}
        self.n_docs = max(sum(1 for a in area_of if a >= 0), 1)
        self.spread: dict[str, float] = {}
        if n_areas > 2:
            sizes = Counter(a for a in area_of if a >= 0)
            for key, by_area in counts.items():
                if self.df[key] < _MIN_DF_FOR_SPREAD:
                    continue
                # share of the word's inputs per area, relative to the area's size
                rates = np.asarray([by_area[a] / max(sizes[a], 1) for a in range(n_areas)])
                p = rates / rates.sum()
                nz = p[p > 0]
                self.spread[key] = float(-(nz * np.log(nz)).sum() / math.log(n_areas))

    def topicality(self, key: str) -> float:
        """1 for a word tied to few areas, falling to 0 at `_MAX_SPREAD`."""
        spread = self.spread.get(key, 0.0)
        if spread >= _MAX_SPREAD:
            return 0.0
        return float(min(1.0, (_MAX_SPREAD - spread) / (_MAX_SPREAD - _TOPICAL_SPREAD)))


def _spans(toks: list[_Token]) -> list[tuple[tuple[str, ...], str, bool]]:
    """(key, surface, at text start) of every candidate span of one input."""
    out: list[tuple[tuple[str, ...], str, bool]] = []
    for i, first in enumerate(toks):
        if not first.is_content:
            continue
        for j in range(i, min(i + _MAX_WORDS, len(toks))):
            tok = toks[j]
            if not tok.key:
                break
            if tok.is_content:
                span = toks[i : j + 1]
                out.append(
                    (tuple(t.key for t in span), " ".join(t.surface for t in span), first.at_start)
                )
    return out


def _written(forms: Counter[str], starts: Counter[str]) -> str:
    """The most frequent written form, lower-cased unless it is capitalised mid-sentence
    (a name: "Randers", "Movia")."""
    form = forms.most_common(1)[0][0]
    mid = [f for f in forms if forms[f] > starts[f]]
    if form.isupper() and len(form) > 4:
        return form.lower()
    if mid:
        return max(mid, key=lambda f: (forms[f] - starts[f], f))
    return form[:1].lower() + form[1:]


def theme_phrases(context: LabelContext, rows: Sequence[int]) -> list[str]:
    """The theme's key phrases, best first (the first is its label): phrases shared by two
    or more members, else (members that share no topical phrase) single-member phrases."""
    return _phrases(context, rows, 2 if len(rows) >= 2 else 1) or _phrases(context, rows, 1)


def _phrases(context: LabelContext, rows: Sequence[int], least: int) -> list[str]:
    size = len(rows)
    in_theme: Counter[tuple[str, ...]] = Counter()
    forms: dict[tuple[str, ...], Counter[str]] = {}
    starts: dict[tuple[str, ...], Counter[str]] = {}
    for row in rows:
        seen: set[tuple[str, ...]] = set()
        for key, surface, at_start in _spans(context.tokens[row]):
            forms.setdefault(key, Counter())[surface] += 1
            if at_start:
                starts.setdefault(key, Counter())[surface] += 1
            if key not in seen:
                seen.add(key)
                in_theme[key] += 1
    scored: list[tuple[float, tuple[str, ...]]] = []
    for key, count in in_theme.items():
        content = [k for k in key if k in context.df]
        topical = min((context.topicality(k) for k in content), default=0.0)
        if count < least or topical <= 0:
            continue
        # typical of the theme (share of its inputs) and rare in the process (idf of its
        # most common word: "forslag til lokalplan" is no more specific than "forslag")
        idf = min(math.log(1 + context.n_docs / context.df[k]) for k in content)
        bonus = 1.0 + 0.5 * (len(content) - 1)
        scored.append(((count / size) * idf * bonus * (0.3 + 0.7 * topical), key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[str] = []
    covered: set[str] = set()
    for _score, key in scored:
        words = set(key) - _JOINERS
        if words <= covered:
            continue
        chosen.append(_written(forms[key], starts.get(key, Counter())))
        covered |= words
        if len(chosen) >= _KEYWORDS:
            break
    return chosen


def label_of(phrases: Sequence[str]) -> str:
    """One phrase with a capital first letter; "" when there is none."""
    if not phrases:
        return ""
    text = phrases[0]
    return text[:1].upper() + text[1:]
