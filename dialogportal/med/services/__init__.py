"""Every write of the MED system. One module per part; everything public is importable here."""

from dialogportal.med.services.answers import (
    add_answer_file,
    approval_role,
    approve_answer,
    save_answer,
)
from dialogportal.med.services.cascades import (
    acknowledge_cascade,
    cascade_item,
    check_can_travel,
    mark_cascade_handled,
    mark_handled_by_minutes,
    report_comments,
    unreported_comments,
    withdraw_cascade,
    withdraw_copies_of_closed_item,
)
from dialogportal.med.services.hearings import (
    comment_on_answer,
    generate_decision_item,
    start_hearing,
)
from dialogportal.med.services.placement import (
    move_from_cancelled_meeting,
    place_waiting_for_meeting,
)

__all__ = [
    "acknowledge_cascade",
    "add_answer_file",
    "approval_role",
    "approve_answer",
    "cascade_item",
    "check_can_travel",
    "comment_on_answer",
    "generate_decision_item",
    "mark_cascade_handled",
    "mark_handled_by_minutes",
    "move_from_cancelled_meeting",
    "place_waiting_for_meeting",
    "report_comments",
    "save_answer",
    "start_hearing",
    "unreported_comments",
    "withdraw_cascade",
    "withdraw_copies_of_closed_item",
]
