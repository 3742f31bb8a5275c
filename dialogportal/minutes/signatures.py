"""The signature page ("Underskriftsblad") after the last item: who signed the minutes.

Kommunestyrelsesloven §13: the members who took part sign the protocol. Exports print their
names under the heading, often with lines to sign on, a party letter or a role; the names are
kept as written, without the rules, labels and dates around them.
"""

from __future__ import annotations

import re

from dialogportal.minutes.dates import find_date
from dialogportal.minutes.lines import LIST_MARKER_RE, Line

__all__ = ["read_signatures"]

_RULE_RE = re.compile(r"[_.…\-–—=]{3,}")
_LABEL_RE = re.compile(
    r"^(?:navn|underskrift|dato|sted|godkendt|signatur|for\s+udvalget|formand|næstformand)\s*:?\s*$",
    re.IGNORECASE,
)
_MAX_NAMES = 200
_MAX_NAME_LENGTH = 120


def read_signatures(lines: list[Line]) -> list[str]:
    """Names from the lines after the signature heading (table rows, lists or plain lines)."""
    names: list[str] = []
    for line in lines:
        for cell in re.split(r"\s*\|\s*", line.plain):
            text = _RULE_RE.sub(" ", cell)
            marker = LIST_MARKER_RE.match(text.strip())
            text = " ".join((marker["text"] if marker is not None else text).split())
            if (
                not text
                or _LABEL_RE.match(text)
                or find_date(text) is not None
                or len(text) > _MAX_NAME_LENGTH
                or not any(character.isalpha() for character in text)
            ):
                continue
            names.append(text)
            if len(names) >= _MAX_NAMES:
                return names
    return names
