"""The staff set-up pages over HTTP: who may use them, and bad input answered in Danish with
nothing saved and what was typed kept."""

from typing import Any

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.processes.models import FocusArea, Phase, Process, ProcessChange
from tests.factories import PDF_BYTES, make_process, make_staff

pytestmark = pytest.mark.django_db

SETUP_PAGES = [
    "/medarbejder/processer/",
    "/medarbejder/ny-proces/",
    "/medarbejder/processer/proces/",
    "/medarbejder/processer/proces/ret/",
    "/medarbejder/processer/proces/faser/ny/",
    "/medarbejder/processer/proces/fokusomraader/nyt/",
    "/medarbejder/processer/proces/dokumenter/nyt/",
]


@pytest.fixture
def manager_client(client: Client) -> Client:
    client.force_login(make_staff("proces", Role.PROCESS_MANAGER))
    return client


@pytest.mark.parametrize("url", SETUP_PAGES)
def test_set_up_pages_ask_anonymous_visitors_to_log_in(client: Client, url: str) -> None:
    make_process()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.COMMITTEE_SECRETARY])
@pytest.mark.parametrize("url", SETUP_PAGES)
def test_set_up_pages_are_hidden_from_other_roles(client: Client, url: str, role: Role) -> None:
    make_process()
    client.force_login(make_staff("other", role))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", SETUP_PAGES)
def test_set_up_pages_open_for_a_process_manager(manager_client: Client, url: str) -> None:
    make_process()
    response = manager_client.get(url)
    assert response.status_code == 200
    assert b"form-group-checkbox" in response.content or b"<form" in response.content


def test_a_manager_creates_a_process_and_lands_on_its_checklist(manager_client: Client) -> None:
    response = manager_client.post(
        "/medarbejder/ny-proces/",
        {
            "title": "Fremtidens Ærø",
            "slug": "",
            "summary": "Kort",
            "body": "",
            "shows_postcode": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/medarbejder/processer/fremtidens-aeroe/"
    page = manager_client.get(response["Location"]).content.decode()
    assert "Klar til at åbne" in page
    assert "Fremtidens Ærø" in page
    process = Process.objects.get(slug="fremtidens-aeroe")
    assert not process.is_published
    assert ProcessChange.objects.get(process=process).acting_user is not None


HOSTILE = "<script>alert('x')</script>'; DROP TABLE processes_process; -- \u202e æøå"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": ""}, "title", "Skriv processens titel."),
        ({"title": "x" * 201}, "title", "højst have 200 tegn"),
        ({"title": "Ok", "slug": "Æble grød!"}, "slug", "Brug kun små bogstaver"),
        ({"title": "Ok", "slug": "proces"}, "slug", "bruges allerede af en anden proces"),
        ({"title": "Ok", "personal_data_removed_on": "31-02-2026"}, "personal_data_removed_on", ""),
    ],
)
def test_bad_process_input_is_refused_in_danish_and_kept(
    manager_client: Client, data: dict[str, str], field: str, message: str
) -> None:
    make_process()
    response = manager_client.post("/medarbejder/ny-proces/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "data-error-summary" in page
    assert f'href="#id_{field}"' in page
    assert message in page
    assert Process.objects.count() == 1


def test_hostile_text_is_stored_as_text_and_shown_escaped(manager_client: Client) -> None:
    response = manager_client.post("/medarbejder/ny-proces/", {"title": HOSTILE, "slug": "ond"})
    assert response.status_code == 302
    page = manager_client.get("/medarbejder/processer/ond/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert Process.objects.get(slug="ond").title == HOSTILE


def _phase(start: str, end: str, **extra: str) -> dict[str, Any]:
    return {"kind": "input", "title": "Dialog", "starts_at": start, "ends_at": end, **extra}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_phase("2030-06-03T09:00", "2030-06-01T09:00"), "Fasen skal slutte efter, at den starter"),
        (_phase("", ""), "Skriv, hvornår fasen starter."),
        (_phase("i morgen", "2030-06-01T09:00"), "Skriv dato og klokkeslæt"),
        (
            _phase("2030-06-03T09:00", "2030-07-01T09:00", kind="evil"),
            "Vælg en af typerne på listen.",
        ),
        (_phase("2030-06-03T09:00", "2030-07-01T09:00", title=""), "Skriv fasens titel"),
    ],
)
def test_bad_phases_are_refused_in_danish(
    manager_client: Client, data: dict[str, str], message: str
) -> None:
    make_process()
    response = manager_client.post("/medarbejder/processer/proces/faser/ny/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Phase.objects.count() == 1


def test_an_overlapping_phase_is_refused_and_the_dates_typed_are_kept(
    manager_client: Client,
) -> None:
    process = make_process()  # one input phase from ten days ago to ten days ahead
    existing = process.phases.get()
    start = existing.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M")
    response = manager_client.post(
        "/medarbejder/processer/proces/faser/ny/", _phase(start, "2099-01-01T10:00")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "overlapper fasen »Fase«" in page
    assert 'value="2099-01-01T10:00"' in page
    assert Phase.objects.count() == 1


def test_a_phase_is_added_with_dates_typed_the_danish_way(manager_client: Client) -> None:
    make_process()
    response = manager_client.post(
        "/medarbejder/processer/proces/faser/ny/",
        _phase("01.01.2099 09.00", "31.01.2099 16.00", kind="feedback", title="Svar"),
    )
    assert response.status_code == 302
    assert Phase.objects.filter(title="Svar", kind="feedback").exists()


def test_focus_areas_are_added_edited_and_refused_with_a_duplicate_address(
    manager_client: Client,
) -> None:
    make_process()
    data = {"title": "Ældre", "slug": "", "description": "Om de ældre.", "order": "3"}
    assert (
        manager_client.post("/medarbejder/processer/proces/fokusomraader/nyt/", data).status_code
        == 302
    )
    area = FocusArea.objects.get(slug="aeldre")
    again = manager_client.post("/medarbejder/processer/proces/fokusomraader/nyt/", data)
    assert again.status_code == 400
    assert "bruges allerede af et andet fokusområde" in again.content.decode()
    edit = manager_client.post(
        f"/medarbejder/processer/proces/fokusomraader/{area.pk}/",
        {**data, "slug": "aeldre", "title": "Ældre borgere"},
    )
    assert edit.status_code == 302
    area.refresh_from_db()
    assert area.title == "Ældre borgere"


def test_a_document_is_uploaded_and_a_fake_one_refused(manager_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_process()
    url = "/medarbejder/processer/proces/dokumenter/nyt/"
    fake = SimpleUploadedFile("hvidbog.pdf", b"\x00\x01binary", content_type="application/pdf")
    refused = manager_client.post(url, {"title": "Hvidbog", "order": "0", "file": fake})
    assert refused.status_code == 400
    empty = manager_client.post(url, {"title": "Hvidbog", "order": "0"})
    assert "Vælg en fil." in empty.content.decode()
    real = SimpleUploadedFile("hvidbog.pdf", PDF_BYTES, content_type="application/pdf")
    ok = manager_client.post(
        url, {"title": "Hvidbog", "order": "0", "file": real, "is_public": "on"}
    )
    assert ok.status_code == 302


def test_objects_of_another_process_are_not_found(manager_client: Client) -> None:
    make_process()
    other = make_process(slug="anden")
    phase = other.phases.get()
    assert manager_client.get(f"/medarbejder/processer/proces/faser/{phase.pk}/").status_code == 404
    assert (
        manager_client.post(f"/medarbejder/processer/proces/faser/{phase.pk}/slet/").status_code
        == 404
    )
    assert Phase.objects.filter(pk=phase.pk).exists()
