"""Screening inputs and their attachments for personal data, and publishing automatically only
when the process allows it and nothing at all was found."""

import logging
from dataclasses import dataclass

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
from dialogportal.screening import Hit, screen_attachment, screen_text
from dialogportal.screening.extraction import MAX_BYTES

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FieldHit:
    """A hit in one of an input's own fields (title or text)."""

    field: HitField
    hit: Hit


def current_hits(item: Input) -> list[FieldHit]:
    """What the detectors find in the input's title and text as they are now."""
    found = [FieldHit(HitField.TITLE, hit) for hit in screen_text(item.title)]
    found += [FieldHit(HitField.TEXT, hit) for hit in screen_text(item.text)]
    return found


def queue_screening(*, input_id: int) -> None:
    """Queue the input's screening in the same transaction that stores it.

    `inputs.services.submit_input` calls this for every new input. The task queue is a table in
    the same database, so the task row commits (or rolls back) with the input: no input can be
    stored unscreened by a crash between two commits, and a submission costs one commit, not two.
    The worker cannot see the row before the commit."""
    from dialogportal.moderation.tasks import screen_input

    screen_input.enqueue(input_id)


def _store_text_screening(item: Input) -> ScreeningResult:
    hits = current_hits(item)
    result, _ = ScreeningResult.objects.update_or_create(
        input=item,
        defaults={
            "status": ScreeningStatus.OK,
            "needs_manual_check": False,
            "message": "",
            "pages_without_text": [],
            "hit_count": len(hits),
            "screened_at": timezone.now(),
        },
    )
    result.hits.all().delete()
    ScreeningHit.objects.bulk_create(
        ScreeningHit(
            result=result,
            field=found.field,
            kind=found.hit.kind,
            start=found.hit.start,
            end=found.hit.end,
            text=found.hit.text[:200],
        )
        for found in hits
    )
    return result


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


def rescreen_text(item: Input) -> ScreeningResult:
    """Re-screen the input's own fields after its text changed."""
    return _store_text_screening(item)


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
    its process publishes immediately and nothing was found. Safe to run again."""
    item = Input.objects.select_for_update().select_related("process").filter(pk=input_id).first()
    if item is None:
        return None  # erased before the worker got to it
    text_result = _store_text_screening(item)
    screen_unscreened_attachments(item)
    is_clean = text_result.hit_count == 0 and attachments_clean(item)
    untouched = not item.decisions.exists()  # no moderator (or earlier run) has decided yet
    if not untouched:
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
