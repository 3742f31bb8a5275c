"""Danish conventions the parser relies on, table by table: closed items and attachments,
decision headings, metadata lines, committee names, tables of contents, signature pages."""

from __future__ import annotations

import datetime

import pytest

from dialogportal.minutes import MinutesParseError, parse_minutes
from dialogportal.minutes.committees import committee_key, guess_level, slug_for
from dialogportal.minutes.items import split_title
from dialogportal.minutes.lines import access_marker
from dialogportal.minutes.marks import ItemMarks, item_marks
from dialogportal.minutes.metadata import case_type, metadata_line, split_names, split_route
from dialogportal.minutes.sections import attachment_entry, section_heading


@pytest.mark.parametrize(
    ("written", "title", "closed"),
    [
        ("Lukket punkt: Salg af grund", "Salg af grund", True),
        ("LUKKET PUNKT - Personalesag", "Personalesag", True),
        ("(Lukket) Køb af ejendom", "Køb af ejendom", True),
        ("Fortroligt punkt: Tilbud", "Tilbud", True),
        ("Salg af grund (Lukket)", "Salg af grund", True),
        ("Salg af grund (lukket punkt)", "Salg af grund", True),
        ("Salg af grund - lukket", "Salg af grund", True),
        ("Salg af grund [Lukket]", "Salg af grund", True),
        ("Lukket punkt", "Lukket punkt", True),
        ("Åbent punkt: Budget", "Budget", False),
        ("Lukning af skole", "Lukning af skole", False),
        ("Lukkede veje i vinterperioden", "Lukkede veje i vinterperioden", False),
    ],
)
def test_closed_items_in_their_title(written: str, title: str, closed: bool) -> None:
    assert split_title(written)[::2] == (title, closed)


@pytest.mark.parametrize(
    ("line", "closed"),
    [
        ("Lukket punkt", True),
        ("(Lukket punkt)", True),
        ("Lukket sag.", True),
        ("Fortroligt punkt", True),
        ("Punktet behandles for lukkede døre.", True),
        ("Behandles for lukkede døre", True),
        ("Punktet er lukket", True),
        ("Lukket punkt – vises ikke offentligt", True),  # the product's own badge
        # The product's own sentence under a closed item (issue #14), common in real minutes.
        ("Punktet behandles for lukkede døre og vises ikke offentligt.", True),
        ("Sagen behandles for lukkede døre og vises ikke offentligt", True),
        ("Åbent punkt", False),
        ("Behandles for åbne døre", False),
        ("Lukket for indkørsel", None),
    ],
)
def test_access_lines(line: str, closed: bool | None) -> None:
    assert access_marker(line) is closed


@pytest.mark.parametrize(
    ("line", "marks"),
    [
        ("Til beslutning", ItemMarks(case_type="decision")),
        ("Til orientering", ItemMarks(case_type="information")),
        ("Til drøftelse", ItemMarks(case_type="discussion")),
        ("TIL ORIENTERING.", ItemMarks(case_type="information")),
        ("Til godkendelse", ItemMarks(case_type="decision")),
        ("Til efterretning", ItemMarks(case_type="information")),
        ("Orienteringssag", ItemMarks(case_type="information")),
        # The product's marks: Word joins them with " · ", PDF text with spaces.
        ("Lukket punkt – vises ikke offentligt · Til beslutning", ItemMarks("decision", True)),
        ("Lukket punkt Til beslutning", ItemMarks("decision", True)),
        ("Tillæg 2 · Til orientering", ItemMarks("information", addendum=2)),
        ("Lukket punkt Tillæg 1 Kladde Til drøftelse", ItemMarks("discussion", True, 1)),
        ("Kladde", ItemMarks()),
        # A sentence is not a mark.
        ("Til beslutningen blev der stemt", None),
        ("Til orientering: planen er forsinket", None),
        ("Tillægsbevilling til vintertjenesten", None),
        ("Lukket for indkørsel", None),
        ("", None),
        ("Til beslutning " * 20, None),
    ],
)
def test_item_marks_under_the_heading(line: str, marks: ItemMarks | None) -> None:
    assert item_marks(line) == marks


