"""Agenda and minutes as PDF (WeasyPrint, from the print template) and an iCal feed; the DOCX is
`meetings.word`, imported apart (python-docx is heavy). Every function takes an already redacted
`DocMeeting`: what to show is decided in `publication.redact`, never here."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from dialogportal.core.formatting import long_date
from dialogportal.core.pdf import is_cached, render_pdf
from dialogportal.meetings.document import DocItem, DocMeeting
from dialogportal.meetings.models import Meeting, MeetingStatus

__all__ = [
    "committee_calendar",
    "danish_date",
    "document_html",
    "document_pdf",
    "document_pdf_is_cached",
]

PRINT_CSS = Path(__file__).resolve().parent / "static" / "meetings" / "print.css"
_TZ = ZoneInfo(settings.TIME_ZONE)


def danish_date(iso: str) -> str:
    return long_date(date.fromisoformat(iso), "da")


def document_html(document: DocMeeting) -> str:
    """The standalone print HTML behind the PDF (always Danish: it is the official record), with
    the municipality's name and the meeting's date in the running header of every page."""
    with translation.override("da"):
        return render_to_string(
            "meetings/print.html",
            {
                "doc": document,
                "held_on": danish_date(document.held_on),
                "municipality": settings.MUNICIPALITY_NAME,
            },
        )


def document_pdf(document: DocMeeting) -> bytes:
    """An accessible PDF (tagged, PDF/UA variant) with a table of contents and page numbers;
    rendered once per distinct document (see `core.pdf`)."""
    return render_pdf(document_html(document), stylesheet=PRINT_CSS)


def document_pdf_is_cached(document: DocMeeting) -> bool:
    return is_cached(document_html(document), stylesheet=PRINT_CSS)


def _calendar_line(item: DocItem) -> str:
    line = f"Punkt {item.label}: {item.title}" if item.label else item.title
    if item.is_closed and item.kind:  # a full-access reader: say it is closed
        line += " (lukket punkt)"
    if item.addendum:
        line += f" (tillæg {item.addendum})"
    return line


def _calendar_description(document: DocMeeting) -> str:
    """The item titles, open and closed apart (Danish, like the other outputs)."""
    parts = []
    for heading, items in (
        ("Åbne punkter", document.open_items),
        ("Lukkede punkter", document.closed_items),
    ):
        if items:
            parts.append("\n".join([f"{heading}:", *(_calendar_line(i) for i in items)]))
    return "\n\n".join(parts)


def _aware(day: date, at: time | None) -> datetime | date:
    return datetime.combine(day, at, tzinfo=_TZ) if at is not None else day


def committee_calendar(
    *, committee_name: str, meetings: Iterable[tuple[Meeting, DocMeeting]], base_url: str
) -> bytes:
    """An iCal feed of a committee's meetings; each event lists the (redacted) item titles."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Dialogportal//Møder//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", committee_name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = base_url.split("//", 1)[-1].split("/", 1)[0] or "dialogportal"
    for meeting, document in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("summary", f"{committee_name}: møde")
        start = _aware(meeting.held_on, meeting.start_time)
        event.add("dtstart", start)
        if meeting.end_time is not None and meeting.start_time is not None:
            event.add("dtend", _aware(meeting.held_on, meeting.end_time))
        elif isinstance(start, datetime):
            event.add("dtend", start + timedelta(hours=2))
        event.add("dtstamp", datetime.combine(meeting.held_on, time(0), tzinfo=_TZ))
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", f"{base_url}{meeting.get_absolute_url()}")
        event.add(
            "status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
        )
        if document.items:
            event.add("description", _calendar_description(document))
        calendar.add_component(event)
    result: bytes = calendar.to_ical()
    return result
