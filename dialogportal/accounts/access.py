"""Who may see personal data, and the audit log of every time a staff user did.

The permissions are checked by every app that shows an input, a registration or an export; which
role holds which is written once, in `privacy.matrix`. `log_access` is the one way a row reaches
the access log (see `AccessLog`)."""

import hashlib
import hmac
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from dialogportal.accounts.models import AccessKind, AccessLog, User

VIEW_CONTACT_DATA = "accounts.view_contact_data"
VIEW_NONPUBLIC_TEXT = "accounts.view_nonpublic_text"
EXPORT_PERSONAL_DATA = "accounts.export_personal_data"
HANDLE_SUBJECT_REQUESTS = "accounts.handle_data_subject_request"
USE_STAFF_API = "accounts.use_staff_api"
VIEW_ACCESS_LOG = "accounts.view_accesslog"


def has(user: User | object, permission: str) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(permission)


def can_view_contact_data(user: User | object) -> bool:
    """Contributors' and registrants' name, e-mail, phone and IP address."""
    return has(user, VIEW_CONTACT_DATA)


def can_view_nonpublic_text(user: User | object) -> bool:
    """The text of every input that is not published, as submitted, outside the moderation
    pages (where moderators see it with the screening hits marked)."""
    return has(user, VIEW_NONPUBLIC_TEXT)


def can_export_personal_data(user: User | object) -> bool:
    return has(user, EXPORT_PERSONAL_DATA)


def can_use_staff_api(user: User | object) -> bool:
    return has(user, USE_STAFF_API)


def subject_digest(email: str) -> str:
    """A keyed digest of an e-mail address: matches later requests without storing the address."""
    normalised = email.strip().casefold().encode()
    return hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256).hexdigest()


def object_label(obj: Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _path(request: HttpRequest | None) -> str:
    return request.get_full_path()[:300] if request is not None else ""


def log_access(
    *,
    user: User,
    kind: AccessKind,
    obj: Model | None = None,
    record_count: int = 1,
    request: HttpRequest | None = None,
    detail: str = "",
    email: str = "",
) -> AccessLog:
    """Record that `user` saw or handled personal data now; rows are never changed afterwards."""
    entry = AccessLog(
        user=user,
        username=user.get_username(),
        kind=kind,
        object_type=object_label(obj) if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        record_count=record_count,
        path=_path(request),
        detail=detail[:300],
        subject_digest=subject_digest(email) if email else "",
        accessed_at=timezone.now(),
    )
    entry.full_clean()
    entry.save()
    return entry


def log_access_many(
    *,
    user: User,
    kind: AccessKind,
    objects: Iterable[Model],
    request: HttpRequest | None = None,
    detail: str = "",
) -> int:
    """One access-log row per record shown on a list page (e.g. the moderation queue)."""
    now = timezone.now()
    rows = [
        AccessLog(
            user=user,
            username=user.get_username(),
            kind=kind,
            object_type=object_label(obj),
            object_id=obj.pk,
            path=_path(request),
            detail=detail[:300],
            accessed_at=now,
        )
        for obj in objects
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)
