"""Who may moderate. Moderators decide on inputs and see the text as submitted, with what
screening found marked (they must, to redact it) – never who wrote it. Contact data is for the
roles `privacy.matrix` gives `accounts.view_contact_data`. Every fetch of an input for a
moderation page goes through the helpers below."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from dialogportal.accounts.access import VIEW_CONTACT_DATA, has
from dialogportal.accounts.models import Role, User
from dialogportal.inputs.models import Attachment, Input

MODERATE = "moderation.moderate_input"

# `moderate_input` is granted by `privacy.matrix` (the screening view).
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {}

__all__ = ["MODERATE", "VIEW_CONTACT_DATA", "can_moderate", "has", "require"]


def can_moderate(user: User | object) -> bool:
    return has(user, MODERATE)


def require(user: User | object, permission: str) -> User:
    """The user, if it holds `permission`; PermissionDenied (403) otherwise."""
    if not isinstance(user, User) or not has(user, permission):
        raise PermissionDenied
    return user


def get_input_for_moderation(user: User | object, input_id: int) -> Input:
    """Any input, in any state, for a user who may moderate; 403 / 404 otherwise."""
    require(user, MODERATE)
    try:
        return Input.objects.select_related("process", "focus_area").get(pk=input_id)
    except Input.DoesNotExist as exc:
        raise Http404 from exc


def get_attachment_for_moderation(
    user: User | object, item: Input, attachment_id: int
) -> Attachment:
    require(user, MODERATE)
    try:
        return item.attachments.get(pk=attachment_id)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc


def get_public_input(input_id: int) -> Input:
    """A published input as anyone may see it (for the report form); 404 otherwise."""
    try:
        return Input.objects.public().select_related("process").get(pk=input_id)
    except Input.DoesNotExist as exc:
        raise Http404 from exc
