"""A citizen registers for a dialog meeting with the keyboard only, gets the receipt and cancels
through the private link; axe checks the meeting page, the receipt and the overview."""

from pathlib import Path
from typing import Any

import pytest

from dialogportal.dialogmeetings.models import Registration
from tests.browser_support import CHROMIUM, assert_accessible
from tests.dialogmeetings.builders import make_meeting
from tests.factories import make_process

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def test_a_citizen_registers_with_the_keyboard_and_cancels_through_the_private_link(
    live_server: Any, page: Any
) -> None:
    meeting = make_meeting(make_process(slug="by"), capacity=30)
    page.goto(f"{live_server.url}/dialogmoeder/{meeting.pk}/")
    assert_accessible(page)
    page.get_by_label("Navn").focus()
    page.keyboard.type("Åse Ørnbøl")
    page.keyboard.press("Tab")
    page.keyboard.type("aase@example.dk")
    page.keyboard.press("Tab")
    page.keyboard.type("8900")
    page.get_by_label("Antal personer").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_label("Jeg har læst teksten om behandling af personoplysninger").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Tilmeld").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/dialogmoeder/tilmelding/**")
    assert "Tak! Du er tilmeldt." in page.content()
    assert_accessible(page)
    registration = Registration.objects.get()
    assert registration.party_size == 2
    assert registration.name == "Åse Ørnbøl"

    page.get_by_role("button", name="Frameld mig").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Du er frameldt")
    assert not Registration.objects.exists()

    page.goto(f"{live_server.url}/dialogmoeder/oversigt/")
    assert "Hvor har vi holdt dialogmøder?" in page.content()
    assert_accessible(page)
