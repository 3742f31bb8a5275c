"""The feedback app's part of every personal-data task (`privacy.handlers` calls it): the
addresses it e-mails answers to (a preference per address, the daily e-mails, pending
notifications) and the copies of an input's text in answer labels."""

from datetime import date
from typing import Any

from django.db.models import QuerySet

from dialogportal.feedback.models import (
    Answer,
    NotificationDigest,
    NotificationPreference,
    Outcome,
    StatusChange,
)
from dialogportal.feedback.services import forget_address, input_label
from dialogportal.inputs.models import Input
from dialogportal.processes.models import Process

COVERED_FIELDS: dict[str, str] = {
    "feedback.StatusChange.notify_email": "cleared at retention and erasure",
    "feedback.NotificationPreference.email": "deleted at retention and erasure",
    "feedback.NotificationPreference.unsubscribe_token": "deleted with the preference",
    "feedback.NotificationDigest.email": "deleted at retention and erasure",
    "feedback.NotificationDigest.last_error": "deleted with the digest (may quote the address)",
    "feedback.Answer.target_label": "names the input by number, never by its text",
    "feedback.Outcome.target_label": "names the input by number, never by its text",
}


def subject_records(*, email: str) -> dict[str, list[dict[str, Any]]]:
    email = email.strip().lower()
    preferences = NotificationPreference.objects.filter(email=email)
    digests = NotificationDigest.objects.filter(email=email).order_by("pk")
    return {
        "feedback_notifications": [
            {"email": pref.email, "unsubscribed": pref.unsubscribed_at is not None}
            for pref in preferences
        ]
        + [
            {"email": digest.email, "status": digest.status, "inputs": digest.input_ids}
            for digest in digests
        ]
    }


def erase_subject(*, email: str) -> tuple[dict[str, int], list[int]]:
    return {"feedback_addresses_forgotten": forget_address(email=email)}, []


def remove_due(*, processes: QuerySet[Process], today: date) -> tuple[dict[str, int], list[int]]:
    """Runs before the inputs handler clears the addresses it finds them by."""
    touched = 0
    emails = (
        Input.objects.filter(process__in=processes, is_anonymised=False)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    for email in list(emails):
        touched += forget_address(email=email)
    touched += (
        StatusChange.objects.filter(input__process__in=processes)
        .exclude(notify_email="")
        .update(notify_email="")
    )
    return {"feedback_addresses_forgotten": touched}, []


def text_changed(*, input_ids: list[int]) -> int:
    """Labels written before they named inputs by number may quote the old text."""
    changed = 0
    for model in (Answer, Outcome):
        for pk, input_id in model.objects.filter(input_id__in=input_ids).values_list(
            "pk", "input_id"
        ):
            changed += model.objects.filter(pk=pk).update(target_label=input_label(input_id))
    return changed
