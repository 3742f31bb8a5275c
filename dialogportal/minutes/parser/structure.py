"""The single pass over the lines that cuts a document into its header, its items (each built
by an :class:`ItemBuilder`) and its trailer (signatures), refusing what it cannot place: a
heading outside any item, numbers out of order or twice, two meetings in one document."""

from typing import Any

from dialogportal.minutes.errors import MinutesParseError, gettext_noop
from dialogportal.minutes.header import is_header_label
from dialogportal.minutes.items import ItemBuilder
from dialogportal.minutes.lines import (
    ItemHeading,
    Line,
    group_is_closed,
    is_group_heading,
    is_toc_entry,
    is_toc_heading,
    is_trailer_heading,
    item_heading,
)
from dialogportal.minutes.marks import item_marks
from dialogportal.minutes.model import ParsedItem
from dialogportal.minutes.parser.lookahead import (
    confirmed_by_next_lines,
    continues_a_list,
    continues_a_sentence,
    item_follows,
    opens_a_meeting,
    standalone,
)
from dialogportal.minutes.sections import section_heading
from dialogportal.minutes.toc import find_toc


def _printed(key: tuple[int, str]) -> str:
    number, letter = key
    return f"{number}{letter}"


def _is_section(text: str) -> bool:
    return section_heading(text) is not None


