"""A meeting's staff page: the agenda in order (moving items before publication), status,
attendance, approval, adding items (a tillægsdagsorden after publication) and its history."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogportal.meetings import dialog
from dialogportal.meetings.forms import AttendanceForm, ItemForm, StatusForm
from dialogportal.meetings.minutes_forms import SignForm
from dialogportal.meetings.models import AgendaItem, Meeting, MeetingStatus
from dialogportal.meetings.permissions import get_managed_item, get_managed_meeting
from dialogportal.meetings.publication import build_document
from dialogportal.meetings.services import (
    ItemContent,
    add_item,
    approve_minutes,
    can_sign,
    move_item,
    set_meeting_status,
    undecided_items,
    update_meeting_details,
)
from dialogportal.meetings.services.agenda import ACCEPTS_ITEMS
from dialogportal.meetings.staff_views.common import (
    act,
    secretariat,
    send_inputs,
    show_form_errors,
    submit,
    user_of,
)

HISTORY_ROWS = 50


def _back(meeting: Meeting, anchor: str = "") -> str:
    return reverse("meetings:staff_meeting", kwargs={"pk": meeting.pk}) + anchor


def _page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    item_form: ItemForm | None = None,
) -> HttpResponse:
    allowed = [
        s for s in MeetingStatus if meeting.can_move_to(s) and s != MeetingStatus.MINUTES_APPROVED
    ]
    status_form = StatusForm()
    status_field = status_form.fields["status"]
    status_field.choices = [(s.value, s.label) for s in allowed]  # type: ignore[attr-defined]
    document = build_document(meeting)
    items = {item.pk: item for item in meeting.items.all()}
    rows = [(doc_item, items[doc_item.id]) for doc_item in document.items]
    return render(
        request,
        "meetings/staff/meeting.html",
        {
            "meeting": meeting,
            "doc": document,
            "rows": rows,
            "can_move": meeting.status == MeetingStatus.PLANNED,
            "status_form": status_form if allowed else None,
            "item_form": item_form or ItemForm(),
            "accepts_items": meeting.status in ACCEPTS_ITEMS,
            "attendance_form": AttendanceForm(
                initial={
                    "participants": meeting.participants,
                    "excused": meeting.excused,
                    "absent": meeting.absent,
                    "remarks": meeting.remarks,
                }
            ),
            "sign_form": SignForm(
                undecided=[i.label or i.title for i in undecided_items(meeting)],
                with_dissent=meeting.is_political,
            )
            if can_sign(meeting, request.user)
            else None,
            "send_form": dialog.SendForm(),
            "history": meeting.audit_entries.select_related("item")[:HISTORY_ROWS],
        },
    )


@secretariat
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_managed_meeting(request.user, pk))


@require_POST
@secretariat
def meeting_status(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg en gyldig status."))
        return redirect(_back(obj))
    return act(
        request,
        lambda: set_meeting_status(
            meeting=obj,
            status=MeetingStatus(form.cleaned_data["status"]),
            acting_user=user_of(request),
        ),
        done=_("Status er ændret."),
        back=_back(obj),
    )


@require_POST
@secretariat
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(_back(obj))
    return act(
        request,
        lambda: update_meeting_details(
            meeting=obj, acting_user=user_of(request), **form.cleaned_data
        ),
        done=_("Fremmøde og bemærkninger er gemt."),
        back=_back(obj),
    )


@require_POST
@secretariat
def meeting_approve(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    form = SignForm(
        request.POST,
        undecided=[i.label or i.title for i in undecided_items(obj)],
        with_dissent=obj.is_political,
    )
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(_back(obj))
    return act(
        request,
        lambda: approve_minutes(
            meeting=obj,
            acting_user=user_of(request),
            dissent=form.cleaned_data.get("dissent") or "",
            confirm_undecided=bool(form.cleaned_data.get("confirm_undecided")),
        ),
        done=lambda approval: (
            _("Referatet er godkendt af dig som %(role)s.") % {"role": approval.get_role_display()}
        ),
        back=_back(obj),
    )


@require_POST
@secretariat
def meeting_add_item(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    form = ItemForm(request.POST)

    def add(data: dict[str, Any]) -> AgendaItem:
        return add_item(
            meeting=obj,
            title=data["title"],
            presenter=data["presenter"],
            journal_number=data["journal_number"],
            is_closed=data["is_closed"],
            public_title=data["public_title"],
            kind=form.item_kind(),
            content=ItemContent(
                summary=data["summary"] or None,
                recommendations=form.recommendation_lines(),
                case_description=data["case_description"] or None,
                finances=data["finances"] or None,
            ),
            acting_user=user_of(request),
        )

    def done(item: AgendaItem) -> str:
        if item.addendum is not None:
            return _(
                "Punkt %(n)s er tilføjet på tillægsdagsorden %(addendum)d, som er offentliggjort."
            ) % {"n": item.label, "addendum": item.addendum.number}
        return _("Punktet “%(title)s” er tilføjet.") % {"title": item.title}

    return submit(
        request,
        form,
        add,
        done=done,
        back=_back(obj),
        page=lambda bound: _page(request, obj, item_form=bound),  # type: ignore[arg-type]
    )


@require_POST
@secretariat
def item_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    """Move an item one place up or down (buttons, so it works from the keyboard)."""
    if direction not in ("op", "ned"):
        raise Http404
    obj = get_managed_item(request.user, pk)
    return act(
        request,
        lambda: move_item(item=obj, up=direction == "op", acting_user=user_of(request)),
        done=_("“%(title)s” er flyttet %(where)s.")
        % {"title": obj.title, "where": _("op") if direction == "op" else _("ned")},
        back=_back(obj.meeting, f"#raekke-{obj.pk}"),
    )


@require_POST
@secretariat
def meeting_send_inputs(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    return send_inputs(
        request,
        dialog.SendForm(request.POST),
        lambda **target: dialog.send_meeting_to_process(meeting=obj, **target),
        _back(obj),
    )
