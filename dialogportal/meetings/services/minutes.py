"""Approval of the minutes, frozen versions and corrections."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.events import MeetingEvent, announce
from dialogportal.meetings.models import (
    AgendaItem,
    ApprovalRole,
    ItemSection,
    Meeting,
    MeetingStatus,
    MinutesApproval,
    MinutesVersion,
    SectionKind,
)
from dialogportal.meetings.publication import build_document
from dialogportal.meetings.services.common import render_pdfs_on_commit
from dialogportal.organisation.models import (
    Membership,
    MembershipRole,
)

# --- approval and versions ------------------------------------------------------------------


def _approval_role(meeting: Meeting, user: User) -> ApprovalRole | None:
    seats = Membership.objects.active_on(timezone.localdate()).filter(
        committee=meeting.committee, user=user
    )
    roles = set(seats.values_list("role", flat=True))
    if MembershipRole.CHAIR in roles:
        return ApprovalRole.CHAIR
    if MembershipRole.VICE_CHAIR in roles:
        return ApprovalRole.VICE_CHAIR
    return None


def freeze_minutes(meeting: Meeting, *, reason: str, acting_user: User | None) -> MinutesVersion:
    number = (meeting.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    document = build_document(meeting)
    version = MinutesVersion(
        meeting=meeting,
        number=number,
        reason=reason,
        created_by=acting_user,
        document={**document.to_json(), "version": number, "version_reason": reason},
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def approve_minutes(*, meeting: Meeting, acting_user: User) -> MinutesApproval:
    """Record the chair's or vice-chair's approval; with both, the minutes become approved and
    immutable (version 1 is frozen)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.MINUTES_DRAFT:
        raise ValidationError(_("Kun et referat i kladde kan godkendes."))
    role = _approval_role(meeting, acting_user)
    if role is None:
        raise ValidationError(_("Kun udvalgets formand og næstformand kan godkende referatet."))
    if meeting.approvals.filter(role=role).exists():
        raise ValidationError(
            _("Referatet er allerede godkendt af %(role)s.") % {"role": role.label}
        )
    approval = MinutesApproval(
        meeting=meeting, role=role, user=acting_user, person_name=str(acting_user)
    )
    approval.full_clean()
    approval.save()
    if set(meeting.approvals.values_list("role", flat=True)) >= {
        ApprovalRole.CHAIR,
        ApprovalRole.VICE_CHAIR,
    }:
        meeting.status = MeetingStatus.MINUTES_APPROVED
        meeting.save(update_fields=["status"])
        freeze_minutes(
            meeting, reason=_("Godkendt af formand og næstformand"), acting_user=acting_user
        )
        announce(MeetingEvent.MINUTES_APPROVED, meeting=meeting, acting_user=acting_user)
        render_pdfs_on_commit(meeting)
    return approval


@transaction.atomic
def correct_minutes(
    *,
    item: AgendaItem,
    section_kind: SectionKind,
    body: str,
    reason: str,
    acting_user: User | None,
) -> MinutesVersion:
    """Correct approved minutes: the change is made and a new version records it with a reason;
    earlier versions stay as they were."""
    meeting = item.meeting
    if meeting.status != MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(_("Kun et godkendt referat rettes med en ny version."))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv en begrundelse for rettelsen.")})
    if not meeting.versions.exists():
        freeze_minutes(meeting, reason=_("Godkendt"), acting_user=None)
    section = item.sections.filter(kind=section_kind).order_by("order").first()
    if section is None:
        top = item.sections.aggregate(top=Max("order"))["top"] or 0
        section = ItemSection(
            item=item,
            kind=section_kind,
            heading=str(SectionKind(section_kind).label),
            order=top + 1,
        )
    section.body = body
    section.full_clean()
    section.save()
    version = freeze_minutes(meeting, reason=reason.strip(), acting_user=acting_user)
    render_pdfs_on_commit(meeting)
    return version