def test_the_type_line_under_an_item_sets_its_type_and_is_no_section() -> None:
    text = (
        "Referat\nØkonomiudvalget\nMødedato: 3. november 2025\n\n"
        "Punkt 1: Budgetopfølgning\n\nTil orientering\n\nSagsnr. 25/1\n\n"
        "Beslutning\nTaget til efterretning.\n\n"
        "Punkt 2: Anlægsregnskab\nTil beslutning\nBeslutning\nGodkendt.\n"
    )
    items = parse_minutes(text).items
    assert [(item.case_type, [s.kind for s in item.sections]) for item in items] == [
        ("information", ["decision"]),
        ("decision", ["decision"]),
    ]
    assert items[0].journal_number == "25/1"


def test_a_type_line_confirms_a_numbered_line_as_an_item() -> None:
    # Without a journal number or a section heading within three lines, "1. …" would be
    # a line of text; the type line under it says it is an item.
    text = (
        "Dagsorden\nØkonomiudvalget\nMødedato: 3. november 2025\n\n"
        "1. Budgetopfølgning\nTil orientering\nForvaltningen har gennemgået budgettet.\n"
        "Det viser et mindreforbrug.\nDer er ingen ændringer.\n\n"
        "2. Anlægsregnskab\nTil beslutning\nRegnskabet for skolen er aflagt.\n"
    )
    items = parse_minutes(text).items
    assert [(item.number, item.title, item.case_type) for item in items] == [
        (1, "Budgetopfølgning", "information"),
        (2, "Anlægsregnskab", "decision"),
    ]


def test_a_type_line_inside_a_section_stays_text() -> None:
    text = (
        "Referat\nØkonomiudvalget\nMødedato: 3. november 2025\n\n"
        "Punkt 1: Budgetopfølgning\nSagsnr. 25/1\n\nBeslutning\nTil orientering\n"
    )
    (item,) = parse_minutes(text).items
    assert (item.case_type, item.decision) == (None, "Til orientering")


def test_a_closed_item_s_marks_and_placeholder_close_it_after_a_group_heading() -> None:
    # The product's PDF (issue #14): "Lukket punkt Til beslutning" is the item's marks, not a
    # group heading ("punkt til"), and the placeholder sentence is no text of the item.
    text = (
        "Referat\nByrådet\nMødedato: 24. november 2025\n\nÅbne punkter\n\n"
        "Punkt 1: Godkendelse af dagsorden\n\nTil beslutning\n\nBeslutning\nGodkendt.\n\n"
        "Lukkede punkter\n\nPunkt 2: Salg af grund\n\nLukket punkt Til beslutning\n\n"
        "Punktet behandles for lukkede døre og vises ikke offentligt.\n\nSagsnr. 25/17002\n\n"
        "Beslutning i Byrådet den 24. november 2025\nGodkendt.\n"
    )
    items = parse_minutes(text).items
    assert [(item.number, item.closed, item.case_type) for item in items] == [
        (1, False, "decision"),
        (2, True, "decision"),
    ]
    assert [section.kind for section in items[1].sections] == ["decision"]
    assert items[1].journal_number == "25/17002"


def test_a_public_closed_item_with_only_the_placeholder_is_closed() -> None:
    text = (
        "Referat\nByrådet\nMødedato: 24. november 2025\n\n"
        "Punkt 1: A\nSagsnr. 25/1\n\nBeslutning\nGodkendt.\n\n"
        "Punkt 2: Lukket punkt\n\nPunktet behandles for lukkede døre.\n"
    )
    item = parse_minutes(text).items[1]
    assert (item.title, item.closed, item.sections) == ("Lukket punkt", True, [])


@pytest.mark.parametrize(
    ("written", "title", "public"),
    [
        ("Notat om økonomi (lukket bilag)", "Notat om økonomi", False),
        ("Notat om økonomi (Lukket bilag)", "Notat om økonomi", False),
        ("Notat om økonomi (lukket)", "Notat om økonomi", False),
        ("Notat om økonomi [fortroligt]", "Notat om økonomi", False),
        ("Notat om økonomi (ikke offentligt)", "Notat om økonomi", False),
        ("Lukket bilag: Notat om økonomi", "Notat om økonomi", False),
        ("Notat om økonomi - lukket bilag", "Notat om økonomi", False),
        ("Notat om lukkede skoler", "Notat om lukkede skoler", True),
        ("Bilag 2: Tidsplan (pdf)", "Bilag 2: Tidsplan (pdf)", True),
    ],
)
def test_closed_attachments(written: str, title: str, public: bool) -> None:
    entry = attachment_entry(written)
    assert (entry.title, entry.is_public) == (title, public)


