"""REST API: an input's status and answer by its receipt token; the public per-area summary."""

import pytest
from django.test import Client

from tests.feedback import scenario

pytestmark = pytest.mark.django_db


def test_status_and_answer_by_receipt_token() -> None:
    made = scenario.build()
    response = Client().get(f"/api/v1/feedback/receipts/{made.anonymous.receipt_token}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["status"] == "answered_elsewhere"
    assert data["status_label"] == "Besvaret andetsteds"
    assert data["answer"] == scenario.OWN_ANSWER
    assert data["answer_scope"] == "input"
    waiting = Client().get(f"/api/v1/feedback/receipts/{made.pending.receipt_token}/").json()
    assert waiting["answer"] is None
    assert waiting["status"] == "received"


@pytest.mark.parametrize("token", ["ukendt", "x" * 65, "%00", "' OR 1=1 --"])
def test_an_unknown_receipt_token_is_not_found(token: str) -> None:
    scenario.build()
    assert Client().get(f"/api/v1/feedback/receipts/{token}/").status_code == 404


def test_the_public_summary_per_area_has_counts_themes_answers_and_public_quotes_only() -> None:
    scenario.build()
    response = Client().get("/api/v1/processes/fremtiden/feedback/")
    assert response.status_code == 200
    data = response.json()
    first, second = data["areas"]
    assert first["focus_area"] == "omraade-1"
    assert first["received"] == 3
    assert first["published"] == 2
    assert first["by_channel"] == {"web": 2}  # stable codes, not translated labels
    [theme] = first["themes"]
    assert theme["label"] == "Renovering af boliger"
    assert theme["size"] == 3
    assert theme["status"] == "used"
    assert theme["answer"] == scenario.THEME_ANSWER
    assert theme["outcomes"] == [scenario.OUTCOME]
    assert theme["quotes"] == ["Boligerne i midtbyen er slidte og skal renoveres."]
    assert second["themes"][0]["answer"] is None
    body = response.text
    for secret in scenario.NEVER_PUBLIC:
        assert secret not in body


def test_the_summary_appears_in_the_openapi_schema() -> None:
    schema = Client().get("/api/schema/").text
    assert "/api/v1/feedback/receipts/{token}/" in schema
    assert "/api/v1/processes/{slug}/feedback/" in schema
