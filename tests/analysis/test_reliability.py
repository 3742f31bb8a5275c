"""The run task is safe to execute again (the queue re-runs a task whose worker died), a run
left "running" by a dead attempt never blocks a new one, and a run whose task the queue gave
up shows "Fejlet – prøv igen" with a way to retry — never "Kører" forever."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dialogportal.accounts.models import Role
from dialogportal.analysis.execution import execute_analysis_run
from dialogportal.analysis.models import AnalysisRun, RunStatus, Theme
from dialogportal.analysis.services import start_analysis_run
from dialogportal.analysis.tasks import run_analysis
from tests.analysis.builders import make_analysable_process, staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_run_task_executed_twice_stores_one_result() -> None:
    process = make_analysable_process()
    run = start_analysis_run(process=process, acting_user=None, in_background=False)
    assert run_analysis.call(run.pk) == RunStatus.DONE
    themes = list(Theme.objects.filter(run=run).values_list("pk", flat=True))
    assert run_analysis.call(run.pk) == RunStatus.DONE  # a retry of a finished run: no-op
    assert list(Theme.objects.filter(run=run).values_list("pk", flat=True)) == themes


def test_a_run_left_running_by_a_dead_attempt_is_restarted_by_the_retried_task() -> None:
    process = make_analysable_process()
    run = start_analysis_run(process=process, acting_user=None, in_background=False)
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, progress=40, step="features", attempts=1
    )
    finished = execute_analysis_run(run_id=run.pk)
    assert finished is not None
    assert finished.status == RunStatus.DONE, finished.error
    assert finished.attempts == 2
    assert Theme.objects.filter(run=run).exists()


def test_a_run_stuck_in_running_never_blocks_a_new_run() -> None:
    process = make_analysable_process()
    stuck = start_analysis_run(process=process, acting_user=None, in_background=False)
    AnalysisRun.objects.filter(pk=stuck.pk).update(
        status=RunStatus.RUNNING, updated_at=timezone.now() - timedelta(hours=1)
    )
    fresh = start_analysis_run(process=process, acting_user=None, in_background=False)
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.FAILED
    assert fresh.pk != stuck.pk


def test_a_run_whose_task_failed_shows_fejlet_and_can_be_retried() -> None:
    process = make_analysable_process()
    run = start_analysis_run(process=process, acting_user=None)  # enqueued on commit
    run.refresh_from_db()
    assert run.task_id
    DBTaskResult.objects.filter(id=run.task_id).update(status=TaskResultStatus.FAILED)
    client = Client()
    client.force_login(staff(Role.PROCESS_MANAGER))
    page = client.get(f"/analyse/{run.pk}/")
    assert "Fejlet – prøv igen" in page.content.decode()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    response = client.post(f"/analyse/{run.pk}/prov-igen/")
    new = AnalysisRun.objects.filter(process=process).order_by("-pk").first()
    assert new is not None
    assert new.pk != run.pk
    assert new.status == RunStatus.QUEUED
    assert response.status_code == 302
    assert response["Location"].endswith(f"/analyse/{new.pk}/")
