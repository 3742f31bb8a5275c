"""In a real browser: a process manager names a theme the analysis found, publishes it, answers
it in one click, and the public "Det har vi hørt" shows the curated name (never the machine
label); axe-core checks every page, on a desktop and on a 390 px phone.

Set ANALYSIS_SCREENSHOTS to a folder to keep screenshots of the pages (1280 and 390 px)."""

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.analysis.models import CuratedTheme
from dialogportal.inputs.models import Input
from tests.analysis.builders import grouped_run, make_analysable_process, staff
from tests.browser_support import CHROMIUM, assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

RAW_LABEL = "Boliger, midtbyen og lejligheder"
CURATED = "Renovering af boliger i midtbyen"


def shoot(page: Any, name: str) -> None:
    folder = os.environ.get("ANALYSIS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)


def signed_in(page: Any, live_server: Any, client: Client) -> None:
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_a_manager_names_publishes_and_answers_a_theme(
    page: Any, live_server: Any, width: int
) -> None:
    process = make_analysable_process(slug="temaby")
    housing = list(Input.objects.filter(process=process, focus_area__slug="boliger"))
    jobs = list(Input.objects.filter(process=process, focus_area__slug="erhverv"))
    grouped_run(
        process,
        {RAW_LABEL: housing[:4], "Husleje og familier": housing[4:], "Virksomheder": jobs[:4]},
    )
    client = Client()
    client.force_login(staff(Role.PROCESS_MANAGER, "leder"))
    # The first request imports the whole site; not the browser's to wait for.
    assert client.get(f"/processer/{process.slug}/analyse/temaer/").status_code == 200
    page.set_viewport_size({"width": width, "height": 900})
    signed_in(page, live_server, client)

    page.goto(f"{live_server.url}/processer/{process.slug}/analyse/temaer/")
    assert page.get_by_text("0 af 2 temaer er klar til offentliggørelse.").is_visible()
    assert_accessible(page)
    shoot(page, "themes")

    page.get_by_role("link", name=RAW_LABEL, exact=True).click()
    page.get_by_role("heading", level=1, name=RAW_LABEL).wait_for()
    assert_accessible(page)
    shoot(page, "theme")

    name = page.get_by_label("Navn", exact=True)
    name.fill("")
    name.press_sequentially(CURATED)
    page.get_by_label("Resumé").fill("Mange ønsker, at de slidte boliger i midtbyen renoveres.")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_role("heading", level=1, name=CURATED).wait_for()
    page.get_by_role("button", name="Markér klar til offentliggørelse").click()
    page.get_by_text("Temaet er offentliggjort.").wait_for()
    assert page.get_by_text("Klar – vises offentligt").is_visible()
    assert page.get_by_text("Omdøbt").first.is_visible()
    assert_accessible(page)
    shoot(page, "theme-ready")

    # Answering the theme is one click away.
    page.get_by_role("link", name="Besvar dette tema").click()
    page.get_by_role("heading", level=1, name=f"Besvar temaet »{CURATED}«").wait_for()
    page.get_by_label("Status", exact=True).select_option("considered")
    page.get_by_label("Kommunens svar").fill("Vi tager renoveringen med i planen.")
    page.get_by_role("button", name="Gem svar og giv besked").click()
    page.get_by_text("Svaret er gemt.").wait_for()
    assert_accessible(page)

    public = page.context.browser.new_context(bypass_csp=True).new_page()
    public.set_viewport_size({"width": width, "height": 900})
    public.goto(f"{live_server.url}/processer/{process.slug}/det-har-vi-hoert/")
    public.get_by_role("heading", name=CURATED).wait_for()
    content = public.content()
    assert RAW_LABEL not in content
    assert "Husleje og familier" not in content  # still a draft
    assert "Vi tager renoveringen med i planen." in content
    assert_accessible(public)
    shoot(public, "heard")
    public.context.close()
    assert CuratedTheme.objects.get(title=CURATED).is_published
