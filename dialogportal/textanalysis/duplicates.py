"""Near-duplicates and campaigns: MinHash LSH over word 3-shingles (numpy), confirmed by the
best of word-count cosine, character-trigram cosine (typos) and word containment (an added
signature). Look-alikes that swap a name or number for another are never merged; a typo inside
a name is not a swap."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from dialogportal.textanalysis.features import FeatureSpace
from dialogportal.textanalysis.numeric import char_ngram_counts, l2_normalize_sparse
from dialogportal.textanalysis.types import AnalysisParams, DuplicateGroup, InputDoc

_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)
# An input that contains all but 10 % of another's words and adds at most this many words
# (or 30 % of its length) is that input plus a signature or a short remark.
_CONTAINMENT = 0.9
_MAX_ADDED_WORDS = 8
_MIN_WORDS_FOR_CONTAINMENT = 5
_MIN_WORD_COSINE = 0.6  # a typo'd or signed copy keeps at least this word cosine
_MIN_FUZZY_ANCHOR = 5  # names this long may differ by one typo (swap, insert, delete, change)
_ANCHOR_RE = re.compile(r"\d+(?:[.,]\d+)*|(?<![.!?]\s)(?<!^)\b[A-ZÆØÅ][\wæøå]+")


_SHINGLE_WIDTH = 2
_SHINGLE_MULTIPLIERS = (1_000_003, 998_244_353, 2_147_483_647)


def _shingle_hashes(fs: FeatureSpace) -> tuple[np.ndarray, np.ndarray]:
    """(hash, doc) of every word shingle (`_SHINGLE_WIDTH` words); a shorter text is one."""
    n = fs.n_docs
    w = _SHINGLE_WIDTH
    tok = fs.tok_ids[: fs.doc_ptr[n]].astype(np.uint64)
    lengths = np.diff(fs.doc_ptr[: n + 1])
    doc_of = np.repeat(np.arange(n), lengths)
    hashes: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    if len(tok) >= w:
        m = len(tok) - w + 1
        same = doc_of[:m] == doc_of[w - 1 :]
        h = np.zeros(m, dtype=np.uint64)
        for j in range(w):
            h ^= tok[j : j + m] * np.uint64(_SHINGLE_MULTIPLIERS[j])
        hashes.append(h[same] & _MASK32)
        owners.append(doc_of[:m][same])
    for d in np.flatnonzero((lengths > 0) & (lengths < w)):
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
    """MinHash signatures with multiply-shift hashing (odd 64-bit multiplier, wrapping, top 32
    bits). The former `(a*h + b) mod p` with a < 2^31 and h < 2^32 hardly ever wrapped, so all
    "permutations" ordered shingles like h itself: a pair with Jaccard 0.75 agreed on 1/8."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 1 << 63, size=n_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 1 << 63, size=n_perm, dtype=np.uint64)
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    signatures = np.zeros((len(starts), n_perm), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for p in range(n_perm):
            permuted = ((hashes * a[p] + b[p]) >> _SHIFT32).astype(np.uint32)
            signatures[:, p] = np.minimum.reduceat(permuted, starts)
    return signatures


def _candidate_pairs(signatures: np.ndarray, docs_with: np.ndarray, rows: int) -> np.ndarray:
    """Pairs sharing a band: each bucket member with the bucket's first member and with its
    neighbour in the bucket (linear in bucket size, so a 10,000-copy campaign stays cheap)."""
    n_perm = signatures.shape[1]
    pairs: list[np.ndarray] = []
    for start in range(0, n_perm - rows + 1, rows):
        band = signatures[:, start : start + rows]
        key = band[:, 0].astype(np.uint64)
        for r in range(1, rows):
            key = key * np.uint64(0x9E3779B97F4A7C15) + band[:, r].astype(np.uint64)
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


def _raw_counts(fs: FeatureSpace) -> sp.csr_matrix:
    """Raw counts of every word, stop words included, without IDF.

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
    return counts


def _char_trigrams(fs: FeatureSpace, counts: sp.csr_matrix) -> sp.csr_matrix:
    """L2-normalised character-trigram counts (inside words, with word boundaries) of every
    document: a typo changes a few trigrams of one word, not the whole word. Built once per
    distinct word and multiplied into documents, like the char features."""
    per_word = char_ngram_counts(list(fs.vocab), 3, 3)
    return l2_normalize_sparse((counts @ per_word).tocsr())


def _containment(counts: sp.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    """1 where the shorter text of a pair is (≥ 90 %) inside the longer one and the longer
    adds only a few words (a signature, "Tak!"), else 0."""
    out = np.zeros(len(pairs), dtype=np.float64)
    if len(pairs) == 0:
        return out
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    for lo in range(0, len(pairs), 50_000):
        chunk = pairs[lo : lo + 50_000]
        a, b = counts[chunk[:, 0]], counts[chunk[:, 1]]
        common = np.asarray(a.minimum(b).sum(axis=1)).ravel()
        la, lb = lengths[chunk[:, 0]], lengths[chunk[:, 1]]
        short, long_ = np.minimum(la, lb), np.maximum(la, lb)
        added = long_ - common
        ok = (
            (short >= _MIN_WORDS_FOR_CONTAINMENT)
            & (common >= _CONTAINMENT * short)
            & (added <= np.maximum(_MAX_ADDED_WORDS, 0.3 * short))
        )
        out[lo : lo + len(chunk)] = ok
    return out


def _anchors(text: str) -> frozenset[str]:
    """Numbers and capitalised words inside sentences: what templated look-alikes vary."""
    return frozenset(_ANCHOR_RE.findall(text))


def _one_typo_apart(a: str, b: str) -> bool:
    """Damerau distance ≤ 1 for names of 5+ letters with the same first letter."""
    if min(len(a), len(b)) < _MIN_FUZZY_ANCHOR or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) <= 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """One anchor set adds to the other, or they differ only by typos in names. A number or
    a name that is *replaced* by another makes another proposal (templated look-alikes)."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return True
    unmatched_a = {x for x in only_a if not any(_one_typo_apart(x, y) for y in only_b)}
    unmatched_b = {y for y in only_b if not any(_one_typo_apart(x, y) for x in only_a)}
    return not unmatched_a or not unmatched_b


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
    counts = _raw_counts(fs)
    similarity = _pair_cosine(l2_normalize_sparse(counts), pairs)
    # typos and signatures: only pairs that are already close in words are checked again
    unsure = (similarity < params.duplicate_threshold) & (similarity >= _MIN_WORD_COSINE)
    if unsure.any():
        trigram = _pair_cosine(_char_trigrams(fs, counts), pairs[unsure])
        contained = _containment(counts, pairs[unsure])
        similarity[unsure] = np.maximum(similarity[unsure], np.maximum(trigram, contained))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    anchor_cache: dict[int, frozenset[str]] = {}
    for (a, b), sim in zip(pairs.tolist(), similarity.tolist(), strict=True):
        if sim < params.duplicate_threshold:
            continue
        for doc in (a, b):
            if doc not in anchor_cache:
                anchor_cache[doc] = _anchors(docs[doc].text)
        # Another place name or number in the same sentence is another proposal; a copy
        # that only adds something (a signature, a town) is still a copy.
        if not _compatible(anchor_cache[a], anchor_cache[b]):
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
