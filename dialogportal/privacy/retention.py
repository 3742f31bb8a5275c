"""Retention: from the day a process's personal data is due (`Process.personal_data_due_on`,
the one definition), every app removes its part through its handler; the text and the
statistics stay. Logged as a `RetentionRun` with counts per process and app."""

import logging
from collections import Counter
from datetime import date

from django.db import transaction
from django.utils import timezone

from dialogportal.privacy.handlers import HANDLERS, text_changed
from dialogportal.privacy.models import RetentionRun
from dialogportal.processes.models import Process

logger = logging.getLogger(__name__)

_TOTALS = {
    "inputs_anonymised": "inputs_anonymised",
    "attachments_deleted": "attachments_deleted",
    "hits_removed": "hits_removed",
    "originals_removed": "originals_removed",
    "registrations_anonymised": "registrations_anonymised",
}


@transaction.atomic
def _apply_to_process(process: Process, today: date) -> dict[str, int]:
    processes = Process.objects.filter(pk=process.pk)
    counts: Counter[str] = Counter()
    changed: list[int] = []
    for _name, handler in HANDLERS:
        found, ids = handler.remove_due(processes=processes, today=today)
        counts.update(found)
        changed.extend(ids)
    text_changed(changed)
    return dict(counts)


def apply_retention(*, today: date | None = None) -> RetentionRun:
    """Remove the personal data of every process whose date has come, and log what was removed.
    Idempotent: a second run on the same day removes nothing more and logs zeros. Each process
    is one transaction; files go once it has committed."""
    today = today or timezone.localdate()
    run = RetentionRun.objects.create(started_at=timezone.now(), as_of=today)
    details: list[dict[str, int | str]] = []
    for process in Process.objects.personal_data_due(today).order_by("pk"):
        counts = _apply_to_process(process, today)
        details.append({"process": process.slug, **counts})
        run.processes.add(process)
        logger.info("retention for process %s: %s", process.slug, counts)
    for field, key in _TOTALS.items():
        setattr(run, field, sum(int(entry.get(key, 0)) for entry in details))
    run.files_deleted = run.attachments_deleted
    run.details = details
    run.finished_at = timezone.now()
    run.save()
    return run
