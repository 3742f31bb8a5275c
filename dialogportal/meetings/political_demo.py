"""Demo of the political committees: Teknik og Miljø beside Økonomiudvalget under Byrådet, with
made-up politicians (party letter after the name), a political secretariat, and one case that
went Teknik og Miljø → Økonomiudvalget → Byrådet with a decision at each step, a vote and a
protokoltilførsel at Byrådet, a closed item with a public title and a published decision, and
minutes signed by the members present. Next meetings of Teknik og Miljø and Økonomiudvalget
are planned for a new case. Idempotent: nothing happens once Teknik og Miljø exists."""

from collections.abc import Callable
from datetime import date, time, timedelta
from io import BytesIO

from django.utils import timezone
from django.utils.html import escape

from dialogportal.accounts.demo import DEMO_PASSWORD
from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user
from dialogportal.core.pdf import render_pdf
from dialogportal.core.workdays import spread_meeting_day
from dialogportal.meetings.models import (
    AgendaItem,
    AttendanceKind,
    ItemKind,
    Meeting,
    MeetingStatus,
    NoteKind,
    Outcome,
    VoteChoice,
)
from dialogportal.meetings.services import (
    ItemContent,
    VoteLine,
    add_attachment,
    add_item,
    add_protocol_note,
    approve_minutes,
    forward_item,
    open_case,
    plan_meeting,
    plan_route,
    record_decision,
    record_vote,
    set_item_attendance,
    set_meeting_status,
    update_meeting_details,
)
from dialogportal.meetings.services.cases import RouteStep
from dialogportal.organisation.models import (
    Committee,
    CommitteeKind,
    CommitteeLevel,
    MembershipRole,
    MembershipSide,
)
from dialogportal.organisation.services import add_membership, save_committee

PERIOD_START = date(2022, 1, 1)
TMU_SLUG = "teknik-og-miljoe"
# (username, name as in the member lists, party, role): the mayor chairs Byrådet and
# Økonomiudvalget, the deputy mayor chairs Teknik og Miljø, the third is a member.
POLITICIANS = (
    ("borgmester", "Birgitte Borg", "A", Role.COMMITTEE_CHAIR),
    ("viceborgmester", "Villads Vinther", "V", Role.COMMITTEE_CHAIR),
    ("byraadsmedlem", "Cecilie Clausen", "C", Role.COMMITTEE_MEMBER),
)
# The city council's seats per party (31 in all); the named politicians hold the first seats.
COUNCIL_SEATS = {"A": 12, "V": 7, "C": 3, "O": 2, "F": 3, "Ø": 2, "B": 1, "Å": 1}
FIRST = (
    "Aksel", "Bodil", "Carsten", "Ditte", "Egon", "Freja", "Georg", "Hanne", "Ivan", "Jytte",
    "Knud", "Lis", "Mogens", "Nina", "Otto", "Pernille", "Rune", "Sanne", "Tage", "Ulla",
)  # fmt: skip
LAST = ("Andersen", "Bundgaard", "Dahl", "Eskildsen", "Frost", "Gregersen", "Hvid", "Krogh")


def _member_name(party: str, n: int) -> str:
    seed = sum(map(ord, party)) + n * 7
    return f"{FIRST[seed % len(FIRST)]} {LAST[(seed // 3) % len(LAST)]} ({party})"


def _accounts() -> dict[str, tuple[User, str]]:
    found = {}
    for username, name, party, role in POLITICIANS:
        user = create_staff_user(
            username=username,
            password=DEMO_PASSWORD,
            full_name=name,
            email=f"{username}@demo.invalid",
            roles=[role],
        )
        found[username] = (user, f"{name} ({party})")
    return found


def _seat(committee: Committee, name: str, role: MembershipRole, user: User | None = None) -> None:
    add_membership(
        committee=committee,
        person_name=name,
        role=role,
        side=MembershipSide.POLITICAL,
        starts_on=PERIOD_START,
        user=user,
    )


