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


class RacingBackend(LetterBackend):
    """The same model as `LetterBackend`, in a run that starts while the scheduled vector task
    is still busy: by the time the run's first batch is embedded, the task has stored vectors
    for every input (the run then finds its own batch stored already)."""

    raced: ClassVar[bool] = False

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not RacingBackend.raced:
            RacingBackend.raced = True
            from dialogportal.analysis.queries.inputs import analysed_inputs
            from dialogportal.analysis.vectors import store_vectors
            from dialogportal.processes.models import Process

            for process in Process.objects.all():
                rows = list(analysed_inputs(process).values_list("pk", "text"))
                store_vectors(
                    backend=LetterBackend(),
                    input_ids=[pk for pk, _text in rows],
                    vectors=LetterBackend().embed([text for _pk, text in rows]),
                )
        return super().embed(texts)
