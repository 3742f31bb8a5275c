"""One audit row per state-changing act on a meeting (see `meetings.audit`). Every service that
changes a meeting, its items or its minutes calls `record` inside its own transaction, so the
row exists exactly when the change does."""

from collections.abc import Mapping

from dialogportal.accounts.models import User
from dialogportal.meetings.models import AgendaItem, AuditAction, AuditEntry, Case, Meeting

JsonValue = str | int | bool | None | list[str] | list[int] | dict[str, str]


def record(
    *,
    meeting: Meeting | None,
    action: AuditAction,
    acting_user: User | None,
    item: AgendaItem | None = None,
    case: Case | None = None,
    before: Mapping[str, JsonValue] | None = None,
    after: Mapping[str, JsonValue] | None = None,
) -> AuditEntry:
    """Write the audit row for one act; `before`/`after` hold only what the act changed."""
    entry = AuditEntry(
        meeting=meeting,
        meeting_label=str(meeting)[:300] if meeting is not None else "",
        item=item,
        case=case if case is not None else (item.case if item is not None else None),
        item_label=str(item)[:600] if item is not None else "",
        actor=acting_user,
        actor_name=str(acting_user)[:200] if acting_user is not None else "",
        action=action,
        before=dict(before or {}),
        after=dict(after or {}),
    )
    entry.full_clean()
    entry.save()
    return entry
