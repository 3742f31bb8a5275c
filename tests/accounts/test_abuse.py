"""Attacks on logging in, written as tests first (issue 16: "dozens of wrong passwords, then
success"): the login page, the admin login and the staff API token are locked per account and
per address after AXES_FAILURE_LIMIT failures (django-axes); the token API is throttled too;
tokens expire and can be revoked."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dialogportal.accounts.models import Role
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-123"


def _from(ip: str) -> Client:
    return Client(REMOTE_ADDR=ip)


@pytest.mark.parametrize("path", ["/konto/login/", "/admin/login/"])
def test_wrong_passwords_lock_the_account_even_the_right_one_then_fails(
    settings, path: str
) -> None:
    make_staff("mette", Role.PROCESS_MANAGER)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # From a new address each time: the account itself is what gets locked.
        response = _from(f"198.51.100.{attempt}").post(
            path, {"username": "mette", "password": f"gæt-{attempt}"}
        )
        last = attempt == settings.AXES_FAILURE_LIMIT - 1
        assert response.status_code == (429 if last else 200)  # the form again until locked
    locked = _from("203.0.113.9").post(path, {"username": "mette", "password": PASSWORD})
    assert locked.status_code == 429
    assert "For mange mislykkede login-forsøg" in locked.content.decode()
    assert "_auth_user_id" not in locked.client.session


def test_one_address_is_locked_whichever_accounts_it_tries(settings) -> None:
    make_staff("mette", Role.PROCESS_MANAGER)
    attacker = _from("198.51.100.66")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/konto/login/", {"username": f"bruger{attempt}", "password": "x"})
    response = attacker.post("/konto/login/", {"username": "mette", "password": PASSWORD})
    assert response.status_code == 429
    # Someone else, elsewhere, is not affected.
    other = _from("203.0.113.10").post("/konto/login/", {"username": "mette", "password": PASSWORD})
    assert other.status_code == 302


def test_the_lock_lifts_after_the_cool_off(settings) -> None:
    make_staff("mette", Role.PROCESS_MANAGER)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _from("198.51.100.7").post("/konto/login/", {"username": "mette", "password": "x"})
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        response = _from("198.51.100.7").post(
            "/konto/login/", {"username": "mette", "password": PASSWORD}
        )
    assert response.status_code == 302


def test_the_token_api_locks_the_account_after_failures(settings) -> None:
    make_staff("proces", Role.PROCESS_MANAGER)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = _from(f"198.51.100.{attempt}").post(
            "/api/v1/staff/token/",
            {"username": "proces", "password": f"gæt-{attempt}"},
            content_type="application/json",
        )
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT - 1 else 400)
    locked = _from("203.0.113.5").post(
        "/api/v1/staff/token/",
        {"username": "proces", "password": PASSWORD},
        content_type="application/json",
    )
    assert locked.status_code == 429  # the per-account throttle answers first …
    assert "token" not in locked.json()
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        still = _from("203.0.113.6").post(
            "/api/v1/staff/token/",
            {"username": "proces", "password": PASSWORD},
            content_type="application/json",
        )
    assert still.status_code == 429  # … and once it has passed, the lockout still holds
    assert still.json()["code"] == "locked_out"


def test_the_token_api_is_throttled_per_address(settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "token_address": "3/minute",
        },
    }
    client = _from("198.51.100.99")
    codes = [
        client.post(
            "/api/v1/staff/token/",
            {"username": f"u{n}", "password": "x"},
            content_type="application/json",
        ).status_code
        for n in range(4)
    ]
    assert codes == [400, 400, 400, 429]


def test_a_token_expires_and_can_be_revoked(settings) -> None:
    make_staff("proces", Role.PROCESS_MANAGER)
    client = _from("198.51.100.1")
    data = client.post(
        "/api/v1/staff/token/",
        {"username": "proces", "password": PASSWORD},
        content_type="application/json",
    ).json()
    auth = {"Authorization": f"Token {data['token']}"}
    assert client.get("/api/v1/staff/inputs/", headers=auth).status_code == 200
    later = timezone.now() + timedelta(seconds=settings.STAFF_API_TOKEN_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        expired = client.get("/api/v1/staff/inputs/", headers=auth)
    assert expired.status_code == 401
    assert "udløbet" in expired.json()["detail"]
    fresh = client.post(
        "/api/v1/staff/token/",
        {"username": "proces", "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    auth = {"Authorization": f"Token {fresh}"}
    assert client.delete("/api/v1/staff/token/", headers=auth).status_code == 204
    assert client.get("/api/v1/staff/inputs/", headers=auth).status_code == 401


def test_a_user_who_loses_the_role_loses_the_api_at_once() -> None:
    user = make_staff("proces", Role.PROCESS_MANAGER)
    client = _from("198.51.100.2")
    token = client.post(
        "/api/v1/staff/token/",
        {"username": "proces", "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    user.groups.clear()
    response = client.get("/api/v1/staff/inputs/", headers={"Authorization": f"Token {token}"})
    assert response.status_code == 403
