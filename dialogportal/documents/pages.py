"""From PDF pages to one flowing text: tidy the layout, drop running headers, footers and page
numbers, and join a paragraph that a page break cut in two.

Everything here works on text only, so it is tested without building PDFs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["FlowText", "flow_pages", "tidy_layout_page"]

# "Side 2 af 5", "side 2", "Page 2 of 5", "2/5", "- 2 -", "2", "s. 2"
_PAGE_NUMBER_RE = re.compile(
    r"^(?:(?:side|page|s\.)\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:af|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(r"\d+")
_SPACES_RE = re.compile(r"[ \t]{2,}")
# A line ends a sentence or a heading-like label; anything else may continue on the next page.
_ENDS_SENTENCE_RE = re.compile(r"[.!?:;)\]»”\"]$")
#: How many lines at the top and at the bottom of a page may be running headers or footers.
EDGE_LINES = 3


def tidy_layout_page(text: str) -> str:
    """A page in pypdf's layout mode: drop the common left margin, collapse the column padding
    between words (a label and its value, a title and its page number) to one space, and keep
    at most one blank line between paragraphs."""
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    margins = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    margin = min(margins) if margins else 0
    out: list[str] = []
    for line in lines:
        tidy = _SPACES_RE.sub(" ", line[margin:].strip())
        if tidy or (out and out[-1]):
            out.append(tidy)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _key(line: str) -> str:
    """Lines that differ only in their numbers (page numbers, dates) are the same furniture."""
    return _DIGITS_RE.sub("#", " ".join(line.lower().split()))


def is_page_number(line: str) -> bool:
    return _PAGE_NUMBER_RE.match(line.strip()) is not None


@dataclass(frozen=True, slots=True)
class FlowText:
    body: str
    furniture: tuple[str, ...]
    page_starts: tuple[int, ...]


#: Blank lines that separate a running header or footer from the page's text. In pypdf's
#: layout mode the page margins show as such gaps; paragraphs are at most one blank line apart.
EDGE_GAP = 2


def _edge_blocks(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indices of the lines of the top and the bottom block of a page: at most ``EDGE_LINES``
    lines set apart from the rest of the page by a gap of ``EDGE_GAP`` blank lines."""
    content = [index for index, line in enumerate(lines) if line.strip()]

    def block(order: list[int]) -> list[int]:
        taken: list[int] = []
        for position, index in enumerate(order):
            if position >= EDGE_LINES:
                return []
            taken.append(index)
            following = order[position + 1] if position + 1 < len(order) else None
            if following is None:
                return []  # the whole page: not an edge
            if abs(following - index) - 1 >= EDGE_GAP:
                return taken
        return []

    top, bottom = block(content), block(content[::-1])
    if len(top) + len(bottom) >= len(content):
        top = []  # a short page: its text is not a header, whatever the gap below it
    return top, bottom


def _running_keys(blocks: list[list[str]], pages: int) -> set[str]:
    """Keys of edge lines found on at least half of the pages, and on at least two."""
    counts: Counter[str] = Counter()
    for lines in blocks:
        counts.update({_key(line) for line in lines})
    needed = max(2, math.ceil(pages / 2))
    return {key for key, count in counts.items() if count >= needed}


def _peel(lines: list[str], block: list[int], running: set[str], furniture: list[str]) -> set[int]:
    """The lines of an edge block that are furniture, from the edge inwards."""
    removed: set[int] = set()
    for index in block:
        if _key(lines[index]) not in running and not is_page_number(lines[index]):
            break
        removed.add(index)
        furniture.append(lines[index].strip())
    return removed


def _outer_page_number(lines: list[str], furniture: list[str]) -> set[int]:
    """Without a gap (text read without its layout), only a page number on the very first or
    last line is known to be furniture."""
    content = [index for index, line in enumerate(lines) if line.strip()]
    removed = {index for index in content[:1] + content[-1:] if is_page_number(lines[index])}
    furniture.extend(lines[index].strip() for index in sorted(removed))
    return removed


def _continues(previous: str) -> bool:
    """Does the paragraph at the end of one page go on at the top of the next? It does unless
    the page ends a sentence (or a label such as "Beslutning:")."""
    return bool(previous.strip()) and not _ENDS_SENTENCE_RE.search(previous.rstrip())


def flow_pages(pages: list[str]) -> FlowText:
    """Join page texts (as pypdf's layout mode gives them) into one body without running
    headers, footers and page numbers, each page tidied (``tidy_layout_page``).

    A running header (footer) is a block of at most three lines at the top (bottom) of a page,
    set apart by a gap, whose every line is a page number or repeats, but for its numbers, in
    such blocks on at least half the pages and on at least two. On the first page only page
    numbers are removed at the top: its first lines are the document's title, which a running
    header often repeats. A page that ends mid-sentence runs on into the next without a blank
    line, so a paragraph cut by a page break stays one paragraph.
    """
    split = [page.replace("\r", "").split("\n") for page in pages]
    blocks = [_edge_blocks(lines) for lines in split]
    top_keys = _running_keys(
        [[split[n][i] for i in top] for n, (top, _) in enumerate(blocks)], len(split)
    )
    bottom_keys = _running_keys(
        [[split[n][i] for i in bottom] for n, (_, bottom) in enumerate(blocks)], len(split)
    )
    furniture: list[str] = []
    cleaned: list[list[str]] = []
    for number, (lines, (top, bottom)) in enumerate(zip(split, blocks, strict=True)):
        removed = _peel(lines, top, set() if number == 0 else top_keys, furniture)
        removed |= _peel(lines, bottom, bottom_keys, furniture)
        if not top and not bottom:
            removed |= _outer_page_number(lines, furniture)
        kept = "\n".join(line for index, line in enumerate(lines) if index not in removed)
        tidy = tidy_layout_page(kept)
        cleaned.append(tidy.split("\n") if tidy else [])
    body: list[str] = []
    starts: list[int] = []
    for lines in cleaned:
        if body and lines and not _continues(body[-1]) and body[-1].strip():
            body.append("")
        starts.append(len(body) + 1)
        body.extend(lines)
    return FlowText("\n".join(body), tuple(dict.fromkeys(furniture)), tuple(starts))
