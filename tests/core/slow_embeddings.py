"""An embedding backend for the crash tests, configured like any other
(`ANALYSIS_EMBEDDING_BACKEND=import:tests.core.slow_embeddings.SlowEmbeddings`): deterministic
hashed bag-of-words vectors that take `SLOW_EMBEDDINGS_SECONDS` per call, so a test can kill
the worker while an analysis run is in its embedding step."""

import hashlib
import os
import time
from collections.abc import Sequence

import numpy as np

DIMENSIONS = 64


class SlowEmbeddings:
    name = "slow-test-embeddings"
    version = "1"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        time.sleep(float(os.environ.get("SLOW_EMBEDDINGS_SECONDS", "2")))
        rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                rows[row, int.from_bytes(digest, "big") % DIMENSIONS] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)
