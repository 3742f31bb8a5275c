"""The whole document: its header, its items, its signatures, and per item the decision of the
meeting the document records (an item may quote earlier committees' decisions)."""

import datetime
import re

from dialogportal.minutes.errors import MinutesParseError, gettext_noop
from dialogportal.minutes.header import read_header
from dialogportal.minutes.lines import split_lines
from dialogportal.minutes.model import ParsedItem, ParsedMinutes
from dialogportal.minutes.parser.structure import StructureParser
from dialogportal.minutes.signatures import read_signatures


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
    parser = StructureParser(lines, source_name)
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
