"""The demo step answers a few themes of the demo process, once."""

import pytest

from dialogportal.feedback import demo
from dialogportal.feedback.models import Answer, AnswerTemplate, Outcome, StatusChange
from dialogportal.inputs.models import Input
from dialogportal.processes.demo import DEMO_PROCESS_SLUG
from tests.feedback import builders

TEXTS = (
    "Mindre dokumentation og mere tid til borgerne.",
    "Foreningerne mangler lokaler om aftenen.",
    "Vejene ved Gassum er fulde af huller.",
    "Flere cykelstier, tak.",
    "Flere træer i byen.",
    "Bedre busforbindelser.",
    "Kommunens hjemmeside er svær at finde rundt på.",
    "Flere bænke i parken.",
)


@pytest.mark.django_db
def test_demo_answers_the_themes_about_its_words_once_and_loading_again_changes_nothing() -> None:
    process = builders.small_process(DEMO_PROCESS_SLUG)
    items = [builders.contributed(process, text=text, area_slug="omraade-1") for text in TEXTS]
    builders.themed_run(process, {f"Tema {n}": [items[n]] for n in range(6)})
    builders.staff("proces")
    lines: list[str] = []
    demo.load(log=lines.append)
    counts = (
        Answer.objects.count(),
        AnswerTemplate.objects.count(),
        Outcome.objects.count(),
        StatusChange.objects.count(),
    )
    assert counts[:3] == (4, 2, 0)  # three themes and the one input outside every theme
    statuses = dict(Input.objects.values_list("text", "status"))
    assert statuses[TEXTS[0]] == "partly_used"
    assert statuses[TEXTS[1]] == "considered"
    assert statuses[TEXTS[2]] == "answered_elsewhere"
    assert statuses[TEXTS[6]] == "answered_elsewhere"
    assert statuses[TEXTS[3]] == statuses[TEXTS[7]] == "received"
    # Only strategy.demo, which links themes to initiatives, says something is in the plan.
    assert not any("strategiske plan" in a.explanation for a in Answer.objects.all())
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
