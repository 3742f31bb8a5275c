"""Every field, on documents written for the project in the layouts municipalities export:
a council's beslutningsprotokol, a finance committee's minutes, a standing committee's agenda,
MED minutes, an ESDH text export, a PDF with running headers and footers, and a Word file."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from dialogportal.minutes import (
    ParsedAttachment,
    ParsedMinutes,
    SectionKind,
    parse_minutes,
    to_json_dict,
)
from dialogportal.minutes.extract import read_minutes_source
from tests.minutes.builders import write_html_pdf, write_med_docx, write_pdf
from tests.minutes.conftest import DOCUMENTS, document


def _parse(name: str) -> ParsedMinutes:
    return parse_minutes(document(name), source_name=name)


def _decisions(
    parsed: ParsedMinutes, number: int
) -> list[tuple[str | None, datetime.date | None, str, bool]]:
    item = next(item for item in parsed.items if item.number == number)
    return [(d.committee, d.date, d.text, d.this_meeting) for d in item.decisions]


def test_council_protocol_header_toc_and_signatures() -> None:
    parsed = _parse("byraad-beslutningsprotokol.txt")
    assert (parsed.committee, parsed.kind) == ("Byrådet", "referat")
    # The unlabelled date line is the meeting's date, not an item 24.
    assert (parsed.date, parsed.start_time) == (datetime.date(2025, 11, 24), datetime.time(19))
    assert parsed.location == "Byrådssalen, Rådhuset"
    assert parsed.participants[0] == "Karen Søgaard (A)"
    assert len(parsed.participants) == 5
    assert parsed.absent == ["Ulla Winther (C)"]
    assert parsed.remarks == "Mødet blev hævet kl. 21.40."
    # The grouped table of contents with page numbers is skipped; its "Lukkede punkter" closes 239.
    assert [(item.number, item.closed) for item in parsed.items] == [
        (236, False),
        (237, False),
        (238, False),
        (239, True),
    ]
    assert parsed.signatures == [
        "Karen Søgaard (A), borgmester",
        "Mikkel Brandt (V)",
        "Sofie Lind (F)",
        "Tariq Hassan (A)",
    ]


def test_council_protocol_decisions_per_committee_and_date() -> None:
    parsed = _parse("byraad-beslutningsprotokol.txt")
    assert _decisions(parsed, 237) == [
        ("Teknik- og Miljøudvalget", datetime.date(2025, 11, 4), "Anbefales.", False),
        (
            "Økonomiudvalget",
            datetime.date(2025, 11, 17),
            "Anbefales, idet udvalget ønsker en status efter første år.",
            False,
        ),
        ("Byrådet", datetime.date(2025, 11, 24), "Godkendt.", True),
    ]
    plan = parsed.items[1]
    # The decision of this meeting is the JSON's "decision"; the others stay apart.
    assert plan.decision == "Godkendt."
    assert to_json_dict(parsed)["items"][1]["decision"] == "Godkendt."
    # "Fraværende" under the item is the item's absence, not decision text.
    assert plan.absent == ["Ulla Winther (C)"]
    decision_headings = [s.heading for s in plan.sections if s.kind == SectionKind.DECISION]
    assert decision_headings == [
        "Beslutning i Teknik- og Miljøudvalget den 4. november 2025",
        "Beslutning i Økonomiudvalget den 17. november 2025",
        "Beslutning i Byrådet den 24. november 2025",
    ]


def test_council_protocol_item_fields() -> None:
    parsed = _parse("byraad-beslutningsprotokol.txt")
    approval, plan, winter, sale = parsed.items
    assert (approval.title, approval.journal_number) == ("Godkendelse af dagsorden", "25/00412")
    assert plan.title == "Trafiksikkerhedsplan 2026-2029"
    assert plan.journal_number == "25/18734"
    # Metadata lines are fields where there is one, and never part of the title.
    assert plan.route == ["Teknik- og Miljøudvalget", "Økonomiudvalget", "Byrådet"]
    assert plan.decided_by == "Byrådet"
    assert ("Sagsansvarlig", "Vej og Park, Lone Gram") in plan.metadata
    metadata = next(s for s in plan.sections if s.kind == SectionKind.METADATA)
    assert metadata.heading == "Sagsoplysninger"
    assert metadata.body.startswith("Sagsansvarlig: Vej og Park, Lone Gram\n\nSagsgang:")
    assert plan.summary is not None
    assert plan.summary.startswith("Planen samler kommunens indsats")
    assert plan.recommendation_intro == "Direktøren for Teknik og Miljø indstiller"
    assert plan.recommendations == [
        "at trafiksikkerhedsplanen vedtages med de ændringer, der fremgår af høringsnotatet",
        "at anlægsmidlerne for 2026 frigives",
    ]
    # "… som beskrevet i vedlagte / bilag." ends a sentence; it does not start a Bilag section.
    assert plan.case_description is not None
    assert plan.case_description.endswith("som beskrevet i vedlagte\nbilag.")
    assert (
        plan.finances
        == "Planen koster 14,2 mio. kr. over fire år og finansieres af den afsatte anlægsramme."
    )
    assert plan.attachments == [
        ParsedAttachment("Trafiksikkerhedsplan 2026-2029", True, 60),
        ParsedAttachment("Høringsnotat med forvaltningens bemærkninger", True, 61),
        ParsedAttachment("Prisoverslag for krydsombygninger", False, 62),
    ]
    assert winter.case_type == "decision"
    assert winter.recommendations == [
        "at der gives en tillægsbevilling på 3,1 mio. kr. til vintertjenesten",
        "at beløbet finansieres af kassebeholdningen",
    ]
    assert winter.decision == "Godkendt med 24 stemmer for og 5 imod."
    # "Lukket punkt: …" before the title closes the item and is not part of its title.
    assert (sale.title, sale.closed) == ("Salg af byggegrund på Mølleparken", True)
    assert sale.decision == "Godkendt."


def test_finance_committee_minutes_in_markdown() -> None:
    parsed = _parse("oekonomiudvalg-referat.md")
    assert parsed.committee == "Økonomiudvalget"
    assert parsed.date == datetime.date(2025, 11, 10)
    assert (parsed.start_time, parsed.end_time) == (datetime.time(15), datetime.time(17, 30))
    assert parsed.location == "Udvalgsværelse 1"
    assert parsed.participants == ["Karen Søgaard (A)", "Mikkel Brandt (V)", "Sofie Lind (F)"]
    assert parsed.excused == ["Tariq Hassan (A)"]
    # "Punkter:" with page numbers is a table of contents, not three items before the items.
    assert [item.number for item in parsed.items] == [1, 2, 3]
    approval, follow_up, tender = parsed.items
    assert _decisions(parsed, 1) == [
        ("Økonomiudvalget", datetime.date(2025, 11, 10), "Godkendt.", True)
    ]
    assert follow_up.title == "Budgetopfølgning pr. 30. september"
    assert follow_up.journal_number == "00.30.14-S00-12-25"
    assert follow_up.case_type == "information"
    assert follow_up.decided_by == "Økonomiudvalget"
    assert follow_up.metadata == [
        ("Sagsansvarlig", "Økonomi og Analyse"),
        ("Sagstype", "Orienteringssag"),
        ("Sagen afgøres af", "Økonomiudvalget"),
    ]
    assert follow_up.recommendation_intro == "Kommunaldirektøren indstiller"
    assert follow_up.recommendations == [
        "at budgetopfølgningen tages til efterretning",
        "at de tekniske omplaceringer i bilag 2 godkendes",
    ]
    assert follow_up.decision == "Taget til efterretning. Omplaceringerne blev godkendt."
    assert follow_up.absent == ["Tariq Hassan (A)"]
    assert follow_up.case_description == (
        "#### Drift\n\nMindreforbruget ligger især på ældreområdet, hvor der har været færre "
        "visiterede timer.\n\n#### Anlæg\n\nTre byggerier er forsinket af leverandørproblemer."
    )
    assert [(a.title, a.is_public) for a in follow_up.attachments] == [
        ("Samlet oversigt over budgetopfølgningen", True),
        ("Tekniske omplaceringer", True),
        ("Notat om ældreområdet", False),
    ]
    # "(Lukket)" after the title.
    assert (tender.title, tender.closed) == ("Udbud af rengøring i kommunale bygninger", True)
    assert approval.closed is False


def test_standing_committee_agenda_in_plain_text() -> None:
    parsed = _parse("fagudvalg-dagsorden.txt")
    assert (parsed.committee, parsed.kind) == ("Børne- og Skoleudvalget", "dagsorden")
    assert (parsed.date, parsed.start_time, parsed.end_time) == (
        datetime.date(2025, 11, 4),
        datetime.time(16),
        datetime.time(18),
    )
    assert parsed.location == "Mødelokale 3, Rådhuset"
    assert parsed.excused == ["Hanne Juhl"]
    assert [(item.number, item.closed) for item in parsed.items] == [
        (53, False),
        (54, False),
        (55, False),
        (56, True),
    ]
    approval, report, youth, personnel = parsed.items
    assert approval.recommendations == ["at dagsordenen godkendes"]
    assert all(item.decisions == [] and item.decision is None for item in parsed.items)
    assert report.summary == "Udvalget skal drøfte kvalitetsrapporten, før den sendes til Byrådet."
    assert report.case_type == "discussion"
    assert report.route == ["Børne- og Skoleudvalget", "Byrådet"]
    assert report.recommendation_intro == "Forvaltningen indstiller til Børne- og Skoleudvalget"
    assert report.recommendations == [
        "at rapporten drøftes",
        "at rapporten sendes til Byrådet med udvalgets bemærkninger",
    ]
    # A numbered list in lower case inside the text is not items 1-3.
    assert report.case_description is not None
    assert "3. mentorordning for elever i 8. klasse." in report.case_description
    assert [(a.title, a.is_public) for a in report.attachments] == [
        ("Kvalitetsrapport 2024/25", True),
        ("Data om elevfravær", False),
    ]
    assert youth.finances == "Forslaget sparer ca. 0,4 mio. kr. om året på husleje."
    assert youth.recommendations == ["at forslaget sendes i høring hos skolebestyrelserne og MED"]
    assert personnel.journal_number == "81.03.00-G01-9-25"
    assert personnel.recommendation_intro == "Sagen forelægges udvalget til beslutning."


def test_med_minutes_with_bold_labels_and_pkt_headings() -> None:
    parsed = _parse("sektor-med-referat.md")
    assert (parsed.committee, parsed.kind) == ("Sektor MED Teknik og Miljø", "referat")
    assert (parsed.date, parsed.start_time, parsed.end_time) == (
        datetime.date(2025, 11, 12),
        datetime.time(13),
        datetime.time(15, 30),
    )
    assert parsed.location == "Miljøcentret, mødelokale Ådalen"
    assert parsed.participants == [
        "Birgitte Holst (formand, ledelsen)",
        "Jesper Vang (næstformand, 3F)",
        "Lise Thomsen (FOA)",
        "Ole Kjær (AMR)",
    ]
    assert parsed.excused == ["Rasmus Dahl"]
    minutes, absence, other = parsed.items
    assert (minutes.number, minutes.decision) == (14, "Godkendt uden bemærkninger.")
    assert absence.title == "Sygefravær i tredje kvartal"
    assert absence.presenter == "HR-partner Nina Mose"
    assert absence.journal_number == "81.12.00-P23-7-25"
    assert absence.recommendations == [
        "at sygefraværet drøftes",
        "at arbejdspladser med mere end 8 procent fravær laver en handleplan",
    ]
    assert absence.decision is not None
    assert absence.decision.startswith("Fraværet er faldet fra 6,9 til 6,1 procent.")
    assert [(a.title, a.is_public) for a in absence.attachments] == [
        ("Fraværsstatistik tredje kvartal", True),
        ("Fravær fordelt på arbejdspladser", False),
    ]
    assert other.decision == "Intet."


def test_esdh_text_export_with_numbered_contents_and_history() -> None:
    parsed = _parse("kommunalbestyrelse-edoc.txt")
    assert parsed.committee == "Kommunalbestyrelsen"
    assert (parsed.date, parsed.start_time, parsed.end_time) == (
        datetime.date(2025, 11, 26),
        datetime.time(17),
        datetime.time(20, 15),
    )
    assert parsed.absent == ["Kasper Lund"]
    assert [item.number for item in parsed.items] == [112, 113, 114, 115]
    approval, waste, parking, land = parsed.items
    assert approval.closed is False  # "Åben/lukket: Åben"
    assert land.closed is True  # "Åben/lukket: Lukket"
    assert waste.presenter == "direktør Ib Lauritsen"
    assert waste.journal_number == "2025-003108"
    assert waste.case_type == "decision"
    assert ("Dokumentnr", "2025-118903") in waste.metadata
    assert waste.summary is not None
    assert waste.summary.startswith("Kommunalbestyrelsen skal beslutte")
    assert waste.recommendation_intro == "Direktionen indstiller"
    assert waste.recommendations == [
        "at forslaget sendes i høring i fire uger",
        "at høringssvarene forelægges kommunalbestyrelsen i marts",
    ]
    assert _decisions(parsed, 113) == [
        ("Teknisk Udvalg", datetime.date(2025, 11, 12), "Anbefales.", False),
        (
            None,
            None,
            "Godkendt med 18 stemmer for og 7 imod.\nProtokoltilførsel: Amalie Broe ønskede "
            "ført til protokols, at hun ikke kan støtte\ngebyrstigningen.",
            True,
        ),
    ]
    assert [(a.title, a.is_public) for a in waste.attachments] == [
        ("Forslag til affaldsordning", True),
        ("Gebyrberegning", False),
    ]
    assert parking.case_description == "Søren Yde har bedt om, at punktet sættes på dagsordenen."
    assert parking.decision == "Oversendt til Teknisk Udvalg."


def test_pdf_with_running_headers_and_footers(tmp_path: Path) -> None:
    html = (DOCUMENTS / "hovedudvalg-referat-pdf.html").read_text(encoding="utf-8")
    source = read_minutes_source(write_html_pdf(tmp_path / "referat.pdf", html))
    assert source.extraction.page_count == 5
    # Running headers and footers and page numbers are gone from the text the parser reads.
    assert "Side 2 af 5" not in source.text
    assert source.text.count("Holmstrup Kommune") == 1  # the first page's header remains
    parsed = parse_minutes(source.text, source_name="referat.pdf")
    assert (parsed.committee, parsed.kind) == ("Hovedudvalget", "referat")
    assert (parsed.date, parsed.start_time, parsed.end_time) == (
        datetime.date(2025, 12, 3),
        datetime.time(9),
        datetime.time(11, 30),
    )
    assert parsed.location == "Rådhuset, lokale 204"
    assert parsed.participants == ["Anja Riis", "Bent Holm", "Dorthe Kvist", "Frank Lyng"]
    assert parsed.excused == ["Gitte Storm"]
    assert [(item.number, item.closed) for item in parsed.items] == [
        (61, False),
        (62, False),
        (63, True),
    ]
    approval, policy, budget = parsed.items
    assert approval.decision == "Godkendt."
    # A title wrapped onto the next line is joined, presenter and all.
    assert (policy.title, policy.presenter) == (
        "Ny politik for hjemmearbejde",
        "HR-chef Pernille Aagaard",
    )
    assert policy.journal_number == "81.01.00-A00-3-25"
    assert policy.summary is not None
    assert policy.summary.startswith("Et udkast til en fælles politik")
    assert policy.recommendation_intro == "HR indstiller til Hovedudvalget"
    assert policy.recommendations == ["at politikken godkendes", "at den evalueres efter et år"]
    assert policy.decision is not None
    assert policy.decision.startswith("Politikken blev godkendt med en enkelt ændring")
    # The case description runs over two pages; "vedlagte / bilag." does not start a section.
    assert policy.case_description is not None
    assert "fremgår af vedlagte\nbilag. Ordningen gælder ikke" in policy.case_description
    assert policy.case_description.endswith("medmindre andet er aftalt lokalt.")
    assert "Side" not in policy.case_description
    assert [(a.title, a.is_public) for a in policy.attachments] == [
        ("Udkast til politik for hjemmearbejde", True),
        ("Notat om forsikring og udstyr", False),
    ]
    assert (budget.title, budget.decision) == (
        "Budget 2026 – konsekvenser for personalet",
        "Drøftet. Sagen genoptages på næste møde.",
    )
    assert parsed.signatures == ["Anja Riis, formand", "Bent Holm, næstformand"]


def test_word_file_with_numbered_headings_header_and_footer(tmp_path: Path) -> None:
    source = read_minutes_source(write_med_docx(tmp_path / "referat.docx"))
    # Word's header and footer are not read as the document's text.
    assert "Side 1" not in source.text
    parsed = parse_minutes(source.text, source_name="referat.docx")
    assert (parsed.committee, parsed.kind) == ("Lokal MED Solsikken", "referat")
    assert (parsed.date, parsed.start_time, parsed.end_time) == (
        datetime.date(2025, 10, 2),
        datetime.time(14),
        datetime.time(15, 30),
    )
    assert parsed.location == "Personalestuen"
    assert parsed.excused == ["Yasmin Eriksen", "Tove Mark"]
    # The numbers Word shows (7, 8, 9) though they are not in the headings' text.
    approval, kitchen, absence = parsed.items
    assert [approval.number, kitchen.number, absence.number] == [7, 8, 9]
    assert approval.decision == "Godkendt."
    assert (kitchen.title, kitchen.presenter) == ("Arbejdsmiljø i køkkenet", "leder Kim Holt")
    assert kitchen.journal_number == "87.02.00-G01-5-25"
    assert kitchen.recommendation_intro == "Ledelsen indstiller"
    assert kitchen.recommendations == [
        "at den nye opvaskemaskine tages i brug efter instruktion",
        "at APV'en opdateres",
    ]
    assert kitchen.decision == "Drøftet. Instruktionen gives i uge 42."
    assert [(a.title, a.is_public) for a in kitchen.attachments] == [
        ("Brugsanvisning til opvaskemaskinen", True),
        ("APV 2025", False),
    ]
    assert (absence.title, absence.closed, absence.decision) == ("Sygefravær", True, "Drøftet.")


def test_pdf_without_layout_blank_lines(tmp_path: Path) -> None:
    """A text layer without paragraph gaps (as simple PDF writers make it)."""
    text = "\n".join(
        [
            "Lokal MED Østre Plejecenter",
            "Referat",
            "Mødedato: 8. september 2025 kl. 13.30",
            "Punkt 21: Ny vagtplan for weekender",
            "Sagsnr.: 81.04.00-G01-2-25",
            "Referat",
            "Vagtplanen blev drøftet. Den afprøves i tre måneder og evalueres, som det",
            "fremgår af vedlagte",
            "bilag.",
            "Bilag",
            "Udkast til vagtplan",
            "Punkt 22: Eventuelt",
            "Referat",
            "Intet.",
        ]
    )
    parsed = parse_minutes(read_minutes_source(write_pdf(tmp_path / "r.pdf", text)).text)
    assert parsed.committee == "Lokal MED Østre Plejecenter"
    assert (parsed.date, parsed.start_time) == (datetime.date(2025, 9, 8), datetime.time(13, 30))
    plan, other = parsed.items
    assert plan.decision is not None
    assert plan.decision.endswith("fremgår af vedlagte\nbilag.")
    assert [a.title for a in plan.attachments] == ["Udkast til vagtplan"]
    assert other.decision == "Intet."


@pytest.mark.parametrize(
    "name",
    [
        "byraad-beslutningsprotokol.txt",
        "oekonomiudvalg-referat.md",
        "fagudvalg-dagsorden.txt",
        "sektor-med-referat.md",
        "kommunalbestyrelse-edoc.txt",
        "lokal-med-referat.md",
        "sektor-med-dagsorden.md",
        "teknik-miljoe-referat.txt",
    ],
)
def test_no_section_has_an_empty_heading(name: str) -> None:
    for item in _parse(name).items:
        assert all(section.heading.strip() for section in item.sections), item.number
