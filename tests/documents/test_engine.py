"""The shared extraction engine: formats by content, limits, and what cannot be read."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from typing import Any

import docx
import pytest

from dialogportal.documents import (
    DocumentFormat,
    ExtractionStatus,
    Limits,
    extract_document,
)


def _docx(build: Callable[[Any], None]) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_headings_lists_tables_and_furniture() -> None:
    def build(document: Any) -> None:
        document.add_heading("Referat Byrådet", level=0)
        document.add_heading("Godkendelse af dagsorden", level=1)
        document.add_paragraph("at dagsordenen godkendes", style="List Number")
        document.add_paragraph("at punkt 5 udsættes", style="List Number")
        document.add_paragraph("Plan for 2026", style="List Bullet")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Mødested"
        table.cell(0, 1).text = "Byrådssalen | 1. sal"
        document.sections[0].header.paragraphs[0].text = "Byrådet – beslutningsprotokol"
        document.sections[0].footer.paragraphs[0].text = "Side 1"

    extraction = extract_document(_docx(build), "referat.docx")
    assert extraction.status is ExtractionStatus.OK
    assert extraction.format is DocumentFormat.DOCX
    assert extraction.body.split("\n\n") == [
        "# Referat Byrådet",
        "# Godkendelse af dagsorden",
        "1. at dagsordenen godkendes",
        "2. at punkt 5 udsættes",
        "- Plan for 2026",
        "| Mødested | Byrådssalen / 1. sal |",
    ]
    # The header and footer are not the document's body, but they are its text.
    assert "beslutningsprotokol" not in extraction.body
    assert extraction.text.endswith("Byrådet – beslutningsprotokol\nSide 1")


def test_an_automatically_numbered_heading_keeps_the_number_word_shows() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(document: Any) -> None:
        numbering = document.part.numbering_part.element
        numbering.append(
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0">'
                '<w:start w:val="236"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
                "</w:lvl></w:abstractNum>"
            )
        )
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        )
        for title in ("Godkendelse af dagsorden", "Budget 2026"):
            heading = document.add_heading(title, level=1)
            heading._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'
                )
            )

    body = extract_document(_docx(build), "dagsorden.docx").body
    assert body.split("\n\n") == ["# 236. Godkendelse af dagsorden", "# 237. Budget 2026"]


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("Mødedato: 1. maj".encode(), "utf-8", "Mødedato: 1. maj"),
        ("\ufeffMødedato".encode(), "utf-8", "Mødedato"),
        ("Mødedato: 1. maj".encode("cp1252"), "windows-1252", "Mødedato: 1. maj"),
        ("Mødedato".encode("utf-16"), "utf-16", "Mødedato"),
    ],
)
def test_plain_text_in_the_encodings_danish_files_come_in(
    data: bytes, encoding: str, text: str
) -> None:
    extraction = extract_document(data, "referat.txt")
    assert (extraction.status, extraction.encoding) == (ExtractionStatus.OK, encoding)
    assert extraction.body == extraction.text == text


@pytest.mark.parametrize(
    ("data", "name", "status"),
    [
        (b"", "tom.md", ExtractionStatus.EMPTY),
        (b" \n\t", "tom.md", ExtractionStatus.EMPTY),
        (random.Random(3).randbytes(5000), "støj.md", ExtractionStatus.UNSUPPORTED),
        (b"\x01\x02\x03" * 300 + b"tekst", "kontrol.txt", ExtractionStatus.UNSUPPORTED),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "x.pdf", ExtractionStatus.CORRUPT),
        (b"hello", "x.pdf", ExtractionStatus.CORRUPT),
        (b"PK\x03\x04 not a zip", "x.docx", ExtractionStatus.CORRUPT),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "x.doc", ExtractionStatus.UNSUPPORTED),
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "scan.png", ExtractionStatus.NO_TEXT),
    ],
)
def test_what_cannot_be_read_is_classified(
    data: bytes, name: str, status: ExtractionStatus
) -> None:
    extraction = extract_document(data, name)
    assert extraction.status is status
    assert extraction.message
    assert extraction.body == ""


def test_limits_are_the_callers() -> None:
    assert extract_document(b"x" * 101, "a.txt", limits=Limits(max_bytes=100)).status is (
        ExtractionStatus.TOO_LARGE
    )
    assert extract_document(b"x" * 101, "a.txt", limits=Limits(max_chars=100)).status is (
        ExtractionStatus.TOO_LARGE
    )
    assert extract_document(b"x" * 101, "a.txt").status is ExtractionStatus.OK
