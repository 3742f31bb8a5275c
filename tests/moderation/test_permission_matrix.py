"""Every moderation action and every page that shows personal data, for every kind of visitor:
anonymous, a contributor holding a receipt link, moderator, process manager and administrator."""

from dataclasses import dataclass

import pytest
from django.test import Client

from dialogportal.accounts.models import AccessLog, Role
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.moderation.execution import screen_input_now
from dialogportal.moderation.models import ModerationDecision
from dialogportal.moderation.services import hide_input, publish_input
from tests.moderation import builders

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "contributor", "moderator", "process_manager", "administrator")
STAFF_ROLES = {
    "moderator": Role.MODERATOR,
    "process_manager": Role.PROCESS_MANAGER,
    "administrator": Role.ADMINISTRATOR,
}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    data: dict[str, str]
    allowed: frozenset[str]
    ok_status: int
    shows_personal_data: bool = False


MODERATORS = frozenset({"moderator", "process_manager", "administrator"})
MANAGERS = frozenset({"process_manager", "administrator"})
ADMINS = frozenset({"administrator"})
EVERYONE = frozenset(ROLES)

# {pending}, {hidden}, {published}, {attachment} are filled in per test.
CASES = [
    Case("queue", "get", "/moderering/", {}, MODERATORS, 200, True),
    Case(
        "detail of pending input", "get", "/moderering/input/{pending}/", {}, MODERATORS, 200, True
    ),
    Case("detail of hidden input", "get", "/moderering/input/{hidden}/", {}, MODERATORS, 200, True),
    Case("history", "get", "/moderering/input/{pending}/historik/", {}, MODERATORS, 200, True),
    Case("contact data", "get", "/moderering/input/{pending}/kontakt/", {}, MANAGERS, 200, True),
    Case(
        "attachment download",
        "get",
        "/moderering/input/{pending}/bilag/{attachment}/hent/",
        {},
        MODERATORS,
        200,
        True,
    ),
    Case(
        "publish",
        "post",
        "/moderering/input/{pending}/beslut/",
        {"action": "publish", "confirm_hits": "on"},
        MODERATORS,
        302,
    ),
    Case(
        "publish with redaction",
        "post",
        "/moderering/input/{pending}/beslut/",
        {"action": "publish_redacted"},
        MODERATORS,
        302,
    ),
    Case(
        "hide", "post", "/moderering/input/{pending}/beslut/", {"action": "hide"}, MODERATORS, 302
    ),
    Case(
        "reject",
        "post",
        "/moderering/input/{pending}/beslut/",
        {"action": "reject", "reason": "Uden for emnet"},
        MODERATORS,
        302,
    ),
    Case("redact all", "post", "/moderering/input/{pending}/fjern/", {"all": "1"}, MODERATORS, 302),
    Case(
        "edit text",
        "post",
        "/moderering/input/{pending}/ret/",
        {"title": "", "text": "Ny tekst her"},
        MODERATORS,
        302,
    ),
    Case(
        "bulk hide",
        "post",
        "/moderering/samlet/",
        {"inputs": "{pending}", "action": "hide"},
        MODERATORS,
        302,
    ),
    Case(
        "attachment decision",
        "post",
        "/moderering/input/{pending}/bilag/{attachment}/",
        {"publicity": "public"},
        MODERATORS,
        302,
    ),
    Case("subject request page", "get", "/privatliv/registrerede/", {}, MANAGERS, 200),
    Case(
        "subject search",
        "post",
        "/privatliv/registrerede/",
        {"email": "karen@example.dk"},
        MANAGERS,
        200,
        True,
    ),
    Case(
        "subject export JSON",
        "post",
        "/privatliv/registrerede/eksport.json",
        {"email": "karen@example.dk"},
        MANAGERS,
        200,
        True,
    ),
    Case(
        "subject export PDF",
        "post",
        "/privatliv/registrerede/eksport.pdf",
        {"email": "karen@example.dk"},
        MANAGERS,
        200,
        True,
    ),
    Case(
        "subject erase",
        "post",
        "/privatliv/registrerede/slet/",
        {"email": "karen@example.dk", "confirm": "on"},
        MANAGERS,
        302,
        True,
    ),
    Case("access log", "get", "/privatliv/adgangslog/", {}, ADMINS, 200),
    Case("retention log", "get", "/privatliv/sletning/", {}, MANAGERS, 200),
    Case(
        "report form of a published input", "get", "/input/{published}/anmeld/", {}, EVERYONE, 200
    ),
    Case(
        "report a published input",
        "post",
        "/input/{published}/anmeld/",
        {"reason": "spam"},
        EVERYONE,
        200,
    ),
]


def _client_for(role: str, receipt_url: str) -> Client:
    client = builders.client(ROLES.index(role))
    if role == "contributor":
        # The contributor has only the private receipt link, which must not open any staff page.
        client.get(receipt_url)
    elif role in STAFF_ROLES:
        client.force_login(builders.staff(role, STAFF_ROLES[role]))
    return client


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_permission_matrix(case: Case) -> None:
    """One case, every role in turn. Roles are ordered so that every refused role comes before
    the first allowed one; a refusal must leave no trace (no decision, no log, no change)."""
    made = builders.process()
    pending = builders.submit(
        made,
        builders.TEXT_WITH_CPR_AND_PHONE,
        attachments=[("bilag.pdf", builders.pdf_with_text("Bilag med tekst"))],
    )
    screen_input_now(input_id=pending.pk)
    hidden = builders.submit(made, email="anden@example.dk", ip="192.0.2.8")
    published = builders.submit(made, email="tredje@example.dk", ip="192.0.2.9")
    system = builders.staff("system", Role.MODERATOR)
    hide_input(item=hidden, acting_user=system)
    publish_input(item=published, acting_user=system)
    decisions_before = ModerationDecision.objects.count()
    values = {
        "pending": pending.pk,
        "hidden": hidden.pk,
        "published": published.pk,
        "attachment": pending.attachments.get().pk,
    }
    path = case.path.format(**values)
    data = {key: value.format(**values) for key, value in case.data.items()}

    for role in ROLES:
        client = _client_for(role, pending.get_receipt_url())
        response = getattr(client, case.method)(path, data)
        if role in case.allowed:
            assert response.status_code == case.ok_status, (role, response.content[:300])
            if case.shows_personal_data and role in STAFF_ROLES:
                assert AccessLog.objects.filter(username=role).exists(), role
            continue
        if role in STAFF_ROLES:
            assert response.status_code == 403, role
        else:
            assert response.status_code == 302, role
            assert response["Location"].startswith("/konto/"), role
        assert ModerationDecision.objects.count() == decisions_before, role
        assert not AccessLog.objects.exists(), role
        unchanged = Input.objects.get(pk=pending.pk)
        assert unchanged.moderation_state == ModerationState.PENDING, role
        assert unchanged.text == builders.TEXT_WITH_CPR_AND_PHONE, role


@pytest.mark.parametrize("role", ROLES)
def test_no_one_can_report_an_input_that_is_not_published(role: str) -> None:
    made = builders.process()
    pending = builders.submit(made)
    client = _client_for(role, pending.get_receipt_url())
    assert client.get(f"/input/{pending.pk}/anmeld/").status_code == 404
    assert client.post(f"/input/{pending.pk}/anmeld/", {"reason": "spam"}).status_code == 404
