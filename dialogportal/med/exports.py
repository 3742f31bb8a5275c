"""Documents of the MED system: the høringsnotat as PDF (WeasyPrint through `core.pdf`, the
same HTML as the page) and DOCX, and the secretariat overview as CSV and XLSX. Danish always:
they are the committees' records."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

from dialogportal.core.pdf import render_pdf
from dialogportal.med.copies import danish_date
from dialogportal.med.models import Hearing, HearingAnswer, HearingPart, PartStatus
from dialogportal.med.queries import OverviewRow

PRINT_CSS = Path(__file__).resolve().parent / "static" / "med" / "print.css"


@dataclass(frozen=True)
class NoteEntry:
    part: HearingPart
    status: str
    answer: HearingAnswer | None
    received_on: str
    approved_by: tuple[str, ...]
    files: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    hearing: Hearing
    sent_on: str
    answer_by: str
    entries: tuple[NoteEntry, ...]
    answered: int
    no_comments: int
    missing: int


def hearing_note(hearing: Hearing, *, today: date) -> Note:
    """The høringsnotat's content: every part, its answer (with the two sides' views), who
    approved it, and the administration's comment."""
    entries = []
    parts = hearing.parts.select_related("committee").prefetch_related(
        "answer__approvals", "answer__files"
    )
    for part in parts:
        answer: HearingAnswer | None = getattr(part, "answer", None)
        received = part.status != PartStatus.SENT and part.answered_at is not None
        entries.append(
            NoteEntry(
                part=part,
                status=part.status_label_on(today),
                answer=answer if received else None,
                received_on=(
                    danish_date(timezone.localtime(part.answered_at).date())
                    if received and part.answered_at
                    else ""
                ),
                approved_by=tuple(str(a) for a in answer.approvals.all())
                if answer and received
                else (),
                files=tuple(f.title for f in answer.files.all()) if answer and received else (),
            )
        )
    return Note(
        hearing=hearing,
        sent_on=danish_date(timezone.localtime(hearing.created_at).date()),
        answer_by=danish_date(hearing.answer_by),
        entries=tuple(entries),
        answered=sum(e.part.status == PartStatus.ANSWERED for e in entries),
        no_comments=sum(e.part.status == PartStatus.NO_COMMENTS for e in entries),
        missing=sum(e.part.status == PartStatus.SENT for e in entries),
    )


def hearing_note_html(hearing: Hearing, *, today: date) -> str:
    with translation.override("da"):
        return render_to_string(
            "med/print/hearing_note.html", {"note": hearing_note(hearing, today=today)}
        )


def hearing_note_pdf(hearing: Hearing, *, today: date) -> bytes:
    """The høringsnotat as an accessible PDF. Not cached: it holds the parts' internal views."""
    return render_pdf(
        hearing_note_html(hearing, today=today), stylesheet=PRINT_CSS, use_cache=False
    )


def hearing_note_docx(hearing: Hearing, *, today: date) -> bytes:
    """The høringsnotat as Word with real headings, for the secretariat to edit on."""
    from docx import Document
    from docx.shared import Pt

    note = hearing_note(hearing, today=today)
    word = Document()
    word.core_properties.title = f"Høringsnotat – {hearing.title}"
    word.core_properties.language = "da-DK"
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(11)
    word.add_heading(f"Høringsnotat: {hearing.title}", level=0)
    word.add_paragraph(
        f"Sendt i høring i MED af {hearing.committee.name} den {note.sent_on} med frist den "
        f"{note.answer_by}. {note.answered} høringssvar, {note.no_comments} uden bemærkninger, "
        f"{note.missing} ikke modtaget."
    )
    if hearing.note_intro:
        word.add_paragraph(hearing.note_intro)
    table = word.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Høringspart", "Status", "Modtaget", "Ændrer forslaget"), strict=True
    ):
        cell.text = text
    for entry in note.entries:
        row = table.add_row().cells
        row[0].text = entry.part.committee.name
        row[1].text = entry.status
        row[2].text = entry.received_on + (" (efter fristen)" if entry.part.is_late else "")
        row[3].text = str(entry.part.get_changes_proposal_display() or "")
    for entry in note.entries:
        word.add_heading(entry.part.committee.name, level=1)
        word.add_paragraph(f"Status: {entry.status}")
        if entry.answer is not None:
            if entry.approved_by:
                word.add_paragraph("Godkendt af " + ", ".join(entry.approved_by))
            for heading, text in (
                ("Hovedpunkter", entry.answer.summary),
                ("Høringssvar", entry.answer.text),
                ("Ledelsessidens bemærkninger", entry.answer.management_view),
                ("Medarbejdersidens bemærkninger", entry.answer.employee_view),
            ):
                if text:
                    word.add_heading(heading, level=2)
                    for paragraph in text.split("\n\n"):
                        word.add_paragraph(paragraph)
            if entry.files:
                word.add_paragraph("Bilag: " + ", ".join(entry.files))
        word.add_heading("Administrationens bemærkning", level=2)
        word.add_paragraph(entry.part.administration_comment or "Ingen bemærkning.")
        if entry.part.changes_proposal:
            word.add_paragraph(f"Ændrer forslaget: {entry.part.get_changes_proposal_display()}")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


OVERVIEW_COLUMNS = (
    "Type",
    "Afsendende udvalg",
    "Mødedato",
    "Punkt",
    "Modtager",
    "Sektor",
    "Status",
    "Sendt",
    "På dagsordenen",
    "Behandles senest / frist",
    "Overskredet",
    "Behandlet / besvaret",
    "Kommentar / hovedpunkter",
)


def _cells(row: OverviewRow) -> list[str]:
    return [
        row.kind_label,
        row.sender,
        row.source_date.isoformat() if row.source_date else "",
        row.subject,
        row.receiver,
        row.sector,
        row.status_label,
        row.sent_on.isoformat(),
        row.agenda_date.isoformat() if row.agenda_date else "",
        row.due_on.isoformat() if row.due_on else "",
        "ja" if row.is_overdue else "",
        row.done_on.isoformat() if row.done_on else "",
        row.comment,
    ]


def _safe(cell: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def overview_csv(rows: Sequence[OverviewRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(OVERVIEW_COLUMNS)
    for row in rows:
        writer.writerow([_safe(c) for c in _cells(row)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads æøå right


def overview_xlsx(rows: Sequence[OverviewRow]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "MED-oversigt"
    sheet.append(list(OVERVIEW_COLUMNS))
    for row in rows:
        sheet.append([_safe(c) for c in _cells(row)])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
