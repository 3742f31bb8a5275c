"""Demo dialog meetings: in »Fremtidens Randers« a village-hall meeting that was held, with its
table notes recorded as inputs, and a cancelled workshop; in the open process »Grøn omstilling«
an upcoming public meeting with two registrations and an internal talk. Idempotent: a process
that already has meetings is left alone."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from dialogportal.accounts.models import User
from dialogportal.core.workdays import next_meeting_day, previous_meeting_day
from dialogportal.dialogmeetings.models import DialogMeeting, MeetingKind
from dialogportal.dialogmeetings.services import (
    REGISTRATION_CONSENT_VERSION,
    MeetingPlan,
    cancel_meeting,
    mark_held,
    plan_meeting,
    record_table_note,
    register,
)
from dialogportal.organisation.models import Committee, Unit
from dialogportal.processes.models import Process

_TZ = ZoneInfo("Europe/Copenhagen")
HELD_NOTES: tuple[tuple[str, str, str], ...] = (
    (
        "Bussen til Randers kører kun hver anden time om aftenen. Unge kan ikke komme hjem fra "
        "fritidsjob uden at blive hentet.",
        "Bord 1",
        "",
    ),
    (
        "Forsamlingshuset kunne bruges som lokalt jobcenter én dag om ugen, så man ikke skal "
        "til byen for en samtale.",
        "Bord 1",
        "",
    ),
    (
        "Vi mangler dagplejere i landsbyerne – tilflyttere med små børn vælger os fra.",
        "Bord 2",
        "",
    ),
    (
        "Lad de ældre i lokalområdet være mentorer for unge, der er gået i stå med uddannelsen.",
        "Bord 2",
        "",
    ),
    (
        "Tomme huse i landsbyen forfalder. Kommunen bør hjælpe med nedrivning eller "
        "istandsættelse.",
        "Bord 3",
        "",
    ),
)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=_TZ)


def _randers(process: Process, staff: User | None, log: Callable[[str], None]) -> None:
    if DialogMeeting.objects.filter(process=process).exists() or staff is None:
        return
    committees = list(Committee.objects.med().order_by("name")[:2])
    units = list(Unit.objects.filter(kind="department").order_by("name")[:1])
    held = plan_meeting(
        process=process,
        plan=MeetingPlan(
            title="Forsamlingshusmøde i Spentrup",
            kind=MeetingKind.VILLAGE_HALL,
            description="Borgere, foreninger og lokale arbejdspladser drøfter hvidbogens "
            "fokusområder over kaffe og kage.",
            starts_at=datetime(2025, 6, 17, 19, tzinfo=_TZ),
            ends_at=datetime(2025, 6, 17, 21, 30, tzinfo=_TZ),
            place="Spentrup Forsamlingshus",
            address="Rådhusvej 6",
            postcode="8981",
            host_name="Lokalrådet i Spentrup og Direktionssekretariatet",
            host_unit=units[0] if units else None,
            committees=committees[:1],
            units=units,
            capacity=80,
        ),
        acting_user=staff,
    )
    areas = list(process.focus_areas.order_by("order"))
    for index, (text, table, _area) in enumerate(HELD_NOTES):
        record_table_note(
            meeting=held,
            text=text,
            focus_area=areas[index % len(areas)] if areas else None,
            table_name=table,
            submission_key=f"demo-{index}",
            acting_user=staff,
        )
    mark_held(meeting=held, acting_user=staff)
    workshop = plan_meeting(
        process=process,
        plan=MeetingPlan(
            title="Workshop for Sundhed, Omsorg og Handicap",
            kind=MeetingKind.WORKSHOP,
            starts_at=datetime(2025, 8, 20, 13, tzinfo=_TZ),
            ends_at=datetime(2025, 8, 20, 16, tzinfo=_TZ),
            place="Rådhuset, mødesal 1",
            address="Laksetorvet 1",
            postcode="8900",
            host_name="Sektor MED for Sundhed, Omsorg og Handicap",
            committees=committees[1:],
            professional_field="Ældre og sundhed",
            is_public=False,
        ),
        acting_user=staff,
    )
    cancel_meeting(
        meeting=workshop,
        reason="Flyttet til MED-udvalgenes egne møder i september.",
        acting_user=staff,
    )
    log("dialogmeetings: 2 meetings in Fremtidens Randers (one held with 5 inputs)")


def _green(process: Process, staff: User | None, log: Callable[[str], None]) -> None:
    if DialogMeeting.objects.filter(process=process).exists():
        return
    # Relative to today (the process is open now), moved off weekends and holidays: a
    # weekday evening for citizens, office hours for the talk with the farmers.
    today = timezone.localdate()
    day = next_meeting_day(today + timedelta(days=21))
    upcoming = plan_meeting(
        process=process,
        plan=MeetingPlan(
            title="Forsamlingshusmøde om grøn omstilling i Assentoft",
            kind=MeetingKind.VILLAGE_HALL,
            description="Hvordan kommer vi rundt med mindre benzin, og hvor skal solcellerne "
            "stå? Kom og giv dine idéer – alle er velkomne.",
            starts_at=_at(day, 19),
            ends_at=_at(day, 21),
            place="Assentoft Forsamlingshus",
            address="Byvej 12",
            postcode="8960",
            host_name="Teknik og Miljø",
            capacity=60,
            registration_closes_at=_at(previous_meeting_day(day - timedelta(days=2)), 12),
        ),
        acting_user=staff,
    )
    for name, size in (("Birthe Kjær", 2), ("Jens Ølgaard", 1)):
        register(
            meeting=upcoming,
            name=name,
            contributor_type="citizen",
            party_size=size,
            consent_text_version=REGISTRATION_CONSENT_VERSION,
        )
    talk_day = next_meeting_day(today + timedelta(days=35))
    plan_meeting(
        process=process,
        plan=MeetingPlan(
            title="Samtale med landbruget om natur og vand",
            kind=MeetingKind.TALK,
            starts_at=_at(talk_day, 10),
            ends_at=_at(talk_day, 12),
            place="Landbocentret",
            postcode="8920",
            host_name="Natur og Miljø",
            professional_field="Landbrug og natur",
            is_public=False,
        ),
        acting_user=staff,
    )
    log("dialogmeetings: 2 upcoming meetings in Grøn omstilling (one with 2 registrations)")


def load(*, log: Callable[[str], None]) -> None:
    staff = User.objects.filter(username="sekretaer").first()
    randers = Process.objects.filter(slug="fremtidens-randers").first()
    if randers is not None:
        _randers(randers, staff, log)
    green = Process.objects.filter(slug="groen-omstilling").first()
    if green is not None:
        _green(green, staff, log)
