"""Sparse features: lemma uni+bigram TF-IDF and character n-grams of content words.

Character n-grams are computed once per distinct word and multiplied into documents with a
sparse product (a document's char_wb n-grams are the sum of its words' n-grams). That is the
same matrix `TfidfVectorizer(analyzer="char_wb")` builds, at a fraction of its cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

from dialogportal.textanalysis.danish import content_lemma, tokenize
from dialogportal.textanalysis.lexicon import CONCEPT_NAMES, concepts_of
from dialogportal.textanalysis.numeric import char_ngram_counts, l2_normalize_sparse

MAX_BIGRAMS = 30_000

# scipy.sparse has no type hints (see the mypy overrides); a CSR matrix is Any to mypy.
Csr: TypeAlias = Any


@dataclass
class FeatureSpace:
    """Features of documents (rows `0..n_docs-1`) and of extra texts such as area prototypes."""

    n_docs: int
    vocab: dict[str, int]  # surface token -> id
    surface_to_lemma: np.ndarray  # int32, -1 for stop words
    lemmas: list[str]
    lemma_index: dict[str, int]
    bigram_codes: np.ndarray  # int64 codes a*n_lemmas+b of bigram columns, sorted
    tok_ids: np.ndarray  # flat surface token ids of all texts
    doc_ptr: np.ndarray  # offsets into tok_ids, len = n_texts + 1
    word: Csr  # L2-normalised TF-IDF over lemma unigrams + bigrams, all texts
    char: Csr  # L2-normalised TF-IDF over char n-grams of content words, all texts
    concept: Csr  # L2-normalised TF-IDF over lexicon concepts (lexicon.py), all texts
    word_idf: np.ndarray
    surface_counts: np.ndarray  # corpus frequency per surface id (documents only)

    @property
    def n_lemmas(self) -> int:
        return len(self.lemmas)

    def feature_name(self, column: int) -> tuple[int, ...]:
        """The lemma ids of a word column: one for a unigram, two for a bigram."""
        if column < self.n_lemmas:
            return (column,)
        code = int(self.bigram_codes[column - self.n_lemmas])
        return (code // self.n_lemmas, code % self.n_lemmas)

    def transform_word(self, texts: Sequence[str]) -> Csr:
        """Word TF-IDF rows for new texts (unknown words ignored), L2-normalised."""
        rows: list[int] = []
        cols: list[int] = []
        n_lem = self.n_lemmas
        for row, text in enumerate(texts):
            previous = -1
            for token in tokenize(text):
                sid = self.vocab.get(token)
                if sid is not None:
                    lid = int(self.surface_to_lemma[sid])
                else:
                    lem = content_lemma(token)
                    lid = self.lemma_index.get(lem, -1) if lem is not None else -1
                if lid >= 0:
                    rows.append(row)
                    cols.append(lid)
                    if previous >= 0:
                        code = previous * n_lem + lid
                        pos = int(np.searchsorted(self.bigram_codes, code))
                        if pos < len(self.bigram_codes) and self.bigram_codes[pos] == code:
                            rows.append(row)
                            cols.append(n_lem + pos)
                previous = lid
        shape = (len(texts), len(self.word_idf))
        counts = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape, dtype=np.float32
        )
        return _tfidf(counts, self.word_idf)


def _idf(counts: Csr, n_docs: int) -> np.ndarray:
    """Smoothed IDF from the first `n_docs` rows (no copy of them: their slice of indices)."""
    counts.sum_duplicates()
    doc_columns = counts.indices[: counts.indptr[n_docs]]
    df = np.bincount(doc_columns, minlength=counts.shape[1]).astype(np.float64)
    return (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)


def _tfidf(counts: Csr, idf: np.ndarray, in_place: bool = False) -> Csr:
    """Sublinear tf × idf, rows L2-normalised. `in_place` reuses `counts` (no copies: the
    char matrix of 100k long inputs has ~70M entries, and every copy cost ~0.5 GB)."""
    out = counts if in_place and counts.dtype == np.float32 else counts.astype(np.float32)
    out.sum_duplicates()
    np.log1p(out.data, out=out.data)  # sublinear tf
    out.data *= idf[out.indices]
    return l2_normalize_sparse(out, in_place=True)


def build_features(texts: Sequence[str], n_docs: int) -> FeatureSpace:
    """Tokenise and vectorise `texts`; IDF statistics come from the first `n_docs` only."""
    vocab: dict[str, int] = {}
    flat: list[int] = []
    lengths = np.zeros(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        tokens = tokenize(text)
        lengths[i] = len(tokens)
        flat.extend([vocab.setdefault(t, len(vocab)) for t in tokens])
    tok_ids = np.asarray(flat, dtype=np.int32)
    doc_ptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=doc_ptr[1:])
    doc_of = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)

    surface = list(vocab)
    lemma_index: dict[str, int] = {}
    s2l = np.full(len(surface), -1, dtype=np.int32)
    for sid, token in enumerate(surface):
        lem = content_lemma(token)
        if lem is not None:
            s2l[sid] = lemma_index.setdefault(lem, len(lemma_index))
    lemmas = list(lemma_index)
    n_lem = max(len(lemmas), 1)

    lem_flat = s2l[tok_ids] if len(tok_ids) else np.zeros(0, dtype=np.int32)
    keep = lem_flat >= 0
    n_texts = len(texts)
    uni = sp.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (doc_of[keep], lem_flat[keep])),
        shape=(n_texts, n_lem),
    )
    # adjacent content-word bigrams inside one text, kept when two documents share them
    if len(tok_ids) > 1:
        pair_ok = keep[:-1] & keep[1:] & (doc_of[:-1] == doc_of[1:])
        codes = lem_flat[:-1][pair_ok].astype(np.int64) * n_lem + lem_flat[1:][pair_ok]
        pair_docs = doc_of[:-1][pair_ok]
    else:
        codes = np.zeros(0, dtype=np.int64)
        pair_docs = np.zeros(0, dtype=np.int32)
    in_docs = pair_docs < n_docs
    doc_pairs = np.unique(codes[in_docs] * n_texts + pair_docs[in_docs])
    uniq, df = np.unique(doc_pairs // n_texts, return_counts=True)
    frequent = uniq[df >= 2]
    if len(frequent) > MAX_BIGRAMS:
        order = np.argsort(-df[df >= 2], kind="stable")[:MAX_BIGRAMS]
        frequent = np.sort(frequent[order])
    pos = np.searchsorted(frequent, codes)
    pos_ok = pos < len(frequent)
    hit = np.zeros(len(codes), dtype=bool)
    hit[pos_ok] = frequent[pos[pos_ok]] == codes[pos_ok]
    bi = sp.csr_matrix(
        (np.ones(int(hit.sum()), dtype=np.float32), (pair_docs[hit], pos[hit])),
        shape=(n_texts, len(frequent)),
    )
    word_counts = sp.hstack([uni, bi], format="csr")
    word_counts.sum_duplicates()
    word_idf = _idf(word_counts, n_docs)
    word = _tfidf(word_counts, word_idf)

    # character n-grams of content words, via the per-word n-gram matrix
    surface_counts_all = sp.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (doc_of[keep], tok_ids[keep])),
        shape=(n_texts, len(surface)),
    )
    surface_counts_all.sum_duplicates()
    content_words = [t if s2l[i] >= 0 else "" for i, t in enumerate(surface)]
    per_word = char_ngram_counts(content_words, 3, 5)
    char_counts = (surface_counts_all @ per_word).tocsr()
    char_idf = _idf(char_counts, n_docs)
    char = _tfidf(char_counts, char_idf, in_place=True)

    # lexicon concepts of content words, via the per-word concept matrix
    c_rows: list[int] = []
    c_cols: list[int] = []
    c_vals: list[float] = []
    for sid, token in enumerate(surface):
        if s2l[sid] >= 0:
            for concept, weight in concepts_of(lemmas[s2l[sid]], token):
                c_rows.append(sid)
                c_cols.append(concept)
                c_vals.append(weight)
    per_word_concepts = sp.csr_matrix(
        (np.asarray(c_vals, dtype=np.float32), (c_rows, c_cols)),
        shape=(len(surface), len(CONCEPT_NAMES)),
    )
    concept_counts = (surface_counts_all @ per_word_concepts).tocsr()
    concept = _tfidf(concept_counts, _idf(concept_counts, n_docs))

    counts = np.bincount(tok_ids[doc_of < n_docs], minlength=len(surface))
    return FeatureSpace(
        n_docs=n_docs,
        vocab=vocab,
        surface_to_lemma=s2l,
        lemmas=lemmas,
        lemma_index=lemma_index,
        bigram_codes=frequent,
        tok_ids=tok_ids,
        doc_ptr=doc_ptr,
        word=word,
        char=char,
        concept=concept,
        word_idf=word_idf,
        surface_counts=counts,
    )
