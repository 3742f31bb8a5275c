import json
from typing import Any

import pytest
from django.test import Client

from dialogportal.accounts.models import AccessLog, Role
from dialogportal.inputs.models import Channel, Input
from dialogportal.processes.models import PhaseKind, Process
from tests.factories import first_area, make_input, make_process, make_staff, publish

pytestmark = pytest.mark.django_db
URL = "/api/v1/processes/by/inputs/"


@pytest.fixture
def process() -> Process:
    return make_process(slug="by")


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "focus_area": "omraade-1",
        "title": "Busser",
        "text": "Flere busser til landsbyerne om aftenen, tak.",
        "contributor_type": "citizen",
        "organisation": "",
        "name": "Søren",
        "email": "",
        "postcode": "8900",
        "consent_publish_name": True,
        "consent_contact": False,
    }
    data.update(overrides)
    return data


def post(client: Client, data: Any, **headers: str) -> Any:
    return client.post(URL, json.dumps(data), content_type="application/json", headers=headers)


def test_processes_list_and_detail(client: Client, process: Process) -> None:
    make_process(slug="kladde", is_published=False)
    listing = client.get("/api/v1/processes/").json()
    assert [item["slug"] for item in listing["results"]] == ["by"]
    assert listing["results"][0]["title"] == process.title
    detail = client.get("/api/v1/processes/by/").json()
    assert detail["focus_areas"][0] == {
        "slug": "omraade-1",
        "title": "Område 1",
        "description": "Beskrivelse af område 1 med æ, ø og å.",
    }
    assert detail["phases"][0]["accepts_input"] is True
    assert client.get("/api/v1/processes/kladde/").status_code == 404


def test_post_creates_an_input_with_201_and_a_receipt_url(client: Client, process: Process) -> None:
    response = post(client, body())
    assert response.status_code == 201
    data = response.json()
    obj = Input.objects.get()
    assert data["id"] == obj.pk
    assert data["receipt_url"].endswith(obj.get_receipt_url())
    assert obj.channel == Channel.WEB
    assert obj.focus_area == first_area(process)
    assert Client().get(data["receipt_url"]).status_code == 200


def test_null_focus_area_means_other(client: Client, process: Process) -> None:
    assert post(client, body(focus_area=None)).status_code == 201
    assert Input.objects.get().focus_area is None


