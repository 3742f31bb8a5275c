import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import db_template
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS

BROWSER_FIXTURES = {"browser", "page"}
# pytest-django's fixtures that give a test the database DATABASE_URL names or its server (all of
# them, the `django_db` marker included, go through `_django_db_helper`; `django_db_setup` is what
# a test asks for that makes a database of its own on the same server). pytest-django refuses
# the database to any other test.
DATABASE_FIXTURES = {
    "_django_db_helper",
    "db",
    "transactional_db",
    "live_server",
    "django_db_setup",
}


def _uses_the_configured_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    has_chromium = Path(CHROMIUM).exists()
    for item in items:
        if not _uses_the_configured_database(item):
            item.add_marker(pytest.mark.database_independent)
        if item.path.name.startswith("test_demo"):
            item.add_marker(pytest.mark.demo_data)
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
            if not has_chromium:
                item.add_marker(pytest.mark.skip(reason="Debian's chromium is not installed"))


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: Any,
    django_db_use_migrations: bool,
    django_db_keepdb: bool,
    django_db_createdb: bool,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """pytest-django's own set-up, except that the migrated database is made once and copied
    (tests/db_template.py): on SQLite a template file, on PostgreSQL a template database. With
    `--reuse-db` or `--nomigrations` it is pytest-django's; `--create-db` migrates afresh."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if not django_db_use_migrations:
        _disable_migrations()
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    use_template = (
        connection.vendor in {"sqlite", "postgresql"}
        and django_db_use_migrations
        and not django_db_keepdb
        and aliases == {"default"}
    )
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        if use_template:
            db_cfg = _setup_from_template(
                request, aliases, serialized_aliases, refresh=django_db_createdb
            )
        else:
            db_cfg = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases=dict.fromkeys(aliases),  # (django-stubs want a mapping)
                serialized_aliases=serialized_aliases,
                keepdb=keepdb,
            )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


def _setup_from_template(
    request: pytest.FixtureRequest,
    aliases: set[str],
    serialized_aliases: set[str],
    *,
    refresh: bool,
) -> Any:
    from django.db import connection
    from django.test.utils import setup_databases

    template = db_template.template_path()
    on_sqlite = connection.vendor == "sqlite"
    test_name = connection.settings_dict["TEST"]["NAME"]  # with xdist's suffix
    pg_template = f"{connection.settings_dict['NAME']}_template_{db_template.schema_key()}"
    with db_template.template_lock(template):
        if on_sqlite:
            have_template = template.exists() and not refresh
            if have_template:
                db_template.copy_database(template, test_name)
        else:
            have_template = _pg_database_exists(pg_template) and not refresh
            if have_template:
                connection.settings_dict["TEST"]["TEMPLATE"] = pg_template
        # Made from the template, the database has every migration: `migrate` applies none.
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=dict.fromkeys(aliases),  # (django-stubs want a mapping)
            serialized_aliases=serialized_aliases,
            keepdb=have_template and on_sqlite,  # (keep the copied file)
        )
        if not have_template:
            connection.close()
            if on_sqlite:
                db_template.copy_database(connection.settings_dict["NAME"], template)
            else:
                migrated = connection.settings_dict["NAME"]
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{pg_template}"')
                    cursor.execute(f'CREATE DATABASE "{pg_template}" TEMPLATE "{migrated}"')
    return db_cfg


def _pg_database_exists(name: str) -> bool:
    from django.db import connection

    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


@pytest.fixture(autouse=True)
def _fresh_cache_and_danish() -> Iterator[None]:
    from django.conf import settings
    from django.core.cache import caches
    from django.utils import translation

    # A request under /en/ leaves English active in this thread; each test starts in Danish.
    translation.activate(settings.LANGUAGE_CODE)
    # Content, and abuse counters (limits, throttles); a test may have replaced CACHES.
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Django's PBKDF2 costs about half a CPU-second per hash, paid at every user created with a
    # password and every login; no test is about the hasher. (Real processes keep the real one.)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # bypass_csp lets the test inject axe-core; the pages themselves keep their strict policy.
    context = browser.new_context(bypass_csp=True, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def short_tmp_path() -> Iterator[Path]:
    """A temporary folder with a short path, for a VAR_DIR that holds a Unix socket (at most 107
    bytes): pytest-xdist's tmp_path ("…/popen-gw1/test_…") is too long for one."""
    path = Path(tempfile.mkdtemp(prefix="dp-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)
