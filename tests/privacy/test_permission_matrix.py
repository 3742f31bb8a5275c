"""The permission matrix (`privacy.matrix`) as a table over real HTTP: every audience × every
staff page, export and API that shows inputs, contact data or registrations. A cell is either
allowed (the page answers, and shows contact data only where the matrix says so) or refused
(login, 403 or 404 – and then nothing personal in the answer)."""

from dataclasses import dataclass

import pytest

from dialogportal.accounts.models import Role
from dialogportal.accounts.services import sync_roles
from dialogportal.privacy.matrix import MATRIX, Action, Audience, Data, allowed, role_permissions
from tests.privacy import scenario

pytestmark = pytest.mark.django_db

A = Audience
EVERYONE = frozenset(Audience)
MANAGERS = frozenset({A.PROCESS_MANAGER, A.ADMINISTRATOR})
MODERATORS = MANAGERS | {A.MODERATOR}
SECRETARIES = MANAGERS | {A.COMMITTEE_SECRETARY}
FEEDBACK_READERS = MODERATORS | {A.COMMITTEE_SECRETARY}
NONE: frozenset[Audience] = frozenset()


@dataclass(frozen=True)
class Row:
    name: str
    path: str
    allowed: frozenset[Audience]
    shows_contact_data: frozenset[Audience] = NONE
    shows_pending_text: frozenset[Audience] = NONE


ROWS = [
    Row("staff input list", "/medarbejder/input/", SECRETARIES, NONE, MANAGERS),
    Row(
        "staff page of a pending input",
        "/medarbejder/input/{pending}/",
        MANAGERS,
        MANAGERS,
        MANAGERS,
    ),
    Row(
        "staff page of the committee's own input",
        "/medarbejder/input/{committee_input}/",
        SECRETARIES,
        MANAGERS,
    ),
    Row("CSV export", "/medarbejder/input/?eksport=csv", MANAGERS, MANAGERS, MANAGERS),
    Row("XLSX export", "/medarbejder/input/?eksport=xlsx", MANAGERS),
    Row("non-public attachment", "/medarbejder/input/bilag/{attachment}/", MANAGERS),
    Row("moderation queue", "/moderering/", MODERATORS, NONE, MODERATORS),
    Row("screening view", "/moderering/input/{pending}/", MODERATORS, NONE, MODERATORS),
    Row("contact page", "/moderering/input/{pending}/kontakt/", MANAGERS, MANAGERS),
    Row("history (no decision yet)", "/moderering/input/{pending}/historik/", MODERATORS),
    Row(
        "feedback page of a pending input",
        "/medarbejder/tilbagemelding/input/{pending}/",
        MANAGERS,
        NONE,
        MANAGERS,
    ),
    Row(
        "feedback page of a published input",
        "/medarbejder/tilbagemelding/input/{published}/",
        FEEDBACK_READERS,
    ),
    Row(
        "dialog meeting staff page",
        "/medarbejder/dialogmoeder/{meeting}/",
        FEEDBACK_READERS,
        MANAGERS,
    ),
    Row("data-subject requests", "/privatliv/registrerede/", MANAGERS),
    Row("retention log", "/privatliv/sletning/", MANAGERS),
    Row("access log", "/privatliv/adgangslog/", frozenset({A.ADMINISTRATOR})),
    Row("moderation API queue", "/api/v1/moderation/queue/", MODERATORS, NONE, MODERATORS),
    Row("staff API (session: token only)", "/api/v1/staff/inputs/", NONE),
]


def _fill(path: str, made: scenario.Scenario) -> str:
    return path.format(**made.ids())


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_permission_matrix_over_http(row: Row) -> None:
    made = scenario.build()
    path = _fill(row.path, made)
    for audience in Audience:
        response = scenario.client_for(audience, made).get(path)
        raw = (
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            if response.streaming
            else response.content
        )
        body = raw.decode("utf-8", "replace") if response.status_code == 200 else ""
        if path.endswith("eksport=xlsx") and response.status_code == 200:
            body = ""  # a zip; the CSV row checks the same rows' contents
        if audience in row.allowed:
            assert response.status_code == 200, (audience, response.status_code)
        elif audience in (A.ANONYMOUS, A.CONTRIBUTOR) and not path.startswith("/api/"):
            assert response.status_code == 302, audience
            assert response["Location"].startswith("/konto/login/"), audience
        else:
            assert response.status_code in (401, 403, 404), (audience, response.status_code)
        shows = any(value in body for value in scenario.CONTACT_DATA)
        assert shows == (audience in row.shows_contact_data), (audience, "contact data")
        assert (scenario.CPR_IN_TEXT in body) == (audience in row.shows_pending_text), (
            audience,
            "pending text",
        )


@pytest.mark.parametrize("audience", list(Audience))
def test_only_managers_get_a_token_for_the_staff_api(audience: Audience) -> None:
    made = scenario.build()
    client = scenario.client_for(audience, made)
    username = audience.value if audience in made.users else "ingen"
    response = client.post(
        "/api/v1/staff/token/",
        {"username": username, "password": "pw-for-tests-123"},
        content_type="application/json",
    )
    if audience not in MANAGERS:
        assert response.status_code == 400
        assert "token" not in response.json()
        return
    token = response.json()["token"]
    listed = client.get("/api/v1/staff/inputs/", headers={"Authorization": f"Token {token}"})
    assert listed.status_code == 200
    assert scenario.PENDING_EMAIL in listed.content.decode()


def test_the_matrix_is_what_the_roles_hold() -> None:
    """No app grants a personal-data permission the matrix does not: each permission named in a
    cell is held by exactly the roles of the cells that name it (administrators hold all)."""
    sync_roles()
    from django.contrib.auth.models import Group

    for cell in MATRIX:
        for permission in cell.permissions:
            app_label, codename = permission.split(".")
            holders = {
                group.name
                for group in Group.objects.filter(
                    permissions__content_type__app_label=app_label,
                    permissions__codename=codename,
                )
            }
            granted = {
                a.value
                for c in MATRIX
                if permission in c.permissions
                for a in c.audiences
                if a.value in Role.values
            }
            assert holders == granted | {Role.ADMINISTRATOR.value}, permission


def test_the_matrix_reads_as_the_documented_rule() -> None:
    assert allowed(A.PROCESS_MANAGER, Data.CONTACT_DATA, Action.VIEW)
    assert not allowed(A.MODERATOR, Data.CONTACT_DATA, Action.VIEW)
    assert not allowed(A.COMMITTEE_SECRETARY, Data.NONPUBLIC_TEXT, Action.VIEW)
    assert allowed(A.COMMITTEE_SECRETARY, Data.COMMITTEE_INPUTS, Action.VIEW)
    assert not any(allowed(A.COMMITTEE_CHAIR, cell.data, cell.action) for cell in MATRIX[1:])
    assert Role.COMMITTEE_CHAIR not in role_permissions()
