"""Starting, retrying and giving up analysis runs: the enqueue side, imported by the web
process. The worker's side (the text engine, numpy, scipy) is in `analysis.execution`, which
this module never imports; the task that connects them, `analysis.tasks.run_analysis`, is named
by its path (as `settings.SCHEDULED_TASKS` names tasks), so that starting the web process does
not load the engine. django-tasks itself imports a task by that path when it stores the row."""

from dataclasses import asdict

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks.base import Task
from django_tasks.exceptions import TaskResultDoesNotExist

from dialogportal.accounts.models import User
from dialogportal.analysis.models import STALE_AFTER, AnalysisRun, RunStatus
from dialogportal.processes.models import Process
from dialogportal.textanalysis import AnalysisParams

RUN_ANALYSIS_TASK = "dialogportal.analysis.tasks.run_analysis"


class AnalysisAlreadyRunningError(Exception):
    """A run of this process is queued or running; a second one is not started."""

    def __init__(self, run: AnalysisRun) -> None:
        super().__init__(_("Der kører allerede en analyse af denne proces."))
        self.run = run


def _task_failed(run: AnalysisRun) -> bool:
    """Whether the queue gave up the run's task (attempts exhausted) or lost it."""
    if not run.task_id:
        return False
    try:
        status = task_backends[DEFAULT_TASK_BACKEND_ALIAS].get_result(run.task_id).status
    except TaskResultDoesNotExist:
        return run.status == RunStatus.QUEUED and run.created_at < timezone.now() - STALE_AFTER
    return bool(status == TaskResultStatus.FAILED)


@transaction.atomic
def fail_lost_runs(*, process: Process) -> int:
    """Mark the process's active runs whose task failed for good, or whose progress has not
    moved for STALE_AFTER (the worker died), as failed; returns how many. Never leaves a run
    "running" forever, and never lets a dead attempt block a new run."""
    now = timezone.now()
    lost = 0
    for run in AnalysisRun.objects.select_for_update().filter(process=process).active():
        if run.updated_at < now - STALE_AFTER:
            message = _("Kørslen stod stille for længe (arbejdsprocessen stoppede).")
        elif _task_failed(run):
            message = _("Baggrundsopgaven fejlede flere gange og blev opgivet.")
        else:
            continue
        AnalysisRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=message, finished_at=now, updated_at=now
        )
        lost += 1
    return lost


# The earlier name; the rule now also covers tasks the queue gave up.
fail_stale_runs = fail_lost_runs


@transaction.atomic
def start_analysis_run(
    *,
    process: Process,
    acting_user: User | None,
    params: AnalysisParams | None = None,
    in_background: bool = True,
) -> AnalysisRun:
    """Queue an analysis of `process`; the worker runs it (or the caller, with
    `in_background=False`). Raises AnalysisAlreadyRunningError when one is queued or running
    already."""
    fail_lost_runs(process=process)
    active = AnalysisRun.objects.filter(process=process).active().first()
    if active is not None:
        raise AnalysisAlreadyRunningError(active)
    params = params or AnalysisParams()
    run = AnalysisRun(process=process, created_by=acting_user, parameters=asdict(params))
    run.full_clean(validate_constraints=False)  # the one-active-run rule is checked below
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError as exc:
        # Another request started a run between the check above and this insert.
        active = AnalysisRun.objects.filter(process=process).active().first()
        if active is None:
            raise
        raise AnalysisAlreadyRunningError(active) from exc
    if in_background:
        run_id = run.pk
        transaction.on_commit(lambda: _enqueue(run_id))
    return run


def _enqueue(run_id: int) -> None:
    task: Task[[int], str] = import_string(RUN_ANALYSIS_TASK)
    result = task.enqueue(run_id)
    AnalysisRun.objects.filter(pk=run_id).update(task_id=str(result.id))


def retry_analysis_run(*, run: AnalysisRun, acting_user: User | None) -> AnalysisRun:
    """ "Prøv igen" on a failed run: a new run with the same parameters."""
    params = AnalysisParams(**run.parameters) if run.parameters else None
    try:
        return start_analysis_run(process=run.process, acting_user=acting_user, params=params)
    except TypeError:  # parameters of an older engine version
        return start_analysis_run(process=run.process, acting_user=acting_user)


def refresh_run_status(*, run: AnalysisRun) -> AnalysisRun:
    """The run as it stands, after marking it failed when its task was given up or its worker
    died (a status page must show "Fejlet – prøv igen", never "Kører" forever)."""
    if run.is_active and fail_lost_runs(process=run.process):
        run.refresh_from_db()
    return run
