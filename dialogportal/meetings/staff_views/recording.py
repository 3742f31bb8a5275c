"""What the secretariat records on an item at the meeting: absence and inhabilitet per item,
votes (political committees) and protocol notes, each added or removed on the item's page."""

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogportal.meetings.minutes_forms import (
    ItemAttendanceForm,
    ProtocolNoteForm,
    VoteForm,
    VoteRowFormSet,
    vote_lines,
)
from dialogportal.meetings.models import AttendanceKind, NoteKind, Vote
from dialogportal.meetings.permissions import get_managed_item
from dialogportal.meetings.services import (
    add_protocol_note,
    members_present,
    record_vote,
    remove_item_attendance,
    remove_protocol_note,
    remove_vote,
    set_item_attendance,
)
from dialogportal.meetings.staff_views.common import act, secretariat, submit, user_of
from dialogportal.meetings.staff_views.item import (
    ATTENDANCE_PREFIX,
    MOTION_PREFIX,
    NOTE_PREFIX,
    VOTE_PREFIX,
    item_page,
    item_url,
)


@require_POST
@secretariat
def item_attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = ItemAttendanceForm(
        request.POST, prefix=ATTENDANCE_PREFIX, members=members_present(obj.meeting)
    )

    def page(bound: forms.BaseForm) -> HttpResponse:
        return item_page(request, obj, attendance_form=bound)

    return submit(
        request,
        form,
        lambda data: set_item_attendance(
            item=obj,
            person_name=data["person_name"],
            kind=AttendanceKind(data["kind"]),
            note=data["note"],
            acting_user=user_of(request),
        ),
        done=lambda row: (
            _("%(kind)s ved punktet: %(name)s.")
            % {"kind": row.get_kind_display(), "name": row.person_name}
        ),
        back=item_url(obj, "#behandling"),
        page=page,
    )


@require_POST
@secretariat
def item_attendance_remove(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    row = obj.attendance.filter(pk=row_pk).first()
    if row is None:
        raise Http404
    return act(
        request,
        lambda: remove_item_attendance(attendance=row, acting_user=user_of(request)),
        done=_("%(name)s er fjernet fra fravær og inhabilitet ved punktet.")
        % {"name": row.person_name},
        back=item_url(obj, "#behandling"),
    )


@require_POST
@secretariat
def item_vote_add(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = VoteForm(request.POST, prefix=MOTION_PREFIX)
    rows = VoteRowFormSet(request.POST, prefix=VOTE_PREFIX)
    if not rows.is_valid():
        form.is_valid()
        return item_page(request, obj, vote_form=form, vote_rows=rows)

    def save(data: dict[str, Any]) -> Vote:
        return record_vote(
            item=obj,
            motion=data["motion"],
            lines=vote_lines(rows),
            acting_user=user_of(request),
        )

    return submit(
        request,
        form,
        save,
        done=lambda vote: (
            _("Afstemningen om “%(motion)s” er registreret.") % {"motion": vote.motion}
        ),
        back=item_url(obj, "#afstemninger"),
        page=lambda bound: item_page(request, obj, vote_form=bound, vote_rows=rows),
    )


@require_POST
@secretariat
def item_vote_remove(request: HttpRequest, pk: int, vote_pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    vote = obj.votes.filter(pk=vote_pk).first()
    if vote is None:
        raise Http404
    return act(
        request,
        lambda: remove_vote(vote=vote, acting_user=user_of(request)),
        done=_("Afstemningen om “%(motion)s” er fjernet.") % {"motion": vote.motion},
        back=item_url(obj, "#afstemninger"),
    )


@require_POST
@secretariat
def item_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = ProtocolNoteForm(request.POST, prefix=NOTE_PREFIX)
    return submit(
        request,
        form,
        lambda data: add_protocol_note(
            item=obj,
            kind=NoteKind(data["kind"]),
            author=data["author"],
            text=data["text"],
            acting_user=user_of(request),
        ),
        done=lambda note: (
            _("%(kind)s fra %(author)s er registreret.")
            % {"kind": note.get_kind_display(), "author": note.author}
        ),
        back=item_url(obj, "#protokol"),
        page=lambda bound: item_page(request, obj, note_form=bound),
    )


@require_POST
@secretariat
def item_note_remove(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    note = obj.protocol_notes.filter(pk=note_pk).first()
    if note is None:
        raise Http404
    return act(
        request,
        lambda: remove_protocol_note(note=note, acting_user=user_of(request)),
        done=_("%(kind)s fra %(author)s er fjernet.")
        % {"kind": note.get_kind_display(), "author": note.author},
        back=item_url(obj, "#protokol"),
    )
