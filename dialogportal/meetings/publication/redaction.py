"""What of a document a reader without full access may see: the one function `redact`."""

from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialogportal.meetings.document import EARLIER_DECISION, DocItem, DocMeeting, DocSection
from dialogportal.meetings.models import MeetingStatus, SectionKind

CLOSED_TITLE = gettext_lazy("Lukket punkt")


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
