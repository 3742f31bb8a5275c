"""The JSON shape of ``import-minutes --dry-run --format json``."""

from __future__ import annotations

from typing import Any

from dialogportal.minutes.model import ParsedAttachment, ParsedItem, ParsedMinutes

__all__ = ["to_json_dict"]


def _item_dict(item: ParsedItem) -> dict[str, Any]:
    return {
        "number": item.number,
        "number_suffix": item.number_suffix,
        "title": item.title,
        "presenter": item.presenter,
        "journal_number": item.journal_number,
        "closed": item.closed,
        "summary": item.summary,
        "recommendations": list(item.recommendations),
        "decision": item.decision,
        "case_description": item.case_description,
        "finances": item.finances,
        "attachments": [_attachment(attachment) for attachment in item.attachments],
    }


def _attachment(attachment: ParsedAttachment) -> str:
    # The shape stays a list of strings; a closed attachment says so as the documents do.
    return attachment.title if attachment.is_public else f"{attachment.title} (lukket bilag)"


def to_json_dict(parsed: ParsedMinutes) -> dict[str, Any]:
    """Exactly the documented keys; absent values are ``None`` or ``[]``. ``decision`` is the
    decision of the meeting the document records; earlier decisions of the item (by other
    committees) are in ``ParsedItem.decisions`` and in the text summary."""
    return {
        "committee": parsed.committee,
        "date": parsed.date.isoformat() if parsed.date is not None else None,
        "start_time": (
            parsed.start_time.strftime("%H:%M") if parsed.start_time is not None else None
        ),
        "location": parsed.location,
        "items": [_item_dict(item) for item in parsed.items],
    }
