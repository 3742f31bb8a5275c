"""The text layer of a PDF, page by page and in content order, through pypdf (pure Python:
what personal-data screening of anonymous uploads reads; a hostile file can only raise)."""

from __future__ import annotations

import io
import logging
import time

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from dialogportal.documents.model import (
    DocumentFormat,
    Extraction,
    ExtractionStatus,
    Limits,
    refused_pdf,
)
from dialogportal.documents.pages import flow_pages

__all__ = ["extract_pdf"]

logger = logging.getLogger(__name__)


def _page_text(page: object) -> str:
    # One broken content stream must not hide the other pages.
    try:
        return page.extract_text() or ""  # type: ignore[attr-defined]
    except Exception as error:  # as above
        logger.info("PDF page without readable text: %r", error)
        return ""


def extract_pdf(data: bytes, limits: Limits) -> Extraction:
    """Every page's text in content order."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # An owner-password-only PDF opens with the empty user password; this one does not.
            return refused_pdf(ExtractionStatus.ENCRYPTED, "password protected")
        page_count = len(reader.pages)
    except FileNotDecryptedError:
        return refused_pdf(ExtractionStatus.ENCRYPTED, "password protected")
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        if "crypt" in str(error).lower():
            return refused_pdf(ExtractionStatus.ENCRYPTED, f"password protected ({error})")
        return refused_pdf(ExtractionStatus.CORRUPT, f"corrupt PDF ({error})")
    if page_count == 0:
        return refused_pdf(ExtractionStatus.EMPTY, "the PDF has no pages")
    if page_count > limits.max_pages:
        return refused_pdf(
            ExtractionStatus.TOO_LARGE,
            f"{page_count} pages; at most {limits.max_pages} are read",
            page_count=page_count,
        )
    deadline = time.monotonic() + limits.max_seconds
    texts: list[str] = []
    without_text: list[int] = []
    characters = 0
    for number, page in enumerate(reader.pages, start=1):
        page_text = _page_text(page)
        if not page_text.strip():
            without_text.append(number)
        texts.append(page_text)
        characters += len(page_text)
        if characters > limits.max_chars or time.monotonic() > deadline:
            return refused_pdf(
                ExtractionStatus.TOO_LARGE,
                f"stopped at page {number} of {page_count}",
                page_count=page_count,
            )
    if len(without_text) == page_count:
        return refused_pdf(
            ExtractionStatus.NO_TEXT,
            "a scanned PDF without a text layer",
            page_count=page_count,
            pages_without_text=tuple(without_text),
        )
    flow = flow_pages(texts)
    text = "\n\f".join(texts)
    return Extraction(
        ExtractionStatus.OK,
        text=text,
        body=flow.body,
        format=DocumentFormat.PDF,
        page_count=page_count,
        pages_without_text=tuple(without_text),
        page_starts=flow.page_starts,
    )
