"""Attachments: real PDF and DOCX files built here, and the hostile ones that must not crash."""

import io
import zipfile

import pytest
from docx import Document
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from dialogportal.screening import extraction
from dialogportal.screening.extraction import (
    ExtractionStatus,
    extract_text,
    screen_attachment,
)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def pdf_bytes(*page_texts: str, password: str | None = None) -> bytes:
    """A valid PDF with one page per text (Helvetica, WinAnsi); an empty text is a blank page."""
    writer = PdfWriter()
    for page_text in page_texts:
        page = writer.add_blank_page(width=595, height=842)
        if not page_text:
            continue
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        lines = []
        for number, line in enumerate(page_text.split("\n")):
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            lines.append(f"BT /F1 12 Tf 72 {770 - 16 * number} Td ({escaped}) Tj ET")
        content = DecodedStreamObject()
        content.set_data("\n".join(lines).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(content)
    if password is not None:
        writer.encrypt(user_password=password, owner_password=password + "-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    document = Document()
    heading = document.add_paragraph("Høringssvar om Fremtidens Randers")
    document.add_comment(heading.runs, text="Afsenders cpr 030390-3456", author="sagsbehandler")
    document.add_paragraph("Skriv til søren@domæne.dk hvis noget er uklart.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Telefon"
    table.cell(0, 1).text = "12 34 56 78"
    table.cell(1, 0).text = "CPR"
    table.cell(1, 1).text = "010190-1234"
    document.sections[0].footer.paragraphs[0].text = "Afsender cpr 020290-2345"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_text_of_a_pdf_is_extracted_and_screened() -> None:
    data = pdf_bytes("Mit cpr er 010190-1234.", "Ring paa 12 34 56 78 efter kl. 16.")
    result = screen_attachment(data, "svar.pdf")
    assert result.status is ExtractionStatus.OK
    assert result.extraction.page_count == 2
    assert [(hit.kind, hit.text) for hit in result.hits] == [
        ("cpr", "010190-1234"),
        ("phone", "12 34 56 78"),
    ]
    assert all(result.extraction.text[h.start : h.end] == h.text for h in result.hits)
    assert not result.may_publish_automatically


def test_a_pdf_without_personal_data_may_be_published_automatically() -> None:
    result = screen_attachment(pdf_bytes("Vi holder mode 27-06-2025 i 8900 Randers C."), "a.pdf")
    assert result.status is ExtractionStatus.OK
    assert result.hits == ()
    assert result.may_publish_automatically


def test_a_pdf_page_without_text_asks_for_a_manual_check() -> None:
    # The Vejen case: the CPR number sat on a scanned signature page behind a text page.
    result = screen_attachment(pdf_bytes("Mit hoeringssvar.", ""), "svar.pdf")
    assert result.status is ExtractionStatus.OK
    assert result.extraction.pages_without_text == (2,)
    assert result.needs_manual_check
    assert not result.may_publish_automatically


def test_a_scanned_pdf_has_no_text_and_is_not_screened() -> None:
    result = extract_text(pdf_bytes("", ""), "scan.pdf")
    assert result.status is ExtractionStatus.NO_TEXT
    assert "check manually" in result.message
    assert result.needs_manual_check


def test_an_encrypted_pdf_is_reported_as_encrypted() -> None:
    data = pdf_bytes("cpr 010190-1234", password="hemmelig")
    assert extract_text(data, "svar.pdf").status is ExtractionStatus.ENCRYPTED


def test_a_pdf_with_only_an_owner_password_is_read() -> None:
    writer_data = pdf_bytes("cpr 010190-1234", password="")
    result = screen_attachment(writer_data, "svar.pdf")
    assert result.status is ExtractionStatus.OK
    assert [hit.text for hit in result.hits] == ["010190-1234"]


def test_a_pdf_over_the_page_cap_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction, "MAX_PAGES", 2)
    result = extract_text(pdf_bytes("a", "b", "c"), "lang.pdf")
    assert result.status is ExtractionStatus.TOO_LARGE
    assert result.page_count == 3


def test_a_file_over_the_size_cap_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction, "MAX_BYTES", 100)
    assert extract_text(b"x" * 101, "stor.txt").status is ExtractionStatus.TOO_LARGE


def test_docx_paragraphs_tables_footers_and_comments_are_screened() -> None:
    result = screen_attachment(docx_bytes(), "svar.docx")
    assert result.status is ExtractionStatus.OK
    assert "Høringssvar om Fremtidens Randers" in result.extraction.text
    assert sorted((hit.kind, hit.text) for hit in result.hits) == [
        ("cpr", "010190-1234"),
        ("cpr", "020290-2345"),
        ("cpr", "030390-3456"),
        ("email", "søren@domæne.dk"),
        ("phone", "12 34 56 78"),
    ]


def test_a_docx_zip_bomb_is_refused_before_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction, "MAX_UNZIPPED_BYTES", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * 100_000)
    assert extract_text(buffer.getvalue(), "bombe.docx").status is ExtractionStatus.TOO_LARGE


@pytest.mark.parametrize(
    ("data", "filename", "status"),
    [
        (b"", "tom.pdf", ExtractionStatus.EMPTY),
        (b"  \n ", "tom.txt", ExtractionStatus.EMPTY),
        (PNG, "foto.png", ExtractionStatus.NO_TEXT),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "foto.jpg", ExtractionStatus.NO_TEXT),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "svar.pdf", ExtractionStatus.CORRUPT),
        (b"%PDF-1.4\n" + bytes(range(256)) * 50, "svar.pdf", ExtractionStatus.CORRUPT),
        (b"not a pdf at all", "svar.pdf", ExtractionStatus.CORRUPT),
        (b"PK\x03\x04 truncated zip", "svar.docx", ExtractionStatus.CORRUPT),
        (b"PK\x03\x04" + bytes(300), "svar.docx", ExtractionStatus.CORRUPT),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "gammel.doc",
            ExtractionStatus.UNSUPPORTED,
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "svar.docx",
            ExtractionStatus.ENCRYPTED,
        ),
        (b"\x00\x01\x02binary\x00", "data.bin", ExtractionStatus.UNSUPPORTED),
    ],
)
def test_hostile_and_unreadable_files_are_classified_not_raised(
    data: bytes, filename: str, status: ExtractionStatus
) -> None:
    result = screen_attachment(data, filename)
    assert result.status is status
    assert result.needs_manual_check
    assert result.hits == ()


def test_a_corrupted_real_pdf_never_raises() -> None:
    data = bytearray(pdf_bytes("cpr 010190-1234", "side to"))
    for position in range(20, len(data), 37):
        data[position] ^= 0xFF
    assert extract_text(bytes(data), "svar.pdf").status in set(ExtractionStatus)


def test_a_zip_that_is_not_a_word_file_is_unsupported() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    assert extract_text(buffer.getvalue(), "svar.odt").status is ExtractionStatus.UNSUPPORTED


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Ring på 12345678".encode(), "Ring på 12345678"),
        ("\ufeffRing på 12345678".encode(), "Ring på 12345678"),
        ("Ring på 12345678".encode("cp1252"), "Ring på 12345678"),
        ("Ring på 12345678".encode("utf-16"), "Ring på 12345678"),
    ],
)
def test_plain_text_in_common_encodings_is_read(data: bytes, text: str) -> None:
    result = screen_attachment(data, "svar.txt")
    assert result.extraction.text == text
    assert [hit.text for hit in result.hits] == ["12345678"]
