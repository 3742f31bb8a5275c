"""`import-minutes` into the database: real files, the real command, the real store."""

import json
import shutil
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from dialogportal.accounts.services import sync_roles
from dialogportal.meetings import demo as meetings_demo
from dialogportal.meetings.document import EARLIER_DECISION
from dialogportal.meetings.models import (
    AgendaItem,
    Attachment,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinutesImport,
    MinutesVersion,
    Outcome,
    SectionKind,
)
from dialogportal.meetings.publication import build_document
from dialogportal.organisation import demo as organisation_demo
from dialogportal.organisation.models import Committee
from dialogportal.organisation.services import save_committee
from tests.minutes.builders import (
    write_encrypted_pdf,
    write_html_pdf,
    write_med_docx,
    write_pdf,
)
from tests.minutes.conftest import shared_seed

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PARSER_DOCUMENTS = ROOT / "tests" / "minutes" / "documents"
DEMO = ROOT / "dialogportal" / "meetings" / "demo_data" / "referat-hovedudvalg-demo.md"
DOCUMENTS = [
    ("byraad-beslutningsprotokol.txt", "political", "city_council", 4),
    ("oekonomiudvalg-referat.md", "political", "standing", 3),
    ("fagudvalg-dagsorden.txt", "political", "standing", 4),
    ("sektor-med-referat.md", "med", "sector", 3),
    ("kommunalbestyrelse-edoc.txt", "political", "city_council", 4),
    ("lokal-med-referat.md", "med", "local", 3),
    ("sektor-med-dagsorden.md", "med", "sector", 2),
    ("teknik-miljoe-referat.txt", "political", "standing", 4),
]


def _run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_minutes", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def _counts() -> tuple[int, ...]:
    return (
        Committee.objects.count(),
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        MinutesVersion.objects.count(),
        MinutesImport.objects.count(),
    )


def _seed() -> Path:
    seed = shared_seed()
    if seed is None:
        pytest.skip("the seed minutes (shared/seed) are not available")
    return seed


def test_the_seed_imports_and_a_second_import_of_the_same_file_changes_nothing() -> None:
    save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    code, out, err = _run(str(_seed()))
    assert code == 0, err
    assert "med 2 punkter" in out
    meeting = Meeting.objects.get()
    assert (meeting.held_on, meeting.start_time.strftime("%H:%M")) == (  # type: ignore[union-attr]
        date(2025, 6, 27),
        "10:30",
    )
    assert (meeting.place, meeting.status) == ("D.2.58", MeetingStatus.MINUTES_APPROVED)
    item = meeting.items.get(number=40)
    assert item.presenter == "Jesper Kaas Schmidt"
    assert (item.kle_subject, item.kle_facet, item.kle_serial, item.kle_year) == (
        "87.00.00",
        "G01",
        10,
        2024,
    )
    assert list(item.recommendations.values_list("text", flat=True)) == [
        "at tage orienteringen til efterretning"
    ]
    kinds = list(meeting.items.get(number=41).sections.values_list("kind", flat=True))
    assert kinds == ["summary", "recommendation", "decision", "case_description", "finances"]
    record = MinutesImport.objects.get()
    assert (record.meeting, record.item_count, record.imported_by) == (meeting, 2, None)
    before = _counts()
    code, out, _ = _run(str(_seed()))
    assert (code, _counts()) == (0, before)
    assert out.startswith("Findes allerede: filen blev importeret")


def test_the_same_file_renamed_is_still_the_same_file(tmp_path: Path) -> None:
    copy = tmp_path / "omdøbt.txt"
    shutil.copy(PARSER_DOCUMENTS / "byraad-beslutningsprotokol.txt", copy)
    assert (
        _run(str(PARSER_DOCUMENTS / "byraad-beslutningsprotokol.txt"), "--create-committee")[0] == 0
    )
    before = _counts()
    code, out, _ = _run(str(copy))
    assert (code, _counts()) == (0, before)
    assert "byraad-beslutningsprotokol.txt" in out


def test_an_empty_installation_is_told_how_to_begin() -> None:
    code, out, err = _run(str(PARSER_DOCUMENTS / "oekonomiudvalg-referat.md"))
    assert (code, out) == (1, "")
    assert "der er intet udvalg ved navn „Økonomiudvalget“" in err
    assert "Der findes ingen udvalg endnu. Brug --create-committee" in err
    assert _counts() == (0, 0, 0, 0, 0)


