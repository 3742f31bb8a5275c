"""The outputs as a secretariat sends them: Word with a header, a footer with page numbers and a
real table of contents field; a PDF with the municipality and the date in a running header;
"den 27. juni 2025" in text; open and closed items grouped; the item type shown; and every
output (HTML, PDF, DOCX, API, iCal) marks a closed item as closed for those who may see it,
while the public sees its public title and, once approved, its published decision."""

import io
import zipfile

import pytest
from django.conf import settings
from django.test import Client
from docx import Document
from pypdf import PdfReader

from dialogportal.accounts.models import Role
from dialogportal.meetings.models import AgendaItem
from dialogportal.organisation.services import save_committee
from tests.factories import make_staff
from tests.meetings.builders import SECRET, approved_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_minutes():
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, open_item, closed_item = approved_meeting(council)
    AgendaItem.objects.filter(pk=closed_item.pk).update(
        public_title="Personaleforhold", public_decision="Byrådet traf beslutning i sagen."
    )
    return meeting, open_item, closed_item


def _pdf_pages(body: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]


def test_the_pdf_has_the_municipality_and_the_date_in_a_running_header(
    client: Client, council_minutes
) -> None:
    meeting, _open, _closed = council_minutes
    pages = _pdf_pages(client.get(f"/moeder/{meeting.pk}/dokument.pdf").content)
    assert len(pages) >= 3
    for text in pages[1:]:
        assert settings.MUNICIPALITY_NAME in text
        assert "Byrådet – referat 27. juni 2025" in text
    assert "Side 2 af" in pages[1]
    body = "\n".join(pages)
    assert "Beslutning i Byrådet den 27. juni 2025" in body
    assert "Åbne punkter" in body
    assert "Lukkede punkter" in body
    assert body.index("Åbne punkter") < body.index("Lukkede punkter")


def test_the_docx_has_header_footer_page_fields_and_a_real_toc(
    client: Client, council_minutes
) -> None:
    meeting, _open, _closed = council_minutes
    body = client.get(f"/moeder/{meeting.pk}/dokument.docx").content
    word = Document(io.BytesIO(body))
    header = word.sections[0].header.paragraphs[0].text
    assert settings.MUNICIPALITY_NAME in header
    assert "27. juni 2025" in header
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        footer = "".join(
            package.read(name).decode() for name in package.namelist() if "footer" in name
        )
        document_xml = package.read("word/document.xml").decode()
        settings_xml = package.read("word/settings.xml").decode()
    assert 'w:instr="PAGE"' in footer
    assert 'w:instr="NUMPAGES"' in footer
    assert 'TOC \\o "1-2"' in document_xml
    assert 'w:fldCharType="begin"' in document_xml
    assert 'w:fldCharType="end"' in document_xml
    assert "w:updateFields" in settings_xml
    styles = [
        (p.style.name, p.text)
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Åbne punkter") in styles
    assert ("Heading 1", "Lukkede punkter") in styles
    assert any(
        name == "Heading 3" and text == "Beslutning i Byrådet den 27. juni 2025"
        for name, text in styles
    )


def _everything(client: Client, meeting_pk: int) -> dict[str, str]:
    def text(path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, path
        if path.endswith(".pdf"):
            return "\n".join(_pdf_pages(response.content))
        if path.endswith(".docx"):
            return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        return response.content.decode().replace("\r\n ", "")

    return {
        "html": text(f"/moeder/{meeting_pk}/"),
        "pdf": text(f"/moeder/{meeting_pk}/dokument.pdf"),
        "docx": text(f"/moeder/{meeting_pk}/dokument.docx"),
        "api": text(f"/api/v1/meetings/{meeting_pk}/"),
        "ical": text("/udvalg/byraad/kalender.ics"),
    }


def test_the_public_sees_the_public_title_and_the_published_decision_of_a_closed_item(
    client: Client, council_minutes
) -> None:
    meeting, _open, _closed = council_minutes
    for name, text in _everything(client, meeting.pk).items():
        assert SECRET not in text, name
        assert "Lukket punkt: Personaleforhold" in text, name
        if name != "ical":
            assert "Byrådet traf beslutning i sagen." in text, name
        assert "(lukket punkt)" not in text, name


def test_every_output_marks_a_closed_item_as_closed_for_the_committees_people(
    client: Client, council_minutes
) -> None:
    meeting, _open, closed = council_minutes
    client.force_login(make_staff("formand", Role.COMMITTEE_SECRETARY))  # the chair's account
    outputs = _everything(client, meeting.pk)
    for name, text in outputs.items():
        assert closed.title in text, name
    assert "Lukket punkt – vises ikke offentligt" in outputs["docx"]
    assert "Punktet behandles for lukkede døre og vises ikke offentligt." in outputs["html"]
    assert "Lukket punkt" in outputs["pdf"]
    assert '"is_closed": true' in outputs["api"].replace(":true", ": true")
    assert f"{closed.title} (lukket punkt)" in outputs["ical"]
    assert "Offentlig titel: “Personaleforhold”" in outputs["html"]


def test_the_item_type_is_stated_the_danish_way(client: Client, council_minutes) -> None:
    meeting, _open, _closed = council_minutes
    page = client.get(f"/moeder/{meeting.pk}/").text
    assert "Til beslutning" in page
    assert "fredag den 27. juni 2025" in page
