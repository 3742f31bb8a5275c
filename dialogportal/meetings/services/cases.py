"""Cases (sager) and their route through the political committees (sagsgang): open a case,
plan its route, send an item on to the next committee once a decision is recorded, and record
a decision taken at a meeting outside this system (what an importer reads as "Beslutning i
<udvalg> den <dato>")."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.models import (
    AgendaItem,
    Attachment,
    AuditAction,
    Case,
    CaseStep,
    ExternalDecision,
    Meeting,
    SectionKind,
)
from dialogportal.meetings.services.audit import record
from dialogportal.meetings.services.common import refuse_nul
from dialogportal.meetings.services.content import ItemContent
from dialogportal.meetings.services.items import add_item
from dialogportal.meetings.services.political import name_key
from dialogportal.organisation.models import Committee, CommitteeKind
from dialogportal.processes.models import Process


@dataclass(frozen=True)
class RouteStep:
    committee: Committee
    meeting: Meeting | None = None


def _danish(day: date) -> str:
    return str(date_format(day, "j. F Y"))


@transaction.atomic
def open_case(
    *, journal_number: str, title: str, process: Process | None = None, acting_user: User | None
) -> Case:
    """The case with this journal number (sagsnummer), or a new one; without a number a new
    case is always made."""
    journal_number = journal_number.strip()
    refuse_nul(journal_number=journal_number, title=title)
    if len(journal_number) > 100:
        raise ValidationError({"journal_number": _("Sagsnummeret er for langt (højst 100 tegn).")})
    if journal_number:
        existing = Case.objects.select_for_update().filter(journal_number=journal_number).first()
        if existing is not None:
            return existing
    case = Case(
        journal_number=journal_number,
        title=" ".join(title.split())[:500],
        process=process,
        created_by=acting_user,
    )
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def plan_route(*, case: Case, steps: Sequence[RouteStep], acting_user: User | None) -> None:
    """Set the committees (and meetings, where known) the case goes through, in order: each
    meeting is its committee's and later than the one before. Replaces an earlier route."""
    if not steps:
        raise ValidationError(_("Vælg mindst ét udvalg i sagsgangen."))
    previous: date | None = None
    for step in steps:
        if step.committee.kind != CommitteeKind.POLITICAL:
            raise ValidationError(
                _("Sagsgangen går gennem politiske udvalg; %(name)s er ikke et.")
                % {"name": step.committee.name}
            )
        if step.meeting is None:
            continue
        if step.meeting.committee_id != step.committee.pk:
            raise ValidationError(
                _("Mødet den %(date)s er ikke et møde i %(name)s.")
                % {"date": _danish(step.meeting.held_on), "name": step.committee.name}
            )
        if previous is not None and step.meeting.held_on <= previous:
            raise ValidationError(
                _(
                    "Møderne i sagsgangen skal komme efter hinanden: %(name)s den %(date)s "
                    "ligger ikke efter det forrige trin."
                )
                % {"name": step.committee.name, "date": _danish(step.meeting.held_on)}
            )
        previous = step.meeting.held_on
    case.steps.all().delete()
    for order, step in enumerate(steps, start=1):
        row = CaseStep(case=case, order=order, committee=step.committee, meeting=step.meeting)
        row.full_clean()
        row.save()
    record(
        meeting=steps[0].meeting,
        action=AuditAction.ROUTE,
        acting_user=acting_user,
        case=case,
        after={"route": [step.committee.name for step in steps]},
    )


def _decision_text(item: AgendaItem) -> str:
    section = item.sections.filter(kind=SectionKind.DECISION).order_by("order").first()
    return section.body.strip() if section is not None else ""


def next_step(item: AgendaItem) -> CaseStep | None:
    """The planned step after the one this item is on, if the case has a route."""
    if item.case is None:
        return None
    steps = list(item.case.steps.select_related("committee", "meeting").order_by("order"))
    for index, step in enumerate(steps):
        if step.meeting_id == item.meeting_id or (
            step.meeting_id is None and step.committee_id == item.committee_id
        ):
            return steps[index + 1] if index + 1 < len(steps) else None
    return None


def _copy_attachment(source: Attachment, item: AgendaItem) -> None:
    copy = Attachment(item=item, title=source.title, is_public=source.is_public, order=source.order)
    if source.file:
        with source.file.open("rb") as handle:
            copy.file.save(
                source.file.name.rsplit("/", 1)[-1], ContentFile(handle.read()), save=False
            )
    copy.full_clean()
    copy.save()


