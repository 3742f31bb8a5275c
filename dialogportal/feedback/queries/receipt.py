"""What a contributor sees of their own input's feedback on the receipt page."""

from dataclasses import dataclass
from datetime import datetime

from dialogportal.feedback.models import InputAnswer, Outcome, StatusChange
from dialogportal.feedback.outcomes import OutcomeView, view
from dialogportal.inputs.models import FeedbackStatus, Input


@dataclass(frozen=True)
class ReceiptFeedback:
    status: str
    status_label: str
    explanation: str
    changed_at: datetime | None
    answer_text: str
    answered_at: datetime | None
    answer_scope: str
    outcomes: tuple[OutcomeView, ...]

    @property
    def has_answer(self) -> bool:
        return bool(self.answer_text)


def receipt_feedback(item: Input) -> ReceiptFeedback:
    """What the contributor sees of their own input's feedback (private: by receipt token)."""
    delivery = (
        InputAnswer.objects.filter(input=item)
        .select_related("answer")
        .order_by("-answer__answered_at", "-answer_id")
    ).first()
    change = StatusChange.objects.filter(input=item).order_by("-changed_at", "-id").first()
    answer = delivery.answer if delivery else None
    outcomes = [view(o) for o in Outcome.objects.filter(input=item)]
    if answer is not None and answer.theme_id is not None:
        outcomes += [view(o) for o in Outcome.objects.filter(theme_id=answer.theme_id)]
    return ReceiptFeedback(
        status=item.status,
        status_label=str(FeedbackStatus(item.status).label),
        explanation=change.explanation if change else "",
        changed_at=change.changed_at if change else None,
        answer_text=answer.text if answer else "",
        answered_at=answer.answered_at if answer else None,
        answer_scope=answer.scope if answer else "",
        outcomes=tuple(outcomes),
    )
