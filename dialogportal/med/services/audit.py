"""One audit row per act in the MED system: who, when, what, the state before and after."""

from typing import Any

from django.utils import timezone

from dialogportal.accounts.models import User
from dialogportal.med.models import AuditAction, AuditEntry, Cascade, Hearing, HearingPart


def record(
    action: AuditAction,
    *,
    actor: User | None,
    cascade: Cascade | None = None,
    hearing: Hearing | None = None,
    part: HearingPart | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor,
        actor_name=str(actor) if actor is not None else "Systemet",
        action=action,
        cascade=cascade,
        hearing=hearing if hearing is not None else (part.hearing if part is not None else None),
        part=part,
        before=before or {},
        after=after or {},
    )
    entry.full_clean()
    entry.save()
    return entry


def cascade_state(cascade: Cascade) -> dict[str, Any]:
    return {
        "status": cascade.status,
        "target_item": cascade.target_item_id,
        "comment": cascade.comment,
        "due_on": cascade.due_on.isoformat() if cascade.due_on else None,
        "handled_without_meeting": cascade.handled_without_meeting,
    }


def part_state(part: HearingPart) -> dict[str, Any]:
    return {
        "status": part.status,
        "target_item": part.target_item_id,
        "is_late": part.is_late,
        "administration_comment": part.administration_comment,
        "changes_proposal": part.changes_proposal,
    }
