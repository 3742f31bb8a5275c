from collections.abc import Iterator
from typing import Any

import pytest

from tests.accounts.oidc_fake import FakeIdentityProvider, running_provider


@pytest.fixture
def provider() -> Iterator[FakeIdentityProvider]:
    with running_provider() as fake:
        yield fake


@pytest.fixture
def oidc(settings: Any, provider: FakeIdentityProvider) -> FakeIdentityProvider:
    """OpenID Connect turned on for this test, pointing at the fake provider."""
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    return provider
