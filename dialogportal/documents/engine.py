"""Bytes in, text out: recognise the format by its content, read it within the limits, and
classify whatever cannot be read. Nothing here raises on bad input."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import PurePath

from dialogportal.documents.model import DocumentFormat, Extraction, ExtractionStatus, Limits
from dialogportal.documents.pdf import extract_pdf
from dialogportal.documents.pdf_layout import extract_pdf_layout
from dialogportal.documents.word import read_docx

__all__ = ["extract_document"]

logger = logging.getLogger(__name__)

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
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office, and encrypted OOXML
# Control characters that never occur in text (tab, line feed, form feed and CR do).
_BINARY_BYTES = bytes(range(0, 9)) + b"\x0e\x0f" + bytes(range(0x10, 0x1B))


def _is_image(data: bytes, suffix: str) -> bool:
    if data.startswith(_IMAGE_MAGIC):
        return True
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return True
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return True
    return suffix in _IMAGE_SUFFIXES and b"%PDF-" not in data[:1024]


def extract_document(
    data: bytes, filename: str, *, limits: Limits | None = None, pdf_layout: bool = False
) -> Extraction:
    """The text of a PDF, DOCX or plain-text document; never raises.

    The format is decided by the content, not the name (a ".pdf" that is not a PDF is
    corrupt). ``pdf_layout`` reads PDF pages as laid out (PDFium), which a reader of the
    document's structure needs; without it pypdf reads the text in content order, which is
    all personal-data screening needs, in pure Python (see ``Extraction``).
    """
    limits = limits or Limits()
    try:
        extraction = _extract(data, PurePath(filename).suffix.lower(), limits, pdf_layout)
    except Exception as error:  # hostile input may break any parser in any way
        logger.info("document %r could not be read: %r", filename, error)
        return Extraction(ExtractionStatus.CORRUPT, message=f"unreadable ({type(error).__name__})")
    if extraction.status is ExtractionStatus.OK and len(extraction.text) > limits.max_chars:
        return Extraction(
            ExtractionStatus.TOO_LARGE,
            message=f"more than {limits.max_chars} characters",
            format=extraction.format,
        )
    return extraction


def _extract(data: bytes, suffix: str, limits: Limits, pdf_layout: bool) -> Extraction:
    if not data or not data.strip():
        return Extraction(ExtractionStatus.EMPTY, message="the file is empty")
    if len(data) > limits.max_bytes:
        return Extraction(ExtractionStatus.TOO_LARGE, message=f"more than {limits.max_bytes} bytes")
    if b"%PDF-" in data[:1024]:
        return extract_pdf_layout(data, limits) if pdf_layout else extract_pdf(data, limits)
    if data.startswith(b"PK\x03\x04"):
        return _extract_zip_document(data, suffix, limits)
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return Extraction(ExtractionStatus.ENCRYPTED, message="password protected")
        return Extraction(
            ExtractionStatus.UNSUPPORTED, message="an old Office file (.doc); save it as .docx"
        )
    if _is_image(data, suffix):
        return Extraction(ExtractionStatus.NO_TEXT, message="an image, not text")
    if suffix == ".pdf":
        return Extraction(ExtractionStatus.CORRUPT, message="not a PDF (no %PDF header)")
    if suffix == ".docx":
        return Extraction(ExtractionStatus.CORRUPT, message="not a Word file")
    return _extract_plain(data)


def _finish(text: str, document_format: DocumentFormat, encoding: str = "") -> Extraction:
    if not text.strip():
        return Extraction(ExtractionStatus.EMPTY, message="the file holds no text")
    return Extraction(
        ExtractionStatus.OK, text=text, body=text, format=document_format, encoding=encoding
    )


def _extract_plain(data: bytes) -> Extraction:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _finish(data.decode("utf-16", errors="replace"), DocumentFormat.TEXT, "utf-16")
    head = data[:8192]
    if b"\x00" in head or sum(head.count(bytes([b])) for b in _BINARY_BYTES) > len(head) // 100:
        return Extraction(ExtractionStatus.UNSUPPORTED, message="binary data, not text")
    try:
        return _finish(data.decode("utf-8-sig"), DocumentFormat.TEXT, "utf-8")
    except UnicodeDecodeError:
        # Danish text saved by older Windows programs; cp1252 decodes all but five bytes.
        return _finish(data.decode("cp1252", errors="replace"), DocumentFormat.TEXT, "windows-1252")


def _extract_zip_document(data: bytes, suffix: str, limits: Limits) -> Extraction:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        return Extraction(ExtractionStatus.CORRUPT, message=f"corrupt zip ({error})")
    if unzipped > limits.max_unzipped_bytes:
        return Extraction(ExtractionStatus.TOO_LARGE, message=f"unpacks to {unzipped} bytes")
    if "word/document.xml" not in names:
        if suffix == ".docx":
            return Extraction(ExtractionStatus.CORRUPT, message="not a Word file")
        return Extraction(ExtractionStatus.UNSUPPORTED, message=f"a {suffix or 'zip'} file")
    word = read_docx(data)
    text = "\n".join([word.body, *word.furniture])
    if not text.strip():
        return Extraction(ExtractionStatus.EMPTY, message="the file holds no text")
    return Extraction(ExtractionStatus.OK, text=text, body=word.body, format=DocumentFormat.DOCX)
