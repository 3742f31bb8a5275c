"""Import of existing agendas and minutes: a pure-Python parser (no Django).

``read_minutes_file`` turns Markdown, plain text, PDF or DOCX into text; ``parse_minutes`` turns
that text into :class:`ParsedMinutes`; ``to_json_dict`` gives the JSON shape of
``import-minutes --dry-run --format json``. The meetings app saves a ``ParsedMinutes``.
"""

from dialogportal.minutes.errors import MinutesError, MinutesFileError, MinutesParseError
from dialogportal.minutes.export import to_json_dict
from dialogportal.minutes.extract import read_minutes_file
from dialogportal.minutes.journal import JournalNumber, parse_journal_number
from dialogportal.minutes.parser import ParsedItem, ParsedMinutes, parse_minutes

__all__ = [
    "JournalNumber",
    "MinutesError",
    "MinutesFileError",
    "MinutesParseError",
    "ParsedItem",
    "ParsedMinutes",
    "parse_journal_number",
    "parse_minutes",
    "read_minutes_file",
    "to_json_dict",
]
