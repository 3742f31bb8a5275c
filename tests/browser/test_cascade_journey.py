"""Issue 7's acceptance journey in a real browser (Debian's chromium through Playwright, axe-core
on every main page), on the demo organisation and meetings: the main committee's secretary logs
in, passes item 46 of the demo main-committee meeting on to all Sector MED → each sector
committee's next agenda shows the draft item "Orientering fra MED Hovedudvalg" → one sector
committee marks it handled and acknowledges with a comment → the main committee's item shows
that status and the comment. tests/meetings/test_cascade.py walks the same way over HTTP."""

import re
from collections.abc import Callable
from importlib import import_module
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dialogportal.meetings.models import AgendaItem, Cascade, CascadeStatus, Meeting
from dialogportal.organisation.models import Committee, CommitteeLevel
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT_TITLE = "Orientering fra MED Hovedudvalg"
ITEM_TITLE = "Fælles administrative funktioner på tværs af forvaltningerne"
MESSAGE = "Til drøftelse på jeres næste møde – også i de lokale MED-udvalg."
COMMENT = "Drøftet – vi ønsker en temadag om æ, ø og å."


def _load_demo_committees_and_meetings() -> None:
    """The demo steps this journey needs (the accounts, the MED hierarchy, the meetings); the
    same steps `load_demo` runs, without the inputs and the analysis it does not use."""
    quiet: Callable[[str], None] = lambda _: None  # noqa: E731
    for step in ("accounts", "organisation", "meetings"):
        import_module(f"dialogportal.{step}.demo").load(log=quiet)


def test_the_secretary_passes_item_46_to_all_sector_committees_and_one_acknowledges(
    page: Any, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _load_demo_committees_and_meetings()
    source = AgendaItem.objects.get(committee__slug="hovedudvalget", number=46)
    assert source.title == ITEM_TITLE
    assert not Cascade.objects.filter(source_item=source).exists()
    sectors = list(Committee.objects.filter(level=CommitteeLevel.SECTOR, kind="med"))
    assert len(sectors) >= 2

    # The secretary logs in through the login page.
    page.goto(f"{live_server.url}/konto/login/?next=/sekretariat/")
    assert_accessible(page)
    page.get_by_label("Brugernavn").fill("sekretaer")
    page.get_by_label("Adgangskode").fill("demo-dialog-2025")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sekretariat/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Udvalgssekretariat")
    assert_accessible(page)

    # From the recent main-committee meeting to item 46.
    meeting_row = page.get_by_role("row").filter(
        has=page.locator(f'a[href$="/sekretariat/moeder/{source.meeting_id}/"]')
    )
    expect(meeting_row).to_contain_text("MED Hovedudvalg")
    meeting_row.get_by_role("link").click()
    page.wait_for_url(f"**/sekretariat/moeder/{source.meeting_id}/")
    assert_accessible(page)
    page.get_by_role("link", name=ITEM_TITLE).click()
    page.wait_for_url(f"**/sekretariat/punkter/{source.pk}/")
    expect(page.get_by_text("Punktet er ikke videregivet.")).to_be_visible()
    assert_accessible(page)

    # Pass it on to all Sector MED.
    page.get_by_label("Alle udvalg på niveauet").select_option(label="Alle: Sektor MED")
    page.get_by_label("Besked til udvalgene").fill(MESSAGE)
    page.get_by_role("button", name="Videregiv", exact=True).click()
    expect(page.get_by_text(f"videregivet til {len(sectors)} udvalg")).to_be_visible()
    rows = page.locator("#cascade-status tbody tr")
    expect(rows).to_have_count(len(sectors))
    for sector in sectors:
        expect(rows.filter(has_text=sector.name).locator(".cascade-status")).to_have_text(
            "På dagsordenen"
        )

    # Each sector committee's next agenda shows the draft item, before "Eventuelt".
    cascades = {c.target_committee_id: c for c in Cascade.objects.filter(source_item=source)}
    assert set(cascades) == {s.pk for s in sectors}
    for number, sector in enumerate(sectors):
        cascade = cascades[sector.pk]
        assert cascade.target_item is not None
        meeting = Meeting.objects.get(pk=cascade.target_item.meeting_id)
        assert meeting == Meeting.objects.next_open_for_items(sector, timezone.localdate())
        page.goto(f"{live_server.url}/sekretariat/moeder/{meeting.pk}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(sector.name)
        row = page.get_by_role("row").filter(
            has=page.locator(f'a[href$="/sekretariat/punkter/{cascade.target_item.pk}/"]')
        )
        expect(row).to_contain_text(DRAFT_TITLE)
        expect(row).to_contain_text("Kladde")
        titles = page.locator("table").first.locator("tbody tr td:nth-child(2)").all_inner_texts()
        assert titles[-1] == "Eventuelt"
        assert titles.index(DRAFT_TITLE) < len(titles) - 1
        if number == 0:
            assert_accessible(page)

    # One sector committee handles it and acknowledges with a comment.
    handler = sectors[0]
    cascade = cascades[handler.pk]
    page.goto(f"{live_server.url}/sekretariat/")
    incoming_row = page.get_by_role("row").filter(
        has=page.locator(f'a[href$="/sekretariat/videregivelser/{cascade.pk}/"]')
    )
    expect(incoming_row).to_contain_text(handler.name)
    incoming_row.get_by_role("link").click()
    page.wait_for_url(f"**/sekretariat/videregivelser/{cascade.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Fra MED Hovedudvalg til {handler.name}"
    )
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Markér som behandlet").click()
    expect(page.locator(".cascade-status").first).to_have_text("Behandlet")
    page.locator("form").filter(has=page.get_by_role("button", name=re.compile("Kvittér"))).locator(
        "textarea"
    ).fill(COMMENT)
    page.get_by_role("button", name="Kvittér over for det afsendende udvalg").click()
    expect(page.locator(".cascade-status").first).to_have_text("Kvitteret")
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.ACKNOWLEDGED

    # The main committee's item shows that status and the comment; the others are on the agenda.
    page.goto(f"{live_server.url}/sekretariat/punkter/{source.pk}/")
    acknowledged = rows.filter(has_text=handler.name)
    expect(acknowledged.locator(".cascade-status")).to_have_text("Kvitteret")
    expect(acknowledged).to_contain_text(COMMENT)
    expect(rows.locator(".cascade-status", has_text="På dagsordenen")).to_have_count(
        len(sectors) - 1
    )
    assert_accessible(page)
