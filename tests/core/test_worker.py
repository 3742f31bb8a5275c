"""Tasks survive their worker: real `run_worker` processes are killed with SIGKILL mid-task, and
a new worker finishes the work (docs/decisions/0003-task-leases.md)."""

from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dialogportal.accounts.models import Role
from dialogportal.analysis.models import AnalysisRun, InputVector, RunStatus, Theme
from dialogportal.analysis.services import start_analysis_run
from tests.analysis.builders import add_input, make_analysable_process, staff
from tests.core.real_workers import wait_for, workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SLOW_BACKEND = {
    "ANALYSIS_EMBEDDING_BACKEND": "import:tests.core.slow_embeddings.SlowEmbeddings",
    "SLOW_EMBEDDINGS_SECONDS": "2",
}


def _task_row(task_path_end: str) -> DBTaskResult:
    return DBTaskResult.objects.get(task_path__endswith=task_path_end)


def _run_step(run: AnalysisRun) -> str:
    run.refresh_from_db()
    return run.step


def test_a_worker_killed_mid_analysis_leaves_the_run_to_a_new_worker_that_finishes_it(
    tmp_path: Path,
) -> None:
    process = make_analysable_process()
    run = start_analysis_run(process=process, acting_user=staff(Role.PROCESS_MANAGER, "pm"))
    with workers(tmp_path, **SLOW_BACKEND) as start:
        first = start("first")
        wait_for(lambda: _run_step(run).startswith("embeddings"), what="the embedding step")
        first.kill()

        run.refresh_from_db()
        assert run.status == RunStatus.RUNNING  # what an operator saw before: "Kører 5 %"
        row = _task_row("run_analysis")
        assert row.status == TaskResultStatus.RUNNING
        assert row.worker_ids == ["first"]

        second = start("second")
        wait_for(
            lambda: AnalysisRun.objects.get(pk=run.pk).status == RunStatus.DONE,
            timeout=90,
            what="the run to finish on the second worker",
        )
    run.refresh_from_db()
    assert run.progress == 100
    assert Theme.objects.filter(run=run).exists()
    row = _task_row("run_analysis")
    assert row.status == TaskResultStatus.SUCCESSFUL, second.output()
    assert row.worker_ids == ["first", "second"]  # the same task row, called again


def test_vectors_stored_before_the_kill_are_reused_by_the_next_attempt(tmp_path: Path) -> None:
    process = make_analysable_process()
    user = staff(Role.PROCESS_MANAGER, "pm")
    area = process.focus_areas.first()
    for number in range(300):  # two embedding chunks of 256
        add_input(process=process, focus_area=area, text=f"Flere cykelstier, forslag {number}.", acting_user=user)
    run = start_analysis_run(process=process, acting_user=user)
    with workers(tmp_path, **SLOW_BACKEND) as start:
        first = start("first")
        wait_for(lambda: _run_step(run) == "embeddings:256", what="the second embedding chunk")
        first.kill()
        stored_before = InputVector.objects.count()
        assert stored_before == 256
        start("second")
        wait_for(
            lambda: AnalysisRun.objects.get(pk=run.pk).status == RunStatus.DONE,
            timeout=90,
            what="the run to finish",
        )
    assert InputVector.objects.count() == process.inputs.count()
    assert _task_row("run_analysis").worker_ids == ["first", "second"]