@transaction.atomic
def forward_item(*, item: AgendaItem, meeting: Meeting, acting_user: User | None) -> AgendaItem:
    """Send a decided item on to the next committee in its sagsgang: a new item on `meeting`
    with the same heading, Indstilling, Sagsfremstilling, Økonomi and attachments (copied), in
    the same case, so its agenda shows the decisions taken so far."""
    source_meeting = item.meeting
    if not source_meeting.is_political or meeting.committee.kind != CommitteeKind.POLITICAL:
        raise ValidationError(_("Kun sager i politiske udvalg sendes videre i en sagsgang."))
    if meeting.pk == source_meeting.pk or meeting.starts_at() <= source_meeting.starts_at():
        raise ValidationError(
            {"meeting": [_("Vælg et møde, der ligger efter det møde, sagen blev behandlet på.")]}
        )
    if not _decision_text(item):
        raise ValidationError(_("Skriv udvalgets beslutning, før sagen sendes videre."))
    if item.forwarded_to.filter(meeting=meeting).exists():
        raise ValidationError(
            {
                "meeting": [
                    _("Sagen er allerede sendt videre til %(name)s den %(date)s.")
                    % {"name": meeting.committee.name, "date": _danish(meeting.held_on)}
                ]
            }
        )
    if item.case is None:
        item.case = open_case(
            journal_number=item.journal_number,
            title=item.title,
            process=item.process,
            acting_user=acting_user,
        )
        item.save(update_fields=["case"])
    bodies: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for section in item.sections.order_by("order"):
        if section.kind == SectionKind.CUSTOM:
            extra.append((section.heading, section.body))
        elif section.kind != SectionKind.DECISION:
            bodies.setdefault(section.kind, section.body)
    new = add_item(
        meeting=meeting,
        title=item.title,
        kind=item.kind,  # type: ignore[arg-type]
        presenter=item.presenter,
        journal_number=item.journal_number,
        is_closed=item.is_closed,
        closure_reason=item.closure_reason,
        public_title=item.public_title,
        content=ItemContent(
            summary=bodies.get(SectionKind.SUMMARY),
            recommendation_intro=item.recommendation_intro,
            recommendations=[r.text for r in item.recommendations.order_by("order")],
            case_description=bodies.get(SectionKind.CASE_DESCRIPTION),
            finances=bodies.get(SectionKind.FINANCES),
            extra_sections=extra,
        ),
        process=item.process,
        case=item.case,
        forwarded_from=item,
        acting_user=acting_user,
    )
    for attachment in item.attachments.order_by("order", "pk"):
        _copy_attachment(attachment, new)
    record(
        meeting=source_meeting,
        action=AuditAction.FORWARDED,
        acting_user=acting_user,
        item=item,
        after={
            "committee": meeting.committee.name,
            "meeting": meeting.held_on.isoformat(),
            "item": new.pk,
        },
    )
    return new


@transaction.atomic
def record_earlier_decision(
    *,
    case: Case,
    committee_name: str,
    decided_on: date,
    text: str,
    acting_user: User | None,
) -> ExternalDecision:
    """Record a decision in the case's sagsgang taken at a meeting that is not in this system
    ("Beslutning i Teknik og Miljø den 1. oktober 2025"). One decision per committee and
    date: a second one, or one that an item of the case already carries, is refused."""
    committee_name = " ".join(committee_name.split())
    refuse_nul(committee_name=committee_name, text=text)
    if not committee_name or not text.strip():
        raise ValidationError(_("En beslutning skal have et udvalg og en tekst."))
    duplicate = any(
        name_key(other.committee_name) == name_key(committee_name)
        and other.decided_on == decided_on
        for other in case.external_decisions.all()
    ) or any(
        name_key(other.committee.name) == name_key(committee_name)
        and other.meeting.held_on == decided_on
        and _decision_text(other)
        for other in case.items.select_related("committee", "meeting")
    )
    if duplicate:
        raise ValidationError(
            _("Sagen har allerede en beslutning fra %(name)s den %(date)s.")
            % {"name": committee_name, "date": _danish(decided_on)}
        )
    decision = ExternalDecision(
        case=case,
        committee=Committee.objects.filter(name__iexact=committee_name).first(),
        committee_name=committee_name[:200],
        decided_on=decided_on,
        text=text.strip(),
    )
    decision.full_clean()
    decision.save()
    record(
        meeting=None,
        action=AuditAction.EARLIER_DECISION,
        acting_user=acting_user,
        case=case,
        after={
            "committee": committee_name,
            "decided_on": decided_on.isoformat(),
            "text": decision.text,
        },
    )
    return decision
