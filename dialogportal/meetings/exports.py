"""Agenda and minutes as PDF (WeasyPrint, from the print template), DOCX (python-docx) and an
iCal feed. Every function takes an already redacted `DocMeeting`: what to show is decided in
`publication.redact`, never here."""

import io
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from dialogportal.core.formatting import clock_span, long_date
from dialogportal.core.pdf import is_cached, render_pdf
from dialogportal.meetings.markup import blocks, plain
from dialogportal.meetings.models import Meeting, MeetingStatus, SectionKind
from dialogportal.meetings.publication import DocMeeting

PRINT_CSS = Path(__file__).resolve().parent / "static" / "meetings" / "print.css"
_TZ = ZoneInfo(settings.TIME_ZONE)


def danish_date(iso: str) -> str:
    return long_date(date.fromisoformat(iso), "da")


def document_html(document: DocMeeting) -> str:
    """The standalone print HTML behind the PDF (always Danish: it is the official record)."""
    with translation.override("da"):
        return render_to_string(
            "meetings/print.html",
            {"doc": document, "held_on": danish_date(document.held_on)},
        )


def document_pdf(document: DocMeeting) -> bytes:
    """An accessible PDF (tagged, PDF/UA variant) with a table of contents and page numbers;
    rendered once per distinct document (see `core.pdf`)."""
    return render_pdf(document_html(document), stylesheet=PRINT_CSS)


def document_pdf_is_cached(document: DocMeeting) -> bool:
    return is_cached(document_html(document), stylesheet=PRINT_CSS)


def document_docx(document: DocMeeting) -> bytes:
    """The same document as Word, with real heading styles (so the navigation pane works)."""
    from docx import Document
    from docx.shared import Pt

    word = Document()
    word.core_properties.title = f"{document.title_word} {document.committee_name}"
    word.core_properties.language = "da-DK"
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    word.add_heading(f"{document.title_word} – {document.committee_name}", level=0)
    when = danish_date(document.held_on)
    if document.start_time:
        end = time.fromisoformat(document.end_time) if document.end_time else None
        when += " " + clock_span(time.fromisoformat(document.start_time), end, "da")
    for label, value in (
        ("Mødedato", when),
        ("Mødested", document.place),
        ("Deltagere", ", ".join(document.participants.splitlines())),
        ("Afbud", ", ".join(document.excused.splitlines())),
        ("Fraværende", ", ".join(document.absent.splitlines())),
        ("Bemærkninger", document.remarks),
    ):
        if value:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    word.add_heading("Indholdsfortegnelse", level=1)
    for item in document.items:
        word.add_paragraph(f"Punkt {item.number}: {item.title}", style="List Bullet")
    for item in document.items:
        title = f"Punkt {item.number}: {item.title}"
        if item.presenter:
            title += f" v. {item.presenter}"
        word.add_heading(title, level=1)
        if item.is_closed and not item.sections:
            continue
        if item.journal_number:
            word.add_paragraph(f"Sagsnr.: {item.journal_number}")
        for section in item.sections:
            if section.heading:
                word.add_heading(section.heading, level=2)
            _docx_text(word, section.body)
            if section.kind == SectionKind.RECOMMENDATION:
                for recommendation in section.recommendations:
                    line = f"{recommendation.order}. {recommendation.text}"
                    if recommendation.outcome and recommendation.outcome != "pending":
                        line += f" – {recommendation.outcome_label}"
                    word.add_paragraph(line)
        if item.attachments:
            word.add_heading("Bilag", level=2)
            for attachment in item.attachments:
                word.add_paragraph(attachment.title, style="List Number")
    if document.approvals:
        word.add_heading("Godkendt af", level=1)
        for approval in document.approvals:
            word.add_paragraph(approval)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_text(word: object, text: str) -> None:
    for block in blocks(text):
        if block.kind == "heading":
            word.add_heading(plain(block.text), level=3)  # type: ignore[attr-defined]
        elif block.kind == "numbered":
            word.add_paragraph(f"{block.number}. {plain(block.text)}")  # type: ignore[attr-defined]
        elif block.kind == "bullet":
            word.add_paragraph(plain(block.text), style="List Bullet")  # type: ignore[attr-defined]
        else:
            word.add_paragraph(plain(block.text))  # type: ignore[attr-defined]


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
            event.add(
                "description",
                "\n".join(f"Punkt {item.number}: {item.title}" for item in document.items),
            )
        calendar.add_component(event)
    result: bytes = calendar.to_ical()
    return result
