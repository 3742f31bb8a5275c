"""Staff upload figures as CSV/XLSX: preview with row errors in Danish, then confirm."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.indicators.models import (
    FigureUpload,
    FigureUploadStatus,
    Indicator,
    Observation,
    RefreshKind,
    RefreshOutcome,
    SourceKind,
)
from dialogportal.indicators.services import create_indicator, store_series
from dialogportal.processes.models import Process
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

URL = "/processer/randers/noegletal/forsoergede/upload/"
GOOD_CSV = "område;periode;værdi\n730;2023;18,9\n000;2023;16,1\n751;2023;17,0\n".encode()


@pytest.fixture
def indicator(process: Process) -> Indicator:
    indicator = create_indicator(
        process=process,
        slug="forsoergede",
        name="Offentligt forsørgede",
        unit="pct.",
        source_kind=SourceKind.UPLOAD,
    )
    store_series(
        indicator=indicator, points=[("730", "2022", Decimal("19.5"))], kind=RefreshKind.UPLOAD
    )
    return indicator


@pytest.fixture
def manager_client(client: Client) -> Client:
    client.force_login(make_staff("procesansvarlig", Role.PROCESS_MANAGER))
    return client


def post_file(
    client: Client,
    data: bytes,
    name: str = "tal.csv",
    source: str = "Kilde: Jobindsats.dk, ptv_a02",
):
    return client.post(
        URL,
        {
            "file": SimpleUploadedFile(name, data),
            "source_note": source,
            "provenance": "Hentet 1/11",
        },
    )


def snapshot() -> list[tuple[object, ...]]:
    return list(
        Observation.objects.order_by("id").values_list("id", "area_code", "period", "value")
    )


def test_upload_previews_then_confirm_saves_with_provenance(
    manager_client: Client, indicator: Indicator
) -> None:
    response = post_file(manager_client, GOOD_CSV)
    assert response.status_code == 302
    pending = FigureUpload.objects.get()
    assert pending.status == FigureUploadStatus.PREVIEW
    assert indicator.observations.count() == 1  # nothing applied before confirmation

    preview = manager_client.get(response["Location"])
    assert preview.status_code == 200
    assert "har 3 rækker uden fejl" in preview.text
    assert "730 Randers" in preview.text

    saved = manager_client.post(response["Location"])
    assert saved.status_code == 302
    assert set(indicator.observations.values_list("area_code", "period", "value")) == {
        ("730", "2022", Decimal("19.5")),
        ("730", "2023", Decimal("18.9")),
        ("000", "2023", Decimal("16.1")),
        ("751", "2023", Decimal("17.0")),
    }
    pending.refresh_from_db()
    assert pending.status == FigureUploadStatus.SAVED
    log = indicator.refreshes.first()
    assert log is not None
    assert (log.kind, log.outcome, log.rows_created) == (
        RefreshKind.UPLOAD,
        RefreshOutcome.CHANGED,
        3,
    )
    assert log.source_version.startswith("tal.csv sha256:")
    indicator.refresh_from_db()
    assert indicator.citation == "Kilde: Jobindsats.dk, ptv_a02"
    assert indicator.provenance == "Hentet 1/11"

    # Confirming twice saves nothing twice.
    assert manager_client.post(response["Location"]).status_code == 404


def test_upload_of_xlsx_works_like_csv(manager_client: Client, indicator: Indicator) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Område", "Periode", "Værdi"])
    sheet.append(["730", "2024", 18.2])
    sheet.append(["000", "2024", 15.9])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = post_file(manager_client, buffer.getvalue(), name="tal.xlsx")
    assert response.status_code == 302
    manager_client.post(response["Location"])
    assert indicator.observations.get(area_code="000", period="2024").value == Decimal("15.9")


BAD_FILES = {
    "wrong headers": (b"kommune;aar;tal\n730;2023;1\n", "område, periode, værdi"),
    "mixed decimal separators": (
        "område;periode;værdi\n730;2023;1.234\n000;2023;72,1\n751;2023;1.5\n".encode(),
        "",
    ),
    "unknown area code": ("område;periode;værdi\n999;2023;1\n".encode(), "999"),
    "duplicate periods": ("område;periode;værdi\n730;2023;1\n730;2023;2\n".encode(), "linje 2"),
    "empty file": (b"", "Filen er tom."),
    "binary junk": (bytes(range(256)) * 4, ""),
    "html and script": (
        "område;periode;værdi\n<script>alert(1)</script>;2023;1\n".encode(),
        "",
    ),
    "a formula": ("område;periode;værdi\n730;2023;=1+1\n".encode(), ""),
    "sql-ish text": ("område;periode;værdi\n730' OR 1=1--;2023;1\n".encode(), ""),
    "an old xls": (b"\xd0\xcf\x11\xe0" + b"\0" * 100, ".xls"),
    "a fake xlsx": (b"not a zip", ".xlsx"),
    "unusual unicode": ("område;periode;værdi\n730;2023;７２,１\u202e\n".encode(), ""),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_files_get_a_danish_message_and_change_nothing(
    manager_client: Client, indicator: Indicator, case: str
) -> None:
    data, expected = BAD_FILES[case]
    before = snapshot()
    name = "tal.xlsx" if case == "a fake xlsx" else "tal.csv"

    response = post_file(manager_client, data, name=name)

    assert response.status_code == 422
    assert "er ikke gemt" in response.text or "Fejl:" in response.text
    assert expected in response.text.replace("&#x27;", "'")
    assert "<script>alert(1)</script>" not in response.text
    assert FigureUpload.objects.count() == 0
    assert snapshot() == before


def test_a_missing_source_is_a_form_error(manager_client: Client, indicator: Indicator) -> None:
    response = post_file(manager_client, GOOD_CSV, source="")
    assert response.status_code == 422
    assert "Skriv, hvor tallene kommer fra." in response.text


def test_a_huge_file_is_refused(manager_client: Client, indicator: Indicator) -> None:
    data = b"omr\xc3\xa5de;periode;v\xc3\xa6rdi\n" + b"730;2023;1\n" * 600_000
    response = post_file(manager_client, data)
    assert response.status_code == 422
    assert "for stor" in response.text
    assert FigureUpload.objects.count() == 0


def test_statbank_indicators_cannot_be_uploaded(manager_client: Client, process: Process) -> None:
    create_indicator(
        process=process,
        slug="b",
        name="B",
        unit="pct.",
        source_kind=SourceKind.STATBANK,
        spec_key="employment_rate",
    )
    response = manager_client.post(
        "/processer/randers/noegletal/b/upload/",
        {"file": SimpleUploadedFile("t.csv", GOOD_CSV), "source_note": "x"},
    )
    assert response.status_code == 422
    assert "hentes fra Danmarks Statistik" in response.text


def test_visitors_and_moderators_may_not_upload(client: Client, indicator: Indicator) -> None:
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(make_staff("moderator", Role.MODERATOR))
    assert client.get(URL).status_code == 403
    assert client.get("/processer/randers/noegletal/").status_code == 403


def test_someone_elses_pending_upload_is_not_found(
    manager_client: Client, indicator: Indicator
) -> None:
    response = post_file(manager_client, GOOD_CSV)
    other = Client()
    other.force_login(make_staff("anden", Role.PROCESS_MANAGER))
    assert other.post(response["Location"]).status_code == 404
    assert indicator.observations.count() == 1


def test_manage_page_lists_indicators_and_fetch_now_enqueues(
    manager_client: Client, process: Process, indicator: Indicator
) -> None:
    create_indicator(
        process=process,
        slug="b",
        name="Beskæftigelse",
        unit="pct.",
        source_kind=SourceKind.STATBANK,
        spec_key="employment_rate",
    )
    page = manager_client.get("/processer/randers/noegletal/")
    assert page.status_code == 200
    assert "Offentligt forsørgede" in page.text
    assert "Hent Beskæftigelse nu" in page.text
    response = manager_client.post("/processer/randers/noegletal/b/hent/")
    assert response.status_code == 302
    assert manager_client.get("/processer/randers/noegletal/b/hent/").status_code == 405
