"""Agenda items: their content, editing and decisions (attachments: `attachments`)."""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import F, Max

from dialogportal.accounts.models import User
from dialogportal.meetings.models import (
    CLOSING_ORDER,
    AgendaItem,
    Attachment,
    AuditAction,
    Case,
    ItemKind,
    ItemSection,
    Meeting,
    Outcome,
    Recommendation,
    SectionKind,
)
from dialogportal.meetings.services.agenda import place_new_item
from dialogportal.meetings.services.audit import JsonValue, record
from dialogportal.meetings.services.common import (
    check_not_locked,
    refuse_nul,
    render_pdfs_if_published,
)
from dialogportal.minutes.journal import parse_journal_number
from dialogportal.processes.models import Process


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
        _write_content(item, content)
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
    before = _content_snapshot(item)
    item.recommendation_intro = content.recommendation_intro[:300]
    item.full_clean()
    item.save()
    _write_content(item, content)
    record(
        meeting=item.meeting,
        action=AuditAction.ITEM_EDITED,
        acting_user=acting_user,
        item=item,
        before=before,
        after=_content_snapshot(item),
    )
    return item


def _content_snapshot(item: AgendaItem) -> dict[str, str]:
    """An item's heading data and text, for the audit row of an edit."""
    snapshot = {
        "title": item.title,
        "presenter": item.presenter,
        "journal_number": item.journal_number,
        "kind": item.kind,
        "is_closed": "ja" if item.is_closed else "nej",
        "closure_reason": item.closure_reason,
        "public_title": item.public_title,
        "public_decision": item.public_decision,
        "recommendation_intro": item.recommendation_intro,
        "recommendations": "\n".join(r.text for r in item.recommendations.order_by("order")),
    }
    for section in item.sections.order_by("order"):
        snapshot.setdefault(f"section:{section.kind}", section.body)
    return snapshot


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
        _put_in_standard_order(item)
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


def _renumber(item: AgendaItem, sections: list[ItemSection]) -> None:
    """Give `sections` the orders 1..n; orders are unique per item, so the existing rows are
    lifted clear of 1..n first."""
    top = item.sections.aggregate(top=Max("order"))["top"] or 0
    item.sections.update(order=F("order") + top + len(sections))
    for order, section in enumerate(sections, start=1):
        section.order = order
        section.full_clean()
        section.save()


def _put_in_standard_order(item: AgendaItem) -> None:
    """A new Referat goes after the Indstilling, where Danish minutes have it."""
    _renumber(item, sorted(item.sections.order_by("order"), key=_section_rank))


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
    _renumber(item, kept)


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
    before = _content_snapshot(item)
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
    after = _content_snapshot(item)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    record(
        meeting=item.meeting,
        action=AuditAction.ITEM_EDITED,
        acting_user=acting_user,
        item=item,
        before={key: before.get(key, "") for key in sorted(changed)},
        after={key: after.get(key, "") for key in sorted(changed)},
    )
    render_pdfs_if_published(item.meeting)
    return item
