"""Storing a parsed agenda or minutes: the checks first, then one atomic write.

A document is recognised by the digest of its file: the same file again changes nothing. A
meeting is keyed on (committee, date, start time) and its items on their numbers, which run
through the committee's year: an item number another meeting of the same committee and year
already has is refused, naming both meetings. A dry run runs exactly this, inside a
transaction that is rolled back, so what the dry run accepts the import stores.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, time

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.importing.committees import CommitteeChoice, choose_committee
from dialogportal.meetings.importing.content import (
    item_kind,
    item_matches,
    validate_item,
    write_item_content,
)
from dialogportal.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    MinutesImport,
)
from dialogportal.meetings.services import (
    apply_journal_number,
    freeze_minutes,
    plan_meeting,
    update_meeting_details,
)
from dialogportal.minutes import MinutesError, ParsedItem, ParsedMinutes, to_json_dict
from dialogportal.minutes.batch import ImportOutcome, Outcome
from dialogportal.organisation.models import Committee

__all__ = ["ImportRefusedError", "already_imported", "import_minutes", "minutes_digest"]


class ImportRefusedError(MinutesError):
    """The document cannot be stored as it is; nothing was."""


def minutes_digest(parsed: ParsedMinutes) -> str:
    """A digest of what a document says, for documents that come without their file."""
    data = json.dumps(to_json_dict(parsed), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def already_imported(record: MinutesImport) -> str:
    """The report for a file imported before."""
    return _("Findes allerede: filen blev importeret %(when)s som %(meeting)s (fra %(file)s).") % {
        "when": _day(timezone.localdate(record.imported_at)),
        "meeting": _meeting_name(record.meeting),
        "file": record.source_name,
    }


def _day(value: date) -> str:
    return str(date_format(value, "j. F Y"))


def _meeting_name(meeting: Meeting) -> str:
    when = _day(meeting.held_on)
    if meeting.start_time is not None:
        when += f" kl. {meeting.start_time:%H.%M}"
    return f"{meeting.committee.name} {when}"


def _origin(meeting: Meeting) -> str:
    first = meeting.imports.order_by("imported_at").first()
    if first is not None:
        return _("importeret fra %(file)s") % {"file": first.source_name}
    return _("oprettet i Dialogportal (møde %(id)d)") % {"id": meeting.pk}


@dataclass(frozen=True)
class _Target:
    committee: Committee
    created_note: str
    meeting: Meeting | None


def _find_meeting(committee: Committee, held_on: date, start: time | None) -> Meeting | None:
    """The meeting of that committee, day and time; a document without a time (or a meeting
    without one) matches the committee's only meeting that day."""
    exact = Meeting.objects.filter(committee=committee, held_on=held_on, start_time=start).first()
    if exact is not None:
        return exact
    same_day = list(Meeting.objects.filter(committee=committee, held_on=held_on)[:2])
    if len(same_day) == 1 and (start is None or same_day[0].start_time is None):
        return same_day[0]
    return None


def _check_numbers(parsed: ParsedMinutes, committee: Committee, meeting: Meeting | None) -> None:
    """Item numbers run through the committee's year: refuse numbers another meeting has."""
    assert parsed.date is not None
    keys = {item.key for item in parsed.items}
    candidates = (
        AgendaItem.objects.filter(
            committee=committee,
            year=parsed.date.year,
            number__in={number for number, _ in keys},
        )
        .exclude(meeting=meeting)
        .select_related("meeting", "meeting__committee")
        .order_by("number", "number_suffix")
    )
    found = [row for row in candidates if (row.number, row.number_suffix) in keys][:10]
    if not found:
        return
    other = found[0].meeting
    this = _day(parsed.date) + (f" kl. {parsed.start_time:%H.%M}" if parsed.start_time else "")
    raise ImportRefusedError(
        _(
            "punkt %(numbers)s findes allerede i et andet møde: %(other)s (%(origin)s; "
            "„%(title)s“). Dokumentet er mødet %(this)s. Punktnumre løber gennem udvalgets "
            "år, så to møder kan ikke have samme nummer; ret nummereringen i et af dem, eller "
            "importér til et andet udvalg med --committee"
        ),
        line=next(
            item.line
            for item in parsed.items
            if item.key == (found[0].number, found[0].number_suffix)
        ),
        numbers=", ".join(row.label for row in found),
        other=_meeting_name(other),
        origin=_origin(other),
        title=found[0].title[:80],
        this=f"{committee.name} {this}",
    )


