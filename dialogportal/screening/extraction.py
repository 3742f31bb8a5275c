"""Screening of attachments (PDF, DOCX, plain text) for personal data.

Attachments come from anonymous contributors, so every byte is hostile until parsed. The text
comes from the shared document engine (`dialogportal.documents`), which never raises and
classifies what it cannot read; anything but a clean `ok` without unread pages means "not
screened — check manually". Headers, footers, footnotes and comments are screened too: a
letterhead or a signature with a CPR number sits there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dialogportal.documents import Extraction, ExtractionStatus, Limits, extract_document
from dialogportal.screening.detectors import Hit, screen_text

__all__ = [
    "MANUAL_CHECK",
    "MAX_BYTES",
    "AttachmentScreening",
    "Extraction",
    "ExtractionStatus",
    "extract_text",
    "screen_attachment",
]

MAX_BYTES = 25 * 1024 * 1024  # larger than any upload the form accepts (≈10 MB)
MAX_PAGES = 300
MAX_CHARS = 2_000_000
MAX_SECONDS = 20.0  # checked between PDF pages; one pathological page can still take longer
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a DOCX is a zip: refuse decompression bombs up front

MANUAL_CHECK = "not screened — check manually"


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


def extract_text(data: bytes, filename: str) -> Extraction:
    """Extract the text of an attachment; never raises, classifies what it cannot read."""
    # The limits are read at call time, so a test (or a deployment) can lower them.
    limits = Limits(
        max_bytes=MAX_BYTES,
        max_pages=MAX_PAGES,
        max_chars=MAX_CHARS,
        max_seconds=MAX_SECONDS,
        max_unzipped_bytes=MAX_UNZIPPED_BYTES,
    )
    extraction = extract_document(data, filename, limits=limits)
    if extraction.status in {ExtractionStatus.OK, ExtractionStatus.EMPTY}:
        return extraction
    return replace(extraction, message=f"{MANUAL_CHECK} ({extraction.message})")


def screen_attachment(data: bytes, filename: str) -> AttachmentScreening:
    """Extract an attachment's text and screen it with the same detectors as the input text."""
    extraction = extract_text(data, filename)
    if not extraction.text:
        return AttachmentScreening(extraction)
    return AttachmentScreening(extraction, tuple(screen_text(extraction.text)))
