"""An item's staff page: its text as readers see it, editing, the decision (Referat), what was
recorded at the meeting (absence, votes, protocol notes), its sagsgang and sending it on,
corrections of approved minutes, and sending the discussion to a process."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogportal.meetings import dialog
from dialogportal.meetings.forms import (
    AttachmentForm,
    AttachmentUploadForm,
    CorrectionForm,
    DecisionForm,
    ItemEditForm,
)
from dialogportal.meetings.minutes_forms import (
    ForwardForm,
    ItemAttendanceForm,
    ProtocolNoteForm,
    VoteForm,
    VoteRowFormSet,
)
from dialogportal.meetings.models import (
    AgendaItem,
    Attachment,
    ItemKind,
    Meeting,
    MeetingStatus,
    SectionKind,
)
from dialogportal.meetings.permissions import forward_targets, get_managed_item
from dialogportal.meetings.publication import build_item
from dialogportal.meetings.services import (
    ItemContent,
    correct_minutes,
    forward_item,
    members_present,
    next_step,
    present_for_item,
    record_decision,
    update_item,
)
from dialogportal.meetings.staff_views.common import (
    act,
    secretariat,
    send_inputs,
    submit,
    user_of,
)

# The item page holds several forms; prefixes keep their field ids unique.
EDIT_PREFIX = "punkt"
UPLOAD_PREFIX = "nyt-bilag"
VOTE_PREFIX = "stemmer"
MOTION_PREFIX = "afstemning"
ATTENDANCE_PREFIX = "fravaer"
NOTE_PREFIX = "protokol"
FORWARD_PREFIX = "videre"


def attachment_prefix(attachment: Attachment) -> str:
    return f"bilag-{attachment.pk}"


def item_url(item: AgendaItem, anchor: str = "") -> str:
    return reverse("meetings:staff_item", kwargs={"pk": item.pk}) + anchor


def _edit_initial(item: AgendaItem) -> dict[str, object]:
    bodies: dict[str, str] = {}
    for section in item.sections.order_by("order"):
        bodies.setdefault(section.kind, section.body)
    return {
        "title": item.title,
        "presenter": item.presenter,
        "journal_number": item.journal_number,
        "kind": item.kind,
        "is_closed": item.is_closed,
        "closure_reason": item.closure_reason,
        "public_title": item.public_title,
        "public_decision": item.public_decision,
        "process": item.process_id,
        "summary": bodies.get(SectionKind.SUMMARY, ""),
        "recommendation_intro": item.recommendation_intro,
        # One clause a line: a clause written over several lines is joined to one.
        "recommendations": "\n".join(
            " ".join(r.text.split()) for r in item.recommendations.order_by("order")
        ),
        "case_description": bodies.get(SectionKind.CASE_DESCRIPTION, ""),
        "finances": bodies.get(SectionKind.FINANCES, ""),
    }


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.committee.name}, {date_format(meeting.held_on, 'j. F Y')}"


def item_page(request: HttpRequest, obj: AgendaItem, **bound: forms.BaseForm | Any) -> HttpResponse:
    """The item's staff page; a form given here (bound, with errors) replaces the empty one."""
    doc_item = build_item(obj)
    meeting = obj.meeting
    attachment_form = bound.get("attachment_form")
    attachments = [
        (
            attachment,
            attachment_form
            if attachment_form is not None
            and attachment_form.prefix == attachment_prefix(attachment)
            else AttachmentForm(
                prefix=attachment_prefix(attachment),
                initial={"title": attachment.title, "is_public": attachment.is_public},
            ),
        )
        for attachment in obj.attachments.all()
    ]
    is_recording = meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT)
    targets = forward_targets(request.user, obj) if meeting.is_political else []
    step = next_step(obj)
    return render(
        request,
        "meetings/staff/item.html",
        {
            "item": obj,
            "doc_item": doc_item,
            "decision_form": DecisionForm(
                recommendations=list(obj.recommendations.order_by("order")),
                initial={
                    "text": next(
                        (s.body for s in obj.sections.all() if s.kind == SectionKind.DECISION), ""
                    )
                },
            ),
            "correction_form": CorrectionForm(),
            "send_form": dialog.SendForm(item=obj),
            "sent_inputs": dialog.sent_inputs(obj),
            "is_locked": meeting.is_locked,
            "edit_form": bound.get("edit_form")
            or ItemEditForm(prefix=EDIT_PREFIX, initial=_edit_initial(obj)),
            "upload_form": bound.get("upload_form") or AttachmentUploadForm(prefix=UPLOAD_PREFIX),
            "attachments": attachments,
            "is_recording": is_recording,
            "present": present_for_item(obj) if is_recording else [],
            "attendance": obj.attendance.all(),
            "attendance_form": bound.get("attendance_form")
            or ItemAttendanceForm(
                prefix=ATTENDANCE_PREFIX,
                members=members_present(meeting) if is_recording else [],
            ),
            "votes": obj.votes.prefetch_related("counts"),
            "vote_form": bound.get("vote_form") or VoteForm(prefix=MOTION_PREFIX),
            "vote_rows": bound.get("vote_rows") or VoteRowFormSet(prefix=VOTE_PREFIX),
            "notes": obj.protocol_notes.all(),
            "note_form": bound.get("note_form") or ProtocolNoteForm(prefix=NOTE_PREFIX),
            "next_step": step,
            "forwarded_to": obj.forwarded_to.select_related("meeting__committee"),
            "forward_form": bound.get("forward_form")
            or (
                ForwardForm(
                    prefix=FORWARD_PREFIX,
                    meetings=[(m.pk, _meeting_label(m)) for m in targets],
                    initial={"meeting": step.meeting_id} if step and step.meeting_id else None,
                )
                if targets
                else None
            ),
        },
    )


