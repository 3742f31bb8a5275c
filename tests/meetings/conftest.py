import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Password hashing is not what these tests are about; the default hasher costs ~0.3 s a user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
