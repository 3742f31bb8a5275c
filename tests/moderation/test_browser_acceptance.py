"""Issue 4's acceptance flow in a real browser (Debian's chromium through Playwright, axe-core on
the moderation pages): submit CPR + phone → highlighted in the queue → one click redacts, one
click publishes → the public page and the API show "[fjernet]" → the original is in the history
for moderators only."""

from typing import Any

import pytest

from dialogportal.accounts.models import Role
from dialogportal.inputs.models import Input, ModerationState
from tests.browser_support import CHROMIUM, assert_accessible, new_page
from tests.moderation import builders

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="no chromium"),
]

CPR = "010190-1234"
PHONE = "20 30 40 50"


def test_a_cpr_number_and_a_phone_number_are_redacted_before_anything_is_public(
    page: Any, browser: Any, live_server: Any, settings: Any
) -> None:
    settings.INPUT_MIN_SECONDS_TO_SUBMIT = 0
    made = builders.process(slug="fremtiden")
    area = made.focus_areas.order_by("order").first()
    assert area is not None
    builders.staff("moderator", Role.MODERATOR)

    contributor = new_page(browser)
    contributor.goto(f"{live_server.url}/processer/fremtiden/fokus/{area.slug}/giv-input/")
    contributor.fill("#id_text", f"Bussen skal køre oftere. Mit CPR-nummer er {CPR}, ring {PHONE}.")
    contributor.check("input[name=contributor_type][value=citizen]")
    contributor.check("#id_accept_privacy")
    contributor.get_by_role("button", name="Send input").click()
    contributor.wait_for_url("**/kvittering/**")
    item = Input.objects.get()
    assert item.moderation_state == ModerationState.PENDING

    page.goto(f"{live_server.url}/konto/login/?next=/moderering/")
    page.fill("#id_username", "moderator")
    page.fill("#id_password", "pw-for-tests-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/moderering/")
    assert page.locator('mark[data-hit-kind="cpr"]').first.inner_text().startswith(CPR)
    assert page.locator('mark[data-hit-kind="phone"]').first.inner_text().startswith(PHONE)
    assert_accessible(page)

    page.get_by_role("link", name=f"Input nr. {item.pk}").click()
    page.wait_for_url(f"**/moderering/input/{item.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Fjern alle fund (erstat med »[fjernet]«)").click()
    page.wait_for_url(f"**/moderering/input/{item.pk}/")
    page.get_by_role("button", name="Offentliggør", exact=True).click()
    page.wait_for_url(f"**/moderering/input/{item.pk}/")
    assert page.locator("#moderation-state").inner_text() == "Offentliggjort"

    visitor = new_page(browser)
    visitor.goto(f"{live_server.url}/processer/fremtiden/fokus/{area.slug}/")
    body = visitor.locator("main").inner_text()
    assert "[fjernet]" in body
    assert CPR not in body
    assert PHONE not in body
    api = visitor.request.get(f"{live_server.url}/api/v1/processes/fremtiden/inputs/").json()
    assert api["results"][0]["text"].count("[fjernet]") == 2

    page.goto(f"{live_server.url}/moderering/input/{item.pk}/historik/")
    history = page.locator("main").inner_text()
    assert CPR in history
    assert PHONE in history
    assert_accessible(page)
    visitor.goto(f"{live_server.url}/moderering/input/{item.pk}/historik/")
    assert "/konto/login/" in visitor.url
    assert CPR not in visitor.locator("main").inner_text()