def test_without_a_match_the_message_lists_the_committees() -> None:
    save_committee(slug="bu", name="Børne- og Ungeudvalget", kind="political", level="standing")
    code, _, err = _run(str(PARSER_DOCUMENTS / "oekonomiudvalg-referat.md"))
    assert code == 1
    assert "Udvalgene er: Børne- og Ungeudvalget (bu)." in err


@pytest.mark.parametrize(("name", "kind", "level", "items"), DOCUMENTS)
def test_every_test_document_imports_for_real_into_a_fresh_database(
    name: str, kind: str, level: str, items: int
) -> None:
    path = str(PARSER_DOCUMENTS / name)
    code, out, err = _run(path, "--dry-run", "--create-committee")
    assert code == 0, err
    assert out.startswith("Prøvekørsel, intet er gemt") or "Prøvekørsel, intet er gemt" in out
    assert _counts() == (0, 0, 0, 0, 0)
    code, out, err = _run(path, "--create-committee")
    assert code == 0, err
    committee = Committee.objects.get()
    assert (committee.kind, committee.level) == (kind, level)
    assert f"Oprettede udvalget „{committee.name}“" in out
    assert "gættet ud fra navnet" in out
    assert AgendaItem.objects.count() == items
    assert not any(AgendaItem.objects.filter(sections__heading="").values_list("number", flat=True))


def _pdf_document(folder: Path) -> Path:
    html = (PARSER_DOCUMENTS / "hovedudvalg-referat-pdf.html").read_text(encoding="utf-8")
    return write_html_pdf(folder / "hovedudvalg-referat.pdf", html)


@pytest.mark.parametrize(
    ("build", "committee", "kind", "level", "items", "attachments"),
    [
        (
            _pdf_document,
            "Hovedudvalget",
            "med",
            "main",
            [(61, False), (62, False), (63, True)],
            [
                ("Udkast til politik for hjemmearbejde", True),
                ("Notat om forsikring og udstyr", False),
            ],
        ),
        (
            lambda folder: write_med_docx(folder / "lokal-med.docx"),
            "Lokal MED Solsikken",
            "med",
            "local",
            [(7, False), (8, False), (9, True)],
            [("Brugsanvisning til opvaskemaskinen", True), ("APV 2025", False)],
        ),
    ],
    ids=["pdf-with-running-headers", "word-with-numbered-headings"],
)
def test_the_pdf_and_word_test_documents_import_for_real_into_a_fresh_database(
    tmp_path: Path,
    build: Callable[[Path], Path],
    committee: str,
    kind: str,
    level: str,
    items: list[tuple[int, bool]],
    attachments: list[tuple[str, bool]],
) -> None:
    path = str(build(tmp_path))
    code, _, err = _run(path, "--dry-run", "--create-committee")
    assert code == 0, err
    assert _counts() == (0, 0, 0, 0, 0)
    code, out, err = _run(path, "--create-committee")
    assert code == 0, err
    created = Committee.objects.get()
    assert (created.name, created.kind, created.level) == (committee, kind, level)
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert list(meeting.items.values_list("number", "is_closed")) == items
    # "(lukket bilag)" is stored as not public; running footers ("Side 2 af 5") are not
    # attachments, and no section is left without a heading.
    stored = Attachment.objects.filter(item__meeting=meeting).order_by("item__number", "order")
    assert list(stored.values_list("title", "is_public")) == attachments
    assert not meeting.items.filter(sections__heading="").exists()
    code, out, _ = _run(path)
    assert (code, _counts()[1:]) == (0, (1, len(items), 1, 1))
    assert out.startswith("Findes allerede")


