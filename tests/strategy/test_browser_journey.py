"""C9 in a real browser (Debian's chromium, axe-core on each page): a process manager adds an
initiative to a goal and links two published inputs to it; the public plan page then shows the
initiative with "Det bygger på 2 input" and the inputs' text."""

from typing import Any

import pytest
from playwright.sync_api import expect

from dialogportal.accounts.models import Role
from tests.browser_support import assert_accessible
from tests.factories import make_input, make_process, make_staff, publish
from tests.strategy.builders import make_goal, make_plan

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_process_manager_links_two_inputs_and_the_public_plan_shows_them(
    page: Any, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    process = make_process(slug="by")
    make_goal(make_plan(process), text="Flere vælger cyklen i hverdagen")
    first = make_input(process, text="Cykelstier langs Gudenåen ville gøre det trygt at cykle.")
    second = make_input(process, text="Lys på cykelstierne om vinteren, tak.")
    publish(first, second)
    make_staff("planlaegger", Role.PROCESS_MANAGER)

    staff_plan = "/medarbejder/processer/by/strategisk-plan/"
    page.goto(f"{live_server.url}/konto/login/?next={staff_plan}")
    page.get_by_label("Brugernavn").fill("planlaegger")
    page.get_by_label("Adgangskode").fill("pw-for-tests-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{staff_plan}")
    assert_accessible(page)

    page.get_by_role("link", name="Ny indsats").click()
    page.get_by_label("Titel").fill("Cykelstier med lys i landsbyerne")
    page.get_by_label("Ansvarlig", exact=True).fill("Vej og Park")
    page.get_by_label("Budget (kr.)").fill("2500000")
    page.get_by_label("Status", exact=True).select_option(label="I gang")
    page.get_by_label("Fremdrift i procent").fill("20")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Indsatsen er gemt.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Vælg input og temaer, indsatsen bygger på").click()
    page.get_by_label("Søg i processens input (tekst eller nummer)").fill("cykelstier")
    page.get_by_role("button", name="Søg").click()
    for item in (first, second):
        # DKFDS draws its own box over the native checkbox: click the label, as a person does.
        page.locator(f"label[for='input-{item.pk}']").click()
        expect(page.locator(f"#input-{item.pk}")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Gem grundlaget").click()
    expect(page.get_by_text("Grundlaget for indsatsen er gemt.")).to_be_visible()

    page.goto(f"{live_server.url}/processer/by/strategisk-plan/")
    initiative = page.locator("article, section, li").filter(
        has_text="Cykelstier med lys i landsbyerne"
    )
    expect(initiative.filter(has_text="Det bygger på 2 input").first).to_be_visible()
    expect(page.get_by_text("Lys på cykelstierne om vinteren", exact=False).first).to_be_visible()
    assert_accessible(page)
