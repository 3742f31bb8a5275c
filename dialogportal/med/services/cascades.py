"""Passing an item down the MED tree ("videregives til"), its handling by the receivers, the
acknowledgement with a comment back, the withdrawal of copies when the source is closed, and
the roll-up of receivers' comments for the sender's next meeting."""

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.med.copies import danish_date, meeting_label, titled, withdrawn_notice
from dialogportal.med.models import (
    HELD_STATUSES,
    PENDING_CASCADE_STATUSES,
    AuditAction,
    Cascade,
    CascadeStatus,
)
from dialogportal.med.services.audit import cascade_state, record
from dialogportal.med.services.common import refuse_bad_text
from dialogportal.med.services.placement import place_cascade
from dialogportal.med.tasks import send_withdrawal_notice
from dialogportal.meetings.models import AgendaItem, ItemKind, Meeting
from dialogportal.meetings.services import (
    ItemContent,
    add_item,
    remove_attachment,
    update_item,
    update_item_content,
)
from dialogportal.organisation.models import Committee

MAX_MESSAGE = 5000
MAX_COMMENT = 5000
MAX_REASON = 1000


def check_can_travel(item: AgendaItem) -> None:
    """What may be passed on: an open item, decided at a held meeting; a copy passed down to
    this committee only once its own committee has handled it."""
    if item.is_closed:
        raise ValidationError(_("Et lukket punkt kan ikke videregives."))
    incoming = Cascade.objects.filter(target_item=item).first()
    if incoming is not None and incoming.status in (
        *PENDING_CASCADE_STATUSES,
        CascadeStatus.WITHDRAWN,
    ):
        raise ValidationError(
            _("Et videregivet punkt kan først sendes videre, når udvalget har behandlet det.")
        )
    if item.is_draft:
        raise ValidationError(_("Et punkt i kladde kan ikke videregives."))
    if item.meeting.status not in HELD_STATUSES:
        raise ValidationError(
            _(
                "Punktet kan videregives, når mødet er holdt: det er udvalgets beslutning, "
                "der videregives."
            )
        )


def check_targets(sender: Committee, targets: Sequence[Committee], *, field: str) -> None:
    """Targets must lie in the sender's own subtree; checked here, not only in the form."""
    if not targets:
        raise ValidationError({field: _("Vælg mindst ét udvalg.")})
    allowed = set(Committee.objects.below(sender).values_list("pk", flat=True))
    wrong = sorted(t.name for t in targets if t.pk not in allowed)
    if wrong:
        raise ValidationError(
            {
                field: _("Kun udvalg under %(sender)s kan vælges, ikke: %(names)s.")
                % {"sender": sender.name, "names": ", ".join(wrong)}
            }
        )


@transaction.atomic
def cascade_item(
    *,
    item: AgendaItem,
    targets: Sequence[Committee],
    acting_user: User | None,
    message: str = "",
    due_on: date | None = None,
    clause: str = "",
    now: datetime | None = None,
) -> list[Cascade]:
    """Pass an item on to committees in the sender's subtree. Each gets a draft copy with what
    was decided on its next meeting (or waits for one). A committee that has it already is left
    alone; one whose copy was withdrawn gets it again."""
    now = now or timezone.now()
    check_can_travel(item)
    sender = item.meeting.committee
    check_targets(sender, targets, field="targets")
    refuse_bad_text(message=(message, MAX_MESSAGE), clause=(clause, 500))
    if due_on is not None and due_on < now.date():
        raise ValidationError({"due_on": _("“Behandles senest” kan ikke ligge før i dag.")})
    created = []
    for target in {t.pk: t for t in targets}.values():
        cascade = (
            Cascade.objects.select_for_update()
            .filter(source_item=item, target_committee=target)
            .first()
        )
        if cascade is not None and cascade.status != CascadeStatus.WITHDRAWN:
            continue
        before = cascade_state(cascade) if cascade is not None else {}
        cascade = cascade or Cascade(source_item=item, target_committee=target)
        cascade.status = CascadeStatus.SENT
        cascade.target_item = None
        cascade.withdrawn_at = None
        cascade.withdrawal_notice_sent_at = None  # a new withdrawal gets its own e-mail
        cascade.message = message.strip()
        cascade.clause = clause.strip()
        cascade.due_on = due_on
        cascade.sent_at = now
        cascade.sent_by = acting_user
        cascade.full_clean()
        cascade.save()
        record(
            AuditAction.CASCADE_SENT,
            actor=acting_user,
            cascade=cascade,
            before=before,
            after=cascade_state(cascade),
        )
        place_cascade(cascade, on=now.date(), acting_user=acting_user)
        created.append(cascade)
    return created


