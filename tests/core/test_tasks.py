from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dialogportal.core.models import ScheduledRun, WorkerHeartbeat
from dialogportal.core.scheduling import enqueue_due_scheduled_tasks
from dialogportal.core.tasks import ping, prune_task_results

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_task_is_enqueued_run_by_the_worker_and_its_result_stored() -> None:
    result = ping.enqueue("hej fra testen")
    assert result.status == TaskResultStatus.READY
    call_command("run_worker", "--batch", "--interval", "0")
    finished = ping.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value is not None
    assert finished.return_value["message"] == "hej fra testen"
    assert WorkerHeartbeat.objects.count() == 1


def test_scheduled_tasks_are_enqueued_once_per_period(settings) -> None:
    settings.SCHEDULED_TASKS = {
        "ping": {"task": "dialogportal.core.tasks.ping", "every_seconds": 3600}
    }
    assert enqueue_due_scheduled_tasks() == ["ping"]
    assert enqueue_due_scheduled_tasks() == []
    assert ScheduledRun.objects.count() == 1


def test_a_clock_jump_forward_enqueues_the_new_period_once_and_back_enqueues_nothing(
    settings,
) -> None:
    settings.SCHEDULED_TASKS = {
        "ping": {"task": "dialogportal.core.tasks.ping", "every_seconds": 3600}
    }
    now = timezone.now()
    assert enqueue_due_scheduled_tasks(now=now) == ["ping"]
    assert enqueue_due_scheduled_tasks(now=now + timedelta(hours=5)) == ["ping"]
    assert enqueue_due_scheduled_tasks(now=now + timedelta(hours=5)) == []
    assert enqueue_due_scheduled_tasks(now=now - timedelta(hours=3)) == []
    assert enqueue_due_scheduled_tasks(now=now + timedelta(hours=1)) == []
    assert ScheduledRun.objects.count() == 2


def test_old_finished_task_rows_are_pruned_and_a_second_prune_changes_nothing() -> None:
    old = ping.enqueue()
    fresh = ping.enqueue()
    DBTaskResult.objects.filter(pk=old.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=30)
    )
    DBTaskResult.objects.filter(pk=fresh.id).update(status="SUCCESSFUL", finished_at=timezone.now())
    prune_task_results.call()
    prune_task_results.call()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [
        DBTaskResult.objects.get(pk=fresh.id).pk
    ]
