"""Retention: after a process's date for removing personal data, its contributors become
anonymous and its non-public files disappear; the text and the statistics stay."""

import calendar
import logging
import re
from datetime import date

from django.conf import settings
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from dialogportal.feedback.services import forget_address
from dialogportal.inputs.models import Attachment, Input, ModerationState
from dialogportal.moderation.models import (
    DecisionAction,
    ModerationDecision,
    Report,
    RetentionRun,
    ScreeningHit,
)
from dialogportal.moderation.services.screening import current_hits
from dialogportal.processes.models import Process
from dialogportal.screening import REDACTION, redact

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_MONTHS = 12


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_due_on(process: Process) -> date | None:
    """The date from which the process's personal data is removed: its own date, or by default
    `PERSONAL_DATA_RETENTION_MONTHS` after its last phase ends (None: no phases, no date)."""
    if process.personal_data_removed_on is not None:
        return process.personal_data_removed_on
    last_end = process.phases.aggregate(last=Max("ends_at"))["last"]
    if last_end is None:
        return None
    months = int(getattr(settings, "PERSONAL_DATA_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))
    return _add_months(timezone.localdate(last_end), months)


def _remove_own_details(value: str, details: list[str]) -> tuple[str, int]:
    """Replace the contributor's own name, e-mail and phone where they wrote them in the text."""
    count = 0
    for detail in details:
        pattern = re.compile(re.escape(detail), re.IGNORECASE)
        value, replaced = pattern.subn(REDACTION, value)
        count += replaced
    return value, count


def _anonymise_input(item: Input, *, remove_postcode: bool) -> int:
    own = sorted(
        {value.strip() for value in (item.name, item.email, item.phone) if len(value.strip()) >= 3},
        key=len,
        reverse=True,
    )
    item.title, in_title = _remove_own_details(item.title, own)
    item.text, in_text = _remove_own_details(item.text, own)
    hits = current_hits(item)
    title_hits = [found.hit for found in hits if found.field == "title"]
    text_hits = [found.hit for found in hits if found.field == "text"]
    item.title = redact(item.title, title_hits)[:200]
    item.text = redact(item.text, text_hits)
    state = item.moderation_state
    if item.email:
        forget_address(email=item.email)
    item.name = item.email = item.phone = ""
    item.submitted_ip = None
    item.idempotency_key = ""
    if remove_postcode:
        item.postcode = ""
    item.is_anonymised = True
    # Removing personal data must never be blocked by a form rule, so no full_clean() here.
    item.save()
    ModerationDecision.objects.create(
        input=item,
        actor=None,
        action=DecisionAction.ANONYMISE,
        state_before=state,
        state_after=state,
        decided_at=timezone.now(),
    )
    return in_title + in_text + len(hits)


def _non_public_attachments(process: Process) -> "list[Attachment]":
    return list(
        Attachment.objects.filter(input__process=process).filter(
            Q(is_public=False) | ~Q(input__moderation_state=ModerationState.PUBLISHED)
        )
    )


@transaction.atomic
def _apply_to_process(
    process: Process, *, remove_postcode: bool, files_to_delete: list[tuple[Storage, str]]
) -> dict[str, int | str]:
    counts: dict[str, int | str] = {"process": process.slug}
    anonymised = hits_removed = 0
    pending = Input.objects.filter(process=process, is_anonymised=False).order_by("pk")
    for item in pending.iterator(chunk_size=500):
        hits_removed += _anonymise_input(item, remove_postcode=remove_postcode)
        anonymised += 1
    if remove_postcode:
        Input.objects.filter(process=process).exclude(postcode="").update(postcode="")
    deleted = 0
    for attachment in _non_public_attachments(process):
        if attachment.file:
            files_to_delete.append((attachment.file.storage, attachment.file.name))
        attachment.delete()
        deleted += 1
    originals = ModerationDecision.objects.filter(
        input__process=process, changes_text=True, original_removed=False
    ).update(title_before="", title_after="", text_before="", text_after="", original_removed=True)
    ScreeningHit.objects.filter(
        Q(result__input__process=process) | Q(result__attachment__input__process=process)
    ).delete()
    Report.objects.filter(input__process=process).exclude(comment="").update(comment="")
    counts.update(
        inputs_anonymised=anonymised,
        attachments_deleted=deleted,
        files_deleted=0,
        hits_removed=hits_removed,
        originals_removed=originals,
    )
    return counts


def _delete_files(files: list[tuple[Storage, str]]) -> int:
    deleted = 0
    for storage, name in files:
        try:
            if storage.exists(name):
                storage.delete(name)
                deleted += 1
        except OSError:
            logger.exception("retention could not delete the file %s", name)
    return deleted


def apply_retention(*, today: date | None = None) -> RetentionRun:
    """Remove the personal data of every process whose date has come, and log what was removed.
    Idempotent: a second run on the same day removes nothing more and logs zeros."""
    today = today or timezone.localdate()
    remove_postcode = bool(getattr(settings, "RETENTION_REMOVES_POSTCODE", False))
    run = RetentionRun.objects.create(started_at=timezone.now(), as_of=today)
    details: list[dict[str, int | str]] = []
    for process in Process.objects.order_by("pk"):
        due = retention_due_on(process)
        if due is None or due > today:
            continue
        # Files go only after their rows are gone for good: a rollback must not leave a row
        # that points to a deleted file.
        files: list[tuple[Storage, str]] = []
        counts = _apply_to_process(process, remove_postcode=remove_postcode, files_to_delete=files)
        counts["files_deleted"] = _delete_files(files)
        details.append(counts)
        run.processes.add(process)
        logger.info("retention for process %s: %s", process.slug, counts)
    for key in (
        "inputs_anonymised",
        "attachments_deleted",
        "files_deleted",
        "hits_removed",
        "originals_removed",
    ):
        setattr(run, key, sum(int(entry[key]) for entry in details))
    run.details = details
    run.finished_at = timezone.now()
    run.save()
    return run
