"""Issue 18's acceptance in a real browser (axe on every page): a process manager logs in and
lands on their home, sets up a new process from scratch without the admin – the process, an input
phase, a focus area described in plain language, a key figure on it – follows the "klar til at
åbne" checklist and opens the process; the public front page then invites people to give input."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dialogportal.accounts.models import Role
from dialogportal.processes.models import Process, ProcessChange
from tests.browser_support import assert_accessible
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)

DESCRIPTION = (
    "Flere unge skal have en uddannelse eller et job. Her samler vi idéer til, hvordan skoler, "
    "virksomheder og foreninger kan hjælpe – også i landsbyerne omkring Ærø."
)


def _local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_process_manager_sets_up_a_process_from_scratch_and_opens_it(
    page: Any, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_staff("proces", Role.PROCESS_MANAGER)
    make_staff("moderator", Role.MODERATOR)

    # Logging in lands on the staff home, with the staff navigation of the role.
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("Brugernavn").fill("proces")
    page.get_by_label("Adgangskode").fill("pw-for-tests-123")
    page.keyboard.press("Enter")
    page.wait_for_url("**/medarbejder/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit overblik")
    menu = page.get_by_role("navigation", name="Medarbejdermenu")
    for label in ("Processer", "Analyse", "Tilbagemelding", "Strategisk plan", "Nøgletal"):
        expect(menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    assert_accessible(page)

    # A new process: a title, a summary and the white paper's text.
    page.get_by_role("link", name="Opret ny proces").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Unge i job på Ærø")
    page.get_by_label("Resumé").fill("Sammen finder vi veje til uddannelse og job for unge.")
    page.get_by_label("Hvidbogens tekst i klart sprog").fill("Hvorfor, hvad og hvordan.")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/medarbejder/processer/unge-i-job-paa-aeroe/")
    checklist = page.locator(".setup-checklist")
    expect(checklist).to_contain_text("Processen kan åbnes, når alle punkter er klar.")
    assert_accessible(page)

    # An input phase: first with the dates the wrong way round, then right.
    now = timezone.now()
    page.get_by_role("link", name="Tilføj fase").click()
    page.get_by_label("Type").select_option(label="Input")
    page.get_by_label("Titel").fill("Dialog")
    page.get_by_label("Starter").fill(_local(now + timedelta(days=30)))
    page.get_by_label("Slutter").fill(_local(now - timedelta(days=1)))
    page.get_by_role("button", name="Gem").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Fasen skal slutte efter, at den starter")
    assert_accessible(page)
    page.get_by_label("Starter").fill(_local(now - timedelta(days=1)))
    page.get_by_label("Slutter").fill(_local(now + timedelta(days=30)))
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Fasen er tilføjet.")).to_be_visible()

    # A focus area described in plain language.
    page.get_by_role("link", name="Tilføj fokusområde").click()
    page.get_by_label("Titel").fill("Unge og uddannelse")
    page.get_by_label("Beskrivelse i klart sprog").fill(DESCRIPTION)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Fokusområdet er tilføjet.")).to_be_visible()

    # A key figure on the area, from the checklist's link.
    page.locator(".setup-check", has_text="Nøgletal").get_by_role("link").click()
    page.get_by_role("link", name="Nyt nøgletal").click()
    assert_accessible(page)
    page.get_by_label("Navn").fill("Unge uden uddannelse")
    page.get_by_label("Enhed").fill("pct.")
    page.get_by_label("Unge og uddannelse").check()
    page.get_by_role("button", name="Opret nøgletal").click()
    expect(page.get_by_text("Nøgletallet er oprettet.")).to_be_visible()

    # Every point holds: open it.
    page.goto(f"{live_server.url}/medarbejder/processer/unge-i-job-paa-aeroe/")
    expect(page.locator(".setup-check.is-done")).to_have_count(5)
    page.get_by_role("button", name="Åbn processen").click()
    expect(page.get_by_text("Processen er åbnet og kan ses af alle.")).to_be_visible()
    assert_accessible(page)
    process = Process.objects.get(slug="unge-i-job-paa-aeroe")
    assert process.is_published
    kinds = set(ProcessChange.objects.filter(process=process).values_list("kind", flat=True))
    assert kinds == {"created", "opened"}

    # The public front page invites people in.
    public = page.context.browser.new_context(locale="da-DK").new_page()
    public.goto(f"{live_server.url}/")
    card = public.locator(".card", has_text="Unge i job på Ærø")
    expect(card).to_contain_text("Åben for input")
    card.get_by_role("link", name="Giv input").click()
    expect(public.get_by_role("heading", name="Giv input – vælg et fokusområde")).to_be_visible()
    public.context.close()
