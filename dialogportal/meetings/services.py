"""Every write to meetings: planning, items, the minutes' lifecycle, approval and corrections,
and the cascade of items down the MED hierarchy."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.inputs.attachments import check_attachments
from dialogportal.meetings.models import (
    AgendaItem,
    AgendaTemplateItem,
    ApprovalRole,
    Attachment,
    Cascade,
    CascadeStatus,
    ItemKind,
    ItemSection,
    Meeting,
    MeetingStatus,
    MinutesApproval,
    MinutesVersion,
    Outcome,
    Recommendation,
    SectionKind,
)
from dialogportal.meetings.publication import build_document
from dialogportal.meetings.tasks import render_meeting_pdfs
from dialogportal.minutes.journal import parse_journal_number
from dialogportal.organisation.models import (
    Committee,
    CommitteeKind,
    CommitteeLevel,
    Membership,
    MembershipRole,
)
from dialogportal.processes.models import Process

logger = logging.getLogger(__name__)

# Standard items when a committee has no template of its own (MED rules of procedure).
DEFAULT_MED_TEMPLATE: tuple[tuple[str, ItemKind, bool], ...] = (
    ("Godkendelse af dagsorden", ItemKind.DECISION, False),
    ("Godkendelse af referat fra sidste møde", ItemKind.DECISION, False),
    ("Information fra MED-systemet", ItemKind.INFORMATION, False),
    ("Eventuelt", ItemKind.INFORMATION, True),
)
DEFAULT_POLITICAL_TEMPLATE: tuple[tuple[str, ItemKind, bool], ...] = (
    ("Godkendelse af dagsorden", ItemKind.DECISION, False),
    ("Eventuelt", ItemKind.INFORMATION, True),
)


class MinutesLockedError(ValidationError):
    """Approved minutes are immutable; a correction makes a new version."""


def _check_not_locked(meeting: Meeting) -> None:
    if meeting.is_locked:
        raise MinutesLockedError(
            _("Referatet er godkendt og kan ikke ændres. Brug en rettelse (ny version).")
        )


def _template(committee: Committee) -> list[tuple[str, str, bool]]:
    own = list(AgendaTemplateItem.objects.filter(committee=committee).order_by("order"))
    if own:
        return [(t.title, t.kind, t.is_last) for t in own]
    default = (
        DEFAULT_MED_TEMPLATE if committee.kind == CommitteeKind.MED else DEFAULT_POLITICAL_TEMPLATE
    )
    return [(title, str(kind), is_last) for title, kind, is_last in default]


@transaction.atomic
def plan_meeting(
    *,
    committee: Committee,
    held_on: date,
    start_time: time | None = None,
    end_time: time | None = None,
    place: str = "",
    with_standard_items: bool = True,
    status: MeetingStatus = MeetingStatus.PLANNED,
) -> Meeting:
    """Plan a meeting with the committee's standard items; items waiting to be passed on to
    this committee are put on its agenda."""
    meeting = Meeting(
        committee=committee,
        held_on=held_on,
        start_time=start_time,
        end_time=end_time,
        place=place,
        status=status,
    )
    meeting.full_clean()
    meeting.save()
    if with_standard_items:
        for title, kind, is_last in _template(committee):
            add_item(
                meeting=meeting,
                title=title,
                kind=ItemKind(kind),
                is_standard=True,
                order=1000 if is_last else None,
            )
    place_waiting_cascades(committee=committee)
    return meeting


@transaction.atomic
def update_meeting_details(
    *,
    meeting: Meeting,
    participants: str | None = None,
    excused: str | None = None,
    absent: str | None = None,
    remarks: str | None = None,
    place: str | None = None,
) -> Meeting:
    """Record attendance ("deltagere", "afbud", "fraværende") and remarks."""
    _check_not_locked(meeting)
    for name, value in (
        ("participants", participants),
        ("excused", excused),
        ("absent", absent),
        ("remarks", remarks),
        ("place", place),
    ):
        if value is not None:
            setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def set_meeting_status(*, meeting: Meeting, status: MeetingStatus) -> Meeting:
    """Move a meeting along its lifecycle; approval itself goes through `approve_minutes`."""
    if status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(_("Referatet godkendes af formand og næstformand."))
    if not meeting.can_move_to(status):
        raise ValidationError(
            _("Et møde med status “%(from)s” kan ikke få status “%(to)s”.")
            % {"from": meeting.get_status_display(), "to": MeetingStatus(status).label}
        )
    meeting.status = status
    meeting.full_clean()
    meeting.save(update_fields=["status"])
    if status == MeetingStatus.AGENDA_PUBLISHED:
        _render_pdfs_on_commit(meeting)
    return meeting


def _render_pdfs_on_commit(meeting: Meeting) -> None:
    """Have the worker render the meeting's PDFs once the change is committed (see
    `tasks.render_meeting_pdfs`); readers then get them from the cache."""
    meeting_id = meeting.pk
    transaction.on_commit(lambda: render_meeting_pdfs.enqueue(meeting_id))


@dataclass(frozen=True)
class NewSection:
    kind: SectionKind
    heading: str
    body: str


@dataclass(frozen=True)
class NewAttachment:
    title: str
    is_public: bool = True


@dataclass
class ItemContent:
    """The text of an item, as a secretary writes it or the importer reads it."""

    summary: str | None = None
    recommendation_intro: str = ""
    recommendations: Sequence[str] = ()
    decision: str | None = None
    case_description: str | None = None
    finances: str | None = None
    extra_sections: Sequence[tuple[str, str]] = ()
    attachments: Sequence[NewAttachment] = field(default_factory=tuple)


def sections_of(content: ItemContent) -> list[NewSection]:
    # The order of the Danish minutes: Resumé, Indstilling, Referat, Sagsfremstilling, Økonomi.
    sections: list[NewSection] = []
    for heading, body in content.extra_sections:
        if not heading:
            sections.append(NewSection(SectionKind.CUSTOM, "", body))
    if content.summary is not None:
        sections.append(NewSection(SectionKind.SUMMARY, "Resumé", content.summary))
    if content.recommendations or content.recommendation_intro:
        sections.append(
            NewSection(SectionKind.RECOMMENDATION, "Indstilling", content.recommendation_intro)
        )
    if content.decision is not None:
        sections.append(NewSection(SectionKind.DECISION, "Referat", content.decision))
    if content.case_description is not None:
        sections.append(
            NewSection(SectionKind.CASE_DESCRIPTION, "Sagsfremstilling", content.case_description)
        )
    if content.finances is not None:
        sections.append(NewSection(SectionKind.FINANCES, "Økonomi", content.finances))
    for heading, body in content.extra_sections:
        if heading:
            sections.append(NewSection(SectionKind.CUSTOM, heading[:200], body))
    return sections


def _write_content(item: AgendaItem, content: ItemContent) -> None:
    item.sections.all().delete()
    item.recommendations.all().delete()
    for order, section in enumerate(sections_of(content), start=1):
        row = ItemSection(
            item=item, kind=section.kind, heading=section.heading, body=section.body, order=order
        )
        row.full_clean()
        row.save()
    for order, text in enumerate(content.recommendations, start=1):
        recommendation = Recommendation(item=item, order=order, text=text)
        recommendation.full_clean()
        recommendation.save()
    existing = {a.title: a for a in item.attachments.all()}
    for order, new in enumerate(content.attachments, start=1):
        attachment = existing.pop(new.title[:300], None) or Attachment(
            item=item, title=new.title[:300]
        )
        attachment.is_public = new.is_public
        attachment.order = order
        attachment.full_clean()
        attachment.save()
    for stale in existing.values():
        stale.delete()


def apply_journal_number(item: AgendaItem, journal_number: str) -> None:
    item.journal_number = journal_number.strip()[:100]
    parsed = parse_journal_number(item.journal_number) if item.journal_number else None
    item.kle_subject = parsed.subject if parsed else ""
    item.kle_facet = parsed.facet if parsed else ""
    item.kle_serial = parsed.serial if parsed else None
    item.kle_year = parsed.year if parsed else None


@transaction.atomic
def add_item(
    *,
    meeting: Meeting,
    title: str,
    kind: ItemKind = ItemKind.INFORMATION,
    presenter: str = "",
    journal_number: str = "",
    is_closed: bool = False,
    closure_reason: str = "",
    content: ItemContent | None = None,
    process: Process | None = None,
    number: int | None = None,
    order: int | None = None,
    is_draft: bool = False,
    is_standard: bool = False,
) -> AgendaItem:
    """Add an item; it gets the committee's next running number of the year unless `number`
    is given (imported minutes keep theirs), and goes before the closing standard items."""
    _check_not_locked(meeting)
    year = meeting.held_on.year
    if number is None:
        number = AgendaItem.objects.next_number(meeting.committee, year)
    if order is None:
        last = meeting.items.filter(order__lt=1000).aggregate(top=Max("order"))["top"]
        order = (last or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        committee=meeting.committee,
        year=year,
        number=number,
        order=order,
        title=title.strip()[:500],
        presenter=presenter.strip()[:200],
        kind=kind,
        is_closed=is_closed,
        closure_reason=closure_reason,
        is_draft=is_draft,
        is_standard=is_standard,
        process=process,
    )
    apply_journal_number(item, journal_number)
    if content is not None:
        item.recommendation_intro = content.recommendation_intro[:300]
    item.full_clean()
    item.save()
    if content is not None:
        _write_content(item, content)
    return item


@transaction.atomic
def update_item_content(*, item: AgendaItem, content: ItemContent) -> AgendaItem:
    """Replace an item's sections, recommendations and attachment list (not on approved minutes)."""
    _check_not_locked(item.meeting)
    item.recommendation_intro = content.recommendation_intro[:300]
    item.full_clean()
    item.save()
    _write_content(item, content)
    return item


