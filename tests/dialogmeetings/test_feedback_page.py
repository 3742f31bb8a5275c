"""The per-meeting feedback page a host hands out: every note from the meeting with its status
and answer (published notes with their text; the others by number and status only), as a page
and as a real PDF, public like the meeting."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from dialogportal.accounts.models import Role
from dialogportal.dialogmeetings.services import mark_held, record_table_note
from dialogportal.feedback import services as feedback
from dialogportal.inputs.models import Input, ModerationState
from tests.dialogmeetings.builders import make_meeting
from tests.factories import make_process, make_staff

pytestmark = pytest.mark.django_db

SECRET = "Min nabo på Vestergade 7 drikker – ring på 20 30 40 50."


def _held_meeting_with_notes() -> tuple[int, Input, Input]:
    process = make_process(slug="proces")
    staff = make_staff("sek", Role.PROCESS_MANAGER)
    meeting = make_meeting(process, starts_at=timezone.now() - timedelta(days=2))
    shown = record_table_note(
        meeting=meeting,
        text="Vi vil have en bus om aftenen til Randers <script>x</script>.",
        focus_area=None,
        table_name="Bord 1",
        submission_key="a",
        acting_user=staff,
    ).input
    hidden = record_table_note(
        meeting=meeting, text=SECRET, focus_area=None, submission_key="b", acting_user=staff
    ).input
    Input.objects.filter(pk=shown.pk).update(moderation_state=ModerationState.PUBLISHED)
    Input.objects.filter(pk=hidden.pk).update(moderation_state=ModerationState.HIDDEN)
    feedback.answer_input(
        item=hidden,
        status="considered",
        text="Vi har sendt det til Socialafdelingen.",
        acting_user=None,
    )
    feedback.answer_input(
        item=shown,
        status="used",
        text="Aftenbussen kommer i køreplanen for 2027.",
        acting_user=None,
    )
    mark_held(meeting=meeting, acting_user=staff)
    return meeting.pk, shown, hidden


def test_the_meeting_feedback_page_shows_notes_answers_and_hides_what_is_not_published() -> None:
    pk, shown, hidden = _held_meeting_with_notes()
    detail = Client().get(f"/dialogmoeder/{pk}/").text
    assert f"/dialogmoeder/{pk}/tilbagemelding/" in detail
    page = Client().get(f"/dialogmoeder/{pk}/tilbagemelding/")
    assert page.status_code == 200
    assert "Det kom der ud af mødet" in page.text
    assert "en bus om aftenen til Randers &lt;script&gt;" in page.text
    assert "Aftenbussen kommer i køreplanen for 2027." in page.text
    assert f"Input nr. {hidden.pk}" in page.text
    assert "Vestergade" not in page.text
    assert "Socialafdelingen" not in page.text
    assert shown.pk


def test_the_meeting_feedback_pdf_is_a_real_pdf_for_the_host_to_hand_out() -> None:
    pk, _shown, _hidden = _held_meeting_with_notes()
    response = Client().get(f"/dialogmoeder/{pk}/tilbagemelding.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert "Kære deltagere" in text
    assert "Aftenbussen kommer i køreplanen for 2027." in text
    assert "Vestergade" not in text


def test_a_meeting_without_notes_says_so_and_has_no_pdf() -> None:
    meeting = make_meeting(make_process(slug="proces"))
    page = Client().get(f"/dialogmoeder/{meeting.pk}/tilbagemelding/")
    assert page.status_code == 200
    assert "Der er endnu ingen noter fra mødet." in page.text
    assert Client().get(f"/dialogmoeder/{meeting.pk}/tilbagemelding.pdf").status_code == 404


@pytest.mark.parametrize(
    "path", ["/dialogmoeder/999999/tilbagemelding/", "/dialogmoeder/999999/tilbagemelding.pdf"]
)
def test_an_unknown_meeting_is_not_found(path: str) -> None:
    make_process(slug="proces")
    assert Client().get(path).status_code == 404


def test_an_internal_meetings_feedback_is_not_public() -> None:
    meeting = make_meeting(make_process(slug="proces"), is_public=False)
    assert Client().get(f"/dialogmoeder/{meeting.pk}/tilbagemelding/").status_code == 404
