"""Login with the municipality's identity provider, through Django's test client against a fake
provider on 127.0.0.1 (tests/accounts/oidc_fake.py): the real mozilla-django-oidc, our backend
and our service, over real HTTP."""

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.management import call_command
from django.test import Client

from dialogportal.accounts.models import Role, User
from dialogportal.meetings.models import MeetingStatus
from dialogportal.meetings.services import plan_meeting, set_meeting_status
from tests.accounts.oidc_fake import FakeIdentityProvider
from tests.factories import make_staff
from tests.meetings.builders import future, med_tree

pytestmark = pytest.mark.django_db

AASE = {
    "sub": "5f0c1e2a-aase",
    "preferred_username": "aase.ornso",
    "name": "Åse Ørnsø",
    "email": "aase@randers.example",
    "groups": ["DP-Moderatorer", "Alle-ansatte"],
}


def authorize_url(client: Client, next_url: str = "") -> str:
    start = client.get("/oidc/authenticate/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    return str(start["Location"])


def callback_path(authorize: str) -> str:
    """Ask the fake provider to authorize; it answers with the redirect back to our callback."""
    answer = requests.get(authorize, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/oidc/callback/"
    return f"{back.path}?{back.query}"


def log_in(client: Client, next_url: str = "") -> Any:
    return client.get(callback_path(authorize_url(client, next_url)))


def logged_in_user(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return None if user_id is None else User.objects.get(pk=user_id)


# --- Off by default ----------------------------------------------------------------------------


def test_login_page_has_no_provider_button_when_oidc_is_off(client: Client) -> None:
    page = client.get("/konto/login/")
    assert page.status_code == 200
    assert "Log ind med" not in page.text
    assert "/oidc/" not in page.text


@pytest.mark.parametrize("path", ["/oidc/authenticate/", "/oidc/callback/?code=x&state=y"])
def test_oidc_addresses_answer_404_when_oidc_is_off(client: Client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_settings_without_a_client_id_leave_only_local_login() -> None:
    from django.conf import settings

    # django-axes' lockout backend comes first (docs/privacy.md), then the local accounts.
    assert settings.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]


# --- The login page ------------------------------------------------------------------------------


def test_login_page_shows_the_provider_button_above_the_local_form(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    page = client.get("/konto/login/?next=/udvalg/")
    assert "Log ind med Randers Login" in page.text
    assert page.text.index("Log ind med Randers Login") < page.text.index('name="password"')
    assert 'href="/oidc/authenticate/?next=/udvalg/"' in page.text


def test_login_starts_at_the_provider_with_state_nonce_and_pkce(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    url = urlsplit(authorize_url(client))
    query = parse_qs(url.query)
    assert f"{url.scheme}://{url.netloc}{url.path}" == oidc.endpoint("authorize")
    assert query["client_id"] == ["dialogportal-test"]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert query["scope"] == ["openid email profile"]
    assert {"state", "nonce", "code_challenge"} <= query.keys()


# --- Users and roles -----------------------------------------------------------------------------


def test_first_login_creates_the_user_with_roles_from_groups(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = dict(AASE)
    response = log_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/medarbejder/"  # the staff home
    user = logged_in_user(client)
    assert user is not None
    assert user.oidc_subject == AASE["sub"]
    assert user.username == "aase.ornso"
    assert user.full_name == "Åse Ørnsø"
    assert user.email == "aase@randers.example"
    assert not user.has_usable_password()
    assert user.has_role(Role.MODERATOR)
    assert not user.has_role(Role.COMMITTEE_SECRETARY)
    assert user.oidc_roles == ["moderator"]
    assert not user.is_staff  # moderators do not use the admin site
    assert not user.is_superuser


def test_second_login_updates_name_and_email_and_maps_roles_again(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = dict(AASE)
    log_in(client)
    user = User.objects.get(oidc_subject=AASE["sub"])
    # A role given here by hand is not the identity provider's to take away.
    user.groups.add(*make_staff("x", Role.ADMINISTRATOR).groups.all())
    client.post("/konto/logout/")

    oidc.claims = {
        **AASE,
        "name": "Åse Ørnsø Hansen",
        "email": "aase.hansen@randers.example",
        "groups": ["DP-Sekretariat", "DP-Proces"],
    }
    response = log_in(client)
    assert response.status_code == 302
    user.refresh_from_db()
    assert logged_in_user(client) == user
    assert User.objects.filter(oidc_subject=AASE["sub"]).count() == 1
    assert user.full_name == "Åse Ørnsø Hansen"
    assert user.email == "aase.hansen@randers.example"
    assert not user.has_role(Role.MODERATOR)
    assert user.has_role(Role.COMMITTEE_SECRETARY)
    assert user.has_role(Role.PROCESS_MANAGER)
    assert user.has_role(Role.ADMINISTRATOR)
    assert user.is_staff  # process managers use the admin site


def test_users_are_matched_on_sub_never_on_email(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    local = make_staff("aase.ornso", Role.ADMINISTRATOR)
    User.objects.filter(pk=local.pk).update(email=AASE["email"])
    oidc.claims = {**AASE, "groups": []}
    log_in(client)
    user = logged_in_user(client)
    assert user is not None
    assert user.pk != local.pk
    assert user.username == "aase.ornso-2"
    assert not user.has_role(Role.ADMINISTRATOR)
    local.refresh_from_db()
    assert local.oidc_subject is None


def test_username_falls_back_to_the_email_local_part(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = {"sub": "s-1", "email": "bo.orsted@randers.example"}
    log_in(client)
    user = logged_in_user(client)
    assert user is not None
    assert (user.username, user.email, user.full_name) == ("bo.orsted", oidc.claims["email"], "")


def test_username_from_an_address_django_cannot_store(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = {"sub": "s-2", "email": "bo.ørsted@randers.example"}
    log_in(client)
    user = logged_in_user(client)
    assert user is not None
    assert (user.username, user.email) == ("bo.ørsted", "")


def test_next_address_is_kept_through_the_round_trip(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = dict(AASE)
    response = log_in(client, next_url="/udvalg/")
    assert response["Location"] == "/udvalg/"


def test_employee_without_groups_reads_med_minutes_but_not_the_secretariat(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    main, _ = med_tree(sectors=1)
    meeting = plan_meeting(committee=main, held_on=future(), with_standard_items=False)
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED)
    assert client.get(f"/moeder/{meeting.pk}/")["Location"].startswith("/konto/login/")

    oidc.claims = {**AASE, "groups": ["Alle-ansatte"]}
    log_in(client)
    user = logged_in_user(client)
    assert user is not None
    assert user.groups.count() == 0
    assert client.get("/udvalg/hmu/").status_code == 200
    assert client.get(f"/moeder/{meeting.pk}/").status_code == 200
    assert client.get("/sekretariat/").status_code == 403


def test_deactivated_user_is_refused_and_left_unchanged(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = dict(AASE)
    log_in(client)
    client.post("/konto/logout/")
    User.objects.filter(oidc_subject=AASE["sub"]).update(is_active=False)

    oidc.claims = {**AASE, "name": "Ny Navn", "groups": ["DP-Proces"]}
    response = log_in(client)
    assert response.status_code == 403
    assert "Din konto er deaktiveret" in response.text
    assert logged_in_user(client) is None
    user = User.objects.get(oidc_subject=AASE["sub"])
    assert user.full_name == "Åse Ørnsø"
    assert not user.has_role(Role.PROCESS_MANAGER)


def test_deactivating_a_user_ends_their_open_session(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = dict(AASE)
    log_in(client)
    User.objects.filter(oidc_subject=AASE["sub"]).update(is_active=False)
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_local_login_still_works_beside_oidc(client: Client, oidc: FakeIdentityProvider) -> None:
    make_staff("mette", Role.MODERATOR)
    response = client.post("/konto/login/", {"username": "mette", "password": "pw-for-tests-123"})
    assert response.status_code == 302
    assert oidc.requests_seen == []


# --- Hostile and unusual claims ------------------------------------------------------------------


def test_hostile_claims_are_cleaned_and_shown_escaped(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = {
        "sub": "evil-1",
        "preferred_username": "<b>åse</b>\x00\u202e",
        "name": '<script>alert("x")</script> Åse\x00 Ørnsø\u202e\u200b\ud800\ue000 '
        + "x" * 100_000,
        "email": "<script>@nope",
        "groups": [*(["g" * 500] * 5_000), {"x": 1}, 5, None, "DP-Moderatorer"],
    }
    assert log_in(client).status_code == 302
    user = logged_in_user(client)
    assert user is not None
    assert user.full_name.startswith('<script>alert("x")</script> Åse Ørnsø xxx')
    assert len(user.full_name) == 200
    assert not set(user.full_name) & {"\x00", "\u202e", "\u200b", "\ud800", "\ue000"}
    assert user.username == "båseb"
    assert user.email == ""
    assert user.has_role(Role.MODERATOR)
    page = client.get("/").text
    assert "&lt;script&gt;alert" in page
    assert '<script>alert("x")' not in page


def test_danish_letters_are_kept_exactly(client: Client, oidc: FakeIdentityProvider) -> None:
    oidc.claims = {
        "sub": "dk-1",
        "preferred_username": "åse.ørnsø",
        "given_name": "Åse",
        "family_name": "Ørnsø",
        "email": "åse@ørnsø.example",
    }
    log_in(client)
    user = logged_in_user(client)
    assert user is not None
    assert (user.username, user.full_name) == ("åse.ørnsø", "Åse Ørnsø")
    assert "Åse Ørnsø" in client.get("/").text


# --- Bad answers: a clear Danish page, nothing created, nobody logged in -------------------------


def _now() -> int:
    return int(time.time())


BAD_PROVIDER_ANSWERS: dict[str, tuple[dict[str, Any], int, str]] = {
    # case: (changes to the fake provider, status, part of the message)
    "wrong nonce": ({"id_token_changes": {"nonce": "forkert"}}, 400, "kunne ikke godkendes"),
    "expired id_token": (
        {"id_token_changes": {"exp": _now() - 600, "iat": _now() - 900}},
        400,
        "kunne ikke godkendes",
    ),
    "id_token without expiry": ({"id_token_changes": {"exp": None}}, 400, "kunne ikke godkendes"),
    "badly signed id_token": ({"sign_with_other_key": True}, 400, "kunne ikke godkendes"),
    "id_token for another client": (
        {"id_token_changes": {"aud": "en-anden-klient"}},
        400,
        "kunne ikke godkendes",
    ),
    "id_token from another issuer": (
        {"id_token_changes": {"iss": "https://login.example.invalid"}},
        400,
        "kunne ikke godkendes",
    ),
    "missing sub": ({"claims": {**AASE, "sub": None}}, 400, "manglede oplysninger"),
    "sub with a NUL byte": ({"claims": {**AASE, "sub": "a\x00b"}}, 400, "manglede oplysninger"),
    "userinfo about someone else": (
        {"userinfo_changes": {"sub": "en-anden"}},
        400,
        "kunne ikke godkendes",
    ),
    "token answer is HTML": (
        {"token_answer": (200, "text/html", b"<html>Fejl</html>")},
        502,
        "vi ikke kunne bruge",
    ),
    "token endpoint fails": ({"token_answer": (500, "text/plain", b"oops")}, 502, "ikke kunne"),
    "token answer is a JSON list": (
        {"token_answer": (200, "application/json", b"[1, 2]")},
        502,
        "vi ikke kunne bruge",
    ),
    "token answer has no id_token": (
        {"token_answer": (200, "application/json", b'{"access_token": "x"}')},
        400,
        "kunne ikke godkendes",
    ),
    "id_token is not a JWT": (
        {"token_answer": (200, "application/json", b'{"access_token": "x", "id_token": "abc"}')},
        400,
        "kunne ikke godkendes",
    ),
    "userinfo is not JSON": (
        {"userinfo_answer": (200, "text/html", b"<p>nej</p>")},
        502,
        "vi ikke kunne bruge",
    ),
    "userinfo is a JSON list": (
        {"userinfo_answer": (200, "application/json", b"[]")},
        400,
        "kunne ikke godkendes",
    ),
    "JWKS is not JSON": ({"jwks_answer": (200, "text/plain", b"nej")}, 502, "vi ikke kunne bruge"),
    "JWKS without keys": (
        {"jwks_answer": (200, "application/json", b"{}")},
        502,
        "vi ikke kunne bruge",
    ),
}


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    list(BAD_PROVIDER_ANSWERS.values()),
    ids=list(BAD_PROVIDER_ANSWERS),
)
def test_bad_answer_from_the_provider_gets_a_danish_page_and_creates_nothing(
    client: Client, oidc: FakeIdentityProvider, changes: dict[str, Any], status: int, message: str
) -> None:
    oidc.claims = dict(AASE)
    for name, value in changes.items():
        setattr(oidc, name, value)
    response = log_in(client, next_url="/udvalg/")
    assert response.status_code == status
    assert "Login mislykkedes" in response.text
    assert message in response.text
    assert 'href="/oidc/authenticate/?next=%2Fudvalg%2F"' in response.text  # nothing lost
    assert User.objects.count() == 0
    assert logged_in_user(client) is None


def test_provider_down_gets_a_danish_page(
    client: Client, oidc: FakeIdentityProvider, settings: Any
) -> None:
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # the discard port: refused
    oidc.claims = dict(AASE)
    response = log_in(client)
    assert response.status_code == 502
    assert "Randers Login svarer ikke lige nu" in response.text
    assert User.objects.count() == 0


def test_provider_too_slow_gets_a_danish_page(
    client: Client, oidc: FakeIdentityProvider, settings: Any
) -> None:
    settings.OIDC_TIMEOUT = 0.3
    oidc.delay_seconds = 1.0
    oidc.claims = dict(AASE)
    response = log_in(client)
    assert response.status_code == 502
    assert "svarer ikke lige nu" in response.text
    assert User.objects.count() == 0


def test_unknown_state_is_refused(client: Client, oidc: FakeIdentityProvider) -> None:
    oidc.claims = dict(AASE)
    path = callback_path(authorize_url(client))
    query = parse_qs(urlsplit(path).query)
    response = client.get(f"/oidc/callback/?code={query['code'][0]}&state=forfalsket")
    assert response.status_code == 400
    assert "Login-forsøget er udløbet eller blev ikke startet her" in response.text
    assert User.objects.count() == 0


def test_answer_in_another_browser_session_is_refused(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = dict(AASE)
    path = callback_path(authorize_url(client))
    response = Client().get(path)
    assert response.status_code == 400
    assert "udløbet" in response.text
    assert User.objects.count() == 0


def test_replayed_answer_is_refused(client: Client, oidc: FakeIdentityProvider) -> None:
    oidc.claims = dict(AASE)
    path = callback_path(authorize_url(client))
    assert client.get(path).status_code == 302
    client.post("/konto/logout/")
    response = client.get(path)
    assert response.status_code == 400
    assert logged_in_user(client) is None


@pytest.mark.parametrize("query", ["", "?code=abc", "?state=abc", "?error=access_denied&state=abc"])
def test_incomplete_callback_gets_a_danish_page(
    client: Client, oidc: FakeIdentityProvider, query: str
) -> None:
    authorize_url(client)
    response = client.get(f"/oidc/callback/{query}")
    assert response.status_code == 400
    assert "Login mislykkedes" in response.text
    assert User.objects.count() == 0


def test_refusal_at_the_provider_says_so(client: Client, oidc: FakeIdentityProvider) -> None:
    state = parse_qs(urlsplit(authorize_url(client)).query)["state"][0]
    response = client.get(f"/oidc/callback/?error=access_denied&state={state}")
    assert "Login blev afbrudt eller afvist hos Randers Login" in response.text
    assert state not in client.session.get("oidc_states", {})


# --- Logout --------------------------------------------------------------------------------------


def test_logout_ends_the_session_at_the_provider_too(
    client: Client, oidc: FakeIdentityProvider, settings: Any
) -> None:
    settings.OIDC_OP_END_SESSION_ENDPOINT = oidc.endpoint("logout")
    oidc.claims = dict(AASE)
    log_in(client)
    id_token = client.session["oidc_id_token"]
    response = client.post("/konto/logout/")
    assert logged_in_user(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == oidc.endpoint("logout")
    query = parse_qs(location.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert query["client_id"] == ["dialogportal-test"]


def test_logout_stays_local_without_an_end_session_endpoint(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = dict(AASE)
    log_in(client)
    response = client.post("/konto/logout/")
    assert response["Location"] == "/"
    assert logged_in_user(client) is None


def test_local_user_logout_stays_local_even_with_an_end_session_endpoint(
    client: Client, oidc: FakeIdentityProvider, settings: Any
) -> None:
    settings.OIDC_OP_END_SESSION_ENDPOINT = oidc.endpoint("logout")
    client.force_login(make_staff("mette", Role.MODERATOR))
    assert client.post("/konto/logout/")["Location"] == "/"


# --- Configuration -------------------------------------------------------------------------------


def test_system_check_warns_about_a_group_mapped_to_no_role(
    settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.OIDC_ROLE_MAP = {"DP-Chefer": "chef"}
    call_command("check", "--tag", "security")
    assert "accounts.W001" in capsys.readouterr().err


def test_admin_shows_the_openid_connect_id_and_roles(
    client: Client, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = dict(AASE)
    log_in(client)
    user = User.objects.get(oidc_subject=AASE["sub"])
    client.force_login(make_staff("anna", Role.ADMINISTRATOR))
    page = client.get(f"/admin/accounts/user/{user.pk}/change/")
    assert page.status_code == 200
    assert str(AASE["sub"]) in page.text
    assert "moderator" in page.text
