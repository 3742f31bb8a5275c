"""The spam trap of every public form (an input, a dialog-meeting registration): a hidden field
that people never fill in (`HONEYPOT_FIELD`), and a signed time of when the form was shown, so a
form sent back faster than a person can write is asked again (`sign_started`,
`seconds_since_started`)."""

import time

from django.core import signing

# The salt names the form that first used it; changing it would refuse forms already shown.
_STARTED_SALT = "dialogportal.inputs.form-started"
HONEYPOT_FIELD = "website"


def sign_started(at: float | None = None) -> str:
    """A signed timestamp of when the form was shown (checked for the minimum time to submit)."""
    return signing.dumps(at if at is not None else time.time(), salt=_STARTED_SALT)


def seconds_since_started(token: str, *, max_age: int = 24 * 3600) -> float | None:
    """Seconds since the signed timestamp, or None when it is missing, forged or too old."""
    try:
        started = float(signing.loads(token, salt=_STARTED_SALT, max_age=max_age))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started
