"""Who may moderate, see contributors' personal data and handle data-subject requests.

Moderators decide on inputs and see the text as submitted (they must, to redact it). Only process
managers and administrators see contributors' contact data, handle data-subject requests and read
the retention log; only administrators read the access log. Every fetch of an input for a staff
page goes through the helpers below."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from dialogportal.accounts.models import Role, User
from dialogportal.inputs.models import Attachment, Input

MODERATE = "moderation.moderate_input"
VIEW_CONTACT_DATA = "moderation.view_contact_data"
HANDLE_SUBJECT_REQUESTS = "moderation.handle_data_subject_request"
VIEW_ACCESS_LOG = "moderation.view_accesslog"
VIEW_RETENTION_RUNS = "moderation.view_retentionrun"

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.MODERATOR: (MODERATE,),
    Role.PROCESS_MANAGER: (
        MODERATE,
        VIEW_CONTACT_DATA,
        HANDLE_SUBJECT_REQUESTS,
        VIEW_RETENTION_RUNS,
    ),
}


def has(user: User | object, permission: str) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(permission)


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
