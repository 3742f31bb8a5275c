"""Errors raised while reading or parsing minutes, with Danish messages that can be translated.

This package has no Django, so it cannot translate; it marks its Danish messages with
:func:`gettext_noop` (which ``makemessages`` collects) and keeps the template and its values
apart, so the command at the edge renders them in the active language (:meth:`render`). The
errors carry the file, the line and (for a PDF) the page; none is ever swallowed here, because
a silently half-imported meeting is worse than a refused one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = [
    "MinutesError",
    "MinutesFileError",
    "MinutesParseError",
    "Phrase",
    "Translate",
    "gettext_noop",
    "render",
]

Translate = Callable[[str], str]


class Phrase(str):
    """A Danish message template to be translated where it is shown."""

    __slots__ = ()


def gettext_noop(message: str) -> Phrase:
    """Mark ``message`` for translation (collected by ``makemessages``), without translating."""
    return Phrase(message)


def _identity(text: str) -> str:
    return text


def render(template: str, params: Mapping[str, object], translate: Translate = _identity) -> str:
    """``template % params`` in the language of ``translate``; phrases among the values are
    translated too."""
    values = {
        name: translate(value) if isinstance(value, Phrase) else value
        for name, value in params.items()
    }
    text = translate(template)
    return text % values if values else text


class MinutesError(ValueError):
    """Base class for everything this package refuses."""

    def __init__(
        self,
        template: str,
        *,
        source_name: str = "",
        line: int | None = None,
        page: int | None = None,
        **params: object,
    ) -> None:
        self.template = template
        self.params = params
        self.source_name = source_name
        self.line = line
        self.page = page
        super().__init__(self.render())

    @property
    def message(self) -> str:
        """The message without the file and line."""
        return render(self.template, self.params)

    def located(self, *, source_name: str | None = None, page: int | None = None) -> MinutesError:
        """The same error, naming the file (and the PDF page) it was found in."""
        if source_name is not None:
            self.source_name = source_name
        if page is not None:
            self.page = page
        self.args = (self.render(),)
        return self

    def render(self, translate: Translate = _identity) -> str:
        where = self.source_name or translate(gettext_noop("<tekst>"))
        if self.page is not None:
            where = render(
                gettext_noop("%(where)s, side %(page)d"),
                {"where": where, "page": self.page},
                translate,
            )
        if self.line is not None:
            where = render(
                gettext_noop("%(where)s, linje %(line)d"),
                {"where": where, "line": self.line},
                translate,
            )
        message = render(self.template, self.params, translate)
        return f"{where}: {message}"

    def __str__(self) -> str:
        return self.render()


class MinutesFileError(MinutesError):
    """The file cannot be read as text: missing, empty, binary, encrypted, scanned or corrupt."""


class MinutesParseError(MinutesError):
    """The text was read but its structure is not understood.

    ``line`` is 1-based and refers to the text handed to the parser (for PDF and DOCX: the
    extracted text, which ``--show-text`` of the command prints).
    """
