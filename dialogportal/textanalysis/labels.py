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
from functools import lru_cache

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
# Word statistics (spread over areas, frames, names, idf) come from at most this many inputs.
_STATISTICS_SAMPLE = 2000
# A theme's label is read from at most this many of its most central members.
LABEL_MEMBERS = 120
# Frame words ("salg af", "forslag til"): at least this many uses, this share of them opening
# a prepositional phrase. Names: this share of the uses inside a sentence capitalised.
_MIN_FRAME_DF = 4
_FRAME_SHARE = 0.5
_NAME_SHARE = 0.8
_WEAK_WEIGHT = 0.25  # a frame word or a name alone is a poor label, not a forbidden one
# Lengthen a one-word label to a phrase held by at least this share of the word's members.
_LENGTHEN_SHARE = 0.6


@dataclass(frozen=True)
class _Token:
    surface: str
    key: str  # lemma of a content word, the lower-case word of a joiner, "" for a stop word
    is_content: bool
    at_start: bool


# A candidate span of one input: its key, where it starts and ends among the input's tokens,
# and how many content words it holds.
_Span = tuple[tuple[str, ...], int, int, int]


@lru_cache(maxsize=200_000)
def _word(low: str) -> tuple[str, bool]:
    """(key, is content word) of one lower-cased word (cached: words repeat across inputs)."""
    lem = content_lemma(low)
    is_content = (
        lem is not None
        and low.isalpha()
        and len(low) >= _MIN_LETTERS
        and low not in BOILERPLATE_WORDS
        and lem not in BOILERPLATE_WORDS
    )
    key = lem if is_content and lem else (low if low in _JOINERS else "")
    return key, is_content


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for number, match in enumerate(TOKEN_RE.finditer(text)):
        surface = match.group()
        key, is_content = _word(surface.lower())
        out.append(_Token(surface, key, is_content, number == 0))
    return out


class LabelContext:
    """What labels of one run share: each input's tokens, each lemma's spread over areas, the
    frame words and the names of the run's own texts."""

    def __init__(self, texts: Sequence[str], area_of: Sequence[int], n_areas: int) -> None:
        self._texts = texts
        self._tokens: dict[int, list[_Token]] = {}
        self._spans: dict[int, list[_Span]] = {}
        # Word statistics from an even sample of the inputs: as good as all of them for
        # frequencies, and it keeps labelling 100k inputs within seconds.
        step = max(1, math.ceil(len(texts) / _STATISTICS_SAMPLE))
        sample = [row for row in range(0, len(texts), step) if area_of[row] >= 0]
        counts: dict[str, Counter[int]] = {}
        for row in sample:
            for key in {t.key for t in self.tokens(row) if t.is_content}:
                counts.setdefault(key, Counter())[area_of[row]] += 1
        self.df = {key: sum(c.values()) for key, c in counts.items()}
        self.n_docs = max(len(sample), 1)
        self.spread: dict[str, float] = {}
        if n_areas > 2:
            sizes = Counter(area_of[row] for row in sample)
            for key, by_area in counts.items():
                if self.df[key] < _MIN_DF_FOR_SPREAD:
                    continue
                # share of the word's inputs per area, relative to the area's size
                rates = np.asarray([by_area[a] / max(sizes[a], 1) for a in range(n_areas)])
                p = rates / rates.sum()
                nz = p[p > 0]
                self.spread[key] = float(-(nz * np.log(nz)).sum() / math.log(n_areas))
        self.frames, self.names = _frames_and_names([self.tokens(row) for row in sample])

    def tokens(self, row: int) -> list[_Token]:
        """The tokens of one input (computed once per run, when first needed)."""
        found = self._tokens.get(row)
        if found is None:
            found = self._tokens[row] = _tokens(self._texts[row])
        return found

    def spans(self, row: int) -> list[_Span]:
        """The candidate spans of one input (computed once per run)."""
        found = self._spans.get(row)
        if found is None:
            found = self._spans[row] = _spans(self.tokens(row))
        return found

    def doc_freq(self, key: str) -> int:
        """Inputs of the sample holding the word (1 for a word the sample missed: rare)."""
        return max(self.df.get(key, 0), 1)

    def topicality(self, key: str) -> float:
        """1 for a word tied to few areas, falling to 0 at `_MAX_SPREAD`."""
        spread = self.spread.get(key, 0.0)
        if spread >= _MAX_SPREAD:
            return 0.0
        return float(min(1.0, (_MAX_SPREAD - spread) / (_MAX_SPREAD - _TOPICAL_SPREAD)))


