"""Issue 6's acceptance journey over the real HTTP stack: submit with an e-mail → moderate and
publish → run the analysis → answer the theme the input landed in → the contributor sees the
answer, exactly one e-mail was sent, the unsubscribe link works, "Det har vi hørt" shows the
answer."""

import html
import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client

from dialogportal.analysis.models import AnalysisRun
from dialogportal.feedback.models import NotificationPreference
from dialogportal.inputs.models import Input, ModerationState
from tests.analysis.builders import make_analysable_process
from tests.feedback import builders, scenario

TEXT = (
    "Boligerne i midtbyen er slidte, og mange lejligheder trænger til renovering. "
    "Renovering af de gamle boliger vil få flere til at bo i byen."
)
ANSWER = "Vi renoverer 400 almene boliger i midtbyen fra 2027 sammen med boligforeningerne."


def _started_token(page: str) -> str:
    match = re.search(r'name="started" value="([^"]+)"', page)
    assert match, "the input form carries a signed start time"
    return html.unescape(match.group(1))


def _journey() -> dict[str, object]:
    manager = builders.staff("leder")
    process = make_analysable_process(slug="fremtiden", acting_user=manager)
    builders.open_for_input(process)
    contributor = Client()
    form_url = "/processer/fremtiden/fokus/boliger/giv-input/"
    started = _started_token(contributor.get(form_url).text)
    response = contributor.post(
        form_url,
        {
            "text": TEXT,
            "contributor_type": "citizen",
            "email": "karen@example.dk",
            "consent_contact": "on",
            "accept_privacy": "on",
            "started": started,
        },
    )
    assert response.status_code == 302, response.content[:500]
    receipt_url = response["Location"].split("?")[0]
    item = Input.objects.get(text=TEXT)
    builders.run_worker()  # receipt e-mail and screening
    mail.outbox.clear()

    staff = Client()
    staff.force_login(manager)
    decided = staff.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish"})
    assert decided.status_code == 302
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED

    assert staff.post("/processer/fremtiden/analyse/start/").status_code == 302
    builders.run_worker()
    run = AnalysisRun.objects.latest_done_for(process)
    assert run is not None
    theme = builders.theme_of(run, item)

    page = staff.get(f"/medarbejder/tilbagemelding/tema/{theme.pk}/")
    assert page.status_code == 200
    answered = staff.post(
        f"/medarbejder/tilbagemelding/tema/{theme.pk}/",
        {"status": "used", "explanation": "Forslaget indgår i planen.", "text": ANSWER},
    )
    assert answered.status_code == 302, answered.content[:800]
    item.refresh_from_db()
    assert item.status == "used"
    # The theme is published only when staff mark it ready.
    heard = Client().get("/processer/fremtiden/det-har-vi-hoert/").text
    assert ANSWER not in heard
    published = staff.post(f"/analyse/temaer/{theme.pk}/status/", {"status": "ready"})
    assert published.status_code == 302
    builders.run_worker()
    return {"contributor": contributor, "receipt_url": receipt_url, "item": item}


@pytest.mark.django_db(transaction=True)
def test_answering_the_theme_reaches_the_contributor_once_and_the_public() -> None:
    journey = _journey()
    item = journey["item"]
    assert isinstance(item, Input)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karen@example.dk"]
    assert ANSWER in message.body
    assert "Brugt i planen" in message.body
    unsubscribe = re.search(r"http://[^\s]+/tilbagemelding/afmeld/[^\s/]+/", str(message.body))
    assert unsubscribe, message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe.group(0)}>"

    contributor = journey["contributor"]
    assert isinstance(contributor, Client)
    receipt = contributor.get(str(journey["receipt_url"])).text
    assert ANSWER in receipt
    assert "Brugt i planen" in receipt
    assert "Forslaget indgår i planen." in receipt

    api = Client().get(f"/api/v1/feedback/receipts/{item.receipt_token}/").json()
    assert api["answer"] == ANSWER
    assert api["status"] == "used"

    stranger = Client()
    path = unsubscribe.group(0).removeprefix("http://127.0.0.1:8000")
    assert "Afmeld e-mails" in stranger.get(path).text
    done = stranger.post(path, {"action": "unsubscribe"})
    assert done.status_code == 200
    assert "Du er afmeldt" in done.text
    assert NotificationPreference.objects.get(email="karen@example.dk").is_unsubscribed

    heard = Client().get("/processer/fremtiden/det-har-vi-hoert/").text
    assert ANSWER in heard
    area_heard = Client().get("/processer/fremtiden/fokus/boliger/det-har-vi-hoert/").text
    assert ANSWER in area_heard
    assert "karen@example.dk" not in heard


@pytest.mark.django_db
def test_the_receipt_page_shows_the_status_and_the_theme_answer() -> None:
    made = scenario.build()
    receipt = Client().get(made.named.get_receipt_url()).text
    assert "Brugt i planen" in receipt
    assert "Vi renoverer 400 boliger i midtbyen fra 2027 &lt;script&gt;" in receipt


@pytest.mark.django_db
def test_the_receipt_fragment_shows_status_explanation_answer_and_outcome() -> None:
    made = scenario.build()
    made.named.refresh_from_db()
    fragment = render_to_string("feedback/_receipt_feedback.html", {"input": made.named})
    assert "Brugt i planen" in fragment
    assert "Indgår i planen." in fragment
    assert "Vi renoverer 400 boliger i midtbyen fra 2027 &lt;script&gt;" in fragment
    assert "Svaret er givet til alle input om samme tema." in fragment
    assert scenario.OUTCOME in fragment
    waiting = render_to_string("feedback/_receipt_feedback.html", {"input": made.pending})
    assert "Kommunen har endnu ikke svaret." in waiting