@pytest.mark.parametrize(
    ("heading", "committee", "date"),
    [
        ("Beslutning i Økonomiudvalget den 3. november 2025", "Økonomiudvalget", (2025, 11, 3)),
        ("Beslutning i Byrådet den 24-11-2025", "Byrådet", (2025, 11, 24)),
        ("Beslutning i ØU den 3/11 2025", "ØU", (2025, 11, 3)),
        ("Beslutning (Økonomiudvalget, 03-11-2025)", "Økonomiudvalget", (2025, 11, 3)),
        ("Beslutning Økonomiudvalget 03.11.2025", "Økonomiudvalget", (2025, 11, 3)),
        ("Økonomiudvalgets beslutning den 3. november 2025", "Økonomiudvalget", (2025, 11, 3)),
        ("Teknisk Udvalgs beslutning den 12. november 2025:", "Teknisk Udvalg", (2025, 11, 12)),
        ("Byrådets beslutning", "Byrådet", None),
        ("Beslutning i Hovedudvalget", "Hovedudvalget", None),
        ("Referat fra mødet", None, None),
        ("Beslutning", None, None),
        ("Referat", None, None),
    ],
)
def test_decision_headings_name_the_committee_and_the_date(
    heading: str, committee: str | None, date: tuple[int, int, int] | None
) -> None:
    found = section_heading(heading)
    assert found is not None
    assert found.kind == "decision"
    assert (found.committee, found.date) == (committee, datetime.date(*date) if date else None)


@pytest.mark.parametrize(
    "text",
    [
        "Beslutning i sagen blev udsat.",
        "Beslutning om salg af grunden",
        "Økonomi 2025",
        "Resumé af høringen i 2024",
        "Bilag til Byrådet",
    ],
)
def test_sentences_that_begin_like_a_section_are_not_one(text: str) -> None:
    assert section_heading(text) is None


def test_a_decision_heading_with_a_date_that_does_not_exist_is_refused() -> None:
    text = (
        "Referat Byrådet 1. maj 2025\n\nPunkt 1: A\nBeslutning i Byrådet den 31. juni 2025\nOk.\n"
    )
    with pytest.raises(MinutesParseError) as caught:
        parse_minutes(text)
    assert caught.value.line == 4
    assert "„31. juni 2025“ i overskriften" in caught.value.message


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("Sagsansvarlig: Jens Holm", "other", "Jens Holm"),
        ("Sagsgang: TMU, ØU, BR", "route", "TMU, ØU, BR"),
        ("Sagens gang: Økonomiudvalget → Byrådet", "route", "Økonomiudvalget → Byrådet"),
        ("Sagstype: Beslutningssag", "case_type", "Beslutningssag"),
        ("Beslutningskompetence: Byrådet", "decided_by", "Byrådet"),
        ("Sagen afgøres af Økonomiudvalget", "decided_by", "Økonomiudvalget"),
        ("Sagen afgøres i: Byrådet", "decided_by", "Byrådet"),
        ("Åben/lukket: Lukket", "access", "Lukket"),
        ("Fraværende: Bo Friis", "absence", "Bo Friis"),
        ("Dokumentnr.: 2025-118903", "other", "2025-118903"),
    ],
)
def test_metadata_lines(line: str, field: str, value: str) -> None:
    entry = metadata_line(line)
    assert entry is not None
    assert (entry.field, entry.value) == (field, value)


@pytest.mark.parametrize(
    "line",
    ["Sagsansvarlig", "Sagsgang er beskrevet nedenfor", "Udvalget drøftede sagen: godkendt"],
)
def test_lines_that_are_not_metadata(line: str) -> None:
    assert metadata_line(line) is None


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("Beslutningssag", "decision"),
        ("Orienteringssag", "information"),
        ("Til drøftelse", "discussion"),
        ("Sag til godkendelse", "decision"),
        ("Anden", None),
    ],
)
def test_case_types(value: str, kind: str | None) -> None:
    assert case_type(value) == kind


