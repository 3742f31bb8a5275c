"""The moderation app's part of every personal-data task (`privacy.handlers` calls it).

Moderation keeps copies of an input's text: what screening found (`ScreeningHit.text`), the text
before and after each redaction (so a moderator can check it, for moderators only, logged when
read) and reporters' comments. When the input's text changes the hits are found again; at
retention and erasure the copies go."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from dialogportal.inputs.models import Input
from dialogportal.moderation.models import DecisionAction, ModerationDecision, Report, ScreeningHit
from dialogportal.moderation.services.screening import rescreen_text
from dialogportal.processes.models import Process

COVERED_FIELDS: dict[str, str] = {
    "moderation.ScreeningHit.text": "found again when the text changes; deleted at retention",
    "moderation.ModerationDecision.title_before": "emptied at retention and erasure",
    "moderation.ModerationDecision.title_after": "emptied at retention and erasure",
    "moderation.ModerationDecision.text_before": "emptied at retention and erasure",
    "moderation.ModerationDecision.text_after": "emptied at retention and erasure",
    "moderation.ModerationDecision.reason": "erased with the input",
    "moderation.Report.comment": "emptied at retention; erased with the input",
}


def _forget_originals(decisions: QuerySet[ModerationDecision]) -> int:
    return decisions.filter(original_removed=False).update(
        title_before="", title_after="", text_before="", text_after="", original_removed=True
    )


def subject_records(*, email: str) -> dict[str, list[dict[str, Any]]]:
    """The decisions on the person's own inputs (what was done, when, why)."""
    decisions = (
        ModerationDecision.objects.filter(input__email__iexact=email.strip())
        .exclude(input__email="")
        .order_by("decided_at", "pk")
    )
    return {
        "moderation_decisions": [
            {
                "input": decision.input_id,
                "at": decision.decided_at.isoformat(),
                "action": decision.get_action_display(),
                "state_after": decision.get_state_after_display(),
                "reason": decision.reason,
            }
            for decision in decisions
        ]
    }


def erase_subject(*, email: str) -> tuple[dict[str, int], list[int]]:
    """The person's own inputs are deleted (with their decisions and reports) by the inputs
    handler; in others' inputs that mention the address the copies of the text go."""
    email = email.strip()
    mentioning = Input.objects.filter(text__icontains=email).exclude(email__iexact=email)
    originals = _forget_originals(ModerationDecision.objects.filter(input__in=mentioning))
    comments = Report.objects.filter(comment__icontains=email).update(comment="")
    return {"originals_removed": originals, "report_comments_removed": comments}, []


def remove_due(*, processes: QuerySet[Process], today: date) -> tuple[dict[str, int], list[int]]:
    """Runs before the inputs handler anonymises: each input still to be anonymised gets its
    "personal data removed" decision, so its history says when and that the system did it."""
    now = timezone.now()
    ModerationDecision.objects.bulk_create(
        ModerationDecision(
            input_id=pk,
            actor=None,
            action=DecisionAction.ANONYMISE,
            state_before=state,
            state_after=state,
            decided_at=now,
        )
        for pk, state in Input.objects.filter(
            process__in=processes, is_anonymised=False
        ).values_list("pk", "moderation_state")
    )
    originals = _forget_originals(
        ModerationDecision.objects.filter(input__process__in=processes, changes_text=True)
    )
    hits = ScreeningHit.objects.filter(
        Q(result__input__process__in=processes)
        | Q(result__attachment__input__process__in=processes)
    ).delete()[0]
    comments = (
        Report.objects.filter(input__process__in=processes).exclude(comment="").update(comment="")
    )
    return {"originals_removed": originals, "hits_deleted": hits, "comments_removed": comments}, []


def text_changed(*, input_ids: list[int]) -> int:
    """Screen the changed texts again, so no stored hit keeps what was removed."""
    for item in Input.objects.filter(pk__in=input_ids):
        rescreen_text(item)
    return len(input_ids)
