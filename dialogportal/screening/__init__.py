"""Personal-data screening: a pure-Python engine the moderation queue calls (no Django)."""

from dialogportal.screening.detectors import REDACTION, Hit, HitKind, redact, screen_text

__all__ = ["REDACTION", "Hit", "HitKind", "redact", "screen_text"]
