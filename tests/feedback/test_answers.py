"""Answers to one input, a theme or a duplicate group; statuses and their log; templates and
outcomes."""

import pytest
from django.core.exceptions import ValidationError

from dialogportal.feedback import services
from dialogportal.feedback.models import Answer, InputAnswer, StatusChange
from dialogportal.feedback.queries import receipt_feedback
from dialogportal.inputs.models import FeedbackStatus, Input
from tests.feedback import builders

pytestmark = pytest.mark.django_db


def _three(process: object) -> list[Input]:
    return [
        builders.contributed(
            process,  # type: ignore[arg-type]
            text=f"Flere cykelstier langs Gudenåen nummer {n}, tak.",
            area_slug="omraade-1",
            email=f"person{n}@example.dk",
        )
        for n in range(3)
    ]


def test_answering_a_theme_reaches_every_member_input_and_logs_each_change() -> None:
    process = builders.small_process()
    members = _three(process)
    outsider = builders.contributed(
        process, text="Noget helt andet om busser.", area_slug="omraade-1"
    )
    run = builders.themed_run(process, {"Cykelstier": members, "Busser": [outsider]})
    manager = builders.staff()
    theme = builders.curated(run, "Cykelstier")

    answer = services.answer_theme(
        theme=theme,
        status=FeedbackStatus.USED,
        explanation="Indgår i planen.",
        text="Vi bygger cykelstien i 2027.",
        acting_user=manager,
    )

    assert set(InputAnswer.objects.filter(answer=answer).values_list("input_id", flat=True)) == {
        m.pk for m in members
    }
    for member in members:
        member.refresh_from_db()
        assert member.status == FeedbackStatus.USED
        feedback = receipt_feedback(member)
        assert feedback.answer_text == "Vi bygger cykelstien i 2027."
        assert feedback.explanation == "Indgår i planen."
        change = StatusChange.objects.get(input=member)
        assert (change.from_status, change.to_status) == ("received", "used")
        assert change.changed_by == manager
        assert change.answer == answer
    outsider.refresh_from_db()
    assert outsider.status == FeedbackStatus.RECEIVED
    assert not receipt_feedback(outsider).has_answer


def test_answering_a_duplicate_group_reaches_every_copy() -> None:
    process = builders.small_process()
    copies = _three(process)
    run = builders.themed_run(process, {"Cykelstier": copies})
    group = builders.duplicate_group(run, copies)
    services.answer_duplicate_group(
        group=group, status=FeedbackStatus.NOT_PURSUED, text="Nej tak.", acting_user=None
    )
    assert set(Input.objects.values_list("status", flat=True)) == {"not_pursued"}
    assert Answer.objects.get().target_label == "Gruppe af 3 ens input"


def test_a_later_individual_answer_wins_over_the_theme_answer_on_the_receipt() -> None:
    process = builders.small_process()
    members = _three(process)
    run = builders.themed_run(process, {"Cykelstier": members})
    services.answer_theme(
        theme=builders.curated(run, "Cykelstier"),
        status="considered",
        text="Vi overvejer det.",
        acting_user=None,
    )
    services.answer_input(
        item=members[0], status="used", text="Dit forslag er med i planen.", acting_user=None
    )
    assert receipt_feedback(members[0]).answer_text == "Dit forslag er med i planen."
    assert receipt_feedback(members[1]).answer_text == "Vi overvejer det."
    assert StatusChange.objects.filter(input=members[0]).count() == 2


@pytest.mark.parametrize(
    ("status", "text", "field"),
    [
        ("used", "", "text"),
        ("used", "   \u200b\n ", "text"),
        ("no-such-status", "Svar", "status"),
        ("used", "x" * 10_001, "text"),
    ],
)
def test_an_invalid_answer_is_refused_with_a_danish_message_and_changes_nothing(
    status: str, text: str, field: str
) -> None:
    process = builders.small_process()
    item = builders.contributed(process, text="Flere cykelstier, tak.", area_slug="omraade-1")
    with pytest.raises(ValidationError) as caught:
        services.answer_input(item=item, status=status, text=text, acting_user=None)
    assert field in caught.value.message_dict
    item.refresh_from_db()
    assert item.status == "received"
    assert not Answer.objects.exists()
    assert not StatusChange.objects.exists()


def test_set_status_without_an_answer_is_logged_with_its_explanation() -> None:
    process = builders.small_process()
    item = builders.contributed(process, text="Flere cykelstier, tak.", area_slug="omraade-1")
    change = services.set_status(
        item=item, status="considered", explanation="Læses af styregruppen.", acting_user=None
    )
    item.refresh_from_db()
    assert item.status == "considered"
    assert change.explanation == "Læses af styregruppen."
    assert not receipt_feedback(item).has_answer


def test_answer_templates_have_unique_titles_in_a_process() -> None:
    process = builders.small_process()
    template = services.create_answer_template(
        process=process, title="Med i planen", text="Tak, det er med.", acting_user=None
    )
    with pytest.raises(ValidationError) as caught:
        services.create_answer_template(
            process=process, title=" Med  i planen ", text="Igen.", acting_user=None
        )
    assert "title" in caught.value.message_dict
    item = builders.contributed(process, text="Flere cykelstier, tak.", area_slug="omraade-1")
    answer = services.answer_input(
        item=item, status=template.status, text=template.text, template=template, acting_user=None
    )
    assert answer.template == template


def test_an_outcome_belongs_to_exactly_one_input_or_theme() -> None:
    process = builders.small_process()
    item = builders.contributed(process, text="Flere cykelstier, tak.", area_slug="omraade-1")
    with pytest.raises(ValidationError):
        services.add_outcome(text="Indsats 2.1", acting_user=None)
    with pytest.raises(ValidationError):
        services.add_outcome(text="", item=item, acting_user=None)
    services.add_outcome(text="Indsats 2.1 i planen", item=item, acting_user=None)
    assert [str(o) for o in receipt_feedback(item).outcomes] == ["Indsats 2.1 i planen"]
