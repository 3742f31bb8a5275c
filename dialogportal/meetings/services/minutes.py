"""Approval of the minutes, frozen versions and corrections.

MED minutes are approved by the chair and the vice-chair. Political minutes are signed by the
members who took part (kommunestyrelseslovens § 13): each signs on the meeting page, may add a
dissent, and the minutes are approved when every member present with an account has signed."""

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
    AuditAction,
    ItemSection,
    Meeting,
    MeetingStatus,
    MinutesApproval,
    MinutesVersion,
    SectionKind,
)
from dialogportal.meetings.publication import build_document
from dialogportal.meetings.services.audit import record
from dialogportal.meetings.services.common import refuse_nul, render_pdfs_on_commit
from dialogportal.meetings.services.political import members_present, name_key, voting_seats
from dialogportal.organisation.models import (
    Membership,
    MembershipRole,
)

MAX_DISSENT = 5000

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


_SEAT_ROLES = {
    MembershipRole.CHAIR: ApprovalRole.CHAIR,
    MembershipRole.VICE_CHAIR: ApprovalRole.VICE_CHAIR,
    MembershipRole.MEMBER: ApprovalRole.MEMBER,
}


def signing_seats(meeting: Meeting) -> list[Membership]:
    """Political minutes: the seats that sign – members present with an account."""
    present = {name_key(name) for name in members_present(meeting)}
    return [
        seat
        for seat in voting_seats(meeting)
        if seat.user_id is not None and name_key(seat.person_name) in present
    ]


def _signing_seat(meeting: Meeting, user: User) -> Membership | None:
    return next((seat for seat in signing_seats(meeting) if seat.user_id == user.pk), None)


def can_sign(meeting: Meeting, user: object) -> bool:
    """Whether `user` may approve (sign) these minutes now."""
    if not isinstance(user, User) or meeting.status != MeetingStatus.MINUTES_DRAFT:
        return False
    if meeting.approvals.filter(user=user).exists():
        return False
    if meeting.is_political:
        return _signing_seat(meeting, user) is not None
    role = _approval_role(meeting, user)
    return role is not None and not meeting.approvals.filter(role=role).exists()


def undecided_items(meeting: Meeting) -> list[AgendaItem]:
    """Items (not drafts) without a decision or Referat, in agenda order."""
    decided = set(
        ItemSection.objects.filter(item__meeting=meeting, kind=SectionKind.DECISION)
        .exclude(body="")
        .values_list("item_id", flat=True)
    )
    return [
        item
        for item in meeting.items.filter(is_draft=False).in_agenda_order()
        if item.pk not in decided and not item.votes.exists()
    ]


def _is_complete(meeting: Meeting) -> bool:
    signed = set(meeting.approvals.values_list("role", "user_id"))
    if meeting.is_political:
        seats = signing_seats(meeting)
        return bool(seats) and all(
            any(user_id == seat.user_id for _role, user_id in signed) for seat in seats
        )
    roles = {role for role, _user in signed}
    return roles >= {ApprovalRole.CHAIR, ApprovalRole.VICE_CHAIR}


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
def approve_minutes(
    *,
    meeting: Meeting,
    acting_user: User,
    dissent: str = "",
    confirm_undecided: bool = False,
) -> MinutesApproval:
    """Record one approval (signature) of the minutes in draft. MED: the chair's or the
    vice-chair's; political: a member's who took part, optionally with a dissent. When every
    signature is in, the minutes become approved and immutable (version 1 is frozen). Items
    without a decision must be confirmed (`confirm_undecided`)."""
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.MINUTES_DRAFT:
        raise ValidationError(_("Kun et referat i kladde kan godkendes."))
    refuse_nul(dissent=dissent)
    if len(dissent) > MAX_DISSENT:
        raise ValidationError({"dissent": _("Teksten er for lang (højst 5.000 tegn).")})
    if meeting.approvals.filter(user=acting_user).exists():
        raise ValidationError(_("Du har allerede godkendt referatet."))
    if meeting.is_political:
        seat = _signing_seat(meeting, acting_user)
        if seat is None:
            raise ValidationError(
                _("Kun udvalgets medlemmer, der deltog i mødet, kan underskrive referatet.")
            )
        role = _SEAT_ROLES[MembershipRole(seat.role)]
        person_name = seat.person_name
    else:
        med_role = _approval_role(meeting, acting_user)
        if med_role is None:
            raise ValidationError(_("Kun udvalgets formand og næstformand kan godkende referatet."))
        if meeting.approvals.filter(role=med_role).exists():
            raise ValidationError(
                _("Referatet er allerede godkendt af %(role)s.") % {"role": med_role.label}
            )
        role = med_role
        person_name = str(acting_user)
    undecided = undecided_items(meeting)
    if undecided and not confirm_undecided:
        raise ValidationError(
            {
                "confirm_undecided": _(
                    "Disse punkter har ingen beslutning: %(items)s. Bekræft, at referatet "
                    "skal godkendes alligevel."
                )
                % {"items": ", ".join(item.label or item.title for item in undecided)}
            }
        )
    approval = MinutesApproval(
        meeting=meeting,
        role=role,
        user=acting_user,
        person_name=person_name,
        dissent=dissent.strip(),
    )
    approval.full_clean()
    approval.save()
    record(
        meeting=meeting,
        action=AuditAction.SIGNED,
        acting_user=acting_user,
        after={
            "role": str(role),
            "dissent": approval.dissent,
            "undecided_confirmed": [item.label for item in undecided],
        },
    )
    if _is_complete(meeting):
        meeting.status = MeetingStatus.MINUTES_APPROVED
        meeting.save(update_fields=["status"])
        freeze_minutes(
            meeting,
            reason=_("Underskrevet af mødets deltagere")
            if meeting.is_political
            else _("Godkendt af formand og næstformand"),
            acting_user=acting_user,
        )
        record(
            meeting=meeting,
            action=AuditAction.APPROVED,
            acting_user=acting_user,
            before={"status": str(MeetingStatus.MINUTES_DRAFT)},
            after={"status": str(MeetingStatus.MINUTES_APPROVED)},
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
    before = section.body
    section.body = body
    section.full_clean()
    section.save()
    version = freeze_minutes(meeting, reason=reason.strip(), acting_user=acting_user)
    record(
        meeting=meeting,
        action=AuditAction.CORRECTED,
        acting_user=acting_user,
        item=item,
        before={"section": str(section_kind), "text": before},
        after={
            "section": str(section_kind),
            "text": body,
            "reason": reason.strip(),
            "version": version.number,
        },
    )
    render_pdfs_on_commit(meeting)
    return version