def test_a_council_protocol_keeps_each_committee_s_decision_under_its_own_heading() -> None:
    code, _, err = _run(
        str(PARSER_DOCUMENTS / "byraad-beslutningsprotokol.txt"), "--create-committee"
    )
    assert code == 0, err
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert meeting.absent == "Ulla Winther (C)"
    assert meeting.remarks == (
        "Mødet blev hævet kl. 21.40.\nUnderskriftsblad: Karen Søgaard (A), borgmester, "
        "Mikkel Brandt (V), Sofie Lind (F), Tariq Hassan (A)"
    )
    plan = meeting.items.get(number=237)
    sections = list(plan.sections.order_by("order").values_list("kind", "heading", "body"))
    assert sections == [
        ("custom", "Sagsoplysninger", "Sagsansvarlig: Vej og Park, Lone Gram\n\nSagsgang: "
         "Teknik- og Miljøudvalget, Økonomiudvalget, Byrådet\n\nBeslutningskompetence: Byrådet"),
        ("summary", "Resume", sections[1][2]),
        ("recommendation", "Indstilling", "Direktøren for Teknik og Miljø indstiller"),
        ("decision", "Beslutning i Teknik- og Miljøudvalget den 4. november 2025", "Anbefales."),
        ("decision", "Beslutning i Økonomiudvalget den 17. november 2025",
         "Anbefales, idet udvalget ønsker en status efter første år."),
        ("decision", "Beslutning i Byrådet den 24. november 2025", "Godkendt."),
        ("custom", "Fraværende", "Fraværende: Ulla Winther (C)"),
        ("case_description", "Sagsfremstilling", sections[7][2]),
        ("finances", "Økonomi", sections[8][2]),
    ]  # fmt: skip
    assert list(plan.attachments.values_list("title", "is_public")) == [
        ("Trafiksikkerhedsplan 2026-2029", True),
        ("Høringsnotat med forvaltningens bemærkninger", True),
        ("Prisoverslag for krydsombygninger", False),
    ]
    assert plan.journal_number == "25/18734"
    assert meeting.items.get(number=238).kind == ItemKind.DECISION
    sale = meeting.items.get(number=239)
    assert (sale.title, sale.is_closed) == ("Salg af byggegrund på Mølleparken", True)


def test_the_product_s_document_keeps_each_imported_decision_under_its_own_heading() -> None:
    # The product writes "Beslutning i <udvalg> den <dato>" for the meeting's own decision; the
    # earlier steps of the route, imported with their own headings, must not become Byrådet's.
    code, _, err = _run(
        str(PARSER_DOCUMENTS / "byraad-beslutningsprotokol.txt"), "--create-committee"
    )
    assert code == 0, err
    (plan,) = [item for item in build_document(Meeting.objects.get()).items if item.number == 237]
    assert [
        (section.heading, section.body)
        for section in plan.sections
        if section.kind in {SectionKind.DECISION, EARLIER_DECISION}
    ] == [
        ("Beslutning i Teknik- og Miljøudvalget den 4. november 2025", "Anbefales."),
        ("Beslutning i Økonomiudvalget den 17. november 2025",
         "Anbefales, idet udvalget ønsker en status efter første år."),
        ("Beslutning i Byrådet den 24. november 2025", "Godkendt."),
    ]  # fmt: skip


def test_recommendation_outcomes_and_the_item_type_from_the_document(tmp_path: Path) -> None:
    path = tmp_path / "referat.md"
    path.write_text(
        "# Referat Hovedudvalget 3. december 2025\n\n# Punkt 70: Politik\n\n"
        "Sagstype: Orienteringssag\n\n## Indstilling\n\n1. at politikken godkendes – Godkendt\n"
        "2. at den evalueres – Udsat\n\n## Referat\n\nSe ovenfor.\n",
        encoding="utf-8",
    )
    assert _run(str(path), "--create-committee")[0] == 0
    item = AgendaItem.objects.get()
    assert item.kind == ItemKind.INFORMATION
    assert list(item.recommendations.values_list("text", "outcome")) == [
        ("at politikken godkendes", Outcome.ADOPTED),
        ("at den evalueres", Outcome.POSTPONED),
    ]


def test_a_different_meeting_with_the_same_item_numbers_is_refused_naming_both(
    tmp_path: Path,
) -> None:
    save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    assert _run(str(_seed()))[0] == 0
    before = _counts()
    other = tmp_path / "ekstra.md"
    other.write_text(
        "# REFERAT MED Hovedudvalg d. 14-08-2025\n\n# Punkt 41: Ekstraordinært møde\n\n"
        "## Referat\n\nDrøftet.\n",
        encoding="utf-8",
    )
    code, out, err = _run(str(other))
    assert (code, out) == (1, "")
    assert "ekstra.md, linje 3: punkt 41 findes allerede i et andet møde" in err
    assert "MED Hovedudvalg 27. juni 2025 kl. 10.30" in err
    assert "referat-hovedudvalg-2025-06-27.md" in err  # where the other meeting came from
    assert "Dokumentet er mødet MED Hovedudvalg 14. august 2025" in err
    assert _counts() == before
    # The dry run says the same, and stores nothing either.
    code, _, dry_err = _run(str(other), "--dry-run")
    assert (code, dry_err) == (1, err)
    assert _counts() == before


