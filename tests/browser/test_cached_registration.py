"""A citizen registers for a dialog meeting from a page another visitor's request put in the
whole-page cache: in a real browser, at desktop width and on a 390 px phone, the form carries
this browser's own CSRF token and one-time key, and the registration goes through once."""

from typing import Any

import pytest
from django.core.cache import caches

from dialogportal.core.models import PublicVersion
from dialogportal.core.page_cache import CACHE_ALIAS
from tests.browser_support import assert_accessible
from tests.dialogmeetings.builders import make_meeting
from tests.factories import make_process

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_citizen_registers_from_a_cached_meeting_page(
    page: Any, live_server: Any, width: int, tmp_path: Any
) -> None:
    PublicVersion.objects.get_or_create(pk=1)
    meeting = make_meeting(make_process(slug="byen"))
    url = f"{live_server.url}/dialogmoeder/{meeting.pk}/"
    page.set_viewport_size({"width": width, "height": 900})
    other = page.context.browser.new_context()
    other.new_page().goto(url)  # another browser fills the cache
    other.close()
    store: Any = caches[CACHE_ALIAS]
    assert len(store._cache) == 1
    page.goto(url)
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / f"meeting-{width}.png"), full_page=True)
    page.get_by_label("Navn").first.fill("Søren Ærø")
    page.get_by_label("Postnummer").fill("8981")
    page.locator("label[for=id_accept_privacy]").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Tilmeld").click()
    assert "kvittering" in page.url or "tilmelding" in page.url, page.url
    assert meeting.registrations.count() == 1
