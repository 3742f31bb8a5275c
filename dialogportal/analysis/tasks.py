"""Background tasks of the analysis. Each takes ids and is safe to run again (the queue
re-runs a task whose worker died): the bodies are in `execution` and `vectors`."""

import time

from django_tasks import task

from dialogportal.analysis.execution import execute_analysis_run
from dialogportal.analysis.vectors import compute_missing_vectors, configured_backend
from dialogportal.processes.models import Process
from dialogportal.textanalysis.backends import BackendUnavailableError

# The scheduled task stops after this long; the next tick continues (a tick never piles up
# behind a long one, and a 2,000-input process is embedded over a few ticks).
EMBED_BUDGET_SECONDS = 240.0


@task()
def run_analysis(run_id: int) -> str:
    """Do a queued analysis run; a finished run is left alone, an interrupted one restarts."""
    run = execute_analysis_run(run_id=run_id)
    return "missing" if run is None else str(run.status)


@task()
def compute_input_vectors(process_id: int) -> int:
    """Embed the process's inputs that have no vector yet for the configured backend."""
    process = Process.objects.filter(pk=process_id).first()
    if process is None:
        return 0
    return compute_missing_vectors(process=process, budget_seconds=EMBED_BUDGET_SECONDS)


@task()
def compute_all_input_vectors() -> int:
    """The scheduled form: vectors for new inputs of every process, in the worker, within a
    time budget (nothing without a backend, or when the model cannot load)."""
    try:
        backend = configured_backend()
    except BackendUnavailableError:
        return 0
    if backend is None:
        return 0
    deadline = time.monotonic() + EMBED_BUDGET_SECONDS
    done = 0
    for process in Process.objects.order_by("-pk"):  # newest processes first
        left = deadline - time.monotonic()
        if left <= 0:
            break
        done += compute_missing_vectors(process=process, backend=backend, budget_seconds=left)
    return done
