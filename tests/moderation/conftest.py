from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from dialogportal.accounts.models import Role, User
from tests.moderation import builders


@pytest.fixture(scope="session", autouse=True)
def _roles(django_db_setup, django_db_blocker) -> None:
    """Sync the role groups once, outside the per-test transactions."""
    from dialogportal.accounts.services import sync_roles

    with django_db_blocker.unblock():
        sync_roles()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A transactional test ends with a flush that empties the role groups; sync them again
    (committed, outside any test) so the following tests need not sync inside their own."""
    yield
    marker = item.get_closest_marker("django_db")
    if nextitem is None or marker is None or not marker.kwargs.get("transaction"):
        return  # (after the last test the test database is already gone)
    from pytest_django.plugin import blocking_manager_key

    from dialogportal.accounts.services import sync_roles

    with item.config.stash[blocking_manager_key].unblock():
        sync_roles()


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
    client = builders.client(10)
    client.force_login(moderator)
    return client


@pytest.fixture
def manager_client(manager: User) -> Client:
    client = builders.client(11)
    client.force_login(manager)
    return client


@pytest.fixture
def admin_client_(administrator: User) -> Client:
    client = builders.client(12)
    client.force_login(administrator)
    return client
