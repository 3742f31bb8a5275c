"""Import of existing agendas and minutes: a pure-Python parser (no Django).

``minutes.extract.read_minutes_source`` reads Markdown, plain text, PDF or DOCX through the
shared document engine; ``parse_minutes`` turns the text into :class:`ParsedMinutes`;
``to_json_dict`` gives the JSON shape of ``import-minutes --dry-run --format json``. The meetings
app saves a ``ParsedMinutes``.

The package does not export the reading of files (``minutes.extract``): it loads the document
readers (pypdf, pypdfium2, python-docx), which a web process that only needs, say, a journal
number should not load at start (cold start, issue #20).
"""

from dialogportal.minutes.errors import (
    MinutesError,
    MinutesFileError,
    MinutesParseError,
    gettext_noop,
)
from dialogportal.minutes.export import to_json_dict
from dialogportal.minutes.journal import JournalNumber, parse_journal_number
from dialogportal.minutes.model import (
    ParsedAttachment,
    ParsedDecision,
    ParsedItem,
    ParsedMinutes,
    ParsedSection,
    SectionKind,
)
from dialogportal.minutes.parser import parse_minutes

__all__ = [
    "JournalNumber",
    "MinutesError",
    "MinutesFileError",
    "MinutesParseError",
    "ParsedAttachment",
    "ParsedDecision",
    "ParsedItem",
    "ParsedMinutes",
    "ParsedSection",
    "SectionKind",
    "gettext_noop",
    "parse_journal_number",
    "parse_minutes",
    "to_json_dict",
]
