"""Parse existing Danish agendas and minutes ("dagsorden", "referat", "beslutningsprotokol").

The parser is pure: text in, dataclasses out. It reads Markdown (items as ``#`` headings) and
plain text (items as lines "Punkt 3: …" or "3. …"), in the layouts municipalities export (see
docs/minutes-import.md). Whatever it cannot place raises :class:`MinutesParseError` naming the
line: a meeting is imported whole or not at all.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from dialogportal.minutes.errors import MinutesParseError, gettext_noop
from dialogportal.minutes.header import is_header_label, is_meeting_title, read_header
from dialogportal.minutes.items import ItemBuilder
from dialogportal.minutes.lines import (
    ItemHeading,
    Line,
    access_marker,
    group_is_closed,
    is_group_heading,
    is_toc_entry,
    is_toc_heading,
    is_trailer_heading,
    item_heading,
    journal_value,
    split_lines,
)
from dialogportal.minutes.marks import item_marks
from dialogportal.minutes.metadata import metadata_line
from dialogportal.minutes.model import ParsedItem, ParsedMinutes
from dialogportal.minutes.sections import section_heading
from dialogportal.minutes.signatures import read_signatures
from dialogportal.minutes.toc import find_toc

__all__ = ["ParsedItem", "ParsedMinutes", "parse_minutes"]

_PRESENTER_LINE_RE = re.compile(r"^\(?v\.\s+(?P<presenter>[^()]+?)\)?$")
_LOOKAHEAD = 3
_ENDS_SENTENCE_RE = re.compile(r"[.!?:;)\]»”\"]$")


def _is_section(text: str) -> bool:
    return section_heading(text) is not None


class _Parser:
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
        self.item_lines: dict[int, int] = {}
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

    # -- classification helpers -------------------------------------------------------------
    def _standalone(self, index: int) -> bool:
        before = self.lines[index - 1] if index > 0 else None
        after = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return (before is None or before.blank) and (after is None or after.blank)

    def _item_follows(self, index: int) -> bool:
        """Plain text without blank lines (PDF): is the next line an item heading?"""
        following = next((line for line in self.lines[index + 1 :] if not line.blank), None)
        return following is not None and item_heading(following) is not None

    def _confirmed_by_next_lines(self, index: int) -> bool:
        """Plain text: an item heading is followed by a journal number, a marker, metadata or
        a section."""
        seen = 0
        for line in self.lines[index + 1 :]:
            if line.blank:
                continue
            text = line.plain
            if item_heading(line) is not None:
                return False  # what follows belongs to the next item
            if (
                journal_value(line) is not None
                or access_marker(text) is not None
                or section_heading(text) is not None
                or metadata_line(text) is not None
                or item_marks(text) is not None
                or _PRESENTER_LINE_RE.match(text) is not None
            ):
                return True
            seen += 1
            if seen >= _LOOKAHEAD:
                return False
        return False

    def _continues_a_list(self, index: int, number: int) -> bool:
        """Is "N. …" the next entry of a numbered list inside the current section?"""
        start = self.current.heading_line.number if self.current is not None else index
        for line in reversed(self.lines[start:index]):
            if line.blank:
                continue
            if section_heading(line.plain) is not None:
                return False
            match = re.match(r"^(\d{1,3})[.)]\s", line.plain)
            if match is not None:
                return int(match[1]) == number - 1
        return False

    def _continues_a_sentence(self, index: int, text: str) -> bool:
        """Plain text: is a section-like line ("bilag.") the end of the sentence above it?"""
        if index == 0 or self.lines[index - 1].blank:
            return False
        previous = self.lines[index - 1]
        if (
            previous.level
            or _ENDS_SENTENCE_RE.search(previous.plain)
            or section_heading(previous.plain) is not None
            or item_heading(previous) is not None
            or journal_value(previous) is not None
            or metadata_line(previous.plain) is not None
        ):
            return False
        return text[:1].islower() or (text.endswith(".") and ":" not in text)

    def _opens_a_meeting(self, index: int, text: str) -> bool:
        """A meeting's title ("Referat Byrådet 8. maj 2025") followed by header fields or an
        item heading: a second meeting begins (a decision heading is followed by its text)."""
        if not is_meeting_title(text):
            return False
        for line in self.lines[index + 1 : index + 12]:
            if line.blank:
                continue
            if is_header_label(line.plain):
                continue
            return item_heading(line) is not None
        return False

    def _last_number(self) -> int:
        if self.current is not None:
            return self.current.item.number
        return self.items[-1].number if self.items else 0

    def _accept_item(self, index: int, line: Line, heading: ItemHeading) -> bool:
        """Decide whether an item-heading candidate starts a new item."""
        if self.markdown:
            return 0 < line.level <= self.item_level
        if line.level:
            return False
        if heading.number is None:
            return heading.strong and self._confirmed_by_next_lines(index)
        if self.in_toc and is_toc_entry(line):
            return False
        if self.current is None:
            return self._confirmed_by_next_lines(index) or (heading.strong and bool(self.items))
        if heading.number <= self._last_number():
            return heading.strong and self._confirmed_by_next_lines(index)
        if heading.title.lower().startswith("at "):
            return False
        if self._confirmed_by_next_lines(index):
            return True
        return (
            (heading.strong or heading.number == self._last_number() + 1)
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
        if self.current is not None and self._opens_a_meeting(index, text):
            # Refused when the next item starts: two meetings in one document.
            self.meeting_title = self.meeting_title or line
            return
        section = section_heading(text)
        if section is not None and not is_heading and self._continues_a_sentence(index, text):
            section = None
        structural = is_heading and (not self.markdown or line.level <= self.item_level)
        placed_alone = self._standalone(index) or self._item_follows(index)
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

    def _check_number(self, line: Line, number: int) -> None:
        last = self._last_number()
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
        if number == last or number in self.item_lines:
            raise self.error(
                gettext_noop("punkt %(number)d står to gange (linje %(first)d og linje %(again)d)"),
                line,
                number=number,
                first=self.item_lines.get(number, line.number),
                again=line.number,
            )
        if number < last:
            raise self.error(
                gettext_noop(
                    "punkt %(number)d kommer efter punkt %(last)d; punkterne skal stå i "
                    "stigende nummerorden"
                ),
                line,
                number=number,
                last=last,
            )

    def _start_item(self, line: Line, heading: ItemHeading) -> None:
        if heading.number is None:
            raise self.error(
                gettext_noop("et dagsordenspunkt uden nummer: „%(text)s“"), line, text=line.plain
            )
        if not heading.title:
            raise self.error(
                gettext_noop("punkt %(number)d har ingen titel"), line, number=heading.number
            )
        self._check_number(line, heading.number)
        self.in_toc = False
        self._close_item()
        self.after_group = False
        closed = self.group_closed or heading.number in self.toc.closed_numbers
        self.current = ItemBuilder(heading, line, closed=closed, source_name=self.source_name)
        self.item_lines[heading.number] = line.number

    def _close_item(self) -> None:
        if self.current is not None:
            self.items.append(self.current.build())
            self.current = None
            self.meeting_title = None


def _committee_key(name: str | None) -> str:
    """ "Økonomiudvalget" and "økonomiudvalg" are one committee."""
    text = re.sub(r"[^\wæøå]+", " ", (name or "").lower()).strip()
    return re.sub(r"(?:et|en)$", "", text)


def _mark_this_meeting(
    items: list[ParsedItem], committee: str | None, date: datetime.date | None
) -> None:
    """Pick, per item, the decision of the meeting the document records."""
    for item in items:
        if not item.decisions:
            continue
        chosen = (
            [d for d in item.decisions if date is not None and d.date == date]
            or [
                d
                for d in item.decisions
                if d.committee
                and committee
                and _committee_key(d.committee) == _committee_key(committee)
            ]
            or [d for d in item.decisions if d.committee is None and d.date is None]
            or item.decisions
        )[-1]
        chosen.this_meeting = True
        item.decision = chosen.text


def parse_minutes(text: str, *, source_name: str = "") -> ParsedMinutes:
    """Parse an agenda or minutes document; raise :class:`MinutesParseError` if unsure."""
    lines = split_lines(text)
    first = next((line for line in lines if not line.blank), None)
    if first is None:
        raise MinutesParseError(gettext_noop("dokumentet er tomt"), source_name=source_name)
    parser = _Parser(lines, source_name)
    header_lines, items, trailer_lines = parser.run()
    if not items:
        raise MinutesParseError(
            gettext_noop(
                "intet dagsordenspunkt fundet i %(count)d linjer; forventede overskrifter som "
                "„# Punkt 3: Titel“, „Punkt 3: Titel“ eller „3. Titel“ efterfulgt af et "
                "sagsnummer eller et afsnit som „Resumé“, „Indstilling“ eller „Beslutning“"
            ),
            line=first.number,
            source_name=source_name,
            count=len(lines),
        )
    header = read_header(header_lines, source_name=source_name)
    _mark_this_meeting(items, header.committee, header.date)
    has_decisions = any(item.decisions for item in items)
    kind = header.kind or ("referat" if has_decisions else "dagsorden")
    return ParsedMinutes(
        committee=header.committee,
        date=header.date,
        start_time=header.start_time,
        location=header.location,
        kind=kind,
        items=items,
        end_time=header.end_time,
        participants=header.participants,
        absent=header.absent,
        excused=header.excused,
        remarks=header.remarks,
        signatures=read_signatures(trailer_lines),
        source_name=source_name,
    )
