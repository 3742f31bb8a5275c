"""The cascade moved from meetings to med: a database with cascades keeps every one of them.

The migrations run on a database of their own, migrated only as far as meetings and med need
(accounts, organisation, processes and what they depend on): the test database of the suite is
never migrated backwards and forwards again, and Django renders a few apps' models per step
instead of every app's."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor

from dialogportal.med.models import Cascade, CascadeStatus
from tests.med.builders import future

ALIAS = "migration_test"


class ToTheMigrationDatabase:
    """Sends every read and write to the migration database while the test runs: med's
    0002_hearings fills a column through `apps.get_model(...).objects`, the default database,
    not the schema editor's (a migration already on main is never edited)."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return ALIAS


BEFORE = [("meetings", "0003_minutes_import")]


@pytest.fixture
def empty_database(
    tmp_path: Path, django_db_setup: None, django_db_blocker: Any, settings: Any
) -> Iterator[BaseDatabaseWrapper]:
    """An empty database on the suite's engine (a file for SQLite, a database for PostgreSQL),
    beside the suite's test database, which this test does not touch (so no django_db mark)."""
    settings.DATABASE_ROUTERS = [f"{__name__}.ToTheMigrationDatabase"]
    with django_db_blocker.unblock():
        yield from _empty_database(tmp_path)


def _empty_database(tmp_path: Path) -> Iterator[BaseDatabaseWrapper]:
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "migrations.sqlite3")
    else:
        settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_migrations"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    connections.settings[ALIAS] = settings_dict
    try:
        yield connections[ALIAS]
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]
        if connection.vendor != "sqlite":
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')


def _migrate(database: BaseDatabaseWrapper, targets: list[tuple[str, str]] | None = None) -> Any:
    """Migrate to `targets` (default: the latest meetings and med migrations, and what they
    depend on) and return the models as they are there."""
    executor = MigrationExecutor(database)
    if targets is None:
        leaves = executor.loader.graph.leaf_nodes()
        targets = [(app, name) for app, name in leaves if app in {"meetings", "med"}]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_cascades_survive_the_move_to_the_med_app(
    empty_database: BaseDatabaseWrapper,
) -> None:
    # The database is as it was before the move: write through the models of that time.
    state = _migrate(empty_database, BEFORE)
    committee = state.get_model("organisation", "Committee").objects.using(ALIAS)
    meeting = state.get_model("meetings", "Meeting").objects.using(ALIAS)
    agenda_item = state.get_model("meetings", "AgendaItem").objects.using(ALIAS)
    main = committee.create(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    sector = committee.create(
        slug="s1", name="Sektor MED 1", kind="med", level="sector", parent=main
    )
    day = future()
    source = agenda_item.create(
        meeting=meeting.create(committee=main, held_on=day),
        committee=main,
        year=day.year,
        number=1,
        order=1,
        title="Punkt",
    )
    copy = agenda_item.create(
        meeting=meeting.create(committee=sector, held_on=day),
        committee=sector,
        year=day.year,
        number=1,
        order=1,
        title="Kopi",
    )
    kept = (
        state.get_model("meetings", "Cascade")
        .objects.using(ALIAS)
        .create(
            source_item_id=source.pk,
            target_committee_id=sector.pk,
            target_item_id=copy.pk,
            status="acknowledged",
            message="Besked",
            comment="Kvitteret – æøå",
        )
    )

    state = _migrate(empty_database)

    cascade = state.get_model("med", "Cascade")
    moved = cascade.objects.using(ALIAS).get(pk=kept.pk)
    assert moved.status == CascadeStatus.ACKNOWLEDGED
    assert (moved.source_item_id, moved.target_item_id) == (source.pk, copy.pk)
    assert moved.comment == "Kvitteret – æøå"
    assert moved.due_on is None
    assert cascade._meta.db_table == Cascade._meta.db_table == "med_cascade"
    tables = empty_database.introspection.table_names()
    assert "med_cascade" in tables
    assert "meetings_cascade" not in tables
