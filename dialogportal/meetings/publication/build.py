"""Builds the document of a meeting (or one item) from the database, in agenda order, with
provisional numbers before publication."""

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from dialogportal.meetings.document import (
    DocAddendum,
    DocAttachment,
    DocItem,
    DocMeeting,
    DocRecommendation,
    DocSection,
    DocSignature,
)
from dialogportal.meetings.models import (
    AGENDA_ORDER,
    AgendaItem,
    Meeting,
    MinutesApproval,
    SectionKind,
)
from dialogportal.meetings.publication.decisions import (
    decision_heading,
    earlier_decisions,
    recorded_with,
    route_of,
)


def _time(value: object) -> str:
    return value.strftime("%H:%M") if value is not None else ""  # type: ignore[attr-defined]


def _sections(item: AgendaItem) -> tuple[DocSection, ...]:
    recommendations = tuple(
        DocRecommendation(
            order=r.order,
            text=r.text,
            outcome=r.outcome,
            outcome_label=str(r.get_outcome_display()),
        )
        for r in item.recommendations.all()
    )
    committee = item.meeting.committee
    recorded = recorded_with(item)
    sections: list[DocSection] = []
    has_decision = False
    for s in item.sections.all():
        if s.kind == SectionKind.DECISION:
            has_decision = True
            sections.append(
                DocSection(
                    kind=s.kind,
                    heading=decision_heading(
                        committee.name, committee.kind, item.meeting.held_on, s.heading
                    ),
                    body=s.body,
                    **recorded,  # type: ignore[arg-type]
                )
            )
        else:
            sections.append(
                DocSection(
                    kind=s.kind,
                    heading=s.heading,
                    body=s.body,
                    recommendations=recommendations if s.kind == SectionKind.RECOMMENDATION else (),
                )
            )
    if not has_decision and any(recorded.values()):
        position = next(
            (i + 1 for i, s in enumerate(sections) if s.kind == SectionKind.RECOMMENDATION),
            len(sections),
        )
        sections.insert(
            position,
            DocSection(
                kind=SectionKind.DECISION,
                heading=decision_heading(committee.name, committee.kind, item.meeting.held_on, ""),
                body="",
                **recorded,  # type: ignore[arg-type]
            ),
        )
    earlier = earlier_decisions(item)
    if earlier:
        position = next(
            (i for i, s in enumerate(sections) if s.kind == SectionKind.DECISION),
            next(
                (i + 1 for i, s in enumerate(sections) if s.kind == SectionKind.RECOMMENDATION),
                len(sections),
            ),
        )
        sections[position:position] = earlier
    return tuple(sections)


def _item(item: AgendaItem, label: str) -> DocItem:
    return DocItem(
        id=item.pk,
        number=item.number,
        label=label,
        title=item.title,
        is_closed=item.is_closed,
        presenter=item.presenter,
        journal_number=item.journal_number,
        kind=item.kind,
        kind_label=str(item.get_kind_display()),
        is_draft=item.is_draft,
        is_standard=item.is_standard,
        sections=_sections(item),
        attachments=tuple(
            DocAttachment(id=a.pk, title=a.title, is_public=a.is_public, has_file=bool(a.file))
            for a in item.attachments.all()
        ),
        public_title=item.public_title,
        public_decision=item.public_decision,
        addendum=item.addendum.number if item.addendum else None,
        addendum_published_at=item.addendum.published_at.isoformat() if item.addendum else "",
        route=route_of(item),
    )


_CASE_ITEMS = AgendaItem.objects.select_related("meeting__committee").prefetch_related(
    "sections", "votes__counts", "protocol_notes", "attendance"
)
_ITEM_PARTS = (
    "sections",
    "recommendations",
    "attachments",
    "votes__counts",
    "protocol_notes",
    "attendance",
    Prefetch("case__items", queryset=_CASE_ITEMS),
    "case__steps__committee",
    "case__steps__meeting",
    "case__external_decisions",
)


def _items(meeting: Meeting) -> Iterable[AgendaItem]:
    return (
        meeting.items.select_related("meeting__committee", "addendum", "case")
        .prefetch_related(*_ITEM_PARTS)
        .order_by(*AGENDA_ORDER)
    )


def build_document(meeting: Meeting) -> DocMeeting:
    """The meeting's whole document, closed parts included (for redaction or a version)."""
    return _document(meeting, _items(meeting), meeting.approvals.all())


def build_documents(meetings: Sequence[Meeting]) -> list[DocMeeting]:
    """`build_document` for many meetings in a fixed number of queries (the iCal feed asks for
    up to 200 at every poll), in the order given."""
    loaded = (
        Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        .select_related("committee")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related("meeting__committee", "addendum", "case")
                .prefetch_related(*_ITEM_PARTS)
                .order_by(*AGENDA_ORDER),
            ),
            "approvals",
            "addenda",
        )
    )
    by_id = {m.pk: m for m in loaded}
    return [
        _document(by_id[m.pk], by_id[m.pk].items.all(), by_id[m.pk].approvals.all())
        for m in meetings
    ]


def build_item(item: AgendaItem) -> DocItem:
    """One item as in its meeting's document (a staff page needs no whole document)."""
    loaded = (
        AgendaItem.objects.select_related("meeting__committee", "addendum", "case")
        .prefetch_related(*_ITEM_PARTS)
        .get(pk=item.pk)
    )
    label = loaded.label
    if not label:
        labels = _provisional_labels(loaded.meeting, list(_items(loaded.meeting)))
        label = labels.get(loaded.pk, "")
    return _item(loaded, label)


def _provisional_labels(meeting: Meeting, items: list[AgendaItem]) -> dict[int, str]:
    """Before publication items have no number: show the ones they would get now."""
    first = AgendaItem.objects.next_number(meeting.committee, meeting.held_on.year)
    unnumbered = [item for item in items if item.number is None]
    return {item.pk: str(first + offset) for offset, item in enumerate(unnumbered)}


def _local_iso(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


def _document(
    meeting: Meeting, items: Iterable[AgendaItem], approvals: Iterable[MinutesApproval]
) -> DocMeeting:
    items = list(items)
    provisional = (
        _provisional_labels(meeting, items) if any(i.number is None for i in items) else {}
    )
    return DocMeeting(
        id=meeting.pk,
        committee_name=meeting.committee.name,
        committee_slug=meeting.committee.slug,
        committee_kind=meeting.committee.kind,
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
        items=tuple(_item(item, item.label or provisional.get(item.pk, "")) for item in items),
        signatures=tuple(
            DocSignature(
                name=a.person_name,
                role_label=str(a.get_role_display()),
                signed_at=_local_iso(a.approved_at),
                dissent=a.dissent,
            )
            for a in approvals
        ),
        addenda=tuple(
            DocAddendum(number=a.number, published_at=_local_iso(a.published_at))
            for a in meeting.addenda.all()
        ),
        numbers_are_provisional=bool(provisional),
    )
