import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.module_loading import import_string

from dialogportal.core.models import ScheduledRun, WorkerHeartbeat


def record_heartbeat(*, worker_id: str, started_at: datetime) -> None:
    """Record that the worker `worker_id` is alive now."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen_at": now,
        },
    )


def enqueue_due_scheduled_tasks(*, now: datetime | None = None) -> list[str]:
    """Enqueue each scheduled task whose current period has no run yet; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for name, spec in settings.SCHEDULED_TASKS.items():
        period = int(now.timestamp()) // int(spec["every_seconds"])
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=name, period=period)
                result = import_string(str(spec["task"])).enqueue()
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another worker got there first
        enqueued.append(name)
    return enqueued


@dataclass(frozen=True)
class Health:
    database_ok: bool
    migrations_ok: bool
    worker_age_seconds: float | None

    @property
    def worker_ok(self) -> bool:
        return (
            self.worker_age_seconds is not None
            and self.worker_age_seconds <= settings.WORKER_STALE_AFTER_SECONDS
        )

    @property
    def is_healthy(self) -> bool:
        return self.database_ok and self.migrations_ok and self.worker_ok


def check_health() -> Health:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database_ok = True
    except Exception:
        return Health(database_ok=False, migrations_ok=False, worker_age_seconds=None)
    executor = MigrationExecutor(connection)
    migrations_ok = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    newest = WorkerHeartbeat.objects.order_by("-last_seen_at").values_list(
        "last_seen_at", flat=True
    )
    last_seen = newest.first() if migrations_ok else None
    age = (timezone.now() - last_seen) / timedelta(seconds=1) if last_seen else None
    return Health(database_ok=database_ok, migrations_ok=migrations_ok, worker_age_seconds=age)