def _frames_and_names(tokens: Sequence[list[_Token]]) -> tuple[frozenset[str], frozenset[str]]:
    """Frame words: lemmas that mostly open a prepositional phrase ("salg af …", "forslag til
    …", "ønske om …") — they say what is done, the words after them say about what. Names:
    lemmas written with a capital letter inside a sentence. Both measured on the run's texts."""
    seen: Counter[str] = Counter()
    opens: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for toks in tokens:
        for i, tok in enumerate(toks):
            if not tok.is_content:
                continue
            seen[tok.key] += 1
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.key in _JOINERS and nxt.key != "og":
                opens[tok.key] += 1
            previous = toks[i - 1].surface if i else ""
            if not tok.at_start and previous[-1:] not in ".!?:":
                inside[tok.key] += 1
                capital[tok.key] += tok.surface[:1].isupper()
    frames = frozenset(
        k for k, n in seen.items() if n >= _MIN_FRAME_DF and opens[k] / n >= _FRAME_SHARE
    )
    names = frozenset(k for k, n in inside.items() if n >= 2 and capital[k] / n >= _NAME_SHARE)
    return frames, names


def _spans(toks: list[_Token]) -> list[_Span]:
    """Every candidate span of one input (its written form is read only when needed)."""
    out: list[_Span] = []
    for i, first in enumerate(toks):
        if not first.is_content:
            continue
        key: list[str] = []
        contents = 0
        for j in range(i, min(i + _MAX_WORDS, len(toks))):
            tok = toks[j]
            if not tok.key:
                break
            key.append(tok.key)
            if tok.is_content:
                contents += 1
                if contents > 2 and contents == len(key):
                    continue  # three nouns in a row are a run of words, not a phrase
                out.append((tuple(key), i, j + 1, contents))
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


@dataclass
class _Candidate:
    key: tuple[str, ...]
    rows: set[int]  # members holding the phrase
    score: float
    forms: Counter[str]
    starts: Counter[str]

    @property
    def content(self) -> tuple[str, ...]:
        return tuple(k for k in self.key if k not in _JOINERS)

    def text(self) -> str:
        return _written(self.forms, self.starts)


def theme_phrases(context: LabelContext, rows: Sequence[int]) -> list[str]:
    """The theme's key phrases, best first (the first is its label's main phrase)."""
    return [c.text() for c in _chosen(context, rows)]


def theme_label(context: LabelContext, rows: Sequence[int]) -> tuple[str, list[str]]:
    """(label, key phrases) of a theme. The label is a short noun phrase from the members' own
    words: the best shared phrase, lengthened to the phrase most members write it in ("salg"
    → "salg af ejendomme"); a lone word in the genitive is written without it ("Varmeværks" →
    "Varmeværk"). "" when the members share nothing topical."""
    chosen = _chosen(context, rows)
    if not chosen:
        return "", []
    text = chosen[0].text()
    if len(chosen[0].key) == 1:
        text = _without_genitive(text, chosen[0].key[0])
    return text[:1].upper() + text[1:], [c.text() for c in chosen]


def _without_genitive(text: str, lemma: str) -> str:
    """ "Varmeværks" → "Varmeværk": a lone word is no label in the genitive."""
    if text.lower().endswith("s") and text[:-1].lower() == lemma and not lemma.endswith("e"):
        return text[:-1]
    return text


