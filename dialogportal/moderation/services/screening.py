"""Screening on the enqueue side: what the submission path and a moderator's edit need. The
text of an input is screened here, in the web process; the whole input with its attachments is
screened by the worker (`moderation.execution`, run by the task `moderation.tasks.screen_input`).

Nothing here imports the worker's side: reading attachments needs the document readers (pypdf,
pypdfium2, python-docx), which a web process should not load at start (cold start, issue #20)."""

from dataclasses import dataclass

from django.utils import timezone

from dialogportal.inputs.models import Input
from dialogportal.moderation.models import HitField, ScreeningHit, ScreeningResult, ScreeningStatus
from dialogportal.screening import Hit, screen_text


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


def rescreen_text(item: Input) -> ScreeningResult:
    """Screen the input's own fields (title and text) and store what was found, replacing what
    an earlier screening of them stored. Run after every change of the text, and by the worker."""
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
