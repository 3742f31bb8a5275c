"""One agenda item while it is read: its heading, metadata lines and sections, in order."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from dialogportal.minutes.errors import MinutesParseError, gettext_noop
from dialogportal.minutes.lines import (
    LIST_MARKER_RE,
    ItemHeading,
    Line,
    access_marker,
    journal_value,
)
from dialogportal.minutes.marks import item_marks
from dialogportal.minutes.metadata import (
    ABSENCE,
    ACCESS,
    CASE_TYPE,
    DECIDED_BY,
    ROUTE,
    case_type,
    metadata_line,
    split_names,
    split_route,
)
from dialogportal.minutes.model import (
    ParsedDecision,
    ParsedItem,
    ParsedSection,
    SectionKind,
)
from dialogportal.minutes.sections import (
    MAX_CLAUSES,
    SectionHeading,
    section_text,
    split_attachments,
    split_recommendations,
)

__all__ = ["ItemBuilder", "split_title"]

PREAMBLE_HEADING = "Indledning"
METADATA_HEADING = "Sagsoplysninger"
ABSENCE_HEADING = "Fraværende"

_PRESENTER_LINE_RE = re.compile(r"^\(?v\.\s+(?P<presenter>[^()]+?)\)?$")
_CLOSED_SUFFIX_RE = re.compile(
    r"\s*(?:[-\u2013—(]\s*|\[\s*)(?:lukket|fortroligt)(?:\s+punkt)?\s*[)\]]?$", re.I
)
_CLOSED_PREFIX_RE = re.compile(
    r"^\(?(?P<kind>lukket|fortroligt|åbent|åben)(?:\s+(?:punkt|sag))?\)?\s*(?:[:\-\u2013—]\s*|\s+(?=\S))",
    re.I,
)
_DRAFT_RE = re.compile(r"^kladde$", re.IGNORECASE)
# A paragraph that opens the recommendations without an "Indstilling" heading.
_RECOMMENDATION_START_RE = re.compile(
    r"^(?:det\s+indstilles|(?:[A-ZÆØÅ][\w-]*\s+){1,4}indstiller)\b", re.IGNORECASE
)
# Sections whose text may hold a "Fraværende: …" line about the item.
_ABSENCE_SECTIONS = {
    None,
    SectionKind.DECISION,
    SectionKind.METADATA,
    SectionKind.OTHER,
    SectionKind.ABSENCE,
}
# Sections made of "Label: value" lines: each line is a paragraph of its own.
_LABEL_SECTIONS = {SectionKind.METADATA, SectionKind.ABSENCE}


def split_title(title: str) -> tuple[str, str | None, bool]:
    """ "Lukket punkt: Title v. Presenter (lukket)" → (title, presenter, closed)."""
    closed = False
    title = title.strip()
    prefix = _CLOSED_PREFIX_RE.match(title)
    if title.lower().strip("() .") in {"lukket punkt", "lukket sag", "fortroligt punkt"}:
        closed = True  # the title public minutes give a closed item
    elif prefix is not None and title[prefix.end() :].strip():
        closed = prefix["kind"].lower() in {"lukket", "fortroligt"}
        title = title[prefix.end() :]
    match = _CLOSED_SUFFIX_RE.search(title)
    if match is not None and title[: match.start()].strip():
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


def _absent_names(lines: list[str]) -> list[str]:
    """Names from "Fraværende: A og B" lines, or from lines holding only names."""
    names: list[str] = []
    for text in lines:
        entry = metadata_line(text)
        value = entry.value if entry is not None and entry.field == ABSENCE else text
        names.extend(name for name in split_names(value) if name not in names)
    return names


@dataclass
class _Section:
    kind: str
    heading: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    committee: str | None = None
    date: datetime.date | None = None


class ItemBuilder:
    """Collects one item's lines, section by section, in document order."""

    def __init__(self, heading: ItemHeading, line: Line, *, closed: bool, source_name: str) -> None:
        assert heading.number is not None
        title, presenter, closed_by_title = split_title(heading.title)
        self.item = ParsedItem(
            number=heading.number,
            number_suffix=heading.suffix,
            title=title,
            presenter=presenter,
            closed=closed or closed_by_title,
            line=line.number,
        )
        self.source_name = source_name
        self.raw_title = heading.title  # as written, with presenter and markers
        self.heading_line = line
        self.sections: list[_Section] = []
        self.current: _Section | None = None  # None: before the first section
        self.preamble: list[tuple[int, str]] = []
        self.title_open = True  # plain text: wrapped title lines follow the heading directly

    @property
    def section(self) -> str | None:
        return self.current.kind if self.current is not None else None

    def start_section(self, heading: SectionHeading, line: Line) -> None:
        self.title_open = False
        if heading.impossible_date is not None:
            raise MinutesParseError(
                gettext_noop("„%(date)s“ i overskriften „%(heading)s“ er ikke en dato, der findes"),
                line=line.number,
                source_name=self.source_name,
                date=heading.impossible_date,
                heading=heading.heading,
            )
        if heading.kind == SectionKind.ABSENCE and heading.inline:
            # "Fraværende: A og B" under a decision is a note about it, not a new section.
            self._add_to(SectionKind.ABSENCE, ABSENCE_HEADING, line, line.plain)
            return
        existing = next((s for s in self.sections if s.kind == heading.kind), None)
        if existing is not None and heading.kind != SectionKind.DECISION:
            # "Resumé" twice (or "Indstilling" and "Direktionens indstilling"): one section.
            existing.lines.append((line.number, ""))
            self.current = existing
        else:
            self.current = _Section(
                heading.kind, heading.heading, line.number, committee=heading.committee,
                date=heading.date,
            )  # fmt: skip
            self.sections.append(self.current)
        if heading.inline:
            self.current.lines.append((line.number, heading.inline))

    def start_other(self, heading: str, line: Line) -> None:
        """A section this parser has no field for (a Markdown sub-heading)."""
        self.title_open = False
        self.current = _Section(SectionKind.OTHER, heading, line.number)
        self.sections.append(self.current)

    def _add_to(self, kind: str, heading: str, line: Line, text: str) -> None:
        section = next((s for s in self.sections if s.kind == kind), None)
        if section is None:
            section = _Section(kind, heading, line.number)
            self.sections.append(section)
        section.lines.append((line.number, text))

    def _metadata(self, line: Line) -> bool:
        """Read a "Label: value" metadata line; True if it was one."""
        entry = metadata_line(line.plain)
        if entry is None:
            return False
        if entry.field == ABSENCE:
            if self.section not in _ABSENCE_SECTIONS:
                return False
            self._add_to(SectionKind.ABSENCE, ABSENCE_HEADING, line, line.plain)
            return True
        if self.current is not None and self.section != SectionKind.METADATA:
            return False  # inside a section's text: a sentence that happens to have a colon
        if entry.field == ACCESS:
            marker = access_marker(f"{entry.value} punkt")
            self.item.closed = self.item.closed or bool(marker)
            return True
        if entry.field == CASE_TYPE:
            self.item.case_type = case_type(entry.value) or self.item.case_type
        elif entry.field == ROUTE:
            self.item.route = split_route(entry.value)
        elif entry.field == DECIDED_BY:
            self.item.decided_by = entry.value
        self.item.metadata.append((entry.label, entry.value))
        if entry.field != CASE_TYPE:
            self._add_to(SectionKind.METADATA, METADATA_HEADING, line, line.plain)
        return True

    def add(self, line: Line, *, plain_text: bool, paragraph_start: bool = False) -> None:
        if not line.blank and self._metadata(line):
            self.title_open = False
            return
        if (
            paragraph_start
            and not any(s.kind == SectionKind.RECOMMENDATIONS for s in self.sections)
            and self.section not in {SectionKind.DECISION, SectionKind.ATTACHMENTS}
            and _RECOMMENDATION_START_RE.match(line.plain)
        ):
            self.current = _Section(SectionKind.RECOMMENDATIONS, "Indstilling", line.number)
            self.sections.append(self.current)
        if self.current is not None:
            self.current.lines.append((line.number, line.raw))
            return
        self._add_preamble(line, plain_text=plain_text)

    def _add_preamble(self, line: Line, *, plain_text: bool) -> None:
        text = line.plain
        if line.blank:
            self.title_open = False
            self.preamble.append((line.number, ""))
            return
        journal = journal_value(line)
        access = access_marker(text)
        presenter = _PRESENTER_LINE_RE.match(text)
        if journal is not None and self.item.journal_number is None:
            self.item.journal_number = journal
        elif access is not None:
            self.item.closed = self.item.closed or access
        elif (marks := item_marks(text)) is not None:
            # "Til beslutning", "Lukket punkt Til beslutning", "Tillæg 1 · Til orientering"
            self.item.case_type = marks.case_type or self.item.case_type
            self.item.closed = self.item.closed or marks.closed
            self.item.addendum = marks.addendum or self.item.addendum
        elif _DRAFT_RE.match(text):
            pass  # the product's own "Kladde" badge
        elif presenter is not None and self.item.presenter is None:
            self.item.presenter = presenter["presenter"].strip()
        elif plain_text and self.title_open and not LIST_MARKER_RE.match(text):
            # A title wrapped onto the next line (as PDF extraction leaves it): read it again.
            self.raw_title = f"{self.raw_title} {text}"
            title, presenter_text, closed = split_title(self.raw_title)
            self.item.title = title
            self.item.presenter = presenter_text
            self.item.closed = self.item.closed or closed
            return
        else:
            self.preamble.append((line.number, line.raw))
        self.title_open = False

    def build(self) -> ParsedItem:
        item = self.item
        sections: list[ParsedSection] = []
        preamble = section_text([text for _, text in self.preamble])
        if preamble is not None:
            first = next((number for number, text in self.preamble if text), item.line)
            sections.append(ParsedSection(SectionKind.OTHER, PREAMBLE_HEADING, preamble, first))
        for section in self.sections:
            texts = [text for _, text in section.lines]
            if section.kind == SectionKind.ATTACHMENTS:
                item.attachments.extend(split_attachments(section.lines))
                continue
            if section.kind == SectionKind.RECOMMENDATIONS:
                try:
                    intro, clauses, outcomes = split_recommendations(texts)
                except ValueError as error:
                    raise MinutesParseError(
                        gettext_noop(
                            "indstillingen under punkt %(number)s har mere end %(max)d "
                            "at-led; det ligner ikke en indstilling"
                        ),
                        line=section.line,
                        source_name=self.source_name,
                        number=item.display_number,
                        max=MAX_CLAUSES,
                    ) from error
                if intro is None and not clauses:
                    continue
                item.recommendation_intro = intro
                item.recommendations, item.recommendation_outcomes = clauses, outcomes
                sections.append(
                    ParsedSection(section.kind, section.heading, intro or "", section.line)
                )
                continue
            if section.kind in _LABEL_SECTIONS:
                texts = [text for text in texts if text.strip()]
                if section.kind == SectionKind.ABSENCE:
                    item.absent.extend(_absent_names(texts))
                texts = [part for text in texts for part in (text, "")]
            body = section_text(texts)
            if body is None:
                continue
            sections.append(ParsedSection(section.kind, section.heading, body, section.line))
            if section.kind == SectionKind.DECISION:
                item.decisions.append(
                    ParsedDecision(
                        heading=section.heading,
                        text=body,
                        committee=section.committee,
                        date=section.date,
                        line=section.line,
                    )
                )
        by_kind: dict[str, str] = {}
        for built in sections:
            by_kind.setdefault(built.kind, built.body)
        item.summary = by_kind.get(SectionKind.SUMMARY)
        item.case_description = by_kind.get(SectionKind.CASE_DESCRIPTION)
        item.finances = by_kind.get(SectionKind.FINANCES)
        item.extra_sections = [
            (built.heading, built.body)
            for built in sections
            if built.kind in {SectionKind.OTHER, SectionKind.METADATA, SectionKind.ABSENCE}
        ]
        item.sections = sections
        return item
