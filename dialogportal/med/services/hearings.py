"""Hearings in MED (høring i MED): sending material to parts from the tree with a deadline,
the parts' formal answers (approved by their chair and vice-chair), the administration's
comments for the høringsnotat, and the decision item for the deciding committee."""

from collections.abc import Sequence
from datetime import date, datetime
from io import BytesIO
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.med.copies import danish_date, titled
from dialogportal.med.exports import hearing_note_pdf
from dialogportal.med.models import (
    AuditAction,
    Hearing,
    HearingAnswer,
    HearingFile,
    HearingPart,
    HearingStatus,
    PartStatus,
    ProposalChange,
)
from dialogportal.med.services.answers import lock_part
from dialogportal.med.services.audit import part_state, record
from dialogportal.med.services.cascades import check_targets
from dialogportal.med.services.common import check_files, refuse_bad_text
from dialogportal.med.services.placement import place_part
from dialogportal.med.tasks import send_hearing_notice
from dialogportal.meetings.models import AgendaItem, ItemKind, Meeting
from dialogportal.meetings.services import ItemContent, add_attachment, add_item
from dialogportal.organisation.models import Committee
from dialogportal.processes.models import Process

MAX_TITLE = 300
MAX_MATERIAL = 50_000
MAX_COMMENT = 10_000


@transaction.atomic
def start_hearing(
    *,
    committee: Committee,
    title: str,
    answer_by: date,
    parts: Sequence[Committee],
    acting_user: User | None,
    material: str = "",
    source_item: AgendaItem | None = None,
    process: Process | None = None,
    deciding_committee: Committee | None = None,
    files: Sequence[tuple[str, IO[bytes]]] = (),
    now: datetime | None = None,
) -> Hearing:
    """Send material in hearing to parts from the committee's own tree (the committee itself
    included). Each part gets the hearing on its next agenda (or when it plans a meeting) and
    an e-mail; nothing is stored unless everything is valid."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors.setdefault("title", []).append(_("Skriv en titel på høringen."))
    if answer_by <= now.date():
        errors.setdefault("answer_by", []).append(_("Høringsfristen skal ligge efter i dag."))
    if source_item is not None and source_item.meeting.committee_id != committee.pk:
        errors.setdefault("source_item", []).append(
            _("Punktet hører ikke til det afsendende udvalg.")
        )
    if source_item is not None and source_item.is_draft:
        errors.setdefault("source_item", []).append(
            _("Et punkt i kladde kan ikke sendes i høring.")
        )
    if errors:
        raise ValidationError(errors)
    others = [p for p in parts if p.pk != committee.pk]
    if not parts:
        raise ValidationError({"parts": _("Vælg mindst én høringspart.")})
    if others:
        check_targets(committee, others, field="parts")
    refuse_bad_text(title=(title, MAX_TITLE), material=(material, MAX_MATERIAL))
    checked = check_files(files, "files")
    hearing = Hearing(
        committee=committee,
        title=title.strip(),
        material=material.strip(),
        answer_by=answer_by,
        source_item=source_item,
        process=process,
        is_closed=bool(source_item and source_item.is_closed),
        deciding_committee=deciding_committee or committee,
        created_at=now,
        created_by=acting_user,
    )
    hearing.full_clean()
    hearing.save()
    for order, (name, data) in enumerate(checked, start=1):
        material_file = HearingFile(hearing=hearing, title=name, order=order)
        material_file.file.save(name, ContentFile(data), save=False)
        material_file.full_clean()
        material_file.save()
    for committee_part in {p.pk: p for p in parts}.values():
        part = HearingPart(hearing=hearing, committee=committee_part)
        part.full_clean()
        part.save()
        place_part(part, on=now.date(), acting_user=acting_user)
    record(
        AuditAction.HEARING_SENT,
        actor=acting_user,
        hearing=hearing,
        after={
            "title": hearing.title,
            "answer_by": answer_by.isoformat(),
            "parts": sorted(p.name for p in parts),
            "files": [name for name, _data in checked],
        },
    )
    hearing_id = hearing.pk
    transaction.on_commit(lambda: send_hearing_notice.enqueue(hearing_id))
    return hearing


@transaction.atomic
def comment_on_answer(
    *,
    part: HearingPart,
    acting_user: User | None,
    comment: str,
    changes_proposal: ProposalChange | str,
) -> HearingPart:
    """The administration's comment on an answer in the høringsnotat, and whether it changes
    the proposal."""
    part = lock_part(part)
    if part.hearing.decision_item_id is not None:
        raise ValidationError(
            _("Beslutningspunktet er oprettet; høringsnotatet kan ikke længere ændres.")
        )
    refuse_bad_text(comment=(comment, MAX_COMMENT))
    if changes_proposal and changes_proposal not in ProposalChange.values:
        raise ValidationError({"changes_proposal": _("Vælg Ja, Delvis eller Nej.")})
    before = part_state(part)
    part.administration_comment = comment.strip()
    part.changes_proposal = str(changes_proposal)
    part.full_clean()
    part.save(update_fields=["administration_comment", "changes_proposal"])
    record(
        AuditAction.NOTE_COMMENTED,
        actor=acting_user,
        part=part,
        before=before,
        after=part_state(part),
    )
    return part


def decision_text(hearing: Hearing, today: date) -> str:
    """The Sagsfremstilling of the decision item: each part's answer, cited with its committee
    and date, and the administration's comment. Side views stay in the høringsnotat."""
    lines = [
        f"{hearing.committee.name} sendte “{hearing.title}” i høring i MED den "
        f"{danish_date(timezone.localtime(hearing.created_at).date())} med frist den "
        f"{danish_date(hearing.answer_by)}. Høringsnotatet med alle svar er vedlagt som bilag.",
        "",
        "### Høringssvar",
        "",
    ]
    for part in hearing.parts.select_related("committee", "answer"):
        answer: HearingAnswer | None = getattr(part, "answer", None)
        name = part.committee.name
        if part.status == PartStatus.SENT or answer is None or part.answered_at is None:
            lines.append(f"- **{name}**: {part.status_label_on(today)} – intet godkendt svar.")
            continue
        when = danish_date(timezone.localtime(part.answered_at).date())
        late = " (efter fristen)" if part.is_late else ""
        if part.status == PartStatus.NO_COMMENTS:
            point = "Ingen bemærkninger."
        else:
            point = " ".join((answer.summary or answer.text[:400]).split())
        line = f"- **{name}** (høringssvar modtaget {when}{late}): {point}"
        if part.administration_comment:
            line += (
                f" *Administrationens bemærkning:* {' '.join(part.administration_comment.split())}"
            )
        if part.changes_proposal:
            line += f" *Ændrer forslaget:* {part.get_changes_proposal_display()}."
        lines.append(line)
    return "\n".join(lines)