def _committees(accounts: dict[str, tuple[User, str]]) -> tuple[Committee, Committee, Committee]:
    council = Committee.objects.get(slug="byraadet")
    finance = Committee.objects.get(slug="oekonomiudvalget")
    technical = save_committee(
        slug=TMU_SLUG,
        name="Teknik og Miljø",
        kind=CommitteeKind.POLITICAL,
        level=CommitteeLevel.STANDING,
        parent=council,
    )
    mayor, deputy, member = (accounts[u] for u, _n, _p, _r in POLITICIANS)
    # Byrådet: the named politicians first, then made-up members up to each party's seats.
    _seat(council, mayor[1], MembershipRole.CHAIR, mayor[0])
    _seat(council, deputy[1], MembershipRole.VICE_CHAIR, deputy[0])
    _seat(council, member[1], MembershipRole.MEMBER, member[0])
    named = {"A": 1, "V": 1, "C": 1}
    for party, seats in COUNCIL_SEATS.items():
        for n in range(named.get(party, 0), seats):
            _seat(council, _member_name(party, n), MembershipRole.MEMBER)
    _seat(finance, mayor[1], MembershipRole.CHAIR, mayor[0])
    _seat(finance, deputy[1], MembershipRole.MEMBER, deputy[0])
    for party, n in (("A", 1), ("A", 2), ("V", 1), ("O", 0), ("F", 0), ("C", 1), ("Ø", 0)):
        _seat(finance, _member_name(party, n), MembershipRole.MEMBER)
    _seat(technical, deputy[1], MembershipRole.CHAIR, deputy[0])
    _seat(technical, member[1], MembershipRole.MEMBER, member[0])
    for party, n in (("A", 3), ("A", 4), ("V", 2), ("F", 1), ("Ø", 1)):
        _seat(technical, _member_name(party, n), MembershipRole.MEMBER)
    secretary = create_staff_user(
        username="byraadssekretaer",
        password=DEMO_PASSWORD,
        full_name="Bjørn Byrådssekretær",
        email="byraadssekretaer@demo.invalid",
        roles=[Role.COMMITTEE_SECRETARY],
    )
    for committee in (council, finance, technical):
        _seat(committee, str(secretary), MembershipRole.SECRETARY, secretary)
    return technical, finance, council


def _meeting(committee: Committee, day: date, at: time, place: str) -> Meeting:
    """A meeting on `day`, or the next day a meeting can be held (the dates are relative to
    today; the seven-day gaps between them keep their order)."""
    return plan_meeting(
        committee=committee,
        held_on=spread_meeting_day(day),
        start_time=at,
        end_time=time(at.hour + 2),
        place=place,
    )


def _decide_standard_items(meeting: Meeting) -> None:
    for item in meeting.items.filter(is_standard=True):
        text = "Godkendt." if item.kind == ItemKind.DECISION else "Intet."
        record_decision(item=item, text=text, acting_user=None)


def _hold(meeting: Meeting) -> None:
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED)
    set_meeting_status(meeting=meeting, status=MeetingStatus.HELD)


def _sign(meeting: Meeting, signers: list[User]) -> None:
    set_meeting_status(meeting=meeting, status=MeetingStatus.MINUTES_DRAFT)
    for user in signers:
        approve_minutes(meeting=meeting, acting_user=user)


CASE_TEXT = ItemContent(
    summary=(
        "Forvaltningen har udarbejdet en trafiksikkerhedsplan for 2026–2029 med 14 indsatser "
        "ved skoleveje og i landsbyerne. Planen forelægges til godkendelse."
    ),
    recommendation_intro="Direktøren for Teknik og Miljø indstiller,",
    recommendations=[
        "at trafiksikkerhedsplanen for 2026–2029 godkendes, og",
        "at der afsættes 4.500.000 kr. årligt til indsatserne.",
    ],
    case_description=(
        "### Baggrund\n\nAntallet af trafikuheld med børn er steget de seneste tre år, især på "
        "skolevejene i Nørrebyen og i landsbyerne.\n\n### Indsatserne\n\n"
        "- 30 km/t-zoner ved seks skoler\n- Sikre krydsninger på fire landeveje\n"
        "- Kampagner i samarbejde med skolerne"
    ),
    finances="Planen koster 4.500.000 kr. årligt i fire år, i alt 18.000.000 kr.",
)
PLAN_TITLE = "Trafiksikkerhedsplan 2026–2029"


def _plan_pdf() -> bytes:
    """The case's bilag as a real (one-page, made-up) PDF, so the demo's attachment opens."""
    html = (
        f'<html lang="da"><head><meta charset="utf-8"><title>{escape(PLAN_TITLE)}</title></head>'
        f"<body><h1>{escape(PLAN_TITLE)}</h1><p>{escape(CASE_TEXT.summary or '')}</p>"
        "<ul><li>30 km/t-zoner ved seks skoler</li><li>Sikre krydsninger på fire landeveje</li>"
        "<li>Kampagner i samarbejde med skolerne</li></ul></body></html>"
    )
    return render_pdf(html)