def _is_weak(context: LabelContext, candidate: _Candidate) -> bool:
    """A phrase of frame words only ("behandling", "salg"), a lone name ("Vejle") or a lone
    verb form ("vedrørende", "afsluttes": a participle or a passive is no theme)."""
    content = candidate.content
    if all(k in context.frames for k in content):
        return True
    if len(content) != 1:
        return False
    surface = candidate.forms.most_common(1)[0][0].lower()
    is_verb_form = surface.endswith("ende") or (
        surface.endswith("es") and content[0].endswith("e") and surface == content[0] + "s"
    )
    return content[0] in context.names or is_verb_form


def _chosen(context: LabelContext, rows: Sequence[int]) -> list[_Candidate]:
    """Phrases shared by two or more members, else (members that share no topical phrase)
    short single-member phrases; best first, none repeating the words of a better one."""
    shared = _candidates(context, rows, 2) if len(rows) >= 2 else []
    scored = shared or _candidates(context, rows, 1)
    scored.sort(key=lambda c: (-c.score, c.key))
    if scored and len(scored[0].content) == 1:
        scored.insert(0, _lengthened(scored[0], scored))
    chosen: list[_Candidate] = []
    covered: set[str] = set()
    for candidate in scored:
        words = set(candidate.content)
        if words <= covered:
            continue
        chosen.append(candidate)
        covered |= words
        if len(chosen) >= _KEYWORDS:
            break
    return chosen


def _lengthened(best: _Candidate, scored: list[_Candidate]) -> _Candidate:
    """The longer phrase most of the best word's members write it in, if there is one: the
    word with what it is about ("renovering af veje") or with its modifier ("farligt
    affald") — a noun phrase, not a run of words."""
    word = best.content[0]

    def is_phrase(c: _Candidate) -> bool:
        opens = c.key[0] == word and len(c.key) > 2 and c.key[1] in _JOINERS
        return opens or (c.key[-1] == word and len(c.content) == 2)

    longer = [
        c
        for c in scored
        if len(c.content) > 1
        and is_phrase(c)
        and len(c.rows) >= max(2, _LENGTHEN_SHARE * len(best.rows))
    ]
    if not longer:
        return best
    return max(longer, key=lambda c: (len(c.rows), -len(c.key), c.score))


def _candidates(context: LabelContext, rows: Sequence[int], least: int) -> list[_Candidate]:
    size = len(rows)
    found: dict[tuple[str, ...], _Candidate] = {}
    for row in rows:
        for key, _start, _end, contents in context.spans(row):
            if least == 1 and contents > 2:
                continue  # one member's long phrase is no label for a group
            candidate = found.get(key)
            if candidate is None:
                candidate = found[key] = _Candidate(key, set(), 0.0, Counter(), Counter())
            candidate.rows.add(row)
    kept = {key: c for key, c in found.items() if len(c.rows) >= least}
    # How each kept phrase is written (most phrases occur once and are never kept).
    for row in rows:
        toks = context.tokens(row)
        for key, start, end, _contents in context.spans(row):
            candidate = kept.get(key)
            if candidate is None or row not in candidate.rows:
                continue
            surface = " ".join(t.surface for t in toks[start:end])
            candidate.forms[surface] += 1
            if toks[start].at_start:
                candidate.starts[surface] += 1
    out: list[_Candidate] = []
    for key, candidate in kept.items():
        content = [k for k in key if k not in _JOINERS]
        topical = min((context.topicality(k) for k in content), default=0.0)
        if topical <= 0:
            continue
        # typical of the theme (share of its inputs) and rare in the process (idf of its
        # most common word: "forslag til lokalplan" is no more specific than "forslag")
        idf = min(math.log(1 + context.n_docs / context.doc_freq(k)) for k in content)
        bonus = 1.0 + 0.5 * (len(content) - 1) if least > 1 else 1.0
        weight = _WEAK_WEIGHT if _is_weak(context, candidate) else 1.0
        candidate.score = (
            (len(candidate.rows) / size) * idf * bonus * (0.3 + 0.7 * topical) * weight
        )
        out.append(candidate)
    return out


def label_of(phrases: Sequence[str]) -> str:
    """One phrase with a capital first letter; "" when there is none."""
    if not phrases:
        return ""
    text = phrases[0]
    return text[:1].upper() + text[1:]
