import re

from django.http import Http404

from dialogportal.accounts.models import Role, User
from dialogportal.inputs.models import Attachment, Input

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROCESS_MANAGER: (
        "inputs.add_input",
        "inputs.change_input",
        "inputs.view_input",
        "inputs.add_attachment",
        "inputs.view_attachment",
    ),
    Role.MODERATOR: (
        "inputs.add_input",
        "inputs.change_input",
        "inputs.view_input",
        "inputs.view_attachment",
    ),
    # Secretaries type in their committee's and dialog meetings' input.
    Role.COMMITTEE_SECRETARY: ("inputs.add_input", "inputs.view_input"),
}


def _has(user: User | object, perm: str) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(perm)


def can_view_inputs(user: User | object) -> bool:
    """May see every input with its personal data (staff list, exports, staff API)."""
    return _has(user, "inputs.view_input")


def can_register_inputs(user: User | object) -> bool:
    """May register input on behalf of others, batch-type postcards and import files."""
    return _has(user, "inputs.add_input")


def get_input_for_user(user: User | object, pk: int) -> Input:
    if not can_view_inputs(user):
        raise Http404
    try:
        return Input.objects.select_related("process", "focus_area", "created_by").get(pk=pk)
    except Input.DoesNotExist as exc:
        raise Http404 from exc


_RECEIPT_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def get_input_by_receipt(token: str) -> Input:
    """The input whose private receipt link this is; 404 for anything else."""
    # Tokens are URL-safe base64 (secrets.token_urlsafe); anything else is not one, and some
    # characters (NUL) would make PostgreSQL refuse the query instead of finding nothing.
    if not _RECEIPT_TOKEN.fullmatch(token or ""):
        raise Http404
    try:
        return Input.objects.select_related("process", "focus_area").get(receipt_token=token)
    except Input.DoesNotExist as exc:
        raise Http404 from exc


def get_public_attachment(pk: int) -> Attachment:
    """A public attachment of a publicly shown input; 404 otherwise."""
    try:
        return Attachment.objects.select_related("input").get(
            pk=pk, is_public=True, input__in=Input.objects.public()
        )
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc


def get_attachment_for_user(user: User | object, pk: int) -> Attachment:
    if not _has(user, "inputs.view_attachment") and not can_view_inputs(user):
        raise Http404
    try:
        return Attachment.objects.select_related("input").get(pk=pk)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc


def get_receipt_attachment(token: str, pk: int) -> Attachment:
    obj = get_input_by_receipt(token)
    try:
        return obj.attachments.get(pk=pk)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc
