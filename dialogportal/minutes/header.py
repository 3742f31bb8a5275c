"""The meeting header: committee, kind, date, time, place and attendance."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from dialogportal.minutes.dates import (
    find_date,
    find_impossible_date,
    find_time_range,
    is_date_line,
)
from dialogportal.minutes.errors import MinutesParseError, gettext_noop
from dialogportal.minutes.lines import LIST_MARKER_RE, Line
from dialogportal.minutes.metadata import split_names

__all__ = ["Header", "is_header_label", "is_meeting_title", "read_header"]

_LABELS = {
    "date": ("mødedato", "dato", "mødedag"),
    "time": (
        "mødetidspunkt", "tidspunkt", "starttidspunkt", "mødestart", "start", "tid", "klokkeslæt",
        "mødetid",
    ),
    "end": ("sluttidspunkt", "mødeslut", "møde slut", "slut", "mødet sluttede", "mødet hævet"),
    "location": ("mødested", "mødelokale", "sted", "lokale", "adresse", "mødelokation"),
    "committee": ("udvalg", "mødeforum", "forum", "udvalgsnavn"),
    "participants": (
        "mødedeltagere", "deltagere", "medlemmer", "til stede", "tilstede", "deltagende",
        "fremmødte",
    ),
    "absent": ("fraværende med afbud", "fraværende"),
    "excused": ("afbud fra", "afbud"),
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
_LEADING_WORDS_RE = re.compile(r"^(?:(?:fra|for|i|til|fra mødet i)\s+)+", re.IGNORECASE)
# Words that make a line a committee's name rather than, say, the municipality's.
_COMMITTEE_WORD_RE = re.compile(
    r"udvalg|byråd|kommunalbestyrelse|borgerrepræsentation|regionsråd|\bmed\b|råd\b|nævn"
    r"|bestyrelse|forum",
    re.IGNORECASE,
)


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


def is_header_label(text: str) -> bool:
    """A header field line such as "Mødedato: 3. november 2025" or "Afbud: …"."""
    match = _LABEL_RE.match(text)
    return match is not None and (
        _FIELD_BY_LABEL[match["label"].lower()] not in {"date", "time"}
        or find_date(match["value"]) is not None
        or find_time_range(match["value"])[0] is not None
    )


def is_meeting_title(text: str) -> bool:
    """A line that opens a meeting: "Referat Økonomiudvalget 3. november 2025" or a
    "Mødedato: …" line (used to notice a second meeting in one document)."""
    match = _LABEL_RE.match(text)
    if match is not None and match["label"].lower() in {"mødedato", "mødedag"}:
        return find_date(match["value"]) is not None
    return (
        len(text.split()) <= 16
        and _KIND_RE.search(text) is not None
        and find_date(text) is not None
    )


def _clean_committee(text: str) -> str | None:
    found = find_date(text)
    if found is not None:
        text = text[: found[1][0]]
        text = _DATE_LEAD_RE.sub("", text)
    text = _LEADING_WORDS_RE.sub("", text.strip(_EDGE_CHARS)).strip(_EDGE_CHARS)
    return " ".join(text.split()) or None


def _check_date(value: str, line: Line, source_name: str) -> None:
    impossible = find_impossible_date(value)
    if impossible is not None:
        raise MinutesParseError(
            gettext_noop("„%(date)s“ er ikke en dato, der findes"),
            line=line.number,
            source_name=source_name,
            date=impossible,
        )


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


def read_header(lines: list[Line], *, source_name: str = "") -> Header:
    """Read the lines before the first item (the table of contents already removed).

    A date that does not exist ("Mødedato: 31. juni 2025") is refused, naming its line.
    """
    header = Header()
    title_line: Line | None = None
    list_field: str | None = None
    content = [line for line in lines if not line.blank]
    for position, line in enumerate(content):
        text = line.plain
        match = _LABEL_RE.match(text)
        if match is not None:
            name = _FIELD_BY_LABEL[match["label"].lower()]
            if name in {"date", "time"}:
                _check_date(match["value"], line, source_name)
            list_field = _apply_label(header, name, match)
            continue
        marker = LIST_MARKER_RE.match(text)
        if list_field is not None and marker is not None:
            getattr(header, list_field).extend(split_names(marker["text"]))
            continue
        list_field = None
        kind = _KIND_RE.search(text)
        if kind is not None and title_line is None and len(text.split()) <= 16:
            _check_date(text, line, source_name)
            title_line = line
            header.kind = "dagsorden" if "dagsorden" in kind["kind"].lower() else "referat"
            rest = f"{text[: kind.start()]} {text[kind.end() :]}"
            committee = _clean_committee(rest)
            if committee is None:
                committee = _neighbour_committee(content, position)
            if header.committee is None:
                header.committee = committee
            _apply_date_and_time(header, rest)
        elif is_date_line(text):
            # "Mandag den 24. november 2025 kl. 19.00" on a line of its own.
            _apply_date_and_time(header, text)
        elif len(text.split()) <= 10 and find_impossible_date(text) is not None:
            _check_date(text, line, source_name)
    return header


def _neighbour_committee(content: list[Line], position: int) -> str | None:
    """A bare "Dagsorden" line: the committee is a neighbouring line, preferably one that
    names a committee ("… udvalget", "Byrådet", "MED …") rather than the municipality."""
    candidates: list[str] = []
    for index in (position - 1, position + 1, position - 2, position + 2):
        if 0 <= index < len(content):
            text = content[index].plain
            if _LABEL_RE.match(text) is None and len(text.split()) <= 10 and not is_date_line(text):
                cleaned = _clean_committee(text)
                if cleaned:
                    candidates.append(cleaned)
    named = [text for text in candidates if _COMMITTEE_WORD_RE.search(text)]
    chosen = named or candidates
    return chosen[0] if chosen else None


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
        getattr(header, name).extend(split_names(value))
        return name
    return None
