"""The strict Content-Security-Policy holds in a real browser: htmx is configured on every page
not to inject its indicator <style> (base.html's htmx-config), so nothing is refused."""

from typing import Any

import pytest

from tests.factories import make_process

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_load_without_a_single_csp_violation(browser: Any, live_server: Any) -> None:
    make_process(slug="by")
    context = browser.new_context(locale="da-DK")  # the policy enforced, unlike `page`
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in ("/", "/processer/by/", "/processer/by/fokus/omraade-1/giv-input/", "/en/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("() => typeof window.htmx") == "object", path
        assert page.evaluate("() => document.querySelectorAll('style').length") == 0, path
    context.close()
    assert refused == []
