from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
