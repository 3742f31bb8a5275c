"""Tasks survive their worker: heartbeats, leases and the sweep that takes abandoned tasks back.

django-tasks-db marks a claimed task RUNNING and appends the worker's id to `worker_ids` (so
`len(worker_ids)` is the attempt number, as django-tasks' `TaskResult.attempts` says); it has no
way to notice that the worker died (upstream: django-tasks-db issue #5). This module adds it:

- every worker writes a heartbeat row (`WorkerHeartbeat`) with the database server's clock;
- a RUNNING task whose worker has not beaten for `WORKER_STALE_AFTER_SECONDS` — or whose
  worker's process is provably gone from this machine — is *abandoned*: `reclaim_abandoned_tasks`
  returns it to READY, to be called again with the same arguments, until it has had
  `TASK_MAX_ATTEMPTS` attempts; then it ends FAILED with a `WorkerLostError` that staff see;
- the claim is a lease: a worker records its task's outcome only while the row is still its
  claim (`finish_claim`: RUNNING and the `started_at` its claim wrote), so a worker that was
  given up on (paused, cut off from the database) cannot overwrite what a later attempt did.

Every task must therefore be safe to run again (docs/decisions/0003-task-leases.md)."""

import logging
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from traceback import format_exception
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks.exceptions import InvalidTaskBackendError
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from dialogportal.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# django-tasks-db's row of a task (generic in the task's parameters and return type).
TaskRow = DBTaskResult[..., Any]

# Errors that say the database could not be reached or the connection broke (a restart, a
# failover, "database is locked" on SQLite): the work is retried, it did not fail.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class WorkerLostError(Exception):
    """The worker running a task stopped (killed, crashed, cut off) before the task finished."""


@dataclass(frozen=True)
class Claim:
    """What a worker holds while it runs a task: the row, and the `started_at` its claim wrote."""

    task_id: str
    started_at: datetime | None
    attempt: int


def max_attempts() -> int:
    return max(1, int(settings.TASK_MAX_ATTEMPTS))


def stale_after() -> timedelta:
    return timedelta(seconds=int(settings.WORKER_STALE_AFTER_SECONDS))


def database_now() -> datetime:
    """The database server's clock: the one clock every worker and web process shares."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT STRFTIME('%Y-%m-%d %H:%M:%f', 'now')")
            value = datetime.fromisoformat(cursor.fetchone()[0]).replace(tzinfo=UTC)
        else:
            cursor.execute("SELECT CURRENT_TIMESTAMP")
            value = cursor.fetchone()[0]
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


# --- heartbeats ----------------------------------------------------------------------------


def process_key() -> str:
    """Who this process is on this machine: boot id, pid namespace, pid and start time. Two
    workers with equal keys up to the pid share a process table, so one can see the other's
    process is gone. Empty where /proc is missing (then only the lease timeout applies)."""
    try:
        boot_id = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = str(Path("/proc/self/ns/pid").readlink())
        start = _start_time(os.getpid())
    except OSError:
        return ""
    if start is None:
        return ""
    return f"{boot_id}/{namespace}/{os.getpid()}/{start}"


def _start_time(pid: int) -> str | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # Field 22 (starttime) is the 20th after the command's closing parenthesis; a zombie has
    # exited already.
    return None if fields[0] == "Z" else fields[19]


def is_gone_from_this_machine(key: str) -> bool:
    """True only when `key` names a process in our process table that no longer runs (or whose
    pid now belongs to another process). False when it cannot be told."""
    mine = process_key()
    if not key or not mine:
        return False
    boot, namespace, pid, start = key.rsplit("/", 3)
    my_boot, my_namespace, _my_pid, _my_start = mine.rsplit("/", 3)
    if (boot, namespace) != (my_boot, my_namespace):
        return False
    return _start_time(int(pid)) != start


def record_heartbeat(
    *,
    worker_id: str,
    started_at: datetime,
    claim: Claim | None = None,
    task_name: str = "",
    key: str | None = None,
) -> None:
    """Record that the worker `worker_id` is alive now (database clock), and what it runs."""
    fields: dict[str, Any] = {
        "hostname": socket.gethostname()[:255],
        "pid": os.getpid(),
        "process_key": process_key() if key is None else key,
        "started_at": started_at,
        "last_seen_at": Now(),
        "current_task_id": claim.task_id if claim else "",
        "current_task_name": task_name[:200] if claim else "",
        "current_task_since": claim.started_at if claim else None,
        "stopped_at": None,
    }
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(**fields):
        WorkerHeartbeat.objects.create(worker_id=worker_id, **fields)


def record_stopped(*, worker_id: str) -> None:
    """The worker stopped cleanly: it is no longer expected to beat."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        stopped_at=Now(), current_task_id="", current_task_name="", current_task_since=None
    )


# --- leases --------------------------------------------------------------------------------


def claim_of(row: "TaskRow") -> Claim:
    return Claim(task_id=str(row.pk), started_at=row.started_at, attempt=len(row.worker_ids))


def _claimed(claim: Claim) -> Any:
    return DBTaskResult.objects.filter(
        pk=claim.task_id, status=TaskResultStatus.RUNNING, started_at=claim.started_at
    )


