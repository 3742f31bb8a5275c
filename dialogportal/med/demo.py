"""Demo of the MED system on the demo main committee's meeting of 5 September 2025: item 46 as a
real hearing in MED among the Sektor MED committees (answers with and without a management/
employee split, one without comments, one late, one overdue; the administration's comments; the
decision item is left for the secretary to file), and item 47 passed on to every Sektor MED
and from Sektor MED Børn og Skole on to its Lokal MED, with acknowledgements. Sector committees
and the Lokal MED of Børn og Skole meet in the autumn of 2025; every Lokal MED has a next
meeting, so nothing sent there waits forever. Dates are fixed in the process's own time
(autumn 2025).

Accounts: `medsekretariat` (the MED secretariat role: the overview), and the chair and
vice-chair of each Sektor MED (`formand-<sektor>`, `naestformand-<sektor>`), who approve their
committee's answers. Idempotent: a main committee with a hearing is left alone."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from django.utils import timezone

from dialogportal.accounts.demo import DEMO_PASSWORD
from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user
from dialogportal.core.workdays import spread_meeting_day
from dialogportal.med.models import Cascade, Hearing, PartStatus
from dialogportal.med.services import (
    acknowledge_cascade,
    approve_answer,
    cascade_item,
    comment_on_answer,
    save_answer,
    start_hearing,
)
from dialogportal.meetings.models import AgendaItem, Meeting, MeetingStatus
from dialogportal.meetings.services import plan_meeting, record_decision, set_meeting_status
from dialogportal.organisation.models import Committee, CommitteeLevel, Membership, MembershipRole
from dialogportal.organisation.services import add_membership

MAIN_SLUG = "hovedudvalget"
_TZ = ZoneInfo("Europe/Copenhagen")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=_TZ)


def _link_account(committee: Committee, role: MembershipRole, username: str) -> User:
    """An account for the person in the committee's seat (the seat keeps its name)."""
    seat = Membership.objects.filter(committee=committee, role=role).order_by("pk").first()
    name = seat.person_name if seat else username
    user = create_staff_user(
        username=username,
        password=DEMO_PASSWORD,
        full_name=name,
        email=f"{username}@demo.invalid",
        roles=[Role.COMMITTEE_SECRETARY],
    )
    if seat is not None:
        add_membership(
            committee=committee,
            person_name=seat.person_name,
            role=role,
            starts_on=seat.starts_on,
            side=seat.side,
            representation=seat.representation,
            user=user,
        )
    return user


def _meeting(committee: Committee, day: date, hour: int = 13) -> Meeting:
    existing = Meeting.objects.filter(committee=committee, held_on=day).first()
    return existing or plan_meeting(
        committee=committee,
        held_on=day,
        start_time=time(hour, 0),
        end_time=time(hour + 2, 0),
        place=f"{committee.unit.name if committee.unit else 'Rådhuset'}, mødelokalet",
    )


def _hold(meeting: Meeting) -> None:
    for status in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD):
        meeting.refresh_from_db()
        if meeting.can_move_to(status):
            set_meeting_status(meeting=meeting, status=status)


MATERIAL_LINES = (
    "Høringsmateriale: fælles administrative funktioner",
    "",
    "Forslaget samler lønadministration, indkøb og it-support i fælles enheder",
    "fra 1. marts 2026. Høringsparterne bedes særligt svare på:",
    "1. Hvilke opgaver skal blive tæt på arbejdspladserne?",
    "2. Hvordan sikres medarbejdernes inddragelse i overgangen?",
    "3. Hvilke risici ser udvalget for service over for borgerne?",
)


def _material() -> BytesIO:
    """A one-page PDF of the material, written directly (the demo need not start WeasyPrint,
    which costs seconds on a small machine)."""
    text = "".join(
        f"BT /F1 11 Tf 56 {780 - 18 * n} Td ("
        + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        + ") Tj ET\n"
        for n, line in enumerate(MATERIAL_LINES)
    ).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return BytesIO(bytes(out))


