"""Screening on the execute side: the worker reads an input's attachments (PDF, DOCX, plain
text) with the document readers, stores what screening found, and publishes the input at once
when its process allows it and nothing at all was found. Run by `moderation.tasks.screen_input`
(and by the demo loader); the web process never imports this module at start."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.inputs.models import Attachment, Input, ModerationState
from dialogportal.moderation.models import (
    DecisionAction,
    HitField,
    ModerationDecision,
    ScreeningHit,
    ScreeningResult,
    ScreeningStatus,
)
from dialogportal.moderation.services.decisions import publish_clean_attachments
from dialogportal.moderation.services.screening import rescreen_text
from dialogportal.screening import Hit
from dialogportal.screening.extraction import MAX_BYTES, screen_attachment

logger = logging.getLogger(__name__)


def _read_attachment(attachment: Attachment) -> bytes | None:
    try:
        with attachment.file.open("rb") as handle:
            # One byte more than the engine accepts, so it can still say "too large".
            data: bytes = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    return data


def _store_attachment_screening(attachment: Attachment) -> ScreeningResult:
    data = _read_attachment(attachment)
    if data is None:
        fields: dict[str, object] = {
            "status": ScreeningStatus.MISSING,
            "needs_manual_check": True,
            "message": "file missing",
            "pages_without_text": [],
            "hit_count": 0,
        }
        hits: tuple[Hit, ...] = ()
    else:
        screening = screen_attachment(data, attachment.original_name)
        hits = screening.hits
        fields = {
            "status": ScreeningStatus(screening.status.value),
            "needs_manual_check": screening.needs_manual_check,
            "message": screening.extraction.message[:300],
            "pages_without_text": list(screening.extraction.pages_without_text),
            "hit_count": len(hits),
        }
    result, _ = ScreeningResult.objects.update_or_create(
        attachment=attachment, defaults={**fields, "screened_at": timezone.now()}
    )
    result.hits.all().delete()
    ScreeningHit.objects.bulk_create(
        ScreeningHit(
            result=result,
            field=HitField.ATTACHMENT,
            kind=hit.kind,
            start=hit.start,
            end=hit.end,
            text=hit.text[:200],
        )
        for hit in hits
    )
    return result


def screen_unscreened_attachments(item: Input) -> None:
    """Screen every attachment of `item` that has no screening result yet."""
    for attachment in item.attachments.filter(screening__isnull=True):
        _store_attachment_screening(attachment)


def attachments_clean(item: Input) -> bool:
    """Every attachment was read in full and nothing was found in it."""
    return all(
        hasattr(attachment, "screening") and attachment.screening.may_publish_automatically
        for attachment in item.attachments.select_related("screening")
    )


@transaction.atomic
def screen_input_now(*, input_id: int) -> Input | None:
    """Screen an input and its attachments, store what was found, and publish it at once when
    its process publishes immediately and nothing was found. Safe to run again.

    A moderator may have published the input before the worker got to it: its attachments
    then stayed internal (unscreened), and those found clean now are published with it."""
    item = Input.objects.select_for_update().select_related("process").filter(pk=input_id).first()
    if item is None:
        return None  # erased before the worker got to it
    text_result = rescreen_text(item)
    screen_unscreened_attachments(item)
    is_clean = text_result.hit_count == 0 and attachments_clean(item)
    untouched = not item.decisions.exists()  # no moderator (or earlier run) has decided yet
    if not untouched:
        if item.moderation_state == ModerationState.PUBLISHED:
            publish_clean_attachments(item)
        return item
    if item.moderation_state == ModerationState.PENDING and is_clean:
        if item.process.publishes_immediately:
            _system_decision(item, DecisionAction.AUTO_PUBLISH, ModerationState.PUBLISHED)
            item.attachments.update(is_public=True)
            logger.info("input %s published automatically: screening found nothing", item.pk)
    elif item.moderation_state == ModerationState.PUBLISHED and not is_clean:
        # Published at submission without screening (a process that publishes immediately):
        # what screening found takes it off the site until a moderator has looked.
        _system_decision(
            item,
            DecisionAction.REOPEN,
            ModerationState.PENDING,
            reason=_("Screeningen fandt mulige personoplysninger."),
        )
        item.attachments.update(is_public=False)
        logger.info("input %s taken back to the queue: screening found personal data", item.pk)
    return item


def _system_decision(
    item: Input, action: DecisionAction, state: ModerationState, *, reason: str = ""
) -> None:
    decision = ModerationDecision(
        input=item,
        actor=None,
        action=action,
        state_before=item.moderation_state,
        state_after=state,
        reason=reason,
        decided_at=timezone.now(),
    )
    decision.full_clean()
    item.moderation_state = state
    item.save(update_fields=["moderation_state"])
    decision.save()
