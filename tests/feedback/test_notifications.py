"""The contributors' e-mail: at most one per address per day listing every changed input, only
with consent, never after unsubscribing, retried with backoff and never blocking a staff action."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dialogportal.feedback import services
from dialogportal.feedback.digests import (
    MAX_SEND_ATTEMPTS,
    DigestOutcome,
    pending_digest_emails,
    send_digest,
)
from dialogportal.feedback.models import DigestStatus, NotificationDigest, StatusChange
from tests.feedback import builders

EMAIL = "karen@example.dk"


def _input(process: object, text: str, **kwargs: object) -> object:
    return builders.contributed(
        process,  # type: ignore[arg-type]
        text=text,
        area_slug="omraade-1",
        email="Karen@Example.DK",
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.django_db
def test_one_email_lists_every_changed_input_of_the_person_and_a_second_waits_a_day() -> None:
    process = builders.small_process()
    first = _input(process, "Flere cykelstier langs Gudenåen, tak.")
    second = _input(process, "Bedre busforbindelser til landsbyerne, tak.")
    services.answer_input(item=first, status="used", text="Cykelstien bygges.", acting_user=None)  # type: ignore[arg-type]
    services.set_status(item=second, status="considered", acting_user=None)  # type: ignore[arg-type]
    now = timezone.now()

    assert send_digest(email=EMAIL, now=now) == (DigestOutcome.SENT, None)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Cykelstien bygges." in body
    assert "Indgår i overvejelserne" in body
    assert "Flere cykelstier" in body
    assert "Bedre busforbindelser" in body
    assert "/tilbagemelding/afmeld/" in body

    services.set_status(item=second, status="used", acting_user=None)  # type: ignore[arg-type]
    outcome, retry_at = send_digest(email=EMAIL, now=now + timedelta(minutes=5))
    assert outcome == DigestOutcome.LATER
    assert retry_at is not None
    assert timezone.localdate(retry_at) > timezone.localdate(now)
    assert len(mail.outbox) == 1
    assert send_digest(email=EMAIL, now=now + timedelta(days=1))[0] == DigestOutcome.SENT
    assert len(mail.outbox) == 2
    assert send_digest(email=EMAIL, now=now + timedelta(days=1))[0] == DigestOutcome.NOTHING


@pytest.mark.django_db
def test_no_email_without_consent_to_be_contacted() -> None:
    process = builders.small_process()
    item = _input(process, "Flere cykelstier, tak.", consent_contact=False)
    services.answer_input(item=item, status="used", text="Ja.", acting_user=None)  # type: ignore[arg-type]
    assert StatusChange.objects.get().notify_email == ""
    assert pending_digest_emails() == []
    assert send_digest(email=EMAIL)[0] == DigestOutcome.NOTHING
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_unsubscribed_address_gets_nothing_and_its_changes_are_settled() -> None:
    process = builders.small_process()
    item = _input(process, "Flere cykelstier, tak.")
    pref = services.preference_for(EMAIL)
    assert services.unsubscribe(token=pref.unsubscribe_token) is not None
    services.answer_input(item=item, status="used", text="Ja.", acting_user=None)  # type: ignore[arg-type]
    assert send_digest(email=EMAIL)[0] == DigestOutcome.UNSUBSCRIBED
    assert mail.outbox == []
    assert pending_digest_emails() == []
    assert services.unsubscribe(token="no-such-token") is None


@pytest.mark.django_db
def test_a_mail_server_that_is_down_is_retried_with_growing_delays_then_given_up(settings) -> None:
    settings.EMAIL_BACKEND = "tests.feedback.failing_mail.DownBackend"
    process = builders.small_process()
    item = _input(process, "Flere cykelstier, tak.")
    services.answer_input(item=item, status="used", text="Ja.", acting_user=None)  # type: ignore[arg-type]
    now = timezone.now()
    delays = []
    for _attempt in range(MAX_SEND_ATTEMPTS - 1):
        outcome, retry_at = send_digest(email=EMAIL, now=now)
        assert outcome == DigestOutcome.RETRY
        assert retry_at is not None
        delays.append(retry_at - now)
    assert delays == sorted(delays)
    assert delays[0] == timedelta(minutes=5)
    assert send_digest(email=EMAIL, now=now) == (DigestOutcome.GAVE_UP, None)
    digest = NotificationDigest.objects.get()
    assert digest.status == DigestStatus.FAILED
    assert "SMTPServerDisconnected" in digest.last_error
    assert StatusChange.objects.get().notified_at is None


@pytest.mark.django_db(transaction=True)
def test_the_staff_answer_stands_when_mail_fails_and_the_task_requeues_itself(settings) -> None:
    settings.EMAIL_BACKEND = "tests.feedback.failing_mail.DownBackend"
    process = builders.small_process()
    item = _input(process, "Flere cykelstier, tak.")
    builders.run_worker()  # the receipt e-mail fails too; the input stays
    services.answer_input(item=item, status="used", text="Ja.", acting_user=None)  # type: ignore[arg-type]
    item.refresh_from_db()  # type: ignore[attr-defined]
    assert item.status == "used"  # type: ignore[attr-defined]
    builders.run_worker()
    digest = NotificationDigest.objects.get()
    assert digest.attempts == 1
    waiting = DBTaskResult.objects.filter(
        task_path="dialogportal.feedback.tasks.send_feedback_digest", status="READY"
    )
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    waiting.update(run_after=timezone.now())
    builders.run_worker()
    assert NotificationDigest.objects.get().status == DigestStatus.SENT
    assert [m.to for m in mail.outbox] == [[EMAIL]]


@pytest.mark.django_db(transaction=True)
def test_the_daily_sweep_sends_what_is_pending() -> None:
    from dialogportal.feedback.tasks import send_pending_feedback_digests

    process = builders.small_process()
    item = _input(process, "Flere cykelstier, tak.")
    builders.run_worker()
    mail.outbox.clear()
    StatusChange.objects.all().delete()
    services.set_status(item=item, status="considered", acting_user=None)  # type: ignore[arg-type]
    DBTaskResult.objects.all().delete()  # as if the enqueue had been lost
    send_pending_feedback_digests.enqueue()
    builders.run_worker()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_forgetting_an_address_erases_it_from_every_feedback_table() -> None:
    process = builders.small_process()
    item = _input(process, "Flere cykelstier, tak.")
    services.answer_input(item=item, status="used", text="Ja.", acting_user=None)  # type: ignore[arg-type]
    send_digest(email=EMAIL)
    assert services.forget_address(email=" KAREN@example.dk ") == 3
    assert not StatusChange.objects.exclude(notify_email="").exists()
    assert not NotificationDigest.objects.exists()
    assert services.forget_address(email="") == 0
