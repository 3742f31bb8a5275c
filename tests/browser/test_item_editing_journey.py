"""The secretary's everyday work in a real browser (Debian's chromium, axe-core on each page):
edit an item on the next agenda of the demo main committee and attach a PDF; then an employee
makes a private calendar address for the committee, which a calendar app (no session) reads."""

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from dialogportal.core.pdf import render_pdf
from dialogportal.meetings.models import AgendaItem, MeetingStatus, SectionKind
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _load_demo_committees_and_meetings() -> None:
    quiet: Callable[[str], None] = lambda _: None  # noqa: E731
    for step in ("accounts", "organisation", "meetings"):
        import_module(f"dialogportal.{step}.demo").load(log=quiet)


def _log_in(page: Any, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/konto/login/?next={next_path}")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("demo-dialog-2025")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{next_path}")


def test_the_secretary_edits_an_item_and_attaches_a_pdf_then_subscribes_to_the_calendar(
    page: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _load_demo_committees_and_meetings()
    item = (
        AgendaItem.objects.filter(
            committee__slug="hovedudvalget", meeting__status=MeetingStatus.PLANNED
        )
        .order_by("meeting__held_on", "order")
        .first()
    )
    assert item is not None
    number = item.number
    path = f"/sekretariat/punkter/{item.pk}/"
    _log_in(page, live_server.url, "sekretaer", path)
    expect(page.get_by_role("heading", name="Rediger punktet")).to_be_visible()
    assert_accessible(page)

    edit = page.locator("form", has=page.get_by_role("button", name="Gem punktet"))
    edit.get_by_label("Titel", exact=True).fill("Budgetopfølgning for Ærø-området")
    edit.get_by_label("Type").select_option(label="Beslutning")
    edit.get_by_label("Resumé").fill("Forvaltningen gennemgår årets forbrug på området.")
    edit.get_by_label("Økonomi").fill("Merforbrug på 1,2 mio. kr. dækkes inden for rammen.")
    edit.get_by_role("button", name="Gem punktet").click()
    expect(page.get_by_text("Punktet “Budgetopfølgning for Ærø-området” er gemt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budgetopfølgning for Ærø")

    pdf = tmp_path / "notat-økonomi.pdf"
    pdf.write_bytes(render_pdf("<html lang='da'><title>Notat</title><p>Notat om økonomi</p>"))
    upload = page.locator("form[enctype='multipart/form-data']")
    upload.get_by_label("Titel på bilaget").fill("Notat om økonomi")
    upload.get_by_label("Fil (PDF, Word, JPEG eller PNG)").set_input_files(str(pdf))
    upload.get_by_label("Bilaget må offentliggøres").check()
    upload.get_by_role("button", name="Tilføj bilaget").click()
    expect(page.get_by_text("Bilaget “Notat om økonomi” er tilføjet.")).to_be_visible()
    assert_accessible(page)

    item.refresh_from_db()
    assert item.title == "Budgetopfølgning for Ærø-området"
    assert item.number == number
    finances = item.sections.get(kind=SectionKind.FINANCES)
    assert finances.body.startswith("Merforbrug på 1,2 mio. kr.")
    attachment = item.attachments.get(title="Notat om økonomi")
    assert attachment.is_public
    assert attachment.file.read().startswith(b"%PDF")

    # The committee page: a private calendar address for calendar apps.
    page.goto(f"{live_server.url}/udvalg/hovedudvalget/")
    page.get_by_role("button", name="Lav en personlig kalenderadresse").click()
    expect(page.get_by_text("Du har fået en ny kalenderadresse.")).to_be_visible()
    address = page.get_by_label("Din kalenderadresse (iCal)").input_value()
    assert_accessible(page)
    response = httpx.get(address, timeout=10)  # no cookies, as a calendar app
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    feed = response.text
    assert "BEGIN:VEVENT" in feed
    assert "Budgetopfølgning for Ærø" in feed.replace("\r\n ", "")
