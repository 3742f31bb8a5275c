"""Several workers on one queue: two real worker processes share 1,000 tasks and none runs
twice (on PostgreSQL, SELECT … FOR UPDATE SKIP LOCKED; on SQLite, an exclusive transaction)."""

from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dialogportal.core.models import WorkerHeartbeat
from tests.core.crash_tasks import note_run
from tests.core.real_workers import wait_for, workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

TASKS = 1000


def test_two_workers_share_a_thousand_tasks_and_none_runs_twice(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    with workers(tmp_path) as start:
        start("one")
        start("two")
        wait_for(lambda: WorkerHeartbeat.objects.count() == 2, what="both workers")
        with transaction.atomic():  # both see all 1,000 at once and race for them
            for number in range(TASKS):
                note_run.enqueue(number, str(ledger))
        wait_for(
            lambda: (
                DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == TASKS
            ),
            timeout=600,
            every=0.5,
            what="every task to finish",
        )
    runs = Counter(int(line) for path in ledger.iterdir() for line in path.read_text().splitlines())
    assert sorted(runs) == list(range(TASKS))  # every task ran …
    assert max(runs.values()) == 1  # … exactly once
    claims = Counter(
        worker
        for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
        for worker in ids
    )
    assert sum(claims.values()) == TASKS  # one claim per task
    assert set(claims) == {"one", "two"}, (connection.vendor, claims)  # both took a share
