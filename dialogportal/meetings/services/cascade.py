"""The cascade ("videregives til") of items down the MED hierarchy."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.models import (
    AgendaItem,
    Cascade,
    CascadeStatus,
    ItemKind,
    Meeting,
    SectionKind,
)
from dialogportal.meetings.services.items import ItemContent, NewAttachment, add_item
from dialogportal.organisation.models import (
    Committee,
    CommitteeLevel,
)

# --- cascade ("videregives til") ------------------------------------------------------------


def cascade_title(source: Committee) -> str:
    return f"Orientering fra {source.name}"


def _place(cascade: Cascade) -> None:
    """Put a cascaded item on the target's next meeting that can take items, if there is one."""
    meeting = Meeting.objects.next_open_for_items(cascade.target_committee, timezone.localdate())
    if meeting is None:
        return
    source = cascade.source_item
    summary = next((s.body for s in source.sections.all() if s.kind == SectionKind.SUMMARY), None)
    intro = (
        f"{source.meeting.committee.name} behandlede punkt {source.number} "
        f"“{source.title}” på mødet {source.meeting.held_on:%d-%m-%Y} og giver orienteringen "
        "videre."
    )
    body = "\n\n".join(part for part in (intro, cascade.message, summary or "") if part)
    item = add_item(
        meeting=meeting,
        title=cascade_title(source.meeting.committee),
        kind=ItemKind.INFORMATION,
        presenter="",
        journal_number=source.journal_number,
        content=ItemContent(
            summary=body,
            attachments=[NewAttachment(a.title, a.is_public) for a in source.attachments.all()],
        ),
        is_draft=True,
    )
    cascade.target_item = item
    cascade.status = CascadeStatus.ON_AGENDA
    cascade.save(update_fields=["target_item", "status"])


@transaction.atomic
def place_waiting_cascades(*, committee: Committee) -> int:
    """Move this committee's waiting cascades onto its next meeting; returns how many."""
    placed = 0
    for cascade in (
        Cascade.objects.waiting()
        .filter(target_committee=committee)
        .select_related("source_item__meeting__committee", "target_committee")
    ):
        _place(cascade)
        placed += cascade.target_item_id is not None
    return placed


def cascade_targets(*, source: Committee, level: CommitteeLevel) -> list[Committee]:
    """All committees of `level` below `source` ("alle Sektor MED")."""
    return list(Committee.objects.below(source).filter(level=level).order_by("name"))


@transaction.atomic
def cascade_item(
    *,
    item: AgendaItem,
    targets: Sequence[Committee],
    acting_user: User | None,
    message: str = "",
) -> list[Cascade]:
    """Pass an item on to lower committees: each gets a draft "Orientering fra …" item on its
    next meeting, or waits until one is planned. Passing it to the same committee twice is a
    no-op for that committee."""
    source = item.meeting.committee
    if item.is_closed:
        raise ValidationError(_("Et lukket punkt kan ikke videregives."))
    if not targets:
        raise ValidationError({"targets": _("Vælg mindst ét udvalg at videregive til.")})
    allowed = set(Committee.objects.below(source).values_list("pk", flat=True))
    wrong = [t.name for t in targets if t.pk not in allowed]
    if wrong:
        raise ValidationError(
            {
                "targets": _("Kan kun videregives til underliggende udvalg: %(names)s")
                % {"names": ", ".join(wrong)}
            }
        )
    created = []
    for target in targets:
        cascade, is_new = Cascade.objects.get_or_create(
            source_item=item,
            target_committee=target,
            defaults={"sent_by": acting_user, "message": message.strip()},
        )
        if is_new:
            _place(cascade)
            created.append(cascade)
    return created


@transaction.atomic
def mark_cascade_handled(*, cascade: Cascade) -> Cascade:
    """The target committee has dealt with the item."""
    if cascade.status == CascadeStatus.SENT:
        raise ValidationError(_("Punktet er endnu ikke på en dagsorden."))
    if cascade.status == CascadeStatus.ON_AGENDA:
        cascade.status = CascadeStatus.HANDLED
        cascade.handled_at = timezone.now()
        cascade.save(update_fields=["status", "handled_at"])
        if cascade.target_item is not None and cascade.target_item.is_draft:
            cascade.target_item.is_draft = False
            cascade.target_item.save(update_fields=["is_draft"])
    return cascade


@transaction.atomic
def acknowledge_cascade(*, cascade: Cascade, comment: str = "") -> Cascade:
    """Acknowledge to the source committee, with an optional comment sent back up."""
    if cascade.status in (CascadeStatus.SENT, CascadeStatus.ON_AGENDA):
        if cascade.status == CascadeStatus.SENT:
            raise ValidationError(_("Punktet er endnu ikke på en dagsorden."))
        mark_cascade_handled(cascade=cascade)
    if len(comment) > 5000:
        raise ValidationError({"comment": _("Kommentaren er for lang (højst 5.000 tegn).")})
    cascade.status = CascadeStatus.ACKNOWLEDGED
    cascade.acknowledged_at = timezone.now()
    cascade.comment = comment.strip()
    cascade.full_clean()
    cascade.save(update_fields=["status", "acknowledged_at", "comment"])
    return cascade
