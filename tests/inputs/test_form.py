import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from dialogportal.core.spamtrap import sign_started
from dialogportal.inputs.models import Attachment, Channel, Input, ModerationState
from dialogportal.processes.models import PhaseKind, Process
from tests.factories import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    docx_bytes,
    first_area,
    make_process,
)
from tests.inputs.helpers import form_data, post_form

pytestmark = pytest.mark.django_db
AREA_URL = "/processer/by/fokus/omraade-1/giv-input/"
OTHER_URL = "/processer/by/giv-input/"


@pytest.fixture
def process() -> Process:
    return make_process(slug="by")


def test_focus_area_form_is_shown_with_every_contributor_type(
    client: Client, process: Process
) -> None:
    response = client.get(AREA_URL)
    assert response.status_code == 200
    for label in ("Borger", "Medarbejder", "Virksomhed", "Fagforening", "Forening", "Andet"):
        assert label in response.text
    assert 'name="website"' in response.text
    assert "Tekstens version" in response.text


def test_submitting_stores_one_input_and_redirects_to_the_private_receipt(
    client: Client, process
) -> None:
    response = post_form(client, AREA_URL, postcode="8900", name="Åse Ørsted")
    assert response.status_code == 302
    obj = Input.objects.get()
    assert response["Location"] == obj.get_receipt_url() + "?ny=1"
    assert obj.focus_area == first_area(process)
    assert obj.channel == Channel.WEB
    assert obj.moderation_state == ModerationState.PENDING
    assert obj.consent_text_version
    assert obj.submitted_ip == "127.0.0.1"
    assert len(obj.receipt_token) >= 40


def test_other_form_stores_an_input_without_focus_area(client: Client, process: Process) -> None:
    assert post_form(client, OTHER_URL).status_code == 302
    assert Input.objects.get().focus_area is None


def test_receipt_link_in_a_fresh_session_shows_the_input_and_its_status(
    client: Client, process
) -> None:
    upload = SimpleUploadedFile("skitse.pdf", PDF_BYTES, content_type="application/pdf")
    response = post_form(client, AREA_URL, attachments=upload, text="Byg en ny bro over åen.")
    receipt_url = response["Location"]
    fresh = Client()
    page = fresh.get(receipt_url)
    assert page.status_code == 200
    assert "Byg en ny bro over åen." in page.text
    assert "Modtaget" in page.text
    assert "skitse.pdf" in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "no-referrer"
    link = re.search(r'href="(/input/kvittering/[^"]+/bilag/\d+/)"', page.text)
    assert link is not None
    download = fresh.get(link.group(1))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_guessed_receipt_token_is_not_found(client: Client, process: Process) -> None:
    post_form(client, AREA_URL)
    assert client.get("/input/kvittering/gaet-et-token/").status_code == 404
    assert client.get("/input/kvittering/" + "a" * 500 + "/").status_code == 404


