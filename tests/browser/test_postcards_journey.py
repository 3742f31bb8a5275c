"""Issue 3's acceptance for the batch screen in a real browser (Debian's chromium through
Playwright, axe-core on the screen): staff type 20 postcards with the keyboard only – text, Tab,
postcode, Ctrl+Enter, row after row – and all 20 are stored, once each, with channel "postcard".
(tests/inputs/test_browser_journey.py types three; this is the full acceptance count.)"""

from typing import Any

import pytest
from playwright.sync_api import expect

from dialogportal.accounts.models import Role
from dialogportal.inputs.models import Channel, Input
from tests.browser_support import assert_accessible
from tests.factories import make_process, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

POSTCARDS = 20
POSTCODES = ("8900", "8920", "8930", "8940", "8960")


def _postcard(number: int) -> str:
    return f"Postkort {number}: flere cykelstier til skolen og bænke ved åen – æ, ø og å."


def test_twenty_postcards_typed_with_the_keyboard_only_are_all_stored_as_postcards(
    page: Any, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_process(slug="by")
    user = make_staff("sekretaer", Role.COMMITTEE_SECRETARY)
    page.goto(f"{live_server.url}/konto/login/?next=/medarbejder/processer/by/input/postkort/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill("pw-for-tests-123")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/konto/login/" not in url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Indtast postkort og bordnoter")
    assert_accessible(page)

    status = page.locator("#batch-status")
    for number in range(1, POSTCARDS + 1):
        # The text field has the focus after every load: no mouse, no click.
        expect(page.get_by_label("Tekst")).to_be_focused()
        page.keyboard.type(_postcard(number))
        page.keyboard.press("Tab")
        page.keyboard.type(POSTCODES[number % len(POSTCODES)])
        page.keyboard.press("Control+Enter")
        expect(status).to_contain_text(f"{number} gemt i denne omgang")
        if number == 1:
            assert_accessible(page)

    stored = Input.objects.filter(text__startswith="Postkort ")
    assert stored.count() == POSTCARDS
    assert set(stored.values_list("channel", flat=True)) == {Channel.POSTCARD}
    assert sorted(stored.values_list("text", flat=True)) == sorted(
        _postcard(n) for n in range(1, POSTCARDS + 1)
    )
    for number in range(1, POSTCARDS + 1):
        assert stored.get(text=_postcard(number)).postcode == POSTCODES[number % len(POSTCODES)]
    assert_accessible(page)
