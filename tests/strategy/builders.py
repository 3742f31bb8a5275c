"""A plan for tests, built through the real services."""

from decimal import Decimal

from dialogportal.indicators.models import Indicator
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
