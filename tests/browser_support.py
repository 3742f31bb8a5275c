"""Browser tests: Debian's chromium driven by Playwright (never a downloaded browser), against a
live server, with axe-core (vendored in tests/browser/vendor/) checking each page. The `browser`
and `page` fixtures are in tests/conftest.py, shared by every test folder: one Playwright per
test process (a second sync Playwright in the same thread fails)."""

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = (Path(__file__).parent / "browser" / "vendor" / "axe.min.js").read_text(encoding="utf-8")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright must never fetch a browser of its own.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def new_page(browser: Any) -> Any:
    """A page in a fresh context: no cookies shared with other pages."""
    return browser.new_context(bypass_csp=True).new_page()


def assert_accessible(page: Any) -> None:
    """Run axe-core on the current page; serious and critical violations fail the test."""
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, f"axe on {page.url}:\n" + "\n".join(bad)
