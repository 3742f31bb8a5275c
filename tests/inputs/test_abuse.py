"""Attacks on the submission path, written as tests first (issue 16): one host with many
addresses in one network, near-identical texts, attachments that fill the disk, a replayed
idempotency key, nested and huge JSON. Each refusal is a clear Danish message and stores
nothing; what was accepted is stored before it is acknowledged."""

import io
import json
from typing import Any

import pytest
from django.test import Client

from dialogportal.inputs.models import Input
from dialogportal.inputs.services import CONSENT_TEXT_VERSION, submit_input
from dialogportal.processes.models import Process
from tests.factories import PDF_BYTES, first_area, make_process
from tests.inputs.helpers import form_data

pytestmark = pytest.mark.django_db

API = "/api/v1/processes/by/inputs/"


@pytest.fixture
def process() -> Process:
    return make_process(slug="by")


def _submit(process: Process, *, ip: str, text: str, **extra: Any) -> Input:
    return submit_input(
        process=process,
        focus_area=first_area(process),
        text=text,
        contributor_type="citizen",
        consent_text_version=CONSENT_TEXT_VERSION,
        submitted_ip=ip,
        **extra,
    )


def _api(ip: str, data: dict[str, Any], **headers: str) -> Any:
    body = {
        "focus_area": "omraade-1",
        "contributor_type": "citizen",
        "consent_publish_name": False,
        "consent_contact": False,
        **data,
    }
    return Client(REMOTE_ADDR=ip).post(
        API, json.dumps(body), content_type="application/json", headers=headers
    )


def test_many_addresses_of_one_ipv4_network_share_one_limit(settings, process: Process) -> None:
    settings.INPUT_NETWORK_RATE_LIMIT = 5
    codes = [
        _api(f"198.51.100.{n}", {"text": f"Forslag nummer {n}: flere træer i byen."}).status_code
        for n in range(1, 9)
    ]
    assert codes == [201] * 5 + [429] * 3
    assert Input.objects.count() == 5
    assert _api("198.51.101.1", {"text": "Et andet net må stadig give input."}).status_code == 201


def test_an_ipv6_host_cannot_rotate_through_its_slash_64(settings, process: Process) -> None:
    settings.INPUT_NETWORK_RATE_LIMIT = 3
    codes = [
        _api(f"2001:db8:0:1::{n:x}", {"text": f"Input {n} om cykelstier og busser."}).status_code
        for n in range(1, 6)
    ]
    assert codes == [201, 201, 201, 429, 429]
    # Another /56 is another household.
    assert _api("2001:db8:0:200::1", {"text": "Fra naboen om cykelstier."}).status_code == 201


def test_near_identical_texts_from_one_network_are_limited(settings, process: Process) -> None:
    settings.INPUT_SAME_TEXT_PER_NETWORK_LIMIT = 2
    texts = ["Luk skolen i Spentrup!", "luk skolen i spentrup 2", "LUK SKOLEN I SPENTRUP!!! 3"]
    codes = [_api(f"198.51.100.{i}", {"text": t}).status_code for i, t in enumerate(texts, 1)]
    assert codes == [201, 201, 429]
    assert "kontakt kommunen" in _api("198.51.100.9", {"text": texts[0]}).json()["detail"]


def test_a_campaign_from_many_networks_gets_in(settings, process: Process) -> None:
    """Many people sending the same text is a campaign, not a flood (the analysis groups it)."""
    settings.INPUT_SAME_TEXT_PER_NETWORK_LIMIT = 2
    codes = [
        _api(f"198.51.{n}.10", {"text": "Bevar biblioteksfilialen i Langå!"}).status_code
        for n in range(20)
    ]
    assert codes == [201] * 20


def test_attachments_have_a_budget_per_network(settings, process: Process) -> None:
    settings.INPUT_ATTACHMENT_BUDGET_PER_NETWORK = len(PDF_BYTES) * 2
    for n in range(2):
        _submit(
            process,
            ip=f"198.51.100.{n + 1}",
            text=f"Se mit bilag nummer {n}, tak.",
            attachments=[("bilag.pdf", io.BytesIO(PDF_BYTES))],
        )
    with pytest.raises(Exception, match="mange input"):
        _submit(
            process,
            ip="198.51.100.3",
            text="Endnu et bilag fra samme net.",
            attachments=[("bilag.pdf", io.BytesIO(PDF_BYTES))],
        )
    assert Input.objects.count() == 2
    # Without an attachment the same network may still write.
    _submit(process, ip="198.51.100.4", text="Nu uden bilag, bare tekst.")


def test_the_municipalitys_own_network_is_exempt_from_the_address_limits(
    settings, process: Process
) -> None:
    settings.INPUT_RATE_LIMIT = 2
    settings.INPUT_LIMIT_EXEMPT_NETWORKS = ["10.20.0.0/16"]
    for n in range(5):
        _submit(process, ip="10.20.1.1", text=f"Medarbejder {n} på rådhuset har en idé.")
    assert Input.objects.count() == 5


def test_a_form_key_replayed_from_another_browser_never_shows_the_first_receipt(
    process: Process,
) -> None:
    """The attack from issue 16: the key was per process, so another person's key and text gave
    back their private receipt link."""
    url = "/processer/by/fokus/omraade-1/giv-input/"
    victim, attacker = Client(), Client()
    victim.get(url)  # the form sets the browser's CSRF cookie
    attacker.get(url)
    data = form_data(submission_key="kendt-noegle-123")
    first = victim.post(url, data)
    assert first.status_code == 302
    victim_input = Input.objects.get()
    replay = attacker.post(url, data)
    assert replay.status_code == 302
    assert victim_input.receipt_token not in replay["Location"]
    assert Input.objects.count() == 2  # the attacker's copy is the attacker's own input
    again = victim.post(url, data)  # a double click from the victim's browser
    assert again["Location"].startswith(victim_input.get_receipt_url())
    assert Input.objects.count() == 2


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 1000 + "]" * 1000,
        '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {"j": {"k": 1}}}}}}}}}}}',
    ],
    ids=["2 KB of nesting", "10 KB of nesting in a field", "11 levels"],
)
def test_deeply_nested_json_is_a_400_in_danish(process: Process, raw: str) -> None:
    response = Client().post(API, raw, content_type="application/json")
    assert response.status_code == 400
    assert "indlejret" in response.json()["detail"]
    assert Input.objects.count() == 0


def test_a_huge_body_is_refused_before_it_is_parsed(process: Process) -> None:
    raw = json.dumps({"text": "æ" * 400_000})
    response = Client().post(API, raw, content_type="application/json")
    assert response.status_code == 400
    assert "for stor" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/moderation/inputs/1/decision/", "/api/v1/staff/token/"])
def test_every_json_endpoint_refuses_nesting_the_same_way(path: str) -> None:
    response = Client().post(path, "[" * 3000 + "]" * 3000, content_type="application/json")
    assert response.status_code in (400, 401, 403)
    assert response.status_code != 500
