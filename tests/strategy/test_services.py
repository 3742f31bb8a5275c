"""The plan's rules: years, progress, reasons, budgets, and traceability to feedback."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dialogportal.feedback.models import Outcome, StatusChange
from dialogportal.inputs.models import FeedbackStatus
from dialogportal.strategy.models import Initiative, InitiativeStatus, PlanStatus, Target
from dialogportal.strategy.services import (
    InitiativeData,
    TargetData,
    add_progress_update,
    link_input,
    save_initiative,
    save_plan,
    save_target,
    set_links,
)
from tests.factories import make_input, make_process
from tests.strategy.builders import (
    make_goal,
    make_indicator,
    make_initiative,
    make_plan,
    make_target_on,
)

pytestmark = pytest.mark.django_db


def test_an_adopted_plan_needs_its_adoption_date() -> None:
    process = make_process()
    with pytest.raises(ValidationError) as caught:
        save_plan(process=process, title="Plan", status=PlanStatus.ADOPTED, acting_user=None)
    assert "adopted_on" in caught.value.message_dict
    plan = save_plan(
        process=process,
        title="Plan",
        status=PlanStatus.ADOPTED,
        adopted_on=date(2025, 11, 24),
        acting_user=None,
    )
    assert plan.adopted_on == date(2025, 11, 24)


def test_saving_the_plan_twice_updates_the_one_plan_of_the_process() -> None:
    process = make_process()
    make_plan(process, title="Første")
    plan = make_plan(process, title="Anden")
    assert plan.title == "Anden"
    assert process.strategic_plan.pk == plan.pk


def test_a_target_year_must_come_after_the_baseline_year() -> None:
    goal = make_goal(make_plan(make_process()))
    data = TargetData(
        indicator=make_indicator(goal.plan.process),
        baseline_value=Decimal("70"),
        baseline_year=2030,
        target_value=Decimal("75"),
        target_year=2030,
        direction="increase",
    )
    with pytest.raises(ValidationError) as caught:
        save_target(goal=goal, data=data, acting_user=None)
    assert "target_year" in caught.value.message_dict


def test_an_increasing_target_must_go_up_and_the_database_agrees() -> None:
    goal = make_goal(make_plan(make_process()))
    indicator = make_indicator(goal.plan.process)
    with pytest.raises(ValidationError):
        save_target(
            goal=goal,
            data=TargetData(indicator, Decimal("70"), 2024, Decimal("60"), 2030, "increase"),
            acting_user=None,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            goal=goal,
            indicator=indicator,
            baseline_value=70,
            baseline_year=2024,
            target_value=60,
            target_year=2030,
            direction="increase",
        )


def test_progress_must_be_between_0_and_100() -> None:
    goal = make_goal(make_plan(make_process()))
    with pytest.raises(ValidationError) as caught:
        make_initiative(goal, progress=101)
    assert "progress" in caught.value.message_dict
    initiative = make_initiative(goal)
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(progress=150)


@pytest.mark.parametrize("status", [InitiativeStatus.PAUSED, InitiativeStatus.DROPPED])
def test_a_paused_or_dropped_initiative_needs_a_reason(status: str) -> None:
    goal = make_goal(make_plan(make_process()))
    with pytest.raises(ValidationError) as caught:
        make_initiative(goal, status=status)
    assert "status_reason" in caught.value.message_dict
    initiative = make_initiative(goal, status=status, status_reason="Afventer budget")
    assert initiative.status == status


@pytest.mark.parametrize("budget", [-1, 10**15])
def test_a_negative_or_absurd_budget_is_refused(budget: int) -> None:
    goal = make_goal(make_plan(make_process()))
    with pytest.raises(ValidationError):
        make_initiative(goal, budget_dkk=budget)


def test_an_initiative_must_end_after_it_starts() -> None:
    goal = make_goal(make_plan(make_process()))
    with pytest.raises(ValidationError) as caught:
        make_initiative(goal, starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1))
    assert "ends_on" in caught.value.message_dict


def test_a_progress_update_moves_the_initiatives_progress_and_status() -> None:
    initiative = make_initiative(make_goal(make_plan(make_process())))
    add_progress_update(
        initiative=initiative,
        given_on=date(2026, 3, 1),
        progress=40,
        note="Første hold er i gang.",
        status=InitiativeStatus.IN_PROGRESS,
        acting_user=None,
    )
    initiative.refresh_from_db()
    assert (initiative.progress, initiative.status) == (40, InitiativeStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):
        add_progress_update(
            initiative=initiative,
            given_on=date(2026, 4, 1),
            progress=50,
            note="Stop",
            status=InitiativeStatus.DROPPED,
            acting_user=None,
        )


def test_linking_an_input_marks_it_used_in_the_plan_and_records_what_it_led_to() -> None:
    process = make_process()
    item = make_input(process)
    initiative = make_initiative(make_goal(make_plan(process)))
    link_input(initiative=initiative, item=item, acting_user=None)
    link_input(initiative=initiative, item=item, acting_user=None)  # idempotent
    item.refresh_from_db()
    assert item.status == FeedbackStatus.USED
    assert StatusChange.objects.filter(input=item, to_status=FeedbackStatus.USED).count() == 1
    outcome = Outcome.objects.get(input=item)
    assert "Jobcenter i landsbyerne" in outcome.text


def test_an_input_of_another_process_cannot_be_linked() -> None:
    initiative = make_initiative(make_goal(make_plan(make_process())))
    stranger = make_input(make_process(slug="anden"))
    with pytest.raises(ValidationError):
        link_input(initiative=initiative, item=stranger, acting_user=None)


def test_set_links_makes_the_links_exactly_the_chosen_ones() -> None:
    process = make_process()
    first, second = make_input(process), make_input(process, text="Bedre busser")
    initiative = make_initiative(make_goal(make_plan(process)))
    set_links(initiative=initiative, inputs=[first, second], themes=[], acting_user=None)
    set_links(initiative=initiative, inputs=[second], themes=[], acting_user=None)
    assert list(initiative.input_links.values_list("input_id", flat=True)) == [second.pk]


def test_save_initiative_cleans_control_characters_and_keeps_danish_letters() -> None:
    goal = make_goal(make_plan(make_process()))
    initiative = save_initiative(
        goal=goal,
        data=InitiativeData(title="Æblehaver\u200b i Ørum og Ålum", owner_name="Kultur"),
        acting_user=None,
    )
    assert initiative.title == "Æblehaver i Ørum og Ålum"


def test_a_target_is_shown_with_its_plan() -> None:
    goal = make_goal(make_plan(make_process()))
    make_target_on(goal)
    assert goal.targets.count() == 1
