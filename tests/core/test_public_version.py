"""The public version: every table a public page reads bumps it in the same transaction as the
write (database triggers, on SQLite and PostgreSQL), the tables no public page reads do not,
submissions do not, and a new model cannot slip past the three lists unnoticed."""

from datetime import timedelta

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.utils import timezone

from dialogportal.core.models import PublicVersion, WorkerHeartbeat
from dialogportal.core.public_version import (
    NOT_SHOWN_PUBLICLY,
    SHOWN_PUBLICLY,
    SHOWN_PUBLICLY_WHEN,
    install_triggers,
    installed_triggers,
    public_version,
    stored_models,
    wanted_triggers,
)
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.processes.models import Phase, PhaseKind
from tests.factories import make_input, make_process, publish

# transaction=True: on PostgreSQL the bump runs at commit (deferred triggers).
pytestmark = pytest.mark.django_db(transaction=True)


def _n() -> int:
    return PublicVersion.objects.get(pk=1).n


def test_every_model_is_classified_once_and_every_listed_label_is_a_model() -> None:
    labels = {model._meta.label for model in stored_models()}
    lists = [SHOWN_PUBLICLY, NOT_SHOWN_PUBLICLY, set(SHOWN_PUBLICLY_WHEN)]
    unclassified = labels - set().union(*lists)
    assert not unclassified, (
        f"classify {sorted(unclassified)} in dialogportal/core/public_version.py: does a "
        "public page show it? (until then its writes bump the version: the safe side)"
    )
    assert not set().union(*lists) - labels, "a listed label names no model"
    assert not SHOWN_PUBLICLY & NOT_SHOWN_PUBLICLY
    assert not set(SHOWN_PUBLICLY_WHEN) & (SHOWN_PUBLICLY | NOT_SHOWN_PUBLICLY)


def test_every_table_but_the_unshown_has_its_three_triggers_after_migrate() -> None:
    installed = installed_triggers(connection)
    wanted = wanted_triggers(connection)
    assert {trigger.name for trigger in wanted} == set(installed)
    tables = {trigger.table for trigger in wanted}
    shown = {model._meta.db_table for model in stored_models()} - {
        model._meta.db_table for model in stored_models() if model._meta.label in NOT_SHOWN_PUBLICLY
    }
    assert tables == shown
    assert "core_publicversion" not in tables
    assert all(sum(t.table == table for t in wanted) == 3 for table in tables)


def test_installing_again_changes_nothing() -> None:
    assert install_triggers() == (0, 0)


def test_a_lost_trigger_comes_back_with_the_next_migrate() -> None:
    # SQLite drops a table's triggers when Django rebuilds the table in a migration.
    name, table = next(iter(installed_triggers(connection).items()))
    with connection.cursor() as cursor:
        on_table = f" ON {table}" if connection.vendor == "postgresql" else ""
        cursor.execute(f"DROP TRIGGER {name}{on_table}")
    assert name not in installed_triggers(connection)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert name in installed_triggers(connection)


def test_a_submission_does_not_bump_but_publishing_and_every_moderation_act_do() -> None:
    process = make_process()
    before = _n()
    item = make_input(process, text="Et nyt input, der venter på moderation.")
    assert _n() == before
    publish(item)
    after_publish = _n()
    assert after_publish > before
    Input.objects.filter(pk=item.pk).update(moderation_state=ModerationState.HIDDEN)
    assert _n() > after_publish
    pending = make_input(process, text="Endnu et input, som bliver afvist.")
    rejected_at = _n()
    Input.objects.filter(pk=pending.pk).update(moderation_state=ModerationState.REJECTED)
    assert _n() > rejected_at


def test_a_write_to_a_shown_table_bumps_and_changes_the_token() -> None:
    process = make_process()
    before, token = _n(), PublicVersion.objects.get(pk=1).token
    Phase.objects.create(
        process=process,
        kind=PhaseKind.FEEDBACK,
        title="Tilbagemelding",
        starts_at=timezone.now() + timedelta(days=20),
        ends_at=timezone.now() + timedelta(days=30),
    )
    row = PublicVersion.objects.get(pk=1)
    assert row.n > before
    assert row.token != token
    assert public_version() == f"{row.n}.{row.token}"


def test_the_worker_heartbeat_does_not_bump() -> None:
    before = _n()
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="h", pid=1, started_at=now, last_seen_at=now
    )
    WorkerHeartbeat.objects.filter(worker_id="w1").update(last_seen_at=now + timedelta(seconds=10))
    assert _n() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="deferred triggers: PostgreSQL")
def test_on_postgresql_a_transaction_bumps_once_however_many_rows_it_changes() -> None:
    process = make_process()
    items = [make_input(process, text=f"Input nummer {n} om busser og stier.") for n in range(5)]
    before = _n()
    with transaction.atomic():
        publish(*items)
        Input.objects.filter(pk=items[0].pk).update(title="Ny titel")
        assert _n() == before  # not yet: the bump runs at commit
    assert _n() == before + 1


def test_without_the_row_there_is_no_version_and_a_write_does_not_fail() -> None:
    PublicVersion.objects.all().delete()
    assert public_version() is None
    publish(make_input(make_process(), text="Et input uden versionsrække, tak."))
    assert public_version() is None