def test_double_click_and_browser_retry_create_one_input(client: Client, process: Process) -> None:
    data = form_data(submission_key="same-form-render")
    first = client.post(AREA_URL, data)
    second = client.post(AREA_URL, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Input.objects.count() == 1


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n", "\u200b\u200b\u200b"])
def test_empty_or_whitespace_text_gets_a_danish_message(
    client: Client, process: Process, text: str
) -> None:
    response = post_form(client, AREA_URL, text=text)
    assert response.status_code == 400
    assert "feltet må ikke være tomt" in response.text
    assert Input.objects.count() == 0


def test_too_short_text_is_rejected(client: Client, process: Process) -> None:
    response = post_form(client, AREA_URL, text="Ja")
    assert "Skriv mindst 10 tegn" in response.text
    assert Input.objects.count() == 0


def test_one_megabyte_of_text_is_rejected_with_a_clear_message(
    client: Client, process: Process
) -> None:
    response = post_form(client, AREA_URL, text="æ" * 1_000_000)
    assert response.status_code == 400
    assert "Dit input er for langt" in response.text
    assert Input.objects.count() == 0


def test_html_and_script_in_every_field_is_stored_as_text_and_shown_escaped(
    client: Client, process
) -> None:
    script = "<script>alert('x')</script><b onmouseover=alert(1)>fed</b>"
    response = post_form(
        client,
        AREA_URL,
        text=script + " og mere tekst",
        title=script[:150],
        organisation=script,
        name=script,
        consent_publish_name="on",
    )
    assert response.status_code == 302
    obj = Input.objects.get()
    assert obj.text.startswith("<script>")
    page = Client().get(response["Location"])
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page.text


def test_sql_like_and_unusual_unicode_text_is_kept_verbatim(
    client: Client, process: Process
) -> None:
    text = "'; DROP TABLE inputs_input; -- Ærø, Ødis & Åbybro 🚲 \u0301e\u0007 ﷽"
    response = post_form(client, AREA_URL, text=text)
    assert response.status_code == 302
    stored = Input.objects.get().text
    assert "DROP TABLE inputs_input" in stored
    assert "\x07" not in stored
    assert "Ærø, Ødis & Åbybro 🚲" in stored


@pytest.mark.parametrize("postcode", ["0000", "12345", "abcd", "0800", "9998", "<b>", "８９００"])
def test_a_postcode_that_does_not_exist_gets_a_danish_message(
    client: Client, process: Process, postcode: str
) -> None:
    response = post_form(client, AREA_URL, postcode=postcode)
    assert response.status_code == 400
    assert "er ikke et dansk postnummer" in response.text
    assert Input.objects.count() == 0


@pytest.mark.parametrize("postcode", ["8900", " 8 900 ", "DK-8900", "1218"])
def test_real_postcodes_are_accepted_and_normalised(
    client: Client, process: Process, postcode: str
) -> None:
    assert post_form(client, AREA_URL, postcode=postcode).status_code == 302
    assert Input.objects.get().postcode == postcode.replace(" ", "").replace("DK-", "")


def test_missing_privacy_consent_is_refused_with_a_message(
    client: Client, process: Process
) -> None:
    response = post_form(client, AREA_URL, accept_privacy=None)
    assert response.status_code == 400
    assert "Du skal acceptere teksten om behandling af personoplysninger" in response.text
    assert Input.objects.count() == 0


def test_consent_to_publish_the_name_needs_a_name(client: Client, process: Process) -> None:
    response = post_form(client, AREA_URL, consent_publish_name="on", name="")
    assert "Skriv dit navn, hvis navnet må vises" in response.text
    assert Input.objects.count() == 0


def test_missing_contributor_type_and_invalid_email_are_explained(
    client: Client, process: Process
) -> None:
    response = post_form(client, AREA_URL, contributor_type=None, email="ikke en mail")
    assert response.status_code == 400
    assert "Vælg hvem du skriver som" in response.text
    assert Input.objects.count() == 0


def test_an_unknown_focus_area_is_not_found(client: Client, process: Process) -> None:
    response = post_form(client, "/processer/by/fokus/findes-ikke/giv-input/")
    assert response.status_code == 404
    assert Input.objects.count() == 0


def test_a_closed_phase_shows_a_clear_message_and_stores_nothing(client: Client) -> None:
    make_process(slug="by", phase_kind=PhaseKind.FEEDBACK)
    page = client.get(AREA_URL)
    assert page.status_code == 200
    assert "Der kan ikke gives input lige nu" in page.text
    response = post_form(client, AREA_URL)
    assert response.status_code == 403
    assert "Der kan ikke gives input lige nu" in response.text
    assert Input.objects.count() == 0


def test_closed_phase_message_is_english_under_en(client: Client) -> None:
    make_process(slug="by", phase_kind=PhaseKind.FEEDBACK)
    response = client.get("/en" + AREA_URL)
    assert response.status_code == 200
    assert '<html lang="en">' in response.text


def test_a_filled_honeypot_blocks_with_a_clear_message(client: Client, process: Process) -> None:
    response = post_form(client, AREA_URL, website="http://spam.example")
    assert response.status_code == 400
    assert "spamfilter" in response.text
    assert Input.objects.count() == 0


def test_submitting_faster_than_a_person_can_is_blocked_but_keeps_the_text(
    client: Client, process
) -> None:
    response = post_form(client, AREA_URL, started=sign_started(time.time()), text="Min tekst her")
    assert response.status_code == 400
    assert "usædvanligt hurtigt" in response.text
    assert "Min tekst her" in response.text
    assert Input.objects.count() == 0


def test_a_forged_or_missing_timestamp_is_refused(client: Client, process: Process) -> None:
    for started in ("12345", "", None):
        response = post_form(client, AREA_URL, started=started)
        assert response.status_code == 400
        assert "udløbet" in response.text
    assert Input.objects.count() == 0


def test_the_rate_limit_blocks_an_address_after_the_configured_number(
    client: Client, process: Process, settings: Any
) -> None:
    settings.INPUT_RATE_LIMIT = 2
    assert post_form(client, AREA_URL).status_code == 302
    assert post_form(client, AREA_URL).status_code == 302
    blocked = post_form(client, AREA_URL)
    assert blocked.status_code == 429
    assert "mange input fra din internetforbindelse" in blocked.text
    assert Input.objects.count() == 2
    other_address = client.post(AREA_URL, form_data(), REMOTE_ADDR="10.0.0.7")
    assert other_address.status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "expected_type"),
    [
        ("notat.pdf", PDF_BYTES, "application/pdf"),
        ("billede.PNG", PNG_BYTES, "image/png"),
        ("foto.jpeg", JPEG_BYTES, "image/jpeg"),
        (
            "brev.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("forkert-navn.txt", PNG_BYTES, "image/png"),
    ],
)
def test_allowed_attachments_are_recognised_by_content(
    client: Client, process: Process, name: str, content: bytes, expected_type: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    assert post_form(client, AREA_URL, attachments=upload).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == expected_type
    assert attachment.size == len(content)
    assert attachment.is_public is False
    assert name.split(".")[0] in attachment.original_name
    assert Path(attachment.file.path).read_bytes() == content
    assert name.split(".")[0] not in attachment.file.name


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100,  # a Windows program
        b"\x00\x01\x02\x03" * 100,
        b"<html><script>alert(1)</script></html>",
        b"PK\x03\x04" + b"\x00" * 100,  # a broken zip posing as DOCX
    ],
)
def test_a_binary_renamed_pdf_is_refused_and_nothing_is_stored(
    client: Client, process: Process, content: bytes
) -> None:
    upload = SimpleUploadedFile("rapport.pdf", content, content_type="application/pdf")
    response = post_form(client, AREA_URL, attachments=upload)
    assert response.status_code == 400
    assert "ikke en fil af en tilladt type" in response.text
    assert "Vælg dine bilag igen" in response.text
    assert Input.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_an_oversized_attachment_is_refused(
    client: Client, process: Process, settings: Any
) -> None:
    settings.INPUT_ATTACHMENT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("stor.pdf", PDF_BYTES + b"x" * 2000)
    response = post_form(client, AREA_URL, attachments=upload)
    assert response.status_code == 400
    assert "er for stor" in response.text
    assert Input.objects.count() == 0