def _plan(parsed: ParsedMinutes, choice: CommitteeChoice) -> _Target:
    if parsed.date is None:
        raise ImportRefusedError(
            _("dokumentet har ingen mødedato (fx „Mødedato: 3. november 2025“ øverst)")
        )
    meeting = _find_meeting(choice.committee, parsed.date, parsed.start_time)
    _check_numbers(parsed, choice.committee, meeting)
    return _Target(choice.committee, choice.created_note, meeting)


def _new_item(meeting: Meeting, item: ParsedItem, order: int) -> AgendaItem:
    row = AgendaItem(
        meeting=meeting,
        committee=meeting.committee,
        year=meeting.held_on.year,
        number=item.number,
        number_suffix=item.number_suffix,
        order=order,
        title=item.title,
        presenter=item.presenter or "",
        kind=item_kind(item),
        is_closed=item.closed,
        recommendation_intro=item.recommendation_intro or "",
    )
    apply_journal_number(row, item.journal_number or "")
    validate_item(row, item)
    row.save()
    write_item_content(row, item)
    return row


def _update_item(row: AgendaItem, item: ParsedItem, order: int) -> None:
    row.order = order
    row.title = item.title
    row.presenter = item.presenter or ""
    row.kind = item_kind(item)
    row.is_closed = item.closed
    row.recommendation_intro = item.recommendation_intro or ""
    apply_journal_number(row, item.journal_number or "")
    validate_item(row, item)
    row.save()
    write_item_content(row, item)


def _signatures_remark(parsed: ParsedMinutes) -> str:
    remarks = parsed.remarks or ""
    if parsed.signatures:
        signed = _("Underskriftsblad: %(names)s") % {"names": ", ".join(parsed.signatures)}
        remarks = f"{remarks}\n{signed}".strip()
    return remarks


def _write_items(meeting: Meeting, parsed: ParsedMinutes) -> tuple[int, int]:
    """Add the document's items to the meeting and bring differing ones in line."""
    new = changed = 0
    stored = {(row.number, row.number_suffix): row for row in meeting.items.all()}
    for order, item in enumerate(parsed.items, start=1):
        row = stored.get(item.key)
        if row is None:
            _new_item(meeting, item, order)
            new += 1
        elif not item_matches(row, item):
            _update_item(row, item, order)
            changed += 1
    return new, changed


def _refuse_changing_approved(meeting: Meeting, parsed: ParsedMinutes) -> None:
    stored = {(row.number, row.number_suffix): row for row in meeting.items.all()}
    differing = [
        item.display_number
        for item in parsed.items
        if item.key not in stored
        or not item_matches(stored[item.key], item, access_as_written=False)
    ]
    if differing:
        raise ImportRefusedError(
            _(
                "referatet af %(meeting)s er godkendt (%(origin)s), og dokumentet afviger i "
                "punkt %(numbers)s; et godkendt referat ændres kun med en rettelse (ny version)"
            ),
            meeting=_meeting_name(meeting),
            origin=_origin(meeting),
            numbers=", ".join(differing[:10]),
        )


def _approve_imported(meeting: Meeting, source_name: str, acting_user: User | None) -> None:
    # Minutes from an archive were approved where they came from: frozen here as version 1.
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.save(update_fields=["status"])
    freeze_minutes(
        meeting,
        reason=(_("Importeret fra %(file)s") % {"file": source_name or _("dokument")})[:500],
        acting_user=acting_user,
    )


