"""Who may see and run dialog meetings. Views and the API fetch every object through these
helpers; a miss is a 404, so nothing reveals what exists."""

import re

from django.http import Http404

from dialogportal.accounts.models import Role, User
from dialogportal.dialogmeetings.models import DialogMeeting, DialogMeetingQuerySet, Registration
from dialogportal.processes.permissions import can_view_unpublished

_PLANNED = ("dialogmeeting", "discussionquestion")
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROCESS_MANAGER: (
        *(
            f"dialogmeetings.{action}_{model}"
            for model in _PLANNED
            for action in ("add", "change", "delete", "view")
        ),
        "dialogmeetings.add_meetinginput",
        "dialogmeetings.view_meetinginput",
    ),
    # Registrants' names and e-mails (`view_registration`) are granted by `privacy.matrix`.
    # Secretaries of MED committees organise meetings and type in their table notes.
    Role.COMMITTEE_SECRETARY: (
        "dialogmeetings.view_dialogmeeting",
        "dialogmeetings.add_meetinginput",
        "dialogmeetings.view_meetinginput",
    ),
    Role.MODERATOR: ("dialogmeetings.view_dialogmeeting", "dialogmeetings.view_meetinginput"),
}


def _has(user: User | object, perm: str) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(perm)


def can_view_meetings(user: User | object) -> bool:
    """Staff overview: every meeting, also internal ones, with the number of registrations."""
    return _has(user, "dialogmeetings.view_dialogmeeting")


def can_manage_meetings(user: User | object) -> bool:
    """Plan, edit, cancel and close meetings, and edit the guide's questions."""
    return _has(user, "dialogmeetings.change_dialogmeeting")


def can_see_registrants(user: User | object) -> bool:
    return _has(user, "dialogmeetings.view_registration")


def can_record_outcome(user: User | object) -> bool:
    """Type in table notes; each becomes an input, so the inputs permission is needed too."""
    return _has(user, "dialogmeetings.add_meetinginput") and _has(user, "inputs.add_input")


def visible_meetings(user: User | object) -> DialogMeetingQuerySet:
    """Staff see every meeting; others public meetings of published processes."""
    meetings = DialogMeeting.objects.all()
    if can_view_meetings(user) and can_view_unpublished(user):
        return meetings
    if can_view_meetings(user):
        return meetings.filter(process__is_published=True)
    return meetings.public()


def get_meeting_for_user(user: User | object, pk: int) -> DialogMeeting:
    try:
        return visible_meetings(user).select_related("process", "host_unit").get(pk=pk)
    except DialogMeeting.DoesNotExist as exc:
        raise Http404 from exc


def get_meeting_for_staff(user: User | object, pk: int) -> DialogMeeting:
    if not can_view_meetings(user):
        raise Http404
    return get_meeting_for_user(user, pk)


def get_managed_meeting(user: User | object, pk: int) -> DialogMeeting:
    if not can_manage_meetings(user):
        raise Http404
    return get_meeting_for_user(user, pk)


def get_meeting_for_recording(user: User | object, pk: int) -> DialogMeeting:
    if not can_record_outcome(user):
        raise Http404
    return get_meeting_for_user(user, pk)


_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def get_registration_by_token(token: str) -> Registration:
    """The registration whose private link this is; 404 for anything else."""
    if not _TOKEN.fullmatch(token or ""):
        raise Http404
    found = Registration.objects.select_related("meeting__process").filter(token=token).first()
    if found is None:
        raise Http404
    return found
