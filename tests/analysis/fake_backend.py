"""A tiny embedding backend with the engine's interface (a stand-in for a neural model, which
is not installed in tests): letter counts, so similar texts get similar vectors."""

from collections.abc import Sequence
from typing import ClassVar

import numpy as np


class LetterBackend:
    name = "letters"
    version = "1"
    embedded: ClassVar[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        LetterBackend.embedded.extend(texts)
        rows = np.zeros((len(texts), 29), dtype=np.float32)
        for i, text in enumerate(texts):
            for char in text.lower():
                index = "abcdefghijklmnopqrstuvwxyzæøå".find(char)
                if index >= 0:
                    rows[i, index] += 1
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)


class BrokenBackend:
    """A model that loads but fails when it embeds (a damaged model file, out of memory)."""

    name = "broken"
    version = "1"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError("the model crashed")