ANSWERS = {
    "sektor-med-boern-skole": {
        "summary": "Støtter fælles løn og indkøb; it-support skal blive lokalt på skolerne.",
        "text": "Sektor MED Børn og Skole bakker op om at samle løn og indkøb. It-support "
        "på skoler og i dagtilbud skal fortsat være tæt på, fordi undervisningen står stille, "
        "når udstyret ikke virker.\n\nUdvalget ønsker en tidsplan med milepæle.",
        "management_view": "Ledelsessiden ser en gevinst i fælles indkøbsaftaler og ønsker, "
        "at skolelederne inddrages i kravene til it-support.",
        "employee_view": "Medarbejdersiden ønsker en skriftlig garanti for, at ingen "
        "administrative medarbejdere afskediges som følge af omlægningen, og at de berørte "
        "inddrages, før stillingerne flyttes.",
        "approved": date(2025, 9, 25),
    },
    "sektor-med-sundhed-omsorg": {
        "summary": "Bekymret for vikardækning og vagtplaner ved fælles lønadministration.",
        "text": "Sektor MED Sundhed, Omsorg og Handicap peger på, at vagtplaner og "
        "tillæg i plejen er komplekse. En fælles lønenhed skal have kendskab til området, "
        "ellers risikerer medarbejderne fejl i lønnen.",
        "approved": date(2025, 9, 30),
    },
    "sektor-med-kultur-miljoe-teknik": {"no_comments": True, "approved": date(2025, 10, 2)},
    "sektor-med-job-social": {
        "summary": "Ønsker at jobcentrets it-support holdes adskilt på grund af fagsystemerne.",
        "text": "Sektor MED Job og Social beklager det sene svar. Jobcentrets fagsystemer "
        "kræver særlig support, og udvalget ønsker, at den holdes i forvaltningen.",
        "approved": date(2025, 10, 8),
    },
}
COMMENTS = {
    "sektor-med-boern-skole": (
        "It-support på skoler og dagtilbud forbliver decentral i første fase. Tidsplanen "
        "med milepæle indarbejdes i forslaget.",
        "partly",
    ),
    "sektor-med-sundhed-omsorg": (
        "Den fælles lønenhed får et team med særligt kendskab til vagtplaner i plejen.",
        "yes",
    ),
    "sektor-med-job-social": (
        "Fagsystemsupport er ikke omfattet af forslaget; svaret ændrer derfor ikke forslaget.",
        "no",
    ),
}
ACKNOWLEDGEMENTS = {
    "sektor-med-boern-skole": "Drøftet. Vi inviterer de lokale MED-udvalg til et "
    "forsamlingshusmøde i Nørrebro Forsamlingshus i oktober.",
    "sektor-med-sundhed-omsorg": "Taget til efterretning. Plejecentrene holder fælles "
    "dialogmøde på tværs af vagtlagene.",
    "sektor-med-kultur-miljoe-teknik": "",
}


