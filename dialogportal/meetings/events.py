"""What other apps may react to in a meeting's life, without this app importing them.

`settings.MEETING_EVENT_HANDLERS` names, per event, the functions to call (dotted paths, an
explicit list like `SCHEDULED_TASKS`). They run inside the service's transaction, so what they
write stands or falls with the change itself. The MED app places items passed on to a committee
when it plans a meeting, marks them handled when the minutes are approved, moves them on when a
meeting is cancelled, and withdraws the copies of an item that is closed."""

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


class MeetingEvent(StrEnum):
    MEETING_PLANNED = "meeting_planned"  # handler(*, meeting)
    MEETING_CANCELLED = "meeting_cancelled"  # handler(*, meeting)
    MINUTES_APPROVED = "minutes_approved"  # handler(*, meeting, acting_user)
    ITEM_CLOSED = "item_closed"  # handler(*, item, acting_user)


def announce(event: MeetingEvent, **kwargs: Any) -> None:
    """Call every handler named for `event` in settings, in order."""
    handlers: dict[str, list[str]] = settings.MEETING_EVENT_HANDLERS
    for path in handlers.get(event.value, ()):
        import_string(path)(**kwargs)
