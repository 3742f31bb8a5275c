from pathlib import Path

import pytest
from django.test import Client

from dialogportal.accounts.models import Role, User
from tests.moderation import builders


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path: Path) -> Path:
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture
def moderator(db) -> User:
    return builders.staff("moderator", Role.MODERATOR)


@pytest.fixture
def manager(db) -> User:
    return builders.staff("procesleder", Role.PROCESS_MANAGER)


@pytest.fixture
def administrator(db) -> User:
    return builders.staff("admin", Role.ADMINISTRATOR)


@pytest.fixture
def moderator_client(moderator: User) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def manager_client(manager: User) -> Client:
    client = Client()
    client.force_login(manager)
    return client


@pytest.fixture
def admin_client_(administrator: User) -> Client:
    client = Client()
    client.force_login(administrator)
    return client
