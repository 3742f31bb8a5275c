"""Issue 4's acceptance flow over the real HTTP stack: a contributor submits text with a CPR
number and a phone number → it waits in the queue with both highlighted → the moderator redacts
with one click and publishes → the public page and the API show "[fjernet]" → the history shows
the original to moderators only."""

import html
import re

import pytest

from dialogportal.accounts.models import Role
from dialogportal.inputs.models import Input, ModerationState
from tests.moderation import builders

CPR = "010190-1234"
PHONE = "20 30 40 50"


def _started_token(page: str) -> str:
    match = re.search(r'name="started" value="([^"]+)"', page)
    assert match, "the input form carries a signed start time"
    return html.unescape(match.group(1))


@pytest.mark.django_db(transaction=True)
def test_cpr_and_phone_wait_highlighted_and_are_published_as_fjernet(settings) -> None:
    settings.INPUT_MIN_SECONDS_TO_SUBMIT = 0
    made = builders.process(slug="fremtiden")
    area = made.focus_areas.order_by("order").first()
    assert area is not None
    moderator = builders.staff("moderator", Role.MODERATOR)

    contributor = builders.client(1)
    form_url = f"/processer/fremtiden/fokus/{area.slug}/giv-input/"
    started = _started_token(contributor.get(form_url).text)
    response = contributor.post(
        form_url,
        {
            "text": f"Bussen skal køre oftere. Mit CPR-nummer er {CPR}, ring på {PHONE}.",
            "contributor_type": "citizen",
            "accept_privacy": "on",
            "started": started,
        },
    )
    assert response.status_code == 302, response.content[:500]
    receipt_url = response["Location"]
    item = Input.objects.get()
    builders.run_worker()  # the screening task, once submit_input enqueues it
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PENDING

    staff = builders.client(2)
    staff.force_login(moderator)
    queue = staff.get("/moderering/").text
    assert f'data-hit-kind="cpr">{CPR}' in queue
    assert f'data-hit-kind="phone">{PHONE}' in queue

    public_before = builders.client(3).get(f"/processer/fremtiden/fokus/{area.slug}/").text
    assert "Bussen skal køre oftere" not in public_before

    # One click removes every hit, one click publishes.
    assert staff.post(f"/moderering/input/{item.pk}/fjern/", {"all": "1"}).status_code == 302
    assert (
        staff.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish"}).status_code == 302
    )
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED
    assert item.text == "Bussen skal køre oftere. Mit CPR-nummer er [fjernet], ring på [fjernet]."

    visitor = builders.client(3)
    public_page = visitor.get(f"/processer/fremtiden/fokus/{area.slug}/").text
    assert "[fjernet]" in public_page
    assert CPR not in public_page
    assert PHONE not in public_page
    api = visitor.get("/api/v1/processes/fremtiden/inputs/").json()
    texts = [entry["text"] for entry in api["results"]]
    assert texts == [item.text]

    history = staff.get(f"/moderering/input/{item.pk}/historik/").text
    assert CPR in history
    assert PHONE in history
    assert "[fjernet]" in history
    for outsider in (visitor, contributor):
        response = outsider.get(f"/moderering/input/{item.pk}/historik/")
        assert response.status_code == 302
        assert CPR not in response.text
    receipt = contributor.get(receipt_url).text
    assert CPR not in receipt
