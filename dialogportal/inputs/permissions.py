import re

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from dialogportal.accounts.access import can_view_nonpublic_text
from dialogportal.accounts.models import Role, User
from dialogportal.inputs.models import Attachment, Channel, Input, InputQuerySet
from dialogportal.organisation.models import Committee, Membership

# Who sees which inputs, and who registers them, is decided by `privacy.matrix`, which grants
# `inputs.view_input`, `inputs.view_attachment` and `inputs.add_input`.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROCESS_MANAGER: ("inputs.change_input", "inputs.add_attachment"),
}


def _has(user: User | object, perm: str) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(perm)


def can_view_all_inputs(user: User | object) -> bool:
    """May see every input, in every state (the staff list, its exports, the staff API)."""
    return _has(user, "inputs.view_input") and can_view_nonpublic_text(user)


def can_register_inputs(user: User | object) -> bool:
    """May register input on behalf of others, batch-type postcards and import files."""
    return _has(user, "inputs.add_input")


def can_view_inputs(user: User | object) -> bool:
    """May open the staff input pages at all (what they list depends on `visible_inputs`)."""
    return can_view_all_inputs(user) or can_register_inputs(user)


def committee_names(user: User) -> list[str]:
    """The committees the user sits in today (as secretary, chair, member …): their names are the
    `source` of the inputs the committee sent (channel »MED-udvalg«)."""
    seats = Membership.objects.active_on(timezone.localdate()).filter(user=user)
    return list(
        Committee.objects.filter(pk__in=seats.values("committee")).values_list("name", flat=True)
    )


def visible_inputs(user: User | object) -> InputQuerySet:
    """The inputs a staff user may open: all of them for the roles `privacy.matrix` gives
    `inputs.view_input`; for committee roles only what they typed in themselves and what their
    committees sent; nothing for anyone else."""
    if can_view_all_inputs(user):
        return Input.objects.all()
    if not isinstance(user, User) or not can_register_inputs(user):
        return Input.objects.none()
    return Input.objects.filter(
        Q(created_by=user) | Q(channel=Channel.MED_COMMITTEE, source__in=committee_names(user))
    )


def get_input_for_user(user: User | object, pk: int) -> Input:
    try:
        return visible_inputs(user).select_related("process", "focus_area", "created_by").get(pk=pk)
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
    """An attachment of an input the user may open (`visible_inputs`)."""
    try:
        return Attachment.objects.select_related("input").get(pk=pk, input__in=visible_inputs(user))
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc


def get_receipt_attachment(token: str, pk: int) -> Attachment:
    obj = get_input_by_receipt(token)
    try:
        return obj.attachments.get(pk=pk)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc
