"""Parse existing Danish agendas and minutes ("dagsorden", "referat", "beslutningsprotokol").

The parser is pure: text in, dataclasses out. It reads Markdown (items as ``#`` headings) and
plain text (items as lines "Punkt 3: …" or "3. …"), in the layouts municipalities export (see
docs/minutes-import.md). Whatever it cannot place raises :class:`MinutesParseError` naming the
line: a meeting is imported whole or not at all.

- ``document``: :func:`parse_minutes`, the whole document: header, items, signatures, and which
  of an item's decisions belongs to the meeting the document records.
- ``structure``: the single pass that cuts the lines into header, items and trailer, and keeps
  item numbers ascending and unique.
- ``lookahead``: what the lines around a candidate heading say about it (is "3. …" an item or
  the next entry of a numbered list?).
"""

from dialogportal.minutes.model import ParsedItem, ParsedMinutes
from dialogportal.minutes.parser.document import parse_minutes

__all__ = ["ParsedItem", "ParsedMinutes", "parse_minutes"]
