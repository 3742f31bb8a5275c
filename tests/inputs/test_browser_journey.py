"""The contributor's journey in a real browser (Debian's chromium through Playwright), with axe
on every page: focus area → form with an attachment → receipt → the receipt link in a fresh
browser context. And a few postcards typed on the batch screen with the keyboard only."""

from pathlib import Path
from typing import Any

import pytest

from dialogportal.accounts.models import Role
from dialogportal.inputs.models import Channel, Input
from tests.browser_support import CHROMIUM, assert_accessible, new_page
from tests.factories import PDF_BYTES, make_process, make_staff

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(autouse=True)
def _no_minimum_time(settings: Any) -> None:
    settings.INPUT_MIN_SECONDS_TO_SUBMIT = 0


def test_focus_area_form_receipt_and_the_receipt_link_in_a_fresh_context(
    live_server: Any,
    page: Any,
    browser: Any,
    tmp_path: Path,
) -> None:
    make_process(slug="by")
    attachment = tmp_path / "skitse.pdf"
    attachment.write_bytes(PDF_BYTES)
    page.goto(live_server.url + "/processer/by/fokus/omraade-1/")
    assert_accessible(page)
    page.get_by_role("link", name="Giv input").click()
    assert_accessible(page)
    page.get_by_label("Dit input").fill("Flere træer langs Gudenåen – og bænke til de ældre.")
    page.get_by_label("Borger").check()
    page.get_by_label("Postnummer").fill("8900")
    page.get_by_label("Bilag").set_input_files(str(attachment))
    page.get_by_label("Jeg har læst teksten om behandling af personoplysninger").check()
    page.get_by_role("button", name="Send input").click()
    page.wait_for_url("**/input/kvittering/**")
    assert "Tak! Vi har modtaget dit input." in page.content()
    assert_accessible(page)
    receipt_url = page.url.split("?")[0]

    fresh = new_page(browser)
    fresh.goto(receipt_url)
    text = fresh.content()
    assert "Flere træer langs Gudenåen" in text
    assert "Modtaget" in text
    assert "skitse.pdf" in text
    fresh.context.close()
    assert Input.objects.get().attachments.count() == 1


def test_postcards_typed_with_the_keyboard_only(live_server: Any, page: Any) -> None:
    make_process(slug="by")
    user = make_staff("sekretaer", Role.COMMITTEE_SECRETARY)
    page.goto(live_server.url + "/konto/login/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill("pw-for-tests-123")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(live_server.url + "/medarbejder/processer/by/input/postkort/")
    assert_accessible(page)
    for number in range(3):
        page.keyboard.type(f"Postkort {number + 1}: flere cykelstier til skolen.")
        page.keyboard.press("Control+Enter")
        page.wait_for_selector("#batch-status")
    assert Input.objects.filter(channel=Channel.POSTCARD).count() == 3
