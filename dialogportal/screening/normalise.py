"""A matching view of a text that maps every position back to the original string.

Detectors match on a normalised copy (full-width digits folded by NFKC, dash look-alikes folded
to "-", invisible characters dropped) but must report offsets in the text the contributor wrote,
because the moderation queue highlights and redacts the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Zero-width and formatting characters that hide inside numbers (copy-paste from PDFs and chat
# apps, or deliberate evasion). Soft hyphen belongs here too: it is invisible unless at a line end.
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff")

# NFKC keeps these as distinct characters, but in a CPR or phone number they all mean "-".
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")

_NEEDS_WORK = re.compile(
    "[" + "".join(sorted(_INVISIBLE | _DASHES)) + "]",
)


@dataclass(frozen=True)
class NormalisedText:
    """`text` is what detectors match on; `origin[i]` is the original index of `text[i]`."""

    text: str
    origin: tuple[int, ...] | None  # None: identical to the original
    original_length: int

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original string."""
        if self.origin is None:
            return start, end
        if start >= end:
            point = self.origin[start] if start < len(self.origin) else self.original_length
            return point, point
        return self.origin[start], self.origin[end - 1] + 1


def normalise(text: str) -> NormalisedText:
    """Fold the text for matching while remembering where each character came from."""
    # Fast path: plain Danish text (æøå are NFKC-stable) needs no per-character work.
    if text.isascii() or (
        unicodedata.is_normalized("NFKC", text) and _NEEDS_WORK.search(text) is None
    ):
        return NormalisedText(text=text, origin=None, original_length=len(text))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        folded = "-" if char in _DASHES else unicodedata.normalize("NFKC", char)
        for piece in folded:
            chars.append(piece)
            origin.append(index)
    return NormalisedText(text="".join(chars), origin=tuple(origin), original_length=len(text))