def test_the_same_idempotency_key_creates_one_input(client: Client, process: Process) -> None:
    first = post(client, body(), **{"Idempotency-Key": "abc-123"})
    second = post(client, body(), **{"Idempotency-Key": "abc-123"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert second["Idempotent-Replayed"] == "true"
    assert Input.objects.count() == 1


def test_a_replayed_key_never_returns_the_private_receipt_link(process: Process) -> None:
    """Another client who learns someone's key and text gets no receipt: an anonymous repeat
    proves nothing about who sends it."""
    victim = post(Client(), body(), **{"Idempotency-Key": "offentlig-noegle-1"})
    attacker = post(Client(), body(), **{"Idempotency-Key": "offentlig-noegle-1"})
    assert victim.json()["receipt_url"]
    assert attacker.status_code == 200
    assert attacker.json()["receipt_url"] is None
    token = Input.objects.get().receipt_token
    assert token not in attacker.content.decode()


def test_a_reused_key_for_a_different_input_is_a_409(client: Client, process: Process) -> None:
    post(client, body(), **{"Idempotency-Key": "k1"})
    response = post(client, body(text="Noget helt andet end før."), **{"Idempotency-Key": "k1"})
    assert response.status_code == 409
    assert "allerede brugt" in response.json()["detail"]
    assert Input.objects.count() == 1


def test_field_errors_come_back_per_field_in_danish(client: Client, process: Process) -> None:
    response = post(client, body(text="   ", postcode="0000", email="x@", contributor_type="alien"))
    assert response.status_code == 400
    errors = response.json()
    assert "contributor_type" in errors
    response = post(client, body(text="   ", postcode="0000", email="x@"))
    errors = response.json()
    assert "tomt" in errors["text"][0]
    assert "postnummer" in errors["postcode"][0]
    assert "e-mailadresse" in errors["email"][0]
    assert Input.objects.count() == 0


def test_missing_consents_are_400(client: Client, process: Process) -> None:
    data = body()
    del data["consent_publish_name"]
    del data["consent_contact"]
    response = post(client, data)
    assert response.status_code == 400
    assert set(response.json()) == {"consent_publish_name", "consent_contact"}
    response = post(client, body(name="", consent_publish_name=True))
    assert "Skriv dit navn" in response.json()["consent_publish_name"][0]
    assert Input.objects.count() == 0


def test_an_unknown_focus_area_is_400(client: Client, process: Process) -> None:
    response = post(client, body(focus_area="findes-ikke"))
    assert response.status_code == 400
    assert "findes ikke" in response.json()["focus_area"][0]


def test_a_closed_phase_is_403_with_a_clear_message(client: Client) -> None:
    make_process(slug="by", phase_kind=PhaseKind.INFORMATION)
    response = post(client, body())
    assert response.status_code == 403
    assert "tager ikke imod input" in response.json()["detail"]
    assert Input.objects.count() == 0


@pytest.mark.parametrize("raw", ["{not json", "\x00\x01", '{"text": "æ', "[1, 2]", '"tekst"'])
def test_invalid_json_is_400_in_danish(client: Client, process: Process, raw: str) -> None:
    response = client.post(URL, raw, content_type="application/json")
    assert response.status_code == 400
    text = json.dumps(response.json(), ensure_ascii=False)
    assert "JSON" in text
    assert Input.objects.count() == 0


def test_wrong_content_type_is_415_in_danish(client: Client, process: Process) -> None:
    response = client.post(URL, "text=hej", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert "application/json" in response.json()["detail"]


def test_one_megabyte_of_html_in_every_field_is_refused_cleanly(
    client: Client, process: Process
) -> None:
    script = "<script>alert(1)</script>"
    response = post(
        client,
        body(text=script * 40_000, title=script * 10, name=script, organisation=script * 10),
    )
    assert response.status_code == 400
    assert "for stor" in response.json()["detail"]  # refused before it is parsed
    assert Input.objects.count() == 0


def test_a_text_just_too_long_is_refused_per_field(client: Client, process: Process) -> None:
    response = post(client, body(text="æ" * 10_001))
    assert response.status_code == 400
    assert "for langt" in response.json()["text"][0]
    assert Input.objects.count() == 0


def test_public_list_shows_published_inputs_without_personal_data(
    client: Client, process: Process
) -> None:
    shown = make_input(
        process,
        name="Åse",
        email="aase@example.dk",
        phone="12345678",
        postcode="8900",
        consent_publish_name=True,
        submitted_ip="10.0.0.1",
    )
    anonymous = make_input(process, name="Skjult Navn", consent_publish_name=False)
    make_input(process, text="Ikke offentliggjort endnu, venter på moderation.")
    publish(shown, anonymous)
    data = client.get(URL).json()
    assert data["count"] == 2
    dumped = json.dumps(data, ensure_ascii=False)
    for secret in ("aase@example.dk", "12345678", "10.0.0.1", "Skjult Navn", "receipt", "venter"):
        assert secret not in dumped
    item = next(row for row in data["results"] if row["id"] == shown.pk)
    assert item["name"] == "Åse"
    assert item["town"] == "Randers C"


def test_staff_endpoints_need_a_token_with_access(client: Client, process: Process) -> None:
    make_input(process, email="aase@example.dk")
    assert client.get("/api/v1/staff/inputs/").status_code in (401, 403)
    make_staff("moderator", Role.MODERATOR)
    refused = client.post(
        "/api/v1/staff/token/",
        {"username": "moderator", "password": "pw-for-tests-123"},
        content_type="application/json",
    )
    assert refused.status_code == 400  # contact data is for process managers (privacy.matrix)
    make_staff("proces", Role.PROCESS_MANAGER)
    token = client.post(
        "/api/v1/staff/token/",
        {"username": "proces", "password": "pw-for-tests-123"},
        content_type="application/json",
    ).json()["token"]
    auth = {"Authorization": f"Token {token}"}
    data = client.get("/api/v1/staff/inputs/?channel=web", headers=auth).json()
    assert data["count"] == 1
    assert data["results"][0]["email"] == "aase@example.dk"
    assert client.get("/api/v1/staff/inputs/?channel=nope", headers=auth).status_code == 400
    csv = client.get("/api/v1/staff/inputs/export.csv", headers=auth)
    assert csv.status_code == 200
    assert "aase@example.dk" in csv.content.decode("utf-8-sig")
    assert client.get("/api/v1/staff/inputs/export.pdf", headers=auth).status_code == 404
    xlsx = client.get("/api/v1/staff/inputs/export.xlsx", headers=auth)
    assert xlsx.content[:2] == b"PK"
    wrong = client.post(
        "/api/v1/staff/token/",
        {"username": "proces", "password": "forkert"},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    logged = AccessLog.objects.filter(username="proces")
    assert sorted(logged.values_list("kind", flat=True)) == ["api", "export", "export"]


def test_openapi_schema_describes_the_input_endpoints(client: Client) -> None:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/processes/{slug}/inputs/" in response.content
