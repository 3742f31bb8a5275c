"""The order and numbering of an agenda.

- Before publication the secretariat orders the items freely (`move_item`), within their group
  (open items, then closed ones) and above the closing standard items ("Eventuelt").
- Publishing numbers the items in that order, continuing the committee's running numbers for
  the year (`number_agenda`); numbers never change afterwards, and the order is fixed.
- An item added after publication goes on a dated tillægsdagsorden (`Addendum`): an open item
  just above the closing items, a closed one last. Placed between two numbered items it gets
  the earlier one's number and a letter ("7a"), so the numbers on every agenda stay ascending.
"""

import string
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.models import (
    AGENDA_ORDER,
    CLOSING_ORDER,
    Addendum,
    AgendaItem,
    AuditAction,
    Meeting,
    MeetingStatus,
)
from dialogportal.meetings.services.audit import record
from dialogportal.organisation.models import Committee

# A meeting still takes new items in these statuses; after publication they make a tillæg.
ACCEPTS_ITEMS = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED)


@dataclass(frozen=True)
class Placement:
    order: int
    number: int | None = None
    suffix: str = ""
    addendum: Addendum | None = None


def _lock_numbering(committee: Committee) -> None:
    # Numbers are unique per committee and year: one numbering at a time per committee.
    Committee.objects.select_for_update().filter(pk=committee.pk).first()


def check_accepts_items(meeting: Meeting) -> None:
    if meeting.status not in ACCEPTS_ITEMS:
        raise ValidationError(
            _(
                "Mødet har status “%(status)s”, og der kan ikke tilføjes flere punkter. "
                "Sæt punktet på dagsordenen til et senere møde."
            )
            % {"status": meeting.get_status_display()}
        )


def next_order(meeting: Meeting, *, is_last: bool) -> int:
    """The place of a new item: after the other items, but above the closing items."""
    if is_last:
        return CLOSING_ORDER
    top = meeting.items.filter(order__lt=CLOSING_ORDER).aggregate(top=Max("order"))["top"]
    return (top or 0) + 1


def _current_addendum(meeting: Meeting, acting_user: User | None) -> Addendum:
    """Today's tillægsdagsorden of the meeting, made (and published) by the first addition."""
    today = timezone.localdate()
    latest = meeting.addenda.order_by("-number").first()
    if latest is not None and timezone.localdate(latest.published_at) == today:
        return latest
    addendum = Addendum(
        meeting=meeting,
        number=(latest.number + 1) if latest else 1,
        published_at=timezone.now(),
        created_by=acting_user,
    )
    addendum.full_clean()
    addendum.save()
    record(
        meeting=meeting,
        action=AuditAction.ADDENDUM,
        acting_user=acting_user,
        after={"addendum": addendum.number},
    )
    return addendum


def _next_letter(committee: Committee, year: int, number: int) -> str:
    used = set(
        AgendaItem.objects.filter(committee=committee, year=year, number=number).values_list(
            "number_suffix", flat=True
        )
    )
    for letter in string.ascii_lowercase:
        if letter not in used:
            return letter
    raise ValidationError(
        _("Der kan ikke tilføjes flere tillægspunkter efter punkt %(n)d.") % {"n": number}
    )


def place_new_item(
    meeting: Meeting, *, is_closed: bool, is_last: bool, acting_user: User | None
) -> Placement:
    """Where a new item goes and, after publication, its tillæg and number."""
    check_accepts_items(meeting)
    if meeting.status == MeetingStatus.PLANNED:
        return Placement(order=next_order(meeting, is_last=is_last))
    _lock_numbering(meeting.committee)
    if is_closed:
        top = meeting.items.filter(is_closed=True).aggregate(top=Max("order"))["top"]
        order = (top or 0) + 1
    else:
        order = next_order(meeting, is_last=is_last)
    key = (is_closed, order)
    items = list(meeting.items.order_by(*AGENDA_ORDER))
    before = [i for i in items if (i.is_closed, i.order) <= key]
    after = [i for i in items if (i.is_closed, i.order) > key]
    year = meeting.held_on.year
    if after and before and before[-1].number is not None:
        number = before[-1].number
        suffix = _next_letter(meeting.committee, year, number)
    else:
        number = AgendaItem.objects.next_number(meeting.committee, year)
        suffix = ""
    return Placement(
        order=order,
        number=number,
        suffix=suffix,
        addendum=_current_addendum(meeting, acting_user),
    )


def number_agenda(meeting: Meeting, *, acting_user: User | None) -> list[str]:
    """Number the meeting's unnumbered items in agenda order, continuing the committee's
    running numbers for the year; returns the labels given."""
    _lock_numbering(meeting.committee)
    unnumbered = list(meeting.items.filter(number__isnull=True).order_by(*AGENDA_ORDER))
    if not unnumbered:
        return []
    first = AgendaItem.objects.next_number(meeting.committee, meeting.held_on.year)
    for offset, item in enumerate(unnumbered):
        item.number = first + offset
        item.save(update_fields=["number"])
    labels = [item.label for item in unnumbered]
    record(
        meeting=meeting,
        action=AuditAction.NUMBERED,
        acting_user=acting_user,
        after={"numbers": labels},
    )
    return labels


@transaction.atomic
def move_item(*, item: AgendaItem, up: bool, acting_user: User | None) -> AgendaItem:
    """Move an item one place up or down among the items of its group (open or closed) on an
    agenda that is not yet published; the closing items ("Eventuelt") stay last."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            _(
                "Dagsordenen er offentliggjort: punkternes rækkefølge og numre ligger fast. "
                "Nye punkter kommer på en tillægsdagsorden."
            )
        )
    item = meeting.items.get(pk=item.pk)
    if item.is_last:
        raise ValidationError(
            _("“%(title)s” står altid sidst blandt de åbne punkter.") % {"title": item.title}
        )
    group = list(
        meeting.items.filter(is_closed=item.is_closed, is_last=False).order_by(*AGENDA_ORDER)
    )
    index = next(i for i, other in enumerate(group) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(group):
        raise ValidationError(
            _("Punktet står allerede øverst.") if up else _("Punktet står allerede nederst.")
        )
    group[index], group[target] = group[target], group[index]
    # Orders 1..n in the new sequence (legacy rows may share an order).
    for position, other in enumerate(group, start=1):
        if other.order != position:
            other.order = position
            other.save(update_fields=["order"])
    record(
        meeting=meeting,
        action=AuditAction.ITEM_MOVED,
        acting_user=acting_user,
        item=item,
        before={"position": index + 1},
        after={"position": target + 1},
    )
    return group[target]
