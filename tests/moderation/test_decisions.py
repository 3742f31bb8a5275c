import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.moderation.models import DecisionAction, HitField, ModerationDecision, Report
from dialogportal.moderation.services import (
    ModerationError,
    bulk_decide,
    publish_input,
    redact_hit,
    reject_input,
)
from tests.moderation import builders

pytestmark = pytest.mark.django_db


def test_publishing_is_refused_while_screening_finds_personal_data(
    moderator_client: Client,
) -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    response = moderator_client.post(
        f"/moderering/input/{item.pk}/beslut/", {"action": "publish"}, follow=True
    )
    assert "mulige personoplysninger" in response.text
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PENDING


def test_a_moderator_may_confirm_that_a_hit_is_not_personal_data(moderator_client: Client) -> None:
    item = builders.submit(builders.process(), "Ring til borgerservice på 89 15 15 15 for hjælp.")
    moderator_client.post(
        f"/moderering/input/{item.pk}/beslut/", {"action": "publish", "confirm_hits": "on"}
    )
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED
    assert "89 15 15 15" in item.text


def test_one_hit_is_redacted_with_one_click_and_logged_with_text_before_and_after(
    moderator,
) -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    start = item.text.index(builders.CPR)
    redact_hit(
        item=item,
        acting_user=moderator,
        field=HitField.TEXT,
        start=start,
        end=start + len(builders.CPR),
    )
    item.refresh_from_db()
    assert builders.CPR not in item.text
    assert builders.PHONE in item.text  # only the chosen hit
    decision = ModerationDecision.objects.get(input=item)
    assert decision.action == DecisionAction.REDACT
    assert decision.actor == moderator
    assert builders.CPR in decision.text_before
    assert decision.text_after == item.text


def test_a_stale_redaction_click_gets_a_clear_message(moderator) -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    with pytest.raises(ModerationError, match="findes ikke længere"):
        redact_hit(item=item, acting_user=moderator, field=HitField.TEXT, start=0, end=3)


def test_publish_with_redaction_removes_every_hit_in_title_and_text(
    moderator_client: Client,
) -> None:
    item = builders.submit(
        builders.process(), builders.TEXT_WITH_CPR_AND_PHONE, title="Skriv til ole@eksempel.dk"
    )
    moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish_redacted"})
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED
    assert item.title == "Skriv til [fjernet]"
    assert item.text.count("[fjernet]") == 2
    decision = item.decisions.get()
    assert decision.action == DecisionAction.PUBLISH_REDACTED
    assert "ole@eksempel.dk" in decision.title_before


def test_rejecting_needs_a_reason_which_the_contributor_sees_on_the_receipt(
    moderator_client: Client,
) -> None:
    item = builders.submit(builders.process())
    response = moderator_client.post(
        f"/moderering/input/{item.pk}/beslut/", {"action": "reject", "reason": "  "}, follow=True
    )
    assert "Skriv en begrundelse" in response.text
    moderator_client.post(
        f"/moderering/input/{item.pk}/beslut/",
        {"action": "reject", "reason": "Inputtet handler om en enkelt persons sag."},
    )
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.REJECTED
    receipt = builders.client(1).get(item.get_receipt_url())
    assert "Inputtet handler om en enkelt persons sag." in receipt.text


def test_the_receipt_status_include_shows_the_rejection_reason(moderator) -> None:
    from django.template.loader import render_to_string

    item = builders.submit(builders.process())
    reject_input(item=item, acting_user=moderator, reason="Krænkende sprog <b>")
    item.refresh_from_db()
    html = render_to_string("moderation/_receipt_status.html", {"receipt_input": item})
    assert "Krænkende sprog &lt;b&gt;" in html


def test_hidden_inputs_are_never_public_and_their_views_are_logged(
    moderator_client: Client, moderator
) -> None:
    item = builders.submit(builders.process())
    moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "hide"})
    assert not Input.objects.public().filter(pk=item.pk).exists()
    moderator_client.get(f"/moderering/input/{item.pk}/")
    from dialogportal.accounts.models import AccessKind, AccessLog

    entry = AccessLog.objects.get()
    assert entry.user == moderator
    assert entry.kind == AccessKind.HIDDEN_INPUT
    assert (entry.object_type, entry.object_id) == ("inputs.input", item.pk)


