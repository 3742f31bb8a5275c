"""Issue 13's acceptance journey in a real browser (Debian's chromium through Playwright, axe on
every page), on the demo organisation and meetings: the Hovedudvalg's secretary sends item 46 to
all Sektor MED as a hearing with a deadline → two sectors answer (one with the management side's
and the employee side's own views), approved by their chair and vice-chair → the deadline passes
with three sectors silent → the MED secretariat's overview shows two received and three overdue →
the høringsnotat PDF lists the answers → the decision item on the Hovedudvalg's next agenda
cites them. tests/med/ walks the same rules over HTTP and through the services."""

import re
from collections.abc import Callable
from datetime import timedelta
from importlib import import_module
from io import BytesIO
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from dialogportal.accounts.models import Role
from dialogportal.med.models import Hearing, PartStatus
from dialogportal.med.services import approve_answer, save_answer
from dialogportal.meetings.models import AgendaItem, SectionKind
from dialogportal.organisation.models import Committee, CommitteeLevel, MembershipRole
from tests.factories import make_staff
from tests.med.builders import seat

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pw-for-tests-123"
EMPLOYEE_VIEW = "Medarbejdersiden ønsker tryghed for de ansatte – æ, ø og å."


def _load_demo() -> None:
    quiet: Callable[[str], None] = lambda _: None  # noqa: E731
    for step in ("accounts", "organisation", "meetings"):
        import_module(f"dialogportal.{step}.demo").load(log=quiet)


def _login(page: Any, base: str, username: str, password: str, then: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/konto/login/?next={then}")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{then}")


def _chair_and_vice(committee: Committee, prefix: str) -> tuple[Any, Any]:
    chair = make_staff(f"{prefix}-formand", Role.COMMITTEE_SECRETARY)
    vice = make_staff(f"{prefix}-naestformand", Role.COMMITTEE_SECRETARY)
    seat(chair, committee, MembershipRole.CHAIR)
    seat(vice, committee, MembershipRole.VICE_CHAIR)
    return chair, vice


