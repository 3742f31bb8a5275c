from django_tasks import task

from dialogportal.analysis.services import (
    compute_missing_vectors,
    configured_backend,
    execute_analysis_run,
)
from dialogportal.processes.models import Process
from dialogportal.textanalysis import BackendUnavailableError


@task()
def run_analysis(run_id: int) -> str:
    """Do a queued analysis run; a run that is finished already is left alone (safe retry)."""
    run = execute_analysis_run(run_id=run_id)
    return "missing" if run is None else str(run.status)


@task()
def compute_input_vectors(process_id: int) -> int:
    """Embed the process's inputs that have no vector yet for the configured backend."""
    process = Process.objects.filter(pk=process_id).first()
    return 0 if process is None else compute_missing_vectors(process=process)


@task()
def compute_all_input_vectors() -> int:
    """The scheduled form: vectors for every process's new inputs (nothing without a backend)."""
    try:
        if configured_backend() is None:
            return 0
    except BackendUnavailableError:
        return 0
    return sum(
        compute_missing_vectors(process=process) for process in Process.objects.order_by("pk")
    )
