"""Focus-area assignment: zero-shot prototypes, Rocchio from confirmed labels, self-training."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from dialogportal.textanalysis.types import (
    AnalysisParams,
    AreaScore,
    AreaSpec,
    Assignment,
    DuplicateGroup,
    InputDoc,
    MisplacedInput,
)

# Softmax temperature on row-centred, globally scaled similarities: about one "typical
# spread" between the best and the next area turns into a clear but not absolute preference.
_TEMPERATURE = 0.5
_MIN_DOCS_FOR_BIAS_CORRECTION = 20
_GUARD_FADE_LABELS = 10.0
# Share of each area's average similarity removed before comparing (the concept space, centred
# per area, removes all of it). Measured on the real dev set: 0.5 beat 0 by 2.6 points.
_AREA_PULL_REMOVED = 0.5


@dataclass
class AreaScores:
    probabilities: np.ndarray  # n_docs x n_areas, rows sum to 1 (uniform for empty docs)
    has_content: np.ndarray  # bool per doc


def area_text(area: AreaSpec) -> str:
    # The title is the densest statement of the area, so it counts twice.
    return f"{area.title}. {area.title}. {area.description}"


def _row_normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.asarray(matrix / norms, dtype=np.float32)


def _centroid(x: Any, rows: np.ndarray) -> np.ndarray:
    return np.asarray(x[rows].mean(axis=0), dtype=np.float32).ravel()


@dataclass
class SpaceInput:
    """One feature space for assignment: document rows, area rows and its share of the score.

    `docs`/`areas` are sparse (TF-IDF) or dense (sentence embeddings) row matrices.
    `centre`: subtract each area's mean similarity inside this space, so an area whose text
    the space does not cover (no lexicon concept) is neutral there instead of penalised.
    `learns`: whether confirmed labels (Rocchio) and self-training move this space's
    prototypes. `guarded`: they move it only as far as the prototype does not already
    explain the labelled inputs, a guard that fades out from ~10 labels.
    """

    docs: Any
    areas: Any
    weight: float
    centre: bool = False
    learns: bool = True
    guarded: bool = False


def _dense(matrix: Any) -> np.ndarray:
    return np.asarray(matrix.toarray() if sp.issparse(matrix) else matrix, dtype=np.float32)


class _Space:
    """One feature space: documents and a dense prototype per area."""

    def __init__(self, space: SpaceInput) -> None:
        self.docs = space.docs
        self.prototypes = _row_normalise(_dense(space.areas))
        self.weight = space.weight
        self.centre = space.centre
        self.learns = space.learns
        self.guarded = space.guarded

    def similarities(self, has_content: np.ndarray) -> np.ndarray:
        """Standardised similarities: each area's average pull removed (areas with long,
        generic descriptions attract everything), centred per input, one global scale."""
        sims: np.ndarray = np.asarray(self.docs @ self.prototypes.T, dtype=np.float32)
        k = sims.shape[1]
        if int(has_content.sum()) >= _MIN_DOCS_FOR_BIAS_CORRECTION and k > 1:
            share = 1.0 if self.centre else _AREA_PULL_REMOVED
            sims = sims - share * sims[has_content].mean(axis=0, keepdims=True)
        return _standardise(sims)

    def move_towards(self, area: int, rows: np.ndarray, weight: float) -> None:
        if len(rows) == 0 or weight <= 0 or not self.learns:
            return
        if self.guarded:
            fit = float(np.asarray(self.docs[rows] @ self.prototypes[area]).mean())
            unexplained = float(np.clip(1.0 - fit, 0.0, 1.0)) ** 2
            trust = len(rows) / (len(rows) + _GUARD_FADE_LABELS)
            weight *= unexplained + (1.0 - unexplained) * trust
        centre = _centroid(self.docs, rows)
        norm = float(np.linalg.norm(centre))
        if norm == 0:
            return
        mixed = (1 - weight) * self.prototypes[area] + weight * centre / norm
        self.prototypes[area] = mixed / max(float(np.linalg.norm(mixed)), 1e-12)


def _standardise(sims: np.ndarray) -> np.ndarray:
    centred: np.ndarray = sims - sims.mean(axis=1, keepdims=True)
    scale = float(centred.std())
    return centred / scale if scale > 1e-9 else centred


def _neighbour_scores(docs: np.ndarray, confirmed: list[list[int]], k: int) -> np.ndarray:
    """Per area, the mean similarity of each document to its `k` nearest confirmed inputs of
    that area (0 for an area without labels); documents are unit rows."""
    scores = np.zeros((docs.shape[0], len(confirmed)), dtype=np.float32)
    for j, rows in enumerate(confirmed):
        if not rows:
            continue
        sims = np.asarray(docs @ docs[np.asarray(rows)].T, dtype=np.float32)
        take = min(k, len(rows))
        scores[:, j] = np.sort(sims, axis=1)[:, -take:].mean(axis=1)
    return scores


def score_areas(
    spaces: Sequence[SpaceInput],
    docs: Sequence[InputDoc],
    areas: Sequence[AreaSpec],
    params: AnalysisParams,
    neighbours: np.ndarray | None = None,
) -> AreaScores:
    """Area probabilities per document from weighted feature spaces (zero-shot prototypes,
    moved towards confirmed inputs) plus, when `neighbours` (unit document vectors) are
    given, a vote of the nearest confirmed inputs that grows with the number of labels."""
    n, k = len(docs), len(areas)
    index = {a.id: j for j, a in enumerate(areas)}
    feature_spaces = [_Space(s) for s in spaces if s.weight > 0]
    total_weight = sum(s.weight for s in feature_spaces) or 1.0
    has_content = np.zeros(n, dtype=bool)
    for s in spaces:
        if sp.issparse(s.docs):
            has_content |= np.diff(s.docs.indptr) > 0

    confirmed: list[list[int]] = [[] for _ in range(k)]
    for i, doc in enumerate(docs):
        for area_id in doc.confirmed_area_ids:
            if area_id in index:
                confirmed[index[area_id]].append(i)
    for j, rows in enumerate(confirmed):
        if rows:
            count = len(rows)
            weight = params.rocchio_weight * count / (count + params.rocchio_half_labels)
            for space in feature_spaces:
                space.move_towards(j, np.asarray(rows), weight)

    def combined() -> np.ndarray:
        z: np.ndarray = np.zeros((n, k), dtype=np.float32)
        for space in feature_spaces:
            z += space.similarities(has_content) * (space.weight / total_weight)
        labelled = sum(len(rows) for rows in confirmed)
        if neighbours is not None and labelled and params.neighbour_weight > 0:
            per_area = labelled / k
            trust = per_area / (per_area + params.neighbour_half_labels)
            votes = _standardise(_neighbour_scores(neighbours, confirmed, params.neighbours))
            z = z + params.neighbour_weight * trust * votes
        return z

    if n == 0:
        return AreaScores(np.zeros((0, k)), has_content)
    z = combined()
    for _ in range(params.self_training_rounds if n >= _MIN_DOCS_FOR_BIAS_CORRECTION else 0):
        top = z.argmax(axis=1)
        ordered = np.sort(z, axis=1)
        margin = ordered[:, -1] - (ordered[:, -2] if k > 1 else 0)
        for j in range(k):
            members = np.flatnonzero((top == j) & has_content)
            if len(members) == 0:
                continue
            take = max(1, int(len(members) * params.self_training_fraction))
            best = members[np.argsort(-margin[members], kind="stable")[:take]]
            for space in feature_spaces:
                space.move_towards(j, best, 0.5)
        z = combined()

    logits = z / _TEMPERATURE
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    probs[~has_content] = 1.0 / k
    return AreaScores(probabilities=probs.astype(np.float64), has_content=has_content)


def make_assignments(
    scores: AreaScores, docs: Sequence[InputDoc], areas: Sequence[AreaSpec], params: AnalysisParams
) -> list[Assignment]:
    index = {a.id: j for j, a in enumerate(areas)}
    result: list[Assignment] = []
    probs = scores.probabilities
    for i, doc in enumerate(docs):
        confirmed = [a for a in doc.confirmed_area_ids if a in index]
        if confirmed:
            chosen = tuple(AreaScore(a, 1.0) for a in dict.fromkeys(confirmed))
            result.append(Assignment(doc.id, chosen, is_confirmed=True))
            continue
        if not scores.has_content[i]:
            fallback = (AreaScore(doc.area_id, 0.0),) if doc.area_id in index else ()
            result.append(Assignment(doc.id, fallback))
            continue
        row = probs[i]
        order = np.argsort(-row, kind="stable")
        best = float(row[order[0]])
        chosen_scores = [AreaScore(areas[int(order[0])].id, round(best, 4))]
        for j in order[1:]:
            value = float(row[j])
            if value >= params.multi_label_ratio * best and value >= params.min_area_score:
                chosen_scores.append(AreaScore(areas[int(j)].id, round(value, 4)))
        result.append(Assignment(doc.id, tuple(chosen_scores)))
    return result


def find_misplaced(
    scores: AreaScores,
    assignments: Sequence[Assignment],
    docs: Sequence[InputDoc],
    areas: Sequence[AreaSpec],
    params: AnalysisParams,
) -> list[MisplacedInput]:
    index = {a.id: j for j, a in enumerate(areas)}
    found: list[MisplacedInput] = []
    for i, (doc, assignment) in enumerate(zip(docs, assignments, strict=True)):
        if doc.area_id not in index or doc.confirmed_area_ids or not scores.has_content[i]:
            continue
        if any(s.area_id == doc.area_id for s in assignment.areas):
            continue
        best = assignment.areas[0]
        margin = best.score - float(scores.probabilities[i, index[doc.area_id]])
        if margin >= params.misplaced_margin:
            found.append(MisplacedInput(doc.id, doc.area_id, best.area_id, round(margin, 4)))
    return found


def follow_confirmed_copies(
    assignments: list[Assignment], duplicates: Sequence[DuplicateGroup]
) -> list[Assignment]:
    """Unconfirmed near-duplicates of confirmed inputs take the confirmed areas (score 1.0,
    still `is_confirmed=False`): one moderator click places a whole campaign."""
    position = {a.input_id: i for i, a in enumerate(assignments)}
    result = list(assignments)
    for group in duplicates:
        confirmed: dict[str, None] = {}
        for input_id in group.input_ids:
            assignment = assignments[position[input_id]]
            if assignment.is_confirmed:
                confirmed.update(dict.fromkeys(s.area_id for s in assignment.areas))
        if not confirmed:
            continue
        chosen = tuple(AreaScore(area_id, 1.0) for area_id in confirmed)
        for input_id in group.input_ids:
            i = position[input_id]
            if not assignments[i].is_confirmed:
                result[i] = Assignment(input_id, chosen, is_confirmed=False)
    return result
