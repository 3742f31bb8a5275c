"""Text out of attachments (PDF, DOCX, plain text) so their personal data can be screened.

Attachments come from anonymous contributors, so every byte is hostile until parsed: nothing in
here raises on bad input. Whatever cannot be read is classified, and anything but a clean `ok`
without unread pages means "not screened — check manually".
"""

from __future__ import annotations

import io
import logging
import time
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath

from dialogportal.screening.detectors import Hit, screen_text

logger = logging.getLogger(__name__)

MAX_BYTES = 25 * 1024 * 1024  # larger than any upload the form accepts (≈10 MB)
MAX_PAGES = 300
MAX_CHARS = 2_000_000
MAX_SECONDS = 20.0  # checked between PDF pages; one pathological page can still take longer
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a DOCX is a zip: refuse decompression bombs up front

MANUAL_CHECK = "not screened — check manually"


class ExtractionStatus(StrEnum):
    OK = "ok"
    NO_TEXT = "no_text"  # scanned PDF or an image: there is no text layer to screen
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"  # a format we do not read (xlsx, odt, legacy .doc …)


@dataclass(frozen=True)
class Extraction:
    """The text of one attachment and whether it could be read in full."""

    status: ExtractionStatus
    text: str = ""
    message: str = ""
    page_count: int = 0
    pages_without_text: tuple[int, ...] = ()  # 1-based; e.g. a scanned signature page

    @property
    def needs_manual_check(self) -> bool:
        return self.status is not ExtractionStatus.OK or bool(self.pages_without_text)


@dataclass(frozen=True)
class AttachmentScreening:
    """What screening found in an attachment; offsets index `extraction.text`."""

    extraction: Extraction
    hits: tuple[Hit, ...] = field(default_factory=tuple)

    @property
    def status(self) -> ExtractionStatus:
        return self.extraction.status

    @property
    def needs_manual_check(self) -> bool:
        return self.extraction.needs_manual_check

    @property
    def may_publish_automatically(self) -> bool:
        return not self.hits and not self.needs_manual_check


_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"BM",
)
_IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic", ".heif"}
)
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".csv", ".md", ".tsv", ".eml", ".log", ""})
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office, and encrypted OOXML


def _is_image(data: bytes, suffix: str) -> bool:
    if data.startswith(_IMAGE_MAGIC):
        return True
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return True
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return True
    return suffix in _IMAGE_SUFFIXES and data[:5] != b"%PDF-"


def extract_text(data: bytes, filename: str) -> Extraction:
    """Extract the text of an attachment; never raises, classifies what it cannot read."""
    try:
        return _extract(data, filename)
    except Exception as error:  # hostile input may break any parser in any way
        logger.info("attachment %r could not be read: %r", filename, error)
        return Extraction(
            ExtractionStatus.CORRUPT, message=f"{MANUAL_CHECK} ({type(error).__name__})"
        )


def screen_attachment(data: bytes, filename: str) -> AttachmentScreening:
    """Extract an attachment's text and screen it with the same detectors as the input text."""
    extraction = extract_text(data, filename)
    if not extraction.text:
        return AttachmentScreening(extraction)
    return AttachmentScreening(extraction, tuple(screen_text(extraction.text)))


def _extract(data: bytes, filename: str) -> Extraction:
    suffix = PurePath(filename).suffix.lower()
    if not data or not data.strip():
        return Extraction(ExtractionStatus.EMPTY, message="the file is empty")
    if len(data) > MAX_BYTES:
        return Extraction(
            ExtractionStatus.TOO_LARGE, message=f"{MANUAL_CHECK} (over {MAX_BYTES} bytes)"
        )
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return _extract_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _extract_zip_document(data, suffix)
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return Extraction(
                ExtractionStatus.ENCRYPTED, message=f"{MANUAL_CHECK} (password protected)"
            )
        return Extraction(
            ExtractionStatus.UNSUPPORTED, message=f"{MANUAL_CHECK} (legacy Office file)"
        )
    if _is_image(data, suffix):
        return Extraction(ExtractionStatus.NO_TEXT, message=f"{MANUAL_CHECK} (image)")
    if suffix == ".pdf":
        return Extraction(ExtractionStatus.CORRUPT, message=f"{MANUAL_CHECK} (not a PDF)")
    if suffix == ".docx":
        return Extraction(ExtractionStatus.CORRUPT, message=f"{MANUAL_CHECK} (not a Word file)")
    return _extract_plain(data, suffix)


def _finish(text: str, page_count: int = 0, pages_without_text: tuple[int, ...] = ()) -> Extraction:
    if len(text) > MAX_CHARS:
        return Extraction(
            ExtractionStatus.TOO_LARGE, message=f"{MANUAL_CHECK} (over {MAX_CHARS} characters)"
        )
    if not text.strip():
        return Extraction(ExtractionStatus.EMPTY, message="the file holds no text")
    return Extraction(
        ExtractionStatus.OK, text=text, page_count=page_count, pages_without_text=pages_without_text
    )


