"""Recurring work: the worker enqueues each of `settings.SCHEDULED_TASKS` once per period.

This module only enqueues; the task bodies live in each app's `tasks.py`."""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from dialogportal.core.models import ScheduledRun


def enqueue_due_scheduled_tasks(*, now: datetime | None = None) -> list[str]:
    """Enqueue each scheduled task whose current period has no run yet; returns their names.

    A period is a number (seconds since the epoch // the task's interval) stored in a unique row
    with the task's row in one transaction: with many workers a task is enqueued once per period.
    A clock that jumps forward enqueues the new period's run once; one that jumps back enqueues
    nothing until it is past the latest period that ran."""
    now = now or timezone.now()
    enqueued = []
    for name, spec in settings.SCHEDULED_TASKS.items():
        period = int(now.timestamp()) // int(spec["every_seconds"])
        if ScheduledRun.objects.filter(name=name, period__gte=period).exists():
            continue
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