def test_bulk_publishing_skips_inputs_with_hits(moderator_client: Client) -> None:
    made = builders.process()
    clean = builders.submit(made)
    dirty = builders.submit(made, builders.TEXT_WITH_CPR_AND_PHONE, ip="192.0.2.8")
    response = moderator_client.post(
        "/moderering/samlet/",
        {"inputs": [clean.pk, dirty.pk], "action": "publish"},
        follow=True,
    )
    assert "1 input er behandlet" in response.text
    assert f"nr. {dirty.pk}" in response.text
    assert Input.objects.get(pk=clean.pk).moderation_state == ModerationState.PUBLISHED
    assert Input.objects.get(pk=dirty.pk).moderation_state == ModerationState.PENDING


def test_bulk_rejection_gives_every_input_the_reason(moderator) -> None:
    made = builders.process()
    items = [builders.submit(made, ip=f"192.0.2.{n}") for n in range(3)]
    outcome = bulk_decide(items=items, acting_user=moderator, action="reject", reason="Dubletter")
    assert len(outcome.done) == 3
    assert set(Input.objects.values_list("rejection_reason", flat=True)) == {"Dubletter"}


def test_a_report_puts_a_published_input_back_in_the_queue_until_a_moderator_decides(
    moderator_client: Client, moderator
) -> None:
    item = builders.submit(builders.process())
    publish_input(item=item, acting_user=moderator)
    assert f"Vælg input nr. {item.pk}" not in moderator_client.get("/moderering/").text
    response = builders.client(1).post(
        f"/input/{item.pk}/anmeld/", {"reason": "offensive", "comment": "Grimt sprog"}
    )
    assert response.status_code == 200
    assert "Tak for anmeldelsen" in response.text
    queue = moderator_client.get("/moderering/").text
    assert f"Vælg input nr. {item.pk}" in queue
    assert "1 anmeldelse" in queue
    moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "keep"})
    assert Report.objects.get().resolved_at is not None
    assert f"Vælg input nr. {item.pk}" not in moderator_client.get("/moderering/").text
    assert Input.objects.public().filter(pk=item.pk).exists()


def test_the_history_lists_every_decision_and_report_with_who_and_what(
    moderator_client: Client, moderator
) -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    moderator_client.post(f"/moderering/input/{item.pk}/fjern/", {"all": "1"})
    moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish"})
    builders.client(1).post(f"/input/{item.pk}/anmeld/", {"reason": "spam"})
    page = moderator_client.get(f"/moderering/input/{item.pk}/historik/").text
    assert "Redigeret" in page
    assert "Offentliggjort" in page
    assert "Anmeldt af en besøgende" in page
    assert str(moderator) in page
    assert builders.CPR in page  # the original, for moderators


def test_a_moderators_own_edit_is_logged(moderator_client: Client) -> None:
    item = builders.submit(builders.process(), "Min nabo Jens Hansen larmer hele tiden om natten.")
    moderator_client.post(
        f"/moderering/input/{item.pk}/ret/",
        {"title": "", "text": "Min nabo [fjernet] larmer hele tiden om natten."},
    )
    decision = ModerationDecision.objects.get(input=item)
    assert decision.action == DecisionAction.EDIT
    assert "Jens Hansen" in decision.text_before


def test_staff_of_a_committee_cannot_moderate() -> None:
    secretary = builders.staff("sekretaer", Role.COMMITTEE_SECRETARY)
    client = builders.client(1)
    client.force_login(secretary)
    assert client.get("/moderering/").status_code == 403


def test_every_non_public_input_shown_in_a_list_is_logged(
    moderator_client: Client, moderator
) -> None:
    from dialogportal.accounts.models import AccessKind, AccessLog
    from dialogportal.moderation.services import hide_input

    made = builders.process()
    hidden = [builders.submit(made, ip=f"192.0.2.{n}") for n in range(2)]
    for item in hidden:
        hide_input(item=item, acting_user=moderator)
    moderator_client.get("/moderering/?vis=hidden")
    logged = AccessLog.objects.filter(kind=AccessKind.HIDDEN_INPUT, user=moderator)
    assert sorted(
        pk for pk in logged.values_list("object_id", flat=True) if pk is not None
    ) == sorted(i.pk for i in hidden)
    moderator_client.get("/moderering/?vis=published")
    assert logged.count() == 2
