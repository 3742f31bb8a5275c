"""The background worker: django-tasks-db's `Worker`, with a heartbeat thread, leases on the tasks
it runs (`core.leases`), scheduled tasks, and a loop that outlives a database restart."""

import logging
import os
import threading
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks import TaskContext
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker

from dialogportal.core.leases import (
    DATABASE_UNAVAILABLE,
    Claim,
    TaskRow,
    claim_of,
    finish_claim,
    give_back,
    process_key,
    reclaim_abandoned_tasks,
    record_heartbeat,
    release_tasks_of,
)
from dialogportal.core.scheduling import enqueue_due_scheduled_tasks

logger = logging.getLogger(__name__)

T = TypeVar("T")

# After a lost connection the worker tries again after 1, 2, 4 … seconds, at most this long.
MAX_RECONNECT_DELAY = 30.0

# The exit status of a worker that gave up a task for running past TASK_TIME_LIMIT_SECONDS
# (EX_TEMPFAIL: its supervisor — the demo, systemd — starts a fresh worker).
EXIT_TASK_TIME_LIMIT = 75


def _reset_broken_connection() -> None:
    try:
        connection.close_if_unusable_or_obsolete()
    except DATABASE_UNAVAILABLE:
        connection.close()


def with_reconnects(action: Callable[[], T], *, tries: int = 5, first_delay: float = 0.5) -> T:
    """Run `action`; on a lost database connection wait (0.5, 1, 2, 4 s) and try again, so a
    database restart of a few seconds does not undo a task that had finished."""
    delay = first_delay
    for attempt in range(1, tries + 1):
        try:
            return action()
        except DATABASE_UNAVAILABLE:
            if attempt == tries:
                raise
            _reset_broken_connection()
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def wait_for_database(*, say: Callable[[str], None]) -> None:
    """Block until the database answers, saying so once per failed try (with the reason) and
    trying again after 1, 2, 4 … 30 seconds: a worker started before its database waits."""
    delay = 1.0
    while True:
        try:
            connection.ensure_connection()
            return
        except DATABASE_UNAVAILABLE as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            say(f"The database does not answer ({reason}); trying again in {delay:.0f} s.")
            _reset_broken_connection()
            time.sleep(delay)
            delay = min(delay * 2, MAX_RECONNECT_DELAY)


class Heartbeat:
    """The worker's second thread: every WORKER_HEARTBEAT_SECONDS it records that the worker
    lives (and which task it runs); a standing worker then also takes back the tasks of dead
    workers and (unless `schedules` is off) enqueues due scheduled tasks.

    Leases of other workers are trusted only after this worker has been connected to the
    database for a whole WORKER_STALE_AFTER_SECONDS (measured on this process's monotonic
    clock): after a database outage, or a fresh start, every other worker gets the time to beat
    again before anyone is called dead.

    A task that runs past TASK_TIME_LIMIT_SECONDS hangs (a stuck connection to a mail server, a
    loop that never ends): Python cannot interrupt the thread that runs it, so this thread gives
    the task back (or fails it, once its attempts are used up) and ends the whole process, and
    the supervisor starts a fresh worker. A live worker never keeps a task for ever."""

    def __init__(
        self, *, worker_id: str, started_at: datetime, standing: bool, schedules: bool = True
    ) -> None:
        self.worker_id = worker_id
        self.started_at = started_at
        self.standing = standing
        self.schedules = schedules and standing
        self.key = process_key()
        self._claim: Claim | None = None
        self._task_name = ""
        self._task_since = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._connected_since: float | None = None
        self._thread = threading.Thread(target=self._loop, name="heartbeat", daemon=True)

    def set_task(self, claim: Claim | None, task_name: str = "") -> None:
        with self._lock:
            self._claim, self._task_name = claim, task_name
            self._task_since = time.monotonic()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def beat(self) -> bool:
        """One beat (and, for a standing worker, the housekeeping); False when it failed."""
        with self._lock:
            claim, task_name = self._claim, self._task_name
        try:
            record_heartbeat(
                worker_id=self.worker_id,
                started_at=self.started_at,
                claim=claim,
                task_name=task_name,
                key=self.key,
            )
        except DATABASE_UNAVAILABLE as exc:
            self._connected_since = None
            logger.warning("heartbeat failed, the database is unavailable: %s", exc)
            _reset_broken_connection()
            return False
        except Exception:
            logger.exception("heartbeat failed")  # a missed beat must never kill the worker
            return False
        now = time.monotonic()
        if self._connected_since is None:
            self._connected_since = now
        if self.standing:
            self._housekeeping(
                trust_leases=now - self._connected_since >= settings.WORKER_STALE_AFTER_SECONDS
            )
        return True

    def _housekeeping(self, *, trust_leases: bool) -> None:
        try:
            if self.schedules:
                enqueue_due_scheduled_tasks()
            reclaim_abandoned_tasks(trust_leases=trust_leases)
        except DATABASE_UNAVAILABLE as exc:
            self._connected_since = None
            logger.warning("housekeeping skipped, the database is unavailable: %s", exc)
            _reset_broken_connection()
        except Exception:
            logger.exception("housekeeping failed")

    def overdue_task(self) -> tuple[Claim, str] | None:
        """The task this worker runs when it has run past TASK_TIME_LIMIT_SECONDS."""
        with self._lock:
            claim, name, since = self._claim, self._task_name, self._task_since
        if claim is None or time.monotonic() - since <= settings.TASK_TIME_LIMIT_SECONDS:
            return None
        return claim, name

    def _give_up_overdue_task(self, claim: Claim, task_name: str) -> None:
        limit = settings.TASK_TIME_LIMIT_SECONDS
        logger.error(
            "task %s (%s) ran longer than %s s; this worker gives it back and exits",
            claim.task_id,
            task_name,
            limit,
        )
        try:
            give_back(claim, reason=f"it ran longer than TASK_TIME_LIMIT_SECONDS ({limit} s)")
        except Exception:
            # The hung task may hold the database (SQLite's write lock): the next worker on this
            # machine takes the task back anyway, because this process is gone.
            logger.exception("could not give back task %s", claim.task_id)
        connection.close()
        logging.shutdown()
        os._exit(EXIT_TASK_TIME_LIMIT)

    def _loop(self) -> None:
        try:
            while not self._stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
                close_old_connections()
                self.beat()
                overdue = self.overdue_task()
                if overdue is not None:
                    self._give_up_overdue_task(*overdue)
        finally:
            connection.close()


