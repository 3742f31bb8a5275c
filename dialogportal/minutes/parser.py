"""Parse existing Danish agendas and minutes ("dagsorden", "referat") from text.

The parser is pure: text in, dataclasses out. It reads Markdown (items as ``#`` headings) and
plain text (items as lines "Punkt 3: …" or "3. …"), the layout of the seed and its common
variants (see docs/minutes-import.md). Whatever it cannot place raises
:class:`MinutesParseError` naming the line: a meeting is imported whole or not at all.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from dialogportal.minutes.errors import MinutesParseError
from dialogportal.minutes.header import read_header
from dialogportal.minutes.lines import (
    LIST_MARKER_RE,
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
from dialogportal.minutes.sections import (
    section_heading,
    section_text,
    split_attachments,
    split_recommendations,
)

__all__ = ["ParsedItem", "ParsedMinutes", "parse_minutes"]


@dataclass(slots=True)
class ParsedItem:
    """One agenda item as written. Absent sections are None (or empty lists)."""

    number: int
    title: str
    presenter: str | None = None
    journal_number: str | None = None
    closed: bool = False
    summary: str | None = None
    recommendations: list[str] = field(default_factory=list)
    decision: str | None = None
    case_description: str | None = None
    finances: str | None = None
    attachments: list[str] = field(default_factory=list)
    extra_sections: list[tuple[str, str]] = field(default_factory=list)
    #: The words before the "at …" clauses, e.g. "Forvaltningen indstiller til Hovedudvalget".
    recommendation_intro: str | None = None
    #: 1-based line of the item's heading in the parsed text.
    line: int = 0


@dataclass(slots=True)
class ParsedMinutes:
    """A meeting's agenda or minutes as written."""

    committee: str | None
    date: datetime.date | None
    start_time: datetime.time | None
    location: str | None
    kind: str
    items: list[ParsedItem]
    end_time: datetime.time | None = None
    participants: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)
    remarks: str | None = None
    source_name: str = ""


_PRESENTER_LINE_RE = re.compile(r"^\(?v\.\s+(?P<presenter>[^()]+?)\)?$")
_CLOSED_SUFFIX_RE = re.compile(r"\s*[-\u2013(]\s*(?:lukket|fortroligt)(?:\s+punkt)?\s*\)?$", re.I)
_LOOKAHEAD = 3
# A paragraph that opens the recommendations without an "Indstilling" heading.
_RECOMMENDATION_START_RE = re.compile(
    r"^(?:det\s+indstilles|(?:[A-ZÆØÅ][\w-]*\s+){1,4}indstiller)\b", re.IGNORECASE
)


def _split_title(title: str) -> tuple[str, str | None, bool]:
    """ "Title v. Presenter (lukket)" → (title, presenter, closed)."""
    closed = False
    match = _CLOSED_SUFFIX_RE.search(title)
    if match is not None:
        title, closed = title[: match.start()], True
    presenter = None
    paren = title.rfind("(v. ")
    if paren > 0 and title.endswith(")"):
        presenter, title = title[paren + 4 : -1].strip(), title[:paren]
    else:
        head, separator, tail = title.rpartition(" v. ")
        if separator and head.strip() and tail.strip():
            presenter, title = tail.strip(), head
    return title.strip(), presenter or None, closed


