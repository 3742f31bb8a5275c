"""Every write to meetings: planning, the agenda's order and numbering, items, the minutes'
lifecycle, approval and corrections, what is recorded at the meeting (votes, protocol notes,
absence), cases and their route (sagsgang), and private calendar addresses. One module per part;
everything public is importable from here. Each service that changes something writes one audit
row (`audit.record`). (Passing items down the MED hierarchy is the `med` app's, see
`meetings.events`.)"""

from dialogportal.meetings.services.agenda import move_item, number_agenda
from dialogportal.meetings.services.attachments import (
    add_attachment,
    remove_attachment,
    update_attachment,
)
from dialogportal.meetings.services.cases import (
    RouteStep,
    forward_item,
    next_step,
    open_case,
    plan_route,
    record_earlier_decision,
)
from dialogportal.meetings.services.common import MinutesLockedError
from dialogportal.meetings.services.content import (
    ItemContent,
    NewAttachment,
    NewSection,
    apply_journal_number,
    sections_of,
)
from dialogportal.meetings.services.editing import update_item
from dialogportal.meetings.services.items import add_item, record_decision, update_item_content
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
    can_sign,
    correct_minutes,
    freeze_minutes,
    signing_seats,
    undecided_items,
)
from dialogportal.meetings.services.political import (
    VoteLine,
    add_protocol_note,
    members_present,
    present_for_item,
    record_vote,
    remove_item_attendance,
    remove_protocol_note,
    remove_vote,
    set_item_attendance,
)

__all__ = [
    "DEFAULT_MED_TEMPLATE",
    "DEFAULT_POLITICAL_TEMPLATE",
    "ItemContent",
    "MinutesLockedError",
    "NewAttachment",
    "NewSection",
    "RouteStep",
    "VoteLine",
    "add_attachment",
    "add_item",
    "add_protocol_note",
    "apply_journal_number",
    "approve_minutes",
    "can_sign",
    "correct_minutes",
    "forward_item",
    "freeze_minutes",
    "members_present",
    "move_item",
    "next_step",
    "number_agenda",
    "open_case",
    "plan_meeting",
    "plan_route",
    "present_for_item",
    "record_decision",
    "record_earlier_decision",
    "record_vote",
    "remove_attachment",
    "remove_item_attendance",
    "remove_protocol_note",
    "remove_vote",
    "renew_calendar_token",
    "sections_of",
    "set_item_attendance",
    "set_meeting_status",
    "signing_seats",
    "undecided_items",
    "update_attachment",
    "update_item",
    "update_item_content",
    "update_meeting_details",
]