def test_an_item_with_a_letter_is_stored_with_its_letter_and_a_reimport_changes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "referat.md"
    path.write_text(
        "# Referat Økonomiudvalget 3. december 2025\n\n# Punkt 236: Budget\n\n## Beslutning\n\n"
        "Godkendt.\n\n# Punkt 236a: Ekstra bevilling\n\n## Beslutning\n\nGodkendt.\n\n"
        "# Punkt 237: Eventuelt\n\n## Beslutning\n\nIntet.\n",
        encoding="utf-8",
    )
    assert _run(str(path), "--create-committee")[0] == 0
    items = AgendaItem.objects.order_by("order")
    assert [(i.number, i.number_suffix, i.title) for i in items] == [
        (236, "", "Budget"),
        (236, "a", "Ekstra bevilling"),
        (237, "", "Eventuelt"),
    ]
    before = _counts()
    assert _run(str(path))[0] == 0
    assert _counts() == before

    other = tmp_path / "ekstra.md"
    other.write_text(
        "# Referat Økonomiudvalget 10. december 2025\n\n# Punkt 236a: Noget andet\n\n"
        "## Beslutning\n\nGodkendt.\n",
        encoding="utf-8",
    )
    code, _, err = _run(str(other))
    assert code == 1
    assert "punkt 236a findes allerede i et andet møde" in err
    assert _counts() == before


def test_the_seed_imports_into_the_demo() -> None:
    sync_roles()
    organisation_demo.load(log=lambda _: None)
    meetings_demo.load(log=lambda _: None)
    code, out, err = _run(str(_seed()))
    assert code == 0, err
    assert "MED Hovedudvalg 27. juni 2025" in out
    main = Committee.objects.get(slug="hovedudvalget")
    numbers = AgendaItem.objects.filter(committee=main, year=2025).values_list("number", flat=True)
    assert sorted(n for n in numbers if n is not None) == [40, 41, 45, 46, 47, 48, 49, 50]


def test_the_dry_run_refuses_what_the_import_refuses(tmp_path: Path) -> None:
    path = tmp_path / "lang-titel.md"
    path.write_text(
        "# Referat Økonomiudvalget 1. april 2025\n\n# Punkt 9: "
        + "Meget lang titel " * 40
        + "\n\n## Beslutning\n\nGodkendt.\n",
        encoding="utf-8",
    )
    dry = _run(str(path), "--dry-run", "--create-committee")
    real = _run(str(path), "--create-committee")
    assert dry[0] == real[0] == 1
    assert dry[2] == real[2]
    assert "linje 3: punkt 9 kan ikke gemmes: titel: Denne værdi må højst have 500 tegn" in real[2]
    assert _counts() == (0, 0, 0, 0, 0)