class _ItemBuilder:
    """Collects one item's lines, section by section."""

    def __init__(self, heading: ItemHeading, line: Line, closed: bool) -> None:
        assert heading.number is not None
        title, presenter, closed_by_title = _split_title(heading.title)
        self.item = ParsedItem(
            number=heading.number,
            title=title,
            presenter=presenter,
            closed=closed or closed_by_title,
            line=line.number,
        )
        self.heading_line = line
        self.section: str | None = None  # None: before the first section
        self.section_heading = ""
        self.bodies: dict[str, list[str]] = {}
        self.extra: list[tuple[str, list[str]]] = []
        self.preamble: list[str] = []
        self.title_open = True  # plain text: wrapped title lines follow the heading directly

    def start_section(self, kind: str, heading: str, inline: str) -> None:
        self.title_open = False
        self.section = kind
        self.section_heading = heading
        body = self.bodies.setdefault(kind, [])
        if body and kind == "decision":
            body.extend(["", heading])  # a second decision, e.g. the council after a committee
        elif body:
            body.append("")
        if inline:
            body.append(inline)

    def start_extra(self, heading: str) -> None:
        self.title_open = False
        self.section = "extra"
        self.extra.append((heading, []))

    def add(self, line: Line, *, plain_text: bool, paragraph_start: bool = False) -> None:
        if (
            paragraph_start
            and "recommendations" not in self.bodies
            and self.section not in {"decision", "attachments"}
            and _RECOMMENDATION_START_RE.match(line.plain)
        ):
            self.start_section("recommendations", "Indstilling", "")
        if self.section == "extra":
            self.extra[-1][1].append(line.raw)
            return
        if self.section is not None:
            self.bodies[self.section].append(line.raw)
            return
        self._add_preamble(line, plain_text=plain_text)

    def _add_preamble(self, line: Line, *, plain_text: bool) -> None:
        text = line.plain
        if line.blank:
            self.title_open = False
            self.preamble.append("")
            return
        journal = journal_value(line)
        access = access_marker(text)
        presenter = _PRESENTER_LINE_RE.match(text)
        if journal is not None and self.item.journal_number is None:
            self.item.journal_number = journal
        elif access is not None:
            self.item.closed = self.item.closed or access
        elif presenter is not None and self.item.presenter is None:
            self.item.presenter = presenter["presenter"].strip()
        elif plain_text and self.title_open and not LIST_MARKER_RE.match(text):
            title, presenter_text, closed = _split_title(f"{self.item.title} {text}")
            self.item.title = title
            self.item.presenter = presenter_text or self.item.presenter
            self.item.closed = self.item.closed or closed
            return
        else:
            self.preamble.append(line.raw)
        self.title_open = False

    def build(self) -> ParsedItem:
        item = self.item
        bodies = self.bodies
        item.summary = section_text(bodies.get("summary", []))
        item.decision = section_text(bodies.get("decision", []))
        item.case_description = section_text(bodies.get("case_description", []))
        item.finances = section_text(bodies.get("finances", []))
        item.attachments = split_attachments(bodies.get("attachments", []))
        intro, recommendations = split_recommendations(bodies.get("recommendations", []))
        item.recommendation_intro, item.recommendations = intro, recommendations
        preamble = section_text(self.preamble)
        extra = [] if preamble is None else [("", preamble)]
        for heading, body in self.extra:
            extra.append((heading, section_text(body) or ""))
        item.extra_sections = extra
        return item


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
        self.items: list[ParsedItem] = []
        self.current: _ItemBuilder | None = None
        self.header_lines: list[Line] = []
        self.in_toc = False
        self.pending_group: bool | None = None  # closed-ness of a group heading awaiting items
        self.group_closed = False
        self.after_group = False
        self.finished = False

    def error(self, message: str, line: Line | None) -> MinutesParseError:
        return MinutesParseError(
            message, line=None if line is None else line.number, source_name=self.source_name
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
        """Plain text: an item heading is followed by a journal number, marker or section."""
        seen = 0
        for line in self.lines[index + 1 :]:
            if line.blank:
                continue
            text = line.plain
            if (
                journal_value(line) is not None
                or access_marker(text) is not None
                or section_heading(text) is not None
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
            return self._confirmed_by_next_lines(index)
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
    def run(self) -> tuple[list[Line], list[ParsedItem]]:
        for index, line in enumerate(self.lines):
            if self.finished:
                break
            self._line(index, line)
        self._close_item()
        return self.header_lines, self.items

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
        if (is_heading or after_blank) and is_trailer_heading(text):
            self._close_item()
            self.finished = True
            return
        if is_toc_heading(text) and self.current is None and not self.items:
            self.in_toc = True
            return
        if self.in_toc:
            if is_group_heading(text):
                self.pending_group = group_is_closed(text)
            return
        section = section_heading(text)
        structural = is_heading and (not self.markdown or line.level <= self.item_level)
        placed_alone = self._standalone(index) or self._item_follows(index)
        if section is None and is_group_heading(text) and (structural or placed_alone):
            self._group(line, group_is_closed(text))
            return
        if section is not None and self.current is not None:
            self.current.start_section(section.kind, section.heading, section.inline)
            return
        if section is not None and is_heading and section.kind != "decision":
            # "Referat" or "Beslutningsprotokol" before the items is the document's title.
            raise self.error(f"section {section.heading!r} comes before any agenda item", line)
        if self.markdown and is_heading:
            self._markdown_heading(line, heading)
            return
        self._add_plain(line, index)

    def _markdown_heading(self, line: Line, heading: ItemHeading | None) -> None:
        if heading is not None and heading.number is None and line.level <= self.item_level:
            raise self.error(f"agenda item heading without a number: {line.plain!r}", line)
        if self.current is None:
            if self.items or self.after_group:
                raise self.error(f"cannot place heading {line.plain!r} outside an item", line)
            self.header_lines.append(line)
            return
        if line.level <= self.item_level:
            raise self.error(
                f"cannot place heading {line.plain!r}: it is neither an agenda item "
                '("Punkt N: …" or "N. …") nor a group such as "Lukkede punkter"',
                line,
            )
        if line.level == self.item_level + 1 or self.current.section is None:
            self.current.start_extra(line.plain)
        else:
            self.current.add(line, plain_text=False)

    def _add_plain(self, line: Line, index: int = 0) -> None:
        if self.current is not None:
            paragraph_start = index > 0 and self.lines[index - 1].blank
            self.current.add(line, plain_text=not self.markdown, paragraph_start=paragraph_start)
        elif self.after_group and not line.blank:
            raise self.error(f"text {line.plain[:60]!r} belongs to no agenda item", line)
        elif not self.items:
            self.header_lines.append(line)

    def _group(self, line: Line, closed: bool) -> None:
        self._close_item()
        self.group_closed = closed
        self.after_group = True

    def _start_item(self, line: Line, heading: ItemHeading) -> None:
        if heading.number is None:
            raise self.error(f"agenda item heading without a number: {line.plain!r}", line)
        if not heading.title:
            raise self.error(f"agenda item {heading.number} has no title", line)
        last = self._last_number()
        if self.items or self.current is not None:
            if heading.number == last:
                raise self.error(f"agenda item {heading.number} appears twice", line)
            if heading.number < last:
                raise self.error(
                    f"agenda item {heading.number} comes after item {last}; "
                    "items must be numbered in increasing order",
                    line,
                )
        if self.in_toc:
            self.in_toc = False
            if self.pending_group is not None:
                self.group_closed = self.pending_group
        self._close_item()
        self.after_group = False
        self.current = _ItemBuilder(heading, line, self.group_closed)

    def _close_item(self) -> None:
        if self.current is not None:
            self.items.append(self.current.build())
            self.current = None


def parse_minutes(text: str, *, source_name: str = "") -> ParsedMinutes:
    """Parse an agenda or minutes document; raise :class:`MinutesParseError` if unsure."""
    lines = split_lines(text)
    first = next((line for line in lines if not line.blank), None)
    if first is None:
        raise MinutesParseError("the document is empty", source_name=source_name)
    parser = _Parser(lines, source_name)
    header_lines, items = parser.run()
    if not items:
        raise MinutesParseError(
            f"no agenda item found in {len(lines)} lines; expected item headings such as "
            '"# Punkt 3: Title", "Punkt 3: Title" or "3. Title" followed by a journal '
            'number or a section such as "Resumé", "Indstilling" or "Beslutning"',
            line=first.number,
            source_name=source_name,
        )
    header = read_header(header_lines)
    kind = header.kind or ("referat" if any(item.decision for item in items) else "dagsorden")
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
        source_name=source_name,
    )
