"""What every write to a meeting respects: approved minutes are locked, text holds no NUL, and
a change to a published document has the worker render its PDFs again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks.base import Task

from dialogportal.meetings.models import Meeting, MeetingStatus

# Enqueued by its path, as settings.SCHEDULED_TASKS names tasks: the task module imports the
# PDF export (the worker's side), which the web process need not load at start.
RENDER_PDFS_TASK = "dialogportal.meetings.tasks.render_meeting_pdfs"


class MinutesLockedError(ValidationError):
    """Approved minutes are immutable; a correction makes a new version."""


def check_not_locked(meeting: Meeting) -> None:
    if meeting.is_locked:
        raise MinutesLockedError(
            _("Referatet er godkendt og kan ikke ændres. Brug en rettelse (ny version).")
        )


def refuse_nul(**texts: str) -> None:
    # PostgreSQL cannot store NUL in text; a clear message beats a database error.
    errors = {
        name: _("Teksten indeholder et ugyldigt tegn (NUL).")
        for name, text in texts.items()
        if "\x00" in text
    }
    if errors:
        raise ValidationError(errors)


def render_pdfs_on_commit(meeting: Meeting) -> None:
    """Have the worker render the meeting's PDFs once the change is committed (see
    `tasks.render_meeting_pdfs`); readers then get them from the cache."""
    meeting_id = meeting.pk
    transaction.on_commit(lambda: _enqueue_render(meeting_id))


def _enqueue_render(meeting_id: int) -> None:
    render_meeting_pdfs: Task[[int], dict[str, object]] = import_string(RENDER_PDFS_TASK)
    render_meeting_pdfs.enqueue(meeting_id)


def render_pdfs_if_published(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.PLANNED:
        render_pdfs_on_commit(meeting)