@transaction.atomic
def record_decision(*, item: AgendaItem, text: str, outcomes: Sequence[Outcome] = ()) -> AgendaItem:
    """Write the item's Referat/Beslutning and the outcome of each recommendation."""
    _check_not_locked(item.meeting)
    section = item.sections.filter(kind=SectionKind.DECISION).first()
    if section is None:
        top = item.sections.aggregate(top=Max("order"))["top"] or 0
        section = ItemSection(
            item=item, kind=SectionKind.DECISION, heading="Referat", order=top + 1
        )
    section.body = text
    section.full_clean()
    section.save()
    for recommendation, outcome in zip(
        item.recommendations.order_by("order"), outcomes, strict=False
    ):
        recommendation.outcome = outcome
        recommendation.full_clean()
        recommendation.save(update_fields=["outcome"])
    if item.is_draft:
        item.is_draft = False
        item.save(update_fields=["is_draft"])
    return item


# --- editing an item ------------------------------------------------------------------------

# The Danish order of an item's sections (as `sections_of` writes them): untitled custom text,
# Resumé, Indstilling, Referat, Sagsfremstilling, Økonomi, titled custom sections.
_SECTION_RANK: dict[str, int] = {
    SectionKind.SUMMARY: 1,
    SectionKind.RECOMMENDATION: 2,
    SectionKind.DECISION: 3,
    SectionKind.CASE_DESCRIPTION: 4,
    SectionKind.FINANCES: 5,
}
# What the edit form writes; the Referat (`record_decision`) and custom sections are kept.
_EDITED_KINDS = frozenset(
    {
        SectionKind.SUMMARY,
        SectionKind.RECOMMENDATION,
        SectionKind.CASE_DESCRIPTION,
        SectionKind.FINANCES,
    }
)