def _extract_plain(data: bytes, suffix: str) -> Extraction:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _finish(data.decode("utf-16"))
    if b"\x00" in data[:8192]:
        return Extraction(ExtractionStatus.UNSUPPORTED, message=f"{MANUAL_CHECK} (binary file)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Danish text saved by older Windows programs; cp1252 decodes all but five bytes.
        text = data.decode("cp1252", errors="replace")
    return _finish(text)


def _extract_pdf(data: bytes) -> Extraction:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # An owner-password-only PDF opens with the empty user password; this one does not.
            return Extraction(
                ExtractionStatus.ENCRYPTED, message=f"{MANUAL_CHECK} (password protected)"
            )
        page_count = len(reader.pages)
    except FileNotDecryptedError:
        return Extraction(
            ExtractionStatus.ENCRYPTED, message=f"{MANUAL_CHECK} (password protected)"
        )
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        return Extraction(ExtractionStatus.CORRUPT, message=f"{MANUAL_CHECK} ({error})")
    if page_count == 0:
        return Extraction(ExtractionStatus.EMPTY, message="the PDF has no pages")
    if page_count > MAX_PAGES:
        return Extraction(
            ExtractionStatus.TOO_LARGE,
            message=f"{MANUAL_CHECK} ({page_count} pages)",
            page_count=page_count,
        )
    deadline = time.monotonic() + MAX_SECONDS
    texts: list[str] = []
    without_text: list[int] = []
    characters = 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            page_text = page.extract_text() or ""
        except Exception:  # one broken content stream should not hide the other pages
            page_text = ""
        if not page_text.strip():
            without_text.append(number)
        texts.append(page_text)
        characters += len(page_text)
        if characters > MAX_CHARS or time.monotonic() > deadline:
            return Extraction(
                ExtractionStatus.TOO_LARGE,
                message=f"{MANUAL_CHECK} (stopped at page {number} of {page_count})",
                page_count=page_count,
            )
    if len(without_text) == page_count:
        return Extraction(
            ExtractionStatus.NO_TEXT,
            message=f"{MANUAL_CHECK} (scanned PDF without a text layer)",
            page_count=page_count,
            pages_without_text=tuple(without_text),
        )
    return _finish("\n\f".join(texts), page_count, tuple(without_text))


def _extract_zip_document(data: bytes, suffix: str) -> Extraction:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        return Extraction(ExtractionStatus.CORRUPT, message=f"{MANUAL_CHECK} ({error})")
    if unzipped > MAX_UNZIPPED_BYTES:
        return Extraction(
            ExtractionStatus.TOO_LARGE, message=f"{MANUAL_CHECK} (unpacks to {unzipped} bytes)"
        )
    if "word/document.xml" in names:
        return _extract_docx(data)
    if suffix == ".docx":
        return Extraction(ExtractionStatus.CORRUPT, message=f"{MANUAL_CHECK} (not a Word file)")
    return Extraction(
        ExtractionStatus.UNSUPPORTED, message=f"{MANUAL_CHECK} ({suffix or 'zip'} file)"
    )


def _extract_docx(data: bytes) -> Extraction:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(data))
    paragraph_tag, text_tag, tab_tag = qn("w:p"), qn("w:t"), qn("w:tab")
    break_tags = {qn("w:br"), qn("w:cr")}
    fallback_tag = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

    def paragraphs_of(element: object) -> list[str]:
        # Every w:p at any depth: body paragraphs, table cells (nested too), text boxes and
        # content controls, in document order. Fallback copies of text boxes are skipped.
        lines: list[str] = []
        for paragraph in element.iter(paragraph_tag):  # type: ignore[attr-defined]
            if any(ancestor.tag == fallback_tag for ancestor in paragraph.iterancestors()):
                continue
            pieces: list[str] = []
            for node in paragraph.iter(text_tag, tab_tag, *break_tags):
                if node.tag == text_tag:
                    pieces.append(node.text or "")
                elif node.tag == tab_tag:
                    pieces.append("\t")
                else:
                    pieces.append("\n")
            lines.append("".join(pieces))
        return lines

    lines = paragraphs_of(document.element.body)
    # A letterhead or signature with a CPR number sits in a header or footer.
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous:
                continue
            lines.extend(paragraphs_of(part._element))
    for part in document.part.package.iter_parts():
        if str(part.partname).rsplit("/", 1)[-1] in (
            "footnotes.xml",
            "endnotes.xml",
            "comments.xml",
        ):
            lines.extend(paragraphs_of(parse_xml(part.blob)))
    return _finish("\n".join(lines))
