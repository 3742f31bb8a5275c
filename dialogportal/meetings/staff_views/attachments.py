"""An item's attachments on its staff page: upload, rename and (un)publish, remove."""

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogportal.meetings.forms import AttachmentForm, AttachmentUploadForm
from dialogportal.meetings.models import Attachment
from dialogportal.meetings.permissions import get_managed_item
from dialogportal.meetings.services import add_attachment, remove_attachment, update_attachment
from dialogportal.meetings.staff_views.common import act, secretariat, submit, user_of
from dialogportal.meetings.staff_views.item import (
    UPLOAD_PREFIX,
    attachment_prefix,
    item_page,
    item_url,
)


@require_POST
@secretariat
def item_attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = AttachmentUploadForm(request.POST, request.FILES, prefix=UPLOAD_PREFIX)

    def add(data: dict[str, Any]) -> Attachment:
        upload = data["file"]
        return add_attachment(
            item=obj,
            acting_user=user_of(request),
            title=data["title"],
            file_name=upload.name or "",
            data=upload,
            is_public=data["is_public"],
        )

    def page(bound: forms.BaseForm) -> HttpResponse:
        return item_page(request, obj, upload_form=bound)

    return submit(
        request,
        form,
        add,
        done=lambda a: _("Bilaget “%(title)s” er tilføjet.") % {"title": a.title},
        back=item_url(obj, "#bilag"),
        page=page,
    )


def _managed_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> Attachment:
    """An attachment of an item the user manages (404 otherwise)."""
    obj = get_managed_item(request.user, pk)
    attachment = obj.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    attachment.item = obj
    return attachment


@require_POST
@secretariat
def item_attachment_update(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _managed_attachment(request, pk, attachment_pk)
    form = AttachmentForm(request.POST, prefix=attachment_prefix(attachment))

    def page(bound: forms.BaseForm) -> HttpResponse:
        return item_page(request, attachment.item, attachment_form=bound)

    return submit(
        request,
        form,
        lambda data: update_attachment(
            attachment=attachment,
            acting_user=user_of(request),
            title=data["title"],
            is_public=data["is_public"],
        ),
        done=lambda a: _("Bilaget “%(title)s” er gemt.") % {"title": a.title},
        back=item_url(attachment.item, "#bilag"),
        page=page,
    )


@require_POST
@secretariat
def item_attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _managed_attachment(request, pk, attachment_pk)
    return act(
        request,
        lambda: remove_attachment(attachment=attachment, acting_user=user_of(request)),
        done=_("Bilaget “%(title)s” er fjernet.") % {"title": attachment.title},
        back=item_url(attachment.item, "#bilag"),
    )
