"""Data-subject requests (GDPR art. 15 and 17): find every input a person gave by their e-mail
address, hand it over as JSON or PDF, or erase it. Every step is written to the access log."""

import logging
import re
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.template.loader import render_to_string
from django.utils import timezone

from dialogportal.accounts.models import User
from dialogportal.core.pdf import render_pdf
from dialogportal.feedback.services import forget_address
from dialogportal.inputs.models import Input
from dialogportal.moderation.models import AccessKind, ModerationDecision
from dialogportal.moderation.services.access import log_access
from dialogportal.screening import REDACTION

logger = logging.getLogger(__name__)


def _subject_inputs(email: str) -> list[Input]:
    email = email.strip()
    if not email:
        return []
    return list(
        Input.objects.filter(Q(email__iexact=email) | Q(text__icontains=email))
        .select_related("process", "focus_area")
        .prefetch_related("attachments", "decisions")
        .order_by("created_at", "pk")
    )


@transaction.atomic
def find_subject_inputs(*, user: User, email: str) -> list[Input]:
    """Every input given with this e-mail address or mentioning it; the search is logged."""
    found = _subject_inputs(email)
    log_access(user=user, kind=AccessKind.SUBJECT_SEARCH, email=email, detail=f"{len(found)} input")
    return found


def _as_dict(item: Input) -> dict[str, Any]:
    return {
        "id": item.pk,
        "process": item.process.title,
        "focus_area": item.focus_area.title if item.focus_area else None,
        "title": item.title,
        "text": item.text,
        "contributor_type": item.get_contributor_type_display(),
        "organisation": item.organisation,
        "name": item.name,
        "email": item.email,
        "phone": item.phone,
        "postcode": item.postcode,
        "consent_publish_name": item.consent_publish_name,
        "consent_contact": item.consent_contact,
        "consent_text_version": item.consent_text_version,
        "channel": item.get_channel_display(),
        "given_on": item.given_on.isoformat() if item.given_on else None,
        "created_at": item.created_at.isoformat(),
        "submitted_ip": item.submitted_ip,
        "moderation_state": item.get_moderation_state_display(),
        "rejection_reason": item.rejection_reason,
        "attachments": [
            {
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "is_public": attachment.is_public,
            }
            for attachment in item.attachments.all()
        ],
        "decisions": [
            {
                "at": decision.decided_at.isoformat(),
                "action": decision.get_action_display(),
                "state_after": decision.get_state_after_display(),
                "reason": decision.reason,
            }
            for decision in item.decisions.all()
        ],
    }


@transaction.atomic
def export_subject_json(*, user: User, email: str) -> dict[str, Any]:
    """Everything stored about the inputs of this person, as a JSON-ready dict; logged."""
    found = _subject_inputs(email)
    log_access(
        user=user,
        kind=AccessKind.SUBJECT_EXPORT_JSON,
        email=email,
        detail=f"{len(found)} input",
    )
    return {
        "email": email.strip(),
        "exported_at": timezone.now().isoformat(),
        "inputs": [_as_dict(item) for item in found],
    }


@transaction.atomic
def export_subject_pdf(*, user: User, email: str) -> bytes:
    """The same as the JSON export, as a PDF from an HTML template (WeasyPrint); logged. It is
    full of personal data, so it never goes through the PDF cache."""
    found = _subject_inputs(email)
    log_access(
        user=user,
        kind=AccessKind.SUBJECT_EXPORT_PDF,
        email=email,
        detail=f"{len(found)} input",
    )
    html = render_to_string(
        "moderation/subject_export_pdf.html",
        {
            "email": email.strip(),
            "inputs": [_as_dict(item) for item in found],
            "exported_at": timezone.now(),
            "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        },
    )
    return render_pdf(html, use_cache=False)


def erase_subject(*, user: User, email: str) -> int:
    """Erase every input given with this e-mail address (text, contact data, attachments and
    their files, history) and the address where others wrote it; returns how many inputs were
    erased. Logged with a digest of the address and the counts, never the data."""
    files: list[tuple[Storage, str]] = []
    with transaction.atomic():
        found = _subject_inputs(email)
        own = [item for item in found if item.email.strip().casefold() == email.strip().casefold()]
        for item in found:
            if item not in own:
                # Someone else's input that mentions the address: only the address goes.
                pattern = re.compile(re.escape(email.strip()), re.IGNORECASE)
                Input.objects.filter(pk=item.pk).update(text=pattern.sub(REDACTION, item.text))
                ModerationDecision.objects.filter(input=item, changes_text=True).update(
                    title_before="",
                    title_after="",
                    text_before="",
                    text_after="",
                    original_removed=True,
                )
                continue
            files.extend(
                (attachment.file.storage, attachment.file.name)
                for attachment in item.attachments.all()
                if attachment.file
            )
            try:
                with transaction.atomic():
                    item.delete()
            except ProtectedError:
                # Another part of the system (e.g. a plan) points to this input: keep the row,
                # remove everything in it that can identify the person.
                item.attachments.all().delete()
                item.decisions.all().delete()
                item.reports.all().delete()
                Input.objects.filter(pk=item.pk).update(
                    title="",
                    text=REDACTION,
                    name="",
                    email="",
                    phone="",
                    postcode="",
                    organisation="",
                    submitted_ip=None,
                    idempotency_key="",
                    is_anonymised=True,
                )
        forget_address(email=email)
        log_access(
            user=user,
            kind=AccessKind.SUBJECT_ERASE,
            email=email,
            detail=f"{len(own)} input slettet, {len(found) - len(own)} redigeret",
        )
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("could not delete the file %s", name)
    return len(own)
