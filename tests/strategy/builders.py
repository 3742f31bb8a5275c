"""A plan for tests, built through the real services."""

from datetime import date, timedelta
from decimal import Decimal

from dialogportal.indicators.models import Indicator
from dialogportal.meetings.models import Meeting, MeetingStatus
from dialogportal.meetings.services import plan_meeting
from dialogportal.organisation.models import CommitteeKind
from dialogportal.organisation.services import save_committee
from dialogportal.processes.models import Process
from dialogportal.strategy.models import Goal, Initiative, StrategicPlan
from dialogportal.strategy.services import (
    InitiativeData,
    TargetData,
    save_goal,
    save_initiative,
    save_plan,
    save_target,
)
from tests.factories import first_area


def make_plan(process: Process, *, title: str = "Randers 2035") -> StrategicPlan:
    return save_plan(process=process, title=title, summary="Fælles retning.", acting_user=None)


def make_goal(plan: StrategicPlan, text: str = "Flere i job") -> Goal:
    return save_goal(plan=plan, focus_area=first_area(plan.process), text=text, acting_user=None)


def make_indicator(process: Process) -> Indicator:
    indicator = Indicator(process=process, slug="beskaeftigelse", name="Beskæftigelse", unit="pct.")
    indicator.full_clean()
    indicator.save()
    return indicator


def make_target_on(goal: Goal) -> None:
    save_target(
        goal=goal,
        data=TargetData(
            indicator=make_indicator(goal.plan.process),
            baseline_value=Decimal("72.1"),
            baseline_year=2024,
            target_value=Decimal("75"),
            target_year=2030,
            direction="increase",
        ),
        acting_user=None,
    )


def make_initiative(
    goal: Goal, *, title: str = "Jobcenter i landsbyerne", **extra: object
) -> Initiative:
    data = InitiativeData(title=title, owner_name="Jobcentret", **extra)  # type: ignore[arg-type]
    return save_initiative(goal=goal, data=data, acting_user=None)


def political_route(
    *, status: str = "planned", first_day: date | None = None
) -> tuple[Meeting, Meeting, Meeting]:
    """Teknik og Miljø → Økonomiudvalget → Byrådet, a meeting of each a week apart."""
    council = save_committee(
        slug="byraadet", name="Byrådet", kind=CommitteeKind.POLITICAL, level="city_council"
    )
    committees = [
        save_committee(
            slug=slug, name=name, kind=CommitteeKind.POLITICAL, level="standing", parent=council
        )
        for slug, name in (("teknik-miljoe", "Teknik og Miljø"), ("oekonomi", "Økonomiudvalget"))
    ]
    day = first_day or date(2030, 11, 3)
    meetings = [
        plan_meeting(
            committee=committee,
            held_on=day + timedelta(weeks=week),
            with_standard_items=False,
            status=MeetingStatus(status),
        )
        for week, committee in enumerate([*committees, council])
    ]
    return meetings[0], meetings[1], meetings[2]
