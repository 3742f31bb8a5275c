"""What the health endpoints and the operations page report.

- liveness: the process answers (no database);
- readiness: the database answers and every migration is applied — what a load balancer asks;
  a stopped worker never makes the site unready;
- the worker and queue status, for monitoring and for staff: heartbeats, queue depth, the oldest
  waiting task, running tasks and the tasks that failed in the last 24 hours."""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from dialogportal.core.leases import database_now
from dialogportal.core.models import WorkerHeartbeat

# Set once every migration was found applied: the code of a running process does not change, so
# the (costly) migration plan is computed only until it is empty.
_migrations_applied = False


@dataclass(frozen=True)
class Readiness:
    database_ok: bool
    migrations_ok: bool
    error: str = ""

    @property
    def is_ready(self) -> bool:
        return self.database_ok and self.migrations_ok


def check_readiness() -> Readiness:
    global _migrations_applied  # a per-process cache of a fact that only turns true
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_applied:
            executor = MigrationExecutor(connection)
            _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return Readiness(database_ok=False, migrations_ok=False, error=type(exc).__name__)
    return Readiness(database_ok=True, migrations_ok=_migrations_applied)


@dataclass(frozen=True)
class WorkerState:
    worker_id: str
    hostname: str
    pid: int
    started_at: datetime
    last_seen_at: datetime
    age_seconds: float
    state: str  # "alive", "stale" or "stopped"
    current_task: str
    current_task_seconds: float | None


@dataclass(frozen=True)
class FailedTask:
    task_id: str
    task_name: str
    finished_at: datetime | None
    attempts: int
    error: str


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


@dataclass(frozen=True)
class QueueStatus:
    measured_at: datetime
    workers: list[WorkerState]
    waiting: int
    deferred: int
    running: int
    oldest_waiting_seconds: float | None
    failed_last_24h: int
    recent_failures: list[FailedTask]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def live_workers(self) -> int:
        return sum(worker.state == "alive" for worker in self.workers)

    @property
    def newest_heartbeat_age_seconds(self) -> float | None:
        ages = [w.age_seconds for w in self.workers if w.state != "stopped"]
        return min(ages) if ages else None

    @property
    def is_ok(self) -> bool:
        return not self.problems


def _seconds(delta: timedelta) -> float:
    return max(0.0, delta.total_seconds())


def _short_name(task_path: str) -> str:
    # "dialogportal.moderation.tasks.screen_input" -> "moderation.screen_input"
    parts = task_path.split(".")
    if len(parts) >= 4 and parts[0] == "dialogportal":
        return f"{parts[1]}.{parts[-1]}"
    return task_path


def _last_line(traceback: str) -> str:
    lines = [line for line in traceback.strip().splitlines() if line.strip()]
    return lines[-1][:500] if lines else ""


def queue_status(*, failures_shown: int = 20) -> QueueStatus:
    now = database_now()
    stale = timedelta(seconds=settings.WORKER_STALE_AFTER_SECONDS)
    workers = []
    for beat in WorkerHeartbeat.objects.order_by("-last_seen_at")[:50]:
        age = now - beat.last_seen_at
        state = "stopped" if beat.stopped_at else ("alive" if age <= stale else "stale")
        workers.append(
            WorkerState(
                worker_id=beat.worker_id,
                hostname=beat.hostname,
                pid=beat.pid,
                started_at=beat.started_at,
                last_seen_at=beat.last_seen_at,
                age_seconds=_seconds(age),
                state=state,
                current_task=_short_name(beat.current_task_name) if state == "alive" else "",
                current_task_seconds=_seconds(now - beat.current_task_since)
                if state == "alive" and beat.current_task_since and beat.current_task_id
                else None,
            )
        )
    never = get_date_max()
    due = Q(run_after=never) | Q(run_after__lte=now)
    counts = DBTaskResult.objects.aggregate(
        waiting=Count("pk", filter=Q(status=TaskResultStatus.READY) & due),
        deferred=Count("pk", filter=Q(status=TaskResultStatus.READY) & ~due),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count(
            "pk",
            filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - timedelta(days=1)),
        ),
        oldest_enqueued=Min(
            "enqueued_at", filter=Q(status=TaskResultStatus.READY, run_after=never)
        ),
        oldest_due=Min(
            "run_after",
            filter=Q(status=TaskResultStatus.READY, run_after__lte=now) & ~Q(run_after=never),
        ),
    )
    since = [t for t in (counts["oldest_enqueued"], counts["oldest_due"]) if t is not None]
    oldest = _seconds(now - min(since)) if since else None
    failures = [
        FailedTask(
            task_id=str(row.pk),
            task_name=_short_name(row.task_path),
            finished_at=row.finished_at,
            attempts=len(row.worker_ids),
            error=_last_line(row.traceback),
        )
        for row in DBTaskResult.objects.failed()
        .filter(finished_at__gte=now - timedelta(days=1))
        .order_by("-finished_at")
        .only("id", "task_path", "finished_at", "worker_ids", "traceback")[:failures_shown]
    ]
    status = QueueStatus(
        measured_at=now,
        workers=workers,
        waiting=counts["waiting"],
        deferred=counts["deferred"],
        running=counts["running"],
        oldest_waiting_seconds=oldest,
        failed_last_24h=counts["failed"],
        recent_failures=failures,
    )
    problems, warnings = _judge(status)
    return replace(status, problems=problems, warnings=warnings)


def _judge(status: QueueStatus) -> tuple[list[Problem], list[Problem]]:
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if status.live_workers == 0:
        age = status.newest_heartbeat_age_seconds
        problems.append(
            Problem(
                "no_live_worker",
                _("Ingen arbejdsproces kører: ingen har givet livstegn.")
                if age is None
                else _("Ingen arbejdsproces har givet livstegn i %(seconds)s sekunder.")
                % {"seconds": round(age)},
            )
        )
    limit = settings.WORKER_QUEUE_ALERT_SECONDS
    if status.oldest_waiting_seconds is not None and status.oldest_waiting_seconds > limit:
        problems.append(
            Problem(
                "queue_stalled",
                _("Den ældste ventende opgave har ventet i %(minutes)s minutter.")
                % {"minutes": round(status.oldest_waiting_seconds / 60)},
            )
        )
    if status.failed_last_24h:
        warnings.append(
            Problem(
                "failed_tasks",
                ngettext(
                    "%(count)s opgave er fejlet det seneste døgn.",
                    "%(count)s opgaver er fejlet det seneste døgn.",
                    status.failed_last_24h,
                )
                % {"count": status.failed_last_24h},
            )
        )
    return problems, warnings
