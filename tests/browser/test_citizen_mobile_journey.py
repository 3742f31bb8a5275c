"""Issue 18's acceptance for citizens in a real browser: on a 390 px phone, with the keyboard
only, a citizen goes from the front page's "Giv input" to the form, sends it empty and gets every
error at once with the focus on the summary, fills it in and gets a receipt – no page scrolls
sideways, axe passes on each."""

from typing import Any

import pytest
from playwright.sync_api import expect

from dialogportal.inputs.models import Input
from tests.browser_support import assert_accessible
from tests.factories import make_process

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "Lav en sikker cykelsti langs åen til skolen – mange børn cykler der hver dag."


def _tab_to(page: Any, condition: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element meets `condition` (JS over `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({condition}); }}"):
            return
    raise AssertionError(f"Tab never reached {condition} on {page.url}")


def _no_sideways_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls {overflow}px sideways at 390 px"


def test_a_citizen_gives_input_by_keyboard_on_a_phone_without_sideways_scroll(
    page: Any, live_server: Any, settings: Any
) -> None:
    settings.INPUT_MIN_SECONDS_TO_SUBMIT = 0
    make_process(slug="by", title="Fremtidens Testby")
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/")
    _no_sideways_scroll(page)
    assert_accessible(page)
    _tab_to(page, "el.matches('a.button-primary') && el.textContent.includes('Giv input')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/processer/by/#giv-input")
    _no_sideways_scroll(page)
    assert_accessible(page)

    _tab_to(page, "el.matches('a.button') && el.getAttribute('href').endsWith('/giv-input/')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/giv-input/")
    _no_sideways_scroll(page)
    assert_accessible(page)

    # Sent empty: every error at once, and the focus on the summary.
    _tab_to(page, "el.matches('form.input-form button[type=submit]')")
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    for message in (
        "Skriv dit input",
        "Vælg hvem du skriver som.",
        "Du skal acceptere teksten om behandling af personoplysninger",
    ):
        expect(summary).to_contain_text(message)
    _no_sideways_scroll(page)
    assert_accessible(page)

    # The summary's link takes the keyboard to the field.
    _tab_to(page, "el.getAttribute('href') === '#id_text'")
    page.keyboard.press("Enter")
    expect(page.locator("#id_text")).to_be_focused()
    page.keyboard.type(TEXT)
    _tab_to(page, "el.name === 'contributor_type'")
    page.keyboard.press("Space")
    _tab_to(page, "el.id === 'id_accept_privacy'")
    page.keyboard.press("Space")
    expect(page.locator("#id_accept_privacy")).to_be_checked()
    _tab_to(page, "el.matches('form.input-form button[type=submit]')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kvittering/**")
    _no_sideways_scroll(page)
    assert_accessible(page)
    stored = Input.objects.get()
    assert stored.text == TEXT
    assert stored.contributor_type == "citizen"
