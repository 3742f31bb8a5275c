"""Putting what travels on a receiving committee's agenda: the next meeting that can still take
items, on or after the day it was sent. With none planned it waits, and is placed when the
committee plans one (`meetings.events`: MEETING_PLANNED); a cancelled meeting hands its items on
to the next one (MEETING_CANCELLED)."""

from datetime import date
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from dialogportal.accounts.models import User
from dialogportal.med.copies import cascade_content, hearing_content, titled
from dialogportal.med.models import (
    AuditAction,
    Cascade,
    CascadeStatus,
    HearingPart,
    HearingStatus,
    PartStatus,
)
from dialogportal.med.services.audit import record
from dialogportal.meetings.models import OPEN_FOR_ITEMS, AgendaItem, ItemKind, Meeting
from dialogportal.meetings.services import NewAttachment, add_attachment, add_item


def _copy_files(
    item: AgendaItem, source: AgendaItem, *, acting_user: User | None, public: bool | None
) -> None:
    """The source's attachments as files on the copy (the bytes are copied: removing the copy's
    file must never remove the source's). Each keeps its public flag unless `public` says."""
    for attachment in source.attachments.all():
        if not attachment.file:
            continue
        with attachment.file.open("rb") as handle:
            add_attachment(
                item=item,
                acting_user=acting_user,
                title=attachment.title,
                file_name=PurePath(attachment.file.name).name,
                data=handle,
                is_public=attachment.is_public if public is None else public,
            )


def place_cascade(
    cascade: Cascade, *, on: date, acting_user: User | None, meeting: Meeting | None = None
) -> bool:
    """Put the copy on the receiver's next meeting (or `meeting`); False when there is none."""
    meeting = meeting or Meeting.objects.next_open_for_items(cascade.target_committee, on)
    if meeting is None:
        return False
    source = cascade.source_item
    content = cascade_content(
        source=source,
        message=cascade.message,
        due_on=cascade.due_on,
        receiver=cascade.target_committee,
    )
    content.attachments = [
        NewAttachment(a.title, a.is_public) for a in source.attachments.all() if not a.file
    ]
    item = add_item(
        meeting=meeting,
        title=titled(f"Orientering fra {source.meeting.committee.name}", source.title),
        kind=ItemKind.INFORMATION,
        journal_number=source.journal_number,
        content=content,
        is_draft=True,
    )
    _copy_files(item, source, acting_user=acting_user, public=None)
    cascade.target_item = item
    cascade.status = CascadeStatus.ON_AGENDA
    cascade.save(update_fields=["target_item", "status"])
    record(
        AuditAction.CASCADE_PLACED,
        actor=acting_user,
        cascade=cascade,
        after={"meeting": meeting.pk, "item": item.pk, "held_on": meeting.held_on.isoformat()},
    )
    return True


def place_part(
    part: HearingPart, *, on: date, acting_user: User | None, meeting: Meeting | None = None
) -> bool:
    """Put the hearing on the part's next meeting (or `meeting`); False when there is none.
    Its material is never public, whatever the source's attachments say."""
    meeting = meeting or Meeting.objects.next_open_for_items(part.committee, on)
    if meeting is None:
        return False
    hearing = part.hearing
    source = hearing.source_item
    content = hearing_content(
        sender=hearing.committee,
        title=hearing.title,
        material=hearing.material,
        answer_by=hearing.answer_by,
        source=source,
    )
    content.attachments = [
        NewAttachment(a.title, False)
        for a in (source.attachments.all() if source else ())
        if not a.file
    ]
    item = add_item(
        meeting=meeting,
        title=titled(f"Høring fra {hearing.committee.name}", hearing.title),
        kind=ItemKind.DECISION,
        journal_number=source.journal_number if source else "",
        is_closed=hearing.is_closed,
        closure_reason="Høringsmateriale i MED" if hearing.is_closed else "",
        content=content,
        is_draft=True,
    )
    if source is not None:
        _copy_files(item, source, acting_user=acting_user, public=False)
    for material in hearing.files.all():
        with material.file.open("rb") as handle:
            add_attachment(
                item=item,
                acting_user=acting_user,
                title=material.title,
                file_name=PurePath(material.file.name).name,
                data=handle,
                is_public=False,
            )
    part.target_item = item
    part.save(update_fields=["target_item"])
    record(
        AuditAction.HEARING_PART_PLACED,
        actor=acting_user,
        part=part,
        after={"meeting": meeting.pk, "item": item.pk, "held_on": meeting.held_on.isoformat()},
    )
    return True


@transaction.atomic
def place_waiting_for_meeting(*, meeting: Meeting) -> int:
    """MEETING_PLANNED: what waits for this committee goes on the new meeting, if it can take
    items and is not before the day it was sent. Returns how many were placed."""
    if meeting.status not in OPEN_FOR_ITEMS:
        return 0
    placed = 0
    for cascade in (
        Cascade.objects.waiting()
        .filter(target_committee=meeting.committee, sent_at__date__lte=meeting.held_on)
        .select_related("source_item__meeting__committee", "target_committee")
    ):
        placed += place_cascade(cascade, on=meeting.held_on, acting_user=None, meeting=meeting)
    for part in (
        HearingPart.objects.waiting()
        .filter(committee=meeting.committee, hearing__created_at__date__lte=meeting.held_on)
        .select_related("hearing__committee", "hearing__source_item__meeting__committee")
    ):
        placed += place_part(part, on=meeting.held_on, acting_user=None, meeting=meeting)
    return placed


@transaction.atomic
def move_from_cancelled_meeting(*, meeting: Meeting) -> int:
    """MEETING_CANCELLED: items this app put on the meeting go to the committee's next meeting
    (or wait for one). The copy on the cancelled meeting stays as it was."""
    today = timezone.localdate()
    moved = 0
    for cascade in Cascade.objects.filter(
        target_item__meeting=meeting, status=CascadeStatus.ON_AGENDA
    ).select_related("source_item__meeting__committee", "target_committee"):
        cascade.target_item = None
        cascade.status = CascadeStatus.SENT
        cascade.save(update_fields=["target_item", "status"])
        record(
            AuditAction.CASCADE_MOVED, actor=None, cascade=cascade, before={"meeting": meeting.pk}
        )
        moved += place_cascade(cascade, on=today, acting_user=None)
    for part in HearingPart.objects.filter(
        target_item__meeting=meeting,
        status=PartStatus.SENT,
        hearing__status=HearingStatus.OPEN,
    ).select_related("hearing__committee"):
        part.target_item = None
        part.save(update_fields=["target_item"])
        moved += place_part(part, on=today, acting_user=None)
    return moved
