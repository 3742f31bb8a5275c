"""What the extraction engine returns: the text of a document and whether it was read in full."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["DocumentFormat", "Extraction", "ExtractionStatus", "Limits"]


class ExtractionStatus(StrEnum):
    OK = "ok"
    NO_TEXT = "no_text"  # a scanned PDF or an image: there is no text layer
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"  # a format not read here (xlsx, odt, legacy .doc, binary data)


class DocumentFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep a hostile file from taking the machine: checked before and while reading.

    ``max_seconds`` is checked between PDF pages, so one pathological page can still take longer.
    """

    max_bytes: int = 25 * 1024 * 1024
    max_pages: int = 300
    max_chars: int = 2_000_000
    max_seconds: float = 20.0
    #: A DOCX is a zip: a decompression bomb is refused before anything is unpacked.
    max_unzipped_bytes: int = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Extraction:
    """The text of one document.

    ``text`` is every character the file shows, in reading order: the main flow first, then
    page headers and footers, footnotes and comments (what personal-data screening must see).
    ``body`` is the document's main flow with its structure kept as Markdown-like text: Word
    headings as ``#`` lines, lists as ``1.``/``-`` lines, tables as ``| cell | cell |`` rows; for
    a PDF the running headers and footers and the page numbers are removed and a paragraph
    broken across pages is joined again (what a reader of the document as a document needs).
    ``page_starts`` gives, for a PDF, the 1-based line of ``body`` at which each page begins.
    """

    status: ExtractionStatus
    text: str = ""
    body: str = ""
    message: str = ""
    format: DocumentFormat | None = None
    encoding: str = ""
    page_count: int = 0
    pages_without_text: tuple[int, ...] = ()  # 1-based; e.g. a scanned signature page
    page_starts: tuple[int, ...] = ()

    @property
    def needs_manual_check(self) -> bool:
        return self.status is not ExtractionStatus.OK or bool(self.pages_without_text)

    def page_of_line(self, line: int) -> int | None:
        """The 1-based page of ``body`` line ``line`` (PDF only)."""
        page = None
        for number, start in enumerate(self.page_starts, start=1):
            if start > line:
                break
            page = number
        return page


def refused_pdf(
    status: ExtractionStatus,
    message: str,
    *,
    page_count: int = 0,
    pages_without_text: tuple[int, ...] = (),
) -> Extraction:
    """A PDF that could not be read (both PDF readers refuse the same way)."""
    return Extraction(
        status,
        message=message,
        format=DocumentFormat.PDF,
        page_count=page_count,
        pages_without_text=pages_without_text,
    )
