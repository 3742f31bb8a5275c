"""The closed-item matrix: no section or attachment of a closed item, and no non-public
attachment of an open item, leaves the server through any public output."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.http.response import HttpResponseBase
from django.test import Client
from docx import Document
from pypdf import PdfReader

from dialogportal.accounts.models import Role
from dialogportal.meetings.models import Attachment
from dialogportal.organisation.services import save_committee
from tests.factories import make_staff
from tests.meetings.builders import SECRET, SECRET_ATTACHMENT, approved_meeting, med_tree

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    content_type = response["Content-Type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    if "wordprocessingml" in content_type:
        word = Document(io.BytesIO(body))
        return "\n".join(p.text for p in word.paragraphs)
    return body.decode("utf-8")


def _outputs(meeting_pk: int, slug: str) -> list[str]:
    return [
        f"/moeder/{meeting_pk}/",
        f"/en/moeder/{meeting_pk}/",
        f"/moeder/{meeting_pk}/dokument.pdf",
        f"/moeder/{meeting_pk}/dokument.docx",
        f"/moeder/{meeting_pk}/versioner/",
        f"/moeder/{meeting_pk}/versioner/1/",
        f"/udvalg/{slug}/",
        f"/udvalg/{slug}/kalender.ics",
        f"/api/v1/meetings/{meeting_pk}/",
        f"/api/v1/committees/{slug}/meetings/",
    ]


@pytest.fixture
def public_meeting():
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, open_item, closed_item = approved_meeting(council)
    for attachment in Attachment.objects.all():
        attachment.file.save(f"bilag-{attachment.pk}.pdf", ContentFile(b"%PDF-1.4 test"))
    return meeting, open_item, closed_item


def _sends_to_login(response: HttpResponseBase) -> bool:
    location = str(response.get("Location", ""))
    return response.status_code == 302 and location.startswith("/konto/login/?next=")


def _assert_nothing_secret(text: str) -> None:
    assert SECRET not in text
    assert SECRET_ATTACHMENT not in text
    assert "Personalesag" not in text


def test_every_public_output_shows_a_closed_item_only_as_number_and_neutral_title(
    client: Client, public_meeting
) -> None:
    meeting, _open_item, closed_item = public_meeting
    for path in _outputs(meeting.pk, "byraad"):
        response = client.get(path)
        assert response.status_code == 200, path
        text = _text(response)
        _assert_nothing_secret(text)
        if "versioner/" in path and not path.endswith("/1/"):
            continue
        if "meetings/" in path and path.endswith("meetings/"):
            continue
        if "/udvalg/" in path and not path.endswith(".ics"):
            continue
        assert str(closed_item.number) in text, path
        neutral_title = "Closed item" if "/en/" in path else "Lukket punkt"
        assert neutral_title in text, path
        assert "Åbent punkt om budget" in text, path


def test_public_pdf_and_docx_contain_every_open_section(client: Client, public_meeting) -> None:
    meeting, _, _ = public_meeting
    for suffix in ("pdf", "docx"):
        text = _text(client.get(f"/moeder/{meeting.pk}/dokument.{suffix}"))
        for expected in (
            "Resumé åbent",
            "at godkende forslaget",
            "Beslutning truffet",
            "Sagen beskrevet",
            "Økonomi uændret",
            "Åbent bilag",
            "Indholdsfortegnelse",
        ):
            assert expected in text, (suffix, expected)


def test_api_json_of_a_closed_item_has_no_sections_or_attachments(
    client: Client, public_meeting
) -> None:
    meeting, _, closed_item = public_meeting
    data = client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    closed = next(i for i in data["items"] if i["number"] == closed_item.number)
    assert closed["title"] == "Lukket punkt"
    assert closed["sections"] == []
    assert closed["attachments"] == []
    assert closed["presenter"] == ""
    assert closed["journal_number"] == ""
    assert SECRET not in json.dumps(data, ensure_ascii=False)


def test_attachments_are_downloadable_only_when_public_and_on_an_open_item(
    client: Client, public_meeting
) -> None:
    _, open_item, closed_item = public_meeting
    public = open_item.attachments.get(is_public=True)
    hidden = open_item.attachments.get(is_public=False)
    assert client.get(f"/bilag/{public.pk}/").status_code == 200
    # A visitor is asked to log in – for a hidden attachment and a missing one alike.
    assert _sends_to_login(client.get(f"/bilag/{hidden.pk}/"))
    for attachment in closed_item.attachments.all():
        assert _sends_to_login(client.get(f"/bilag/{attachment.pk}/"))
    assert _sends_to_login(client.get("/bilag/999999/"))
    # A logged-in employee outside the committee is told nothing exists.
    client.force_login(make_staff("medarbejder", Role.MODERATOR))
    assert client.get(f"/bilag/{hidden.pk}/").status_code == 404
    for attachment in closed_item.attachments.all():
        assert client.get(f"/bilag/{attachment.pk}/").status_code == 404
    assert client.get("/bilag/999999/").status_code == 404


def test_logged_in_employees_read_med_minutes_but_not_closed_items(client: Client) -> None:
    main, _ = med_tree()
    meeting, _, closed_item = approved_meeting(main)
    assert _sends_to_login(client.get(f"/moeder/{meeting.pk}/"))
    assert _sends_to_login(client.get(f"/moeder/{meeting.pk}/dokument.pdf"))
    assert _sends_to_login(client.get("/udvalg/hmu/"))
    # Machines cannot log in: the API and the calendar feed answer 404.
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert client.get("/udvalg/hmu/kalender.ics").status_code == 404
    client.force_login(make_staff("medarbejder", Role.MODERATOR))
    for path in _outputs(meeting.pk, "hmu"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_nothing_secret(_text(response))
    hidden = closed_item.attachments.get(is_public=True)
    assert client.get(f"/bilag/{hidden.pk}/").status_code == 404


def test_committee_members_see_the_closed_item_in_full(client: Client) -> None:
    main, _ = med_tree()
    meeting, _, _ = approved_meeting(main)
    client.force_login(make_staff("formand", Role.COMMITTEE_SECRETARY))
    text = client.get(f"/moeder/{meeting.pk}/").text
    assert SECRET in text
    assert SECRET_ATTACHMENT in text


def test_drafts_and_unpublished_meetings_stay_inside_the_secretariat(client: Client) -> None:
    from dialogportal.meetings.services import add_item, plan_meeting
    from tests.meetings.builders import future

    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    planned = plan_meeting(committee=council, held_on=future())
    add_item(meeting=planned, title=f"Kladde {SECRET}", is_draft=True)
    assert _sends_to_login(client.get(f"/moeder/{planned.pk}/"))
    assert SECRET not in client.get("/udvalg/byraad/kalender.ics").content.decode()
    assert SECRET not in client.get("/api/v1/committees/byraad/meetings/").content.decode()
    client.force_login(make_staff("medarbejder", Role.MODERATOR))
    assert client.get(f"/moeder/{planned.pk}/").status_code == 404
