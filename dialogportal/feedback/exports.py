"""The hvidbog and the feedback report per source as files: HTML, an accessible PDF (WeasyPrint,
PDF/UA-1: tagged headings, language, title, alt texts) and DOCX (python-docx, real heading
styles). They take the read models of `queries`, which already applied the display rules."""

import io
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from dialogportal.core.formatting import long_date
from dialogportal.core.pdf import render_pdf
from dialogportal.feedback.letters import Letter
from dialogportal.feedback.queries import Hvidbog, SourceReport
from dialogportal.processes.models import Process

PRINT_CSS = Path(__file__).resolve().parent / "static" / "feedback" / "print.css"
LETTER_CSS = Path(__file__).resolve().parent / "static" / "feedback" / "letter.css"


def _danish_date(book_time: datetime) -> str:
    return long_date(book_time, "da")


def hvidbog_html(book: Hvidbog, *, for_print: bool = False) -> str:
    """The hvidbog as one standalone HTML document (also the source of the PDF)."""
    with translation.override("da"):
        return render_to_string(
            "feedback/hvidbog.html",
            {
                "book": book,
                "for_print": for_print,
                "generated_on": _danish_date(book.generated_at),
                "municipality": settings.MUNICIPALITY_NAME,
            },
        )


def _pdf(html: str) -> bytes:
    return render_pdf(html, stylesheet=PRINT_CSS)


def hvidbog_pdf(book: Hvidbog) -> bytes:
    return _pdf(hvidbog_html(book, for_print=True))


def source_report_html(report: SourceReport, *, for_print: bool = False) -> str:
    with translation.override("da"):
        return render_to_string(
            "feedback/source_report_print.html",
            {
                "report": report,
                "for_print": for_print,
                "generated_on": _danish_date(report.generated_at),
                "municipality": settings.MUNICIPALITY_NAME,
            },
        )


def source_report_pdf(report: SourceReport) -> bytes:
    return _pdf(source_report_html(report, for_print=True))


def hvidbog_docx(book: Hvidbog) -> bytes:
    """The hvidbog as Word with real heading styles (the navigation pane and a generated table
    of contents work) and the same content as the HTML."""
    from docx import Document
    from docx.shared import Pt

    with translation.override("da"):
        title = f"Hvidbog: {book.process.title}"
        word = Document()
        word.core_properties.title = title
        word.core_properties.language = "da-DK"
        word.core_properties.author = settings.MUNICIPALITY_NAME
        normal = word.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(11)
        word.add_heading(title, level=0)
        word.add_paragraph(
            f"{settings.MUNICIPALITY_NAME}. Udarbejdet {_danish_date(book.generated_at)}. "
            f"{book.received_count} input modtaget, heraf {book.public_count} offentliggjort."
            + (
                f" {book.rejected_count} input blev afvist og indgår ikke."
                if book.rejected_count
                else ""
            )
        )
        word.add_heading("Indholdsfortegnelse", level=1)
        for area in book.areas:
            word.add_paragraph(f"{area.title} ({area.input_count} input)", style="List Bullet")
            for group in area.groups:
                word.add_paragraph(
                    f"{group.title} ({group.input_count} input)",
                    style="List Bullet 2",
                )
        for area in book.areas:
            word.add_heading(area.title, level=1)
            if area.description:
                word.add_paragraph(area.description)
            if area.summary:
                word.add_heading("Resumé af området", level=2)
                word.add_paragraph(" ".join(area.summary))
            for group in area.groups:
                word.add_heading(group.title, level=2)
                word.add_paragraph(f"{group.input_count} input i denne gruppe.")
                if group.summary:
                    word.add_heading("Resumé", level=3)
                    word.add_paragraph(" ".join(group.summary))
                word.add_heading("Kommunens svar", level=3)
                if group.answer is not None:
                    paragraph = word.add_paragraph()
                    paragraph.add_run(f"Status: {group.status_label}. ").bold = True
                    if group.answer.explanation:
                        paragraph.add_run(group.answer.explanation)
                    word.add_paragraph(group.answer.text)
                else:
                    word.add_paragraph("Endnu ikke besvaret.")
                if group.outcomes:
                    word.add_heading("Det førte til", level=3)
                    for outcome in group.outcomes:
                        word.add_paragraph(str(outcome), style="List Bullet")
                if group.entries:
                    word.add_heading("Input", level=3)
                for entry in group.entries:
                    item = entry.item
                    paragraph = word.add_paragraph()
                    paragraph.add_run(entry.byline).bold = True
                    if item.title:
                        paragraph.add_run(f"\n{item.title}").italic = True
                    paragraph.add_run(f"\n{item.text}")
                    if entry.answer_text:
                        answer = word.add_paragraph()
                        answer.add_run("Svar: ").bold = True
                        answer.add_run(entry.answer_text)
                shown = group.not_shown
                if shown.count:
                    statuses = ", ".join(f"{n} {label.lower()}" for label, n in shown.statuses)
                    word.add_paragraph(
                        f"Desuden {shown.count} input, der ikke offentliggøres, og som derfor "
                        f"ikke gengives her (status: {statuses})."
                    )
        buffer = io.BytesIO()
        word.save(buffer)
        return buffer.getvalue()


def letters_html(letters: list[Letter], *, process: Process, generated_at: datetime) -> str:
    """Letters in Danish (the contributors wrote in Danish), one per page."""
    with translation.override("da"):
        heard = reverse("feedback:heard", kwargs={"slug": process.slug})
        return render_to_string(
            "feedback/letters_print.html",
            {
                "letters": letters,
                "process": process,
                "generated_on": _danish_date(generated_at),
                "municipality": settings.MUNICIPALITY_NAME,
                "heard_url": f"{settings.SITE_URL.rstrip('/')}{heard}",
            },
        )


def letters_pdf(
    letters: list[Letter], *, process: Process, generated_at: datetime, personal: bool
) -> bytes:
    """The letters as one PDF. Letters with names (`personal`) never reach the PDF cache."""
    html = letters_html(letters, process=process, generated_at=generated_at)
    return render_pdf(html, stylesheet=LETTER_CSS, use_cache=not personal)
