"""In a real browser: start an analysis, watch the progress bar fill while the worker runs, and
land on the results; axe-core checks each page."""

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from dialogportal.accounts.models import Role
from tests.analysis.builders import make_analysable_process, staff
from tests.browser_support import CHROMIUM, assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def test_progress_bar_fills_and_the_results_appear(page: Any, live_server: Any) -> None:
    process = make_analysable_process()
    client = Client()
    client.force_login(staff(Role.MODERATOR, "moderator"))
    # The first request imports the whole site (the engine too); not the browser's to wait for.
    assert client.get(f"/processer/{process.slug}/analyse/").status_code == 200
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/processer/{process.slug}/analyse/")
    page.get_by_role("button", name="Start analyse").click()
    page.wait_for_url("**/analyse/*/")
    progress = page.locator("progress")
    assert progress.get_attribute("max") == "100"
    assert page.get_by_text("0 % færdig").is_visible()
    assert_accessible(page)

    call_command("run_worker", "--batch", "--interval", "0")
    # The page polls every second; when the run is done it reloads with the results.
    page.get_by_role("heading", name="Fokusområder").wait_for()
    assert page.locator("progress").count() == 0
    assert page.locator("svg[role=img]").count() == 3

    page.get_by_role("link", name="Boliger i bedre kvalitet").click()
    page.get_by_role("heading", level=1, name="Boliger i bedre kvalitet").wait_for()
    assert page.locator(".analysis-cite").count() > 0
    assert page.locator(".analysis-quote").count() > 0
    assert_accessible(page)