def _lock(cascade: Cascade) -> Cascade:
    # Lock the cascade row only: PostgreSQL cannot lock the nullable side of an outer join.
    return (
        Cascade.objects.select_for_update(of=("self",))
        .select_related("target_item__meeting", "source_item__meeting__committee")
        .get(pk=cascade.pk)
    )


def _handle(cascade: Cascade, *, acting_user: User | None, reason: str, now: datetime) -> None:
    if cascade.status == CascadeStatus.WITHDRAWN:
        raise ValidationError(_("Punktet er trukket tilbage af det afsendende udvalg."))
    if cascade.status not in PENDING_CASCADE_STATUSES:
        return
    refuse_bad_text(reason=(reason, MAX_REASON))
    held = cascade.target_item is not None and cascade.target_item.meeting.status in HELD_STATUSES
    if not held and not reason.strip():
        raise ValidationError(
            _(
                "Punktet kan markeres som behandlet, når udvalgets møde er holdt – eller skriv, "
                "hvorfor det er behandlet uden møde."
            )
        )
    before = cascade_state(cascade)
    cascade.status = CascadeStatus.HANDLED
    cascade.handled_at = now
    cascade.handled_without_meeting = "" if held else reason.strip()
    cascade.full_clean()
    cascade.save(update_fields=["status", "handled_at", "handled_without_meeting"])
    record(
        AuditAction.CASCADE_HANDLED,
        actor=acting_user,
        cascade=cascade,
        before=before,
        after=cascade_state(cascade),
    )


@transaction.atomic
def mark_cascade_handled(
    *, cascade: Cascade, acting_user: User | None, reason: str = "", now: datetime | None = None
) -> Cascade:
    """The receiver has dealt with the item: at a meeting that has been held, or – with a
    reason – without one ("behandlet uden møde")."""
    cascade = _lock(cascade)
    _handle(cascade, acting_user=acting_user, reason=reason, now=now or timezone.now())
    return cascade


@transaction.atomic
def acknowledge_cascade(
    *,
    cascade: Cascade,
    acting_user: User | None,
    comment: str = "",
    reason: str = "",
    now: datetime | None = None,
) -> Cascade:
    """Acknowledge to the sender, with an optional comment back up; handles it first if needed
    (same rule: a held meeting, or a reason)."""
    now = now or timezone.now()
    cascade = _lock(cascade)
    if cascade.status == CascadeStatus.ACKNOWLEDGED:
        raise ValidationError(_("Der er allerede kvitteret for punktet."))
    refuse_bad_text(comment=(comment, MAX_COMMENT))
    _handle(cascade, acting_user=acting_user, reason=reason, now=now)
    before = cascade_state(cascade)
    cascade.status = CascadeStatus.ACKNOWLEDGED
    cascade.acknowledged_at = now
    cascade.acknowledged_by = acting_user
    cascade.comment = comment.strip()
    cascade.full_clean()
    cascade.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "comment"])
    record(
        AuditAction.CASCADE_ACKNOWLEDGED,
        actor=acting_user,
        cascade=cascade,
        before=before,
        after=cascade_state(cascade),
    )
    return cascade


@transaction.atomic
def mark_handled_by_minutes(*, meeting: Meeting, acting_user: User | None = None) -> int:
    """MINUTES_APPROVED: what was on the approved meeting's agenda has been handled."""
    count = 0
    for cascade in Cascade.objects.select_for_update().filter(
        target_item__meeting=meeting, status=CascadeStatus.ON_AGENDA
    ):
        cascade.target_item.meeting = meeting  # type: ignore[union-attr]
        _handle(cascade, acting_user=acting_user, reason="", now=timezone.now())
        count += 1
    return count


def _withdraw_copy(copy: AgendaItem, *, sender: Committee, acting_user: User | None) -> None:
    """Take the content off the receiver's agenda. Approved minutes are the receiver's record
    and cannot change (meetings keeps them immutable); there the cascade is only marked
    withdrawn and the receiver told."""
    if copy.meeting.is_locked:
        return
    for attachment in list(copy.attachments.all()):
        remove_attachment(attachment=attachment, acting_user=acting_user)
    notice = withdrawn_notice(sender=sender, on=timezone.localdate())
    update_item_content(item=copy, content=ItemContent(summary=notice))
    update_item(
        item=copy,
        acting_user=acting_user,
        title=f"Trukket tilbage af {sender.name}",
        kind=ItemKind.INFORMATION,
        journal_number="",
        content=ItemContent(summary=notice),
    )


