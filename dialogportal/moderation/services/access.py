"""The audit log of staff access to hidden inputs and personal data."""

import hashlib
import hmac
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from dialogportal.accounts.models import User
from dialogportal.inputs.models import Input
from dialogportal.moderation.models import AccessKind, AccessLog


def subject_digest(email: str) -> str:
    """A keyed digest of an e-mail address: matches later requests without storing the address."""
    normalised = email.strip().casefold().encode()
    return hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256).hexdigest()


def log_access(
    *,
    user: User,
    kind: AccessKind,
    item: Input | None = None,
    detail: str = "",
    email: str = "",
) -> AccessLog:
    """Record that `user` saw or handled personal data now; rows are never changed afterwards."""
    entry = AccessLog(
        user=user,
        username=user.get_username(),
        kind=kind,
        input=item,
        detail=detail[:300],
        subject_digest=subject_digest(email) if email else "",
        accessed_at=timezone.now(),
    )
    entry.full_clean()
    entry.save()
    return entry


def log_access_many(
    *, user: User, kind: AccessKind, items: Iterable[Input], detail: str = ""
) -> int:
    """One access-log row per input shown on a list page (e.g. the queue); returns the count."""
    now = timezone.now()
    rows = [
        AccessLog(
            user=user,
            username=user.get_username(),
            kind=kind,
            input=item,
            detail=detail[:300],
            accessed_at=now,
        )
        for item in items
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)
