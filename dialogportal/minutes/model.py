"""What the parser returns: a meeting's agenda or minutes as written, in dataclasses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

__all__ = [
    "ParsedAttachment",
    "ParsedDecision",
    "ParsedItem",
    "ParsedMinutes",
    "ParsedSection",
    "SectionKind",
]


class SectionKind:
    """The kinds of ``ParsedSection``; the first six are the fields of ``ParsedItem``."""

    SUMMARY = "summary"
    RECOMMENDATIONS = "recommendations"
    DECISION = "decision"
    CASE_DESCRIPTION = "case_description"
    FINANCES = "finances"
    ATTACHMENTS = "attachments"
    #: Sagsansvarlig, Sagsgang, Beslutningskompetence … as "Label: value" lines.
    METADATA = "metadata"
    #: Who was absent during the item ("Fraværende: …").
    ABSENCE = "absence"
    #: Any other titled section (Markdown sub-heading, text before the first section).
    OTHER = "other"


@dataclass(slots=True)
class ParsedSection:
    """One section of an item as written, in document order."""

    kind: str
    heading: str
    body: str
    line: int = 0


@dataclass(slots=True)
class ParsedDecision:
    """A "Beslutning"/"Referat" section. ``committee`` and ``date`` come from a qualified
    heading ("Beslutning i Økonomiudvalget den 3. november 2025"); a plain "Beslutning" has
    neither. ``this_meeting`` marks the decision of the meeting the document records (the
    others are earlier steps of the case through other committees)."""

    heading: str
    text: str
    committee: str | None = None
    date: datetime.date | None = None
    line: int = 0
    this_meeting: bool = False


@dataclass(slots=True)
class ParsedAttachment:
    """A "bilag" as listed; "(lukket bilag)" and its variants make it non-public."""

    title: str
    is_public: bool = True
    line: int = 0


@dataclass(slots=True)
class ParsedItem:
    """One agenda item as written. Absent sections are None (or empty lists)."""

    number: int
    title: str
    #: The letter of an item added between two numbered ones: "a" for "Punkt 236a".
    number_suffix: str = ""
    presenter: str | None = None
    journal_number: str | None = None
    closed: bool = False
    summary: str | None = None
    recommendations: list[str] = field(default_factory=list)
    #: The decision of this meeting (see ``decisions`` for every decision of the item).
    decision: str | None = None
    case_description: str | None = None
    finances: str | None = None
    attachments: list[ParsedAttachment] = field(default_factory=list)
    extra_sections: list[tuple[str, str]] = field(default_factory=list)
    #: The words before the "at …" clauses, e.g. "Forvaltningen indstiller til Hovedudvalget".
    recommendation_intro: str | None = None
    #: What became of each recommendation, where the document says ("Godkendt"), else None.
    recommendation_outcomes: list[str | None] = field(default_factory=list)
    decisions: list[ParsedDecision] = field(default_factory=list)
    #: "Label: value" lines under the item (Sagsansvarlig, Sagsgang, Sagstype …) as written.
    metadata: list[tuple[str, str]] = field(default_factory=list)
    #: From "Sagstype" or a line "Til beslutning" / "Til orientering" / "Til drøftelse" under
    #: the heading: "decision", "information" or "discussion".
    case_type: str | None = None
    #: From a "Tillæg N" mark under the heading: the item came on tillægsdagsorden N.
    addendum: int | None = None
    #: From "Sagsgang": the committees the case goes through, in order.
    route: list[str] = field(default_factory=list)
    #: From "Beslutningskompetence" or "Sagen afgøres af/i".
    decided_by: str | None = None
    #: Members absent during this item ("Fraværende: …" under the item).
    absent: list[str] = field(default_factory=list)
    #: Every section in document order (what the importer stores).
    sections: list[ParsedSection] = field(default_factory=list)
    #: 1-based line of the item's heading in the parsed text.
    line: int = 0

    @property
    def key(self) -> tuple[int, str]:
        """(number, letter): the order items stand in ("236" < "236a" < "237")."""
        return self.number, self.number_suffix

    @property
    def display_number(self) -> str:
        """The number as printed: "236", "236a"."""
        return f"{self.number}{self.number_suffix}"


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
    #: Names on the signature page ("Underskriftsblad"), as written.
    signatures: list[str] = field(default_factory=list)
    source_name: str = ""
