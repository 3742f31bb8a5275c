"""Issue 14's acceptance journey in a real browser (Debian's chromium through Playwright, axe-core
on the key pages), on the demo's political committees: the political secretariat puts a case on
Teknik og Miljø's agenda, publishes it, holds the meeting and records the decision, sends the
case on to Økonomiudvalget, which decides and sends it on to Byrådet; at Byrådet a vote and a
protokoltilførsel are recorded; three members sign on the meeting page; the Byrådet PDF shows
the whole sagsgang, and the approval time is shown in Danish local time."""

import io
import re
from collections.abc import Callable
from datetime import time, timedelta
from importlib import import_module
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from dialogportal.meetings.models import AgendaItem, Meeting, MeetingStatus, MinutesApproval
from dialogportal.meetings.services import plan_meeting
from dialogportal.organisation.models import Committee
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Skolevejsplan for Nørrebyen"
# Byrådet's 31 members by party: for, against, abstaining.
VOTES = (
    ("A", "12", "", ""),
    ("V", "7", "", ""),
    ("C", "3", "", ""),
    ("O", "", "2", ""),
    ("F", "", "3", ""),
    ("Ø", "", "", "2"),
    ("B", "", "", "1"),
    ("Å", "", "", "1"),
)
NOTE = "Enhedslisten ønsker ført til protokol, at cykelstierne skal prioriteres først."


def _load_demo() -> None:
    quiet: Callable[[str], None] = lambda _: None  # noqa: E731
    for step in ("accounts", "organisation", "meetings"):
        import_module(f"dialogportal.{step}.demo").load(log=quiet)


def _past_meeting(slug: str, days_ago: int) -> Meeting:
    return plan_meeting(
        committee=Committee.objects.get(slug=slug),
        held_on=timezone.localdate() - timedelta(days=days_ago),
        start_time=time(0, 30),
        place="Rådhuset",
        with_standard_items=False,
    )


def _log_in(page: Any, base: str, username: str, path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/konto/login/?next={path}")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("demo-dialog-2025")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}{path}")


def _set_status(page: Any, label: str) -> None:
    page.get_by_label("Ny status").select_option(label=label)
    page.get_by_role("button", name="Skift status").click()
    expect(page.get_by_text("Status er ændret.")).to_be_visible()


def _hold_and_decide(page: Any, base: str, meeting: Meeting, decision: str) -> AgendaItem:
    page.goto(f"{base}/sekretariat/moeder/{meeting.pk}/")
    _set_status(page, "Dagsorden offentliggjort")
    _set_status(page, "Afholdt")
    item = AgendaItem.objects.get(meeting=meeting, title=TITLE)
    page.goto(f"{base}/sekretariat/punkter/{item.pk}/")
    form = page.locator("form[action*='/referat/']")
    form.get_by_label("Referat / beslutning").fill(decision)
    form.get_by_label(re.compile("Udfald af indstilling 1")).select_option(label="Godkendt")
    form.get_by_role("button", name="Gem beslutningen").click()
    expect(page.get_by_text("Beslutningen er gemt.")).to_be_visible()
    return item


def _forward(page: Any, to: Meeting) -> None:
    form = page.locator("form[action*='/send-videre/']")
    form.get_by_label("Send sagen videre til").select_option(value=str(to.pk))
    form.get_by_role("button", name="Send videre").click()
    expect(page.get_by_text(f"Sagen er sendt videre til {to.committee.name}")).to_be_visible()


