"""The one service behind every channel, and the one definition of what is public."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from dialogportal.accounts.models import Role
from dialogportal.inputs.models import Channel, Input, ModerationState
from dialogportal.inputs.queries import public_input
from dialogportal.inputs.services import (
    IdempotencyConflictError,
    PhaseClosedError,
    RateLimitedError,
    max_length,
)
from dialogportal.processes.models import PhaseKind
from tests.factories import make_input, make_process, make_staff, publish

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_inputs_wait_for_screening_and_publish_at_once_only_when_the_process_says_so() -> None:
    process = make_process(slug="by")
    waiting = make_input(process, text="Ring til mig på 12 34 56 78, så fortæller jeg mere.")
    assert waiting.moderation_state == ModerationState.PENDING
    process.publishes_immediately = True
    process.save()
    clean = make_input(process)
    assert clean.moderation_state == ModerationState.PENDING  # stored first, screened after
    call_command("run_worker", "--batch", "--interval", "0")
    waiting.refresh_from_db()
    clean.refresh_from_db()
    assert waiting.moderation_state == ModerationState.PENDING
    assert clean.moderation_state == ModerationState.PUBLISHED


def test_public_means_published_input_in_a_published_process() -> None:
    process = make_process(slug="by")
    shown = make_input(process)
    publish(shown)
    make_input(process)
    assert list(Input.objects.public()) == [shown]
    process.is_published = False
    process.save()
    assert not Input.objects.public().exists()


def test_public_input_never_carries_contact_data_or_the_receipt_token() -> None:
    process = make_process(slug="by")
    obj = make_input(
        process,
        name="Åse",
        email="aase@example.dk",
        phone="12345678",
        postcode="8900",
        organisation="FOA",
        consent_publish_name=False,
        submitted_ip="10.1.2.3",
    )
    shown = public_input(obj)
    values = repr(shown)
    for secret in ("aase@example.dk", "12345678", "10.1.2.3", obj.receipt_token, "Åse", "FOA"):
        assert secret not in values
    assert shown.postcode == "8900"
    assert shown.town == "Randers C"
    assert not hasattr(shown, "email")


def test_a_public_submission_needs_an_open_input_phase() -> None:
    process = make_process(slug="by", phase_kind=PhaseKind.FEEDBACK)
    with pytest.raises(PhaseClosedError):
        make_input(process)
    staff = make_staff("sekretaer", Role.COMMITTEE_SECRETARY)
    assert make_input(process, acting_user=staff, channel=Channel.LETTER).pk


def test_the_public_channel_cannot_claim_another_channel() -> None:
    process = make_process(slug="by")
    assert make_input(process, channel=Channel.MED_COMMITTEE).channel == Channel.WEB


def test_the_rate_limit_applies_to_the_public_not_to_staff(settings: Any) -> None:
    settings.INPUT_RATE_LIMIT = 1
    process = make_process(slug="by")
    make_input(process, submitted_ip="10.0.0.1")
    with pytest.raises(RateLimitedError):
        make_input(process, submitted_ip="10.0.0.1")
    staff = make_staff("sekretaer", Role.COMMITTEE_SECRETARY)
    for _ in range(3):
        make_input(process, acting_user=staff, channel=Channel.POSTCARD, submitted_ip="10.0.0.1")


def test_a_repeated_key_returns_the_first_input_and_a_changed_text_conflicts() -> None:
    process = make_process(slug="by")
    first = make_input(process, idempotency_key="abc")
    again = make_input(process, idempotency_key="abc")
    assert again.pk == first.pk
    assert again.was_created is False
    with pytest.raises(IdempotencyConflictError):
        make_input(process, idempotency_key="abc", text="En helt anden tekst end før.")
    with pytest.raises(ValidationError):
        make_input(process, idempotency_key="mellem rum")
    assert Input.objects.count() == 1


def test_a_repeat_is_answered_with_the_first_input_even_when_a_new_input_would_be_refused(
    settings: Any,
) -> None:
    # The key is checked only when the insert or a rule fails (no look-up on the hot path), so
    # the rules that refuse a NEW input must not refuse the repeat of an accepted one.
    settings.INPUT_RATE_LIMIT = 1
    process = make_process(slug="by")
    first = make_input(process, idempotency_key="gentag", submitted_ip="10.0.0.2")
    again = make_input(process, idempotency_key="gentag", submitted_ip="10.0.0.2")
    assert (again.pk, again.was_created) == (first.pk, False)
    process.phases.update(kind=PhaseKind.FEEDBACK)
    later = make_input(process, idempotency_key="gentag", submitted_ip="10.0.0.3")
    assert (later.pk, later.was_created) == (first.pk, False)
    with pytest.raises(PhaseClosedError):
        make_input(process, idempotency_key="ny-noegle", submitted_ip="10.0.0.3")
    assert Input.objects.count() == 1


def test_a_focus_area_of_another_process_is_refused() -> None:
    process = make_process(slug="by")
    other = make_process(slug="anden")
    with pytest.raises(ValidationError) as error:
        make_input(process, focus_area=other.focus_areas.first())
    assert "focus_area" in error.value.message_dict


def test_a_malformed_address_from_a_proxy_is_stored_as_none_and_refuses_nothing() -> None:
    process = make_process(slug="by")
    obj = make_input(process, submitted_ip="ikke-en-adresse")
    assert Input.objects.get(pk=obj.pk).submitted_ip is None


@pytest.mark.parametrize("field", ["title", "organisation", "name", "source", "phone", "email"])
def test_every_length_limit_of_the_model_is_a_danish_message_from_the_service(field: str) -> None:
    """The service validates every field it stores (the model's `full_clean` is not run again),
    so a value one character over the model's limit is a field error, never a database error."""
    process = make_process(slug="by")
    limit = max_length(field)  # the model's max_length
    value = "a" * (limit - 11) + "@example.dk" if field == "email" else "æ" * limit
    staff = make_staff("sekretaer", Role.COMMITTEE_SECRETARY)
    extra: dict[str, Any] = {"acting_user": staff, "channel": Channel.LETTER}
    make_input(process, **{field: value}, **extra)  # at the limit: stored
    with pytest.raises(ValidationError) as error:
        make_input(process, **{field: value + "x"}, **extra)
    assert "Højst" in error.value.message_dict[field][0]
    assert Input.objects.count() == 1
