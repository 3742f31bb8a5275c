"""The MED pages over HTTP: who may see what, forms that keep what was typed, Danish errors."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from dialogportal.accounts.models import Role
from dialogportal.med.models import AuditEntry, Cascade, Hearing, HearingPart, PartStatus
from dialogportal.med.services import cascade_item, save_answer, start_hearing
from tests.factories import make_staff
from tests.med.builders import (
    PDF,
    chair_and_vice,
    decided_item,
    future,
    hold,
    med_tree,
    next_meetings,
    secretary_of,
)

pytestmark = pytest.mark.django_db


def test_the_secretary_passes_an_item_on_to_a_whole_level_over_http(client: Client) -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    next_meetings(*tree.sectors)
    client.force_login(secretary_of(tree.main))
    page = client.get(f"/med/punkter/{item.pk}/")
    assert page.status_code == 200
    assert "Alle: Sektor MED" in page.text
    assert "Sektor MED Job og Social" in page.text
    assert "2. at orienteringen videregives til alle Sektor MED" in page.text
    response = client.post(
        f"/med/punkter/{item.pk}/videregiv/",
        {"level": "sector", "message": "Til jeres næste møde", "due_on": str(future(30))},
        follow=True,
    )
    assert "videregivet til 2 udvalg" in response.text
    assert Cascade.objects.filter(due_on=future(30)).count() == 2


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"level": "månen"},
        {"targets": ["999999"]},
        {"targets": ["<script>alert(1)</script>"]},
        {"level": "sector", "message": "x" * 6000},
        {"level": "sector", "due_on": "i morgen"},
        {"level": "sector'; DROP TABLE med_cascade;--"},
    ],
)
def test_bad_cascade_input_gives_a_danish_message_not_a_500(client: Client, payload) -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    client.force_login(secretary_of(tree.main))
    response = client.post(f"/med/punkter/{item.pk}/videregiv/", payload)
    assert response.status_code == 200
    assert 'class="alert alert-error"' in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert Cascade.objects.count() == 0


def test_a_sector_secretary_cannot_send_to_another_sectors_lokal_med_even_by_a_forged_post(
    client: Client,
) -> None:
    tree = med_tree()
    item = decided_item(tree.sectors[0])
    client.force_login(secretary_of(tree.sectors[0]))
    page = client.get(f"/med/punkter/{item.pk}/").text
    assert tree.local(0).name in page
    assert tree.local(1).name not in page
    client.post(f"/med/punkter/{item.pk}/videregiv/", {"targets": [str(tree.local(1).pk)]})
    assert Cascade.objects.count() == 0


def test_other_secretaries_and_visitors_see_nothing(client: Client) -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    next_meetings(*tree.sectors)
    (cascade, _) = cascade_item(item=item, targets=tree.sectors, acting_user=None)
    assert client.get("/med/").status_code == 302
    client.force_login(make_staff("moderator", Role.MODERATOR))
    assert client.get("/med/").status_code == 403
    client.force_login(secretary_of(tree.sectors[1], username="anden"))
    assert client.get(f"/med/punkter/{item.pk}/").status_code == 404
    assert client.get(f"/med/videregivelser/{cascade.pk}/").status_code == 404
    assert client.post(f"/med/videregivelser/{cascade.pk}/kvitter/").status_code == 404
    assert client.get("/med/oversigt/").status_code == 403


def test_the_receiver_acknowledges_after_its_meeting_and_the_sender_sees_the_comment(
    client: Client,
) -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    (meeting,) = next_meetings(tree.sectors[0])
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    client.force_login(secretary_of(tree.sectors[0], username="modtager"))
    page = client.get(f"/med/videregivelser/{cascade.pk}/")
    assert "Orienteringen blev drøftet" in page.text
    refused = client.post(
        f"/med/videregivelser/{cascade.pk}/kvitter/", {"kvitter-comment": "ok"}, follow=True
    )
    assert "når udvalgets møde er holdt" in refused.text
    hold(meeting)
    client.post(
        f"/med/videregivelser/{cascade.pk}/kvitter/",
        {"kvitter-comment": "Drøftet – vi ønsker en temadag om æ, ø og å"},
    )
    client.force_login(secretary_of(tree.main, username="afsender"))
    source = client.get(f"/med/punkter/{item.pk}/").text
    assert "Kvitteret" in source
    assert "temadag om æ, ø og å" in source


def _hearing(tree) -> Hearing:
    return start_hearing(
        committee=tree.main,
        title="Organisering",
        answer_by=future(10),
        parts=tree.sectors,
        acting_user=None,
        source_item=decided_item(tree.main),
    )


def test_the_hearing_form_refuses_bad_input_and_keeps_what_was_typed(client: Client) -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    client.force_login(secretary_of(tree.main))
    url = f"/med/punkter/{item.pk}/hoering/"
    assert client.get(url).status_code == 200
    for data, message in [
        ({"title": "Høring om æøå", "answer_by": str(future())}, "Vælg mindst én høringspart."),
        ({"title": "Høring om æøå", "answer_by": "2020-01-01", "level": "sector"}, "efter i dag"),
        (
            {
                "title": "Høring om æøå",
                "answer_by": str(future()),
                "level": "sector",
                "material_files": SimpleUploadedFile("virus.exe", b"MZ\x90binary"),
            },
            "PDF",
        ),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
        assert message in response.text
        assert "Høring om æøå" in response.text
    assert Hearing.objects.count() == 0
    ok = client.post(
        url,
        {
            "title": "Høring om æøå",
            "answer_by": str(future()),
            "level": "sector",
            "material_files": SimpleUploadedFile("materiale.pdf", PDF),
        },
    )
    assert ok.status_code == 302
    assert Hearing.objects.get().files.count() == 1


def test_a_part_answers_and_only_its_chair_and_vice_chair_approve_over_http(client: Client) -> None:
    tree = med_tree()
    hearing = _hearing(tree)
    part = hearing.parts.get(committee=tree.sectors[0])
    client.force_login(secretary_of(tree.sectors[0], username="sektor"))
    response = client.post(
        f"/med/hoeringsparter/{part.pk}/svar/",
        {
            "summary": "Støtter",
            "text": "Vi støtter forslaget.",
            "management_view": "Ledelsen: ja.",
            "employee_view": "Medarbejderne: tryghed.",
        },
    )
    assert response.status_code == 302
    upload = client.post(
        f"/med/hoeringsparter/{part.pk}/bilag/",
        {"fil-file": SimpleUploadedFile("svar.pdf", PDF)},
    )
    assert upload.status_code == 302
    refused = client.post(f"/med/hoeringsparter/{part.pk}/godkend/", follow=True)
    assert "Kun udvalgets formand og næstformand" in refused.text
    chair, vice = chair_and_vice(tree.sectors[0], "s1")
    for user in (chair, vice):
        client.force_login(user)
        client.post(f"/med/hoeringsparter/{part.pk}/godkend/")
    part.refresh_from_db()
    assert part.status == PartStatus.ANSWERED
    # The other part's people see neither this answer nor its file.
    client.force_login(secretary_of(tree.sectors[1], username="anden"))
    assert client.get(f"/med/hoeringsparter/{part.pk}/").status_code == 404
    file_pk = part.answer.files.get().pk
    assert client.get(f"/med/hoeringsparter/{part.pk}/bilag/{file_pk}/").status_code == 404
    # The sender sees it, and the høringsnotat.
    client.force_login(secretary_of(tree.main, username="afsender"))
    page = client.get(f"/med/hoeringer/{hearing.pk}/").text
    assert "Medarbejderne: tryghed." in page
    pdf = client.get(f"/med/hoeringer/{hearing.pk}/hoeringsnotat.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert client.get(f"/med/hoeringer/{hearing.pk}/hoeringsnotat.exe").status_code == 404
    assert AuditEntry.objects.filter(part=part).count() >= 4


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "x" * 50_001},
        {"text": "ok", "summary": "<script>alert(1)</script>" * 100},
        {"text": "\x00"},
    ],
)
def test_bad_answers_over_http_are_refused_with_the_text_kept(client: Client, data) -> None:
    tree = med_tree()
    hearing = _hearing(tree)
    part = hearing.parts.get(committee=tree.sectors[0])
    client.force_login(secretary_of(tree.sectors[0], username="sektor"))
    response = client.post(f"/med/hoeringsparter/{part.pk}/svar/", data)
    assert response.status_code == 200
    assert "Svaret er ikke gemt" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert not HearingPart.objects.filter(pk=part.pk, answer__isnull=False).exists()


def test_a_file_of_the_wrong_type_or_empty_is_refused_for_an_answer(client: Client) -> None:
    tree = med_tree()
    hearing = _hearing(tree)
    part = hearing.parts.get(committee=tree.sectors[0])
    save_answer(part=part, acting_user=None, text="Svar")
    client.force_login(secretary_of(tree.sectors[0], username="sektor"))
    for upload in (
        SimpleUploadedFile("svar.pdf", b""),
        SimpleUploadedFile("svar.pdf", b"GIF89a\x01\x00\x01\x00"),
        SimpleUploadedFile("../../etc/passwd", b"root:x:0:0"),
    ):
        response = client.post(f"/med/hoeringsparter/{part.pk}/bilag/", {"fil-file": upload})
        assert response.status_code == 200
        assert "Filen er ikke gemt" in response.text
    assert not part.answer.files.exists()


def test_the_med_secretariat_sees_the_overview_and_exports_it(client: Client, time_machine) -> None:
    tree = med_tree()
    hearing = _hearing(tree)
    item = decided_item(tree.main, days_ago=20, number=None, title="Trivsel")
    next_meetings(tree.sectors[0])
    cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None, due_on=future(3))
    time_machine.move_to(timezone.now() + timedelta(days=12))
    client.force_login(secretary_of(tree.main))
    assert client.get("/med/oversigt/").status_code == 403  # a secretary is not HR
    client.force_login(make_staff("hr", Role.MED_SECRETARIAT))
    page = client.get("/med/oversigt/")
    assert page.status_code == 200
    assert page.text.count("med-status--overdue") == 3  # two parts, one cascade
    assert "Trivsel" in page.text
    assert hearing.title in page.text
    only = client.get("/med/oversigt/", {"kind": "hearing", "overdue_only": "on"})
    assert "Trivsel" not in only.text
    bad = client.get("/med/oversigt/", {"sent_from": "igår", "status": "<b>x</b>"})
    assert bad.status_code == 200
    assert "<b>x</b>" not in bad.text
    csv = client.get("/med/oversigt/", {"eksport": "csv"})
    assert csv.status_code == 200
    assert "Sektor MED Børn og Skole" in csv.content.decode("utf-8")
    xlsx = client.get("/med/oversigt/", {"eksport": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.max_row == 4
    assert client.get("/med/oversigt/dialogmoeder/").status_code == 200