def test_a_case_goes_through_three_committees_is_voted_on_signed_and_printed(
    page: Any, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _load_demo()
    base = live_server.url
    tmu = _past_meeting("teknik-og-miljoe", 10)
    ou = _past_meeting("oekonomiudvalget", 6)
    br = _past_meeting("byraadet", 2)

    # Teknik og Miljø: the secretariat puts the case on the agenda.
    _log_in(page, base, "byraadssekretaer", f"/sekretariat/moeder/{tmu.pk}/")
    assert_accessible(page)
    add = page.locator("form[action*='/punkter/']")
    add.get_by_label("Titel", exact=True).fill(TITLE)
    add.get_by_label("Sagsnummer").fill("05.01.00-P20-7-25")
    add.get_by_label("Resumé").fill("Sikre skoleveje ved tre skoler i Nørrebyen.")
    add.get_by_label(re.compile("Indstilling")).fill("at skolevejsplanen godkendes.")
    add.get_by_role("button", name="Tilføj punkt").click()
    expect(page.get_by_text(f"Punktet “{TITLE}” er tilføjet.")).to_be_visible()
    # On a phone the agenda (with its move buttons) scrolls in its box; the page keeps its width.
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size(size)
    item = _hold_and_decide(page, base, tmu, "Teknik og Miljø anbefaler planen.")
    assert_accessible(page)
    _forward(page, ou)

    # Økonomiudvalget decides and sends the case on to Byrådet.
    item = _hold_and_decide(page, base, ou, "Anbefales over for Byrådet.")
    expect(page.get_by_text("Beslutning i Teknik og Miljø den").first).to_be_visible()
    _forward(page, br)

    # Byrådet: decision, a vote by party and a protokoltilførsel.
    item = _hold_and_decide(page, base, br, "Byrådet godkendte skolevejsplanen.")
    votes = page.locator("form[action*='/afstemninger/']")
    for line, (party, yes, no, abstain) in enumerate(VOTES, start=1):
        votes.get_by_label(f"Parti eller medlem, linje {line}", exact=True).fill(party)
        votes.get_by_label(f"For, linje {line}", exact=True).fill(yes)
        votes.get_by_label(f"Imod, linje {line}", exact=True).fill(no)
        votes.get_by_label(f"Undlod at stemme, linje {line}", exact=True).fill(abstain)
    votes.get_by_role("button", name="Registrér afstemningen").click()
    expect(page.get_by_text("Afstemningen om “Indstillingen” er registreret.")).to_be_visible()
    note = page.locator("form[action*='/protokol/']")
    note.get_by_label("Type").select_option(label="Protokoltilførsel")
    note.get_by_label("Fra").fill("Enhedslisten (Ø)")
    note.get_by_label("Tekst").fill(NOTE)
    note.get_by_role("button", name="Registrér").click()
    expect(
        page.get_by_text("Protokoltilførsel fra Enhedslisten (Ø) er registreret.")
    ).to_be_visible()
    assert_accessible(page)
    for meeting in (tmu, ou, br):
        page.goto(f"{base}/sekretariat/moeder/{meeting.pk}/")
        _set_status(page, "Referat (kladde)")

    # The members present sign each meeting's minutes on its page; the last signature of a
    # meeting approves its minutes. (Teknik og Miljø: the deputy mayor and a member;
    # Økonomiudvalget: the mayor and the deputy mayor; Byrådet: all three.)
    signs = {
        "borgmester": (ou, br),
        "viceborgmester": (tmu, ou, br),
        "byraadsmedlem": (tmu, br),
    }
    for username, meetings in signs.items():
        _log_in(page, base, username, f"/moeder/{meetings[0].pk}/")
        for meeting in meetings:
            page.goto(f"{base}/moeder/{meeting.pk}/")
            expect(page.get_by_role("heading", name="Underskriv referatet")).to_be_visible()
            if username == "viceborgmester" and meeting == br:
                page.get_by_label("Afvigende mening (valgfri)").fill("Jeg ønsker flere cykelstier.")
            page.get_by_role("button", name="Underskriv").click()
            expect(page.get_by_text("Tak.")).to_be_visible()
    expect(page.get_by_text("Referatet er nu godkendt af alle")).to_be_visible()
    for meeting in (tmu, ou, br):
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert_accessible(page)

    # The approval time on the page is Danish local time.
    signed = timezone.localtime(
        MinutesApproval.objects.filter(meeting=br).latest("approved_at").approved_at
    )
    expect(page.locator(".signatures__table")).to_contain_text(f"kl. {signed:%H:%M}")
    expect(page.get_by_text("Jeg ønsker flere cykelstier.").first).to_be_visible()

    # The Byrådet PDF (as the public gets it) shows the whole sagsgang, the vote and the note.
    page.context.clear_cookies()
    response = page.request.get(f"{base}/moeder/{br.pk}/dokument.pdf")
    assert response.status == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    flat = " ".join(text.split())
    for committee, meeting in (("Teknik og Miljø", tmu), ("Økonomiudvalget", ou), ("Byrådet", br)):
        day = f"{meeting.held_on.day}."
        assert f"Beslutning i {committee} den {day}" in flat, committee
    assert flat.index("Beslutning i Teknik og Miljø") < flat.index("Beslutning i Økonomiudvalget")
    assert flat.index("Beslutning i Økonomiudvalget") < flat.index("Beslutning i Byrådet den")
    for expected in (
        "Sagsgang:",
        "For stemte 22:",
        "Imod stemte 5:",
        "Undlod at stemme 4:",
        "Indstillingen blev vedtaget.",
        "Protokoltilførsel fra Enhedslisten (Ø):",
        f"kl. {signed:%H:%M}",
    ):
        assert expected in flat, expected
    assert item.case is not None
    assert AgendaItem.objects.filter(case=item.case).count() == 3
