"""Read models of the feedback app: an input's feedback for its receipt page, the "Det har vi
hørt" report, the feedback report per source and the hvidbog — one module each, imported from
here.

Every input text that leaves through here is a `PublicInput` from `inputs.queries.public_input`
of an input in `Input.objects.public()`; inputs that are not public are only counted."""

from dialogportal.feedback.queries.book import Hvidbog, HvidbogArea, HvidbogGroup, hvidbog
from dialogportal.feedback.queries.by_source import Source, SourceReport, source_report, sources
from dialogportal.feedback.queries.common import (
    Entry,
    NotShown,
    latest_run,
    latest_theme_answers,
    theme_ids_counting_as,
    theme_outcomes,
)
from dialogportal.feedback.queries.heard import (
    HeardReport,
    HeardTheme,
    area_feedback_summary,
    heard_report,
)
from dialogportal.feedback.queries.receipt import ReceiptFeedback, receipt_feedback

__all__ = [
    "Entry",
    "HeardReport",
    "HeardTheme",
    "Hvidbog",
    "HvidbogArea",
    "HvidbogGroup",
    "NotShown",
    "ReceiptFeedback",
    "Source",
    "SourceReport",
    "area_feedback_summary",
    "heard_report",
    "hvidbog",
    "latest_run",
    "latest_theme_answers",
    "receipt_feedback",
    "source_report",
    "sources",
    "theme_ids_counting_as",
    "theme_outcomes",
]
