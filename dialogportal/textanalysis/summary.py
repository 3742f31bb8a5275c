"""Extractive summaries (MMR over sentences, each cited to its input) and citation checks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Checking citations needs no numpy (an LLM's answer is checked in the web process).
from dialogportal.textanalysis.citations import verify_citations as verify_citations
from dialogportal.textanalysis.danish import is_boilerplate, split_sentences
from dialogportal.textanalysis.features import FeatureSpace
from dialogportal.textanalysis.types import InputDoc, SummarySentence

_MIN_WORDS = 4
_MAX_WORDS = 60
_MAX_SENTENCES_PER_DOC = 8


def mmr_summary(
    fs: FeatureSpace,
    doc_rows: Sequence[int] | np.ndarray,
    docs: Sequence[InputDoc],
    centroid: np.ndarray,
    count: int,
    mmr_lambda: float,
) -> tuple[SummarySentence, ...]:
    """Pick `count` sentences from `doc_rows` (most central first) relevant to `centroid`
    and unlike each other; every sentence is verbatim from the input it cites."""
    candidates: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in doc_rows:
        doc = docs[row]
        for sentence in split_sentences(doc.text)[:_MAX_SENTENCES_PER_DOC]:
            words = len(sentence.split())
            key = " ".join(sentence.lower().split())
            if (
                _MIN_WORDS <= words <= _MAX_WORDS
                and key not in seen
                and not is_boilerplate(sentence)
            ):
                seen.add(key)
                candidates.append((sentence, doc.id))
    if not candidates or count <= 0:
        return ()
    vectors = fs.transform_word([s for s, _ in candidates])
    norm = float(np.linalg.norm(centroid))
    if norm == 0:
        return tuple(SummarySentence(s, i) for s, i in candidates[:count])
    relevance = np.asarray(vectors @ (centroid / norm)).ravel()
    similarity = np.asarray((vectors @ vectors.T).todense())
    chosen: list[int] = []
    available = np.ones(len(candidates), dtype=bool)
    available[relevance <= 0] = False
    while len(chosen) < count and available.any():
        redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(len(candidates))
        gain = mmr_lambda * relevance - (1 - mmr_lambda) * redundancy
        gain[~available] = -np.inf
        best = int(np.argmax(gain))
        chosen.append(best)
        available[best] = False
        available &= similarity[best] < 0.8  # never quote the same thing twice
    return tuple(SummarySentence(candidates[i][0], candidates[i][1]) for i in chosen)
