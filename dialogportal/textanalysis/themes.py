"""Sub-themes inside a focus area: k-means on reduced TF-IDF with automatic k."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from dialogportal.textanalysis.features import FeatureSpace
from dialogportal.textanalysis.numeric import (
    cosine_silhouette,
    kmeans,
    l2_normalize_dense,
    l2_normalize_sparse,
    randomized_svd_transform,
)
from dialogportal.textanalysis.summary import mmr_summary
from dialogportal.textanalysis.types import AnalysisParams, InputDoc, Theme

OTHER_LABEL = "Øvrige input"
_SVD_DIMS = 40
_SILHOUETTE_SAMPLE = 1000
_KEYWORDS = 8
_SUMMARY_POOL = 20


@dataclass
class SurfaceForms:
    """The most frequent written form of each lemma and lemma bigram, for readable labels."""

    fs: FeatureSpace
    unigram: dict[int, str]
    bigram: dict[int, str]

    def phrase(self, column: int) -> str:
        ids = self.fs.feature_name(column)
        if len(ids) == 1:
            return self.unigram.get(ids[0], self.fs.lemmas[ids[0]])
        code = ids[0] * self.fs.n_lemmas + ids[1]
        fallback = f"{self.fs.lemmas[ids[0]]} {self.fs.lemmas[ids[1]]}"
        return self.bigram.get(code, fallback)


def surface_forms(fs: FeatureSpace) -> SurfaceForms:
    surface = list(fs.vocab)
    s2l = fs.surface_to_lemma
    unigram: dict[int, str] = {}
    order = np.argsort(-fs.surface_counts, kind="stable")
    for sid in order:
        lid = int(s2l[sid]) if sid < len(s2l) else -1
        if lid >= 0 and lid not in unigram:
            unigram[lid] = surface[sid]
    bigram: dict[int, str] = {}
    tok = fs.tok_ids[: fs.doc_ptr[fs.n_docs]]
    if len(tok) > 1 and len(fs.bigram_codes):
        doc_of = np.repeat(np.arange(fs.n_docs), np.diff(fs.doc_ptr[: fs.n_docs + 1]))
        lem = s2l[tok]
        ok = (lem[:-1] >= 0) & (lem[1:] >= 0) & (doc_of[:-1] == doc_of[1:])
        codes = lem[:-1][ok].astype(np.int64) * fs.n_lemmas + lem[1:][ok]
        known = np.isin(codes, fs.bigram_codes)
        pairs = tok[:-1][ok][known].astype(np.int64) * len(surface) + tok[1:][ok][known]
        lemma_codes = codes[known]
        uniq, first, counts = np.unique(pairs, return_index=True, return_counts=True)
        for idx in np.argsort(-counts, kind="stable"):
            code = int(lemma_codes[first[idx]])
            if code not in bigram:
                pair = int(uniq[idx])
                bigram[code] = f"{surface[pair // len(surface)]} {surface[pair % len(surface)]}"
    return SurfaceForms(fs, unigram, bigram)


def _phrases(forms: SurfaceForms, weights: np.ndarray, count: int) -> list[str]:
    fs = forms.fs
    top = np.argsort(-weights, kind="stable")[: count * 4]
    chosen: list[str] = []
    covered: set[int] = set()
    for column in top:
        if weights[column] <= 0 or len(chosen) >= count:
            break
        ids = fs.feature_name(int(column))
        if len(ids) == 1 and ids[0] in covered:
            continue
        phrase = forms.phrase(int(column))
        if phrase in chosen:
            continue
        chosen.append(phrase)
        covered.update(ids)
    return chosen


def theme_label(phrases: Sequence[str]) -> str:
    if not phrases:
        return OTHER_LABEL
    parts = list(phrases[:3])
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
    return text[:1].upper() + text[1:]


def _choose_clusters(reduced: np.ndarray, params: AnalysisParams, seed: int) -> np.ndarray:
    n = len(reduced)
    max_k = min(params.max_themes_per_area, n // max(params.min_theme_size, 1))
    if max_k < 2:
        return np.zeros(n, dtype=np.int64)
    candidates = sorted({k for k in (2, 3, 4, 6, 8, 10, 12, 16, 20) if k <= max_k})
    rng = np.random.default_rng(seed)
    sample = rng.choice(n, size=min(n, _SILHOUETTE_SAMPLE), replace=False)
    best_labels = np.zeros(n, dtype=np.int64)
    best_score = -1.0
    for k in candidates:
        labels = kmeans(reduced, k, seed, max_iter=60)
        if len(set(labels[sample].tolist())) < 2:
            continue
        score = cosine_silhouette(reduced[sample], labels[sample])
        if score > best_score + 0.005:
            best_score, best_labels = score, labels
    return np.asarray(best_labels, dtype=np.int64)


def area_themes(
    area_id: str,
    members: np.ndarray,
    fs: FeatureSpace,
    forms: SurfaceForms,
    docs: Sequence[InputDoc],
    params: AnalysisParams,
) -> list[Theme]:
    """Themes of one area; `members` are document rows, in input order."""
    if len(members) == 0:
        return []
    x = fs.word[members]
    seed = params.seed
    rng = np.random.default_rng(seed)
    sample = (
        np.sort(rng.choice(len(members), size=params.theme_sample_size, replace=False))
        if len(members) > params.theme_sample_size
        else np.arange(len(members))
    )
    xs = x[sample]
    df = np.bincount(xs.indices, minlength=xs.shape[1])
    columns = np.flatnonzero(df >= 2)
    labels_sample = np.zeros(len(sample), dtype=np.int64)
    if len(columns) >= 3 and len(sample) >= 2 * params.min_theme_size:
        reduced_in = l2_normalize_sparse(xs[:, columns])
        dims = min(_SVD_DIMS, len(columns) - 1, len(sample) - 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            reduced = l2_normalize_dense(randomized_svd_transform(reduced_in, dims, seed, 3))
        labels_sample = _choose_clusters(reduced, params, seed)
    k = int(labels_sample.max()) + 1
    indicator = sp.csr_matrix(
        (np.ones(len(sample)), (labels_sample, np.arange(len(sample)))), shape=(k, len(sample))
    )
    centroids = l2_normalize_sparse(indicator @ xs)
    sims = np.asarray((x @ centroids.T).todense()) if k else np.zeros((len(members), 0))
    assigned = sims.argmax(axis=1)
    best = sims.max(axis=1)
    assigned[best < params.theme_min_similarity] = -1
    sizes = np.bincount(assigned[assigned >= 0], minlength=k)
    assigned[(assigned >= 0) & (sizes[np.maximum(assigned, 0)] < params.min_theme_size)] = -1

    area_mean = np.asarray(x.mean(axis=0)).ravel()
    themes: list[tuple[int, Theme]] = []
    groups = [int(c) for c in range(k) if (assigned == c).any()] + [-1]
    for c in groups:
        local = np.flatnonzero(assigned == c)
        if len(local) == 0:
            continue
        rows = members[local]
        centre = np.asarray(x[local].mean(axis=0)).ravel()
        closeness = np.asarray(x[local] @ centre).ravel()
        central = rows[np.argsort(-closeness, kind="stable")]
        phrases = _phrases(forms, centre - 0.5 * area_mean, _KEYWORDS)
        summary = mmr_summary(
            fs, central[:_SUMMARY_POOL], docs, centre, params.summary_sentences, params.mmr_lambda
        )
        theme = Theme(
            area_id=area_id,
            label=OTHER_LABEL if c < 0 else theme_label(phrases),
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
