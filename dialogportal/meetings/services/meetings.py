"""Planning meetings, their details and status, and private calendar addresses."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.events import MeetingEvent, announce
from dialogportal.meetings.models import (
    AgendaTemplateItem,
    CalendarToken,
    ItemKind,
    Meeting,
    MeetingStatus,
    new_calendar_token,
)
from dialogportal.meetings.services.common import check_not_locked, render_pdfs_on_commit
from dialogportal.meetings.services.items import add_item
from dialogportal.organisation.models import (
    Committee,
    CommitteeKind,
)

# Standard items when a committee has no template of its own (MED rules of procedure).
DEFAULT_MED_TEMPLATE: tuple[tuple[str, ItemKind, bool], ...] = (
    ("Godkendelse af dagsorden", ItemKind.DECISION, False),
    ("Godkendelse af referat fra sidste møde", ItemKind.DECISION, False),
    ("Information fra MED-systemet", ItemKind.INFORMATION, False),
    ("Eventuelt", ItemKind.INFORMATION, True),
)
DEFAULT_POLITICAL_TEMPLATE: tuple[tuple[str, ItemKind, bool], ...] = (
    ("Godkendelse af dagsorden", ItemKind.DECISION, False),
    ("Eventuelt", ItemKind.INFORMATION, True),
)


def _template(committee: Committee) -> list[tuple[str, str, bool]]:
    own = list(AgendaTemplateItem.objects.filter(committee=committee).order_by("order"))
    if own:
        return [(t.title, t.kind, t.is_last) for t in own]
    default = (
        DEFAULT_MED_TEMPLATE if committee.kind == CommitteeKind.MED else DEFAULT_POLITICAL_TEMPLATE
    )
    return [(title, str(kind), is_last) for title, kind, is_last in default]


@transaction.atomic
def plan_meeting(
    *,
    committee: Committee,
    held_on: date,
    start_time: time | None = None,
    end_time: time | None = None,
    place: str = "",
    with_standard_items: bool = True,
    status: MeetingStatus = MeetingStatus.PLANNED,
) -> Meeting:
    """Plan a meeting with the committee's standard items; apps that wait for the committee's
    next meeting (items passed on to it) are told (`MeetingEvent.MEETING_PLANNED`)."""
    meeting = Meeting(
        committee=committee,
        held_on=held_on,
        start_time=start_time,
        end_time=end_time,
        place=place,
        status=status,
    )
    meeting.full_clean()
    meeting.save()
    if with_standard_items:
        for title, kind, is_last in _template(committee):
            add_item(
                meeting=meeting,
                title=title,
                kind=ItemKind(kind),
                is_standard=True,
                order=1000 if is_last else None,
            )
    announce(MeetingEvent.MEETING_PLANNED, meeting=meeting)
    return meeting


@transaction.atomic
def update_meeting_details(
    *,
    meeting: Meeting,
    participants: str | None = None,
    excused: str | None = None,
    absent: str | None = None,
    remarks: str | None = None,
    place: str | None = None,
) -> Meeting:
    """Record attendance ("deltagere", "afbud", "fraværende") and remarks."""
    check_not_locked(meeting)
    for name, value in (
        ("participants", participants),
        ("excused", excused),
        ("absent", absent),
        ("remarks", remarks),
        ("place", place),
    ):
        if value is not None:
            setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def set_meeting_status(*, meeting: Meeting, status: MeetingStatus) -> Meeting:
    """Move a meeting along its lifecycle; approval itself goes through `approve_minutes`."""
    if status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(_("Referatet godkendes af formand og næstformand."))
    if not meeting.can_move_to(status):
        raise ValidationError(
            _("Et møde med status “%(from)s” kan ikke få status “%(to)s”.")
            % {"from": meeting.get_status_display(), "to": MeetingStatus(status).label}
        )
    meeting.status = status
    meeting.full_clean()
    meeting.save(update_fields=["status"])
    if status == MeetingStatus.AGENDA_PUBLISHED:
        render_pdfs_on_commit(meeting)
    if status == MeetingStatus.CANCELLED:
        announce(MeetingEvent.MEETING_CANCELLED, meeting=meeting)
    return meeting


@transaction.atomic
def renew_calendar_token(*, user: User) -> CalendarToken:
    """Give `user` a new private calendar address; the old one stops working at once. Two
    requests at the same moment (a double click) both succeed; the later token wins."""
    values = {"token": new_calendar_token(), "created_at": timezone.now()}
    if not CalendarToken.objects.filter(user=user).update(**values):
        try:
            with transaction.atomic():
                CalendarToken.objects.create(user=user, **values)
        except IntegrityError:  # the other request created it first
            CalendarToken.objects.filter(user=user).update(**values)
    return CalendarToken.objects.get(user=user)
