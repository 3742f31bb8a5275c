"""Approved minutes and published agendas are rendered by the worker before anyone asks; the
cache can never hand one audience's PDF to another."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from dialogportal.meetings.exports import document_pdf, document_pdf_is_cached
from dialogportal.meetings.publication import build_document, redact
from dialogportal.organisation.services import save_committee
from tests.meetings.builders import SECRET, approved_meeting

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db(transaction=True)
def test_approving_minutes_has_the_worker_render_the_pdf_for_both_audiences() -> None:
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, _, _ = approved_meeting(council)
    document = build_document(meeting)
    public = redact(document, full_access=False)
    assert not document_pdf_is_cached(document)
    call_command("run_worker", "--batch", "--interval", "0")
    assert document_pdf_is_cached(document)
    assert document_pdf_is_cached(public)


def test_the_public_pdf_hides_a_closed_item_even_after_the_full_pdf_was_cached(
    client: Client,
) -> None:
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, _, _ = approved_meeting(council)
    full = document_pdf(build_document(meeting))
    assert document_pdf_is_cached(build_document(meeting))
    assert SECRET in _text(full)
    response = client.get(f"/moeder/{meeting.pk}/dokument.pdf")
    assert response.status_code == 200
    text = _text(response.content)
    assert "Åbent punkt om budget" in text
    assert SECRET not in text
