"""The dialog meetings app's part of every personal-data task (`privacy.handlers` calls it):
registrations (name, e-mail, postcode) are anonymised when the process's personal data is due
(the numbers stay for the overview) and deleted when the registrant asks."""

from datetime import date
from typing import Any

from django.db.models import QuerySet

from dialogportal.dialogmeetings.models import Registration
from dialogportal.processes.models import Process

COVERED_FIELDS: dict[str, str] = {
    "dialogmeetings.Registration.name": "cleared at retention; erased",
    "dialogmeetings.Registration.email": "cleared at retention; erased",
    "dialogmeetings.Registration.postcode": "cleared at retention; erased",
    "dialogmeetings.Registration.token": "erased with the registration (the private link)",
    "dialogmeetings.Registration.submission_key": "cleared at retention; erased",
}


def _of(email: str) -> QuerySet[Registration]:
    email = email.strip()
    return (
        Registration.objects.filter(email__iexact=email) if email else Registration.objects.none()
    )


def subject_records(*, email: str) -> dict[str, list[dict[str, Any]]]:
    return {
        "dialog_meeting_registrations": [
            {
                "meeting": registration.meeting.title,
                "starts_at": registration.meeting.starts_at.isoformat(),
                "name": registration.name,
                "email": registration.email,
                "postcode": registration.postcode,
                "party_size": registration.party_size,
                "registered_at": registration.created_at.isoformat(),
            }
            for registration in _of(email).select_related("meeting").order_by("pk")
        ]
    }


def erase_subject(*, email: str) -> tuple[dict[str, int], list[int]]:
    return {"registrations_deleted": _of(email).delete()[0]}, []


def remove_due(*, processes: QuerySet[Process], today: date) -> tuple[dict[str, int], list[int]]:
    anonymised = Registration.objects.filter(
        meeting__process__in=processes, is_anonymised=False
    ).update(name="", email="", postcode="", submission_key="", is_anonymised=True)
    return {"registrations_anonymised": anonymised}, []


def text_changed(*, input_ids: list[int]) -> int:
    return 0  # table notes are inputs; the meeting keeps only the link
