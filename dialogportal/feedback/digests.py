"""The contributors' daily feedback e-mail: the execute side, run by `feedback.tasks` in the
worker. `feedback.services` records the changes and enqueues the task by its path."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from dialogportal.feedback.models import (
    DigestStatus,
    NotificationDigest,
    NotificationPreference,
    StatusChange,
)
from dialogportal.feedback.queries import receipt_feedback
from dialogportal.feedback.services import preference_for
from dialogportal.inputs.models import Input

MAX_SEND_ATTEMPTS = 8


def _next_day_start(today: date) -> datetime:
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time(7, 0)))


class DigestOutcome:
    SENT = "sent"
    NOTHING = "nothing"
    UNSUBSCRIBED = "unsubscribed"
    LATER = "later"
    RETRY = "retry"
    GAVE_UP = "gave_up"


def send_digest(*, email: str, now: datetime | None = None) -> tuple[str, datetime | None]:
    """Send today's one e-mail to `email` listing every input of theirs that changed since the
    last e-mail. Returns (outcome, when to try again or None). Safe to run any number of times:
    the (address, day) row is the daily limit, and changes are marked only once sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    email = email.strip().lower()
    with transaction.atomic():
        pending = StatusChange.objects.select_for_update().filter(
            notify_email=email, notified_at__isnull=True
        )
        change_ids = list(pending.values_list("pk", flat=True))
        if not change_ids:
            return DigestOutcome.NOTHING, None
        pref = preference_for(email)
        if pref.is_unsubscribed:
            StatusChange.objects.filter(pk__in=change_ids).update(notified_at=now)
            return DigestOutcome.UNSUBSCRIBED, None
        digest, _created = NotificationDigest.objects.select_for_update().get_or_create(
            email=email, sent_on=today
        )
        if digest.status == DigestStatus.SENT:
            return DigestOutcome.LATER, _next_day_start(today)
        if digest.status == DigestStatus.FAILED:
            return DigestOutcome.GAVE_UP, None
        input_ids = sorted(
            set(StatusChange.objects.filter(pk__in=change_ids).values_list("input_id", flat=True))
        )
        message = _digest_message(email=email, input_ids=input_ids, pref=pref)
        digest.attempts += 1
        digest.input_ids = input_ids
        try:
            message.send(fail_silently=False)
        except Exception as exc:
            digest.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if digest.attempts >= MAX_SEND_ATTEMPTS:
                digest.status = DigestStatus.FAILED
                digest.save()
                return DigestOutcome.GAVE_UP, None
            digest.save()
            return DigestOutcome.RETRY, now + timedelta(minutes=5 * 2 ** (digest.attempts - 1))
        digest.status = DigestStatus.SENT
        digest.sent_at = now
        digest.last_error = ""
        digest.save()
        StatusChange.objects.filter(pk__in=change_ids).update(notified_at=now)
    return DigestOutcome.SENT, None


def _digest_message(
    *, email: str, input_ids: list[int], pref: NotificationPreference
) -> EmailMultiAlternatives:
    items = list(
        Input.objects.filter(pk__in=input_ids)
        .select_related("process", "focus_area")
        .order_by("pk")
    )
    unsubscribe_url = settings.SITE_URL + reverse(
        "feedback:unsubscribe", kwargs={"token": pref.unsubscribe_token}
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "entries": [
                {
                    "input": item,
                    "feedback": receipt_feedback(item),
                    "receipt_url": settings.SITE_URL + item.get_receipt_url(),
                }
                for item in items
            ],
            "unsubscribe_url": unsubscribe_url,
            "municipality": settings.MUNICIPALITY_NAME,
        }
        subject = render_to_string("feedback/email/digest_subject.txt", context).strip()
        body = render_to_string("feedback/email/digest_body.txt", context)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def pending_digest_emails() -> list[str]:
    """Addresses with changes not yet e-mailed (the daily sweep's work list)."""
    return sorted(
        set(
            StatusChange.objects.filter(notified_at__isnull=True)
            .exclude(notify_email="")
            .values_list("notify_email", flat=True)
        )
    )
