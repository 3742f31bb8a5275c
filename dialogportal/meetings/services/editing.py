"""Editing an item on the secretariat's page: heading data and agenda text, with the Referat,
custom sections and attachments kept, and unchanged recommendations keeping their outcome."""

from collections.abc import Sequence
from dataclasses import replace

from django.db import transaction

from dialogportal.accounts.models import User
from dialogportal.meetings.events import MeetingEvent, announce
from dialogportal.meetings.models import (
    AgendaItem,
    AuditAction,
    ItemKind,
    ItemSection,
    Outcome,
    Recommendation,
    SectionKind,
)
from dialogportal.meetings.services.audit import record
from dialogportal.meetings.services.common import (
    check_not_locked,
    refuse_nul,
    render_pdfs_if_published,
)
from dialogportal.meetings.services.content import (
    ItemContent,
    NewSection,
    apply_journal_number,
    content_snapshot,
    renumber,
    section_rank,
    sections_of,
)
from dialogportal.processes.models import Process

# What the edit form writes; the Referat (`record_decision`) and custom sections are kept.
_EDITED_KINDS = frozenset(
    {
        SectionKind.SUMMARY,
        SectionKind.RECOMMENDATION,
        SectionKind.CASE_DESCRIPTION,
        SectionKind.FINANCES,
    }
)


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
    kept.sort(key=section_rank)
    renumber(item, kept)


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
    public_title: str = "",
    public_decision: str = "",
    content: ItemContent,
    process: Process | None = None,
) -> AgendaItem:
    """Change an item's heading data and agenda text (not on approved minutes). The number,
    the Referat, custom sections and attachments stay; an unchanged recommendation keeps its
    outcome, a new one is pending. A closed item may have a public title and a published
    decision; an open one keeps neither."""
    if content.decision is not None or content.extra_sections or content.attachments:
        # The Referat has `record_decision`, attachments their own services.
        raise ValueError("update_item writes neither the Referat nor attachments")
    check_not_locked(item.meeting)
    recommendations = [text.strip() for text in content.recommendations if text.strip()]
    refuse_nul(
        title=title,
        presenter=presenter,
        journal_number=journal_number,
        closure_reason=closure_reason,
        public_title=public_title,
        public_decision=public_decision,
        summary=content.summary or "",
        recommendation_intro=content.recommendation_intro,
        recommendations="".join(recommendations),
        case_description=content.case_description or "",
        finances=content.finances or "",
    )
    before = content_snapshot(item)
    was_closed = item.is_closed
    item.title = title.strip()
    item.kind = kind
    item.presenter = presenter.strip()
    item.is_closed = is_closed
    item.closure_reason = closure_reason.strip() if is_closed else ""
    item.public_title = public_title.strip() if is_closed else ""
    item.public_decision = public_decision.strip() if is_closed else ""
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
    after = content_snapshot(item)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    record(
        meeting=item.meeting,
        action=AuditAction.ITEM_EDITED,
        acting_user=acting_user,
        item=item,
        before={key: before.get(key, "") for key in sorted(changed)},
        after={key: after.get(key, "") for key in sorted(changed)},
    )
    if item.is_closed and not was_closed:
        announce(MeetingEvent.ITEM_CLOSED, item=item, acting_user=acting_user)
    render_pdfs_if_published(item.meeting)
    return item