def load(*, log: Callable[[str], None]) -> None:
    main = Committee.objects.filter(slug=MAIN_SLUG).first()
    if main is None:
        log("Demo MED system skipped: the demo organisation is missing.")
        return
    if Hearing.objects.filter(committee=main).exists():
        log("Demo MED system already present – left unchanged.")
        return
    item46 = AgendaItem.objects.filter(committee=main, year=2025, number=46).first()
    item47 = AgendaItem.objects.filter(committee=main, year=2025, number=47).first()
    if item46 is None or item47 is None:
        log("Demo MED system skipped: the demo main-committee meeting is missing.")
        return
    create_staff_user(
        username="medsekretariat",
        password=DEMO_PASSWORD,
        full_name="Hanne Hvid (HR, MED-sekretariatet)",
        email="medsekretariat@demo.invalid",
        roles=[Role.MED_SECRETARIAT],
    )
    sectors = list(
        Committee.objects.below(main).filter(level=CommitteeLevel.SECTOR).order_by("name")
    )
    approvers: dict[int, tuple[User, User]] = {}
    for sector in sectors:
        suffix = sector.slug.removeprefix("sektor-med-")
        approvers[sector.pk] = (
            _link_account(sector, MembershipRole.CHAIR, f"formand-{suffix}"),
            _link_account(sector, MembershipRole.VICE_CHAIR, f"naestformand-{suffix}"),
        )
    # Autumn 2025: every Sektor MED but Stab og Administration meets on 17 September (that one
    # has only its next meeting, so what it gets lands late: the overview warns); the Lokal MED
    # of Børn og Skole meet on 1 October; every Lokal MED has a next meeting.
    sector_meetings = {
        s.pk: _meeting(s, date(2025, 9, 17))
        for s in sectors
        if s.slug != "sektor-med-stab-administration"
    }
    today = timezone.localdate()
    school = Committee.objects.get(slug="sektor-med-boern-skole")
    for local in Committee.objects.below(main).filter(level=CommitteeLevel.LOCAL):
        if local.is_below(school):
            _meeting(local, date(2025, 10, 1), hour=14)
        if Meeting.objects.next_open_for_items(local, today) is None:
            _meeting(local, spread_meeting_day(today + timedelta(days=21 + local.pk % 14)), hour=14)

    secretary = User.objects.filter(username="sekretaer").first()
    # Item 47 goes to every Sektor MED.
    cascades = cascade_item(
        item=item47,
        targets=sectors,
        acting_user=secretary,
        message="Drøft gerne, hvordan jeres lokale MED-udvalg kan bidrage til dialogen.",
        due_on=date(2025, 10, 31),
        clause="2. at punktet videregives til alle Sektor MED som orientering",
        now=_at(date(2025, 9, 8), 9),
    )
    # Item 46 in hearing among the Sektor MED, with a deadline of 3 October 2025.
    hearing = start_hearing(
        committee=main,
        title="Fælles administrative funktioner på tværs af forvaltningerne",
        answer_by=date(2025, 10, 3),
        parts=sectors,
        acting_user=secretary,
        material=(
            "Direktionen foreslår at samle lønadministration, indkøb og it-support i fælles "
            "enheder. Hovedudvalget beder Sektor MED om at svare på:\n\n"
            "1. Hvilke opgaver skal blive tæt på arbejdspladserne?\n"
            "2. Hvordan sikres medarbejdernes inddragelse i overgangen?\n"
            "3. Hvilke risici ser udvalget for service over for borgerne?"
        ),
        source_item=item46,
        deciding_committee=main,
        files=[("Høringsmateriale - fælles administration.pdf", _material())],
        now=_at(date(2025, 9, 8), 10),
    )
    for meeting in sector_meetings.values():
        _hold(meeting)
    by_slug = {c.target_committee.slug: c for c in cascades}
    for slug, comment in ACKNOWLEDGEMENTS.items():
        acknowledge_cascade(
            cascade=by_slug[slug],
            acting_user=secretary,
            comment=comment,
            now=_at(date(2025, 9, 19)),
        )
    # Sektor MED Børn og Skole records its minutes and passes item 47 on to its Lokal MED.
    copy = Cascade.objects.get(source_item=item47, target_committee=school).target_item
    if copy is not None:
        record_decision(
            item=copy,
            text="Drøftet. Udvalget sender punktet videre til de lokale MED-udvalg.",
            acting_user=None,
        )
        copy.refresh_from_db()
        local_cascades = cascade_item(
            item=AgendaItem.objects.get(pk=copy.pk),
            targets=list(Committee.objects.below(school)),
            acting_user=secretary,
            message="Hvert lokalt MED-udvalg bedes melde tilbage, om I deltager i "
            "forsamlingshusmødet.",
            due_on=date(2025, 10, 15),
            now=_at(date(2025, 9, 22)),
        )
        for local_cascade in local_cascades:
            if local_cascade.target_item is not None:
                _hold(local_cascade.target_item.meeting)
        for local_cascade, comment in zip(
            local_cascades[:2],
            (
                "Vi deltager med to fra hver side.",
                "Deltager; vi tager input fra personalemødet med.",
            ),
            strict=False,
        ):
            acknowledge_cascade(
                cascade=local_cascade,
                acting_user=secretary,
                comment=comment,
                now=_at(date(2025, 10, 2)),
            )
    # The answers: approved by chair and vice-chair (Job og Social after the deadline; Stab og
    # Administration never answers: overdue).
    parts = {p.committee.slug: p for p in hearing.parts.select_related("committee")}
    for slug, answer in ANSWERS.items():
        part = parts[slug]
        approved = answer["approved"]
        assert isinstance(approved, date)
        save_answer(
            part=part,
            acting_user=secretary,
            text=str(answer.get("text", "")),
            summary=str(answer.get("summary", "")),
            management_view=str(answer.get("management_view", "")),
            employee_view=str(answer.get("employee_view", "")),
            is_no_comments=bool(answer.get("no_comments", False)),
            now=_at(approved - timedelta(days=1)),
        )
        chair, vice = approvers[part.committee_id]
        approve_answer(part=part, acting_user=chair, now=_at(approved, 9))
        approve_answer(part=part, acting_user=vice, now=_at(approved, 15))
    for slug, (comment, change) in COMMENTS.items():
        comment_on_answer(
            part=parts[slug], acting_user=secretary, comment=comment, changes_proposal=change
        )
    # The decision item is left for the secretary to file ("Opret beslutningspunkt"): it goes
    # on the Hovedudvalg's next meeting with the høringsnotat attached.
    answered = hearing.parts.exclude(status=PartStatus.SENT).count()
    log(
        f"Demo MED system: item 46 in hearing among {len(sectors)} Sektor MED ({answered} "
        f"answered, 1 overdue); item 47 passed on to every Sektor MED "
        f"and on to the Lokal MED of Børn og Skole. Accounts (password {DEMO_PASSWORD}): "
        "medsekretariat, formand-<sektor>, naestformand-<sektor>."
    )