def _section_rank(section: ItemSection) -> int:
    if section.kind == SectionKind.CUSTOM:
        return 6 if section.heading else 0
    return _SECTION_RANK[section.kind]


def _refuse_nul(**texts: str) -> None:
    # PostgreSQL cannot store NUL in text; a clear message beats a database error.
    errors = {
        name: _("Teksten indeholder et ugyldigt tegn (NUL).")
        for name, text in texts.items()
        if "\x00" in text
    }
    if errors:
        raise ValidationError(errors)


def _same_text(text: str) -> str:
    return " ".join(text.split())


def _write_recommendations(item: AgendaItem, texts: Sequence[str]) -> None:
    """Replace the "at …" clauses; a clause whose text is unchanged keeps its outcome."""
    outcomes: dict[str, list[str]] = {}
    for old in item.recommendations.order_by("order"):
        outcomes.setdefault(_same_text(old.text), []).append(old.outcome)
    item.recommendations.all().delete()
    for order, text in enumerate(texts, start=1):
        previous = outcomes.get(_same_text(text))
        recommendation = Recommendation(
            item=item,
            order=order,
            text=text,
            outcome=previous.pop(0) if previous else Outcome.PENDING,
        )
        recommendation.full_clean()
        recommendation.save()


def _write_agenda_sections(item: AgendaItem, content: ItemContent) -> None:
    """Write Resumé, Indstilling, Sagsfremstilling and Økonomi in place (an empty one goes),
    keep the Referat and custom sections, and put everything in the standard order."""
    wanted: dict[str, NewSection] = {
        section.kind: section
        for section in sections_of(
            ItemContent(
                summary=content.summary or None,
                recommendation_intro=content.recommendation_intro,
                recommendations=content.recommendations,
                case_description=content.case_description or None,
                finances=content.finances or None,
            )
        )
    }
    kept: list[ItemSection] = []
    for section in item.sections.order_by("order"):
        if section.kind in _EDITED_KINDS:
            new = wanted.pop(section.kind, None)
            if new is None:
                section.delete()
                continue
            section.body = new.body
        kept.append(section)
    kept += [
        ItemSection(item=item, kind=new.kind, heading=new.heading, body=new.body, order=0)
        for new in wanted.values()
    ]
    kept.sort(key=_section_rank)
    # Orders are unique per item: lift the existing rows clear of 1..n before renumbering.
    top = item.sections.aggregate(top=Max("order"))["top"] or 0
    item.sections.update(order=F("order") + top + len(kept))
    for order, section in enumerate(kept, start=1):
        section.order = order
        section.full_clean()
        section.save()


