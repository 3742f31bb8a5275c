"""No page of the demo scrolls sideways on a 390 px phone. The sweep follows every link of the
demo from the front page, as the public and as the administrator (who may open every staff
page), one page per address pattern (/moeder/3/ stands for every meeting), and measures the
document's width. Thirteen pages failed this before every data table got DKFDS's responsive
wrapper (issue 18)."""

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

from dialogportal.core.demo import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

# Downloads, other languages (the same templates), the admin and actions with side effects.
SKIP = re.compile(
    r"^/(en|admin|api|i18n|static|media)/|logout|\.(pdf|ics|csv|xlsx|json|docx)$|"
    r"/dokumenter/\d+/$|/eksport|/bilag/|/kalender|/afmeld|/pdf/$|/breve|/materiale/\d+/$|/hoeringsnotat\.|/paa-dagsordenen/$"
)
PAGE_BUDGET = 260


def _pattern(path: str) -> str:
    return re.sub(r"/(\d+|[A-Za-z0-9_-]{20,})(?=/|$)", "/N", path)


def _sweep(page: Any, base: str, seen: set[str], too_wide: dict[str, int]) -> int:
    queue, visited = ["/"], 0
    while queue and visited < PAGE_BUDGET:
        path = queue.pop(0)
        if _pattern(path) in seen:
            continue
        seen.add(_pattern(path))
        response = page.goto(base + path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        visited += 1
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            too_wide[path] = overflow
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urljoin(base + path, href))
            if url.netloc == urlparse(base).netloc and not SKIP.search(url.path):
                queue.append(url.path)
    return visited


def test_no_page_of_the_demo_scrolls_sideways_at_390_px(
    browser: Any, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    quiet: Callable[[str], None] = lambda _: None  # noqa: E731
    load_demo(log=quiet)
    seen: set[str] = set()
    too_wide: dict[str, int] = {}
    visited = 0
    for account in (None, "admin"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
        page = context.new_page()
        page.set_default_timeout(30_000)
        if account:
            page.goto(f"{live_server.url}/konto/login/")
            page.fill("#id_username", account)
            page.fill("#id_password", "demo-dialog-2025")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            seen.discard("/")
        visited += _sweep(page, live_server.url, seen, too_wide)
        context.close()
    assert visited >= 60, f"the sweep reached only {visited} pages"
    assert not too_wide, f"pages wider than 390 px: {too_wide}"
