"""Every write to meetings: planning, items, the minutes' lifecycle, approval and corrections,
and private calendar addresses. One module per part; everything public is importable from here.
(Passing items down the MED hierarchy is the `med` app's, see `meetings.events`.)"""

from dialogportal.meetings.services.common import MinutesLockedError
from dialogportal.meetings.services.items import (
    ItemContent,
    NewAttachment,
    NewSection,
    add_attachment,
    add_item,
    apply_journal_number,
    record_decision,
    remove_attachment,
    sections_of,
    update_attachment,
    update_item,
    update_item_content,
)
from dialogportal.meetings.services.meetings import (
    DEFAULT_MED_TEMPLATE,
    DEFAULT_POLITICAL_TEMPLATE,
    plan_meeting,
    renew_calendar_token,
    set_meeting_status,
    update_meeting_details,
)
from dialogportal.meetings.services.minutes import (
    approve_minutes,
    correct_minutes,
    freeze_minutes,
)

__all__ = [
    "DEFAULT_MED_TEMPLATE",
    "DEFAULT_POLITICAL_TEMPLATE",
    "ItemContent",
    "MinutesLockedError",
    "NewAttachment",
    "NewSection",
    "add_attachment",
    "add_item",
    "apply_journal_number",
    "approve_minutes",
    "correct_minutes",
    "freeze_minutes",
    "plan_meeting",
    "record_decision",
    "remove_attachment",
    "renew_calendar_token",
    "sections_of",
    "set_meeting_status",
    "update_attachment",
    "update_item",
    "update_item_content",
    "update_meeting_details",
]
