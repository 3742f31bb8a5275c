"""One family of "the rules refuse this" errors. A service raises a subclass with a Danish
message for the person; the web pages show the message, and the REST API maps the family to HTTP
once (`core.api.exception_handler`) by the class's `status_code` and stable `code`."""


class RefusedError(Exception):
    """A request the rules refuse; `message` is for the person, in Danish (already translated)."""

    status_code = 400
    code = "refused"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ForbiddenNowError(RefusedError):
    """Not allowed at this time or in this state (a closed phase) – HTTP 403."""

    status_code = 403
    code = "forbidden_now"


class ConflictError(RefusedError):
    """Clashes with what is already stored (a reused key, a full meeting) – HTTP 409."""

    status_code = 409
    code = "conflict"


class TooManyRequestsError(RefusedError):
    """Too many requests from one client, network or with one text – HTTP 429."""

    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int = 3600) -> None:
        super().__init__(message)
        self.retry_after = retry_after
