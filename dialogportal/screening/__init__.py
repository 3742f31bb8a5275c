"""Personal-data screening: a pure-Python engine the moderation queue calls (no Django).

The package exports the detectors (plain Python, what the web process needs). Attachment
screening reads documents (`dialogportal.documents`: pypdf, pypdfium2, python-docx) and is
imported from `dialogportal.screening.extraction` by the worker's side only."""

from dialogportal.screening.detectors import REDACTION, Hit, HitKind, redact, screen_text

__all__ = [
    "REDACTION",
    "Hit",
    "HitKind",
    "redact",
    "screen_text",
]