def _store(
    parsed: ParsedMinutes, target: _Target, source_name: str, acting_user: User | None
) -> tuple[Outcome, Meeting, str]:
    assert parsed.date is not None
    is_minutes = parsed.kind.lower() != "dagsorden"
    meeting = target.meeting
    if meeting is None:
        meeting = plan_meeting(
            committee=target.committee,
            held_on=parsed.date,
            start_time=parsed.start_time,
            end_time=parsed.end_time,
            place=parsed.location or "",
            with_standard_items=False,
            status=MeetingStatus.MINUTES_DRAFT if is_minutes else MeetingStatus.AGENDA_PUBLISHED,
        )
        _write_items(meeting, parsed)
        update_meeting_details(
            meeting=meeting,
            participants="\n".join(parsed.participants),
            excused="\n".join(parsed.excused),
            absent="\n".join(parsed.absent),
            remarks=_signatures_remark(parsed),
        )
        if is_minutes:
            _approve_imported(meeting, source_name, acting_user)
        report = _("Importeret %(meeting)s: møde %(id)d med %(count)d punkter.") % {
            "meeting": _meeting_name(meeting),
            "id": meeting.pk,
            "count": len(parsed.items),
        }
        return Outcome.IMPORTED, meeting, report
    if meeting.is_minutes and not is_minutes:
        report = _(
            "Referatet af %(meeting)s findes allerede (%(origin)s); dagsordenen tilføjer intet."
        ) % {"meeting": _meeting_name(meeting), "origin": _origin(meeting)}
        return Outcome.PRESENT, meeting, report
    if meeting.is_locked:
        _refuse_changing_approved(meeting, parsed)
        report = _("Findes allerede: %(meeting)s (%(origin)s) siger det samme.") % {
            "meeting": _meeting_name(meeting),
            "origin": _origin(meeting),
        }
        return Outcome.PRESENT, meeting, report
    new, changed = _write_items(meeting, parsed)
    if is_minutes:
        if parsed.absent or parsed.excused or parsed.participants:
            update_meeting_details(
                meeting=meeting,
                participants="\n".join(parsed.participants),
                excused="\n".join(parsed.excused),
                absent="\n".join(parsed.absent),
                remarks=_signatures_remark(parsed),
            )
        _approve_imported(meeting, source_name, acting_user)
    if not (new or changed or is_minutes):
        report = _("Findes allerede: %(meeting)s (%(origin)s) siger det samme.") % {
            "meeting": _meeting_name(meeting),
            "origin": _origin(meeting),
        }
        return Outcome.PRESENT, meeting, report
    report = _(
        "Opdaterede %(meeting)s (møde %(id)d): %(new)d nye og %(changed)d ændrede "
        "punkter%(approved)s."
    ) % {
        "meeting": _meeting_name(meeting),
        "id": meeting.pk,
        "new": new,
        "changed": changed,
        "approved": _("; referatet er lagt ind som godkendt") if is_minutes else "",
    }
    return Outcome.UPDATED, meeting, report


@transaction.atomic
def import_minutes(
    *,
    parsed: ParsedMinutes,
    digest: str,
    source_name: str,
    committee_slug: str | None,
    create_committee: bool = False,
    committee_level: str | None = None,
    acting_user: User | None,
) -> ImportOutcome:
    """Store a parsed agenda or minutes whole, or refuse it whole (:class:`ImportRefusedError`,
    naming the line), and record the import. The same file (by ``digest``) twice changes
    nothing; minutes for a meeting imported as an agenda complete it."""
    earlier = MinutesImport.objects.filter(digest=digest).select_related("meeting__committee")
    found = earlier.first()
    if found is not None:
        return ImportOutcome(Outcome.PRESENT, already_imported(found))
    choice = choose_committee(
        parsed, slug=committee_slug, create=create_committee, level=committee_level
    )
    target = _plan(parsed, choice)
    try:
        with transaction.atomic():
            status, meeting, report = _store(parsed, target, source_name, acting_user)
            MinutesImport.objects.create(
                meeting=meeting,
                digest=digest,
                source_name=source_name[-500:],
                kind=parsed.kind[:30],
                item_count=len(parsed.items),
                imported_by=acting_user,
            )
    except IntegrityError as error:
        # Another import of the same meeting or file committed first (two runs at once).
        raise ImportRefusedError(
            _("mødet blev gemt af en anden import samtidig; kør importen igen (%(error)s)"),
            error=str(error)[:200],
        ) from error
    if target.created_note:
        report = f"{target.created_note}\n{report}"
    return ImportOutcome(status, report)
