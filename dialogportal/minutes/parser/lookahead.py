"""What the lines around a candidate say about it, in plain text that has no Markdown levels:
an item heading is confirmed by the lines that follow it, "3. …" may be the next entry of a
numbered list, "bilag." may end the sentence above it, and a meeting's title may open a second
meeting inside the document."""

import re

from dialogportal.minutes.header import is_header_label, is_meeting_title
from dialogportal.minutes.lines import Line, access_marker, item_heading, journal_value
from dialogportal.minutes.marks import item_marks
from dialogportal.minutes.metadata import metadata_line
from dialogportal.minutes.sections import section_heading

_PRESENTER_LINE_RE = re.compile(r"^\(?v\.\s+(?P<presenter>[^()]+?)\)?$")
_LOOKAHEAD = 3
_ENDS_SENTENCE_RE = re.compile(r"[.!?:;)\]»”\"]$")
_LIST_ENTRY_RE = re.compile(r"^(\d{1,3})[.)]\s")


def standalone(lines: list[Line], index: int) -> bool:
    """Is the line alone between blank lines (or the document's ends)?"""
    before = lines[index - 1] if index > 0 else None
    after = lines[index + 1] if index + 1 < len(lines) else None
    return (before is None or before.blank) and (after is None or after.blank)


def item_follows(lines: list[Line], index: int) -> bool:
    """Plain text without blank lines (PDF): is the next line an item heading?"""
    following = next((line for line in lines[index + 1 :] if not line.blank), None)
    return following is not None and item_heading(following) is not None


def confirmed_by_next_lines(lines: list[Line], index: int) -> bool:
    """Plain text: an item heading is followed by a journal number, a marker, metadata or
    a section."""
    seen = 0
    for line in lines[index + 1 :]:
        if line.blank:
            continue
        text = line.plain
        if item_heading(line) is not None:
            return False  # what follows belongs to the next item
        if (
            journal_value(line) is not None
            or access_marker(text) is not None
            or section_heading(text) is not None
            or metadata_line(text) is not None
            or item_marks(text) is not None
            or _PRESENTER_LINE_RE.match(text) is not None
        ):
            return True
        seen += 1
        if seen >= _LOOKAHEAD:
            return False
    return False


def continues_a_list(lines: list[Line], start: int, index: int, number: int) -> bool:
    """Is "N. …" at `index` the next entry of a numbered list that began after line `start`
    inside the current section?"""
    for line in reversed(lines[start:index]):
        if line.blank:
            continue
        if section_heading(line.plain) is not None:
            return False
        match = _LIST_ENTRY_RE.match(line.plain)
        if match is not None:
            return int(match[1]) == number - 1
    return False


def continues_a_sentence(lines: list[Line], index: int, text: str) -> bool:
    """Plain text: is a section-like line ("bilag.") the end of the sentence above it?"""
    if index == 0 or lines[index - 1].blank:
        return False
    previous = lines[index - 1]
    if (
        previous.level
        or _ENDS_SENTENCE_RE.search(previous.plain)
        or section_heading(previous.plain) is not None
        or item_heading(previous) is not None
        or journal_value(previous) is not None
        or metadata_line(previous.plain) is not None
    ):
        return False
    return text[:1].islower() or (text.endswith(".") and ":" not in text)


def opens_a_meeting(lines: list[Line], index: int, text: str) -> bool:
    """A meeting's title ("Referat Byrådet 8. maj 2025") followed by header fields or an
    item heading: a second meeting begins (a decision heading is followed by its text)."""
    if not is_meeting_title(text):
        return False
    for line in lines[index + 1 : index + 12]:
        if line.blank:
            continue
        if is_header_label(line.plain):
            continue
        return item_heading(line) is not None
    return False
