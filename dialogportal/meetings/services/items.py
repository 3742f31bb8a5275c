"""Agenda items: adding one, replacing its content (an import), and its decision. Editing is
`editing`, attachments `attachments`, the text model `content`."""

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from dialogportal.accounts.models import User
from dialogportal.meetings.models import (
    CLOSING_ORDER,
    AgendaItem,
    AuditAction,
    Case,
    ItemKind,
    ItemSection,
    Meeting,
    Outcome,
    SectionKind,
)
from dialogportal.meetings.services.agenda import place_new_item
from dialogportal.meetings.services.audit import JsonValue, record
from dialogportal.meetings.services.common import (
    check_not_locked,
    refuse_nul,
    render_pdfs_if_published,
)
from dialogportal.meetings.services.content import (
    ItemContent,
    NewAttachment,
    apply_journal_number,
    content_snapshot,
    put_in_standard_order,
    write_content,
)
from dialogportal.processes.models import Process

# The cascade imports the content types from here too.
__all__ = ["ItemContent", "NewAttachment", "add_item", "record_decision", "update_item_content"]


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
    public_title: str = "",
    content: ItemContent | None = None,
    process: Process | None = None,
    number: int | None = None,
    order: int | None = None,
    is_draft: bool = False,
    is_standard: bool = False,
    is_last: bool = False,
    case: Case | None = None,
    forwarded_from: AgendaItem | None = None,
    acting_user: User | None = None,
) -> AgendaItem:
    """Add an item above the closing items ("Eventuelt"). On a planned agenda it is numbered
    when the agenda is published; on a published one it goes on a dated tillægsdagsorden with
    its number at once; a held meeting takes no new items. A given `number` is an existing
    document's (an import keeps its numbering and order). `acting_user` None is the system
    (import, cascade)."""
    check_not_locked(meeting)
    refuse_nul(title=title, presenter=presenter, public_title=public_title)
    addendum = None
    suffix = ""
    if number is None:
        placement = place_new_item(
            meeting, is_closed=is_closed, is_last=is_last, acting_user=acting_user
        )
        number, suffix, addendum = placement.number, placement.suffix, placement.addendum
        order = placement.order if order is None else order
    elif order is None:
        last = meeting.items.filter(order__lt=CLOSING_ORDER).aggregate(top=Max("order"))["top"]
        order = (last or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        committee=meeting.committee,
        year=meeting.held_on.year,
        number=number,
        number_suffix=suffix,
        order=order,
        title=title.strip()[:500],
        presenter=presenter.strip()[:200],
        kind=kind,
        is_closed=is_closed,
        closure_reason=closure_reason if is_closed else "",
        public_title=public_title.strip()[:300] if is_closed else "",
        is_draft=is_draft,
        is_standard=is_standard,
        is_last=is_last,
        process=process,
        addendum=addendum,
        case=case,
        forwarded_from=forwarded_from,
        created_by=acting_user,
    )
    apply_journal_number(item, journal_number)
    if content is not None:
        item.recommendation_intro = content.recommendation_intro[:300]
    item.full_clean()
    item.save()
    if content is not None:
        write_content(item, content)
    record(
        meeting=meeting,
        action=AuditAction.ITEM_ADDED,
        acting_user=acting_user,
        item=item,
        after={
            "title": item.title,
            "number": item.label,
            "is_closed": item.is_closed,
            "addendum": addendum.number if addendum else None,
        },
    )
    if addendum is not None:
        render_pdfs_if_published(meeting)
    return item


@transaction.atomic
def update_item_content(
    *, item: AgendaItem, content: ItemContent, acting_user: User | None = None
) -> AgendaItem:
    """Replace an item's sections, recommendations and attachment list (not on approved
    minutes); what an import does with a changed document. `acting_user` None is the system."""
    check_not_locked(item.meeting)
    before = content_snapshot(item)
    item.recommendation_intro = content.recommendation_intro[:300]
    item.full_clean()
    item.save()
    write_content(item, content)
    record(
        meeting=item.meeting,
        action=AuditAction.ITEM_EDITED,
        acting_user=acting_user,
        item=item,
        before=before,
        after=content_snapshot(item),
    )
    return item


@transaction.atomic
def record_decision(
    *,
    item: AgendaItem,
    text: str,
    outcomes: Sequence[Outcome] = (),
    acting_user: User | None,
) -> AgendaItem:
    """Write the item's decision (Referat; for a political committee "Beslutning i <udvalg>
    den <dato>") and the outcome of each recommendation."""
    check_not_locked(item.meeting)
    refuse_nul(text=text)
    section = item.sections.filter(kind=SectionKind.DECISION).first()
    before: dict[str, JsonValue] = {
        "text": section.body if section else "",
        "outcomes": [str(r.outcome) for r in item.recommendations.order_by("order")],
    }
    is_new = section is None
    if section is None:
        top = item.sections.aggregate(top=Max("order"))["top"] or 0
        section = ItemSection(
            item=item, kind=SectionKind.DECISION, heading="Referat", order=top + 1
        )
    section.body = text
    section.full_clean()
    section.save()
    if is_new:
        put_in_standard_order(item)
    for recommendation, outcome in zip(
        item.recommendations.order_by("order"), outcomes, strict=False
    ):
        recommendation.outcome = outcome
        recommendation.full_clean()
        recommendation.save(update_fields=["outcome"])
    if item.is_draft:
        item.is_draft = False
        item.save(update_fields=["is_draft"])
    record(
        meeting=item.meeting,
        action=AuditAction.DECISION,
        acting_user=acting_user,
        item=item,
        before=before,
        after={
            "text": text,
            "outcomes": [str(r.outcome) for r in item.recommendations.order_by("order")],
        },
    )
    render_pdfs_if_published(item.meeting)
    return item
