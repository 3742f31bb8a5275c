"""Every write of the moderation app that the web process makes. Split by use case; import from
here. The worker's screening of an input and its attachments is in `moderation.execution`."""

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
from dialogportal.moderation.services.screening import current_hits

__all__ = [
    "BULK_ACTIONS",
    "BulkOutcome",
    "ModerationError",
    "bulk_decide",
    "current_hits",
    "edit_text",
    "hide_input",
    "keep_input",
    "publish_input",
    "publish_input_redacted",
    "redact_all",
    "redact_hit",
    "reject_input",
    "report_input",
    "set_attachment_publicity",
]
