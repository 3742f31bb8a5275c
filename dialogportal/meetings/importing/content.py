"""An imported item's content in the meetings model: its sections in the order the document
has them, its "at …" recommendations with their outcomes, and its attachments (closed ones not
public). Each decision ("Beslutning i Økonomiudvalget den …", "Beslutning i Byrådet den …") is
a section of its own under its own heading, never merged with another."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dialogportal.meetings.models import (
    AgendaItem,
    Attachment,
    ItemKind,
    ItemSection,
    Outcome,
    Recommendation,
    SectionKind,
)
from dialogportal.minutes import MinutesError, ParsedItem
from dialogportal.minutes import SectionKind as ParsedKind

__all__ = ["ItemRefusedError", "item_kind", "item_matches", "write_item_content"]

_SECTION_KINDS = {
    ParsedKind.SUMMARY: SectionKind.SUMMARY,
    ParsedKind.RECOMMENDATIONS: SectionKind.RECOMMENDATION,
    ParsedKind.DECISION: SectionKind.DECISION,
    ParsedKind.CASE_DESCRIPTION: SectionKind.CASE_DESCRIPTION,
    ParsedKind.FINANCES: SectionKind.FINANCES,
}
_CASE_TYPES = {
    "decision": ItemKind.DECISION,
    "information": ItemKind.INFORMATION,
    "discussion": ItemKind.DISCUSSION,
}
_OUTCOMES = {str(label).lower(): value for value, label in Outcome.choices} | {
    "tiltrådt": Outcome.ADOPTED,
    "vedtaget": Outcome.ADOPTED,
    "forkastet": Outcome.REJECTED,
}
_WORD_RE = re.compile(r"\w+")


class ItemRefusedError(MinutesError):
    """An item the meetings model cannot hold as it is (a field too long, a bad value)."""


def item_kind(item: ParsedItem) -> ItemKind:
    """The type from "Sagstype" where the document has one, else guessed from the wording."""
    if item.case_type in _CASE_TYPES:
        return _CASE_TYPES[item.case_type]
    text = " ".join([item.title, *item.recommendations]).lower()
    if "orientering" in text or "efterretning" in text:
        return ItemKind.INFORMATION
    if "drøft" in text:
        return ItemKind.DISCUSSION
    return ItemKind.DECISION


def _heading(text: str) -> str:
    text = " ".join(text.split()).rstrip(":")
    return text[:1].upper() + text[1:]


def _sections(item: ParsedItem) -> list[tuple[str, str, str]]:
    """(kind, heading, body) of every section, in the document's order."""
    return [
        (
            _SECTION_KINDS.get(section.kind, SectionKind.CUSTOM),
            _heading(section.heading),
            section.body,
        )
        for section in item.sections
    ]


def _validated(
    row: AgendaItem | ItemSection | Recommendation | Attachment, item: ParsedItem, *, line: int
) -> None:
    """full_clean, with the refusal naming the item, the line and the field."""
    try:
        row.full_clean()
    except ValidationError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        problems = "; ".join(
            f"{_field_label(row, name)}: {' '.join(messages)}" if name else " ".join(messages)
            for name, messages in fields.items()
        )
        raise ItemRefusedError(
            _("punkt %(number)s kan ikke gemmes: %(problems)s"),
            line=line or item.line,
            number=item.display_number,
            problems=problems,
        ) from error


def _field_label(row: object, name: str) -> str:
    try:
        return str(row._meta.get_field(name).verbose_name)  # type: ignore[attr-defined]
    except Exception:  # a name that is not a field (NON_FIELD_ERRORS)
        return name


def validate_item(row: AgendaItem, item: ParsedItem) -> None:
    _validated(row, item, line=item.line)


def write_item_content(row: AgendaItem, item: ParsedItem) -> None:
    """Replace the item's sections, recommendations and attachments with the document's."""
    row.sections.all().delete()
    row.recommendations.all().delete()
    row.attachments.all().delete()
    for order, (section, (kind, heading, body)) in enumerate(
        zip(item.sections, _sections(item), strict=True), start=1
    ):
        _save(
            ItemSection(item=row, kind=kind, heading=heading, body=body, order=order),
            item,
            section.line,
        )
    for order, (text, outcome) in enumerate(
        zip(item.recommendations, item.recommendation_outcomes, strict=True), start=1
    ):
        value = _OUTCOMES.get((outcome or "").lower(), Outcome.PENDING)
        _save(Recommendation(item=row, order=order, text=text, outcome=value), item, item.line)
    for order, attachment in enumerate(item.attachments, start=1):
        _save(
            Attachment(
                item=row, title=attachment.title, is_public=attachment.is_public, order=order
            ),
            item,
            attachment.line,
        )


def _save(row: ItemSection | Recommendation | Attachment, item: ParsedItem, line: int) -> None:
    _validated(row, item, line=line)
    row.save()


def _words(text: str) -> tuple[str, ...]:
    """Text compared as words only: the same minutes as PDF and as Word differ in layout."""
    return tuple(word.lower() for word in _WORD_RE.findall(text))


def item_matches(row: AgendaItem, item: ParsedItem, *, access_as_written: bool = True) -> bool:
    """Whether the stored item already says what the document says (its words, not layout).

    Without ``access_as_written`` a document that does not mark an item or attachment closed
    matches one stored as closed (many exports, the product's Word file among them, do not
    mark them); one that marks it closed must still find it closed."""

    def same_access(stored_closed: bool, written_closed: bool) -> bool:
        if access_as_written:
            return stored_closed == written_closed
        return stored_closed or not written_closed

    stored_sections = [
        (section.kind, _words(section.heading), _words(section.body))
        for section in row.sections.order_by("order")
    ]
    wanted_sections = [
        (kind, _words(heading), _words(body)) for kind, heading, body in _sections(item)
    ]
    stored_attachments = list(row.attachments.order_by("order", "pk"))
    return (
        _words(row.title) == _words(item.title)
        and _words(row.presenter) == _words(item.presenter or "")
        and row.journal_number == (item.journal_number or "")
        and same_access(row.is_closed, item.closed)
        and stored_sections == wanted_sections
        and [_words(r.text) for r in row.recommendations.order_by("order")]
        == [_words(text) for text in item.recommendations]
        and [_words(a.title) for a in stored_attachments]
        == [_words(a.title) for a in item.attachments]
        and all(
            same_access(not stored.is_public, not written.is_public)
            for stored, written in zip(stored_attachments, item.attachments, strict=False)
        )
    )
