import re
from typing import Any

import pytest
from playwright.sync_api import expect

from dialogportal.core.demo import load_demo
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_front_page_language_switch_and_demo_process(page: Any, live_server: Any) -> None:
    load_demo(log=lambda line: None)

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("link", name="Fremtidens Randers").first.is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)

    page.get_by_role("link", name="Dansk").click()
    expect(page).not_to_have_url(re.compile(r"/en/"))
    assert page.locator("html").get_attribute("lang") == "da"

    page.get_by_role("link", name="Fremtidens Randers").first.click()
    expect(page).to_have_url(re.compile(r"/processer/fremtidens-randers/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Fremtidens Randers"
    assert page.get_by_role("link", name="Boliger i bedre kvalitet").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Boliger i bedre kvalitet").click()
    expect(page).to_have_url(re.compile(r"/fokus/boliger/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Boliger i bedre kvalitet"
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_main_content(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skipnav"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
