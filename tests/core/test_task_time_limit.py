"""A task that hangs while its worker lives is not kept for ever: past TASK_TIME_LIMIT_SECONDS the
worker gives it back (or fails it once its attempts are used up, as here) and exits, for its
supervisor to start a fresh one. (Given back to READY is the same path as a killed worker's task:
tests/core/test_worker.py.)"""

from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dialogportal.core.worker import EXIT_TASK_TIME_LIMIT
from tests.core.crash_tasks import hang
from tests.core.real_workers import workers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
    pytest.mark.worker_crash,
]


def test_a_hung_task_is_given_up_with_the_reason_and_its_worker_exits_for_a_fresh_one(
    tmp_path: Path,
) -> None:
    hang.enqueue()
    with workers(tmp_path, TASK_TIME_LIMIT_SECONDS="2", TASK_MAX_ATTEMPTS="1") as start:
        worker = start("stuck")
        assert worker.process.wait(timeout=120) == EXIT_TASK_TIME_LIMIT, worker.output()
    assert "ran longer than 2 s" in worker.output()
    row = DBTaskResult.objects.get(task_path__endswith="crash_tasks.hang")
    assert row.status == TaskResultStatus.FAILED
    assert row.worker_ids == ["stuck"]
    assert "TASK_TIME_LIMIT_SECONDS (2 s)" in row.traceback
