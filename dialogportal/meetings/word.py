"""Agenda and minutes as Word (python-docx): real heading styles (the navigation pane works), a
table of contents as a real TOC field (Word fills in page numbers when it updates fields on
opening; until then it shows the item list), and a header with the municipality, committee and
date and a footer with "Side N af M" as PAGE/NUMPAGES fields. Takes an already redacted
`DocMeeting`; what to show is decided in `publication.redact`."""

import io
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from dialogportal.meetings.document import EARLIER_DECISION, DocItem, DocMeeting, DocSection
from dialogportal.meetings.markup import blocks, plain
from dialogportal.meetings.models import SectionKind

TOC_LEVELS = "1-2"


def _danish_date(iso: str) -> str:
    return str(date_format(datetime.fromisoformat(iso).date(), "j. F Y"))


def _local(iso: str) -> str:
    moment = timezone.localtime(datetime.fromisoformat(iso))
    return (
        str(date_format(moment, "j. F Y"))
        + " "
        + _("kl. %(time)s") % {"time": moment.strftime("%H:%M")}
    )


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A simple field (PAGE, NUMPAGES) with a cached value shown until Word updates it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fld_char(paragraph: Paragraph, kind: str) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _toc(word: WordDocument, document: DocMeeting) -> None:
    """A TOC field over heading levels 1–2 whose cached result is the list of items."""
    word.add_heading(_("Indholdsfortegnelse"), level=1)
    entries = [_item_title(item) for item in document.items] or [_("Ingen punkter")]
    first = word.add_paragraph()
    _fld_char(first, "begin")
    instruction = first.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f' TOC \\o "{TOC_LEVELS}" \\h \\z \\u '
    instruction._r.append(instr)
    _fld_char(first, "separate")
    first.add_run(entries[0])
    last = first
    for entry in entries[1:]:
        last = word.add_paragraph(entry)
    _fld_char(last, "end")
    # Ask Word to update fields (page numbers in the TOC) when the file is opened.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    word.settings.element.append(update)


def _header_footer(word: WordDocument, document: DocMeeting) -> None:
    section = word.sections[0]
    section.top_margin = Mm(25)
    section.bottom_margin = Mm(22)
    width = (
        (section.page_width or Mm(210)) - (section.left_margin or 0) - (section.right_margin or 0)
    )
    header = section.header.paragraphs[0]
    header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    header.add_run(settings.MUNICIPALITY_NAME).bold = True
    header.add_run(
        f"\t{document.committee_name} – {document.title_word.lower()} "
        f"{_danish_date(document.held_on)}"
    )
    for run in header.runs:
        run.font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run("\t" + _("Side") + " ")
    _field(footer, "PAGE", "1")
    footer.add_run(" " + _("af") + " ")
    _field(footer, "NUMPAGES", "1")


def _item_title(item: DocItem) -> str:
    title = item.title
    if item.label:
        title = _("Punkt %(number)s: %(title)s") % {"number": item.label, "title": title}
    if item.presenter:
        title += f" v. {item.presenter}"
    return title


def _text(word: WordDocument, text: str) -> None:
    for block in blocks(text):
        if block.kind == "heading":
            word.add_heading(plain(block.text), level=4)
        elif block.kind == "numbered":
            word.add_paragraph(f"{block.number}. {plain(block.text)}")
        elif block.kind == "bullet":
            word.add_paragraph(plain(block.text), style="List Bullet")
        else:
            word.add_paragraph(plain(block.text))


def _decision(word: WordDocument, section: DocSection) -> None:
    for absence in section.absences:
        line = f"{absence.kind_label}: {absence.person}"
        word.add_paragraph(line + (f" ({absence.note})" if absence.note else "")).runs[
            0
        ].italic = True
    _text(word, section.body)
    for vote in section.votes:
        word.add_paragraph(_("%(motion)s blev sat til afstemning.") % {"motion": vote.motion})
        for group in vote.groups:
            names = [f"{v.name} ({v.count})" if v.count > 1 else v.name for v in group.voters]
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{group.label} {group.total}: ").bold = True
            paragraph.add_run(", ".join(names))
        result = (
            _("%(motion)s blev vedtaget.") if vote.is_adopted else _("%(motion)s blev forkastet.")
        )
        word.add_paragraph().add_run(result % {"motion": vote.motion}).bold = True
    for note in section.notes:
        paragraph = word.add_paragraph()
        paragraph.add_run(
            _("%(kind)s fra %(author)s:") % {"kind": note.kind_label, "author": note.author}
        ).bold = True
        _text(word, note.text)


