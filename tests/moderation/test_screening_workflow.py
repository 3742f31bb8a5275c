import pytest
from django.test import Client

from dialogportal.inputs.models import Input, ModerationState
from dialogportal.moderation.execution import screen_input_now
from dialogportal.moderation.models import DecisionAction, ScreeningResult
from dialogportal.moderation.tasks import screen_input
from tests.moderation import builders


@pytest.mark.django_db(transaction=True)
def test_the_screening_task_stores_hits_and_keeps_the_input_waiting() -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    screen_input.enqueue(item.pk)
    builders.run_worker()
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PENDING
    result = ScreeningResult.objects.get(input=item)
    assert sorted(result.hits.values_list("kind", flat=True)) == ["cpr", "phone"]


@pytest.mark.django_db(transaction=True)
def test_a_clean_input_is_published_automatically_when_the_process_publishes_at_once() -> None:
    made = builders.process(publishes_immediately=True)
    item = builders.submit(made)
    Input.objects.filter(pk=item.pk).update(moderation_state=ModerationState.PENDING)
    screen_input.enqueue(item.pk)
    builders.run_worker()
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED
    assert item.decisions.get().action == DecisionAction.AUTO_PUBLISH


@pytest.mark.django_db
def test_hits_block_automatic_publishing_even_when_the_process_publishes_at_once() -> None:
    made = builders.process(publishes_immediately=True)
    item = builders.submit(made, builders.TEXT_WITH_CPR_AND_PHONE)
    screen_input_now(input_id=item.pk)
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PENDING
    assert not Input.objects.public().filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_screening_twice_changes_nothing_more() -> None:
    item = builders.submit(builders.process(), builders.TEXT_WITH_CPR_AND_PHONE)
    screen_input_now(input_id=item.pk)
    screen_input_now(input_id=item.pk)
    assert ScreeningResult.objects.filter(input=item).count() == 1
    assert ScreeningResult.objects.get(input=item).hits.count() == 2
    assert item.decisions.count() == 0


@pytest.mark.django_db
def test_screening_an_erased_input_is_a_no_op() -> None:
    assert screen_input_now(input_id=987654) is None


@pytest.mark.django_db
def test_an_attachment_with_a_cpr_number_stays_unpublished_when_the_input_is_published(
    moderator_client: Client,
) -> None:
    item = builders.submit(
        builders.process(),
        attachments=[("bilag.pdf", builders.pdf_with_text(f"Underskrevet, cpr {builders.CPR}"))],
    )
    screen_input_now(input_id=item.pk)
    attachment = item.attachments.get()
    assert attachment.screening.hit_count == 1
    response = moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish"})
    assert response.status_code == 302
    item.refresh_from_db()
    attachment.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED
    assert attachment.is_public is False
    # One click is not enough for a flagged attachment (issue 16): the same confirmation as text.
    refused = moderator_client.post(
        f"/moderering/input/{item.pk}/bilag/{attachment.pk}/", {"publicity": "public"}, follow=True
    )
    assert "bekræft, at det må offentliggøres" in refused.content.decode()
    attachment.refresh_from_db()
    assert attachment.is_public is False
    assert not item.decisions.filter(action="attachment_publish").exists()
    moderator_client.post(
        f"/moderering/input/{item.pk}/bilag/{attachment.pk}/",
        {"publicity": "public", "confirm_hits": "on"},
    )
    attachment.refresh_from_db()
    assert attachment.is_public is True


@pytest.mark.django_db
def test_an_unreadable_attachment_also_needs_the_confirmation(moderator_client: Client) -> None:
    item = builders.submit(builders.process(), attachments=[("skan.png", builders.png_bytes())])
    screen_input_now(input_id=item.pk)
    attachment = item.attachments.get()
    assert attachment.screening.needs_manual_check
    moderator_client.post(
        f"/moderering/input/{item.pk}/bilag/{attachment.pk}/", {"publicity": "public"}
    )
    attachment.refresh_from_db()
    assert attachment.is_public is False


@pytest.mark.django_db
def test_a_clean_attachment_is_published_with_its_input(moderator_client: Client) -> None:
    item = builders.submit(
        builders.process(), attachments=[("bilag.pdf", builders.pdf_with_text("Gode idéer"))]
    )
    screen_input_now(input_id=item.pk)
    moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish"})
    assert item.attachments.get().is_public is True


@pytest.mark.django_db
def test_an_attachment_published_before_the_worker_screened_it_waits_for_the_worker(
    moderator_client: Client,
) -> None:
    # The web process never reads attachments (cold start, issue #20): an input a moderator
    # publishes before the worker got to it keeps its attachments internal until the worker has
    # found them clean, and one with a CPR number stays internal after it.
    item = builders.submit(
        builders.process(),
        attachments=[
            ("bilag.pdf", builders.pdf_with_text("Gode idéer")),
            ("brev.pdf", builders.pdf_with_text(f"Underskrevet, cpr {builders.CPR}")),
        ],
    )
    moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish"})
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED
    assert not item.attachments.filter(is_public=True).exists()
    assert not ScreeningResult.objects.filter(attachment__input=item).exists()

    screen_input_now(input_id=item.pk)
    public = dict(item.attachments.values_list("original_name", "is_public"))
    assert public == {"bilag.pdf": True, "brev.pdf": False}
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.PUBLISHED  # the moderator's decision stands
    assert list(item.decisions.values_list("action", flat=True)) == [DecisionAction.PUBLISH]


@pytest.mark.django_db
def test_the_worker_does_not_publish_an_attachment_a_moderator_withheld(
    moderator_client: Client,
) -> None:
    item = builders.submit(
        builders.process(), attachments=[("bilag.pdf", builders.pdf_with_text("Gode idéer"))]
    )
    moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish"})
    attachment = item.attachments.get()
    moderator_client.post(
        f"/moderering/input/{item.pk}/bilag/{attachment.pk}/", {"publicity": "internal"}
    )
    assert item.decisions.filter(action=DecisionAction.ATTACHMENT_WITHHOLD).exists()
    screen_input_now(input_id=item.pk)
    attachment.refresh_from_db()
    assert attachment.is_public is False


@pytest.mark.django_db
def test_a_scanned_attachment_is_flagged_for_a_manual_check(moderator_client: Client) -> None:
    item = builders.submit(builders.process(), attachments=[("scan.png", builders.png_bytes())])
    screen_input_now(input_id=item.pk)
    response = moderator_client.get(f"/moderering/input/{item.pk}/")
    assert "ikke screenet – tjek manuelt" in response.text
    moderator_client.post(f"/moderering/input/{item.pk}/beslut/", {"action": "publish"})
    assert item.attachments.get().is_public is False
