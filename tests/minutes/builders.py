"""Build small PDF and DOCX files from text for the extraction tests (no network, no fonts)."""

from __future__ import annotations

from pathlib import Path

import docx
import weasyprint
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pypdf import PdfReader, PdfWriter

LINES_PER_PAGE = 60


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(path: Path, text: str) -> Path:
    """A text-layer PDF: Helvetica, WinAnsiEncoding, one text line per line of ``text``."""
    lines = text.split("\n")
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    objects: list[bytes] = []
    font_id = 3
    page_ids = []
    next_id = 4
    for _ in pages:
        page_ids.append((next_id, next_id + 1))
        next_id += 2
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % page for page, _ in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for (page_id, content_id), page_lines in zip(page_ids, pages, strict=True):
        del page_id
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font_id, content_id)
        )
        body = b"BT /F1 9 Tf 12 TL 40 800 Td\n"
        body += b"".join(_pdf_string(line) + b" Tj T*\n" for line in page_lines)
        body += b"ET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def write_docx(path: Path, blocks: list[tuple[str, str]]) -> Path:
    """``blocks``: (kind, text) with kind "h1", "h2", "p", "number", "bullet" or "table"
    (a table's text is rows separated by newlines, cells by " | ")."""
    document = docx.Document()
    for kind, text in blocks:
        if kind in {"h1", "h2", "h3"}:
            document.add_heading(text, level=int(kind[1]))
        elif kind == "number":
            document.add_paragraph(text, style="List Number")
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "table":
            rows = [row.split(" | ") for row in text.split("\n")]
            table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
            for row_cells, row in zip(table.rows, rows, strict=True):
                for cell, value in zip(row_cells.cells, row, strict=False):
                    cell.text = value
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def write_html_pdf(path: Path, html: str) -> Path:
    """A real PDF as a word processor or WeasyPrint makes it: laid out, with the running
    headers and footers the HTML's @page rules give it."""
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())
    return path


def number_headings(document: object, *, first: int) -> str:
    """Add a numbering definition ("%1.", starting at ``first``) to a python-docx document and
    return its id, for headings Word numbers itself (the number is not in their text)."""
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77"><w:lvl w:ilvl="0">'
            f'<w:start w:val="{first}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
            "</w:lvl></w:abstractNum>"
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>')
    )
    return "77"


def numbered_heading(document: object, text: str, num_id: str) -> None:
    heading = document.add_heading(text, level=1)  # type: ignore[attr-defined]
    heading._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def write_encrypted_pdf(
    path: Path, text: str, *, user_password: str, algorithm: str = "AES-256"
) -> Path:
    """A text-layer PDF encrypted with pypdf; an empty user password opens it for reading
    (only the owner password protects it)."""
    plain = write_pdf(path.with_suffix(".plain.pdf"), text)
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="ejer", algorithm=algorithm)
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def write_med_docx(path: Path) -> Path:
    """Lokal MED minutes as Word writes them: a header and footer, a table of header fields,
    headings Word numbers itself (7, 8, 9), numbered "at"-clauses, bullets, a closed item."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Lokal MED Solsikken – referat"
    section.footer.paragraphs[0].text = "Side 1"
    document.add_heading("Referat – Lokal MED Solsikken", level=0)
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        table.rows,
        [("Dato", "2. oktober 2025"), ("Tid", "kl. 14.00-15.30"), ("Sted", "Personalestuen")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("Afbud: Yasmin Eriksen og Tove Mark")
    num_id = number_headings(document, first=7)
    numbered_heading(document, "Godkendelse af dagsorden", num_id)
    document.add_heading("Referat", level=2)
    document.add_paragraph("Godkendt.")
    numbered_heading(document, "Arbejdsmiljø i køkkenet v. leder Kim Holt", num_id)
    document.add_paragraph("Sagsnr. 87.02.00-G01-5-25")
    document.add_heading("Indstilling", level=2)
    document.add_paragraph("Ledelsen indstiller,")
    document.add_paragraph(
        "at den nye opvaskemaskine tages i brug efter instruktion", style="List Number"
    )
    document.add_paragraph("at APV'en opdateres", style="List Number")
    document.add_heading("Referat", level=2)
    document.add_paragraph("Drøftet. Instruktionen gives i uge 42.")
    document.add_heading("Bilag", level=2)
    document.add_paragraph("Brugsanvisning til opvaskemaskinen", style="List Bullet")
    document.add_paragraph("APV 2025 (lukket bilag)", style="List Bullet")
    numbered_heading(document, "Lukket punkt: Sygefravær", num_id)
    document.add_heading("Referat", level=2)
    document.add_paragraph("Drøftet.")
    document.save(str(path))
    return path
