"""The inputs app's part of every personal-data task (`privacy.handlers` calls it): what it holds
about a person, erasing it, and removing it when the process's date has come.

The contributor's contact data goes; the text stays (it is the municipality's record of the
hearing) with the contributor's own name, e-mail and phone and every screening hit replaced by
"[fjernet]". Files are deleted once the transaction that removed their rows has committed."""

import logging
import re
from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import ProtectedError, Q, QuerySet

from dialogportal.inputs.limits import prune_expired
from dialogportal.inputs.models import Attachment, Input, ModerationState
from dialogportal.processes.models import Process
from dialogportal.screening import REDACTION, redact, screen_text

logger = logging.getLogger(__name__)

CONTENT_CACHE = "default"

# Every field of this app that can hold personal data, and what happens to it.
COVERED_FIELDS: dict[str, str] = {
    "inputs.Input.title": "own details and screening hits redacted at retention; erased",
    "inputs.Input.text": "own details and screening hits redacted at retention; erased",
    "inputs.Input.organisation": "erased with the input",
    "inputs.Input.name": "cleared at retention; erased",
    "inputs.Input.email": "cleared at retention; erased",
    "inputs.Input.phone": "cleared at retention; erased",
    "inputs.Input.postcode": "cleared at retention if RETENTION_REMOVES_POSTCODE; erased",
    "inputs.Input.source": "own details redacted at retention; erased",
    "inputs.Input.submitted_ip": "cleared at retention; erased",
    "inputs.Input.idempotency_key": "cleared at retention; erased",
    "inputs.Input.receipt_token": "erased with the input (the private link)",
    "inputs.Input.rejection_reason": "erased with the input",
    "inputs.Attachment.file": "non-public files deleted at retention; erased",
    "inputs.Attachment.original_name": "deleted with the file",
    "inputs.FloodCounter.key": "an address, a network or a text fingerprint counted for the "
    "flood limits of one window (an hour by default); deleted once the window has passed, "
    "hourly (prune_flood_counters) and at every retention run",
}


def _delete_file_later(attachment: Attachment) -> None:
    if attachment.file:
        storage: Storage = attachment.file.storage
        transaction.on_commit(partial(_delete_file, storage, attachment.file.name))


def _delete_file(storage: Storage, name: str) -> None:
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError:  # a file that cannot go must not undo the erasure; it is logged
        logger.exception("could not delete the file %s", name)


def subject_inputs(email: str) -> QuerySet[Input]:
    """Every input given with this address or mentioning it (case-insensitive)."""
    email = email.strip()
    if not email:
        return Input.objects.none()
    return Input.objects.filter(Q(email__iexact=email) | Q(text__icontains=email))


def _as_record(item: Input) -> dict[str, Any]:
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
        "source": item.source,
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
    }


def subject_records(*, email: str) -> dict[str, list[dict[str, Any]]]:
    found = subject_inputs(email).select_related("process", "focus_area")
    return {
        "inputs": [
            _as_record(item) for item in found.prefetch_related("attachments").order_by("pk")
        ]
    }


def _is_own(item: Input, email: str) -> bool:
    return item.email.strip().casefold() == email.strip().casefold()


