"""A part's formal answer in a MED hearing: written by its secretariat, with files, approved by
its chair and vice-chair; received late is still received."""

from datetime import datetime
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.med.models import (
    AnswerApproval,
    AnswerFile,
    ApprovalRole,
    AuditAction,
    HearingAnswer,
    HearingPart,
    HearingStatus,
    PartStatus,
)
from dialogportal.med.services.audit import part_state, record
from dialogportal.med.services.common import check_files, refuse_bad_text
from dialogportal.organisation.models import Membership, MembershipRole

MAX_ANSWER = 50_000
MAX_VIEW = 20_000
MAX_SUMMARY = 1000


def lock_part(part: HearingPart) -> HearingPart:
    return (
        HearingPart.objects.select_for_update()
        .select_related("hearing__committee", "committee")
        .get(pk=part.pk)
    )


def _check_answerable(part: HearingPart) -> None:
    if part.hearing.status != HearingStatus.OPEN:
        raise ValidationError(_("Høringen er afsluttet; der kan ikke længere svares."))
    if part.status != PartStatus.SENT:
        raise ValidationError(
            _("Høringssvaret er godkendt og modtaget; det kan ikke ændres bagefter.")
        )


def _answer_state(answer: HearingAnswer | None) -> dict[str, object]:
    if answer is None:
        return {}
    return {
        "summary": answer.summary,
        "text": answer.text,
        "management_view": answer.management_view,
        "employee_view": answer.employee_view,
        "is_no_comments": answer.is_no_comments,
        "approvals": sorted(answer.approvals.values_list("role", flat=True)),
    }


@transaction.atomic
def save_answer(
    *,
    part: HearingPart,
    acting_user: User | None,
    text: str,
    summary: str = "",
    management_view: str = "",
    employee_view: str = "",
    is_no_comments: bool = False,
    now: datetime | None = None,
) -> HearingAnswer:
    """Write (or rewrite) the part's answer. A changed answer loses its approvals: the chair
    and the vice-chair approve what is actually sent."""
    part = lock_part(part)
    _check_answerable(part)
    refuse_bad_text(
        text=(text, MAX_ANSWER),
        summary=(summary, MAX_SUMMARY),
        management_view=(management_view, MAX_VIEW),
        employee_view=(employee_view, MAX_VIEW),
    )
    if not is_no_comments and not text.strip():
        raise ValidationError(
            {"text": _("Skriv høringssvaret, eller markér at udvalget ikke har bemærkninger.")}
        )
    answer = HearingAnswer.objects.filter(part=part).first()
    before = _answer_state(answer)
    answer = answer or HearingAnswer(part=part)
    answer.text = text.strip()
    answer.summary = summary.strip()
    answer.management_view = management_view.strip()
    answer.employee_view = employee_view.strip()
    answer.is_no_comments = is_no_comments
    changed = any(
        before.get(key) != getattr(answer, key)
        for key in ("summary", "text", "management_view", "employee_view", "is_no_comments")
    )
    if not changed:
        return answer
    answer.updated_at = now or timezone.now()
    answer.updated_by = acting_user
    answer.full_clean()
    answer.save()
    answer.approvals.all().delete()
    record(
        AuditAction.ANSWER_SAVED,
        actor=acting_user,
        part=part,
        before=before,
        after=_answer_state(answer),
    )
    return answer


@transaction.atomic
def add_answer_file(
    *, part: HearingPart, acting_user: User | None, file_name: str, data: IO[bytes], title: str = ""
) -> AnswerFile:
    """Attach a file to the answer (the inputs' upload rules); the answer needs approving again."""
    part = lock_part(part)
    _check_answerable(part)
    answer = HearingAnswer.objects.filter(part=part).first()
    if answer is None:
        raise ValidationError(_("Gem høringssvaret, før du vedhæfter filer."))
    refuse_bad_text(title=(title, 300))
    ((name, content),) = check_files([(file_name, data)], "file")
    top = answer.files.aggregate(top=Max("order"))["top"] or 0
    attached = AnswerFile(answer=answer, title=title.strip() or name, order=top + 1)
    attached.file.save(name, ContentFile(content), save=False)
    attached.full_clean()
    attached.save()
    answer.approvals.all().delete()
    record(
        AuditAction.ANSWER_FILE_ADDED,
        actor=acting_user,
        part=part,
        after={"file": attached.title},
    )
    return attached


def approval_role(part: HearingPart, user: User | None) -> ApprovalRole | None:
    """The capacity in which `user` may approve the part's answer: chair or vice-chair of the
    answering committee (an active seat linked to the account)."""
    if user is None or not user.is_active:
        return None
    roles = set(
        Membership.objects.active_on(timezone.localdate())
        .filter(committee=part.committee, user=user)
        .values_list("role", flat=True)
    )
    if MembershipRole.CHAIR in roles:
        return ApprovalRole.CHAIR
    if MembershipRole.VICE_CHAIR in roles:
        return ApprovalRole.VICE_CHAIR
    return None


@transaction.atomic
def approve_answer(
    *, part: HearingPart, acting_user: User | None, now: datetime | None = None
) -> AnswerApproval:
    """The chair's or vice-chair's approval; with both, the answer is received (marked late
    when it comes after the deadline – still accepted)."""
    now = now or timezone.now()
    part = lock_part(part)
    _check_answerable(part)
    answer = HearingAnswer.objects.filter(part=part).first()
    if answer is None:
        raise ValidationError(_("Der er intet høringssvar at godkende endnu."))
    role = approval_role(part, acting_user)
    if role is None or acting_user is None:
        raise ValidationError(_("Kun udvalgets formand og næstformand kan godkende høringssvaret."))
    if answer.approvals.filter(role=role).exists():
        raise ValidationError(
            _("Høringssvaret er allerede godkendt af %(role)s.") % {"role": role.label}
        )
    before = part_state(part)
    approval = AnswerApproval(
        answer=answer, role=role, user=acting_user, person_name=str(acting_user), approved_at=now
    )
    approval.full_clean()
    approval.save()
    record(
        AuditAction.ANSWER_APPROVED,
        actor=acting_user,
        part=part,
        after={"role": role.value, "person_name": approval.person_name},
    )
    if set(answer.approvals.values_list("role", flat=True)) >= {
        ApprovalRole.CHAIR,
        ApprovalRole.VICE_CHAIR,
    }:
        answer.approved_at = now
        answer.save(update_fields=["approved_at"])
        part.status = PartStatus.NO_COMMENTS if answer.is_no_comments else PartStatus.ANSWERED
        part.answered_at = now
        part.is_late = timezone.localtime(now).date() > part.hearing.answer_by
        part.full_clean()
        part.save(update_fields=["status", "answered_at", "is_late"])
        record(
            AuditAction.ANSWER_RECEIVED,
            actor=acting_user,
            part=part,
            before=before,
            after=part_state(part),
        )
    return approval
