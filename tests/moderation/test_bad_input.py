"""Hostile or odd input to the moderation pages gets a clear Danish message, never a 500."""

import pytest
from django.test import Client

from dialogportal.inputs.models import Input, ModerationState
from dialogportal.moderation.execution import screen_input_now
from dialogportal.moderation.models import Report
from dialogportal.moderation.services import publish_input
from tests.moderation import builders

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " \n\t ",
    "<script>alert('x')</script>",
    "'; DROP TABLE inputs_input; --",
    "x" * 5000,
    "\x00\x01binær",
    "Ｆｕｌｌ－ｗｉｄｔｈ ０１０１９０－１２３４",
    "Rødgrød med fløde på Æblevej 🍓",
]


@pytest.mark.parametrize("comment", HOSTILE)
def test_the_report_form_takes_any_comment_without_a_500(moderator, comment: str) -> None:
    item = builders.submit(builders.process())
    publish_input(item=item, acting_user=moderator)
    response = builders.client(1).post(
        f"/input/{item.pk}/anmeld/", {"reason": "other", "comment": comment}
    )
    assert response.status_code in (200, 400)
    assert "<script>alert('x')</script>" not in response.text
    if len(comment) > 2000:
        assert "Højst 2000 tegn" in response.text
        assert not Report.objects.exists()


@pytest.mark.parametrize("reason", ["", "spam'; --", "ukendt", "<b>"])
def test_an_unknown_report_reason_is_refused_in_danish(moderator, reason: str) -> None:
    item = builders.submit(builders.process())
    publish_input(item=item, acting_user=moderator)
    response = builders.client(1).post(f"/input/{item.pk}/anmeld/", {"reason": reason})
    assert response.status_code == 400
    assert "Vælg" in response.text
    assert not Report.objects.exists()


def test_a_filled_honeypot_is_thanked_but_not_stored(moderator) -> None:
    item = builders.submit(builders.process())
    publish_input(item=item, acting_user=moderator)
    response = builders.client(1).post(
        f"/input/{item.pk}/anmeld/", {"reason": "spam", "website": "http://spam"}
    )
    assert response.status_code == 200
    assert not Report.objects.exists()


@pytest.mark.parametrize("reason", HOSTILE)
def test_any_rejection_reason_is_handled_without_a_500(
    moderator_client: Client, reason: str
) -> None:
    item = builders.submit(builders.process())
    response = moderator_client.post(
        f"/moderering/input/{item.pk}/beslut/", {"action": "reject", "reason": reason}, follow=True
    )
    assert response.status_code == 200
    item.refresh_from_db()
    if reason.strip() and len(reason) <= 2000 and "\x00" not in reason:
        assert item.moderation_state == ModerationState.REJECTED
    else:
        assert item.moderation_state == ModerationState.PENDING


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "delete_everything"},
        {"field": "text", "start": "-1", "end": "x"},
        {"field": "name", "start": "0", "end": "4"},
        {"field": "text", "start": "99999999999999", "end": "1"},
    ],
)
def test_odd_redaction_and_decision_posts_get_a_message(moderator_client: Client, data) -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    for url in (f"/moderering/input/{item.pk}/fjern/", f"/moderering/input/{item.pk}/beslut/"):
        response = moderator_client.post(url, data, follow=True)
        assert response.status_code == 200
        assert 'class="alert alert-error"' in response.text
    assert Input.objects.get(pk=item.pk).text == builders.TEXT_WITH_CPR_AND_PHONE


@pytest.mark.parametrize("ids", [["abc"], ["999999"], ["-1"], [""], ["1e5"]])
def test_bulk_with_unknown_ids_gets_a_message(moderator_client: Client, ids: list[str]) -> None:
    response = moderator_client.post(
        "/moderering/samlet/", {"inputs": ids, "action": "hide"}, follow=True
    )
    assert response.status_code == 200
    assert 'class="alert alert-error"' in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/moderering/input/999999/",
        "/moderering/input/999999/historik/",
        "/input/999999/anmeld/",
        "/moderering/input/%27%20OR%201=1/",
    ],
)
def test_unknown_inputs_give_404(moderator_client: Client, path: str) -> None:
    assert moderator_client.get(path).status_code == 404


def test_an_empty_edit_is_refused(moderator_client: Client) -> None:
    item = builders.submit(builders.process())
    response = moderator_client.post(
        f"/moderering/input/{item.pk}/ret/", {"title": "", "text": "   "}, follow=True
    )
    assert "Teksten må ikke være tom" in response.text


def test_full_width_and_split_cpr_numbers_are_highlighted_in_the_queue(
    moderator_client: Client,
) -> None:
    made = builders.process()
    builders.submit(made, "Mit nummer: ０１０１９０－１２３４ står her i teksten.")
    builders.submit(made, "CPR står på to linjer 010190-\n1234 her i teksten.", ip="192.0.2.8")
    builders.submit(made, "Se https://eksempel.dk/?cpr=0101901234 for mere.", ip="192.0.2.9")
    queue = moderator_client.get("/moderering/").text
    assert queue.count('data-hit-kind="cpr"') == 3


def test_an_unreadable_attachment_is_flagged_and_never_published(moderator_client: Client) -> None:
    item = builders.submit(
        builders.process(), attachments=[("beskadiget.pdf", b"%PDF-1.7\n garbage " * 10)]
    )
    screen_input_now(input_id=item.pk)
    page = moderator_client.get(f"/moderering/input/{item.pk}/").text
    assert "ikke screenet – tjek manuelt" in page


def test_html_in_an_input_is_escaped_around_the_highlighted_hits(moderator_client: Client) -> None:
    item = builders.submit(
        builders.process(), "<script>alert(1)</script> mit nummer <b>010190-1234</b> æøå"
    )
    for url in ("/moderering/", f"/moderering/input/{item.pk}/", "/en/moderering/"):
        page = moderator_client.get(url).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert 'data-hit-kind="cpr">010190-1234<span class="sr-only">' in page
