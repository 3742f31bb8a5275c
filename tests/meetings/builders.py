"""Test data for meetings, built through the real services."""

from datetime import date, time, timedelta

from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.meetings.models import AgendaItem, ItemKind, Meeting, MeetingStatus
from dialogportal.meetings.services import (
    ItemContent,
    NewAttachment,
    add_item,
    approve_minutes,
    plan_meeting,
    set_meeting_status,
    update_meeting_details,
)
from dialogportal.organisation.models import Committee, MembershipRole
from dialogportal.organisation.services import add_membership, save_committee
from tests.factories import make_staff

SECRET = "HEMMELIGT-INDHOLD-ÆØÅ"
SECRET_ATTACHMENT = "Fortroligt bilag ØKONOMI-X"


def med_tree(*, sectors: int = 3) -> tuple[Committee, list[Committee]]:
    main = save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    children = [
        save_committee(
            slug=f"sektor-{n}", name=f"Sektor MED {n}", kind="med", level="sector", parent=main
        )
        for n in range(1, sectors + 1)
    ]
    save_committee(
        slug="lokal-1", name="Lokal MED 1", kind="med", level="local", parent=children[0]
    )
    return main, children


def seat(user: User, committee: Committee, role: MembershipRole) -> None:
    add_membership(
        committee=committee,
        person_name=str(user),
        role=role,
        starts_on=date(2020, 1, 1),
        user=user,
    )


def secretary_of(*committees: Committee, username: str = "sekr") -> User:
    user = make_staff(username, Role.COMMITTEE_SECRETARY)
    for committee in committees:
        seat(user, committee, MembershipRole.SECRETARY)
    return user


def future(days: int = 14) -> date:
    return timezone.localdate() + timedelta(days=days)


def full_item(meeting: Meeting, *, closed: bool = False, title: str = "Budget") -> AgendaItem:
    return add_item(
        meeting=meeting,
        title=title,
        presenter="Åse Ørnsø",
        journal_number="87.00.00-G01-10-24",
        kind=ItemKind.DECISION,
        is_closed=closed,
        content=ItemContent(
            summary=f"Resumé {SECRET if closed else 'åbent'}",
            recommendation_intro="Direktionen indstiller",
            recommendations=[f"at godkende {SECRET if closed else 'forslaget'}"],
            decision=f"Beslutning {SECRET if closed else 'truffet'}",
            case_description=f"### Baggrund\n\nSagen {SECRET if closed else 'beskrevet'}",
            finances=f"Økonomi {SECRET if closed else 'uændret'}",
            attachments=[
                NewAttachment(f"Åbent bilag {title}"),
                NewAttachment(SECRET_ATTACHMENT, is_public=False),
            ],
        ),
    )


def approved_meeting(committee: Committee) -> tuple[Meeting, AgendaItem, AgendaItem]:
    """A meeting with an open and a closed item whose minutes chair and vice-chair approved."""
    meeting = plan_meeting(
        committee=committee,
        held_on=date(2025, 6, 27),
        start_time=time(10, 30),
        place="Rådhuset",
        with_standard_items=False,
    )
    open_item = full_item(meeting, title="Åbent punkt om budget")
    closed_item = full_item(meeting, closed=True, title=f"Personalesag {SECRET}")
    for status in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT):
        set_meeting_status(meeting=meeting, status=status)
    chair = make_staff("formand", Role.COMMITTEE_SECRETARY)
    vice = make_staff("naestformand", Role.COMMITTEE_SECRETARY)
    seat(chair, committee, MembershipRole.CHAIR)
    seat(vice, committee, MembershipRole.VICE_CHAIR)
    approve_minutes(meeting=meeting, acting_user=chair)
    approve_minutes(meeting=meeting, acting_user=vice)
    for obj in (meeting, open_item, closed_item):
        obj.refresh_from_db()  # numbered when the agenda was published
    return meeting, open_item, closed_item


def agenda_meeting(committee: Committee, *, published: bool = True) -> Meeting:
    """A meeting without standard items, its agenda published unless told otherwise."""
    return plan_meeting(
        committee=committee,
        held_on=future(),
        with_standard_items=False,
        status=MeetingStatus.AGENDA_PUBLISHED if published else MeetingStatus.PLANNED,
    )


# --- political committees ---------------------------------------------------------------------


def political_committees() -> tuple[Committee, Committee, Committee]:
    """Byrådet with Teknik og Miljø and Økonomiudvalget under it."""
    council = save_committee(
        slug="byraadet", name="Byrådet", kind="political", level="city_council"
    )
    technical, finance = (
        save_committee(slug=slug, name=name, kind="political", level="standing", parent=council)
        for slug, name in (("tmu", "Teknik og Miljø"), ("oeu", "Økonomiudvalget"))
    )
    return technical, finance, council


def seat_members(committee: Committee, *names: str) -> None:
    """Members without an account (they neither sign nor log in)."""
    for name in names:
        add_membership(
            committee=committee,
            person_name=name,
            role=MembershipRole.MEMBER,
            starts_on=date(2020, 1, 1),
        )


def politician(username: str, name: str, *seats: tuple[Committee, MembershipRole]) -> User:
    """A member with an account, seated as `name` (the name in the member list)."""
    user = make_staff(username, Role.COMMITTEE_SECRETARY)
    user.groups.clear()  # a politician, not a secretary
    for committee, role in seats:
        add_membership(
            committee=committee, person_name=name, role=role, starts_on=date(2020, 1, 1), user=user
        )
    return user


def planned_meeting(committee: Committee, held_on: date, *, excused: str = "") -> Meeting:
    """A meeting at 16:00 without standard items, with afbud if given; `hold` it later."""
    meeting = plan_meeting(
        committee=committee, held_on=held_on, start_time=time(16, 0), with_standard_items=False
    )
    if excused:
        update_meeting_details(meeting=meeting, excused=excused, acting_user=None)
    return meeting


def hold(meeting: Meeting) -> Meeting:
    for status in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD):
        set_meeting_status(meeting=meeting, status=status)
    meeting.refresh_from_db()
    return meeting