@transaction.atomic
def withdraw_cascade(
    *, cascade: Cascade, acting_user: User | None, now: datetime | None = None
) -> Cascade:
    """Withdraw what was passed on: the copy's content leaves the receiver's agenda (unless its
    minutes are approved) and the receiver's secretariat is told by e-mail."""
    cascade = _lock(cascade)
    if cascade.status == CascadeStatus.WITHDRAWN:
        return cascade
    before = cascade_state(cascade)
    if cascade.target_item is not None:
        _withdraw_copy(
            cascade.target_item,
            sender=cascade.source_item.meeting.committee,
            acting_user=acting_user,
        )
    cascade.status = CascadeStatus.WITHDRAWN
    cascade.withdrawn_at = now or timezone.now()
    cascade.full_clean()
    cascade.save(update_fields=["status", "withdrawn_at"])
    record(
        AuditAction.CASCADE_WITHDRAWN,
        actor=acting_user,
        cascade=cascade,
        before=before,
        after=cascade_state(cascade),
    )
    cascade_id = cascade.pk
    transaction.on_commit(lambda: send_withdrawal_notice.enqueue(cascade_id))
    return cascade


@transaction.atomic
def withdraw_copies_of_closed_item(*, item: AgendaItem, acting_user: User | None) -> int:
    """ITEM_CLOSED: a closed item's copies are withdrawn from every receiver."""
    cascades = list(item.cascades.exclude(status=CascadeStatus.WITHDRAWN))
    for cascade in cascades:
        withdraw_cascade(cascade=cascade, acting_user=acting_user)
    return len(cascades)


def unreported_comments(committee: Committee) -> list[Cascade]:
    """Receivers' acknowledgements of this committee's items not yet reported back to it."""
    return list(
        Cascade.objects.filter(
            source_item__meeting__committee=committee,
            status=CascadeStatus.ACKNOWLEDGED,
            reported_in__isnull=True,
        )
        .select_related("source_item__meeting__committee", "target_committee")
        .order_by("source_item__meeting__held_on", "source_item__number", "target_committee__name")
    )


def rollup_text(cascades: Sequence[Cascade]) -> str:
    """The receivers' comments per item, as a Sagsfremstilling."""
    lines: list[str] = []
    current: int | None = None
    for cascade in cascades:
        source = cascade.source_item
        if source.pk != current:
            if lines:
                lines.append("")
            lines.append(f"### Punkt {source.number}: {source.title} ({meeting_label(source)})")
            lines.append("")
            current = source.pk
        when = (
            danish_date(timezone.localtime(cascade.acknowledged_at).date())
            if cascade.acknowledged_at
            else ""
        )
        comment = " ".join(cascade.comment.split()) or "Kvitteret uden bemærkninger."
        lines.append(f"- **{cascade.target_committee.name}** (kvitteret {when}): {comment}")
    return "\n".join(lines)


@transaction.atomic
def report_comments(
    *, committee: Committee, acting_user: User | None, now: datetime | None = None
) -> AgendaItem:
    """Put the receivers' new comments on the committee's next agenda as one draft item
    ("Tilbagemeldinger fra MED-systemet"); each comment is reported once."""
    now = now or timezone.now()
    cascades = unreported_comments(committee)
    if not cascades:
        raise ValidationError(_("Der er ingen nye tilbagemeldinger at sætte på dagsordenen."))
    meeting = Meeting.objects.next_open_for_items(committee, now.date())
    if meeting is None:
        raise ValidationError(
            _("%(committee)s har intet planlagt møde, der kan tage nye punkter.")
            % {"committee": committee.name}
        )
    receivers = len({c.target_committee_id for c in cascades})
    item = add_item(
        meeting=meeting,
        title=titled("Tilbagemeldinger fra MED-systemet", f"{len(cascades)} kvitteringer"),
        kind=ItemKind.INFORMATION,
        content=ItemContent(
            summary=(
                f"{receivers} udvalg har kvitteret for {len({c.source_item_id for c in cascades})}"
                f" punkter, som {committee.name} har videregivet. Kommentarerne er samlet her."
            ),
            recommendation_intro="Sekretariatet indstiller",
            recommendations=["at tilbagemeldingerne tages til efterretning"],
            case_description=rollup_text(cascades),
        ),
        is_draft=True,
    )
    for cascade in cascades:
        cascade.reported_in = item
        cascade.save(update_fields=["reported_in"])
        record(
            AuditAction.CASCADES_REPORTED,
            actor=acting_user,
            cascade=cascade,
            after={"item": item.pk, "meeting": meeting.pk},
        )
    return item