class StructureParser:
    def __init__(self, lines: list[Line], source_name: str) -> None:
        self.lines = lines
        self.source_name = source_name
        markdown_levels = [
            line.level
            for line in lines
            if line.level and (heading := item_heading(line)) is not None and heading.number
        ]
        self.markdown = bool(markdown_levels)
        self.item_level = min(markdown_levels) if markdown_levels else 0
        self.toc = find_toc(lines, is_section=_is_section, is_header=is_header_label)
        self.items: list[ParsedItem] = []
        self.item_lines: dict[tuple[int, str], int] = {}
        self.current: ItemBuilder | None = None
        self.header_lines: list[Line] = []
        self.trailer_lines: list[Line] = []
        self.in_toc = False
        self.group_closed = False
        self.after_group = False
        self.finished = False
        self.meeting_title: Line | None = None  # a second meeting's title inside an item

    def error(self, message: str, line: Line | None, **params: Any) -> MinutesParseError:
        return MinutesParseError(
            message,
            line=None if line is None else line.number,
            source_name=self.source_name,
            **params,
        )

    def _continues_a_list(self, index: int, number: int) -> bool:
        start = self.current.heading_line.number if self.current is not None else index
        return continues_a_list(self.lines, start, index, number)

    def _last_key(self) -> tuple[int, str]:
        """(number, letter) of the item read last; (0, "") before the first."""
        if self.current is not None:
            return self.current.item.key
        return self.items[-1].key if self.items else (0, "")

    def _is_next(self, heading: ItemHeading) -> bool:
        """Is the heading the number after the last item's, or a letter added to it ("7a")?"""
        number, _ = self._last_key()
        return heading.number == number + 1 or (heading.number == number and bool(heading.suffix))

    def _accept_item(self, index: int, line: Line, heading: ItemHeading) -> bool:
        """Decide whether an item-heading candidate starts a new item."""
        if self.markdown:
            return 0 < line.level <= self.item_level
        if line.level:
            return False
        if heading.number is None:
            return heading.strong and confirmed_by_next_lines(self.lines, index)
        if self.in_toc and is_toc_entry(line):
            return False
        if self.current is None:
            return confirmed_by_next_lines(self.lines, index) or (
                heading.strong and bool(self.items)
            )
        if heading.key <= self._last_key():
            return heading.strong and confirmed_by_next_lines(self.lines, index)
        if heading.title.lower().startswith("at "):
            return False
        if confirmed_by_next_lines(self.lines, index):
            return True
        return (
            (heading.strong or self._is_next(heading))
            and self.current.section not in {"recommendations", "attachments"}
            and not self._continues_a_list(index, heading.number)
        )

    # -- the pass -------------------------------------------------------------------------
    def run(self) -> tuple[list[Line], list[ParsedItem], list[Line]]:
        for index, line in enumerate(self.lines):
            if self.finished:
                self.trailer_lines.append(line)
                continue
            if index in self.toc.skip:
                continue
            self._line(index, line)
        self._close_item()
        return self.header_lines, self.items, self.trailer_lines

    def _line(self, index: int, line: Line) -> None:
        text = line.plain
        heading = item_heading(line) if text else None
        if heading is not None and self._accept_item(index, line, heading):
            self._start_item(line, heading)
            return
        if line.blank:
            self._add_plain(line)
            return
        is_heading = line.level > 0
        after_blank = index == 0 or self.lines[index - 1].blank
        if (
            (is_heading or after_blank or not self.markdown)
            and is_trailer_heading(text)
            and (self.current is not None or self.items)
        ):
            self._close_item()
            self.finished = True
            return
        if is_toc_heading(text) and self.current is None and not self.items:
            self.in_toc = True
            return
        if self.in_toc:
            if is_header_label(text):
                self.header_lines.append(line)
            return
        if self.current is not None and opens_a_meeting(self.lines, index, text):
            # Refused when the next item starts: two meetings in one document.
            self.meeting_title = self.meeting_title or line
            return
        section = section_heading(text)
        if section is not None and not is_heading and continues_a_sentence(self.lines, index, text):
            section = None
        structural = is_heading and (not self.markdown or line.level <= self.item_level)
        placed_alone = standalone(self.lines, index) or item_follows(self.lines, index)
        if (
            section is None
            and is_group_heading(text)
            and item_marks(text) is None  # "Lukket punkt Til beslutning" is not a group
            and (structural or placed_alone)
        ):
            self._group(line, group_is_closed(text))
            return
        if section is not None and self.current is not None:
            self.meeting_title = None
            self.current.start_section(section, line)
            return
        if section is not None and is_heading and section.kind != "decision":
            # "Referat" or "Beslutningsprotokol" before the items is the document's title.
            raise self.error(
                gettext_noop("afsnittet „%(heading)s“ kommer før det første dagsordenspunkt"),
                line,
                heading=section.heading,
            )
        if self.markdown and is_heading:
            self._markdown_heading(line, heading)
            return
        self._add_plain(line, index)

    def _markdown_heading(self, line: Line, heading: ItemHeading | None) -> None:
        if heading is not None and heading.number is None and line.level <= self.item_level:
            raise self.error(
                gettext_noop("et dagsordenspunkt uden nummer: „%(text)s“"), line, text=line.plain
            )
        if self.current is None:
            if self.items or self.after_group:
                raise self.error(
                    gettext_noop("overskriften „%(text)s“ hører ikke til noget dagsordenspunkt"),
                    line,
                    text=line.plain,
                )
            self.header_lines.append(line)
            return
        if line.level <= self.item_level:
            raise self.error(
                gettext_noop(
                    "overskriften „%(text)s“ er hverken et dagsordenspunkt („Punkt N: …“ eller "
                    "„N. …“) eller en gruppe som „Lukkede punkter“"
                ),
                line,
                text=line.plain,
            )
        if line.level == self.item_level + 1 or self.current.section is None:
            self.current.start_other(line.plain, line)
        else:
            self.current.add(line, plain_text=False)

    def _add_plain(self, line: Line, index: int = 0) -> None:
        if self.current is not None:
            paragraph_start = index > 0 and self.lines[index - 1].blank
            self.current.add(line, plain_text=not self.markdown, paragraph_start=paragraph_start)
        elif self.after_group and not line.blank:
            raise self.error(
                gettext_noop("teksten „%(text)s“ hører ikke til noget dagsordenspunkt"),
                line,
                text=line.plain[:60],
            )
        elif not self.items:
            self.header_lines.append(line)

    def _group(self, line: Line, closed: bool) -> None:
        self._close_item()
        self.group_closed = closed
        self.after_group = True

    def _check_number(self, line: Line, heading: ItemHeading) -> None:
        key, last = heading.key, self._last_key()
        if not (self.items or self.current is not None):
            return
        if self.meeting_title is not None:
            raise self.error(
                gettext_noop(
                    "dokumentet rummer mere end ét møde: „%(title)s“ i linje %(title_line)d "
                    "begynder et nyt møde; importér hvert møde som sin egen fil"
                ),
                line,
                title=self.meeting_title.plain[:80],
                title_line=self.meeting_title.number,
            )
        if key == last or key in self.item_lines:
            raise self.error(
                gettext_noop("punkt %(number)s står to gange (linje %(first)d og linje %(again)d)"),
                line,
                number=_printed(key),
                first=self.item_lines.get(key, line.number),
                again=line.number,
            )
        if key < last:
            raise self.error(
                gettext_noop(
                    "punkt %(number)s kommer efter punkt %(last)s; punkterne skal stå i "
                    "stigende nummerorden"
                ),
                line,
                number=_printed(key),
                last=_printed(last),
            )

    def _start_item(self, line: Line, heading: ItemHeading) -> None:
        if heading.number is None:
            raise self.error(
                gettext_noop("et dagsordenspunkt uden nummer: „%(text)s“"), line, text=line.plain
            )
        if not heading.title:
            raise self.error(
                gettext_noop("punkt %(number)s har ingen titel"), line, number=_printed(heading.key)
            )
        self._check_number(line, heading)
        self.in_toc = False
        self._close_item()
        self.after_group = False
        closed = self.group_closed or heading.key in self.toc.closed_numbers
        self.current = ItemBuilder(heading, line, closed=closed, source_name=self.source_name)
        self.item_lines[heading.key] = line.number

    def _close_item(self) -> None:
        if self.current is not None:
            self.items.append(self.current.build())
            self.current = None
            self.meeting_title = None
