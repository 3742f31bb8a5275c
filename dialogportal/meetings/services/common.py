"""What every write to a meeting respects: approved minutes are locked, and a change to a
published document has the worker render its PDFs again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dialogportal.meetings.models import Meeting
from dialogportal.meetings.tasks import render_meeting_pdfs


class MinutesLockedError(ValidationError):
    """Approved minutes are immutable; a correction makes a new version."""


def check_not_locked(meeting: Meeting) -> None:
    if meeting.is_locked:
        raise MinutesLockedError(
            _("Referatet er godkendt og kan ikke ændres. Brug en rettelse (ny version).")
        )


def render_pdfs_on_commit(meeting: Meeting) -> None:
    """Have the worker render the meeting's PDFs once the change is committed (see
    `tasks.render_meeting_pdfs`); readers then get them from the cache."""
    meeting_id = meeting.pk
    transaction.on_commit(lambda: render_meeting_pdfs.enqueue(meeting_id))