@secretariat
def item(request: HttpRequest, pk: int) -> HttpResponse:
    return item_page(request, get_managed_item(request.user, pk))


@require_POST
@secretariat
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = ItemEditForm(request.POST, prefix=EDIT_PREFIX)

    def save(data: dict[str, Any]) -> AgendaItem:
        return update_item(
            item=obj,
            acting_user=user_of(request),
            title=data["title"],
            kind=ItemKind(data["kind"]),
            presenter=data["presenter"],
            journal_number=data["journal_number"],
            is_closed=data["is_closed"],
            closure_reason=data["closure_reason"],
            public_title=data["public_title"],
            public_decision=data["public_decision"],
            content=ItemContent(
                summary=data["summary"],
                recommendation_intro=data["recommendation_intro"],
                recommendations=form.recommendation_lines(),
                case_description=data["case_description"],
                finances=data["finances"],
            ),
            process=data["process"],
        )

    def page(bound: forms.BaseForm) -> HttpResponse:
        obj.refresh_from_db()
        return item_page(request, obj, edit_form=bound)

    return submit(
        request,
        form,
        save,
        done=lambda saved: _("Punktet “%(title)s” er gemt.") % {"title": saved.title},
        back=item_url(obj),
        page=page,
    )


@require_POST
@secretariat
def item_decision(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = DecisionForm(request.POST, recommendations=list(obj.recommendations.order_by("order")))
    if not form.is_valid():
        messages.error(request, _("Skriv beslutningen (referatet af punktet)."))
        return redirect(item_url(obj, "#beslutning"))
    return act(
        request,
        lambda: record_decision(
            item=obj,
            text=form.cleaned_data["text"],
            outcomes=form.outcomes(),
            acting_user=user_of(request),
        ),
        done=_("Beslutningen er gemt."),
        back=item_url(obj, "#beslutning"),
    )


@require_POST
@secretariat
def item_correct(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Udfyld afsnit, tekst og begrundelse."))
        return redirect(item_url(obj, "#rettelse"))
    return act(
        request,
        lambda: correct_minutes(
            item=obj,
            section_kind=SectionKind(form.cleaned_data["section"]),
            body=form.cleaned_data["body"],
            reason=form.cleaned_data["reason"],
            acting_user=user_of(request),
        ),
        done=lambda version: _("Rettelsen er gemt som version %(n)d.") % {"n": version.number},
        back=item_url(obj, "#rettelse"),
    )


@require_POST
@secretariat
def item_forward(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a decided item on to the next committee in its sagsgang."""
    obj = get_managed_item(request.user, pk)
    targets = {m.pk: m for m in forward_targets(request.user, obj)}
    form = ForwardForm(
        request.POST,
        prefix=FORWARD_PREFIX,
        meetings=[(m.pk, _meeting_label(m)) for m in targets.values()],
    )

    def forward(data: dict[str, Any]) -> AgendaItem:
        return forward_item(
            item=obj, meeting=targets[data["meeting"]], acting_user=user_of(request)
        )

    return submit(
        request,
        form,
        forward,
        done=lambda new: (
            _("Sagen er sendt videre til %(meeting)s.") % {"meeting": _meeting_label(new.meeting)}
        ),
        back=item_url(obj, "#sagsgang"),
        page=lambda bound: item_page(request, obj, forward_form=bound),
    )


@require_POST
@secretariat
def item_send_inputs(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    return send_inputs(
        request,
        dialog.SendForm(request.POST, item=obj),
        lambda **target: dialog.send_discussion_to_process(item=obj, **target),
        item_url(obj),
    )
