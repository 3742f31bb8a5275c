"""Staff pages for a committee's secretariat: plan meetings, order and number the agenda, add
and edit items and their attachments, record decisions, votes, protocol notes and absence,
move the status, approve, correct and send a case on in its sagsgang. (Passing items down the
MED hierarchy and MED hearings: the `med` app's pages.) One module per page; the URLs import the
views from here."""

from dialogportal.meetings.staff_views.attachments import (
    item_attachment_add,
    item_attachment_remove,
    item_attachment_update,
)
from dialogportal.meetings.staff_views.home import home, plan
from dialogportal.meetings.staff_views.item import (
    item,
    item_correct,
    item_decision,
    item_edit,
    item_forward,
    item_send_inputs,
)
from dialogportal.meetings.staff_views.meeting import (
    item_move,
    meeting,
    meeting_add_item,
    meeting_approve,
    meeting_attendance,
    meeting_send_inputs,
    meeting_status,
)
from dialogportal.meetings.staff_views.recording import (
    item_attendance_add,
    item_attendance_remove,
    item_note_add,
    item_note_remove,
    item_vote_add,
    item_vote_remove,
)

__all__ = [
    "home",
    "item",
    "item_attachment_add",
    "item_attachment_remove",
    "item_attachment_update",
    "item_attendance_add",
    "item_attendance_remove",
    "item_correct",
    "item_decision",
    "item_edit",
    "item_forward",
    "item_move",
    "item_note_add",
    "item_note_remove",
    "item_send_inputs",
    "item_vote_add",
    "item_vote_remove",
    "meeting",
    "meeting_add_item",
    "meeting_approve",
    "meeting_attendance",
    "meeting_send_inputs",
    "meeting_status",
    "plan",
]