def test_too_many_attachments_are_refused(client: Client, process: Process, settings: Any) -> None:
    settings.INPUT_ATTACHMENT_MAX_COUNT = 2
    uploads = [SimpleUploadedFile(f"{i}.png", PNG_BYTES) for i in range(3)]
    response = post_form(client, AREA_URL, attachments=uploads)
    assert response.status_code == 400
    assert "højst vedhæfte 2 filer" in response.text
    assert Input.objects.count() == 0


def test_hostile_file_names_are_sanitised(client: Client, process: Process) -> None:
    upload = SimpleUploadedFile("../../etc/<script>pass\u202ewd;rm -rf.png", PNG_BYTES)
    assert post_form(client, AREA_URL, attachments=upload).status_code == 302
    name = Attachment.objects.get().original_name
    for bad in ("/", "<", ";", "\u202e"):
        assert bad not in name
    assert name.endswith(".png")


@pytest.mark.django_db(transaction=True)
def test_a_receipt_email_with_the_private_link_is_sent_once(client: Client) -> None:
    make_process(slug="by")
    response = post_form(client, AREA_URL, email="aase@example.dk")
    assert response.status_code == 302
    call_command("run_worker", "--batch", "--interval", "0")
    call_command("run_worker", "--batch", "--interval", "0")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aase@example.dk"]
    assert "Kvittering" in message.subject
    obj = Input.objects.get()
    assert obj.get_receipt_url() in message.body
    assert obj.receipt_emailed_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_receipt_subject_is_plain_text(client: Client) -> None:
    process = make_process(slug="by", title="Skoler & børn")
    assert process.pk
    post_form(client, AREA_URL, email="aase@example.dk")
    call_command("run_worker", "--batch", "--interval", "0")
    assert mail.outbox[0].subject == "Kvittering for dit input til Skoler & børn"


def test_no_email_no_receipt_mail(client: Client, process: Process) -> None:
    post_form(client, AREA_URL)
    assert mail.outbox == []


def test_the_english_form_speaks_english_labels_under_en(client: Client, process: Process) -> None:
    response = client.get("/en" + AREA_URL)
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
