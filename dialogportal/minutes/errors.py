"""Errors raised while reading or parsing minutes.

Both carry enough context for a command-line message; neither is ever swallowed by the
package, because a silently half-imported meeting is worse than a refused one.
"""

from __future__ import annotations


class MinutesError(ValueError):
    """Base class for everything this package refuses."""


class MinutesFileError(MinutesError):
    """The file cannot be read as text: missing, empty, binary, encrypted or corrupt."""


class MinutesParseError(MinutesError):
    """The text was read but its structure is not understood.

    ``line`` is 1-based and refers to the text handed to the parser (for PDF and DOCX: the
    extracted text, which ``--format text`` of the command can show).
    """

    def __init__(self, message: str, *, line: int | None = None, source_name: str = "") -> None:
        self.message = message
        self.line = line
        self.source_name = source_name
        where = source_name or "<text>"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {message}")
