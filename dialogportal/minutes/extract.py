"""Read a minutes file into text through the shared document engine (`dialogportal.documents`).

DOCX headings become Markdown headings so that the parser sees the document's structure; a
PDF is read as laid out, without its running headers, footers and page numbers. A scanned PDF
without a text layer, an encrypted or corrupt file, binary data and an empty file are refused
with a :class:`MinutesFileError` that says why.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from dialogportal.documents import (
    DocumentFormat,
    Extraction,
    ExtractionStatus,
    Limits,
    extract_document,
)
from dialogportal.minutes.errors import MinutesFileError, gettext_noop

__all__ = ["LIMITS", "MAX_FILE_BYTES", "MinutesSource", "read_minutes_file", "read_minutes_source"]

MAX_FILE_BYTES = 50 * 1024 * 1024
#: A council's minutes with their appendices run to hundreds of pages; a hostile file still
#: stops at these bounds.
LIMITS = Limits(
    max_bytes=MAX_FILE_BYTES,
    max_pages=2000,
    max_chars=40_000_000,
    max_seconds=600.0,
    max_unzipped_bytes=400 * 1024 * 1024,
)

_REASONS = {
    ExtractionStatus.EMPTY: gettext_noop("filen indeholder ingen tekst"),
    ExtractionStatus.NO_TEXT: gettext_noop(
        "filen har intet tekstlag (en scannet PDF eller et billede); kør OCR på den først"
    ),
    ExtractionStatus.ENCRYPTED: gettext_noop(
        "filen er krypteret eller beskyttet med adgangskode; gem en udgave uden beskyttelse"
    ),
    ExtractionStatus.CORRUPT: gettext_noop("filen er beskadiget eller ikke det, den hedder"),
    ExtractionStatus.TOO_LARGE: gettext_noop("filen er for stor til at blive læst"),
    ExtractionStatus.UNSUPPORTED: gettext_noop(
        "filformatet kan ikke læses; brug PDF, DOCX, Markdown eller tekst (gem .doc som .docx)"
    ),
}


@dataclass(frozen=True, slots=True)
class MinutesSource:
    """The text of a minutes file and where it came from."""

    path: Path
    text: str
    digest: str  # SHA-256 of the file's bytes: the same file is recognised when it comes again
    extraction: Extraction

    @property
    def format(self) -> DocumentFormat | None:
        return self.extraction.format

    def page_of_line(self, line: int) -> int | None:
        return self.extraction.page_of_line(line)


def read_minutes_source(path: str | Path) -> MinutesSource:
    """Read ``path``; raise :class:`MinutesFileError` with a clear reason."""
    file = Path(path)
    try:
        if not file.exists():
            raise MinutesFileError(gettext_noop("filen findes ikke"), source_name=str(file))
        if not file.is_file():
            raise MinutesFileError(gettext_noop("ikke en almindelig fil"), source_name=str(file))
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise MinutesFileError(
                gettext_noop("%(size)d byte er mere end de %(limit)d, der kan læses"),
                source_name=str(file),
                size=size,
                limit=MAX_FILE_BYTES,
            )
        data = file.read_bytes()
    except OSError as error:
        raise MinutesFileError(
            gettext_noop("filen kan ikke læses (%(reason)s)"),
            source_name=str(file),
            reason=error.strerror or str(error),
        ) from error
    extraction = extract_document(data, file.name, limits=LIMITS, pdf_layout=True)
    if extraction.status is not ExtractionStatus.OK:
        raise MinutesFileError(
            gettext_noop("%(reason)s [%(detail)s]"),
            source_name=str(file),
            reason=_REASONS.get(extraction.status, extraction.status.value),
            detail=extraction.message,
        )
    return MinutesSource(
        path=file,
        text=extraction.body,
        digest=hashlib.sha256(data).hexdigest(),
        extraction=extraction,
    )


def read_minutes_file(path: str | Path) -> str:
    """The text of ``path`` for :func:`~dialogportal.minutes.parse_minutes`."""
    return read_minutes_source(path).text
