"""Read models of the MED secretariat: the overview of everything sent down the tree (items
passed on and hearing parts, one row per receiver), and which Sektor and Lokal MED have held
their dialog meeting."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.dialogmeetings.models import DialogMeeting
from dialogportal.dialogmeetings.models import MeetingStatus as DialogStatus
from dialogportal.med.models import (
    Cascade,
    CascadeStatus,
    HearingPart,
    PartStatus,
)
from dialogportal.organisation.models import Committee, CommitteeLevel


@dataclass(frozen=True)
class OverviewRow:
    kind: str  # "cascade" or "hearing"
    kind_label: str
    url: str
    sender: str
    source_date: date | None
    subject: str
    receiver: str
    sector: str
    status: str
    status_label: str
    sent_on: date
    agenda_date: date | None
    due_on: date | None
    is_overdue: bool
    done_on: date | None
    comment: str
    placement_warning: str


@dataclass(frozen=True)
class OverviewFilter:
    kind: str = ""  # "", "cascade", "hearing"
    sender: int | None = None
    sector: int | None = None
    status: str = ""
    overdue_only: bool = False
    sent_from: date | None = None
    sent_to: date | None = None


def _day(value: datetime | None) -> date | None:
    return timezone.localtime(value).date() if value is not None else None


def placement_warning(
    *, agenda_date: date | None, due_on: date | None, source_date: date | None
) -> str:
    """Why a receiver's agenda date should worry the secretariat: after the "behandles senest"
    date, or far after the decision it carries."""
    if agenda_date is None:
        return ""
    if due_on is not None and agenda_date > due_on:
        return _("Næste møde ligger efter “behandles senest”.")
    if source_date is not None and (agenda_date - source_date).days > 120:
        return _("Punktet kommer først på dagsordenen over fire måneder efter beslutningen.")
    return ""


def _sectors() -> dict[int, str]:
    names: dict[int, str] = {}
    for committee in Committee.objects.med().select_related("parent", "parent__parent"):
        sector = committee.sector()
        names[committee.pk] = sector.name if sector else ""
    return names


def overview_rows(filters: OverviewFilter, *, today: date) -> list[OverviewRow]:
    """One row per receiver of an item passed on or a hearing, newest first, filtered."""
    sectors = _sectors()
    rows: list[OverviewRow] = []
    if filters.kind in ("", "cascade"):
        cascades = Cascade.objects.select_related(
            "source_item__meeting__committee", "target_committee", "target_item__meeting"
        )
        if filters.sender:
            cascades = cascades.filter(source_item__meeting__committee_id=filters.sender)
        for cascade in cascades:
            source = cascade.source_item
            agenda = cascade.target_item.meeting.held_on if cascade.target_item else None
            done = _day(cascade.acknowledged_at) or _day(cascade.handled_at)
            rows.append(
                OverviewRow(
                    kind="cascade",
                    kind_label=str(_("Orientering")),
                    url=cascade.get_absolute_url(),
                    sender=source.meeting.committee.name,
                    source_date=source.meeting.held_on,
                    subject=f"{_('Punkt')} {source.number}: {source.title}"
                    if not source.is_closed
                    else str(_("Lukket punkt")),
                    receiver=cascade.target_committee.name,
                    sector=sectors.get(cascade.target_committee_id, ""),
                    status=cascade.status,
                    status_label=str(cascade.get_status_display()),
                    sent_on=_day(cascade.sent_at) or today,
                    agenda_date=agenda,
                    due_on=cascade.due_on,
                    is_overdue=cascade.is_overdue_on(today),
                    done_on=done,
                    comment=cascade.comment,
                    placement_warning=placement_warning(
                        agenda_date=agenda if cascade.status in ("sent", "on_agenda") else None,
                        due_on=cascade.due_on,
                        source_date=source.meeting.held_on,
                    ),
                )
            )
    if filters.kind in ("", "hearing"):
        parts = HearingPart.objects.select_related(
            "hearing__committee",
            "hearing__source_item__meeting",
            "committee",
            "target_item__meeting",
            "answer",
        )
        if filters.sender:
            parts = parts.filter(hearing__committee_id=filters.sender)
        for part in parts:
            hearing = part.hearing
            answer = getattr(part, "answer", None)
            agenda = part.target_item.meeting.held_on if part.target_item else None
            source_date = hearing.source_item.meeting.held_on if hearing.source_item else None
            overdue = part.is_overdue_on(today)
            rows.append(
                OverviewRow(
                    kind="hearing",
                    kind_label=str(_("Høring")),
                    url=part.get_absolute_url(),
                    sender=hearing.committee.name,
                    source_date=source_date,
                    subject=hearing.title if not hearing.is_closed else str(_("Lukket høring")),
                    receiver=part.committee.name,
                    sector=sectors.get(part.committee_id, ""),
                    status="overdue" if overdue else part.status,
                    status_label=part.status_label_on(today),
                    sent_on=_day(hearing.created_at) or today,
                    agenda_date=agenda,
                    due_on=hearing.answer_by,
                    is_overdue=overdue,
                    done_on=_day(part.answered_at),
                    comment=(
                        (answer.summary or answer.text[:300])
                        if answer is not None
                        and part.status != PartStatus.SENT
                        and not hearing.is_closed
                        else ""
                    )
                    + (f" ({_('modtaget efter fristen')})" if part.is_late else ""),
                    placement_warning=placement_warning(
                        agenda_date=agenda if part.status == PartStatus.SENT else None,
                        due_on=hearing.answer_by,
                        source_date=None,
                    ),
                )
            )
    if filters.sector:
        sector_name = (
            Committee.objects.filter(pk=filters.sector).values_list("name", flat=True).first()
        )
        rows = [r for r in rows if r.sector == sector_name]
    if filters.status:
        rows = [r for r in rows if r.status == filters.status]
    if filters.overdue_only:
        rows = [r for r in rows if r.is_overdue]
    if filters.sent_from:
        rows = [r for r in rows if r.sent_on >= filters.sent_from]
    if filters.sent_to:
        rows = [r for r in rows if r.sent_on <= filters.sent_to]
    rows.sort(key=lambda r: (r.sent_on, r.sender, r.subject, r.receiver), reverse=True)
    return rows


STATUS_FILTER_CHOICES: tuple[tuple[str, str], ...] = (
    *((str(s.value), str(s.label)) for s in CascadeStatus),
    *((str(s.value), str(s.label)) for s in PartStatus if s != PartStatus.SENT),
    ("overdue", "Frist overskredet"),
)


@dataclass(frozen=True)
class CoverageRow:
    committee: Committee
    sector: str
    held: int
    last_held: date | None
    planned: int

    @property
    def has_held(self) -> bool:
        return self.held > 0


def dialog_coverage(*, process_id: int | None, at: datetime) -> list[CoverageRow]:
    """Per Sektor and Lokal MED: dialog meetings held (and planned) that the committee took part
    in – named as a participating committee, or its unit named as host or participant."""
    committees = list(
        Committee.objects.med()
        .filter(level__in=[CommitteeLevel.SECTOR, CommitteeLevel.AREA, CommitteeLevel.LOCAL])
        .select_related("parent", "unit")
        .order_by("level", "name")
    )
    meetings = DialogMeeting.objects.exclude(status=DialogStatus.CANCELLED).prefetch_related(
        "committees", "units"
    )
    if process_id:
        meetings = meetings.filter(process_id=process_id)
    by_committee: dict[int, list[DialogMeeting]] = {c.pk: [] for c in committees}
    by_unit: dict[int, list[DialogMeeting]] = {}
    for meeting in meetings:
        for committee in meeting.committees.all():
            by_committee.setdefault(committee.pk, []).append(meeting)
        unit_ids = {u.pk for u in meeting.units.all()}
        if meeting.host_unit_id:
            unit_ids.add(meeting.host_unit_id)
        for unit_id in unit_ids:
            by_unit.setdefault(unit_id, []).append(meeting)
    rows = []
    for committee in committees:
        found = {m.pk: m for m in by_committee.get(committee.pk, [])}
        if committee.unit_id is not None:
            found.update({m.pk: m for m in by_unit.get(committee.unit_id, [])})
        held = [m for m in found.values() if m.status == DialogStatus.HELD or m.ends_at <= at]
        planned = [m for m in found.values() if m not in held]
        sector = committee.sector()
        rows.append(
            CoverageRow(
                committee=committee,
                sector=sector.name if sector else "",
                held=len(held),
                last_held=max((timezone.localtime(m.starts_at).date() for m in held), default=None),
                planned=len(planned),
            )
        )
    rows.sort(
        key=lambda r: (r.sector, r.committee.level != CommitteeLevel.SECTOR, r.committee.name)
    )
    return rows
