"""Task bodies of core (enqueued by `core.scheduling` or by hand)."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from dialogportal.core.models import WorkerHeartbeat

# Finished task rows kept this long (failed ones longer: staff may still look at them).
KEEP_SUCCESSFUL_DAYS = 14
KEEP_FAILED_DAYS = 60
KEEP_HEARTBEATS_DAYS = 7


@task()
def ping(message: str = "pong") -> dict[str, str]:
    """A task that only answers: proves a worker picks tasks up and stores results."""
    return {"message": message, "answered_at": timezone.now().isoformat()}


@task()
def prune_task_results() -> str:
    """Delete old finished task rows (django-tasks-db's own command) and the heartbeats of
    workers gone for a week; daily, a re-run deletes nothing more."""
    call_command(
        "prune_db_task_results",
        min_age_days=KEEP_SUCCESSFUL_DAYS,
        failed_min_age_days=KEEP_FAILED_DAYS,
        verbosity=0,
    )
    WorkerHeartbeat.objects.filter(
        last_seen_at__lt=timezone.now() - timedelta(days=KEEP_HEARTBEATS_DAYS)
    ).delete()
    return "pruned"
