"""Task bodies of core (enqueued by `core.scheduling` or by hand)."""

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

# Finished task rows kept this long (failed ones longer: staff may still look at them).
KEEP_SUCCESSFUL_DAYS = 14
KEEP_FAILED_DAYS = 60


@task()
def ping(message: str = "pong") -> dict[str, str]:
    """A task that only answers: proves a worker picks tasks up and stores results."""
    return {"message": message, "answered_at": timezone.now().isoformat()}


@task()
def prune_task_results() -> str:
    """Delete old finished task rows (django-tasks-db's own command); daily, a re-run deletes
    nothing more."""
    call_command(
        "prune_db_task_results",
        min_age_days=KEEP_SUCCESSFUL_DAYS,
        failed_min_age_days=KEEP_FAILED_DAYS,
        verbosity=0,
    )
    return "pruned"
