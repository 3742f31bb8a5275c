from django import template

from dialogportal.feedback.queries import ReceiptFeedback
from dialogportal.feedback.queries import receipt_feedback as _receipt_feedback
from dialogportal.inputs.models import Input

register = template.Library()


@register.simple_tag
def receipt_feedback(item: Input) -> ReceiptFeedback:
    """`{% receipt_feedback input as fb %}`: the input's status, explanation and answer."""
    return _receipt_feedback(item)
