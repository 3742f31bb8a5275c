"""Demo meetings: a main-committee meeting written for the demo in the common Danish layout,
loaded through the importer; the next meeting of every Sector MED; and a public city-council
meeting with an open and a closed item. The demo meeting's items are numbered 45-50: numbers run
through the committee's year, and the seed minutes of 27 June 2025 (items 40-41) and an
extraordinary meeting in August come before it, so those minutes import into the demo. (Items 46
and 47 travel down the MED system in the `med` app's demo.)"""

from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path

from django.utils import timezone

from dialogportal.core.workdays import spread_meeting_day
from dialogportal.meetings import political_demo
from dialogportal.meetings.importing import save_parsed_minutes
from dialogportal.meetings.models import ItemKind, Meeting, MeetingStatus
from dialogportal.meetings.services import (
    ItemContent,
    NewAttachment,
    add_item,
    plan_meeting,
    set_meeting_status,
)
from dialogportal.minutes import parse_minutes
from dialogportal.minutes.extract import read_minutes_file
from dialogportal.organisation.models import Committee, CommitteeLevel

DEMO_MINUTES = Path(__file__).resolve().parent / "demo_data" / "referat-hovedudvalg-demo.md"
MAIN_SLUG = "hovedudvalget"


def _next_weekday(start: date, weekday: int) -> date:
    """The next such weekday after `start` that is not a holiday (else a week later)."""
    return spread_meeting_day(start + timedelta(days=(weekday - start.weekday()) % 7 or 7))


def _plan_upcoming(committee: Committee, *, weeks: int, weekday: int, at: time) -> Meeting:
    """The committee's next open meeting, planned if it has none (so a re-run adds nothing)."""
    today = timezone.localdate()
    existing = Meeting.objects.next_open_for_items(committee, today)
    if existing is not None:
        return existing
    return plan_meeting(
        committee=committee,
        held_on=_next_weekday(today + timedelta(weeks=weeks), weekday),
        start_time=at,
        end_time=time(at.hour + 2, at.minute),
        place=f"{committee.unit.name if committee.unit else 'Rådhuset'}, mødelokalet",
    )


def _council_meeting(council: Committee) -> None:
    if Meeting.objects.filter(committee=council, held_on__gte=timezone.localdate()).exists():
        return
    meeting = plan_meeting(
        committee=council,
        held_on=_next_weekday(timezone.localdate() + timedelta(weeks=3), 0),
        start_time=time(18, 30),
        place="Byrådssalen",
    )
    add_item(
        meeting=meeting,
        title="Proces for den strategiske plan",
        presenter="Kommunaldirektøren",
        journal_number="00.01.00-P35-3-25",
        kind=ItemKind.DECISION,
        content=ItemContent(
            summary="Byrådet skal godkende tidsplanen for behandlingen af den strategiske plan.",
            recommendation_intro="Direktionen indstiller",
            recommendations=["at tidsplanen godkendes"],
            case_description="Planen sendes i høring i to uger, før byrådet behandler den.",
            attachments=[
                NewAttachment("Tidsplan"),
                NewAttachment("Intern risikovurdering", is_public=False),
            ],
        ),
    )
    add_item(
        meeting=meeting,
        title="Salg af grund ved Havnevej",
        kind=ItemKind.DECISION,
        is_closed=True,
        closure_reason="Forhandling om køb og salg af fast ejendom",
        content=ItemContent(summary="Tilbud fra køber og forhandlingsoplæg (fortroligt)."),
    )
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED)


def load(*, log: Callable[[str], None]) -> None:
    main = Committee.objects.filter(slug=MAIN_SLUG).first()
    if main is None:
        log("Demo meetings skipped: the demo organisation is missing.")
        return
    parsed = parse_minutes(read_minutes_file(DEMO_MINUTES), source_name=DEMO_MINUTES.name)
    log(save_parsed_minutes(parsed, MAIN_SLUG))
    _plan_upcoming(main, weeks=6, weekday=4, at=time(9, 0))
    for sector in Committee.objects.below(main).filter(level=CommitteeLevel.SECTOR):
        _plan_upcoming(sector, weeks=2, weekday=2, at=time(13, 0))
    council = Committee.objects.filter(slug="byraadet").first()
    if council is not None:
        political_demo.load(log=log)  # first: its past meetings take the year's first numbers
        _council_meeting(council)
