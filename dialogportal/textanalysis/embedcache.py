"""A folder of stored vectors, keyed by text digest and backend (for `analyse-file`).

`DIR/<backend>/<version>/` holds one `.npz` per batch that was embedded (`digests`,
`vectors`); a second run on the same texts reads them and embeds nothing. Files are written
to a temporary name and renamed, so an interrupted run leaves no half file behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from dialogportal.textanalysis.backends import EmbeddingBackend

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CHUNK = 64


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, folder: Path, backend: EmbeddingBackend) -> None:
        self.backend = backend
        self.folder = folder / _UNSAFE.sub("_", backend.name) / _UNSAFE.sub("_", backend.version)
        self._known: dict[str, np.ndarray] = {}
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("*.npz")):
                with np.load(path) as data:
                    for digest, row in zip(data["digests"], data["vectors"], strict=True):
                        self._known[str(digest)] = row

    def vectors(
        self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> tuple[np.ndarray, int]:
        """Vectors of `texts` (rows in order) and how many had to be embedded now."""
        digests = [text_digest(t) for t in texts]
        missing = list(dict.fromkeys(d for d in digests if d not in self._known))
        text_of = dict(zip(digests, texts, strict=True))
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            rows = self.backend.embed([text_of[d] for d in chunk])
            self._save(chunk, rows)
            self._known.update(zip(chunk, rows, strict=True))
            if progress is not None:
                progress(min(start + _CHUNK, len(missing)), len(missing))
        if not digests:
            return np.zeros((0, 1), dtype=np.float32), 0
        return np.vstack([self._known[d] for d in digests]).astype(np.float32), len(missing)

    def _save(self, digests: list[str], rows: np.ndarray) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = text_digest("".join(digests))[:24]
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, digests=np.asarray(digests), vectors=np.asarray(rows, np.float32))
        Path(tmp).replace(self.folder / f"{name}.npz")


class CachedBackend:
    """A backend whose vectors are read from (and added to) an `EmbeddingCache` first."""

    def __init__(self, backend: EmbeddingBackend, folder: Path) -> None:
        self.name = backend.name
        self.version = backend.version
        self.cache = EmbeddingCache(folder, backend)
        self.embedded = 0  # texts that were not in the cache

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors, fresh = self.cache.vectors(texts)
        self.embedded += fresh
        return vectors