def erase_subject(*, email: str) -> tuple[dict[str, int], list[int]]:
    """Delete every input given with this address (with its files and, by cascade, its history
    and derived rows); in others' inputs only the address is replaced by "[fjernet]". Returns the
    counts and the ids of inputs whose text changed. An input another part of the system
    protects (a plan cites it) is emptied instead of deleted."""
    deleted = emptied = 0
    changed: list[int] = []
    pattern = re.compile(re.escape(email.strip()), re.IGNORECASE)
    for item in subject_inputs(email).prefetch_related("attachments").order_by("pk"):
        if not _is_own(item, email):
            Input.objects.filter(pk=item.pk).update(
                title=pattern.sub(REDACTION, item.title)[:200],
                text=pattern.sub(REDACTION, item.text),
            )
            changed.append(item.pk)
            continue
        for attachment in item.attachments.all():
            _delete_file_later(attachment)
        try:
            with transaction.atomic():
                item.delete()
            deleted += 1
        except ProtectedError:
            item.attachments.all().delete()
            Input.objects.filter(pk=item.pk).update(
                title="",
                text=REDACTION,
                name="",
                email="",
                phone="",
                postcode="",
                organisation="",
                source="",
                rejection_reason="",
                submitted_ip=None,
                idempotency_key="",
                is_anonymised=True,
            )
            changed.append(item.pk)
            emptied += 1
    return {
        "inputs_deleted": deleted,
        "inputs_emptied": emptied,
        "inputs_redacted": len(changed) - emptied,
    }, changed


def _remove_details(value: str, details: Iterable[str]) -> str:
    for detail in details:
        value = re.sub(re.escape(detail), REDACTION, value, flags=re.IGNORECASE)
    return value


def _anonymise(item: Input, *, remove_postcode: bool) -> int:
    own = sorted(
        {v.strip() for v in (item.name, item.email, item.phone) if len(v.strip()) >= 3},
        key=len,
        reverse=True,
    )
    title, text = _remove_details(item.title, own), _remove_details(item.text, own)
    title_hits, text_hits = screen_text(title), screen_text(text)
    item.title = redact(title, title_hits)[:200]
    item.text = redact(text, text_hits)
    item.source = _remove_details(item.source, own)
    item.name = item.email = item.phone = ""
    item.submitted_ip = None
    item.idempotency_key = ""
    if remove_postcode:
        item.postcode = ""
    item.is_anonymised = True
    # Removing personal data must never be blocked by a form rule, so no full_clean() here.
    item.save()
    return len(title_hits) + len(text_hits)


def remove_due(*, processes: QuerySet[Process], today: date) -> tuple[dict[str, int], list[int]]:
    """Anonymise the inputs of processes whose personal data is due and delete their non-public
    attachments (a published attachment of a published input is public record and stays)."""
    remove_postcode = bool(settings.RETENTION_REMOVES_POSTCODE)
    anonymised = hits = 0
    changed: list[int] = []
    # Flood counters belong to no process: the ones whose window has passed go at every run (the
    # hourly task does the same), so no address outlives its window by more than an hour.
    prune_expired()
    pending = Input.objects.filter(process__in=processes, is_anonymised=False).order_by("pk")
    for item in pending.iterator(chunk_size=500):
        hits += _anonymise(item, remove_postcode=remove_postcode)
        anonymised += 1
        changed.append(item.pk)
    if remove_postcode:
        Input.objects.filter(process__in=processes).exclude(postcode="").update(postcode="")
    private = Attachment.objects.filter(input__process__in=processes).filter(
        Q(is_public=False) | ~Q(input__moderation_state=ModerationState.PUBLISHED)
    )
    deleted = 0
    for attachment in private:
        _delete_file_later(attachment)
        attachment.delete()
        deleted += 1
    return {
        "inputs_anonymised": anonymised,
        "attachments_deleted": deleted,
        "hits_removed": hits,
    }, changed


def forget_cached_copies() -> None:
    """Rendered page parts and PDFs hold copies of published text. They are keyed by the public
    version or by a digest of their content, so an old copy is never served again – but it would
    stay in the store until it expires. So the content cache is emptied; abuse counters live in
    the separate "limits" cache and are not touched."""
    caches[CONTENT_CACHE].clear()


def text_changed(*, input_ids: list[int]) -> int:
    """The inputs are the original; here only the caches' copies of text that was public."""
    if (
        Input.objects.filter(pk__in=input_ids)
        .exclude(moderation_state=ModerationState.PENDING)
        .exists()
    ):
        # After the commit: a page rendered meanwhile from the old text would be cached again.
        transaction.on_commit(forget_cached_copies)
    return 0
