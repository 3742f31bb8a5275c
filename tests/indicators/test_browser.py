"""The white-paper page in a real browser (Debian's chromium), checked with axe-core."""

import os
from pathlib import Path
from typing import Any

import pytest

from dialogportal.core.demo import load_demo
from tests.browser.conftest import CHROMIUM, assert_accessible, browser, page

__all__ = ["browser", "page"]  # fixtures shared with tests/browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def test_white_paper_page_is_accessible_with_charts_and_tables(page: Any, live_server: Any) -> None:
    load_demo(log=lambda line: None)

    page.goto(live_server.url + "/processer/fremtidens-randers/hvidbog/")

    assert page.get_by_role("heading", level=1).inner_text() == "Hvidbogens nøgletal"
    chart = page.get_by_role("img", name="Beskæftigelsesfrekvens, 16-64 år (pct.)")
    assert chart.is_visible()
    assert page.get_by_text(
        "Randers 72,1\u00a0% mod 76,4\u00a0% på landsplan (2024).", exact=True
    ).is_visible()
    assert_accessible(page)

    page.locator("#noegletal-beskaeftigelsesfrekvens summary").click()
    table = page.get_by_role(
        "table", name="Beskæftigelsesfrekvens, 16-64 år (pct.) efter område og periode"
    )
    assert table.is_visible()
    assert table.get_by_role("row").count() == 11
    assert_accessible(page)
    if os.environ.get("INDICATORS_SCREENSHOT"):
        page.screenshot(path=os.environ["INDICATORS_SCREENSHOT"], full_page=False)
