from collections.abc import Iterator
from typing import Any

import pytest

from dialogportal.core.demo import load_demo
from dialogportal.feedback.models import Answer
from dialogportal.indicators.models import Observation
from dialogportal.strategy import demo
from dialogportal.strategy.models import (
    Initiative,
    InitiativeInput,
    InitiativeTheme,
    StrategicPlan,
    Target,
)
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The whole demo, loaded once for this module: its tests only read it."""
    with module_data(django_db_blocker):
        load_demo(log=lambda _line: None)
        yield


@pytest.fixture
def demo_plan(_demo: None, db: None) -> StrategicPlan:
    return StrategicPlan.objects.get(process__slug="fremtidens-randers")


def test_the_demo_plan_is_built_once_with_linked_initiatives(demo_plan: StrategicPlan) -> None:
    load_demo(log=lambda _line: None)  # a second load adds nothing
    assert StrategicPlan.objects.count() == 1
    initiatives = Initiative.objects.filter(goal__plan=demo_plan)
    assert initiatives.count() == sum(len(goal.initiatives) for goal in demo.GOALS)
    assert len(set(initiatives.values_list("status", flat=True))) >= 4
    assert all(item.input_links.exists() for item in initiatives)


def test_every_demo_initiative_is_linked_only_to_inputs_and_themes_about_it(
    demo_plan: StrategicPlan,
) -> None:
    specs = {spec.title: spec for goal in demo.GOALS for spec in goal.initiatives}
    for initiative in Initiative.objects.filter(goal__plan=demo_plan).select_related("goal"):
        words = specs[initiative.title].words
        # The words are the initiative's own topic ...
        assert all(
            word in f"{initiative.title} {initiative.description}".lower() for word in words
        ), initiative.title
        # ... and every linked input shares its focus area and one of them.
        for link in initiative.input_links.select_related("input"):
            assert link.input.focus_area_id == initiative.goal.focus_area_id, initiative.title
            assert demo.mentions(link.input.text, words), (initiative.title, link.input.text)
        for theme_link in initiative.theme_links.select_related("theme"):
            texts = [m.input.text for m in theme_link.theme.members.select_related("input")]
            about = sum(demo.mentions(text, words) for text in texts)
            assert 2 * about >= len(texts) > 0, (initiative.title, theme_link.theme.title)


def test_the_village_hall_notes_back_the_initiatives_they_asked_for(
    demo_plan: StrategicPlan,
) -> None:
    linked = {
        initiative.title: {link.input.text[:20] for link in initiative.input_links.all()}
        for initiative in Initiative.objects.filter(goal__plan=demo_plan)
    }
    assert "Forsamlingshuset kun" in linked["Lokalt jobcenter i landsbyerne"]
    assert "Lad de ældre i lokal" in linked["Mentorer fra lokalsamfundet"]
    assert "Vi mangler dagplejer" in linked["Dagplejere i landsbyerne"]
    assert "Bussen til Randers k" in linked["Natbus til landsbyerne"]
    assert "Tomme huse i landsby" in linked["Pulje til nedrivning af forfaldne huse"]


def test_every_target_starts_from_the_key_figure_of_its_baseline_year(
    demo_plan: StrategicPlan,
) -> None:
    targets = Target.objects.filter(goal__plan=demo_plan).select_related("indicator")
    assert targets.count() == sum(1 for goal in demo.GOALS if goal.target)
    for target in targets:
        figure = Observation.objects.get(
            indicator=target.indicator,
            area_code=demo.MUNICIPALITY,
            period=str(target.baseline_year),
        )
        assert target.baseline_value == figure.value, target.indicator.slug


def test_only_answers_to_linked_themes_and_inputs_say_they_are_in_the_plan(
    demo_plan: StrategicPlan,
) -> None:
    themes = set(InitiativeTheme.objects.values_list("theme_id", flat=True))
    inputs = set(InitiativeInput.objects.values_list("input_id", flat=True))
    claiming = [
        answer
        for answer in Answer.objects.filter(process=demo_plan.process)
        if "strategiske plan" in f"{answer.explanation} {answer.text}"
    ]
    assert claiming
    for answer in claiming:
        assert answer.theme_id in themes or answer.input_id in inputs, answer.explanation
        assert answer.answered_at.date() >= demo.ADOPTED_ON  # not before the plan existed
