"""Leases on claimed tasks, in one process: what the sweep takes back, how often, and that a
worker given up on can no longer write its outcome."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dialogportal.core.leases import (
    Claim,
    TaskRow,
    claim_of,
    finish_claim,
    process_key,
    reclaim_abandoned_tasks,
    record_heartbeat,
    record_stopped,
    release_tasks_of,
)
from dialogportal.core.models import WorkerHeartbeat
from tests.core.crash_tasks import add

pytestmark = pytest.mark.django_db

DEAD_KEY = "boot/ns/999999/1"  # another machine's process: only the lease can tell


def _claimed_by(worker_id: str, *, attempts_before: int = 0) -> "TaskRow":
    result = add.enqueue(1, 2)
    row = DBTaskResult.objects.get(pk=result.id)
    row.worker_ids = [f"earlier-{n}" for n in range(attempts_before)]
    row.claim(worker_id)  # what django-tasks-db's worker does
    return row


def _beat(worker_id: str, *, seconds_ago: float = 0, key: str = DEAD_KEY) -> None:
    record_heartbeat(worker_id=worker_id, started_at=timezone.now(), key=key)
    if seconds_ago:
        WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
            last_seen_at=timezone.now() - timedelta(seconds=seconds_ago)
        )


def test_a_task_of_a_worker_that_still_beats_is_left_alone() -> None:
    _beat("alive")
    row = _claimed_by("alive")
    assert reclaim_abandoned_tasks() == []
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_task_of_a_silent_worker_goes_back_to_the_queue_with_its_attempt_counted(
    settings,
) -> None:
    _beat("silent", seconds_ago=settings.WORKER_STALE_AFTER_SECONDS + 1)
    row = _claimed_by("silent")
    [reclaimed] = reclaim_abandoned_tasks()
    assert reclaimed.status == TaskResultStatus.READY
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert row.worker_ids == ["silent"]  # the next claim makes it attempt 2
    assert row.task_result.args == [1, 2]  # called again with the same arguments


def test_leases_are_not_judged_until_the_sweeper_has_been_connected_long_enough(
    settings,
) -> None:
    _beat("silent", seconds_ago=settings.WORKER_STALE_AFTER_SECONDS + 1)
    _claimed_by("silent")
    assert reclaim_abandoned_tasks(trust_leases=False) == []


def test_a_task_of_a_worker_whose_process_is_gone_from_this_machine_is_taken_back_at_once() -> None:
    boot, namespace, _pid, _start = process_key().rsplit("/", 3)
    _beat("crashed", key=f"{boot}/{namespace}/4194303/12345")  # no such pid here
    _claimed_by("crashed")
    [reclaimed] = reclaim_abandoned_tasks(trust_leases=False)
    assert reclaimed.status == TaskResultStatus.READY


def test_a_task_of_a_worker_that_stopped_cleanly_without_finishing_it_is_taken_back() -> None:
    _beat("stopped")
    _claimed_by("stopped")
    record_stopped(worker_id="stopped")
    assert [r.status for r in reclaim_abandoned_tasks(trust_leases=False)] == ["READY"]


def test_a_task_whose_attempts_are_used_up_ends_failed_with_the_reason(settings) -> None:
    settings.TASK_MAX_ATTEMPTS = 3
    _beat("silent", seconds_ago=settings.WORKER_STALE_AFTER_SECONDS + 1)
    row = _claimed_by("silent", attempts_before=2)
    [reclaimed] = reclaim_abandoned_tasks()
    assert reclaimed.status == TaskResultStatus.FAILED
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "dialogportal.core.leases.WorkerLostError"
    assert "Attempt 3 of 3" in row.traceback
    assert "no heartbeat from the worker" in row.traceback
    assert row.task_result.errors[0].exception_class_path.endswith("WorkerLostError")


def test_a_worker_given_up_on_cannot_overwrite_what_a_later_attempt_recorded(settings) -> None:
    _beat("paused", seconds_ago=settings.WORKER_STALE_AFTER_SECONDS + 1)
    row = _claimed_by("paused")
    stale_claim = claim_of(row)
    reclaim_abandoned_tasks()
    _beat("second")
    row.refresh_from_db()
    row.claim("second")
    assert finish_claim(claim_of(row), return_value=3) is True
    assert finish_claim(stale_claim, error=RuntimeError("late")) is False
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == 3


def test_an_outcome_is_not_written_to_a_row_that_went_back_to_the_queue(settings) -> None:
    _beat("paused", seconds_ago=settings.WORKER_STALE_AFTER_SECONDS + 1)
    row = _claimed_by("paused")
    claim = claim_of(row)
    reclaim_abandoned_tasks()
    assert finish_claim(claim, return_value=3) is False
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY


def test_a_worker_restarting_its_loop_gives_back_what_it_still_held() -> None:
    _beat("me")
    mine, theirs = _claimed_by("me"), _claimed_by("other")
    assert release_tasks_of(worker_id="me", reason="test") == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def test_a_clock_jump_on_the_workers_machine_does_not_make_a_live_worker_look_dead() -> None:
    _beat("alive")
    row = _claimed_by("alive")
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        _beat("alive")  # written with the database's clock, not the jumped one
        assert reclaim_abandoned_tasks() == []
    with time_machine.travel(timezone.now() - timedelta(days=1), tick=False):
        assert reclaim_abandoned_tasks() == []
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_claim_names_its_attempt() -> None:
    row = _claimed_by("w", attempts_before=1)
    assert claim_of(row) == Claim(task_id=str(row.pk), started_at=row.started_at, attempt=2)
