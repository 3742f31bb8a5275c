import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from dialogportal.accounts.models import Role, User
from dialogportal.inputs.models import Channel, Input
from dialogportal.processes.models import PhaseKind, Process
from tests.factories import PNG_BYTES, make_input, make_process, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def process() -> Process:
    return make_process(slug="by", phase_kind=PhaseKind.FEEDBACK)  # closed for the public


@pytest.fixture
def secretary() -> User:
    return make_staff("sekretaer", Role.COMMITTEE_SECRETARY)


@pytest.fixture
def staff_client(client: Client, secretary: User) -> Client:
    client.force_login(secretary)
    return client


def test_staff_pages_need_login_and_permission(client: Client, process: Process) -> None:
    assert client.get("/medarbejder/input/").status_code == 302
    client.force_login(make_staff("bare-bruger", Role.COMMITTEE_SECRETARY))
    nobody = User.objects.create_user(username="ingen", password="x")
    client.force_login(nobody)
    assert client.get("/medarbejder/input/").status_code == 404
    assert client.get("/medarbejder/processer/by/input/ny/").status_code == 404


def test_staff_register_input_from_a_med_committee_even_when_the_phase_is_closed(
    staff_client: Client, process: Process, secretary: User
) -> None:
    given = timezone.localdate() - timedelta(days=3)
    response = staff_client.post(
        "/medarbejder/processer/by/input/ny/",
        {
            "channel": "med_committee",
            "source": "Hoved-MED",
            "given_on": given.isoformat(),
            "focus_area": "omraade-1",
            "contributor_type": "employee",
            "text": "Udvalget ønsker mere tid til introduktion af nye kolleger.",
            "phone": "12 34 56 78",
            "submission_key": "k-1",
            "attachments": SimpleUploadedFile("referat.png", PNG_BYTES),
        },
    )
    assert response.status_code == 302
    obj = Input.objects.get()
    assert obj.channel == Channel.MED_COMMITTEE
    assert obj.source == "Hoved-MED"
    assert obj.given_on == given
    assert obj.created_by == secretary
    assert obj.consent_text_version == "staff-registered"
    assert obj.attachments.count() == 1
    detail = staff_client.get(response["Location"])
    assert "Udvalget ønsker mere tid" in detail.text  # the secretary sees what they typed in
    assert "12 34 56 78" not in detail.text  # but contact data only process managers
    assert "Vises kun for procesansvarlige" in detail.text


def test_staff_register_rejects_a_future_date_and_an_empty_text(
    staff_client: Client, process: Process
) -> None:
    response = staff_client.post(
        "/medarbejder/processer/by/input/ny/",
        {
            "channel": "letter",
            "given_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
            "contributor_type": "citizen",
            "text": " ",
        },
    )
    assert response.status_code == 400
    assert "må ikke være tomt" in response.text
    assert Input.objects.count() == 0


def test_batch_screen_saves_twenty_postcards_row_by_row(
    staff_client: Client, process: Process
) -> None:
    url = "/medarbejder/processer/by/input/postkort/"
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "autofocus" in page.text
    for number in range(20):
        form = {
            "text": f"Postkort nummer {number + 1}: flere bænke ved åen.",
            "postcode": "8900" if number % 2 else "",
            "contributor_type": "citizen",
            "focus_area": "omraade-2" if number % 3 else "",
            "channel": "postcard",
            "source": "Udstillingsvognen, Torvet",
            "given_on": "2026-09-15",
            "submission_key": f"row-{number}",
        }
        response = staff_client.post(url, form)
        assert response.status_code == 302
        assert "channel=postcard" in response["Location"]
        staff_client.post(url, form)  # a double Enter saves the row once
    assert Input.objects.filter(channel=Channel.POSTCARD).count() == 20
    after = staff_client.get(response["Location"])
    assert "20 gemt" in after.text
    assert 'value="Udstillingsvognen, Torvet"' in after.text


def test_batch_row_with_a_bad_postcode_is_not_saved_and_says_why(
    staff_client: Client, process: Process
) -> None:
    response = staff_client.post(
        "/medarbejder/processer/by/input/postkort/",
        {
            "text": "Et postkort med en forkert kode.",
            "postcode": "0000",
            "contributor_type": "citizen",
            "channel": "postcard",
            "given_on": "2026-09-15",
            "submission_key": "x",
        },
    )
    assert response.status_code == 400
    assert "er ikke et dansk postnummer" in response.text
    assert Input.objects.count() == 0


CSV_OK = (
    "tekst;overskrift;fokusomraade;afsender;kanal;kilde;dato;postnummer;maa_vise_navn\n"
    "Mere grønt i midtbyen;Grønt;omraade-1;borger;postkort;Vognen;15.09.2026;8900;nej\n"
    "Bedre busforbindelser;;andet;Virksomhed;letter;;2026-09-16;;\n"
    '=HYPERLINK("x") giver formel-tekst;;Område 2;union;email;;;;nej\n'
)


def _upload(client: Client, name: str, data: bytes) -> object:
    return client.post(
        "/medarbejder/processer/by/input/import/", {"file": SimpleUploadedFile(name, data)}
    )


