"""Hearings in MED: parts from the tree, formal answers approved by chair and vice-chair,
late answers, the høringsnotat and the decision item; every bad input refused whole."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from dialogportal.med.exports import hearing_note_docx, hearing_note_pdf
from dialogportal.med.models import (
    AuditAction,
    AuditEntry,
    Hearing,
    HearingPart,
    HearingReminder,
    HearingStatus,
    PartStatus,
)
from dialogportal.med.services import (
    add_answer_file,
    approve_answer,
    comment_on_answer,
    generate_decision_item,
    save_answer,
    start_hearing,
)
from dialogportal.med.tasks import send_due_hearing_reminders, send_hearing_notice
from dialogportal.meetings.models import SectionKind
from tests.med.builders import (
    PDF,
    chair_and_vice,
    decided_item,
    future,
    med_tree,
    next_meetings,
    secretary_of,
)

pytestmark = pytest.mark.django_db


def _hearing(tree, **overrides) -> Hearing:
    item = overrides.pop("source_item", None) or decided_item(tree.main)
    values = {
        "committee": tree.main,
        "title": "Organisering af administrative funktioner",
        "answer_by": future(20),
        "parts": tree.sectors,
        "acting_user": None,
        "material": "Hvilke opgaver bør samles centralt?",
        "source_item": item,
    }
    values.update(overrides)
    return start_hearing(**values)


def _answer(part: HearingPart, prefix: str, **answer) -> None:
    chair, vice = chair_and_vice(part.committee, prefix)
    save_answer(part=part, acting_user=None, **{"text": "Vi støtter forslaget.", **answer})
    approve_answer(part=part, acting_user=chair)
    approve_answer(part=part, acting_user=vice)


def test_every_part_gets_the_hearing_on_its_next_agenda_and_an_email() -> None:
    tree = med_tree()
    next_meetings(*tree.sectors)
    secretary_of(tree.sectors[0], username="sektor1")
    hearing = _hearing(tree, files=[("spørgsmål.pdf", BytesIO(PDF))])
    for part in hearing.parts.all():
        item = part.target_item
        assert item is not None
        assert item.is_draft
        assert item.title == "Høring fra MED Hovedudvalg: Organisering af administrative funktioner"
        assert "Høringsfristen er" in item.sections.get(kind=SectionKind.SUMMARY).body
        assert "Hvilke opgaver" in item.sections.get(kind=SectionKind.CASE_DESCRIPTION).body
        # Hearing material never goes public, whatever the source's flags said.
        assert item.attachments.filter(title="spørgsmål.pdf", is_public=False).exists()
        assert not item.attachments.filter(is_public=True).exists()
    assert send_hearing_notice.call(hearing.pk) == 1
    assert "Høringsfristen er" in mail.outbox[-1].body


def test_a_hearing_without_parts_or_with_a_past_deadline_stores_nothing() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    with pytest.raises(ValidationError) as error:
        _hearing(tree, parts=[], source_item=item)
    assert "Vælg mindst én høringspart." in str(error.value)
    with pytest.raises(ValidationError) as error:
        _hearing(tree, answer_by=timezone.localdate(), source_item=item)
    assert "Høringsfristen skal ligge efter i dag." in str(error.value)
    assert Hearing.objects.count() == 0
    assert HearingPart.objects.count() == 0


def test_parts_outside_the_senders_tree_are_refused() -> None:
    tree = med_tree()
    item = decided_item(tree.sectors[0])
    with pytest.raises(ValidationError, match="Kun udvalg under"):
        start_hearing(
            committee=tree.sectors[0],
            title="Lokal høring",
            answer_by=future(),
            parts=[tree.local(0), tree.local(1)],
            acting_user=None,
            source_item=item,
        )
    assert Hearing.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.pdf", b"", "er tom"),
        ("program.exe", b"MZ\x90\x00binary", "PDF"),
        ("falsk.pdf", b"<script>alert(1)</script>", "PDF"),
    ],
)
def test_bad_hearing_files_are_refused_and_nothing_is_stored(name, data, message) -> None:
    tree = med_tree()
    with pytest.raises(ValidationError, match=message):
        _hearing(tree, files=[(name, BytesIO(data))])
    assert Hearing.objects.count() == 0


@override_settings(INPUT_ATTACHMENT_MAX_BYTES=1000)
def test_a_file_over_the_limit_is_refused() -> None:
    tree = med_tree()
    with pytest.raises(ValidationError, match="for stor"):
        _hearing(tree, files=[("stor.pdf", BytesIO(PDF + b"0" * 2000))])
    assert Hearing.objects.count() == 0


def test_only_the_chair_and_vice_chair_of_the_answering_committee_approve() -> None:
    tree = med_tree()
    hearing = _hearing(tree)
    part = hearing.parts.get(committee=tree.sectors[0])
    save_answer(part=part, acting_user=None, text="Svar")
    secretary = secretary_of(tree.sectors[0], username="sekr1")
    other_chair, _ = chair_and_vice(tree.sectors[1], "andet")
    for outsider in (secretary, other_chair, None):
        with pytest.raises(ValidationError, match="Kun udvalgets formand og næstformand"):
            approve_answer(part=part, acting_user=outsider)
    chair, vice = chair_and_vice(tree.sectors[0], "s1")
    approve_answer(part=part, acting_user=chair)
    with pytest.raises(ValidationError, match="allerede godkendt"):
        approve_answer(part=part, acting_user=chair)
    part.refresh_from_db()
    assert part.status == PartStatus.SENT  # one approval is not enough
    approve_answer(part=part, acting_user=vice)
    part.refresh_from_db()
    assert part.status == PartStatus.ANSWERED
    assert not part.is_late
    with pytest.raises(ValidationError, match="kan ikke ændres"):
        save_answer(part=part, acting_user=None, text="Nyt svar")


def test_a_changed_answer_needs_approving_again() -> None:
    tree = med_tree()
    hearing = _hearing(tree)
    part = hearing.parts.get(committee=tree.sectors[0])
    chair, vice = chair_and_vice(tree.sectors[0], "s1")
    save_answer(part=part, acting_user=None, text="Første udkast")
    approve_answer(part=part, acting_user=chair)
    save_answer(part=part, acting_user=None, text="Andet udkast")
    assert not part.answer.approvals.exists()
    add_answer_file(part=part, acting_user=None, file_name="bilag.pdf", data=BytesIO(PDF))
    approve_answer(part=part, acting_user=vice)
    approve_answer(part=part, acting_user=chair)
    part.refresh_from_db()
    assert part.status == PartStatus.ANSWERED


def test_an_answer_after_the_deadline_is_accepted_and_marked_late(time_machine) -> None:
    tree = med_tree()
    hearing = _hearing(tree, answer_by=future(3))
    part = hearing.parts.get(committee=tree.sectors[0])
    time_machine.move_to(timezone.now() + timedelta(days=5))
    assert part.is_overdue_on(timezone.localdate())
    assert HearingPart.objects.overdue_on(timezone.localdate()).filter(pk=part.pk).exists()
    _answer(part, "s1", is_no_comments=True, text="")
    part.refresh_from_db()
    assert part.status == PartStatus.NO_COMMENTS
    assert part.is_late
    assert not part.is_overdue_on(timezone.localdate())


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 50_001}, "text"),
        ({"text": "ok", "employee_view": "\x00"}, "employee_view"),
        ({"text": "ok", "summary": "y" * 1001}, "summary"),
    ],
)
def test_bad_answers_get_a_danish_message_and_store_nothing(answer, field) -> None:
    tree = med_tree()
    hearing = _hearing(tree)
    part = hearing.parts.get(committee=tree.sectors[0])
    with pytest.raises(ValidationError) as error:
        save_answer(part=part, acting_user=None, **answer)
    assert field in error.value.message_dict
    assert not hasattr(HearingPart.objects.get(pk=part.pk), "answer")


def test_the_hearing_note_lists_every_answer_with_both_sides_and_the_administrations_comment() -> (
    None
):
    tree = med_tree()
    hearing = _hearing(tree, parts=[tree.main, *tree.sectors])
    first, second = (hearing.parts.get(committee=s) for s in tree.sectors)
    _answer(
        first,
        "s1",
        summary="Støtter fælles løn og indkøb",
        text="Sektor MED Børn og Skole støtter forslaget.",
        management_view="Ledelsen ønsker en tidsplan.",
        employee_view="Medarbejdersiden ønsker tryghed for de ansatte – æøå.",
    )
    _answer(second, "s2", is_no_comments=True, text="")
    comment_on_answer(
        part=first,
        acting_user=None,
        comment="Tidsplanen indarbejdes.",
        changes_proposal="partly",
    )
    today = timezone.localdate()
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(BytesIO(hearing_note_pdf(hearing, today=today))).pages
    )
    for expected in (
        "Høringsnotat",
        "Sektor MED Børn og Skole",
        "Sektor MED Job og Social",
        "Ingen bemærkninger",
        "Ledelsen ønsker en tidsplan.",
        "Medarbejdersiden ønsker tryghed",
        "Tidsplanen indarbejdes.",
        "Delvis",
    ):
        assert expected in text, expected
    assert b"word/document.xml" in hearing_note_docx(hearing, today=today)


def test_the_decision_item_cites_the_answers_and_has_the_note_attached(time_machine) -> None:
    tree = med_tree()
    hearing = _hearing(tree, answer_by=future(3))
    first = hearing.parts.get(committee=tree.sectors[0])
    _answer(first, "s1", summary="Støtter fælles løn og indkøb")
    with pytest.raises(ValidationError, match="ikke udløbet"):
        generate_decision_item(hearing=hearing, acting_user=None)
    time_machine.move_to(timezone.now() + timedelta(days=5))
    with pytest.raises(ValidationError, match="intet planlagt møde"):
        generate_decision_item(hearing=hearing, acting_user=None)
    next_meetings(tree.main)
    item = generate_decision_item(hearing=hearing, acting_user=None)
    body = item.sections.get(kind=SectionKind.CASE_DESCRIPTION).body
    assert "**Sektor MED Børn og Skole** (høringssvar modtaget" in body
    assert "Støtter fælles løn og indkøb" in body
    assert "**Sektor MED Job og Social**: Frist overskredet" in body
    note = item.attachments.get()
    assert note.title.startswith("Høringsnotat")
    assert not note.is_public
    assert note.file
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.CONCLUDED
    with pytest.raises(ValidationError, match="allerede oprettet"):
        generate_decision_item(hearing=hearing, acting_user=None)
    with pytest.raises(ValidationError, match="afsluttet"):
        save_answer(
            part=hearing.parts.get(committee=tree.sectors[1]), acting_user=None, text="Sent"
        )


def test_reminders_go_once_per_day_count_before_the_deadline(time_machine) -> None:
    tree = med_tree()
    secretary_of(*tree.sectors)
    hearing = _hearing(tree, answer_by=future(10))
    _answer(hearing.parts.get(committee=tree.sectors[1]), "s2")
    assert send_due_hearing_reminders.call() == 0
    time_machine.move_to(timezone.now() + timedelta(days=3))  # 7 days left
    assert send_due_hearing_reminders.call() == 1
    assert send_due_hearing_reminders.call() == 0
    time_machine.move_to(timezone.now() + timedelta(days=5))  # 2 days left
    assert send_due_hearing_reminders.call() == 1
    assert HearingReminder.objects.count() == 2
    assert "Påmindelse" in mail.outbox[-1].subject
    assert AuditEntry.objects.filter(action=AuditAction.REMINDER_SENT).count() == 2


def test_a_reminder_passed_over_is_never_sent_after_a_nearer_one(time_machine) -> None:
    tree = med_tree()
    secretary_of(tree.sectors[0])
    hearing = _hearing(tree, answer_by=future(2), parts=[tree.sectors[0]])
    assert send_due_hearing_reminders.call() == 1  # the 2-day one; the 7-day one is passed over
    time_machine.move_to(timezone.now() + timedelta(days=1))
    assert send_due_hearing_reminders.call() == 0
    assert list(hearing.parts.get().reminders.values_list("days_before", flat=True)) == [2]
    assert len(mail.outbox) == 1


def test_a_notice_run_again_after_a_dead_worker_e_mails_only_the_parts_not_yet_told() -> None:
    tree = med_tree()
    secretary_of(tree.sectors[0], username="sektor1")
    secretary_of(tree.sectors[1], username="sektor2")
    hearing = _hearing(tree)
    # The worker died after the first part's e-mail was committed.
    HearingPart.objects.filter(committee=tree.sectors[0]).update(notice_sent_at=timezone.now())
    assert send_hearing_notice.call(hearing.pk) == 1
    assert [m.to for m in mail.outbox] == [["sektor2@example.invalid"]]


def test_answers_and_approvals_are_audited() -> None:
    tree = med_tree()
    next_meetings(tree.sectors[0])
    hearing = _hearing(tree)
    part = hearing.parts.get(committee=tree.sectors[0])
    _answer(part, "s1")
    actions = list(
        AuditEntry.objects.filter(part=part).order_by("at", "pk").values_list("action", flat=True)
    )
    assert actions == [
        AuditAction.HEARING_PART_PLACED,
        AuditAction.ANSWER_SAVED,
        AuditAction.ANSWER_APPROVED,
        AuditAction.ANSWER_APPROVED,
        AuditAction.ANSWER_RECEIVED,
    ]
