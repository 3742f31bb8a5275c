"""Personal-data screening: a pure-Python engine the moderation queue calls (no Django)."""

from dialogportal.screening.detectors import REDACTION, Hit, HitKind, redact, screen_text
from dialogportal.screening.extraction import (
    MANUAL_CHECK,
    AttachmentScreening,
    Extraction,
    ExtractionStatus,
    extract_text,
    screen_attachment,
)

__all__ = [
    "MANUAL_CHECK",
    "REDACTION",
    "AttachmentScreening",
    "Extraction",
    "ExtractionStatus",
    "Hit",
    "HitKind",
    "extract_text",
    "redact",
    "screen_attachment",
    "screen_text",
]
