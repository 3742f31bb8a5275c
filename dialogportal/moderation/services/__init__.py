"""Every write of the moderation app. Split by use case; import from here."""

from dialogportal.moderation.services.access import log_access, log_access_many, subject_digest
from dialogportal.moderation.services.decisions import (
    BULK_ACTIONS,
    BulkOutcome,
    ModerationError,
    bulk_decide,
    edit_text,
    hide_input,
    keep_input,
    publish_input,
    publish_input_redacted,
    redact_all,
    redact_hit,
    reject_input,
    report_input,
    set_attachment_publicity,
)
from dialogportal.moderation.services.retention import apply_retention, retention_due_on
from dialogportal.moderation.services.screening import (
    current_hits,
    queue_screening,
    screen_input_now,
)
from dialogportal.moderation.services.subjects import (
    erase_subject,
    export_subject_json,
    export_subject_pdf,
    find_subject_inputs,
)

__all__ = [
    "BULK_ACTIONS",
    "BulkOutcome",
    "ModerationError",
    "apply_retention",
    "bulk_decide",
    "current_hits",
    "edit_text",
    "erase_subject",
    "export_subject_json",
    "export_subject_pdf",
    "find_subject_inputs",
    "hide_input",
    "keep_input",
    "log_access",
    "log_access_many",
    "publish_input",
    "publish_input_redacted",
    "queue_screening",
    "redact_all",
    "redact_hit",
    "reject_input",
    "report_input",
    "retention_due_on",
    "screen_input_now",
    "set_attachment_publicity",
    "subject_digest",
]