def test_csv_import_stores_every_row_and_a_second_import_adds_nothing(
    staff_client: Client, process: Process
) -> None:
    response = _upload(staff_client, "input.csv", CSV_OK.encode())
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "3 nye input" in response.text  # type: ignore[attr-defined]
    assert Input.objects.count() == 3
    assert set(Input.objects.values_list("channel", flat=True)) == {"postcard", "letter", "email"}
    assert Input.objects.filter(focus_area__isnull=True).count() == 1
    again = _upload(staff_client, "input.csv", CSV_OK.encode())
    assert "3 fandtes i forvejen" in again.text  # type: ignore[attr-defined]
    assert Input.objects.count() == 3


def test_import_is_all_or_nothing_with_a_report_per_row(
    staff_client: Client, process: Process
) -> None:
    bad = CSV_OK + "   ;;;;;;;;\nKort;;ukendt-område;marsmand;fax;;32.13.2026;0000;måske\n"
    response = _upload(staff_client, "input.csv", bad.encode())
    assert response.status_code == 400  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "Intet er importeret" in text
    for reason in ("ukendt-område", "marsmand", "fax", "32.13.2026", "maa_vise_navn"):
        assert reason in text
    assert Input.objects.count() == 0


def test_xlsx_import_works_and_unreadable_files_are_explained(
    staff_client: Client, process: Process
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Tekst", "Kanal", "Dato", "Afsender"])
    sheet.append(["Et input fra et regneark med æøå.", "Dialogmøde", date(2026, 9, 1), "Forening"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _upload(staff_client, "ark.xlsx", buffer.getvalue()).status_code == 200  # type: ignore[attr-defined]
    obj = Input.objects.get()
    assert obj.channel == Channel.DIALOG_MEETING
    assert obj.given_on == date(2026, 9, 1)
    for name, data in (
        ("x.xlsx", b"PK\x03\x04garbage"),
        ("x.csv", b"\x00\x01\x02"),
        ("x.csv", b""),
    ):
        response = _upload(staff_client, name, data)
        assert response.status_code == 400  # type: ignore[attr-defined]
        text = response.text  # type: ignore[attr-defined]
        assert "Intet er importeret" in text or "fil er tom" in text
    assert _upload(staff_client, "x.csv", b"navn;email\nA;b\n").status_code == 400  # type: ignore[attr-defined]


def test_import_inputs_command(process: Process, secretary: User, tmp_path: Path) -> None:
    path = tmp_path / "input.csv"
    path.write_text(CSV_OK, encoding="utf-8")
    out = io.StringIO()
    call_command("import_inputs", "by", str(path), "--user", "sekretaer", stdout=out)
    assert "3 nye input" in out.getvalue()
    path.write_text(CSV_OK + "x;;;;fax;;;;\n", encoding="utf-8")
    with pytest.raises(CommandError, match="intet er importeret"):
        call_command("import_inputs", "by", str(path), "--user", "sekretaer", stderr=io.StringIO())
    assert Input.objects.count() == 3


@pytest.fixture
def manager_client(client: Client) -> Client:
    client.force_login(make_staff("proces", Role.PROCESS_MANAGER))
    return client


def test_staff_list_filters_searches_and_exports(
    manager_client: Client, process: Process, secretary: User
) -> None:
    staff_client = manager_client
    make_input(
        process,
        text="Cykelstier til skolen i Assentoft",
        acting_user=secretary,
        channel="postcard",
        postcode="8960",
    )
    make_input(
        process,
        text="Flere lærere i folkeskolen",
        acting_user=secretary,
        channel="letter",
        contributor_type="union",
        email="tr@example.dk",
    )
    response = staff_client.get("/medarbejder/input/?q=cykelstier")
    assert "Cykelstier til skolen" in response.text
    assert "Flere lærere" not in response.text
    response = staff_client.get("/medarbejder/input/?channel=letter&contributor_type=union")
    assert "Flere lærere" in response.text
    assert "Cykelstier" not in response.text
    response = staff_client.get("/medarbejder/input/?postcode=8960")
    assert "Cykelstier" in response.text
    assert "Flere lærere" not in response.text
    response = staff_client.get("/medarbejder/input/?given_from=2030-01-01")
    assert "Ingen input matcher" in response.text
    response = staff_client.get("/medarbejder/input/?given_from=nonsens&channel=<script>")
    assert response.status_code == 200
    csv = staff_client.get("/medarbejder/input/?channel=letter&eksport=csv")
    content = csv.content.decode("utf-8-sig")
    assert "tr@example.dk" in content
    assert "Cykelstier" not in content
    xlsx = staff_client.get("/medarbejder/input/?eksport=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.max_row == 3


def test_export_neutralises_formulas(
    manager_client: Client, process: Process, secretary: User
) -> None:
    make_input(process, text="=cmd|' /C calc'!A0 er en formel", acting_user=secretary)
    content = manager_client.get("/medarbejder/input/?eksport=csv").content.decode("utf-8-sig")
    assert "'=cmd" in content
