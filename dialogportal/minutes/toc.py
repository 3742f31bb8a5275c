"""Tables of contents at the top of an agenda: found and skipped, so that their entries are
not read as items and the real items after them are not lost.

A table of contents is found two ways. Its entries are item headings ("Punkt 3: …", "3. …")
that come again, with the same numbers and titles, further down; or it follows a heading such
as "Indholdsfortegnelse" or "Punkter:". It may be grouped ("Åbne punkter" / "Lukkede punkter")
and carry page numbers after dot leaders, a tab or plain spaces. An item listed under a closed
group in the table of contents is a closed item, also when the body does not repeat the group.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dialogportal.minutes.lines import (
    LIST_MARKER_RE,
    Line,
    group_is_closed,
    is_group_heading,
    is_toc_heading,
    item_heading,
    journal_value,
)

__all__ = ["TableOfContents", "find_toc"]

_WORD_RE = re.compile(r"[^\wæøå]+")
#: How far below its heading (in lines) a table of contents may begin.
_HEADING_REACH = 12
Classifier = Callable[[str], bool]


@dataclass
class TableOfContents:
    #: 0-based indices of the lines that belong to the table of contents.
    skip: set[int] = field(default_factory=set)
    #: Items, as (number, letter), listed under a closed group ("Lukkede punkter").
    closed_numbers: set[tuple[int, str]] = field(default_factory=set)


def _entry(line: Line) -> tuple[tuple[int, str], str] | None:
    """((number, letter), comparable title) of a line that could be a contents entry."""
    text = line.plain
    marker = LIST_MARKER_RE.match(text)
    if marker is not None and text[:1] in "-•*–·▪○●◦":
        text = marker["text"]
    heading = item_heading(Line(line.number, text, line.level, text))
    if heading is None or heading.number is None:
        return None
    title = heading.title.rstrip()
    page = len(title) - len(title.rstrip("0123456789"))
    if 0 < page <= 4 and len(title) > page and title[-page - 1] in " .…\t":
        title = title[:-page]  # the page number after the dot leaders
    title = title.rstrip(" .…\t")
    return heading.key, _WORD_RE.sub(" ", title.lower()).strip()


def _same_title(first: str, second: str) -> bool:
    if not first or not second:
        return True
    size = min(len(first), len(second), 24)
    return first[:size] == second[:size]


def find_toc(
    lines: list[Line], *, is_section: Classifier, is_header: Classifier
) -> TableOfContents:
    """The table of contents among ``lines``, if any (see the module's docstring).

    ``is_section`` and ``is_header`` classify a line's text as a section heading or a header
    field; header fields written after the contents ("Mødedato: …") stay header fields.
    """
    toc = TableOfContents()
    entries: list[tuple[int, tuple[int, str], str]] = []
    heading_at: int | None = None
    for index, line in enumerate(lines):
        if line.blank:
            continue
        if journal_value(line) is not None or is_section(line.plain):
            break  # a line only an item's body has: the items have begun
        if heading_at is None and not entries and is_toc_heading(line.plain):
            heading_at = index
            continue
        entry = _entry(line)
        if entry is not None:
            entries.append((index, *entry))
    if not entries:
        return toc
    first_index, first_number, first_title = entries[0]
    if heading_at is not None and first_index - heading_at > _HEADING_REACH:
        heading_at = None
    end = _repeat_of(lines, first_index, first_number, first_title)
    if end is None:
        if heading_at is None:
            return toc
        # Headed, but its entries are not repeated as such: it runs while entries follow.
        end = entries[-1][0] + 1
        for position in range(1, len(entries)):
            if entries[position][2] and entries[position][1] <= entries[position - 1][1]:
                end = entries[position][0]
                break
    start = heading_at if heading_at is not None else first_index
    closed = False
    for index in range(start, end):
        line = lines[index]
        if is_header(line.plain):
            continue
        if is_group_heading(line.plain):
            closed = group_is_closed(line.plain)
        entry = _entry(line)
        if entry is not None and closed:
            toc.closed_numbers.add(entry[0])
        toc.skip.add(index)
    return toc


def _repeat_of(lines: list[Line], index: int, number: tuple[int, str], title: str) -> int | None:
    """The index of the first later line that heads the same item again, or None."""
    for later in range(index + 1, len(lines)):
        entry = _entry(lines[later])
        if entry is not None and entry[0] == number and _same_title(title, entry[1]):
            return later
    return None