@transaction.atomic
def generate_decision_item(
    *, hearing: Hearing, acting_user: User | None, now: datetime | None = None
) -> AgendaItem:
    """File the decision item on the deciding committee's next agenda: it cites the answers
    and has the høringsnotat (PDF) attached, not public. The hearing is then concluded."""
    now = now or timezone.now()
    hearing = Hearing.objects.select_for_update().select_related("committee").get(pk=hearing.pk)
    today = timezone.localtime(now).date()
    if hearing.decision_item_id is not None:
        raise ValidationError(_("Beslutningspunktet er allerede oprettet."))
    deciding = hearing.deciding_committee or hearing.committee
    pending = hearing.parts.filter(status=PartStatus.SENT).count()
    if pending and not hearing.is_past_deadline_on(today):
        raise ValidationError(
            _("Høringsfristen er ikke udløbet, og %(n)d parter mangler at svare.") % {"n": pending}
        )
    meeting = Meeting.objects.next_open_for_items(deciding, today)
    if meeting is None:
        raise ValidationError(
            _("%(committee)s har intet planlagt møde, der kan tage nye punkter.")
            % {"committee": deciding.name}
        )
    parts = list(hearing.parts.all())
    answered = [p for p in parts if p.status == PartStatus.ANSWERED]
    no_comments = [p for p in parts if p.status == PartStatus.NO_COMMENTS]
    changes = [
        p for p in parts if p.changes_proposal in (ProposalChange.YES, ProposalChange.PARTLY)
    ]
    recommendations = ["at høringssvarene og høringsnotatet tages til efterretning"]
    recommendations.append(
        "at forslaget godkendes med de ændringer, høringsnotatet beskriver"
        if changes
        else "at forslaget godkendes"
    )
    item = add_item(
        meeting=meeting,
        title=titled("Beslutning efter høring i MED", hearing.title),
        kind=ItemKind.DECISION,
        journal_number=hearing.source_item.journal_number if hearing.source_item else "",
        is_closed=hearing.is_closed,
        closure_reason="Høringssvar i MED" if hearing.is_closed else "",
        content=ItemContent(
            summary=(
                f"“{hearing.title}” har været i høring hos {len(parts)} parter i MED. "
                f"{len(answered)} har afgivet høringssvar, {len(no_comments)} har ingen "
                f"bemærkninger, og {pending} har ikke svaret."
            ),
            recommendation_intro="Sekretariatet indstiller",
            recommendations=recommendations,
            case_description=decision_text(hearing, today),
        ),
        is_draft=True,
    )
    add_attachment(
        item=item,
        acting_user=acting_user,
        title=f"Høringsnotat – {hearing.title}"[:300],
        file_name="hoeringsnotat.pdf",
        data=BytesIO(hearing_note_pdf(hearing, today=today)),
        is_public=False,
    )
    hearing.decision_item = item
    hearing.status = HearingStatus.CONCLUDED
    hearing.save(update_fields=["decision_item", "status"])
    record(
        AuditAction.DECISION_ITEM,
        actor=acting_user,
        hearing=hearing,
        after={"item": item.pk, "meeting": meeting.pk, "committee": deciding.name},
    )
    return item
