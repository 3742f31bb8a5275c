"""The concept lexicon: Danish semantic fields of municipal policy, read from versioned data.

`data/lexicon.json` maps each concept (a policy field) to words that point to it even when
they share no letters ("lejlighed", "husleje" and "udlejer" all point to housing). Inputs and
focus areas are both mapped to concepts. It is a small prior beside the sentence embeddings
and the lexical spaces, not the classifier (see docs/decisions/0005-concept-lexicon.md): its
weight was set on real text, and each run stores `LEXICON_VERSION` and `LEXICON_DIGEST`.

Words of 5+ letters also match as the head or the modifier of a compound
("boligselskab" → bolig); shorter words and words written `=word` only match whole
("samarbejde" is not a job, "kunstudstilling" not employment).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

from dialogportal.textanalysis.danish import lemma

_RAW = resources.files("dialogportal.textanalysis").joinpath("data/lexicon.json").read_bytes()
_DATA = json.loads(_RAW.decode("utf-8"))
LEXICON_VERSION: str = str(_DATA["version"])
LEXICON_DIGEST: str = hashlib.sha256(_RAW).hexdigest()[:16]
CONCEPTS: dict[str, str] = {str(k): str(v) for k, v in _DATA["concepts"].items()}

CONCEPT_NAMES: tuple[str, ...] = tuple(CONCEPTS)
_MIN_COMPOUND_PART = 5  # a lexicon word must be this long to match inside a compound
_MIN_REST = 3  # ... and leave at least this many letters for the other part
_MODIFIER_WEIGHT = 0.5  # "boligselskab" is about housing; "sundhedsplejerske" only partly health


def _build(whole_only: bool) -> dict[str, frozenset[int]]:
    entries: dict[str, set[int]] = {}
    for number, name in enumerate(CONCEPT_NAMES):
        for word in CONCEPTS[name].split():
            exact = word.startswith("=")
            if exact and not whole_only:
                continue
            word = word.lstrip("=")
            for form in {word, lemma(word)}:
                entries.setdefault(form, set()).add(number)
    return {form: frozenset(ids) for form, ids in entries.items()}


@lru_cache(maxsize=1)
def _entries() -> dict[str, frozenset[int]]:
    """Every lexicon word (and its lemma) → concepts, for whole-word matches."""
    return _build(whole_only=True)


@lru_cache(maxsize=1)
def _compound_entries() -> dict[str, frozenset[int]]:
    """The words that may also match as a head or modifier of a compound."""
    return _build(whole_only=False)


@lru_cache(maxsize=500_000)
def concepts_of(lem: str, surface: str = "") -> tuple[tuple[int, float], ...]:
    """(concept number, weight) of one content word, given its lemma and written form.

    A whole-word match wins; otherwise the longest lexicon word that ends the compound (its
    head, weight 1) and the longest that starts it (modifier, weight 0.5; a linking -s/-e is
    dropped: "ungdoms-", "skole-").
    """
    found: dict[int, float] = {}
    for form in (lem, surface):
        for concept in _entries().get(form, ()):
            found[concept] = 1.0
    if found:
        return tuple(sorted(found.items()))
    entries = _compound_entries()
    for i in range(_MIN_REST, len(lem) - _MIN_COMPOUND_PART + 1):
        head = lem[i:]
        if head in entries:
            for concept in entries[head]:
                found[concept] = 1.0
            break
    for i in range(len(lem) - _MIN_REST, _MIN_COMPOUND_PART - 1, -1):
        prefix = lem[:i]
        options = (prefix, prefix[:-1]) if prefix.endswith(("s", "e")) else (prefix,)
        hit = next((p for p in options if len(p) >= _MIN_COMPOUND_PART and p in entries), None)
        if hit is not None:
            for concept in entries[hit]:
                found[concept] = max(found.get(concept, 0.0), _MODIFIER_WEIGHT)
            break
    return tuple(sorted(found.items()))
