"""The demo step answers a few themes of the demo process, once."""

import pytest

from dialogportal.feedback import demo
from dialogportal.feedback.models import Answer, AnswerTemplate, Outcome, StatusChange
from dialogportal.inputs.models import Input
from dialogportal.processes.demo import DEMO_PROCESS_SLUG
from tests.feedback import builders


@pytest.mark.django_db
def test_demo_answers_themes_once_and_loading_again_changes_nothing() -> None:
    process = builders.small_process(DEMO_PROCESS_SLUG)
    items = [
        builders.contributed(
            process, text=f"Flere cykelstier nummer {n}, tak.", area_slug="omraade-1"
        )
        for n in range(8)
    ]
    builders.themed_run(
        process,
        {f"Tema {n}": [items[n]] for n in range(6)},
    )
    builders.staff("proces")
    lines: list[str] = []
    demo.load(log=lines.append)
    counts = (
        Answer.objects.count(),
        AnswerTemplate.objects.count(),
        Outcome.objects.count(),
        StatusChange.objects.count(),
    )
    assert counts[0] == 3  # two themes (every third) and one single input
    assert counts[1] == 2
    assert counts[2] == 1
    assert set(Input.objects.values_list("status", flat=True)) >= {"used", "not_pursued"}
    demo.load(log=lines.append)
    assert (
        Answer.objects.count(),
        AnswerTemplate.objects.count(),
        Outcome.objects.count(),
        StatusChange.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_demo_without_the_demo_process_or_an_analysis_does_nothing() -> None:
    lines: list[str] = []
    demo.load(log=lines.append)
    builders.small_process(DEMO_PROCESS_SLUG)
    demo.load(log=lines.append)
    assert not Answer.objects.exists()
    assert lines == ["Feedback: the demo process has no finished analysis; no demo answers."]
