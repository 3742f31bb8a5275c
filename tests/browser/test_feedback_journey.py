"""Issue 6's acceptance journey in a real browser (Debian's chromium through Playwright, axe-core
on every main page): submit with an e-mail and consent to be contacted → a moderator publishes it
→ the analysis is started from the staff pages and the worker runs → staff answer the theme the
input landed in → the worker sends the digest → the receipt page (fresh context) shows the answer,
exactly one feedback e-mail went out, its unsubscribe link works in the browser, and "Det har vi
hørt" shows the answer. tests/feedback/test_acceptance.py walks the same way over HTTP."""

import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from dialogportal.analysis.models import AnalysisRun
from dialogportal.feedback.models import NotificationPreference
from dialogportal.feedback.tasks import send_pending_feedback_digests
from dialogportal.inputs.models import Input, ModerationState
from tests.analysis.builders import make_analysable_process
from tests.browser_support import assert_accessible, new_page
from tests.feedback import builders

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "karen@example.dk"
TEXT = (
    "Boligerne i midtbyen er slidte, og mange lejligheder trænger til renovering. "
    "Renovering af de gamle boliger vil få flere til at bo i byen."
)
ANSWER = "Vi renoverer 400 almene boliger i midtbyen fra 2027 sammen med boligforeningerne."
EXPLANATION = "Forslaget indgår i planen."


@pytest.fixture(autouse=True)
def _fast_feedback(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FEEDBACK_DIGEST_DELAY_MINUTES = 0
    settings.INPUT_MIN_SECONDS_TO_SUBMIT = 0


def _run_worker() -> None:
    call_command("run_worker", "--batch", "--interval", "0")


def _log_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_an_answered_theme_reaches_the_contributor_once_by_receipt_mail_and_public_page(
    page: Any, browser: Any, live_server: Any
) -> None:
    manager = builders.staff("leder")  # process manager and moderator
    process = make_analysable_process(slug="fremtiden", acting_user=manager)
    builders.open_for_input(process)

    # The contributor gives input with an e-mail and consent to be contacted.
    contributor = new_page(browser)
    contributor.goto(f"{live_server.url}/processer/fremtiden/fokus/boliger/giv-input/")
    assert_accessible(contributor)
    contributor.get_by_label("Dit input").fill(TEXT)
    contributor.check("input[name=contributor_type][value=citizen]")
    contributor.get_by_label("E-mail").fill(EMAIL)
    contributor.get_by_label("Kommunen må kontakte mig om mit input").check()
    contributor.get_by_label("Jeg har læst teksten om behandling af personoplysninger").check()
    contributor.get_by_role("button", name="Send input").click()
    contributor.wait_for_url("**/input/kvittering/**")
    receipt_url = contributor.url.split("?")[0]
    contributor.context.close()
    item = Input.objects.get(text=TEXT)
    assert item.moderation_state == ModerationState.PENDING
    _run_worker()  # the receipt e-mail and the screening
    mail.outbox.clear()

    # A moderator publishes it from the queue.
    _log_in(page, live_server, manager)
    page.goto(f"{live_server.url}/moderering/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Input nr. {item.pk}").click()
    page.wait_for_url(f"**/moderering/input/{item.pk}/")
    page.get_by_role("button", name="Offentliggør", exact=True).click()
    expect(page.locator("#moderation-state")).to_have_text("Offentliggjort")
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED

    # The analysis is started from the staff pages; the worker runs it.
    page.goto(f"{live_server.url}/processer/fremtiden/analyse/")
    assert_accessible(page)
    page.get_by_role("button", name="Start analyse").click()
    page.wait_for_url("**/analyse/*/")
    _run_worker()
    run = AnalysisRun.objects.latest_done_for(process)
    assert run is not None
    theme = builders.theme_of(run, item)

    # Staff answer the theme the input landed in, from the feedback overview.
    page.goto(f"{live_server.url}/medarbejder/processer/fremtiden/tilbagemelding/")
    assert_accessible(page)
    page.locator(f'a[href$="/medarbejder/tilbagemelding/tema/{theme.pk}/"]').click()
    page.wait_for_url(f"**/medarbejder/tilbagemelding/tema/{theme.pk}/")
    assert_accessible(page)
    answer_form = page.locator("form").filter(
        has=page.get_by_role("button", name="Gem svar og giv besked")
    )
    answer_form.get_by_label("Status", exact=True).select_option("used")
    answer_form.get_by_label("Offentlig forklaring af status").fill(EXPLANATION)
    answer_form.get_by_label("Kommunens svar").fill(ANSWER)
    answer_form.get_by_role("button", name="Gem svar og giv besked").click()
    expect(page.get_by_text("Svaret er gemt. Bidragyderne får besked.")).to_be_visible()
    item.refresh_from_db()
    assert item.status == "used"

    # The theme is a draft until staff publish it; only then does the public see it.
    page.get_by_role("link", name="Redigér temaet").click()
    page.get_by_role("button", name="Markér klar til offentliggørelse").click()
    expect(page.get_by_text("Temaet er offentliggjort.")).to_be_visible()

    # The worker sends the digest; a second sweep must not send it again.
    _run_worker()
    send_pending_feedback_digests.enqueue()
    _run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert ANSWER in str(message.body)
    unsubscribe = re.search(r"https?://[^\s]+/tilbagemelding/afmeld/[^\s/]+/", str(message.body))
    assert unsubscribe, message.body

    # The contributor's receipt page, in a fresh context, shows the answer.
    fresh = new_page(browser)
    fresh.goto(receipt_url)
    receipt = fresh.locator("main").inner_text()
    assert ANSWER in receipt
    assert "Brugt i planen" in receipt
    assert EXPLANATION in receipt
    assert_accessible(fresh)

    # The unsubscribe link from the e-mail works without logging in.
    path = re.sub(r"^https?://[^/]+", "", unsubscribe.group(0))
    fresh.goto(live_server.url + path)
    expect(fresh.get_by_role("heading", level=1)).to_have_text("Afmeld e-mails om tilbagemelding")
    assert_accessible(fresh)
    fresh.get_by_role("button", name="Afmeld e-mails").click()
    expect(fresh.get_by_text("Du er afmeldt.")).to_be_visible()
    assert NotificationPreference.objects.get(email=EMAIL).is_unsubscribed

    # "Det har vi hørt" shows the answer, and no e-mail address.
    fresh.goto(f"{live_server.url}/processer/fremtiden/det-har-vi-hoert/")
    heard = fresh.locator("main").inner_text()
    assert ANSWER in heard
    assert EMAIL not in fresh.content()
    assert_accessible(fresh)
    fresh.context.close()
