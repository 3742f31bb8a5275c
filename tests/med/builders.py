"""Test data for the MED app, built through the real services: a small municipality with two
departments, each with a Sektor MED and two Lokal MED (units and committee tree alike)."""

from dataclasses import dataclass
from datetime import date, time, timedelta
from io import BytesIO

import time_machine
from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.meetings.models import AgendaItem, ItemKind, Meeting, MeetingStatus, Outcome
from dialogportal.meetings.services import (
    ItemContent,
    NewAttachment,
    add_attachment,
    add_item,
    plan_meeting,
    record_decision,
    set_meeting_status,
)
from dialogportal.organisation.models import Committee, MembershipRole, UnitKind
from dialogportal.organisation.services import add_membership, create_unit, save_committee
from tests.factories import make_staff

# The smallest valid PDF the inputs' upload rules accept (detected by content).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Tree:
    main: Committee
    sectors: list[Committee]
    locals_: dict[int, list[Committee]]  # sector pk → its Lokal MED

    def local(self, sector: int, n: int = 0) -> Committee:
        return self.locals_[self.sectors[sector].pk][n]


def med_tree() -> Tree:
    town = create_unit(name="Testby Kommune", kind=UnitKind.MUNICIPALITY)
    main = save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main", unit=town)
    sectors: list[Committee] = []
    locals_: dict[int, list[Committee]] = {}
    for n, name in enumerate(("Børn og Skole", "Job og Social"), start=1):
        department = create_unit(name=name, kind=UnitKind.DEPARTMENT, parent=town)
        sector = save_committee(
            slug=f"sektor-{n}",
            name=f"Sektor MED {name}",
            kind="med",
            level="sector",
            parent=main,
            unit=department,
        )
        sectors.append(sector)
        locals_[sector.pk] = []
        for m, place in enumerate(("Nord", "Syd"), start=1):
            workplace = create_unit(
                name=f"{name} {place}", kind=UnitKind.WORKPLACE, parent=department
            )
            locals_[sector.pk].append(
                save_committee(
                    slug=f"lokal-{n}-{m}",
                    name=f"Lokal MED {name} {place}",
                    kind="med",
                    level="local",
                    parent=sector,
                    unit=workplace,
                )
            )
    return Tree(main=main, sectors=sectors, locals_=locals_)


def seat(user: User, committee: Committee, role: MembershipRole) -> None:
    add_membership(
        committee=committee, person_name=str(user), role=role, starts_on=date(2020, 1, 1), user=user
    )


def secretary_of(*committees: Committee, username: str = "sekr") -> User:
    user = make_staff(username, Role.COMMITTEE_SECRETARY)
    user.email = f"{username}@example.invalid"
    user.save(update_fields=["email"])
    for committee in committees:
        seat(user, committee, MembershipRole.SECRETARY)
    return user


def chair_and_vice(committee: Committee, prefix: str) -> tuple[User, User]:
    chair = make_staff(f"{prefix}-formand", Role.COMMITTEE_SECRETARY)
    vice = make_staff(f"{prefix}-naestformand", Role.COMMITTEE_SECRETARY)
    seat(chair, committee, MembershipRole.CHAIR)
    seat(vice, committee, MembershipRole.VICE_CHAIR)
    return chair, vice


def future(days: int = 14) -> date:
    return timezone.localdate() + timedelta(days=days)


def held_meeting(committee: Committee, day: date | None = None) -> Meeting:
    return plan_meeting(
        committee=committee,
        held_on=day or timezone.localdate() - timedelta(days=3),
        start_time=time(10, 0),
        with_standard_items=False,
    )


def hold(meeting: Meeting) -> Meeting:
    """Publish the agenda and mark the meeting held; a meeting still to come is held at its
    start (a meeting cannot be held before it begins)."""
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED)
    begun = max(timezone.now(), meeting.starts_at() + timedelta(minutes=1))
    with time_machine.travel(begun, tick=False):
        set_meeting_status(meeting=meeting, status=MeetingStatus.HELD)
    meeting.refresh_from_db()
    return meeting


def decided_item(
    committee: Committee,
    *,
    title: str = "Organisering af administrative funktioner",
    days_ago: int = 3,
    number: int | None = 40,
) -> AgendaItem:
    """Item 40 of a held meeting, decided, with a public file, a closed file and a title only."""
    meeting = held_meeting(committee, timezone.localdate() - timedelta(days=days_ago))
    item = add_item(
        meeting=meeting,
        title=title,
        presenter="Åse Ørnsø",
        journal_number="87.00.00-G01-10-24",
        kind=ItemKind.DECISION,
        number=number,
        content=ItemContent(
            summary="Resumé: færre udvalg og fælles administration.",
            recommendation_intro="Direktionen indstiller",
            recommendations=[
                "at tage orienteringen til efterretning",
                "at orienteringen videregives til alle Sektor MED",
            ],
            case_description="### Baggrund\n\nSagsfremstilling om servicetjek.",
            finances="Ingen økonomiske konsekvenser.",
            attachments=[NewAttachment("Plancher uden fil")],
        ),
    )
    add_attachment(
        item=item,
        acting_user=None,
        title="Plancher",
        file_name="plancher.pdf",
        data=BytesIO(PDF),
        is_public=True,
    )
    add_attachment(
        item=item,
        acting_user=None,
        title="Intern tidsplan",
        file_name="tidsplan.pdf",
        data=BytesIO(PDF),
        is_public=False,
    )
    hold(meeting)
    record_decision(
        item=item,
        text="Orienteringen blev drøftet og taget til efterretning.",
        outcomes=[Outcome.NOTED, Outcome.ADOPTED],
        acting_user=None,
    )
    item.refresh_from_db()
    return item


def next_meetings(*committees: Committee, days: int = 14) -> list[Meeting]:
    return [
        plan_meeting(
            committee=c, held_on=future(days), start_time=time(13, 0), with_standard_items=False
        )
        for c in committees
    ]
