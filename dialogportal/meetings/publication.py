"""Builds the document every output is rendered from (`meetings.document`), and the one function
that decides what of it a reader without full access may see: `redact`.

Closed items keep only their number, "Lukket punkt" (with the public title, if any) and – once
the minutes are approved – the published decision; drafts, non-public attachments and (before
approval) decisions are dropped. Approved versions are stored whole and pass through the same
function when shown, so no output can forget a rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialogportal.meetings.document import (
    EARLIER_DECISION,
    DocAbsence,
    DocAddendum,
    DocAttachment,
    DocCascade,
    DocItem,
    DocMeeting,
    DocNote,
    DocRecommendation,
    DocRouteStop,
    DocSection,
    DocSignature,
    DocVote,
    DocVoteGroup,
    DocVoter,
)
from dialogportal.meetings.models import (
    AGENDA_ORDER,
    AgendaItem,
    Meeting,
    MeetingStatus,
    MinutesApproval,
    SectionKind,
    VoteChoice,
)
from dialogportal.organisation.models import CommitteeKind

# Re-exported: outputs import the document types from here.
__all__ = [
    "CLOSED_TITLE",
    "DocAttachment",
    "DocItem",
    "DocMeeting",
    "DocSection",
    "build_document",
    "build_documents",
    "build_item",
    "decision_heading",
    "redact",
]

CLOSED_TITLE = gettext_lazy("Lukket punkt")
_VOTE_LABELS = {
    VoteChoice.FOR: gettext_lazy("For stemte"),
    VoteChoice.AGAINST: gettext_lazy("Imod stemte"),
    VoteChoice.ABSTAIN: gettext_lazy("Undlod at stemme"),
}


def _time(value: object) -> str:
    return value.strftime("%H:%M") if value is not None else ""  # type: ignore[attr-defined]


def decision_heading(committee_name: str, kind: str, held_on: date, stored: str) -> str:
    """ "Beslutning i Økonomiudvalget den 3. november 2025" for a political committee; a MED
    committee keeps its own heading ("Referat")."""
    if kind != CommitteeKind.POLITICAL:
        return stored or str(SectionKind.DECISION.label)
    return _("Beslutning i %(committee)s den %(date)s") % {
        "committee": committee_name,
        "date": date_format(held_on, "j. F Y"),
    }


def _votes(item: AgendaItem) -> tuple[DocVote, ...]:
    votes = []
    for vote in item.votes.all():
        counts = list(vote.counts.all())
        groups = []
        for choice in VoteChoice:
            rows = [c for c in counts if c.choice == choice]
            if rows:
                groups.append(
                    DocVoteGroup(
                        choice=choice.value,
                        label=str(_VOTE_LABELS[choice]),
                        total=sum(c.count for c in rows),
                        voters=tuple(DocVoter(name=c.voter, count=c.count) for c in rows),
                    )
                )
        votes_for = sum(c.count for c in counts if c.choice == VoteChoice.FOR)
        against = sum(c.count for c in counts if c.choice == VoteChoice.AGAINST)
        votes.append(
            DocVote(motion=vote.motion, is_adopted=votes_for > against, groups=tuple(groups))
        )
    return tuple(votes)


def _recorded(
    item: AgendaItem,
) -> dict[str, tuple[DocVote, ...] | tuple[DocNote, ...] | tuple[DocAbsence, ...]]:
    return {
        "votes": _votes(item),
        "notes": tuple(
            DocNote(kind=n.kind, kind_label=str(n.get_kind_display()), author=n.author, text=n.text)
            for n in item.protocol_notes.all()
        ),
        "absences": tuple(
            DocAbsence(
                person=a.person_name,
                kind=a.kind,
                kind_label=str(a.get_kind_display()),
                note=a.note,
            )
            for a in item.attendance.all()
        ),
    }


def _decision_body(item: AgendaItem) -> str | None:
    return next((s.body for s in item.sections.all() if s.kind == SectionKind.DECISION), None)


def _earlier_decisions(item: AgendaItem) -> list[DocSection]:
    """The decisions taken in the item's case before this meeting, oldest first."""
    if item.case is None:
        return []
    here = item.meeting.starts_at()
    found: list[tuple[date, datetime | None, DocSection]] = []
    for other in item.case.items.all():
        if other.pk == item.pk or other.meeting.starts_at() >= here:
            continue
        body = _decision_body(other)
        recorded = _recorded(other)
        if body is None and not any(recorded.values()):
            continue
        committee = other.meeting.committee
        found.append(
            (
                other.meeting.held_on,
                other.meeting.starts_at(),
                DocSection(
                    kind=EARLIER_DECISION,
                    heading=decision_heading(
                        committee.name, committee.kind, other.meeting.held_on, ""
                    ),
                    body=body or "",
                    is_public=other.meeting.status == MeetingStatus.MINUTES_APPROVED
                    and not other.is_closed,
                    **recorded,  # type: ignore[arg-type]
                ),
            )
        )
    for external in item.case.external_decisions.all():
        if external.decided_on >= item.meeting.held_on:
            continue
        found.append(
            (
                external.decided_on,
                None,
                DocSection(
                    kind=EARLIER_DECISION,
                    heading=decision_heading(
                        external.committee_name,
                        str(CommitteeKind.POLITICAL),
                        external.decided_on,
                        "",
                    ),
                    body=external.text,
                ),
            )
        )
    found.sort(key=lambda row: (row[0], row[1] is not None, row[1] or here))
    return [section for _day, _at, section in found]