@transaction.atomic
def update_item(
    *,
    item: AgendaItem,
    acting_user: User | None,
    title: str,
    kind: ItemKind,
    presenter: str = "",
    journal_number: str = "",
    is_closed: bool = False,
    closure_reason: str = "",
    content: ItemContent,
    process: Process | None = None,
) -> AgendaItem:
    """Change an item's heading data and agenda text (not on approved minutes). The number,
    the Referat, custom sections and attachments stay; an unchanged recommendation keeps its
    outcome, a new one is pending."""
    if content.decision is not None or content.extra_sections or content.attachments:
        # The Referat has `record_decision`, attachments their own services.
        raise ValueError("update_item writes neither the Referat nor attachments")
    _check_not_locked(item.meeting)
    recommendations = [text.strip() for text in content.recommendations if text.strip()]
    _refuse_nul(
        title=title,
        presenter=presenter,
        journal_number=journal_number,
        closure_reason=closure_reason,
        summary=content.summary or "",
        recommendation_intro=content.recommendation_intro,
        recommendations="".join(recommendations),
        case_description=content.case_description or "",
        finances=content.finances or "",
    )
    item.title = title.strip()
    item.kind = kind
    item.presenter = presenter.strip()
    item.is_closed = is_closed
    item.closure_reason = closure_reason.strip() if is_closed else ""
    item.recommendation_intro = content.recommendation_intro.strip()
    item.process = process
    apply_journal_number(item, journal_number)
    item.full_clean()
    item.save()
    content = replace(
        content,
        summary=(content.summary or "").strip(),
        recommendation_intro=item.recommendation_intro,
        recommendations=recommendations,
        case_description=(content.case_description or "").strip(),
        finances=(content.finances or "").strip(),
    )
    _write_agenda_sections(item, content)
    _write_recommendations(item, recommendations)
    logger.info("Item %s edited by user %s", item.pk, getattr(acting_user, "pk", None))
    _render_pdfs_if_published(item.meeting)
    return item