def finish_claim(
    claim: Claim, *, return_value: Any = None, error: BaseException | None = None
) -> bool:
    """Record the outcome of a claimed task: SUCCESSFUL with `return_value`, or FAILED with
    `error`. Returns False (and writes nothing) when the row is no longer this claim."""
    now = timezone.now()
    if error is None:
        fields: dict[str, Any] = {
            "status": TaskResultStatus.SUCCESSFUL,
            "return_value": return_value,
            "exception_class_path": "",
            "traceback": "",
        }
    else:
        fields = {
            "status": TaskResultStatus.FAILED,
            "return_value": None,
            "exception_class_path": f"{type(error).__module__}.{type(error).__qualname__}",
            "traceback": "".join(format_exception(error)),
        }
    written = bool(_claimed(claim).update(finished_at=now, **fields))
    if not written:
        logger.warning(
            "task %s: outcome not recorded, its claim was taken back meanwhile", claim.task_id
        )
    return written


def give_back(claim: Claim, *, reason: str) -> str | None:
    """Return a claimed task to the queue (or fail it when its attempts are used up) because its
    run was cut short by something other than the task: a lost database connection, a stop.
    Returns the new status, or None when the row was no longer this claim."""
    with transaction.atomic():
        row = _claimed(claim).select_for_update().first()
        if row is None:
            return None
        return _abandon(row, reason=reason)


@dataclass(frozen=True)
class Reclaimed:
    task_id: str
    task_path: str
    worker_id: str
    status: str


def reclaim_abandoned_tasks(*, trust_leases: bool = True) -> list[Reclaimed]:
    """Take back every RUNNING task whose worker is gone: its process is provably gone from this
    machine, or (with `trust_leases`) it has not beaten for WORKER_STALE_AFTER_SECONDS by the
    database's clock, or it stopped cleanly without finishing the task. Each goes back to READY,
    or to FAILED once it has had TASK_MAX_ATTEMPTS attempts."""
    reclaimed: list[Reclaimed] = []
    with transaction.atomic():
        threshold = database_now() - stale_after()
        beats = {
            beat.worker_id: beat
            for beat in WorkerHeartbeat.objects.only(
                "worker_id", "process_key", "last_seen_at", "stopped_at"
            )
        }
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for row in running.order_by("started_at"):
            owner = row.worker_ids[-1] if row.worker_ids else ""
            beat = beats.get(owner)
            reason = _why_abandoned(row, beat, threshold, trust_leases=trust_leases)
            if reason is None:
                continue
            status = _abandon(row, reason=reason)
            reclaimed.append(Reclaimed(str(row.pk), row.task_path, owner, status))
    for item in reclaimed:
        logger.warning(
            "task %s (%s) of worker %s taken back: now %s",
            item.task_id,
            item.task_path,
            item.worker_id,
            item.status,
        )
    return reclaimed


def release_tasks_of(*, worker_id: str, reason: str) -> int:
    """Give back every task still RUNNING under `worker_id`: called by that very worker when its
    loop starts again (after a lost database connection), when it cannot be running any."""
    count = 0
    with transaction.atomic():
        for row in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            if row.worker_ids and row.worker_ids[-1] == worker_id:
                _abandon(row, reason=reason)
                count += 1
    return count


def _why_abandoned(
    row: "TaskRow",
    beat: WorkerHeartbeat | None,
    threshold: datetime,
    *,
    trust_leases: bool,
) -> str | None:
    if beat is None:
        # Claimed by a worker that never beat (a plain `db_worker`): only the age of the claim
        # can tell, and that was written with the claiming worker's clock.
        if trust_leases and row.started_at is not None and row.started_at < threshold:
            return "the worker that claimed it never sent a heartbeat"
        return None
    if is_gone_from_this_machine(beat.process_key):
        return f"the worker's process (pid {beat.process_key.rsplit('/', 2)[1]}) is gone"
    if beat.stopped_at is not None:
        return "the worker stopped before the task finished"
    if trust_leases and beat.last_seen_at < threshold:
        return f"no heartbeat from the worker since {beat.last_seen_at:%Y-%m-%d %H:%M:%S} UTC"
    return None


def _abandon(row: "TaskRow", *, reason: str) -> str:
    """READY again, or FAILED when the attempts are used up (the row is locked by the caller)."""
    owner = row.worker_ids[-1] if row.worker_ids else "?"
    attempts = len(row.worker_ids)
    if attempts < max_attempts():
        DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.READY)
        return TaskResultStatus.READY
    error = WorkerLostError(
        f"Attempt {attempts} of {max_attempts()} did not finish: {reason} "
        f"(worker {owner}). The task is not tried again."
    )
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        return_value=None,
        exception_class_path=f"{WorkerLostError.__module__}.{WorkerLostError.__qualname__}",
        traceback="".join(format_exception(error)),
    )
    row.refresh_from_db()
    transaction.on_commit(lambda: _announce_failure(row))
    return TaskResultStatus.FAILED


def _announce_failure(row: "TaskRow") -> None:
    """Send django-tasks' `task_finished` for a task given up on, as the library's worker does
    for a task that raised: listeners (an app that shows its run as failed) hear of both."""
    try:
        result = row.task_result
        backend = task_backends[row.backend_name]
    except (ImportError, SuspiciousOperation, InvalidTaskBackendError):
        logger.exception("task %s failed; its task can no longer be loaded", row.pk)
        return
    task_finished.send(sender=type(backend), task_result=result)
