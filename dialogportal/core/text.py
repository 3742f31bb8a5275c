"""The one way free text from a person is cleaned before it is stored, in every app: NFC,
no control or invisible characters, Unix line ends, no surrounding space."""

import re
import unicodedata

# C0 controls except tab and newline, DEL, and the invisible characters that make two equal
# looking texts differ (zero-width space, direction marks, line/paragraph separators, BOM).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2028\u2029\ufeff]")


def clean_text(value: str) -> str:
    """NFC, no control or invisible characters, Unix line ends, no surrounding space."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


def clean_line(value: str) -> str:
    """`clean_text` on one line: every run of white space (line ends included) is one space."""
    return " ".join(clean_text(value).split())
