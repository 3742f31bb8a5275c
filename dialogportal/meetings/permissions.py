"""Who may read and run which committee's meetings. Views and the API fetch every object
through these helpers; a miss is a 404, so nothing reveals what exists. A page a logged-out
visitor cannot see sends them to the login page instead (`login_to_see`) – for every miss,
existing or not, so that too reveals nothing."""

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.meetings.document import DocItem
from dialogportal.meetings.models import (
    OPEN_FOR_ITEMS,
    AgendaItem,
    Attachment,
    CalendarToken,
    Meeting,
)
from dialogportal.meetings.publication import (
    DocMeeting,
    build_document,
    build_documents,
    build_item,
    redact,
)
from dialogportal.organisation.models import (
    Committee,
    CommitteeKind,
    Membership,
    MembershipRole,
)

_MANAGED_MODELS = (
    "meeting",
    "agendaitem",
    "itemsection",
    "recommendation",
    "attachment",
    "agendatemplateitem",
    "addendum",
    "vote",
    "votecount",
    "protocolnote",
    "itemattendance",
    "case",
    "casestep",
    "externaldecision",
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
        "meetings.view_auditentry",
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


def is_item_author(user: object, item: AgendaItem) -> bool:
    """Who wrote an item (e.g. the process manager who generated a council case) may read it
    whole, on whichever agenda it sits."""
    account = _user(user)
    return account is not None and item.created_by_id == account.pk


def get_item_for_user(user: object, pk: int) -> DocItem:
    """One item as this user may see it: whole for the committee's people and its author,
    otherwise as in the redacted document of a meeting the user may read."""
    item = AgendaItem.objects.select_related("meeting__committee").filter(pk=pk).first()
    if item is None:
        raise Http404
    if is_item_author(user, item) or can_see_closed(user, item.meeting.committee):
        return build_item(item)
    document = document_for_user(user, get_meeting_for_user(user, item.meeting_id))
    found = next((doc_item for doc_item in document.items if doc_item.id == item.pk), None)
    if found is None:
        raise Http404
    return found


def get_attachment_for_user(user: object, pk: int) -> Attachment:
    """An attachment only if it is in the document this user may see (or the user wrote the
    item it belongs to)."""
    attachment = Attachment.objects.select_related("item__meeting__committee").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    if is_item_author(user, attachment.item):
        return attachment
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


def forward_targets(user: object, item: AgendaItem) -> list[Meeting]:
    """Meetings a decided political item can be sent on to: later open agendas of political
    committees this user runs, and the next planned step of the item's case."""
    from_meeting = item.meeting
    meetings = (
        Meeting.objects.filter(
            committee__kind=CommitteeKind.POLITICAL,
            status__in=[str(s) for s in OPEN_FOR_ITEMS],
            held_on__gte=from_meeting.held_on,
        )
        .exclude(pk=from_meeting.pk)
        .select_related("committee")
        .order_by("held_on", "start_time", "pk")
    )
    managed = set(managed_committees(user).values_list("pk", flat=True))
    planned = set()
    if item.case_id is not None:
        planned = set(
            item.case.steps.exclude(meeting=None).values_list("meeting_id", flat=True)  # type: ignore[union-attr]
        )
    return [
        m
        for m in meetings
        if (m.committee_id in managed or m.pk in planned)
        and m.starts_at() > from_meeting.starts_at()
    ]


View = Callable[..., HttpResponseBase]


def login_to_see(view: View) -> View:
    """A page whose object a logged-out visitor cannot see (a MED committee, a meeting, an
    attachment) sends them to the login page; a logged-in user still gets the 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapper
