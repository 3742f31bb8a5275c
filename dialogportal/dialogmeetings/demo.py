"""Demo dialog meetings: in »Fremtidens Randers« a village-hall meeting that was held, with its
table notes recorded as inputs (moderated and mostly answered since), and a cancelled workshop;
in the open process »Grøn omstilling« an upcoming public meeting with two registrations and an
internal talk. Idempotent: a process
that already has meetings is left alone."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from dialogportal.accounts.models import User
from dialogportal.core.workdays import next_meeting_day, previous_meeting_day
from dialogportal.dialogmeetings.models import DialogMeeting, MeetingInput, MeetingKind
from dialogportal.dialogmeetings.services import (
    REGISTRATION_CONSENT_VERSION,
    MeetingPlan,
    cancel_meeting,
    mark_held,
    plan_meeting,
    record_table_note,
    register,
)
from dialogportal.feedback.demo import dated
from dialogportal.feedback.services import answer_input
from dialogportal.inputs.models import FeedbackStatus
from dialogportal.moderation.services import publish_input, reject_input
from dialogportal.organisation.models import Committee, Unit
from dialogportal.processes.models import Process

_TZ = ZoneInfo("Europe/Copenhagen")
# A note's fate months later, as a municipality would leave it: published, and either taken
# up in the strategic plan (strategy.demo links it by its words), answered here, or still
# waiting for an answer. One note named a neighbour: the moderator rejected it.
NOTES_ANSWERED_ON = date(2025, 10, 29)
NAMED_NEIGHBOUR = "Nævner en privatperson ved navn og adresse."
PLAN = "plan"
WAITING = "waiting"
REJECTED = "rejected"
# (text, table, focus area slug or "", fate: PLAN, WAITING, REJECTED or (status, explanation,
# answer))
HELD_NOTES: tuple[tuple[str, str, str, str | tuple[str, str, str]], ...] = (
    (
        "Bussen til Randers kører kun hver anden time om aftenen. Unge kan ikke komme hjem fra "
        "fritidsjob uden at blive hentet.",
        "Bord 1",
        "boern-og-unge",
        PLAN,
    ),
    (
        "Forsamlingshuset kunne bruges som lokalt jobcenter én dag om ugen, så man ikke skal "
        "til byen for en samtale.",
        "Bord 1",
        "udsatte-borgere",
        PLAN,
    ),
    (
        "Vi mangler dagplejere i landsbyerne – tilflyttere med små børn vælger os fra.",
        "Bord 2",
        "boern-og-unge",
        PLAN,
    ),
    (
        "Lad de ældre i lokalområdet være mentorer for unge, der er gået i stå med uddannelsen.",
        "Bord 2",
        "boern-og-unge",
        PLAN,
    ),
    (
        "Tomme huse i landsbyen forfalder. Kommunen bør hjælpe med nedrivning eller "
        "istandsættelse.",
        "Bord 3",
        "boliger",
        PLAN,
    ),
    (
        "Hallen og skolen står tomme efter klokken 16. Foreningerne kunne låne lokalerne, hvis "
        "nogen havde nøglen.",
        "Bord 3",
        "civilsamfund",
        (
            FeedbackStatus.PARTLY_USED,
            "Skolerne åbner for foreninger fra august 2026; hallen følger senere.",
            "Tak for idéen. Fra skoleåret 2026/27 kan foreninger booke skolens lokaler efter "
            "skoletid gennem kommunens bookingsystem. Hallen har sin egen bestyrelse, som vi "
            "har sendt forslaget videre til.",
        ),
    ),
    (
        "Mobilnettet ved Gassum er så dårligt, at ældre ikke kan ringe efter hjælp hjemmefra.",
        "Bord 1",
        "",
        (
            FeedbackStatus.ANSWERED_ELSEWHERE,
            "Mobildækning er teleselskabernes ansvar; kommunen har meldt stedet ind.",
            "Kommunen kan ikke selv bygge master, men vi har meldt området ind til "
            "Energistyrelsens kortlægning af dårlig dækning og til teleselskaberne.",
        ),
    ),
    (
        "Lav en fælles kalender for alt, hvad der sker i sognet, så arrangementer ikke "
        "ligger oven i hinanden.",
        "Bord 2",
        "civilsamfund",
        WAITING,
    ),
    (
        "Stisystemet langs åen bør forlænges til Spentrup, så man kan cykle sikkert til skole.",
        "Bord 3",
        "",
        WAITING,
    ),
    (
        "Naboen på hjørnet parkerer altid på fortovet – det er farligt for børnene. Han hedder "
        "Kurt og bor i nr. 14.",
        "Bord 3",
        "",
        REJECTED,
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
    areas = {area.slug: area for area in process.focus_areas.all()}
    notes = [
        record_table_note(
            meeting=held,
            text=text,
            focus_area=areas.get(area_slug),
            table_name=table,
            submission_key=f"demo-{index}",
            acting_user=staff,
        )
        for index, (text, table, area_slug, _fate) in enumerate(HELD_NOTES)
    ]
    mark_held(meeting=held, acting_user=staff)
    _moderate_and_answer(notes, staff)
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
    log(
        f"dialogmeetings: 2 meetings in Fremtidens Randers (one held with {len(notes)} table "
        "notes, moderated and mostly answered)"
    )


def _moderate_and_answer(notes: list[MeetingInput], staff: User) -> None:
    """What the moderator and the process manager did with the notes in the months after."""
    moderator = User.objects.filter(username="moderator").first() or staff
    answerer = User.objects.filter(username="proces").first() or staff
    for note, (_text, _table, _area, fate) in zip(notes, HELD_NOTES, strict=True):
        if fate == REJECTED:
            reject_input(item=note.input, acting_user=moderator, reason=NAMED_NEIGHBOUR)
            continue
        publish_input(item=note.input, acting_user=moderator)
        if isinstance(fate, tuple):
            status, explanation, answer = fate
            answered = answer_input(
                item=note.input,
                status=status,
                explanation=explanation,
                text=answer,
                acting_user=answerer,
            )
            dated(answered, NOTES_ANSWERED_ON)


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