def load(*, log: Callable[[str], None]) -> None:
    if Committee.objects.filter(slug=TMU_SLUG).exists():
        return
    if not Committee.objects.filter(slug="byraadet").exists():
        log("Political demo skipped: the demo organisation is missing.")
        return
    accounts = _accounts()
    technical, finance, council = _committees(accounts)
    mayor, deputy, member = (accounts[u][0] for u, _n, _p, _r in POLITICIANS)
    today = timezone.localdate()
    tmu = _meeting(technical, today - timedelta(days=42), time(15), "Rådhuset, mødelokale 2")
    ou = _meeting(finance, today - timedelta(days=35), time(14), "Rådhuset, borgmesterens kontor")
    br = _meeting(council, today - timedelta(days=28), time(18, 30), "Byrådssalen")
    case = open_case(
        journal_number="05.00.00-P20-4-25",
        title="Trafiksikkerhedsplan 2026–2029",
        acting_user=None,
    )
    plan_route(
        case=case,
        steps=[RouteStep(m.committee, m) for m in (tmu, ou, br)],
        acting_user=None,
    )
    first = add_item(
        meeting=tmu,
        title="Trafiksikkerhedsplan 2026–2029",
        presenter="Direktøren for Teknik og Miljø",
        journal_number=case.journal_number,
        kind=ItemKind.DECISION,
        content=CASE_TEXT,
        case=case,
    )
    add_attachment(
        item=first,
        acting_user=None,
        title=PLAN_TITLE,
        file_name="trafiksikkerhedsplan-2026-2029.pdf",
        data=BytesIO(_plan_pdf()),
        is_public=True,
    )
    _hold(tmu)
    _decide_standard_items(tmu)
    record_decision(
        item=first,
        text="Teknik og Miljø anbefaler indstillingen over for Økonomiudvalget og Byrådet.",
        outcomes=[Outcome.ADOPTED, Outcome.ADOPTED],
        acting_user=None,
    )
    _sign(tmu, [deputy, member])

    second = forward_item(item=first, meeting=ou, acting_user=None)
    _hold(ou)
    _decide_standard_items(ou)
    record_decision(
        item=second,
        text="Anbefales over for Byrådet. Finansieringen indgår i budgetforhandlingerne.",
        outcomes=[Outcome.ADOPTED, Outcome.ADOPTED],
        acting_user=None,
    )
    _sign(ou, [mayor, deputy])

    third = forward_item(item=second, meeting=br, acting_user=None)
    sale = add_item(
        meeting=br,
        title="Salg af grund ved Lergravsvej",
        kind=ItemKind.DECISION,
        is_closed=True,
        closure_reason="Forhandling om salg af fast ejendom",
        public_title="Salg af grund",
        content=ItemContent(summary="Køber og pris (fortroligt)."),
    )
    AgendaItem.objects.filter(pk=sale.pk).update(
        public_decision="Byrådet godkendte salget af grunden."
    )
    excused = [_member_name("O", 1), _member_name("Ø", 1)]
    update_meeting_details(meeting=br, excused="\n".join(excused))
    _hold(br)
    _decide_standard_items(br)
    record_decision(
        item=third,
        text="Indstillingen blev godkendt.",
        outcomes=[Outcome.ADOPTED, Outcome.ADOPTED],
        acting_user=None,
    )
    record_vote(
        item=third,
        motion="Indstillingen",
        lines=[
            VoteLine("A", VoteChoice.FOR, 12),
            VoteLine("V", VoteChoice.FOR, 7),
            VoteLine("C", VoteChoice.FOR, 3),
            VoteLine("O", VoteChoice.AGAINST, 1),
            VoteLine("F", VoteChoice.AGAINST, 3),
            VoteLine("Ø", VoteChoice.AGAINST, 1),
            VoteLine("B", VoteChoice.ABSTAIN, 1),
            VoteLine("Å", VoteChoice.ABSTAIN, 1),
        ],
        acting_user=None,
    )
    add_protocol_note(
        item=third,
        kind=NoteKind.PROTOCOL_NOTE,
        author="Enhedslisten (Ø)",
        text="Enhedslisten ønsker ført til protokol, at planen bør prioritere cykelstier højere.",
        acting_user=None,
    )
    set_item_attendance(
        item=sale,
        person_name=_member_name("V", 1),
        kind=AttendanceKind.CONFLICT,
        note="Nær familie til køberen",
        acting_user=None,
    )
    record_decision(item=sale, text="Salget blev godkendt.", acting_user=None)
    _sign(br, [mayor, deputy, member])

    # The next meetings, for a new case (e.g. the strategic plan's council case).
    _meeting(technical, today + timedelta(days=7), time(15), "Rådhuset, mødelokale 2")
    _meeting(finance, today + timedelta(days=14), time(14), "Rådhuset, borgmesterens kontor")
    log(
        "Demo political committees: Teknik og Miljø, Økonomiudvalget and Byrådet with a case "
        "through all three. Accounts (password "
        f"{DEMO_PASSWORD}): byraadssekretaer, borgmester, viceborgmester, byraadsmedlem."
    )