def _render_pdfs_if_published(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.PLANNED:
        _render_pdfs_on_commit(meeting)


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
    _check_not_locked(item.meeting)
    _refuse_nul(title=title)
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
    logger.info(
        "Attachment %s added to item %s by user %s",
        attachment.pk,
        item.pk,
        getattr(acting_user, "pk", None),
    )
    _render_pdfs_if_published(item.meeting)
    return attachment


@transaction.atomic
def update_attachment(
    *, attachment: Attachment, acting_user: User | None, title: str, is_public: bool
) -> Attachment:
    """Change an attachment's title and whether it may be published."""
    _check_not_locked(attachment.item.meeting)
    _refuse_nul(title=title)
    attachment.title = title.strip()
    attachment.is_public = is_public
    attachment.full_clean()
    attachment.save(update_fields=["title", "is_public"])
    logger.info("Attachment %s edited by user %s", attachment.pk, getattr(acting_user, "pk", None))
    _render_pdfs_if_published(attachment.item.meeting)
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, acting_user: User | None) -> None:
    """Remove an attachment; its file is deleted once the removal is committed."""
    meeting = attachment.item.meeting
    _check_not_locked(meeting)
    storage, name = attachment.file.storage, attachment.file.name
    logger.info("Attachment %s removed by user %s", attachment.pk, getattr(acting_user, "pk", None))
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    _render_pdfs_if_published(meeting)


# --- approval and versions ------------------------------------------------------------------


def _approval_role(meeting: Meeting, user: User) -> ApprovalRole | None:
    seats = Membership.objects.active_on(timezone.localdate()).filter(
        committee=meeting.committee, user=user
    )
    roles = set(seats.values_list("role", flat=True))
    if MembershipRole.CHAIR in roles:
        return ApprovalRole.CHAIR
    if MembershipRole.VICE_CHAIR in roles:
        return ApprovalRole.VICE_CHAIR
    return None


def freeze_minutes(meeting: Meeting, *, reason: str, acting_user: User | None) -> MinutesVersion:
    number = (meeting.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    document = build_document(meeting)
    version = MinutesVersion(
        meeting=meeting,
        number=number,
        reason=reason,
        created_by=acting_user,
        document={**document.to_json(), "version": number, "version_reason": reason},
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def approve_minutes(*, meeting: Meeting, acting_user: User) -> MinutesApproval:
    """Record the chair's or vice-chair's approval; with both, the minutes become approved and
    immutable (version 1 is frozen)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.MINUTES_DRAFT:
        raise ValidationError(_("Kun et referat i kladde kan godkendes."))
    role = _approval_role(meeting, acting_user)
    if role is None:
        raise ValidationError(_("Kun udvalgets formand og næstformand kan godkende referatet."))
    if meeting.approvals.filter(role=role).exists():
        raise ValidationError(
            _("Referatet er allerede godkendt af %(role)s.") % {"role": role.label}
        )
    approval = MinutesApproval(
        meeting=meeting, role=role, user=acting_user, person_name=str(acting_user)
    )
    approval.full_clean()
    approval.save()
    if set(meeting.approvals.values_list("role", flat=True)) >= {
        ApprovalRole.CHAIR,
        ApprovalRole.VICE_CHAIR,
    }:
        meeting.status = MeetingStatus.MINUTES_APPROVED
        meeting.save(update_fields=["status"])
        freeze_minutes(
            meeting, reason=_("Godkendt af formand og næstformand"), acting_user=acting_user
        )
        for cascade in Cascade.objects.filter(
            target_item__meeting=meeting, status=CascadeStatus.ON_AGENDA
        ):
            cascade.status = CascadeStatus.HANDLED
            cascade.handled_at = timezone.now()
            cascade.save(update_fields=["status", "handled_at"])
        _render_pdfs_on_commit(meeting)
    return approval


@transaction.atomic
def correct_minutes(
    *,
    item: AgendaItem,
    section_kind: SectionKind,
    body: str,
    reason: str,
    acting_user: User | None,
) -> MinutesVersion:
    """Correct approved minutes: the change is made and a new version records it with a reason;
    earlier versions stay as they were."""
    meeting = item.meeting
    if meeting.status != MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(_("Kun et godkendt referat rettes med en ny version."))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv en begrundelse for rettelsen.")})
    if not meeting.versions.exists():
        freeze_minutes(meeting, reason=_("Godkendt"), acting_user=None)
    section = item.sections.filter(kind=section_kind).order_by("order").first()
    if section is None:
        top = item.sections.aggregate(top=Max("order"))["top"] or 0
        section = ItemSection(
            item=item,
            kind=section_kind,
            heading=str(SectionKind(section_kind).label),
            order=top + 1,
        )
    section.body = body
    section.full_clean()
    section.save()
    version = freeze_minutes(meeting, reason=reason.strip(), acting_user=acting_user)
    _render_pdfs_on_commit(meeting)
    return version


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
