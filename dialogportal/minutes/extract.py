"""Read a minutes file into text: Markdown/plain text, PDF (pypdf) or DOCX (python-docx).

DOCX headings become Markdown headings ("Heading 1"/"Overskrift 1" → ``#``) so that the parser
sees the document's structure; list paragraphs become "1." or "-" lines; tables become
``| cell | cell |`` rows. PDF keeps only its text layer: a scanned PDF without one is refused.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from dialogportal.minutes.errors import MinutesFileError

__all__ = ["MAX_FILE_BYTES", "read_minutes_file"]

MAX_FILE_BYTES = 50 * 1024 * 1024
_TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text", ""}
_WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE_RE = re.compile(r"^(?:heading|overskrift)\s*(?P<level>[1-6])$", re.IGNORECASE)


def read_minutes_file(path: str | Path) -> str:
    """Return the text of ``path``; raise :class:`MinutesFileError` with a clear reason."""
    file = Path(path)
    if not file.exists():
        raise MinutesFileError(f"{file}: no such file")
    if not file.is_file():
        raise MinutesFileError(f"{file}: not a regular file")
    size = file.stat().st_size
    if size == 0:
        raise MinutesFileError(f"{file}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise MinutesFileError(f"{file}: {size} bytes is more than the {MAX_FILE_BYTES} allowed")
    data = file.read_bytes()
    suffix = file.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        text = _pdf_text(file, data)
    elif data.startswith(b"PK\x03\x04") or suffix == ".docx":
        text = _docx_text(file)
    elif suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise MinutesFileError(f"{file}: old Word .doc files are not supported; save as .docx")
    else:
        text = _plain_text(file, data)
    if not text.strip():
        raise MinutesFileError(f"{file}: the file contains no text")
    return text


def _plain_text(file: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise MinutesFileError(f"{file}: binary data, not text (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MinutesFileError(
            f"{file}: not valid UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from error


def _pdf_text(file: Path, data: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    if not data.startswith(b"%PDF"):
        raise MinutesFileError(f"{file}: not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise MinutesFileError(f"{file}: the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except MinutesFileError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        # pypdf reports broken files with several exception types; all mean "corrupt".
        message = str(error) or type(error).__name__
        if "encrypt" in message.lower() or "decrypt" in message.lower():
            raise MinutesFileError(f"{file}: the PDF is encrypted ({message})") from error
        raise MinutesFileError(f"{file}: corrupt PDF ({message})") from error
    text = "\n".join(pages)
    if not text.strip():
        raise MinutesFileError(f"{file}: the PDF has no text layer (scanned?); run OCR first")
    return text


def _docx_text(file: Path) -> str:
    import docx

    try:
        document = docx.Document(str(file))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise MinutesFileError(f"{file}: corrupt or not a DOCX file ({error})") from error
    except Exception as error:
        # python-docx raises its own PackageNotFoundError and lxml errors for broken files.
        raise MinutesFileError(f"{file}: cannot open as DOCX ({error})") from error
    return "\n".join(_docx_lines(document))


def _docx_lines(document: Any) -> list[str]:
    """Paragraphs and tables of the body in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    counters: dict[str, int] = {}
    for child in document.element.body.iterchildren():
        if child.tag == f"{_WORD_NS}p":
            paragraph = Paragraph(child, document)
            lines.append(_paragraph_line(paragraph, counters))
            lines.append("")
        elif child.tag == f"{_WORD_NS}tbl":
            counters.clear()
            lines.extend(_table_lines(Table(child, document)))
            lines.append("")
    return lines


def _paragraph_line(paragraph: Any, counters: dict[str, int]) -> str:
    text = " ".join(paragraph.text.split())
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE_RE.match(style or "")
    if heading is not None and text:
        counters.clear()
        return f"{'#' * int(heading['level'])} {text}"
    if style == "Title" and text:
        return f"# {text}"
    has_numbering = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if text and (style.startswith("List Number") or style.startswith("Nummereret liste")):
        counters[style] = counters.get(style, 0) + 1
        return f"{counters[style]}. {text}"
    if text and (style.startswith("List") or has_numbering):
        return f"- {text}"
    if text:
        counters.clear()
    return text


def _table_lines(table: Any) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if not cells or cells[-1] != value:  # merged cells repeat their text
                cells.append(value)
        if any(cells):
            lines.append("| " + " | ".join(cells) + " |")
    return lines
