"""What is recorded on an item at the meeting besides its decision: who was present for it
(per-item absence and inhabilitet), votes and protocol notes. Votes are for political
committees; their counts must add up to the members present for the item."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.models import (
    AgendaItem,
    AttendanceKind,
    AuditAction,
    ItemAttendance,
    Meeting,
    MeetingStatus,
    NoteKind,
    ProtocolNote,
    Vote,
    VoteChoice,
    VoteCount,
)
from dialogportal.meetings.services.audit import record
from dialogportal.meetings.services.common import (
    check_not_locked,
    refuse_nul,
    render_pdfs_if_published,
)
from dialogportal.organisation.models import Membership, MembershipRole

# Seats that take part in the committee's decisions (and sign political minutes).
VOTING_ROLES = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.MEMBER)
MAX_NOTE = 10_000


def name_key(name: str) -> str:
    """Names compare without regard to case and spacing ("Anna  hansen" is "Anna Hansen")."""
    return " ".join(name.split()).casefold()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def voting_seats(meeting: Meeting) -> list[Membership]:
    """The committee's chair, vice-chair and members on the day of the meeting."""
    return list(
        Membership.objects.active_on(meeting.held_on)
        .filter(committee=meeting.committee, role__in=[str(r) for r in VOTING_ROLES])
        .select_related("user")
        .order_by("person_name")
    )


def members_present(meeting: Meeting) -> list[str]:
    """Who took part in the meeting: the participants written on it (one a line), or – when
    none are written – the committee's members on the day, less those with afbud or
    fraværende."""
    away = {name_key(n) for n in _lines(meeting.excused) + _lines(meeting.absent)}
    named = _lines(meeting.participants) or [seat.person_name for seat in voting_seats(meeting)]
    present: dict[str, str] = {}
    for name in named:
        if name_key(name) not in away:
            present.setdefault(name_key(name), name)
    return list(present.values())


def present_for_item(item: AgendaItem) -> list[str]:
    """The members present for this item: those present at the meeting, less the ones absent
    from the item or inhabile in it."""
    away = {name_key(a.person_name) for a in item.attendance.all()}
    return [name for name in members_present(item.meeting) if name_key(name) not in away]


def _check_recording(item: AgendaItem) -> None:
    # The meeting's status as it is now, locked for the change (not as the caller loaded it).
    item.meeting = (
        Meeting.objects.select_for_update().select_related("committee").get(pk=item.meeting_id)
    )
    check_not_locked(item.meeting)
    if item.meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT):
        raise ValidationError(
            _("Afstemninger, fravær og protokoltilførsler registreres, når mødet er afholdt.")
        )


# --- absence and inhabilitet per item -------------------------------------------------------


@transaction.atomic
def set_item_attendance(
    *,
    item: AgendaItem,
    person_name: str,
    kind: AttendanceKind,
    note: str = "",
    acting_user: User | None,
) -> ItemAttendance:
    """Record that a member present at the meeting was absent from this item, or inhabil in it
    (did not take part); a second record for the same person replaces the first."""
    _check_recording(item)
    refuse_nul(person_name=person_name, note=note)
    present = {name_key(n): n for n in members_present(item.meeting)}
    name = present.get(name_key(person_name))
    if name is None:
        raise ValidationError(
            {
                "person_name": _("%(name)s er ikke blandt mødets deltagere.")
                % {"name": person_name.strip() or "–"}
            }
        )
    row = next(
        (a for a in item.attendance.all() if name_key(a.person_name) == name_key(name)), None
    )
    before = {"kind": row.kind, "note": row.note} if row else {}
    if row is None:
        row = ItemAttendance(item=item, person_name=name)
    row.kind = kind
    row.note = note.strip()[:300]
    row.full_clean()
    row.save()
    record(
        meeting=item.meeting,
        action=AuditAction.ATTENDANCE,
        acting_user=acting_user,
        item=item,
        before=before,
        after={"person": name, "kind": str(kind), "note": row.note},
    )
    render_pdfs_if_published(item.meeting)
    return row


@transaction.atomic
def remove_item_attendance(*, attendance: ItemAttendance, acting_user: User | None) -> None:
    item = attendance.item
    _check_recording(item)
    record(
        meeting=item.meeting,
        action=AuditAction.ATTENDANCE_REMOVED,
        acting_user=acting_user,
        item=item,
        before={"person": attendance.person_name, "kind": attendance.kind},
    )
    attendance.delete()
    render_pdfs_if_published(item.meeting)


# --- votes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteLine:
    """Votes of one party (or one member) for one option."""

    voter: str
    choice: VoteChoice
    count: int


def vote_result(counts: Sequence[VoteCount] | Sequence[VoteLine]) -> bool:
    """Adopted with more votes for than against; a tie rejects (kommunestyrelseslovens § 11)."""
    votes_for = sum(c.count for c in counts if c.choice == VoteChoice.FOR)
    against = sum(c.count for c in counts if c.choice == VoteChoice.AGAINST)
    return votes_for > against


