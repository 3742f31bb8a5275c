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
    # With an e-mail the page is neutral; the private link goes to the address only.
    page.wait_for_selector("text=Tjek din e-mail")
    assert_accessible(page)
    registration = Registration.objects.get()
    assert registration.party_size == 2
    assert registration.name == "Åse Ørnbøl"
    assert registration.token not in page.content()

    page.goto(f"{live_server.url}{registration.get_receipt_url()}")  # the link from the e-mail
    page.get_by_role("button", name="Frameld mig").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Du er frameldt")
    assert not Registration.objects.exists()

    page.goto(f"{live_server.url}/dialogmoeder/oversigt/")
    assert "Hvor har vi holdt dialogmøder?" in page.content()
    assert_accessible(page)


def test_the_staff_pages_of_a_held_meeting_pass_axe_and_table_notes_become_inputs(
    live_server: Any, page: Any, settings: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone
    from playwright.sync_api import expect

    from dialogportal.accounts.models import Role
    from dialogportal.inputs.models import Channel, Input
    from tests.factories import make_staff

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    meeting = make_meeting(
        make_process(slug="by"), starts_at=timezone.now() - timedelta(hours=3), capacity=30
    )
    make_staff("planlaegger", Role.PROCESS_MANAGER)
    staff_page = f"/medarbejder/dialogmoeder/{meeting.pk}/"
    page.goto(f"{live_server.url}/konto/login/?next={staff_page}")
    page.get_by_label("Brugernavn").fill("planlaegger")
    page.get_by_label("Adgangskode").fill("pw-for-tests-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{staff_page}")
    assert_accessible(page)

    page.goto(f"{live_server.url}{staff_page}bordnoter/")
    assert_accessible(page)
    for n, text in (
        (1, "Bedre busforbindelser til Spentrup om aftenen."),
        (2, "Flere legepladser ved skolen – også for de små."),
    ):
        row = page.get_by_role("group", name=f"Note {n}", exact=True)
        row.get_by_role("textbox", name="Note").fill(text)
    page.get_by_role("button", name="Gem noterne").click()
    expect(page.get_by_text("2 noter er gemt som input.")).to_be_visible()
    assert Input.objects.filter(channel=Channel.DIALOG_MEETING).count() == 2

    page.goto(f"{live_server.url}/dialogmoeder/{meeting.pk}/droeftelsesguide/")
    assert_accessible(page)
