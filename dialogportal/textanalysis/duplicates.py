"""Near-duplicates and campaigns: MinHash LSH over word 3-shingles (numpy), confirmed by
cosine of raw word counts. Look-alikes that swap a name or number for another are never merged."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from dialogportal.textanalysis.features import FeatureSpace
from dialogportal.textanalysis.types import AnalysisParams, DuplicateGroup, InputDoc

_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_ANCHOR_RE = re.compile(r"\d+(?:[.,]\d+)*|(?<![.!?]\s)(?<!^)\b[A-ZÆØÅ][\wæøå]+")


def _shingle_hashes(fs: FeatureSpace) -> tuple[np.ndarray, np.ndarray]:
    """(hash, doc) of every word 3-shingle; a text shorter than three words is one shingle."""
    n = fs.n_docs
    tok = fs.tok_ids[: fs.doc_ptr[n]].astype(np.uint64)
    lengths = np.diff(fs.doc_ptr[: n + 1])
    doc_of = np.repeat(np.arange(n), lengths)
    hashes: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    if len(tok) >= 3:
        same = doc_of[:-2] == doc_of[2:]
        h = (
            tok[:-2] * np.uint64(1_000_003)
            ^ tok[1:-1] * np.uint64(998_244_353)
            ^ tok[2:] * np.uint64(2_147_483_647)
        ) & _MASK32
        hashes.append(h[same])
        owners.append(doc_of[:-2][same])
    for d in np.flatnonzero((lengths > 0) & (lengths < 3)):
        ids = fs.tok_ids[fs.doc_ptr[d] : fs.doc_ptr[d + 1]].astype(np.uint64)
        hashes.append(np.array([int(ids.sum() * np.uint64(7919) + ids[0]) & 0xFFFFFFFF], np.uint64))
        owners.append(np.array([d]))
    if not hashes:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    all_h = np.concatenate(hashes)
    all_d = np.concatenate(owners).astype(np.int64)
    order = np.argsort(all_d, kind="stable")
    return all_h[order], all_d[order]


def _minhash(hashes: np.ndarray, owners: np.ndarray, n_perm: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 31, size=n_perm, dtype=np.uint64)
    b = rng.integers(0, 1 << 31, size=n_perm, dtype=np.uint64)
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    signatures = np.zeros((len(starts), n_perm), dtype=np.uint64)
    for p in range(n_perm):
        permuted = (hashes * a[p] + b[p]) % _PRIME
        signatures[:, p] = np.minimum.reduceat(permuted, starts)
    return signatures


def _candidate_pairs(signatures: np.ndarray, docs_with: np.ndarray, rows: int) -> np.ndarray:
    """Pairs sharing a band: each bucket member with the bucket's first member and with its
    neighbour in the bucket (linear in bucket size, so a 10,000-copy campaign stays cheap)."""
    n_perm = signatures.shape[1]
    pairs: list[np.ndarray] = []
    for start in range(0, n_perm - rows + 1, rows):
        band = signatures[:, start : start + rows]
        key = band[:, 0].copy()
        for r in range(1, rows):
            key = key * np.uint64(0x9E3779B97F4A7C15) + band[:, r]
        order = np.lexsort((docs_with, key))
        sorted_key = key[order]
        members = docs_with[order]
        is_first = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
        first = members[np.maximum.accumulate(np.where(is_first, np.arange(len(order)), 0))]
        star = ~is_first
        pairs.append(np.stack([first[star], members[star]], axis=1))
        chain = ~is_first[1:]
        pairs.append(np.stack([members[:-1][chain], members[1:][chain]], axis=1))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(pairs), axis=0)


def _pair_cosine(x: sp.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    out = np.zeros(len(pairs), dtype=np.float64)
    for lo in range(0, len(pairs), 50_000):
        chunk = pairs[lo : lo + 50_000]
        out[lo : lo + len(chunk)] = np.asarray(
            x[chunk[:, 0]].multiply(x[chunk[:, 1]]).sum(axis=1)
        ).ravel()
    return out


def _token_counts(fs: FeatureSpace) -> sp.csr_matrix:
    """L2-normalised raw counts of every word, stop words included, without IDF.

    Measured on the evaluation set: IDF weighting makes one typo or an added "Hilsen en
    borger" cost 0.15-0.3 of cosine (rare words weigh most), so copies were missed.
    """
    n = fs.n_docs
    lengths = np.diff(fs.doc_ptr[: n + 1])
    tok = fs.tok_ids[: fs.doc_ptr[n]]
    counts = sp.csr_matrix(
        (np.ones(len(tok), dtype=np.float32), (np.repeat(np.arange(n), lengths), tok)),
        shape=(n, len(fs.vocab)),
    )
    counts.sum_duplicates()
    return normalize(counts)


def _anchors(text: str) -> frozenset[str]:
    """Numbers and capitalised words inside sentences: what templated look-alikes vary."""
    return frozenset(_ANCHOR_RE.findall(text))


def _exact_copies(fs: FeatureSpace) -> np.ndarray:
    """For each document the first document with the same token sequence (itself if none)."""
    first: dict[bytes, int] = {}
    result = np.arange(fs.n_docs)
    for d in range(fs.n_docs):
        lo, hi = fs.doc_ptr[d], fs.doc_ptr[d + 1]
        if hi > lo:
            result[d] = first.setdefault(fs.tok_ids[lo:hi].tobytes(), d)
    return result


def find_duplicates(
    fs: FeatureSpace, docs: Sequence[InputDoc], params: AnalysisParams
) -> list[DuplicateGroup]:
    n = fs.n_docs
    if n < 2:
        return []
    parent = _exact_copies(fs)  # union-find forest; exact copies start merged
    hashes, owners = _shingle_hashes(fs)
    unique_owner = parent[owners] == owners
    hashes, owners = hashes[unique_owner], owners[unique_owner]
    pairs = np.zeros((0, 2), dtype=np.int64)
    if len(hashes):
        signatures = _minhash(hashes, owners, params.minhash_permutations, params.seed)
        pairs = _candidate_pairs(signatures, np.unique(owners), params.minhash_band_rows)
    cosine = _pair_cosine(_token_counts(fs), pairs)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    anchor_cache: dict[int, frozenset[str]] = {}
    for (a, b), cos in zip(pairs.tolist(), cosine.tolist(), strict=True):
        if cos < params.duplicate_threshold:
            continue
        for doc in (a, b):
            if doc not in anchor_cache:
                anchor_cache[doc] = _anchors(docs[doc].text)
        # Another place name or number in the same sentence is another proposal; a copy
        # that only adds something (a signature, a town) is still a copy.
        if not (anchor_cache[a] <= anchor_cache[b] or anchor_cache[b] <= anchor_cache[a]):
            continue
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([find(i) for i in range(n)])
    order = np.argsort(roots, kind="stable")
    bounds = np.flatnonzero(np.r_[True, roots[order][1:] != roots[order][:-1], True])
    groups: list[DuplicateGroup] = []
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if hi - lo < 2:
            continue
        rows = order[lo:hi]  # stable sort: input order inside the group
        groups.append(
            DuplicateGroup(
                input_ids=tuple(docs[r].id for r in rows),
                is_campaign=len(rows) >= params.campaign_min_size,
            )
        )
    return groups
