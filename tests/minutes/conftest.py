from __future__ import annotations

from pathlib import Path

import pytest

DOCUMENTS = Path(__file__).resolve().parent / "documents"
SEED_NAME = "referat-hovedudvalg-2025-06-27.md"


def shared_seed() -> Path | None:
    """The seed minutes in ``shared/seed`` beside the repository (or beside the worktrees)."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "seed" / SEED_NAME
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture
def seed_path() -> Path:
    seed = shared_seed()
    if seed is None:
        pytest.skip("the seed minutes (shared/seed) are not available")
    return seed


def document(name: str) -> str:
    return (DOCUMENTS / name).read_text(encoding="utf-8")
