from collections.abc import Iterator

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Password hashing is not what these tests are about; the default hasher costs ~0.3 s a user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _shared_client() -> Client:
    # Each new Client loads the middleware again, and WhiteNoise then rescans the static files
    # (about half a second); one client with its cookies cleared per test is enough.
    return Client()


@pytest.fixture
def client(_shared_client: Client) -> Iterator[Client]:
    _shared_client.cookies.clear()
    yield _shared_client
    _shared_client.cookies.clear()