def _item(word: WordDocument, item: DocItem) -> None:
    word.add_heading(_item_title(item), level=2)
    marks = []
    if item.is_closed and item.kind:
        marks.append(_("Lukket punkt – vises ikke offentligt"))
    if item.addendum:
        marks.append(_("Tillæg %(number)d") % {"number": item.addendum})
    if item.kind_phrase:
        marks.append(item.kind_phrase)
    if marks:
        word.add_paragraph(" · ".join(marks)).runs[0].italic = True
    if item.is_closed and not item.kind and not item.sections:
        word.add_paragraph(_("Punktet behandles for lukkede døre."))
        return
    if item.journal_number:
        word.add_paragraph(_("Sagsnr.") + f" {item.journal_number}")
    if item.route:
        stops = [
            stop.committee + (f" ({_danish_date(stop.held_on)})" if stop.held_on else "")
            for stop in item.route
        ]
        word.add_paragraph(_("Sagsgang:") + " " + " → ".join(stops))
    for section in item.sections:
        if section.heading:
            word.add_heading(section.heading, level=3)
        if section.kind in (SectionKind.DECISION, EARLIER_DECISION):
            _decision(word, section)
        else:
            _text(word, section.body)
        for recommendation in section.recommendations:
            line = f"{recommendation.order}. {recommendation.text}"
            if recommendation.outcome and recommendation.outcome != "pending":
                line += f" – {recommendation.outcome_label}"
            word.add_paragraph(line)
    if item.is_closed and item.public_decision:
        word.add_heading(_("Offentliggjort beslutning"), level=3)
        _text(word, item.public_decision)
    if item.attachments:
        word.add_heading(_("Bilag"), level=3)
        for attachment in item.attachments:
            title = attachment.title
            if not attachment.is_public:
                title += " (" + _("ikke offentligt") + ")"
            word.add_paragraph(title, style="List Number")


def _group(word: WordDocument, heading: str, items: Iterable[DocItem]) -> None:
    items = list(items)
    if items:
        word.add_heading(heading, level=1)
        for item in items:
            _item(word, item)


def document_docx(document: DocMeeting) -> bytes:
    """The agenda or minutes as a Word file, in Danish (the official record)."""
    with translation.override("da"):
        word = Document()
        word.core_properties.title = f"{document.title_word} {document.committee_name}"
        word.core_properties.language = "da-DK"
        word.core_properties.author = settings.MUNICIPALITY_NAME
        normal = word.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(11)
        _header_footer(word, document)
        word.add_paragraph(settings.MUNICIPALITY_NAME).runs[0].bold = True
        word.add_heading(f"{document.title_word} – {document.committee_name}", level=0)
        when = _danish_date(document.held_on)
        if document.start_time:
            when += " " + _("kl. %(time)s") % {"time": document.start_time}
            if document.end_time:
                when += f"–{document.end_time}"
        rows = [
            (_("Mødedato"), when),
            (_("Mødested"), document.place),
            *(
                (_("Tillægsdagsorden %(number)d") % {"number": a.number}, _local(a.published_at))
                for a in document.addenda
            ),
            (_("Deltagere"), ", ".join(document.participants.splitlines())),
            (_("Afbud"), ", ".join(document.excused.splitlines())),
            (_("Fraværende"), ", ".join(document.absent.splitlines())),
            (_("Bemærkninger"), document.remarks),
        ]
        for label, value in rows:
            if value:
                paragraph = word.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(value)
        _toc(word, document)
        _group(word, _("Åbne punkter"), document.open_items)
        _group(word, _("Lukkede punkter"), document.closed_items)
        if document.is_minutes and document.signatures:
            word.add_heading(_("Underskriftsblad"), level=1)
            table = word.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells,
                (_("Navn"), _("Som"), _("Godkendt"), _("Afvigende mening")),
                strict=True,
            ):
                cell.text = text
            for signature in document.signatures:
                cells = table.add_row().cells
                cells[0].text = signature.name
                cells[1].text = signature.role_label
                cells[2].text = _local(signature.signed_at) if signature.signed_at else ""
                cells[3].text = signature.dissent
        buffer = io.BytesIO()
        word.save(buffer)
    return buffer.getvalue()
