import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus

from dialogportal.core.models import ScheduledRun, WorkerHeartbeat
from dialogportal.core.scheduling import enqueue_due_scheduled_tasks
from dialogportal.core.tasks import ping

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
