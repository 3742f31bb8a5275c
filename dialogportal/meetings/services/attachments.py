"""An item's attachments (bilag): upload, title and public flag, removal."""

from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from dialogportal.accounts.models import User
from dialogportal.core.uploads import check_attachments
from dialogportal.meetings.models import AgendaItem, Attachment, AuditAction
from dialogportal.meetings.services.audit import JsonValue, record
from dialogportal.meetings.services.common import (
    check_not_locked,
    refuse_nul,
    render_pdfs_if_published,
)


@transaction.atomic
def add_attachment(
    *,
    item: AgendaItem,
    acting_user: User | None,
    title: str,
    file_name: str,
    data: IO[bytes],
    is_public: bool,
) -> Attachment:
    """Attach an uploaded file (PDF, Word, JPEG or PNG, decided by its content; the inputs'
    size limit) as the item's last "bilag"; the title defaults to the file's name."""
    check_not_locked(item.meeting)
    refuse_nul(title=title)
    try:
        (checked,) = check_attachments([(file_name, data)])
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    top = item.attachments.aggregate(top=Max("order"))["top"] or 0
    attachment = Attachment(
        item=item,
        title=title.strip() or checked.name,
        is_public=is_public,
        order=top + 1,
    )
    attachment.full_clean()
    attachment.file.save(checked.name, ContentFile(checked.data), save=False)
    attachment.full_clean()
    attachment.save()
    record(
        meeting=item.meeting,
        action=AuditAction.ATTACHMENT_ADDED,
        acting_user=acting_user,
        item=item,
        after={"title": attachment.title, "is_public": attachment.is_public},
    )
    render_pdfs_if_published(item.meeting)
    return attachment


@transaction.atomic
def update_attachment(
    *, attachment: Attachment, acting_user: User | None, title: str, is_public: bool
) -> Attachment:
    """Change an attachment's title and whether it may be published."""
    check_not_locked(attachment.item.meeting)
    refuse_nul(title=title)
    before: dict[str, JsonValue] = {"title": attachment.title, "is_public": attachment.is_public}
    attachment.title = title.strip()
    attachment.is_public = is_public
    attachment.full_clean()
    attachment.save(update_fields=["title", "is_public"])
    record(
        meeting=attachment.item.meeting,
        action=AuditAction.ATTACHMENT_CHANGED,
        acting_user=acting_user,
        item=attachment.item,
        before=before,
        after={"title": attachment.title, "is_public": attachment.is_public},
    )
    render_pdfs_if_published(attachment.item.meeting)
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, acting_user: User | None) -> None:
    """Remove an attachment; its file is deleted once the removal is committed."""
    item = attachment.item
    meeting = item.meeting
    check_not_locked(meeting)
    storage, name = attachment.file.storage, attachment.file.name
    record(
        meeting=meeting,
        action=AuditAction.ATTACHMENT_REMOVED,
        acting_user=acting_user,
        item=item,
        before={"title": attachment.title, "is_public": attachment.is_public},
    )
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    render_pdfs_if_published(meeting)
