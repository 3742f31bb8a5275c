"""The decision parts of an item in the document: its heading ("Beslutning i <udvalg> den
<dato>"), what was recorded with it (votes, protocol notes, absence), and – for an item of a
case – the earlier decisions of its route and the route itself (sagsgang)."""

from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialogportal.meetings.document import (
    EARLIER_DECISION,
    DocAbsence,
    DocNote,
    DocRouteStop,
    DocSection,
    DocVote,
    DocVoteGroup,
    DocVoter,
)
from dialogportal.meetings.models import AgendaItem, MeetingStatus, SectionKind, VoteChoice
from dialogportal.organisation.models import CommitteeKind

_VOTE_LABELS = {
    VoteChoice.FOR: gettext_lazy("For stemte"),
    VoteChoice.AGAINST: gettext_lazy("Imod stemte"),
    VoteChoice.ABSTAIN: gettext_lazy("Undlod at stemme"),
}


# Stored decision headings that say nothing of who decided when: the product writes "Referat",
# or the section kind's label in the active language ("Minutes") when a correction adds one.
_PLAIN_DECISION_HEADINGS = frozenset(
    {"", "referat", "beslutning", "beslutninger", "afgørelse", "minutes", "decision"}
)


def decision_heading(committee_name: str, kind: str, held_on: date, stored: str) -> str:
    """ "Beslutning i Økonomiudvalget den 3. november 2025" for a political committee; a MED
    committee keeps its own heading ("Referat"). A heading that names its own committee or
    date is kept as written: imported minutes hold the earlier decisions of the case's route
    ("Beslutning i Økonomiudvalget den 17. november 2025" on a Byrådet item), and labelling
    them as this meeting's decision would misstate who decided what."""
    if kind != CommitteeKind.POLITICAL or stored.strip().lower() not in _PLAIN_DECISION_HEADINGS:
        return stored or str(SectionKind.DECISION.label)
    return _("Beslutning i %(committee)s den %(date)s") % {
        "committee": committee_name,
        "date": date_format(held_on, "j. F Y"),
    }


def votes_of(item: AgendaItem) -> tuple[DocVote, ...]:
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


def recorded_with(
    item: AgendaItem,
) -> dict[str, tuple[DocVote, ...] | tuple[DocNote, ...] | tuple[DocAbsence, ...]]:
    return {
        "votes": votes_of(item),
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


def decision_body(item: AgendaItem) -> str | None:
    return next((s.body for s in item.sections.all() if s.kind == SectionKind.DECISION), None)


def earlier_decisions(item: AgendaItem) -> list[DocSection]:
    """The decisions taken in the item's case before this meeting, oldest first."""
    if item.case is None:
        return []
    here = item.meeting.starts_at()
    found: list[tuple[date, datetime | None, DocSection]] = []
    for other in item.case.items.all():
        if other.pk == item.pk or other.meeting.starts_at() >= here:
            continue
        body = decision_body(other)
        recorded = recorded_with(other)
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


def route_of(item: AgendaItem) -> tuple[DocRouteStop, ...]:
    """The case's route: its planned steps, or else the meetings it has been on."""
    if item.case is None:
        return ()
    items = list(item.case.items.all())
    decided = {other.meeting_id for other in items if decision_body(other) or other.votes.all()}
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