def _route(item: AgendaItem) -> tuple[DocRouteStop, ...]:
    """The case's route: its planned steps, or else the meetings it has been on."""
    if item.case is None:
        return ()
    items = list(item.case.items.all())
    decided = {other.meeting_id for other in items if _decision_body(other) or other.votes.all()}
    steps = list(item.case.steps.all())
    if steps:
        return tuple(
            DocRouteStop(
                committee=step.committee.name,
                held_on=step.meeting.held_on.isoformat() if step.meeting else "",
                is_current=step.meeting_id == item.meeting_id
                or (step.meeting_id is None and step.committee_id == item.committee_id),
                is_decided=step.meeting_id in decided,
            )
            for step in steps
        )
    if len(items) < 2 and not item.case.external_decisions.all():
        return ()
    stops = [
        (
            e.decided_on,
            DocRouteStop(
                committee=e.committee_name, held_on=e.decided_on.isoformat(), is_decided=True
            ),
        )
        for e in item.case.external_decisions.all()
    ] + [
        (
            other.meeting.held_on,
            DocRouteStop(
                committee=other.meeting.committee.name,
                held_on=other.meeting.held_on.isoformat(),
                is_current=other.pk == item.pk,
                is_decided=other.meeting_id in decided,
            ),
        )
        for other in items
    ]
    stops.sort(key=lambda row: row[0])
    return tuple(stop for _day, stop in stops)


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
    recorded = _recorded(item)
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
    earlier = _earlier_decisions(item)
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
        cascades=tuple(
            DocCascade(
                target=c.target_committee.name,
                status=c.status,
                status_label=str(c.get_status_display()),
                comment=c.comment,
            )
            for c in item.cascades.all()
        ),
        public_title=item.public_title,
        public_decision=item.public_decision,
        addendum=item.addendum.number if item.addendum else None,
        addendum_published_at=item.addendum.published_at.isoformat() if item.addendum else "",
        route=_route(item),
    )


_CASE_ITEMS = AgendaItem.objects.select_related("meeting__committee").prefetch_related(
    "sections", "votes__counts", "protocol_notes", "attendance"
)
_ITEM_PARTS = (
    "sections",
    "recommendations",
    "attachments",
    "cascades__target_committee",
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


# --- what a reader without full access sees --------------------------------------------------


def _closed_title(item: DocItem) -> str:
    if item.public_title:
        return _("%(closed)s: %(title)s") % {"closed": CLOSED_TITLE, "title": item.public_title}
    return str(CLOSED_TITLE)


def _public_closed_item(item: DocItem, *, show_decisions: bool) -> DocItem:
    sections: tuple[DocSection, ...] = ()
    own = next((s for s in item.sections if s.kind == SectionKind.DECISION), None)
    if show_decisions and item.public_decision:
        sections = (
            DocSection(
                kind=SectionKind.DECISION,
                heading=own.heading if own else str(SectionKind.DECISION.label),
                body=item.public_decision,
            ),
        )
    return DocItem(
        id=item.id,
        number=item.number,
        label=item.label,
        title=_closed_title(item),
        is_closed=True,
        sections=sections,
        addendum=item.addendum,
        addendum_published_at=item.addendum_published_at,
    )


def _public_item(item: DocItem, *, show_decisions: bool) -> DocItem:
    if item.is_closed:
        return _public_closed_item(item, show_decisions=show_decisions)
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
        if (show_decisions or section.kind != SectionKind.DECISION)
        and (section.kind != EARLIER_DECISION or section.is_public)
    )
    return replace(
        item,
        sections=sections,
        attachments=tuple(a for a in item.attachments if a.is_public),
        cascades=(),
        public_title="",
        public_decision="",
    )


def redact(document: DocMeeting, *, full_access: bool) -> DocMeeting:
    """What a reader may see. Without full access: no drafts; a closed item is its number and
    "Lukket punkt" (with its public title) and, once the minutes are approved, its published
    decision; only public attachments; decisions only once the minutes are approved, earlier
    decisions of the case only once their own minutes are."""
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
