"""The MED secretariat's bounded context: items passed down the MED hierarchy (`Cascade`),
hearings in MED (`Hearing`, its parts, their formal answers with the chair's and vice-chair's
approval), e-mail reminders and the audit log of every act.

An agenda item in `meetings` is what a committee handles; this app decides where it travels and
records what came back. `meetings` never imports this app (see `meetings.events`)."""

from dialogportal.med.models.audit import AuditAction, AuditEntry
from dialogportal.med.models.cascades import (
    HELD_STATUSES,
    PENDING_CASCADE_STATUSES,
    Cascade,
    CascadeQuerySet,
    CascadeStatus,
)
from dialogportal.med.models.hearings import (
    OVERDUE_LABEL,
    AnswerApproval,
    AnswerFile,
    ApprovalRole,
    Hearing,
    HearingAnswer,
    HearingFile,
    HearingPart,
    HearingPartQuerySet,
    HearingReminder,
    HearingStatus,
    PartStatus,
    ProposalChange,
)

__all__ = [
    "HELD_STATUSES",
    "OVERDUE_LABEL",
    "PENDING_CASCADE_STATUSES",
    "AnswerApproval",
    "AnswerFile",
    "ApprovalRole",
    "AuditAction",
    "AuditEntry",
    "Cascade",
    "CascadeQuerySet",
    "CascadeStatus",
    "Hearing",
    "HearingAnswer",
    "HearingFile",
    "HearingPart",
    "HearingPartQuerySet",
    "HearingReminder",
    "HearingStatus",
    "PartStatus",
    "ProposalChange",
]
