"""The hvidbog (HTML, PDF, DOCX, command line) and the feedback report per source: every
published input with its theme and answer, no personal data beyond the display rules (checked
on the text extracted from the files)."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from docx import Document
from pypdf import PdfReader

from dialogportal.feedback import exports, queries
from tests.feedback import builders, scenario

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _docx_text(data: bytes) -> str:
    word = Document(io.BytesIO(data))
    return " ".join(" ".join(p.text.split()) for p in word.paragraphs)


def _assert_no_personal_data(text: str) -> None:
    for secret in scenario.NEVER_PUBLIC:
        assert secret not in text, secret


def test_the_hvidbog_groups_every_input_by_area_and_theme_and_counts_the_hidden_ones() -> None:
    made = scenario.build()
    book = queries.hvidbog(made.process)
    assert book.received_count == 5  # the rejected one is only counted apart
    assert book.rejected_count == 1
    titles = [(area.title, [group.title for group in area.groups]) for area in book.areas]
    assert titles == [
        ("Område 1", ["Renovering af boliger"]),
        ("Område 2", ["Faste kontaktpersoner"]),
    ]
    housing = book.areas[0].groups[0]
    assert housing.answer is not None
    assert [str(outcome) for outcome in housing.outcomes] == [scenario.OUTCOME]
    assert [entry.item.id for entry in housing.entries] == [made.named.pk, made.anonymous.pk]
    assert housing.not_shown.count == 1
    assert housing.not_shown.statuses == (("Brugt i planen", 1),)
    own = {entry.item.id: entry.answer_text for entry in housing.entries}
    assert own == {made.named.pk: "", made.anonymous.pk: scenario.OWN_ANSWER}


def test_the_hvidbog_pdf_contains_every_theme_and_answer_and_no_personal_data() -> None:
    made = scenario.build()
    data = exports.hvidbog_pdf(queries.hvidbog(made.process))
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.title == "Hvidbog: Fremtidens Testby"
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, dict)
    assert "/Lang" in root
    assert "/StructTreeRoot" in root  # tagged (PDF/UA)
    text = _pdf_text(data)
    for expected in (
        "Indholdsfortegnelse",
        "Renovering af boliger",
        "Faste kontaktpersoner",
        "Vi renoverer 400 boliger i midtbyen fra 2027 <script>alert(1)</script>.",
        scenario.OWN_ANSWER,
        scenario.OUTCOME,
        "Boligerne i midtbyen er slidte og skal renoveres.",
        "Karen Blixen",  # consented to show the name
        "Endnu ikke besvaret.",
        "Desuden 1 input, der ikke offentliggøres",
    ):
        assert expected in text, expected
    _assert_no_personal_data(text)


def test_the_hvidbog_docx_has_real_headings_and_no_personal_data() -> None:
    made = scenario.build()
    data = exports.hvidbog_docx(queries.hvidbog(made.process))
    word = Document(io.BytesIO(data))
    styled = [(p.style.name if p.style else "", p.text) for p in word.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith(("Heading", "Title"))]
    assert ("Title", "Hvidbog: Fremtidens Testby") in headings
    assert ("Heading 1", "Område 1") in headings
    assert ("Heading 2", "Renovering af boliger") in headings
    assert word.core_properties.title == "Hvidbog: Fremtidens Testby"
    text = _docx_text(data)
    assert scenario.THEME_ANSWER in text
    assert scenario.OWN_ANSWER in text
    _assert_no_personal_data(text)


def test_the_hvidbog_html_is_a_danish_document_with_escaped_answers() -> None:
    made = scenario.build()
    page = exports.hvidbog_html(queries.hvidbog(made.process))
    assert '<html lang="da">' in page
    assert "<title>Hvidbog: Fremtidens Testby</title>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page
    assert 'href="#omraade-omraade-1"' in page
    _assert_no_personal_data(page)


def test_export_hvidbog_command_writes_each_format(tmp_path: Path) -> None:
    made = scenario.build()
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!DOCTYPE")):
        out = tmp_path / f"hvidbog.{fmt}"
        call_command(
            "export_hvidbog",
            "--process",
            made.process.slug,
            "--format",
            fmt,
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
        assert out.read_bytes().startswith(magic)


def test_export_hvidbog_command_explains_an_unknown_process_in_danish(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Der findes ingen proces"):
        call_command("export_hvidbog", "--process", "findes-ikke", "--out", str(tmp_path / "x.pdf"))
    builders.small_process()
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("export_hvidbog", "--process", "proces", "--out", "/no/such/dir/x.pdf")


def test_a_hvidbog_without_analysis_lists_inputs_without_theme() -> None:
    process = builders.small_process()
    builders.contributed(process, text="Flere cykelstier, tak.", area_slug="omraade-1")
    book = queries.hvidbog(process)
    assert [group.title for group in book.areas[0].groups] == ["Input uden tema"]
    assert "Input uden tema" in exports.hvidbog_html(book)


def test_the_committee_report_lists_what_it_sent_and_what_became_of_it() -> None:
    made = scenario.build()
    client = Client()
    page = client.get(f"/processer/fremtiden/tilbagemelding/udvalg/{made.committee.slug}/")
    assert page.status_code == 200
    assert scenario.COMMITTEE in page.text
    assert "Medarbejderne ønsker færre skift" in page.text
    assert "Modtaget" in page.text
    pdf = client.get(f"/processer/fremtiden/tilbagemelding/udvalg/{made.committee.slug}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "Medarbejderne ønsker færre skift" in text
    _assert_no_personal_data(text)


def test_the_source_report_per_channel_counts_what_is_not_public() -> None:
    scenario.build()
    client = Client()
    page = client.get("/processer/fremtiden/tilbagemelding/kilde/?kanal=web")
    assert page.status_code == 200
    assert scenario.THEME_ANSWER.replace("<", "&lt;").replace(">", "&gt;") in page.text
    assert "Desuden 2 input, der ikke vises offentligt." in page.text
    _assert_no_personal_data(page.text)
    listing = client.get("/processer/fremtiden/tilbagemelding/").text
    assert scenario.COMMITTEE in listing
    assert "/processer/fremtiden/tilbagemelding/udvalg/sektor-med-social/pdf/" in listing
    assert "/processer/fremtiden/tilbagemelding/kilde/pdf/?kanal=web&amp;kilde=" in listing


@pytest.mark.parametrize(
    "query",
    ["", "?kanal=nope", "?kanal=%00", "?kanal=web' OR 1=1--", "?kanal=<script>"],
)
def test_a_bad_source_address_is_not_found(query: str) -> None:
    builders.small_process()
    assert Client().get(f"/processer/proces/tilbagemelding/kilde/{query}").status_code == 404


def test_an_odd_source_name_gives_an_empty_report_not_an_error() -> None:
    builders.small_process()
    odd = "%F0%9F%98%80%20%C3%86%C3%98%C3%85" + "x" * 5000
    page = Client().get(f"/processer/proces/tilbagemelding/kilde/?kanal=web&kilde={odd}")
    assert page.status_code == 200
    assert "Ingen offentliggjorte input" in page.text
