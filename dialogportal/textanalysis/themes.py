"""Sub-themes inside a focus area: hierarchical clustering whose cut follows the data.

Each input is represented by its sentence embedding (when there is one) beside a reduced
TF-IDF vector. Average-linkage clustering is cut at a distance relative to the area's own
typical distance, so the number of themes follows the data (a 1,700-input area gets many, a
30-input area a few) instead of a fixed cap. Groups smaller than `min_theme_size` give their
members to the nearest theme when they are as close to it as its own members are; only what
fits no theme goes to "Øvrige". Large areas are clustered on a sample and the rest joins the
nearest theme.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from dialogportal.textanalysis.features import FeatureSpace
from dialogportal.textanalysis.labels import LABEL_MEMBERS, LabelContext, theme_label
from dialogportal.textanalysis.numeric import (
    l2_normalize_dense,
    l2_normalize_sparse,
    randomized_svd_transform,
)
from dialogportal.textanalysis.summary import mmr_summary
from dialogportal.textanalysis.types import AnalysisParams, InputDoc, Theme

OTHER_LABEL = "Øvrige input"
_SVD_DIMS = 40
_SUMMARY_POOL = 20
# Measured on the real dev set (NMI against human sub-codes): the embedding carries the
# meaning, TF-IDF at 0.3 adds the shared wording (0.473 vs 0.444 without it).
_LEXICAL_SHARE = 0.3


def _representation(
    members: np.ndarray, fs: FeatureSpace, vectors: np.ndarray | None, seed: int
) -> np.ndarray:
    """Unit rows for `members`: [embedding, 0.3 · reduced word TF-IDF] (or TF-IDF alone)."""
    parts: list[np.ndarray] = []
    if vectors is not None:
        parts.append(l2_normalize_dense(np.asarray(vectors[members], dtype=np.float64)))
    x = fs.word[members]
    df = np.bincount(x.indices, minlength=x.shape[1])
    columns = np.flatnonzero(df >= 2)
    if len(columns) >= 3 and len(members) >= 3:
        dims = min(_SVD_DIMS, len(columns) - 1, len(members) - 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            reduced = randomized_svd_transform(l2_normalize_sparse(x[:, columns]), dims, seed, 3)
        share = _LEXICAL_SHARE if parts else 1.0
        parts.append(share * l2_normalize_dense(np.nan_to_num(reduced)))
    if not parts:
        return np.zeros((len(members), 1))
    return l2_normalize_dense(np.hstack(parts))


def _cut(rep: np.ndarray, params: AnalysisParams) -> tuple[np.ndarray, float]:
    """Cluster labels (0..k-1) of the rows, and the cut distance used."""
    n = len(rep)
    if n < 2 * params.min_theme_size:
        return np.zeros(n, dtype=np.int64), 1.0
    distances = _cosine_distances(rep)
    typical = float(np.median(distances))
    if typical <= 1e-9:  # all alike: one theme
        return np.zeros(n, dtype=np.int64), 1.0
    threshold = params.theme_cut * typical
    labels = fcluster(linkage(distances, method="average"), threshold, criterion="distance")
    return np.unique(labels, return_inverse=True)[1].astype(np.int64), threshold


def _cosine_distances(rep: np.ndarray) -> np.ndarray:
    """Condensed cosine distances of unit rows (as `pdist(rep, "cosine")`), through one
    matrix product: 20-40× faster than pdist's loop on 1,500 rows of 424 dimensions."""
    norms = np.linalg.norm(rep, axis=1)
    unit = rep / np.where(norms > 0, norms, 1.0)[:, None]
    similarity = unit @ unit.T
    upper = np.triu_indices(len(rep), k=1)
    distances = 1.0 - similarity[upper]
    # A zero row has no direction: as far from everything as pdist makes it (nan -> 1).
    zero = norms <= 0
    if zero.any():
        distances[zero[upper[0]] | zero[upper[1]]] = 1.0
    return np.clip(distances, 0.0, 2.0)


def _centroids(rep: np.ndarray, labels: np.ndarray, keep: np.ndarray) -> np.ndarray:
    return l2_normalize_dense(np.vstack([rep[labels == c].mean(axis=0) for c in keep]))


def _group(rep: np.ndarray, params: AnalysisParams, seed: int) -> np.ndarray:
    """Theme number per row (-1: "Øvrige")."""
    n = len(rep)
    rng = np.random.default_rng(seed)
    sample = (
        np.sort(rng.choice(n, size=params.theme_sample_size, replace=False))
        if n > params.theme_sample_size
        else np.arange(n)
    )
    labels, threshold = _cut(rep[sample], params)
    sizes = np.bincount(labels)
    keep = np.flatnonzero(sizes >= params.min_theme_size)
    if len(keep) == 0:
        return np.full(n, -1, dtype=np.int64)
    centres = _centroids(rep[sample], labels, keep)
    sims = rep @ centres.T
    best = sims.argmax(axis=1)
    # Close enough to a theme to belong: within the cut distance of its centre (average
    # linkage merges groups up to that distance), else "Øvrige".
    fits = 1.0 - sims[np.arange(n), best] <= threshold
    out = np.where(fits, best, -1)
    in_big = np.isin(labels, keep)
    rank = {int(c): i for i, c in enumerate(keep)}
    out[sample[in_big]] = [rank[int(c)] for c in labels[in_big]]
    return np.asarray(out, dtype=np.int64)


def area_themes(
    area_id: str,
    members: np.ndarray,
    fs: FeatureSpace,
    docs: Sequence[InputDoc],
    params: AnalysisParams,
    labels: LabelContext,
    vectors: np.ndarray | None = None,
) -> list[Theme]:
    """Themes of one area; `members` are document rows, in input order."""
    if len(members) == 0:
        return []
    rep = _representation(members, fs, vectors, params.seed)
    assigned = _group(rep, params, params.seed)
    x = fs.word[members]
    themes: list[tuple[int, Theme]] = []
    groups = [*sorted({int(c) for c in assigned if c >= 0}), -1]
    for c in groups:
        local = np.flatnonzero(assigned == c)
        if len(local) == 0:
            continue
        rows = members[local]
        centre = rep[local].mean(axis=0)
        central = rows[np.argsort(-(rep[local] @ centre), kind="stable")]
        word_centre = np.asarray(x[local].mean(axis=0)).ravel()
        label, phrases = (
            theme_label(labels, central[:LABEL_MEMBERS].tolist()) if c >= 0 else ("", [])
        )
        summary = mmr_summary(
            fs,
            central[:_SUMMARY_POOL],
            docs,
            word_centre,
            params.summary_sentences,
            params.mmr_lambda,
        )
        theme = Theme(
            area_id=area_id,
            label=(label or OTHER_LABEL) if c >= 0 else OTHER_LABEL,
            keywords=tuple(phrases),
            input_ids=tuple(docs[r].id for r in rows),
            representative_ids=tuple(docs[r].id for r in central[: params.representatives]),
            summary=summary,
            is_other=c < 0,
        )
        themes.append((len(local) if c >= 0 else -1, theme))
    # biggest themes first, "other" last; ties in a fixed order
    themes.sort(key=lambda item: (item[0] < 0, -item[0], item[1].label))
    return [t for _, t in themes]