def test_minutes_complete_a_meeting_imported_as_an_agenda_and_an_agenda_adds_nothing_after(
    tmp_path: Path,
) -> None:
    save_committee(slug="bsu", name="Børne- og Skoleudvalget", kind="political", level="standing")
    agenda = PARSER_DOCUMENTS / "fagudvalg-dagsorden.txt"
    assert _run(str(agenda))[0] == 0
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    minutes = tmp_path / "referat.txt"
    decision = "\n\nBeslutning i Børne- og Skoleudvalget den 4. november 2025\nGodkendt."
    text = agenda.read_text(encoding="utf-8").replace("Dagsorden", "Referat")
    text = text.replace("dagsordenen godkendes.", "dagsordenen godkendes." + decision)
    minutes.write_text(text, encoding="utf-8")
    code, out, _ = _run(str(minutes))
    assert code == 0
    assert "Opdaterede" in out
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert meeting.items.get(number=53).sections.filter(kind=SectionKind.DECISION).exists()
    again = tmp_path / "dagsorden-kopi.txt"
    again.write_text(agenda.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, out, _ = _run(str(again))
    assert code == 0
    assert "dagsordenen tilføjer intet" in out


def test_changed_approved_minutes_are_refused_whole(tmp_path: Path) -> None:
    save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    assert _run(str(DEMO), "--committee", "hmu")[0] == 0
    before = _counts()
    changed = tmp_path / "rettet.md"
    changed.write_text(
        DEMO.read_text(encoding="utf-8").replace("Taget til efterretning.", "Godkendt."),
        encoding="utf-8",
    )
    code, _, err = _run(str(changed), "--committee", "hmu")
    assert code == 1
    assert "ændres kun med en rettelse" in err
    assert _counts() == before


def test_dry_run_json_keeps_its_shape_and_touches_nothing() -> None:
    save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    code, out, _ = _run(str(DEMO), "--dry-run", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["committee", "date", "start_time", "location", "items"]
    assert data["date"] == "2025-09-05"
    assert [item["number"] for item in data["items"]] == [45, 46, 47, 48, 49, 50]
    assert data["items"][-1]["closed"] is True
    assert _counts()[1:] == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "ingen tekst"),
        (b"\x00\x01\x02binary", "filformatet kan ikke læses"),
        (b"<script>alert(1)</script>", "intet dagsordenspunkt"),
        (b"# Punkt\n", "intet dagsordenspunkt"),
        (
            "# Referat Byrådet 1. maj 2025\n\n# Punkt 1: A\n\n## Beslutning\n\nOk.\n\n"
            "# Referat Byrådet 8. maj 2025\n\n# Punkt 1: B\n\n## Beslutning\n\nOk.\n".encode(),
            "linje 11: dokumentet rummer mere end ét møde: „Referat Byrådet 8. maj 2025“ i linje 9",
        ),
        ("Mødedato: 31. juni 2025\n\nPunkt 1: A\nBeslutning\nOk.\n".encode(), "linje 1: „31. juni"),
        (
            "Referat Byrådet 1. maj 2025\n\nPunkt 1: A\nBeslutning\nOk.\n\nPunkt 2: B\nBeslutning"
            "\nOk.\n\nPunkt 2: C\nBeslutning\nOk.\n".encode(),
            "linje 11: punkt 2 står to gange (linje 7 og linje 11)",
        ),
    ],
)
def test_unusable_files_exit_2_name_the_file_and_line_and_store_nothing(
    tmp_path: Path, content: bytes, words: str
) -> None:
    save_committee(slug="br", name="Byrådet", kind="political", level="city_council")
    path = tmp_path / "ondt.md"
    path.write_bytes(content)
    code, _, err = _run(str(path), "--committee", "br")
    assert code == 2
    assert f"import-minutes: fejl: {path}" in err
    assert words in err
    assert _counts()[1:] == (0, 0, 0, 0)


def test_an_archive_imports_file_by_file_with_a_summary(tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    archive.mkdir()
    for name in ("oekonomiudvalg-referat.md", "byraad-beslutningsprotokol.txt"):
        shutil.copy(PARSER_DOCUMENTS / name, archive / name)
    shutil.copy(PARSER_DOCUMENTS / "oekonomiudvalg-referat.md", archive / "kopi-af-oeu.md")
    write_pdf(archive / "scannet.pdf", "")  # pages without a text layer
    write_encrypted_pdf(archive / "låst.pdf", "Punkt 1: A\nBeslutning\nOk.", user_password="x")
    (archive / "tom.txt").write_bytes(b"")
    code, out, err = _run(str(archive), "--create-committee")
    assert code == 1
    assert "Importeret: 2 filer" in out
    assert "Fandtes allerede: 1 filer" in out
    assert "oekonomiudvalg-referat.md: Findes allerede" in out  # after its copy
    assert "Fejlede: 3 filer" in out
    assert "låst.pdf: filen er krypteret eller beskyttet med adgangskode" in out
    assert "scannet.pdf: filen har intet tekstlag (en scannet PDF eller et billede)" in out
    assert "tom.txt: filen indeholder ingen tekst" in out
    assert err.count("\n") == 6  # one progress line per file
    assert Meeting.objects.count() == 2
    # Run again: everything is already there, the three bad files fail again.
    code, out, _ = _run(str(archive))
    assert code == 1
    assert "Fandtes allerede: 3 filer" in out


def test_messages_are_in_english_when_english_is_active(tmp_path: Path) -> None:
    from django.utils import translation

    broken = tmp_path / "to-gange.md"
    broken.write_text("# Punkt 2: A\n\nTekst\n\n# Punkt 2: B\n", encoding="utf-8")
    with translation.override("en"):
        refused = _run(str(PARSER_DOCUMENTS / "oekonomiudvalg-referat.md"))
        unusable = _run(str(broken))
    assert "import-minutes: error: " in refused[2]
    expected = "there is no committee called “Økonomiudvalget”. There are no committees yet."
    assert expected in refused[2]
    assert f"{broken}, line 5: item 2 appears twice (line 1 and line 5)" in unusable[2]