def test_item_40_goes_to_hearing_two_sectors_answer_one_is_overdue_and_the_decision_cites_them(
    page: Any, live_server: Any, settings: Any, time_machine: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _load_demo()
    base = live_server.url
    source = AgendaItem.objects.get(committee__slug="hovedudvalget", number=46)
    sectors = list(
        Committee.objects.filter(kind="med", level=CommitteeLevel.SECTOR).order_by("name")
    )
    school, health = (
        Committee.objects.get(slug="sektor-med-boern-skole"),
        Committee.objects.get(slug="sektor-med-sundhed-omsorg"),
    )
    school_chair, school_vice = _chair_and_vice(school, "bs")
    health_chair, health_vice = _chair_and_vice(health, "so")
    make_staff("hr", Role.MED_SECRETARIAT)
    deadline = timezone.localdate() + timedelta(days=3)

    # The Hovedudvalg's secretary finds item 46 on the MED page and sends it in hearing.
    _login(page, base, "sekretaer", "demo-dialog-2025", "/med/")
    expect(page.get_by_role("heading", level=1)).to_have_text("MED-systemet")
    page.get_by_role("link", name=re.compile(f"Punkt 46: {re.escape(source.title)}")).click()
    page.wait_for_url(f"**/med/punkter/{source.pk}/")
    assert_ok(page)
    page.get_by_role("link", name="Send punktet i høring").click()
    page.wait_for_url(f"**/med/punkter/{source.pk}/hoering/")
    assert_ok(page)
    page.get_by_label("Høringsfrist").fill(deadline.isoformat())
    page.get_by_label("Hele niveauer").select_option(label="Alle: Sektor MED")
    page.get_by_label("Høringsmateriale og spørgsmål til parterne").fill(
        "Hvilke opgaver skal blive tæt på arbejdspladserne?"
    )
    page.get_by_role("button", name="Send i høring").click()
    page.wait_for_url(re.compile(r".*/med/hoeringer/\d+/$"))
    expect(page.get_by_text(f"Høringen er sendt til {len(sectors)} parter.")).to_be_visible()
    hearing = Hearing.objects.get()
    assert_ok(page)

    # Sektor MED Børn og Skole answers, with the two sides' own views.
    school_part = hearing.parts.get(committee=school)
    page.goto(f"{base}/med/")
    page.get_by_role("row").filter(has_text=school.name).get_by_role("link").click()
    page.wait_for_url(f"**/med/hoeringsparter/{school_part.pk}/")
    assert_ok(page)
    page.get_by_label("Hovedpunkter (kort)").fill("Støtter fælles løn; it-support lokalt.")
    page.get_by_label("Udvalgets høringssvar").fill("Sektor MED Børn og Skole støtter forslaget.")
    page.get_by_label("Ledelsessidens egne bemærkninger").fill("Ledelsen ønsker en tidsplan.")
    page.get_by_label("Medarbejdersidens egne bemærkninger").fill(EMPLOYEE_VIEW)
    page.get_by_role("button", name="Gem høringssvaret").click()
    expect(page.get_by_text("Høringssvaret er gemt.")).to_be_visible()
    for user in (school_chair, school_vice):
        _login(page, base, user.username, PASSWORD, f"/med/hoeringsparter/{school_part.pk}/")
        page.get_by_role("button", name=re.compile("Godkend høringssvaret som")).click()
        expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator(".part-status")).to_have_text("Modtaget")
    assert_ok(page)
    # Sektor MED Sundhed, Omsorg og Handicap has no comments (through the services).
    health_part = hearing.parts.get(committee=health)
    save_answer(part=health_part, acting_user=None, text="", is_no_comments=True)
    approve_answer(part=health_part, acting_user=health_chair)
    approve_answer(part=health_part, acting_user=health_vice)

    # The deadline passes.
    time_machine.move_to(timezone.now() + timedelta(days=5))

    # The MED secretariat's overview: two received, three overdue.
    _login(page, base, "hr", PASSWORD, "/med/oversigt/")
    rows = page.locator("#med-overview tbody tr")
    expect(rows.filter(has_text="Modtaget")).to_have_count(1)
    expect(rows.filter(has_text="Ingen bemærkninger")).to_have_count(1)
    expect(rows.filter(has_text="Frist overskredet")).to_have_count(len(sectors) - 2)
    assert_ok(page)

    # The høringsnotat PDF lists the answers.
    _login(page, base, "sekretaer", "demo-dialog-2025", f"/med/hoeringer/{hearing.pk}/")
    expect(
        page.locator("#hearing-parts .part-status").filter(has_text="Frist overskredet")
    ).to_have_count(len(sectors) - 2)
    pdf = page.request.get(f"{base}/med/hoeringer/{hearing.pk}/hoeringsnotat.pdf")
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
    text = " ".join(text.split())
    for expected in (
        school.name,
        health.name,
        "Ledelsen ønsker en tidsplan.",
        "tryghed for de ansatte",
    ):
        assert expected in text, expected
    assert text.count("Frist overskredet") >= len(sectors) - 2

    # The decision item on the Hovedudvalg's next agenda cites them.
    page.get_by_role("button", name="Opret beslutningspunkt").click()
    expect(page.get_by_text("Beslutningspunktet er sat på dagsordenen")).to_be_visible()
    assert_ok(page)
    hearing.refresh_from_db()
    item = hearing.decision_item
    assert item is not None
    assert item.committee.slug == "hovedudvalget"
    page.goto(f"{base}/sekretariat/punkter/{item.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beslutning efter høring i MED")
    body = page.locator(".agenda-item__section--case_description")
    expect(body).to_contain_text(f"{school.name} (høringssvar modtaget")
    expect(body).to_contain_text("Støtter fælles løn; it-support lokalt.")
    expect(body).to_contain_text(f"{health.name} (høringssvar modtaget")
    expect(page.get_by_role("link", name=re.compile("Høringsnotat")).first).to_be_visible()
    assert item.sections.get(kind=SectionKind.CASE_DESCRIPTION).body.count("Frist overskredet") == (
        len(sectors) - 2
    )
    assert EMPLOYEE_VIEW not in page.content()  # side views stay in the høringsnotat
    assert hearing.parts.filter(status=PartStatus.SENT).count() == len(sectors) - 2


def assert_ok(page: Any) -> None:
    from tests.browser_support import assert_accessible

    assert_accessible(page)
