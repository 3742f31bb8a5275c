"""An item's text as written: the content a secretary or an importer gives (`ItemContent`),
its sections in the Danish order (Resumé, Indstilling, Referat, Sagsfremstilling, Økonomi), and
a snapshot of it for the audit log."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import F, Max

from dialogportal.meetings.models import (
    AgendaItem,
    Attachment,
    ItemSection,
    Recommendation,
    SectionKind,
)
from dialogportal.minutes.journal import parse_journal_number


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


def write_content(item: AgendaItem, content: ItemContent) -> None:
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


def content_snapshot(item: AgendaItem) -> dict[str, str]:
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


# The Danish order of an item's sections (as `sections_of` writes them): untitled custom text,
# Resumé, Indstilling, Referat, Sagsfremstilling, Økonomi, titled custom sections.
_SECTION_RANK: dict[str, int] = {
    SectionKind.SUMMARY: 1,
    SectionKind.RECOMMENDATION: 2,
    SectionKind.DECISION: 3,
    SectionKind.CASE_DESCRIPTION: 4,
    SectionKind.FINANCES: 5,
}


def section_rank(section: ItemSection) -> int:
    if section.kind == SectionKind.CUSTOM:
        return 6 if section.heading else 0
    return _SECTION_RANK[section.kind]


def renumber(item: AgendaItem, sections: list[ItemSection]) -> None:
    """Give `sections` the orders 1..n; orders are unique per item, so the existing rows are
    lifted clear of 1..n first."""
    top = item.sections.aggregate(top=Max("order"))["top"] or 0
    item.sections.update(order=F("order") + top + len(sections))
    for order, section in enumerate(sections, start=1):
        section.order = order
        section.full_clean()
        section.save()


def put_in_standard_order(item: AgendaItem) -> None:
    """A new Referat goes after the Indstilling, where Danish minutes have it."""
    renumber(item, sorted(item.sections.order_by("order"), key=section_rank))
