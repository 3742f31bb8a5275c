"""Who may read and run which committee's meetings. Views and the API fetch every object
through these helpers; a miss is a 404, so nothing reveals what exists."""

from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.meetings.models import AgendaItem, Attachment, CalendarToken, Meeting
from dialogportal.meetings.publication import DocMeeting, build_document, build_documents, redact
from dialogportal.organisation.models import Committee, Membership, MembershipRole

_MANAGED_MODELS = (
    "meeting",
    "agendaitem",
    "itemsection",
    "recommendation",
    "attachment",
    "agendatemplateitem",
)
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.COMMITTEE_SECRETARY: (
        *(
            f"meetings.{action}_{model}"
            for model in _MANAGED_MODELS
            for action in ("add", "change", "view")
        ),
        "meetings.view_minutesversion",
        "meetings.view_minutesapproval",
    ),
    Role.PROCESS_MANAGER: tuple(f"meetings.view_{model}" for model in _MANAGED_MODELS),
}
# Chairs and vice-chairs prepare the agenda and approve the minutes of their own committee.
ROLE_PERMISSIONS[Role.COMMITTEE_CHAIR] = ROLE_PERMISSIONS[Role.COMMITTEE_SECRETARY]

# Roles in a committee that run its meetings (with the secretary role's permissions).
MANAGING_ROLES = (MembershipRole.SECRETARY, MembershipRole.CHAIR, MembershipRole.VICE_CHAIR)


def _user(user: object) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def managed_committees(user: object) -> QuerySet[Committee]:
    """Committees whose meetings this user runs: as an administrator, or as the committee's
    secretary (chair, vice-chair) holding the committee secretary role."""
    account = _user(user)
    if account is None or not account.has_perm("meetings.change_meeting"):
        return Committee.objects.none()
    if account.is_superuser:
        return Committee.objects.all()
    seats = Membership.objects.active_on(timezone.localdate()).filter(
        user=account, role__in=[str(r) for r in MANAGING_ROLES]
    )
    return Committee.objects.filter(pk__in=seats.values("committee"))


def can_manage_committee(user: object, committee: Committee) -> bool:
    return managed_committees(user).filter(pk=committee.pk).exists()


def can_see_closed(user: object, committee: Committee) -> bool:
    """Full access (closed items, drafts, non-public attachments): the committee's own people."""
    account = _user(user)
    if account is None:
        return False
    if can_manage_committee(account, committee):
        return True
    return (
        Membership.objects.active_on(timezone.localdate())
        .filter(user=account, committee=committee)
        .exists()
    )


def can_read_committee(user: object, committee: Committee) -> bool:
    """Public committees publish; MED (and other) minutes are for every logged-in employee."""
    return committee.is_public or _user(user) is not None


def readable_committees(user: object) -> QuerySet[Committee]:
    if _user(user) is not None:
        return Committee.objects.all()
    return Committee.objects.public()


def get_committee_for_user(user: object, slug: str) -> Committee:
    try:
        return readable_committees(user).get(slug=slug)
    except Committee.DoesNotExist as exc:
        raise Http404 from exc


def get_calendar_owner(token: str) -> User:
    """The active person whose private calendar address this is; anything else is a 404."""
    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or _user(found.user) is None:
        raise Http404
    return found.user


def readable_meetings(user: object, committee: Committee) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(committee=committee)
    if can_see_closed(user, committee):
        return meetings
    return meetings.published()


def get_meeting_for_user(user: object, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("committee").filter(pk=pk).first()
    if meeting is None or not can_read_committee(user, meeting.committee):
        raise Http404
    if not readable_meetings(user, meeting.committee).filter(pk=pk).exists():
        raise Http404
    return meeting


def document_for_user(user: object, meeting: Meeting) -> DocMeeting:
    """The meeting's document as this user may see it (the only way outputs get one)."""
    return redact(build_document(meeting), full_access=can_see_closed(user, meeting.committee))


def documents_for_user(
    user: object, committee: Committee, meetings: Sequence[Meeting]
) -> list[DocMeeting]:
    """`document_for_user` for many meetings of one committee, in a fixed number of queries."""
    full_access = can_see_closed(user, committee)
    return [redact(doc, full_access=full_access) for doc in build_documents(meetings)]


def get_attachment_for_user(user: object, pk: int) -> Attachment:
    """An attachment only if it is in the document this user may see."""
    attachment = Attachment.objects.select_related("item__meeting__committee").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    meeting = get_meeting_for_user(user, attachment.item.meeting_id)
    document = document_for_user(user, meeting)
    visible = {a.id for item in document.items for a in item.attachments}
    if attachment.pk not in visible:
        raise Http404
    return attachment


def get_managed_meeting(user: object, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("committee").filter(pk=pk).first()
    if meeting is None or not can_manage_committee(user, meeting.committee):
        raise Http404
    return meeting


def get_managed_item(user: object, pk: int) -> AgendaItem:
    item = AgendaItem.objects.select_related("meeting__committee").filter(pk=pk).first()
    if item is None or not can_manage_committee(user, item.meeting.committee):
        raise Http404
    return item