class ReliableWorker(Worker):
    """django-tasks-db's worker loop (claiming with SELECT … FOR UPDATE SKIP LOCKED), with

    - a task's outcome recorded only while the worker still holds its claim (`finish_claim`);
    - a task cut short by a lost database connection or a stop given back to the queue instead
      of being marked failed (it did not fail: its run was interrupted);
    - the loop started again after a lost database connection, instead of the process dying,
      after giving back whatever it still held."""

    def __init__(self, *, heartbeat: Heartbeat, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heartbeat = heartbeat

    def run(self) -> None:
        delay = 1.0
        while True:
            try:
                released = release_tasks_of(
                    worker_id=self.worker_id, reason="its worker lost the database connection"
                )
                if released:
                    logger.warning("gave back %s task(s) interrupted by the outage", released)
                delay = 1.0
                super().run()
                return
            except DATABASE_UNAVAILABLE as exc:
                if not self.running:
                    return
                logger.warning(
                    "the database is unavailable (%s); the worker tries again in %.0f s",
                    str(exc).strip() or type(exc).__name__,
                    delay,
                )
                _reset_broken_connection()
                time.sleep(delay)
                delay = min(delay * 2, MAX_RECONNECT_DELAY)

    def run_task(self, db_task_result: "TaskRow") -> None:
        claim = claim_of(db_task_result)
        self.running_task = True
        self.heartbeat.set_task(claim, db_task_result.task_path)
        try:
            self._run_claimed(db_task_result, claim)
        finally:
            self.heartbeat.set_task(None)
            self.running_task = False
            self._run_tasks += 1

    def _run_claimed(self, row: "TaskRow", claim: Claim) -> None:
        try:
            task = row.task
            result = row.task_result
            sender = type(task.get_backend())
            task_started.send(sender=sender, task_result=result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=result), *result.args, **result.kwargs)
            else:
                value = task.call(*result.args, **result.kwargs)
            recorded = with_reconnects(lambda: finish_claim(claim, return_value=value))
        except (SystemExit, KeyboardInterrupt):
            # A second Ctrl-C / SIGTERM stops the task midway: it goes back to the queue.
            with_reconnects(lambda: give_back(claim, reason="its worker was stopped"), tries=2)
            raise
        except DATABASE_UNAVAILABLE as exc:
            logger.warning("task %s interrupted by a lost database connection: %s", row.pk, exc)
            _reset_broken_connection()
            reason = f"the database went away ({str(exc).strip() or type(exc).__name__})"
            with_reconnects(partial(give_back, claim, reason=reason))
            return
        except Exception as exc:
            recorded = with_reconnects(partial(finish_claim, claim, error=exc))
        if recorded:
            self._announce(row)

    @staticmethod
    def _announce(row: "TaskRow") -> None:
        try:
            row.refresh_from_db()
            result = row.task_result
            sender = type(result.task.get_backend())
        except Exception:
            logger.exception("task %s finished as %s", row.pk, row.status)
            return
        task_finished.send(sender=sender, task_result=result)
