"""The meeting header: committee, kind, date, time, place and attendance."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from dialogportal.minutes.dates import find_date, find_time_range
from dialogportal.minutes.lines import LIST_MARKER_RE, Line

__all__ = ["Header", "read_header"]

_LABELS = {
    "date": ("mødedato", "dato"),
    "time": (
        "mødetidspunkt", "tidspunkt", "starttidspunkt", "mødestart", "start", "tid", "klokkeslæt",
    ),
    "end": ("sluttidspunkt", "mødeslut", "møde slut", "slut"),
    "location": ("mødested", "mødelokale", "sted", "lokale", "adresse"),
    "committee": ("udvalg", "mødeforum", "forum"),
    "participants": ("mødedeltagere", "deltagere", "medlemmer", "til stede", "tilstede"),
    "absent": ("fraværende med afbud", "fraværende"),
    "excused": ("afbud",),
    "remarks": ("bemærkninger", "bemærkning"),
}  # fmt: skip
_FIELD_BY_LABEL = {label: name for name, labels in _LABELS.items() for label in labels}
_LABEL_RE = re.compile(
    r"^(?P<label>"
    + "|".join(re.escape(label) for label in sorted(_FIELD_BY_LABEL, key=len, reverse=True))
    + r")\b\.?\s*(?:[:|\t]\s*|\s+|$)(?P<value>.*)$",
    re.IGNORECASE,
)
_KIND_RE = re.compile(
    r"\b(?P<kind>referat|dagsorden|tillægsdagsorden|beslutningsprotokol|mødereferat)\b",
    re.IGNORECASE,
)
_DATE_LEAD_RE = re.compile(
    r"(?:\s|[-\u2013—,:(])*(?:\b(?:d\.|den|af|fra|for|mødet|møde|i|"
    r"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)(?:\s|[-\u2013—,:(])*)*$",
    re.IGNORECASE,
)
_EDGE_CHARS = " \t-\u2013—,:;|()."
_NAME_EDGE_CHARS = " \t-\u2013—,:;|."
_LEADING_WORDS_RE = re.compile(r"^(?:(?:fra|for|i|til)\s+)+", re.IGNORECASE)


@dataclass(slots=True)
class Header:
    committee: str | None = None
    kind: str | None = None
    date: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    location: str | None = None
    participants: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)
    remarks: str | None = None


def _names(value: str) -> list[str]:
    parts = re.split(r"\s*[,;]\s*|\s+og\s+", value)
    return [part.strip(_NAME_EDGE_CHARS) for part in parts if part.strip(_NAME_EDGE_CHARS)]


def _clean_committee(text: str) -> str | None:
    found = find_date(text)
    if found is not None:
        text = text[: found[1][0]]
        text = _DATE_LEAD_RE.sub("", text)
    text = _LEADING_WORDS_RE.sub("", text.strip(_EDGE_CHARS)).strip(_EDGE_CHARS)
    return " ".join(text.split()) or None


def _apply_date_and_time(header: Header, value: str) -> None:
    found = find_date(value)
    rest = value
    if found is not None:
        if header.date is None:
            header.date = found[0]
        start, end = found[1]
        rest = f"{value[:start]} {value[end:]}"
    start_time, end_time = find_time_range(rest)
    if header.start_time is None and start_time is not None:
        header.start_time = start_time
        header.end_time = header.end_time or end_time


def read_header(lines: list[Line]) -> Header:
    """Read the lines before the first item (the table of contents already removed)."""
    header = Header()
    title_line: Line | None = None
    list_field: str | None = None
    content = [line for line in lines if not line.blank]
    for position, line in enumerate(content):
        text = line.plain
        match = _LABEL_RE.match(text)
        if match is not None:
            list_field = _apply_label(header, _FIELD_BY_LABEL[match["label"].lower()], match)
            continue
        marker = LIST_MARKER_RE.match(text)
        if list_field is not None and marker is not None:
            getattr(header, list_field).extend(_names(marker["text"]))
            continue
        list_field = None
        kind = _KIND_RE.search(text)
        if kind is not None and title_line is None and len(text.split()) <= 16:
            title_line = line
            header.kind = "dagsorden" if "dagsorden" in kind["kind"].lower() else "referat"
            rest = f"{text[: kind.start()]} {text[kind.end() :]}"
            committee = _clean_committee(rest)
            if committee is None:
                committee = _neighbour_committee(content, position)
            if header.committee is None:
                header.committee = committee
            _apply_date_and_time(header, rest)
    return header


def _neighbour_committee(content: list[Line], position: int) -> str | None:
    """A bare "Dagsorden" line: the committee is the line above it, or else the one below."""
    for index in (position - 1, position + 1):
        if 0 <= index < len(content):
            text = content[index].plain
            if _LABEL_RE.match(text) is None and len(text.split()) <= 10:
                return _clean_committee(text)
    return None


def _apply_label(header: Header, name: str, match: re.Match[str]) -> str | None:
    """Store one "Label: value" line; return the list field that may continue below it."""
    value = match["value"].strip()
    if name in {"date", "time"}:
        _apply_date_and_time(header, value)
    elif name == "end":
        end, _ = find_time_range(value)
        header.end_time = header.end_time or end
    elif name == "location":
        header.location = header.location or (value.strip(" |") or None)
    elif name == "committee":
        header.committee = _clean_committee(value) or header.committee
    elif name == "remarks":
        header.remarks = " ".join(filter(None, [header.remarks, value])) or None
    else:
        getattr(header, name).extend(_names(value))
        return name
    return None
