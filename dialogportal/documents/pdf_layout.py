"""A PDF's pages as laid out, read with PDFium (pypdfium2): fast enough for an archive.

pypdf's own layout mode computes every text position in Python (0.3-0.7 s a page on our two
shared cores); PDFium does it in C++ (about 15 ms a page). Each page's text runs are put on
their lines by position, top to bottom and left to right, and vertical space becomes blank
lines the way pypdf's layout mode gives them: none inside a paragraph, one between
paragraphs, two or more for a page margin, where running headers and footers stand apart
(see `pages.flow_pages`).
"""

from __future__ import annotations

import itertools
import logging
import statistics
import time
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from dialogportal.documents.model import (
    DocumentFormat,
    Extraction,
    ExtractionStatus,
    Limits,
    refused_pdf,
)
from dialogportal.documents.pages import flow_pages, tidy_layout_page

__all__ = ["extract_pdf_layout"]

logger = logging.getLogger(__name__)


@dataclass
class _Line:
    bottom: float
    top: float
    runs: list[tuple[float, float, str]] = field(default_factory=list)  # (left, right, raw)

    def text(self) -> str:
        height = self.top - self.bottom
        out = ""
        previous: tuple[float, str] | None = None  # (right, raw) of the run before
        for left, right, raw in sorted(self.runs):
            if previous is not None:
                # Runs of one word (a bold letter, kerning) touch; words are a space apart,
                # which PDFium gives as a space at a run's edge or as a gap.
                apart = (
                    left - previous[0] >= 0.15 * height
                    or previous[1][-1:].isspace()
                    or raw[:1].isspace()
                )
                out += " " if apart else ""
            out += raw.strip()
            previous = (right, raw)
        return " ".join(out.split())


def _runs(page: pdfium.PdfPage) -> list[tuple[float, float, float, float, str]]:
    """(top, bottom, left, right, text) of each run of characters on one line, in the order
    PDFium reads them. Characters are taken by index, so a run never borrows a neighbour's."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        runs: list[tuple[float, float, float, float, str]] = []
        chars: list[str] = []
        box: list[float] = []  # left, bottom, right, top of the run so far
        for index, character in enumerate(text[:count]):
            if character in "\r\n":
                if chars:
                    runs.append((box[3], box[1], box[0], box[2], "".join(chars)))
                chars, box = [], []
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            if character.isspace() or top <= bottom:
                if chars:
                    chars.append(" ")
                continue
            middle = (top + bottom) / 2
            if box and not (box[1] <= middle <= box[3] and left >= box[0] - 1):
                runs.append((box[3], box[1], box[0], box[2], "".join(chars)))
                chars, box = [], []
            if not box:
                box = [left, bottom, right, top]
            box = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
            chars.append(character)
        if chars:
            runs.append((box[3], box[1], box[0], box[2], "".join(chars)))
        return runs
    finally:
        textpage.close()


def _page_text(page: pdfium.PdfPage) -> str:
    lines: list[_Line] = []
    for top, bottom, left, right, raw in sorted(_runs(page), key=lambda run: (-run[0], run[2])):
        middle = (top + bottom) / 2
        line = next((ln for ln in lines[-3:] if ln.bottom <= middle <= ln.top), None)
        if line is None:
            line = _Line(bottom, top)
            lines.append(line)
        line.bottom, line.top = min(line.bottom, bottom), max(line.top, top)
        line.runs.append((left, right, raw))
    lines.sort(key=lambda ln: -ln.top)
    # The distance between the baselines of two lines of one paragraph; a page with little
    # text has few such pairs, so it is estimated from the height of its lines as well.
    height = statistics.median([ln.top - ln.bottom for ln in lines] or [10.0])
    pitches = [a.bottom - b.bottom for a, b in itertools.pairwise(lines)]
    within = [p for p in pitches if 0 < p < 1.8 * height]
    pitch = statistics.median(within) if len(within) >= 3 else 1.4 * height
    out: list[str] = []
    for previous, line in zip([None, *lines], lines, strict=False):
        if previous is not None:
            out.extend([""] * _blank_lines((previous.bottom - line.bottom) / pitch))
        out.append(line.text())
    return "\n".join(out)


def _blank_lines(spacing: float) -> int:
    """Blank lines for the space between two baselines, in lines of body text: none within a
    paragraph or below a heading, one between paragraphs, two or more for a page margin."""
    if spacing < 1.3:
        return 0
    if spacing < 1.85:
        return 1
    return max(2, round(spacing) - 1)


def extract_pdf_layout(data: bytes, limits: Limits) -> Extraction:
    """Every page's text as laid out, and the body without running headers and footers."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            return refused_pdf(ExtractionStatus.ENCRYPTED, "password protected")
        return refused_pdf(ExtractionStatus.CORRUPT, f"corrupt PDF ({error})")
    try:
        page_count = len(document)
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
        for number in range(page_count):
            page = document[number]
            try:
                page_text = _page_text(page)
            except pdfium.PdfiumError as error:  # one broken page must not hide the others
                logger.info("PDF page %d without readable text: %r", number + 1, error)
                page_text = ""
            finally:
                page.close()
            if not page_text.strip():
                without_text.append(number + 1)
            texts.append(page_text)
            characters += len(page_text)
            if characters > limits.max_chars or time.monotonic() > deadline:
                return refused_pdf(
                    ExtractionStatus.TOO_LARGE,
                    f"stopped at page {number + 1} of {page_count}",
                    page_count=page_count,
                )
    finally:
        document.close()
    if len(without_text) == page_count:
        return refused_pdf(
            ExtractionStatus.NO_TEXT,
            "a scanned PDF without a text layer",
            page_count=page_count,
            pages_without_text=tuple(without_text),
        )
    flow = flow_pages(texts)
    return Extraction(
        ExtractionStatus.OK,
        text="\n\f".join(tidy_layout_page(page) for page in texts),
        body=flow.body,
        format=DocumentFormat.PDF,
        page_count=page_count,
        pages_without_text=tuple(without_text),
        page_starts=flow.page_starts,
    )
