import json
from pathlib import Path

import pytest
from django.core.management import call_command

from dialogportal.meetings.models import AgendaItem, Meeting, MeetingStatus, MinutesVersion
from dialogportal.organisation.services import save_committee

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / ".." / "shared" / "seed" / "referat-hovedudvalg-2025-06-27.md"
PARSER_DOCUMENTS = ROOT / "tests" / "minutes" / "documents"
DEMO = ROOT / "dialogportal" / "meetings" / "demo_data" / "referat-hovedudvalg-demo.md"


def _run(*args: str) -> tuple[int, str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_minutes", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def _counts() -> tuple[int, int, int]:
    return Meeting.objects.count(), AgendaItem.objects.count(), MinutesVersion.objects.count()


def test_importing_the_seed_twice_creates_nothing_new() -> None:
    if not SEED.is_file():
        pytest.skip("the seed minutes (../shared/seed) are not available")
    save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    code, out, _ = _run(str(SEED))
    assert code == 0
    assert "2 items" in out
    meeting = Meeting.objects.get()
    assert (meeting.held_on.isoformat(), meeting.start_time.strftime("%H:%M")) == (  # type: ignore[union-attr]
        "2025-06-27",
        "10:30",
    )
    assert meeting.place == "D.2.58"
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
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
    before = _counts()
    code, out, _ = _run(str(SEED))
    assert code == 0
    assert "Nothing new" in out
    assert _counts() == before


def test_dry_run_prints_the_documented_json_without_touching_the_database(capsys) -> None:
    code, out, _ = _run(str(DEMO), "--dry-run", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"committee", "date", "start_time", "location", "items"}
    assert data["date"] == "2025-09-05"
    assert [item["number"] for item in data["items"]] == [39, 40, 41, 42, 43, 44]
    assert data["items"][-1]["closed"] is True
    assert _counts() == (0, 0, 0)


def test_the_committee_is_found_by_slug_or_by_the_name_in_the_document() -> None:
    save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    code, _, err = _run(str(DEMO), "--committee", "ukendt")
    assert code == 1
    assert "ukendt" in err
    code, _out, _ = _run(str(DEMO))
    assert code == 0
    assert Meeting.objects.get().committee.slug == "hmu"
    closed = AgendaItem.objects.get(number=44)
    assert closed.is_closed


@pytest.mark.parametrize(
    ("name", "slug", "items"),
    [
        ("sektor-med-dagsorden.md", "sektor", None),
        ("lokal-med-referat.md", "lokal", None),
        ("teknik-miljoe-referat.txt", "teknik", None),
    ],
)
def test_other_danish_layouts_import_and_reimport_idempotently(name, slug, items) -> None:
    path = PARSER_DOCUMENTS / name
    if not path.is_file():
        pytest.skip("the parser's test documents are not present")
    save_committee(slug=slug, name=slug.title(), kind="med", level="main")
    code, _out, err = _run(str(path), "--committee", slug)
    assert code == 0, err
    before = _counts()
    assert before[1] > 0
    assert _run(str(path), "--committee", slug)[0] == 0
    assert _counts() == before


def test_a_document_that_cannot_be_understood_names_the_line_and_saves_nothing() -> None:
    save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    code, _, err = _run(str(PARSER_DOCUMENTS / "broken-heading.md"), "--committee", "hmu")
    assert code == 2
    assert "line" in err
    assert _counts() == (0, 0, 0)


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
    assert "correction" in err
    assert _counts() == before


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02binary", b"<script>alert(1)</script>", b"# Punkt\n"],
)
def test_hostile_files_exit_with_an_error_not_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "ondt.md"
    path.write_bytes(content)
    code, _, err = _run(str(path), "--committee", "hmu")
    assert code == 2
    assert "error" in err
    assert _counts() == (0, 0, 0)


def test_the_imported_seed_minutes_pdf_has_a_toc_page_numbers_and_every_open_section(
    client,
) -> None:
    import io

    from pypdf import PdfReader

    from dialogportal.accounts.models import Role
    from tests.factories import make_staff

    if not SEED.is_file():
        pytest.skip("the seed minutes (../shared/seed) are not available")
    save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
    assert _run(str(SEED))[0] == 0
    meeting = Meeting.objects.get()
    client.force_login(make_staff("medarbejder", Role.MODERATOR))
    response = client.get(f"/moeder/{meeting.pk}/dokument.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Indholdsfortegnelse" in text
    assert f"Side 1 af {len(reader.pages)}" in text
    for item in meeting.items.all():
        for section in item.sections.all():
            words = " ".join(section.body.replace("*", "").replace("#", "").split()[:6])
            assert words in text, (item.number, section.kind)
        for recommendation in item.recommendations.all():
            assert recommendation.text in text
