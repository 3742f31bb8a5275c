"""E-mails of the MED system: a new hearing to its parts, reminders before the deadline, and a
withdrawn item to its receivers. Sent by the tasks in `tasks.py`; addressed to the people who
run the receiving committee (secretary, chair, vice-chair) with an account and an e-mail."""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dialogportal.med.copies import danish_date
from dialogportal.med.models import (
    AuditAction,
    AuditEntry,
    Cascade,
    CascadeStatus,
    HearingPart,
    HearingReminder,
)
from dialogportal.organisation.models import Committee, Membership, MembershipRole

logger = logging.getLogger(__name__)

RUNNING_ROLES = (MembershipRole.SECRETARY, MembershipRole.CHAIR, MembershipRole.VICE_CHAIR)


def recipients(committee: Committee) -> list[str]:
    seats = (
        Membership.objects.active_on(timezone.localdate())
        .filter(committee=committee, role__in=[str(r) for r in RUNNING_ROLES])
        .select_related("user")
    )
    return sorted(
        {s.user.email for s in seats if s.user is not None and s.user.is_active and s.user.email}
    )


def _url(name: str, pk: int) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse(name, kwargs={'pk': pk})}"


def _send(subject: str, body: str, to: list[str]) -> int:
    if not to:
        return 0
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in to]
    return int(send_mass_mail(messages, fail_silently=False))


def send_hearing_notice(hearing_id: int) -> int:
    """Tell every part's secretariat that a hearing has arrived. Returns e-mails sent. Each part
    is claimed under a row lock and stamped with its e-mail, so a re-run (or a second worker)
    sends nothing already sent: at-least-once only between the send and the commit."""
    sent = 0
    for part_id in HearingPart.objects.filter(hearing_id=hearing_id).values_list("pk", flat=True):
        sent += _send_part_notice(part_id)
    return sent


def _send_part_notice(part_id: int) -> int:
    with transaction.atomic():
        part = (
            HearingPart.objects.select_for_update(of=("self",))
            .select_related("hearing__committee", "committee")
            .filter(pk=part_id, notice_sent_at__isnull=True)
            .first()
        )
        if part is None:
            return 0
        hearing = part.hearing
        body = (
            f"{hearing.committee.name} har sendt “{hearing.title}” i høring i MED hos "
            f"{part.committee.name}.\n\nHøringsfristen er {danish_date(hearing.answer_by)}. "
            "Høringssvaret skrives og godkendes af formand og næstformand her:\n"
            f"{_url('med:part', part.pk)}\n"
        )
        sent = _send(f"Høring i MED: {hearing.title}", body, recipients(part.committee))
        part.notice_sent_at = timezone.now()
        part.save(update_fields=["notice_sent_at"])
    return sent


def send_withdrawal_notice(cascade_id: int) -> int:
    """Tell the receiver's secretariat that a passed-on item was withdrawn, once per withdrawal
    (claimed and stamped like the hearing notice). Nothing when the item was passed on again
    before the e-mail went."""
    with transaction.atomic():
        cascade = (
            Cascade.objects.select_for_update(of=("self",))
            .select_related("source_item__meeting__committee", "target_committee")
            .filter(
                pk=cascade_id,
                status=CascadeStatus.WITHDRAWN,
                withdrawal_notice_sent_at__isnull=True,
            )
            .first()
        )
        if cascade is None:
            return 0
        sender = cascade.source_item.meeting.committee.name
        body = (
            f"{sender} har lukket et punkt, som var videregivet til "
            f"{cascade.target_committee.name}. Indholdet er trukket tilbage fra jeres "
            f"dagsorden.\n\n{_url('med:cascade', cascade.pk)}\n"
        )
        sent = _send(
            f"Videregivet punkt trukket tilbage af {sender}",
            body,
            recipients(cascade.target_committee),
        )
        cascade.withdrawal_notice_sent_at = timezone.now()
        cascade.save(update_fields=["withdrawal_notice_sent_at"])
    return sent


def due_reminders(today: date) -> list[tuple[HearingPart, int]]:
    """(part, days before the deadline) for every part without an approved answer whose
    deadline is that many days away or nearer, and which has not had that reminder or a later
    one."""
    due: list[tuple[HearingPart, int]] = []
    days = sorted({int(d) for d in settings.MED_HEARING_REMINDER_DAYS}, reverse=True)
    parts = (
        HearingPart.objects.filter(status="sent", hearing__status="open")
        .filter(hearing__answer_by__gte=today)
        .select_related("hearing__committee", "committee")
        .prefetch_related("reminders")
    )
    for part in parts:
        left = (part.hearing.answer_by - today).days
        come = [d for d in days if d >= left]
        if not come:
            continue
        # The nearest reminder whose day has come (a worker down for a day still sends it,
        # once). A farther one passed over that way (the 7-day one of a part first seen 2 days
        # before) is never sent after a nearer one.
        nearest = min(come)
        if not any(r.days_before <= nearest for r in part.reminders.all()):
            due.append((part, nearest))
    return due


def send_reminder(part: HearingPart, days_before: int) -> bool:
    """Send one reminder, recorded first so that a second run never sends it again."""
    try:
        with transaction.atomic():
            reminder = HearingReminder.objects.create(part=part, days_before=days_before)
            hearing = part.hearing
            to = recipients(part.committee)
            body = (
                f"Påmindelse: {part.committee.name} har endnu ikke afgivet et godkendt "
                f"høringssvar på “{hearing.title}” fra {hearing.committee.name}.\n\n"
                f"Høringsfristen er {danish_date(hearing.answer_by)}.\n"
                f"{_url('med:part', part.pk)}\n"
            )
            reminder.recipients = _send(f"Påmindelse: høring i MED – {hearing.title}", body, to)
            reminder.save(update_fields=["recipients"])
            AuditEntry.objects.create(
                actor=None,
                actor_name="Systemet",
                action=AuditAction.REMINDER_SENT,
                hearing=hearing,
                part=part,
                after={"days_before": days_before, "recipients": reminder.recipients},
            )
    except IntegrityError:
        return False
    return True
