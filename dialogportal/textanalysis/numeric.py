"""The few numeric building blocks the engine needs, on numpy and scipy.sparse only.

scikit-learn used to provide them; importing it costs ~2.3 s of CPU (it pulls scipy.stats),
more than analysing 10,000 inputs, so a cold `analyse-file` paid it on every run. These are
small, deterministic (seeded) versions for the sizes the engine uses: L2 normalisation,
char n-gram counts of distinct words, randomized truncated SVD, k-means and the cosine
silhouette on at most a few thousand rows.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

Csr: TypeAlias = Any  # scipy.sparse has no type hints
_ROW_BLOCK = 8192


def l2_normalize_sparse(x: Csr, in_place: bool = False) -> Csr:
    """Rows scaled to unit length (zero rows stay zero), CSR float32. `in_place` scales the
    data of `x` itself when it already is CSR float32. Works in row blocks, so a matrix of
    70M entries needs no full-size temporary."""
    if not (in_place and sp.issparse(x) and x.format == "csr" and x.dtype == np.float32):
        x = sp.csr_matrix(x, dtype=np.float32, copy=True)
    indptr = x.indptr
    for lo in range(0, x.shape[0], _ROW_BLOCK):
        hi = min(lo + _ROW_BLOCK, x.shape[0])
        start, end = int(indptr[lo]), int(indptr[hi])
        if end == start:
            continue
        lengths = np.diff(indptr[lo : hi + 1])
        block = x.data[start:end]
        sums = np.zeros(hi - lo, dtype=np.float64)
        nonempty = lengths > 0
        sums[nonempty] = np.add.reduceat(
            np.square(block, dtype=np.float64), (indptr[lo:hi] - start)[nonempty]
        )
        norms = np.sqrt(sums)
        norms[norms == 0] = 1.0
        block *= np.repeat((1.0 / norms).astype(np.float32), lengths)
    return x


def head_rows(x: Csr, n: int) -> Csr:
    """The first `n` rows of a CSR matrix as a view sharing its arrays (`x[:n]` copies)."""
    end = int(x.indptr[n])
    return sp.csr_matrix(
        (x.data[:end], x.indices[:end], x.indptr[: n + 1]), shape=(n, x.shape[1]), copy=False
    )


def l2_normalize_dense(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = x / norms
    return out


def char_ngram_counts(words: Sequence[str], lo: int, hi: int) -> Csr:
    """Counts of the character n-grams (lo..hi) of each word padded with one space on each
    side, like scikit-learn's `char_wb`; columns are an exact n-gram vocabulary (no hashing,
    no collisions) in order of first appearance. An empty word has no n-grams."""
    index: dict[str, int] = {}
    rows = array("i")  # 4 bytes an entry; a list of ints costs ~10x that
    cols = array("i")
    for row, word in enumerate(words):
        if not word:
            continue
        padded = f" {word} "
        length = len(padded)
        for n in range(lo, hi + 1):
            for start in range(max(length - n + 1, 1)):
                cols.append(index.setdefault(padded[start : start + n], len(index)))
                rows.append(row)
            if n >= length:  # the whole padded word was the last n-gram
                break
    data = np.ones(len(rows), dtype=np.float32)
    row_ids = np.frombuffer(rows, dtype=np.int32) if rows else np.zeros(0, np.int32)
    col_ids = np.frombuffer(cols, dtype=np.int32) if cols else np.zeros(0, np.int32)
    matrix = sp.csr_matrix((data, (row_ids, col_ids)), shape=(len(words), max(len(index), 1)))
    matrix.sum_duplicates()
    return matrix


def randomized_svd_transform(x: Csr, dims: int, seed: int, n_iter: int = 3) -> np.ndarray:
    """U·Σ of a rank-`dims` randomized SVD of `x` (Halko et al.), like TruncatedSVD."""
    rng = np.random.default_rng(seed)
    n_rows, n_cols = x.shape
    width = min(dims + 10, n_rows, n_cols)
    q = np.asarray(x @ rng.standard_normal((n_cols, width)))
    q, _ = np.linalg.qr(q)
    for _ in range(n_iter):
        q, _ = np.linalg.qr(np.asarray(x.T @ q))
        q, _ = np.linalg.qr(np.asarray(x @ q))
    small = np.asarray((x.T @ q).T)  # width x n_cols
    u_small, sigma, _ = np.linalg.svd(small, full_matrices=False)
    u = q @ u_small[:, :dims]
    # fix signs (largest loading positive) so the result does not depend on LAPACK details
    signs = np.sign(u[np.abs(u).argmax(axis=0), np.arange(u.shape[1])])
    signs[signs == 0] = 1.0
    result: np.ndarray = u * signs * sigma[:dims]
    return result


def kmeans(x: np.ndarray, k: int, seed: int, max_iter: int = 60) -> np.ndarray:
    """Labels of Lloyd's k-means with k-means++ seeding (one run, seeded)."""
    n = len(x)
    if k <= 1 or n == 0:
        return np.zeros(n, dtype=np.int64)
    rng = np.random.default_rng(seed)
    sq = (x * x).sum(axis=1)
    centres = np.empty((k, x.shape[1]), dtype=np.float64)
    centres[0] = x[rng.integers(n)]
    closest = np.maximum(sq - 2 * x @ centres[0] + centres[0] @ centres[0], 0)
    for c in range(1, k):
        total = closest.sum()
        pick = int(rng.choice(n, p=closest / total)) if total > 0 else int(rng.integers(n))
        centres[c] = x[pick]
        closest = np.minimum(closest, np.maximum(sq - 2 * x @ centres[c] + x[pick] @ x[pick], 0))
    labels = np.full(n, -1, dtype=np.int64)
    for _ in range(max_iter):
        dist = sq[:, None] - 2 * x @ centres.T + (centres * centres).sum(axis=1)[None, :]
        new = dist.argmin(axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        for c in range(k):
            members = labels == c
            if members.any():
                centres[c] = x[members].mean(axis=0)
            else:  # an empty cluster takes the point farthest from its centre
                far = int(dist[np.arange(n), labels].argmax())
                centres[c] = x[far]
    return labels


def cosine_silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette with cosine distance; points alone in their cluster count 0."""
    unit = l2_normalize_dense(np.asarray(x, dtype=np.float64))
    dist = np.maximum(1.0 - unit @ unit.T, 0.0)
    clusters, inverse, sizes = np.unique(labels, return_inverse=True, return_counts=True)
    if len(clusters) < 2:
        return 0.0
    onehot = np.zeros((len(labels), len(clusters)))
    onehot[np.arange(len(labels)), inverse] = 1.0
    sums = dist @ onehot  # n x clusters: summed distance to each cluster
    own = sizes[inverse]
    a = sums[np.arange(len(labels)), inverse] / np.maximum(own - 1, 1)
    other = sums / sizes[None, :]
    other[np.arange(len(labels)), inverse] = np.inf
    b = other.min(axis=1)
    s = (b - a) / np.maximum(np.maximum(a, b), 1e-12)
    s[own == 1] = 0.0
    return float(s.mean())