@transaction.atomic
def record_vote(
    *, item: AgendaItem, motion: str, lines: Sequence[VoteLine], acting_user: User | None
) -> Vote:
    """Record a vote on an item of a political committee: the motion ("Indstillingen",
    "Ændringsforslag fra Ø") and the votes for, against and abstaining per party or member.
    The votes must add up to the members present for the item."""
    _check_recording(item)
    if not item.meeting.is_political:
        raise ValidationError(_("Afstemninger registreres kun i politiske udvalg."))
    motion = " ".join(motion.split())
    refuse_nul(motion=motion, voters="".join(line.voter for line in lines))
    errors: dict[str, list[str]] = {}
    if not motion:
        errors.setdefault("motion", []).append(_("Skriv, hvad der blev stemt om."))
    elif len(motion) > 300:
        errors.setdefault("motion", []).append(_("Højst 300 tegn."))
    cleaned: list[VoteLine] = []
    seen: set[tuple[str, str]] = set()
    for line in lines:
        voter = " ".join(line.voter.split())[:200]
        if not voter:
            errors.setdefault("lines", []).append(_("Hver linje skal have et parti eller et navn."))
            continue
        if not 1 <= line.count <= 999:
            errors.setdefault("lines", []).append(
                _("%(voter)s: antallet skal være mellem 1 og 999.") % {"voter": voter}
            )
            continue
        if (name_key(voter), line.choice) in seen:
            errors.setdefault("lines", []).append(
                _("%(voter)s står to gange under “%(choice)s”.")
                % {"voter": voter, "choice": VoteChoice(line.choice).label}
            )
            continue
        seen.add((name_key(voter), line.choice))
        cleaned.append(VoteLine(voter=voter, choice=line.choice, count=line.count))
    if not cleaned and "lines" not in errors:
        errors["lines"] = [_("Skriv stemmerne: for, imod og undlod at stemme.")]
    if errors:
        raise ValidationError(errors)
    total = sum(line.count for line in cleaned)
    present = present_for_item(item)
    if total != len(present):
        raise ValidationError(
            {
                "lines": [
                    _(
                        "Stemmerne giver i alt %(total)d, men %(present)d medlemmer er til stede "
                        "ved punktet. Ret stemmetallene eller fraværet ved punktet."
                    )
                    % {"total": total, "present": len(present)}
                ]
            }
        )
    top = item.votes.aggregate(top=Max("order"))["top"] or 0
    vote = Vote(item=item, order=top + 1, motion=motion)
    vote.full_clean()
    vote.save()
    for order, line in enumerate(cleaned, start=1):
        count = VoteCount(
            vote=vote, voter=line.voter, choice=line.choice, count=line.count, order=order
        )
        count.full_clean()
        count.save()
    record(
        meeting=item.meeting,
        action=AuditAction.VOTE,
        acting_user=acting_user,
        item=item,
        after={
            "motion": motion,
            "for": sum(c.count for c in cleaned if c.choice == VoteChoice.FOR),
            "against": sum(c.count for c in cleaned if c.choice == VoteChoice.AGAINST),
            "abstain": sum(c.count for c in cleaned if c.choice == VoteChoice.ABSTAIN),
            "adopted": vote_result(cleaned),
        },
    )
    render_pdfs_if_published(item.meeting)
    return vote


@transaction.atomic
def remove_vote(*, vote: Vote, acting_user: User | None) -> None:
    item = vote.item
    _check_recording(item)
    record(
        meeting=item.meeting,
        action=AuditAction.VOTE_REMOVED,
        acting_user=acting_user,
        item=item,
        before={"motion": vote.motion},
    )
    vote.delete()
    render_pdfs_if_published(item.meeting)


# --- protocol notes -------------------------------------------------------------------------


@transaction.atomic
def add_protocol_note(
    *, item: AgendaItem, kind: NoteKind, author: str, text: str, acting_user: User | None
) -> ProtocolNote:
    """Record a protokoltilførsel, a mindretalsudtalelse or an afvigende mening on an item,
    with who it is from (a member, a party or a minority)."""
    _check_recording(item)
    refuse_nul(author=author, text=text)
    author = " ".join(author.split())
    errors: dict[str, list[str]] = {}
    if not author:
        errors["author"] = [_("Skriv, hvem tilførslen er fra.")]
    elif len(author) > 300:
        errors["author"] = [_("Højst 300 tegn.")]
    if not text.strip():
        errors["text"] = [_("Skriv teksten.")]
    elif len(text) > MAX_NOTE:
        errors["text"] = [_("Teksten er for lang (højst 10.000 tegn).")]
    if errors:
        raise ValidationError(errors)
    top = item.protocol_notes.aggregate(top=Max("order"))["top"] or 0
    note = ProtocolNote(item=item, order=top + 1, kind=kind, author=author, text=text.strip())
    note.full_clean()
    note.save()
    record(
        meeting=item.meeting,
        action=AuditAction.NOTE,
        acting_user=acting_user,
        item=item,
        after={"kind": str(kind), "author": author, "text": note.text},
    )
    render_pdfs_if_published(item.meeting)
    return note


@transaction.atomic
def remove_protocol_note(*, note: ProtocolNote, acting_user: User | None) -> None:
    item = note.item
    _check_recording(item)
    record(
        meeting=item.meeting,
        action=AuditAction.NOTE_REMOVED,
        acting_user=acting_user,
        item=item,
        before={"kind": note.kind, "author": note.author, "text": note.text},
    )
    note.delete()
    render_pdfs_if_published(item.meeting)
