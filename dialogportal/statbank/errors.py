"""Every error the StatBank client raises; all derive from `StatBankError`.

Messages are English (they end up in logs); the attributes carry what a Danish UI needs to
say the same thing in its own words.
"""

from __future__ import annotations

from collections.abc import Sequence

# How many existing codes an error message lists before it says "... and N more".
_LISTED = 25


def _listing(codes: Sequence[str]) -> str:
    shown = ", ".join(codes[:_LISTED])
    if len(codes) > _LISTED:
        shown += f" ... and {len(codes) - _LISTED} more"
    return shown or "(none)"


class StatBankError(Exception):
    """Base class: anything that went wrong talking to or reading from StatBank."""


class StatBankAPIError(StatBankError):
    """The API answered with an error (usually HTTP 400 with an error body)."""

    def __init__(
        self, *, status_code: int, error_type_code: str | None, api_message: str, url: str
    ) -> None:
        self.status_code = status_code
        self.error_type_code = error_type_code
        self.api_message = api_message
        self.url = url
        code = f" {error_type_code}" if error_type_code else ""
        super().__init__(f"StatBank answered HTTP {status_code}{code} for {url}: {api_message}")


class TableNotFoundError(StatBankAPIError):
    """The table id does not exist (errorTypeCode EXTRACT-NOTFOUND)."""

    def __init__(self, *, table_id: str, status_code: int, api_message: str, url: str) -> None:
        super().__init__(
            status_code=status_code,
            error_type_code="EXTRACT-NOTFOUND",
            api_message=api_message,
            url=url,
        )
        self.table_id = table_id
        self.args = (f"StatBank has no table {table_id!r} ({api_message})",)


class StatBankUnavailableError(StatBankError):
    """The API kept failing (HTTP 5xx, 429 or a network error) after every retry."""

    def __init__(self, message: str, *, attempts: int, status_code: int | None = None) -> None:
        self.attempts = attempts
        self.status_code = status_code
        super().__init__(message)


class StatBankTimeoutError(StatBankUnavailableError):
    """Every attempt timed out."""


class ResponseFormatError(StatBankError):
    """The API answered 200 but with a body we cannot read."""


class EmptyResultError(StatBankError):
    """The selection matched no rows (an empty table, or nothing stored for the selection)."""

    def __init__(self, table_id: str) -> None:
        self.table_id = table_id
        super().__init__(
            f"StatBank returned no rows for table {table_id}; nothing stored for this selection"
        )


class SelectionError(StatBankError):
    """A request does not fit the table as tableinfo describes it."""


class UnknownVariableError(SelectionError):
    """A requested variable is not in the table (a typo, or the table has changed)."""

    def __init__(self, *, table_id: str, variable: str, available: Sequence[str]) -> None:
        self.table_id = table_id
        self.variable = variable
        self.available = tuple(available)
        super().__init__(
            f"Table {table_id} has no variable {variable!r} (the table may have changed); "
            f"its variables are: {_listing(self.available)}"
        )


class UnknownValueError(SelectionError):
    """Requested value codes do not exist for a variable."""

    def __init__(
        self,
        *,
        table_id: str,
        variable: str,
        values: Sequence[str],
        available: Sequence[str],
    ) -> None:
        self.table_id = table_id
        self.variable = variable
        self.values = tuple(values)
        self.available = tuple(available)
        super().__init__(
            f"Table {table_id}, variable {variable}: unknown value code(s) "
            f"{', '.join(repr(v) for v in self.values)}; existing codes: {_listing(self.available)}"
        )


class MissingVariableError(SelectionError):
    """BULK allows no elimination: every variable of the table must be given values."""

    def __init__(self, *, table_id: str, missing: Sequence[str]) -> None:
        self.table_id = table_id
        self.missing = tuple(missing)
        super().__init__(
            f"Table {table_id}: no values given for variable(s) {', '.join(self.missing)}; "
            "the BULK format needs a selection for every variable (the table may have changed)"
        )


class TableChangedError(StatBankError):
    """The data that came back does not match the table's tableinfo."""

    def __init__(self, *, table_id: str, detail: str) -> None:
        self.table_id = table_id
        super().__init__(f"Table {table_id} has changed since its tableinfo was read: {detail}")