def test_names_and_routes() -> None:
    assert split_names("Anne Holm (A), Bo Friis og Carl Dahl (formand, V)") == [
        "Anne Holm (A)",
        "Bo Friis",
        "Carl Dahl (formand, V)",
    ]
    assert split_names("Ingen.") == []
    assert split_route("Teknik- og Miljøudvalget, Økonomiudvalget og Byrådet") == [
        "Teknik- og Miljøudvalget",
        "Økonomiudvalget",
        "Byrådet",
    ]
    # The product's Sagsgang line (issue #14): arrows between steps, each with its date.
    assert split_route(
        "Teknik og Miljø (1. oktober 2025) → Økonomiudvalget (3. november 2025) → Byrådet"
    ) == ["Teknik og Miljø", "Økonomiudvalget", "Byrådet"]
    assert split_route("TMU -> ØU -> BR") == ["TMU", "ØU", "BR"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MED Hovedudvalg", ("med", "main")),
        ("Hovedudvalget", ("med", "main")),
        ("HMU", ("med", "main")),
        ("Sektor MED Teknik og Miljø", ("med", "sector")),
        ("Område MED Nord", ("med", "area")),
        ("Lokal MED Solsikken", ("med", "local")),
        ("MED-udvalget på Rådhuset", ("med", "local")),
        ("Personalemøde med MED-status, Plejecenter Øst", ("med", "staff_meeting")),
        ("Byrådet", ("political", "city_council")),
        ("Kommunalbestyrelsen", ("political", "city_council")),
        ("Borgerrepræsentationen", ("political", "city_council")),
        ("Økonomiudvalget", ("political", "standing")),
        ("Teknik- og Miljøudvalget", ("political", "standing")),
        ("Ældrerådet", ("political", "standing")),
        ("Bestyrelsesmøde i fonden", None),
    ],
)
def test_the_kind_of_committee_is_guessed_from_its_name(
    name: str, expected: tuple[str, str] | None
) -> None:
    assert guess_level(name) == expected


def test_committee_names_meet_across_spellings() -> None:
    assert committee_key("MED Hovedudvalg") == committee_key("Hovedudvalget")
    assert committee_key("Økonomiudvalget") == committee_key("økonomiudvalg")
    assert committee_key("Byrådet") == committee_key("BYRÅD")
    assert committee_key("Teknik- og Miljøudvalget") != committee_key("Teknik og Miljø")
    assert slug_for("Teknik- og Miljøudvalget", set()) == "teknik-og-miljoeudvalget"
    assert slug_for("Byrådet", {"byraadet"}) == "byraadet-2"


def test_a_table_of_contents_without_a_heading_is_found_by_its_repeated_entries() -> None:
    text = (
        "Referat Økonomiudvalget 1. april 2025\n\n"
        "1. Godkendelse af dagsorden 2\n2. Regnskab 2024 3\n3. Eventuelt 4\n\n"
        "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n"
        "2. Regnskab 2024\nSagsnr.: 25/1\nBeslutning\nGodkendt.\n\n"
        "3. Eventuelt\nBeslutning\nIntet.\n"
    )
    parsed = parse_minutes(text)
    assert [(item.number, item.title, item.decision) for item in parsed.items] == [
        (1, "Godkendelse af dagsorden", "Godkendt."),
        (2, "Regnskab 2024", "Godkendt."),
        (3, "Eventuelt", "Intet."),
    ]


def test_two_meetings_in_plain_text_are_refused_naming_both_lines() -> None:
    text = (
        "Referat\nByrådet\nMødedato: 1. maj 2025\n\nPunkt 1: A\nBeslutning\nOk.\n\n"
        "Referat Byrådet 8. maj 2025\nMødedato: 8. maj 2025\n\nPunkt 1: B\nBeslutning\nOk.\n"
    )
    with pytest.raises(MinutesParseError) as caught:
        parse_minutes(text, source_name="to.txt")
    assert caught.value.line == 12
    assert "mere end ét møde: „Referat Byrådet 8. maj 2025“ i linje 9" in str(caught.value)


def test_a_decision_heading_that_looks_like_a_meeting_title_is_a_decision() -> None:
    text = "Referat Byrådet 8. maj 2025\n\nPunkt 1: A\nReferat Byrådet 8. maj 2025\nGodkendt.\n"
    (item,) = parse_minutes(text).items
    assert item.decision == "Godkendt."


def test_signature_pages_in_their_common_forms() -> None:
    text = (
        "Referat Hovedudvalget 1. maj 2025\n\n# Punkt 1: A\n\n## Referat\n\nOk.\n\n"
        "# Underskrifter\n\n| Navn | Underskrift |\n|---|---|\n| Anne Holm | ________ |\n"
        "| Bo Friis | ________ |\n\nDato: 2. maj 2025\n"
    )
    assert parse_minutes(text).signatures == ["Anne Holm", "Bo Friis"]
