"""The short line under an item heading that marks the item rather than tells it: its type
("Til beslutning", "Til orientering", "Orienteringssag"), "Lukket punkt", "Tillæg 1", "Kladde".

Danish agendas state an item's type this way, and the product's own outputs write all the
marks of one item on one line: "Lukket punkt – vises ikke offentligt · Tillæg 1 · Til
beslutning" in Word; text taken from the PDF runs them together with spaces ("Lukket punkt Til
beslutning"). A line is read as marks only when it holds nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogportal.minutes.metadata import case_type

__all__ = ["ItemMarks", "item_marks"]

# One mark and the separator after it; a line of marks is a run of these to its end.
_MARK_RE = re.compile(
    r"(?:(?P<closed>lukket\s+punkt(?:\s*[-–—]\s*vises\s+ikke\s+offentligt)?)"
    r"|(?:åben|åbent)\s+punkt"
    r"|tillæg\s+(?P<addendum>\d{1,3})"
    r"|kladde"
    r"|(?P<type>til\s+(?:beslutning|orientering|drøftelse|temadrøftelse|godkendelse"
    r"|efterretning)|(?:beslutnings|orienterings|drøftelses)sag))"
    r"\.?(?:\s*[·•|]\s*|\s+|$)",
    re.IGNORECASE,
)
# The longest line of marks the product writes is about 70 characters.
_MAX_LENGTH = 160


@dataclass(frozen=True, slots=True)
class ItemMarks:
    #: "decision", "information" or "discussion" (as ``ParsedItem.case_type``), or None.
    case_type: str | None = None
    closed: bool = False
    #: "Tillæg N": the item came on tillægsdagsorden N.
    addendum: int | None = None


def item_marks(text: str) -> ItemMarks | None:
    """Read a line made only of item marks; None if it holds anything else."""
    text = text.strip()
    if not text or len(text) > _MAX_LENGTH:
        return None
    kind: str | None = None
    closed = False
    addendum: int | None = None
    position = 0
    while position < len(text):
        match = _MARK_RE.match(text, position)
        if match is None:
            return None
        if match["type"] is not None:
            kind = case_type(match["type"]) or kind
        closed = closed or match["closed"] is not None
        if match["addendum"] is not None:
            addendum = int(match["addendum"])
        position = match.end()
    return ItemMarks(kind, closed, addendum)
