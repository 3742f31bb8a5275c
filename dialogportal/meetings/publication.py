"""The agenda/minutes document every output is rendered from (HTML, PDF, DOCX, API, iCal), and
the one function that decides what of it a reader without full access may see: `redact`.

Closed items keep only their number and a neutral title; drafts, non-public attachments and
(before approval) decisions are dropped. Approved versions are stored whole and pass through
the same function when shown, so no output can forget a rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from dialogportal.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    MinutesApproval,
    SectionKind,
)

CLOSED_TITLE = _("Lukket punkt")


@dataclass(frozen=True)
class DocAttachment:
    id: int
    title: str
    is_public: bool
    has_file: bool


@dataclass(frozen=True)
class DocRecommendation:
    order: int
    text: str
    outcome: str
    outcome_label: str


@dataclass(frozen=True)
class DocSection:
    kind: str
    heading: str
    body: str
    recommendations: tuple[DocRecommendation, ...] = ()


@dataclass(frozen=True)
class DocItem:
    id: int
    number: int
    title: str
    is_closed: bool
    presenter: str = ""
    journal_number: str = ""
    kind: str = ""
    kind_label: str = ""
    is_draft: bool = False
    sections: tuple[DocSection, ...] = ()
    attachments: tuple[DocAttachment, ...] = ()


@dataclass(frozen=True)
class DocMeeting:
    id: int
    committee_name: str
    committee_slug: str
    held_on: str
    start_time: str
    end_time: str
    place: str
    status: str
    status_label: str
    participants: str
    excused: str
    absent: str
    remarks: str
    items: tuple[DocItem, ...]
    approvals: tuple[str, ...] = ()
    version: int | None = None
    version_reason: str = ""
    is_redacted: bool = False

    @property
    def is_minutes(self) -> bool:
        return self.status in (MeetingStatus.MINUTES_DRAFT, MeetingStatus.MINUTES_APPROVED)

    @property
    def title_word(self) -> str:
        return str(_("Referat")) if self.is_minutes else str(_("Dagsorden"))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocMeeting:
        items = tuple(
            DocItem(
                **{
                    # Versions frozen before the cascade moved to the med app carry "cascades".
                    **{key: value for key, value in item.items() if key != "cascades"},
                    "sections": tuple(
                        DocSection(
                            **{
                                **section,
                                "recommendations": tuple(
                                    DocRecommendation(**r) for r in section["recommendations"]
                                ),
                            }
                        )
                        for section in item["sections"]
                    ),
                    "attachments": tuple(DocAttachment(**a) for a in item["attachments"]),
                }
            )
            for item in data["items"]
        )
        return cls(**{**data, "items": items, "approvals": tuple(data.get("approvals", ()))})


def _time(value: object) -> str:
    return value.strftime("%H:%M") if value is not None else ""  # type: ignore[attr-defined]


def _item(item: AgendaItem) -> DocItem:
    recommendations = tuple(
        DocRecommendation(
            order=r.order,
            text=r.text,
            outcome=r.outcome,
            outcome_label=str(r.get_outcome_display()),
        )
        for r in item.recommendations.all()
    )
    sections = tuple(
        DocSection(
            kind=s.kind,
            heading=s.heading,
            body=s.body,
            recommendations=recommendations if s.kind == SectionKind.RECOMMENDATION else (),
        )
        for s in item.sections.all()
    )
    return DocItem(
        id=item.pk,
        number=item.number,
        title=item.title,
        is_closed=item.is_closed,
        presenter=item.presenter,
        journal_number=item.journal_number,
        kind=item.kind,
        kind_label=str(item.get_kind_display()),
        is_draft=item.is_draft,
        sections=sections,
        attachments=tuple(
            DocAttachment(id=a.pk, title=a.title, is_public=a.is_public, has_file=bool(a.file))
            for a in item.attachments.all()
        ),
    )


_ITEM_PARTS = ("sections", "recommendations", "attachments")


def build_document(meeting: Meeting) -> DocMeeting:
    """The meeting's whole document, closed parts included (for redaction or a version)."""
    items = meeting.items.prefetch_related(*_ITEM_PARTS).order_by("order", "number")
    return _document(meeting, items, meeting.approvals.all())


def build_documents(meetings: Sequence[Meeting]) -> list[DocMeeting]:
    """`build_document` for many meetings in a fixed number of queries (the iCal feed asks for
    up to 200 at every poll), in the order given."""
    loaded = (
        Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        .select_related("committee")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.prefetch_related(*_ITEM_PARTS).order_by(
                    "order", "number"
                ),
            ),
            "approvals",
        )
    )
    by_id = {m.pk: m for m in loaded}
    return [
        _document(by_id[m.pk], by_id[m.pk].items.all(), by_id[m.pk].approvals.all())
        for m in meetings
    ]


def _document(
    meeting: Meeting, items: Iterable[AgendaItem], approvals: Iterable[MinutesApproval]
) -> DocMeeting:
    return DocMeeting(
        id=meeting.pk,
        committee_name=meeting.committee.name,
        committee_slug=meeting.committee.slug,
        held_on=meeting.held_on.isoformat(),
        start_time=_time(meeting.start_time),
        end_time=_time(meeting.end_time),
        place=meeting.place,
        status=meeting.status,
        status_label=str(meeting.get_status_display()),
        participants=meeting.participants,
        excused=meeting.excused,
        absent=meeting.absent,
        remarks=meeting.remarks,
        items=tuple(_item(item) for item in items),
        approvals=tuple(
            f"{a.person_name} ({a.get_role_display()}) {a.approved_at:%d-%m-%Y %H:%M}"
            for a in approvals
        ),
    )


def _public_item(item: DocItem, *, show_decisions: bool) -> DocItem:
    if item.is_closed:
        return DocItem(id=item.id, number=item.number, title=str(CLOSED_TITLE), is_closed=True)
    sections = tuple(
        section
        if show_decisions
        else replace(
            section,
            recommendations=tuple(
                replace(r, outcome="", outcome_label="") for r in section.recommendations
            ),
        )
        for section in item.sections
        if show_decisions or section.kind != SectionKind.DECISION
    )
    return replace(
        item,
        sections=sections,
        attachments=tuple(a for a in item.attachments if a.is_public),
    )


def redact(document: DocMeeting, *, full_access: bool) -> DocMeeting:
    """What a reader may see. Without full access: no drafts; a closed item is its number and
    "Lukket punkt" only; only public attachments; decisions only once the minutes are approved."""
    if full_access:
        return document
    show_decisions = document.status == MeetingStatus.MINUTES_APPROVED
    return replace(
        document,
        items=tuple(
            _public_item(item, show_decisions=show_decisions)
            for item in document.items
            if not item.is_draft
        ),
        is_redacted=True,
    )
