"""Save parsed minutes (dialogportal.minutes) into the database, whole or not at all.

The meeting is keyed on (committee, date, start time) and items on their number, so importing
the same document twice creates nothing new."""

from django.core.exceptions import ValidationError
from django.db import transaction

from dialogportal.meetings.models import AgendaItem, ItemKind, Meeting, MeetingStatus
from dialogportal.meetings.services import (
    ItemContent,
    NewAttachment,
    add_item,
    apply_journal_number,
    freeze_minutes,
    plan_meeting,
    sections_of,
    update_item_content,
    update_meeting_details,
)
from dialogportal.minutes import MinutesError, ParsedItem, ParsedMinutes
from dialogportal.organisation.models import Committee


def _find_committee(parsed: ParsedMinutes, slug: str | None) -> Committee:
    if slug:
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            raise LookupError(f"no committee with the slug '{slug}'")
        return committee
    name = (parsed.committee or "").strip()
    if not name:
        raise LookupError("the document names no committee; give --committee SLUG")
    matches = list(Committee.objects.filter(name__iexact=name))
    if len(matches) != 1:
        raise LookupError(f"no single committee named '{name}'; give --committee SLUG")
    return matches[0]


def _content(item: ParsedItem) -> ItemContent:
    return ItemContent(
        summary=item.summary,
        recommendation_intro=item.recommendation_intro or "",
        recommendations=list(item.recommendations),
        decision=item.decision,
        case_description=item.case_description,
        finances=item.finances,
        extra_sections=list(item.extra_sections),
        attachments=[NewAttachment(title) for title in item.attachments],
    )


def _kind(item: ParsedItem) -> ItemKind:
    text = " ".join([item.title, *item.recommendations]).lower()
    if "orientering" in text or "efterretning" in text:
        return ItemKind.INFORMATION
    if "drøft" in text:
        return ItemKind.DISCUSSION
    return ItemKind.DECISION


def _same(item: AgendaItem, parsed: ParsedItem) -> bool:
    """Whether the stored item already says what the document says."""
    content = _content(parsed)
    wanted = [(str(s.kind), s.heading, s.body) for s in sections_of(content)]
    stored = list(item.sections.order_by("order").values_list("kind", "heading", "body"))
    return (
        item.title == parsed.title.strip()[:500]
        and item.presenter == (parsed.presenter or "").strip()[:200]
        and item.journal_number == (parsed.journal_number or "").strip()[:100]
        and item.is_closed == parsed.closed
        and wanted == stored
        and list(item.recommendations.order_by("order").values_list("text", flat=True))
        == list(content.recommendations)
        and list(item.attachments.order_by("order", "pk").values_list("title", flat=True))
        == [a.title[:300] for a in content.attachments]
    )


@transaction.atomic
def save_parsed_minutes(parsed: ParsedMinutes, committee_slug: str | None) -> str:
    """Store a parsed agenda or minutes; return a one-line report. Raises LookupError for an
    unknown committee and MinutesError for content that cannot be stored (nothing is saved)."""
    committee = _find_committee(parsed, committee_slug)
    if parsed.date is None:
        raise MinutesError("the document has no meeting date (Mødedato)")
    is_minutes = parsed.kind.lower() != "dagsorden"
    meeting = Meeting.objects.filter(
        committee=committee, held_on=parsed.date, start_time=parsed.start_time
    ).first()
    created_meeting = meeting is None
    try:
        if meeting is None:
            meeting = plan_meeting(
                committee=committee,
                held_on=parsed.date,
                start_time=parsed.start_time,
                end_time=parsed.end_time,
                place=(parsed.location or "")[:300],
                with_standard_items=False,
                status=MeetingStatus.MINUTES_DRAFT
                if is_minutes
                else MeetingStatus.AGENDA_PUBLISHED,
            )
        new_items = changed = 0
        for order, parsed_item in enumerate(parsed.items, start=1):
            item = meeting.items.filter(number=parsed_item.number).first()
            if item is None:
                if meeting.is_locked:
                    raise MinutesError(
                        f"the minutes of {committee.name} {parsed.date:%d-%m-%Y} are approved; "
                        f"item {parsed_item.number} cannot be added (use a correction)"
                    )
                add_item(
                    meeting=meeting,
                    number=parsed_item.number,
                    order=order,
                    title=parsed_item.title,
                    presenter=parsed_item.presenter or "",
                    journal_number=parsed_item.journal_number or "",
                    is_closed=parsed_item.closed,
                    kind=_kind(parsed_item),
                    content=_content(parsed_item),
                )
                new_items += 1
            elif not _same(item, parsed_item):
                if meeting.is_locked:
                    raise MinutesError(
                        f"the minutes of {committee.name} {parsed.date:%d-%m-%Y} are approved "
                        f"and item {parsed_item.number} differs from the document; approved "
                        "minutes change only through a correction"
                    )
                item.title = parsed_item.title[:500]
                item.presenter = (parsed_item.presenter or "")[:200]
                item.is_closed = parsed_item.closed
                apply_journal_number(item, parsed_item.journal_number or "")
                item.full_clean()
                item.save()
                update_item_content(item=item, content=_content(parsed_item))
                changed += 1
        if created_meeting:
            update_meeting_details(
                meeting=meeting,
                participants="\n".join(parsed.participants),
                excused="\n".join(parsed.excused),
                absent="\n".join(parsed.absent),
                remarks=parsed.remarks or "",
            )
        if created_meeting and is_minutes:
            # Existing minutes were approved where they came from: freeze them as version 1.
            meeting.status = MeetingStatus.MINUTES_APPROVED
            meeting.save(update_fields=["status"])
            freeze_minutes(
                meeting,
                reason=f"Importeret fra {parsed.source_name or 'dokument'}"[:500],
                acting_user=None,
            )
    except ValidationError as error:
        raise MinutesError("; ".join(error.messages)) from error
    if created_meeting:
        return (
            f"Imported {committee.name} {parsed.date:%d-%m-%Y}: meeting {meeting.pk} with "
            f"{new_items} items."
        )
    if new_items or changed:
        return (
            f"Updated {committee.name} {parsed.date:%d-%m-%Y} (meeting {meeting.pk}): "
            f"{new_items} new and {changed} changed items."
        )
    return (
        f"Nothing new: {committee.name} {parsed.date:%d-%m-%Y} is already imported "
        f"(meeting {meeting.pk})."
    )
