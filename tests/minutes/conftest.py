from __future__ import annotations

from pathlib import Path

import pytest

DOCUMENTS = Path(__file__).resolve().parent / "documents"
SEED = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "seed"
    / "referat-hovedudvalg-2025-06-27.md"
)


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("the seed minutes (../shared/seed) are not available")
    return SEED


def document(name: str) -> str:
    return (DOCUMENTS / name).read_text(encoding="utf-8")
