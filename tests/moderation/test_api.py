import pytest
from rest_framework.authtoken.models import Token

from dialogportal.accounts.models import AccessLog, Role
from dialogportal.inputs.models import Input, ModerationState
from tests.moderation import builders

pytestmark = pytest.mark.django_db


def _auth(role: Role, username: str) -> dict[str, str]:
    token = Token.objects.create(user=builders.staff(username, role))
    return {"Authorization": f"Token {token.key}"}


def test_the_queue_api_lists_waiting_inputs_with_their_hits_and_logs_the_access() -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    response = builders.client().get(
        "/api/v1/moderation/queue/", headers=_auth(Role.MODERATOR, "m")
    )
    assert response.status_code == 200
    entry = response.json()["results"][0]
    assert entry["id"] == item.pk
    assert [(hit["kind"], hit["text"]) for hit in entry["hits"]] == [
        ("cpr", builders.CPR),
        ("phone", builders.PHONE),
    ]
    assert AccessLog.objects.filter(object_type="inputs.input", object_id=item.pk).exists()


def test_a_decision_through_the_api_uses_the_same_rules() -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    auth = _auth(Role.PROCESS_MANAGER, "p")
    url = f"/api/v1/moderation/inputs/{item.pk}/decision/"
    refused = builders.client().post(
        url, {"action": "publish"}, content_type="application/json", headers=auth
    )
    assert refused.status_code == 400
    assert "personoplysninger" in refused.json()["detail"]
    done = builders.client().post(
        url, {"action": "publish_redacted"}, content_type="application/json", headers=auth
    )
    assert done.status_code == 200
    assert done.json()["moderation_state"] == ModerationState.PUBLISHED
    assert done.json()["hits"] == []
    assert Input.objects.get(pk=item.pk).text.count("[fjernet]") == 2


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 401), (Role.COMMITTEE_SECRETARY, 403), (Role.MODERATOR, 200)],
)
def test_the_api_needs_a_moderators_token(role: Role | None, expected: int) -> None:
    builders.submit(builders.process())
    auth = _auth(role, "x") if role else {}
    response = builders.client().get("/api/v1/moderation/queue/", headers=auth)
    assert response.status_code == expected
    if expected == 401:
        assert "token" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ('{"action": "slet alt"}', "application/json"),
        ('{"action": "reject", "reason": ""}', "application/json"),
        ('{"action": "reject", "reason": "' + "x" * 3000 + '"}', "application/json"),
        ("[]", "application/json"),
    ],
)
def test_bad_decision_bodies_get_400_not_500(body: str, content_type: str) -> None:
    item = builders.submit(builders.process())
    response = builders.client().post(
        f"/api/v1/moderation/inputs/{item.pk}/decision/",
        body,
        content_type=content_type,
        headers=_auth(Role.MODERATOR, "m"),
    )
    assert response.status_code == 400
    assert Input.objects.get(pk=item.pk).moderation_state == ModerationState.PENDING


def test_an_unknown_input_is_404() -> None:
    response = builders.client().post(
        "/api/v1/moderation/inputs/999999/decision/",
        {"action": "hide"},
        content_type="application/json",
        headers=_auth(Role.MODERATOR, "m"),
    )
    assert response.status_code == 404


def test_the_openapi_document_describes_the_moderation_api() -> None:
    response = builders.client().get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/moderation/queue/" in response.content
