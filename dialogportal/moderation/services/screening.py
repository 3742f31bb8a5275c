"""Screening on the enqueue side: what the submission path and a moderator's edit need. The
text of an input is screened here, in the web process; the whole input with its attachments is
screened by the worker (`moderation.execution`, run by the task `moderation.tasks.screen_input`).

Nothing here imports the worker's side: reading attachments needs the document readers (pypdf,
pypdfium2, python-docx), which a web process should not load at start (cold start, issue #20)."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from dialogportal.inputs.models import Input
from dialogportal.moderation.models import HitField, ScreeningHit, ScreeningResult, ScreeningStatus
from dialogportal.screening import Hit, screen_text

# Enqueued by its path, as settings.SCHEDULED_TASKS names tasks: the task module imports the
# worker's side. django-tasks needs the task object to store the row, so the module is imported
# at the first submission a web process takes, not when it starts.
SCREEN_INPUT_TASK = "dialogportal.moderation.tasks.screen_input"


@dataclass(frozen=True)
class FieldHit:
    """A hit in one of an input's own fields (title or text)."""

    field: HitField
    hit: Hit


def current_hits(item: Input) -> list[FieldHit]:
    """What the detectors find in the input's title and text as they are now."""
    found = [FieldHit(HitField.TITLE, hit) for hit in screen_text(item.title)]
    found += [FieldHit(HitField.TEXT, hit) for hit in screen_text(item.text)]
    return found


def queue_screening(*, input_id: int) -> None:
    """Queue the input's screening in the same transaction that stores it.

    `inputs.services.submit_input` calls this for every new input. The task queue is a table in
    the same database, so the task row commits (or rolls back) with the input: no input can be
    stored unscreened by a crash between two commits, and a submission costs one commit, not two.
    The worker cannot see the row before the commit (ADR 0004)."""
    screen_input: Task[[int], dict[str, object]] = import_string(SCREEN_INPUT_TASK)
    screen_input.enqueue(input_id)


def rescreen_text(item: Input) -> ScreeningResult:
    """Screen the input's own fields (title and text) and store what was found, replacing what
    an earlier screening of them stored. Run after every change of the text, and by the worker."""
    hits = current_hits(item)
    result, _ = ScreeningResult.objects.update_or_create(
        input=item,
        defaults={
            "status": ScreeningStatus.OK,
            "needs_manual_check": False,
            "message": "",
            "pages_without_text": [],
            "hit_count": len(hits),
            "screened_at": timezone.now(),
        },
    )
    result.hits.all().delete()
    ScreeningHit.objects.bulk_create(
        ScreeningHit(
            result=result,
            field=found.field,
            kind=found.hit.kind,
            start=found.hit.start,
            end=found.hit.end,
            text=found.hit.text[:200],
        )
        for found in hits
    )
    return result
