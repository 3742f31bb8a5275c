"""Planning meetings, their details and status, and private calendar addresses."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.events import MeetingEvent, announce
from dialogportal.meetings.models import (
    OPEN_FOR_ITEMS,
    AgendaTemplateItem,
    AuditAction,
    CalendarToken,
    ItemKind,
    Meeting,
    MeetingStatus,
    new_calendar_token,
)
from dialogportal.meetings.services.agenda import number_agenda
from dialogportal.meetings.services.audit import record
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
    acting_user: User | None = None,
) -> Meeting:
    """Plan a meeting with the committee's standard items; apps that wait for the committee's
    next meeting (items passed on to it) are told (`MeetingEvent.MEETING_PLANNED`). A meeting
    made in a later status (an import of an existing agenda or minutes) has its items numbered
    as published. `acting_user` None is the system (import)."""
    meeting = Meeting(
        committee=committee,
        held_on=held_on,
        start_time=start_time,
        end_time=end_time,
        place=place,
        status=MeetingStatus.PLANNED,
    )
    meeting.full_clean()
    meeting.save()
    record(
        meeting=meeting,
        action=AuditAction.MEETING_PLANNED,
        acting_user=acting_user,
        after={
            "held_on": held_on.isoformat(),
            "start_time": start_time.strftime("%H:%M") if start_time else "",
            "place": place,
        },
    )
    if with_standard_items:
        for title, kind, is_last in _template(committee):
            add_item(
                meeting=meeting,
                title=title,
                kind=ItemKind(kind),
                is_standard=True,
                is_last=is_last,
                acting_user=acting_user,
            )
    if status in OPEN_FOR_ITEMS:
        announce(MeetingEvent.MEETING_PLANNED, meeting=meeting)
    if status != MeetingStatus.PLANNED:
        meeting.status = status
        meeting.agenda_published_at = timezone.now()
        meeting.full_clean()
        meeting.save(update_fields=["status", "agenda_published_at"])
        number_agenda(meeting, acting_user=acting_user)
        record(
            meeting=meeting,
            action=AuditAction.STATUS,
            acting_user=acting_user,
            before={"status": str(MeetingStatus.PLANNED)},
            after={"status": str(status)},
        )
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
    acting_user: User | None = None,
) -> Meeting:
    """Record attendance ("deltagere", "afbud", "fraværende") and remarks. `acting_user`
    None is the system (import)."""
    check_not_locked(meeting)
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for name, value in (
        ("participants", participants),
        ("excused", excused),
        ("absent", absent),
        ("remarks", remarks),
        ("place", place),
    ):
        if value is not None and value != getattr(meeting, name):
            before[name] = getattr(meeting, name)
            after[name] = value
            setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    if after:
        record(
            meeting=meeting,
            action=AuditAction.MEETING_DETAILS,
            acting_user=acting_user,
            before=before,
            after=after,
        )
    return meeting


def _danish_start(meeting: Meeting) -> str:
    text = str(date_format(meeting.held_on, "j. F Y"))
    if meeting.start_time is not None:
        text += " " + _("kl. %(time)s") % {"time": meeting.start_time.strftime("%H:%M")}
    return text


@transaction.atomic
def set_meeting_status(
    *, meeting: Meeting, status: MeetingStatus, acting_user: User | None = None
) -> Meeting:
    """Move a meeting along its lifecycle; approval itself goes through `approve_minutes`.
    Publishing the agenda numbers its items; a meeting is held (and gets minutes) only once it
    has begun (Danish time). The given instance is updated too."""
    given = meeting
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
    if status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(_("Referatet godkendes ved underskrift på mødesiden."))
    if not meeting.can_move_to(status):
        raise ValidationError(
            _("Et møde med status “%(from)s” kan ikke få status “%(to)s”.")
            % {"from": meeting.get_status_display(), "to": MeetingStatus(status).label}
        )
    if status in (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT) and (
        timezone.now() < meeting.starts_at()
    ):
        raise ValidationError(
            _("Mødet begynder %(start)s og kan ikke være afholdt før.")
            % {"start": _danish_start(meeting)}
        )
    before = meeting.status
    meeting.status = status
    if status == MeetingStatus.AGENDA_PUBLISHED and meeting.agenda_published_at is None:
        meeting.agenda_published_at = timezone.now()
    meeting.full_clean()
    meeting.save(update_fields=["status", "agenda_published_at"])
    record(
        meeting=meeting,
        action=AuditAction.STATUS,
        acting_user=acting_user,
        before={"status": before},
        after={"status": str(status)},
    )
    if status == MeetingStatus.AGENDA_PUBLISHED:
        number_agenda(meeting, acting_user=acting_user)
        render_pdfs_on_commit(meeting)
    if status == MeetingStatus.CANCELLED:
        announce(MeetingEvent.MEETING_CANCELLED, meeting=meeting)
    given.status, given.agenda_published_at = meeting.status, meeting.agenda_published_at
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
