"""MED's part of the privacy rule: hearing answers, the administration's comments and
acknowledgement comments are free text about people. Erasing an address removes it from them
(and from the audit log's copies); when a hearing's process is due, screening hits go."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.med.models import AuditEntry, Cascade, Hearing, HearingAnswer, HearingPart
from dialogportal.med.services import (
    acknowledge_cascade,
    cascade_item,
    comment_on_answer,
    save_answer,
    start_hearing,
)
from dialogportal.privacy.retention import apply_retention
from dialogportal.privacy.subjects import erase_subject, find_subject
from dialogportal.processes.models import Process
from tests.med.builders import decided_item, future, med_tree, next_meetings
from tests.moderation import builders

pytestmark = pytest.mark.django_db

EMAIL, CPR, PHONE = "karen@example.dk", "010190-1234", "20 30 40 50"


def _hearing(
    tree, process: Process | None = None, *, days_ago: int = 3, number: int = 40
) -> Hearing:
    return start_hearing(
        committee=tree.main,
        title="Organisering af administrative funktioner",
        answer_by=future(20),
        parts=tree.sectors[:1],
        acting_user=None,
        source_item=decided_item(tree.main, days_ago=days_ago, number=number),
        process=process,
    )


def _mentions(value: str) -> list[str]:
    found = []
    for field in ("summary", "text", "management_view", "employee_view"):
        if HearingAnswer.objects.filter(**{f"{field}__icontains": value}).exists():
            found.append(f"HearingAnswer.{field}")
    if HearingPart.objects.filter(administration_comment__icontains=value).exists():
        found.append("HearingPart.administration_comment")
    if Cascade.objects.filter(comment__icontains=value).exists():
        found.append("Cascade.comment")
    for field in ("before", "after"):
        if AuditEntry.objects.filter(**{f"{field}__icontains": value}).exists():
            found.append(f"AuditEntry.{field}")
    return found


def test_erasing_an_address_removes_it_from_answers_comments_and_their_audit_copies() -> None:
    tree = med_tree()
    part = _hearing(tree).parts.get()
    save_answer(
        part=part,
        acting_user=None,
        text=f"Spørg Karen ({EMAIL}) om vagtplanen.",
        employee_view=f"Medarbejdersiden har talt med {EMAIL.upper()}.",
    )
    comment_on_answer(
        part=part, acting_user=None, comment=f"Se svaret fra {EMAIL}.", changes_proposal="no"
    )
    next_meetings(tree.sectors[1])
    (cascade,) = cascade_item(
        item=decided_item(tree.main, days_ago=4, number=41),
        targets=[tree.sectors[1]],
        acting_user=None,
    )
    acknowledge_cascade(
        cascade=cascade,
        acting_user=None,
        comment=f"Drøftet med {EMAIL}.",
        reason="Behandlet på mail i udvalget",
    )
    manager = builders.staff("procesleder", Role.PROCESS_MANAGER)
    assert len(find_subject(user=manager, email=EMAIL).records["med_texts"]) == 3
    assert _mentions(EMAIL) == [
        "HearingAnswer.text",
        "HearingAnswer.employee_view",
        "HearingPart.administration_comment",
        "Cascade.comment",
        "AuditEntry.after",
    ]

    erase_subject(user=manager, email=EMAIL)

    assert _mentions(EMAIL) == []
    answer = HearingAnswer.objects.get()
    assert answer.text == "Spørg Karen ([fjernet]) om vagtplanen."  # the rest is the record
    assert find_subject(user=manager, email=EMAIL).records["med_texts"] == []


def test_screening_hits_leave_the_answers_of_a_due_process_only() -> None:
    tree = med_tree()
    due = builders.process(slug="udloebet")
    kept = builders.process(slug="aktiv")
    today = timezone.localdate()
    Process.objects.filter(pk=due.pk).update(personal_data_removed_on=today - timedelta(days=1))
    Process.objects.filter(pk=kept.pk).update(personal_data_removed_on=today + timedelta(days=30))
    due_part = _hearing(tree, due).parts.get()
    kept_part = _hearing(tree, kept, days_ago=4, number=41).parts.get()
    for part in (due_part, kept_part):
        save_answer(
            part=part,
            acting_user=None,
            text=f"Vi støtter forslaget. Ring til tillidsrepræsentanten på {PHONE}.",
            summary=f"Støtte; CPR {CPR} bør ikke stå her",
        )
        comment_on_answer(
            part=part, acting_user=None, comment=f"Ring på {PHONE}.", changes_proposal="no"
        )

    apply_retention(today=today)
    apply_retention(today=today)  # idempotent

    due_answer = HearingAnswer.objects.get(part=due_part)
    assert due_answer.text == "Vi støtter forslaget. Ring til tillidsrepræsentanten på [fjernet]."
    assert due_answer.summary == "Støtte; CPR [fjernet] bør ikke stå her"
    for value in (PHONE, CPR):
        assert not AuditEntry.objects.filter(hearing=due_part.hearing, after__icontains=value)
        assert AuditEntry.objects.filter(hearing=kept_part.hearing, after__icontains=value)
    # Another process's hearing is not touched.
    assert HearingAnswer.objects.get(text__icontains=PHONE).part == kept_part
    due_part.refresh_from_db()
    assert due_part.administration_comment == "Ring på [fjernet]."
