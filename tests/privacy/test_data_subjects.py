import json

import pytest
from django.test import Client

from dialogportal.accounts.access import subject_digest
from dialogportal.accounts.models import AccessKind, AccessLog
from dialogportal.inputs.models import Attachment, Input
from tests.moderation import builders

pytestmark = pytest.mark.django_db

EMAIL = "karen@example.dk"


def _two_inputs_and_a_mention() -> tuple[Input, Input, Input]:
    made = builders.process()
    first = builders.submit(
        made, attachments=[("bilag.pdf", builders.pdf_with_text("Mit bilag"))], email=EMAIL
    )
    second = builders.submit(
        made, "Endnu et input fra Karen om cykelstier.", email="KAREN@example.dk"
    )
    mention = builders.submit(
        made, f"Spørg Karen på {EMAIL}, hun ved meget om stierne.", email="ole@example.dk"
    )
    return first, second, mention


def test_staff_find_every_input_by_e_mail_and_the_search_is_logged(
    manager_client: Client, manager
) -> None:
    _two_inputs_and_a_mention()
    response = manager_client.post("/privatliv/registrerede/", {"email": EMAIL})
    assert response.status_code == 200
    assert "3 input fundet" in response.text
    entry = AccessLog.objects.get()
    assert entry.kind == AccessKind.SUBJECT_SEARCH
    assert entry.user == manager
    assert entry.subject_digest == subject_digest(EMAIL)
    assert EMAIL not in entry.detail


def test_the_json_export_holds_the_persons_data_and_is_logged(manager_client: Client) -> None:
    _two_inputs_and_a_mention()
    response = manager_client.post("/privatliv/registrerede/eksport.json", {"email": EMAIL})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert len(data["inputs"]) == 3
    assert data["inputs"][0]["email"] == EMAIL
    assert data["inputs"][0]["attachments"][0]["name"] == "bilag.pdf"
    assert AccessLog.objects.get().kind == AccessKind.SUBJECT_EXPORT_JSON


def test_the_pdf_export_is_a_pdf_and_is_logged(manager_client: Client) -> None:
    _two_inputs_and_a_mention()
    response = manager_client.post("/privatliv/registrerede/eksport.pdf", {"email": EMAIL})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert AccessLog.objects.get().kind == AccessKind.SUBJECT_EXPORT_PDF


def test_erasing_deletes_the_persons_inputs_and_files_and_only_the_address_in_others(
    manager_client: Client, settings, django_capture_on_commit_callbacks
) -> None:
    from pathlib import Path

    first, second, mention = _two_inputs_and_a_mention()
    stored = Path(settings.MEDIA_ROOT) / first.attachments.get().file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            "/privatliv/registrerede/slet/", {"email": EMAIL, "confirm": "on"}, follow=True
        )
    assert "2 input slettet, 1 input redigeret" in response.text
    assert not Input.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert not Attachment.objects.exists()
    assert not stored.exists()
    mention.refresh_from_db()
    assert mention.text == "Spørg Karen på [fjernet], hun ved meget om stierne."
    entry = AccessLog.objects.get(kind=AccessKind.SUBJECT_ERASE)
    assert "inputs_deleted: 2" in entry.detail
    assert "inputs_redacted: 1" in entry.detail
    assert EMAIL not in entry.detail


def test_erasing_needs_a_confirmation(manager_client: Client) -> None:
    _two_inputs_and_a_mention()
    response = manager_client.post("/privatliv/registrerede/slet/", {"email": EMAIL}, follow=True)
    assert "Bekræft sletningen" in response.text
    assert Input.objects.count() == 3


@pytest.mark.parametrize(
    "email",
    ["", "   ", "ikke-en-adresse", "<script>alert(1)</script>@x", "' OR 1=1 --", "a" * 300],
)
def test_a_bad_address_gets_a_danish_message_not_a_500(manager_client: Client, email: str) -> None:
    _two_inputs_and_a_mention()
    response = manager_client.post("/privatliv/registrerede/", {"email": email})
    assert response.status_code == 400
    assert "e-mailadresse" in response.text
    assert "<script>alert(1)</script>" not in response.text
    export = manager_client.post("/privatliv/registrerede/eksport.json", {"email": email})
    assert export.status_code == 302
    assert Input.objects.count() == 3
