"""Staff pages for a committee's secretariat: plan meetings, add and edit items and their
attachments, write the minutes, move the status, approve and correct. (Passing items down the
MED hierarchy and MED hearings: the `med` app's pages.)"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dialogportal.accounts.models import User
from dialogportal.core.forms import add_service_errors
from dialogportal.meetings import dialog
from dialogportal.meetings.forms import (
    AttachmentForm,
    AttachmentUploadForm,
    AttendanceForm,
    CorrectionForm,
    DecisionForm,
    ItemEditForm,
    ItemForm,
    PlanMeetingForm,
    StatusForm,
)
from dialogportal.meetings.models import (
    AgendaItem,
    Attachment,
    ItemKind,
    Meeting,
    MeetingStatus,
    SectionKind,
)
from dialogportal.meetings.permissions import (
    get_managed_item,
    get_managed_meeting,
    managed_committees,
)
from dialogportal.meetings.publication import build_document
from dialogportal.meetings.services import (
    ItemContent,
    add_attachment,
    add_item,
    approve_minutes,
    correct_minutes,
    plan_meeting,
    record_decision,
    remove_attachment,
    set_meeting_status,
    update_attachment,
    update_item,
    update_meeting_details,
)

View = Callable[..., HttpResponse]


def secretariat(view: View) -> View:
    """Login required, and the committee secretary role's permission; objects are then fetched
    through the permission helpers, which scope them to the user's own committees."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("meetings.change_meeting"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _error(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))


@secretariat
def home(request: HttpRequest) -> HttpResponse:
    committees = managed_committees(request.user).order_by("name")
    today = timezone.localdate()
    upcoming = (
        Meeting.objects.filter(committee__in=committees, held_on__gte=today)
        .select_related("committee")
        .order_by("held_on")[:50]
    )
    recent = (
        Meeting.objects.filter(committee__in=committees, held_on__lt=today)
        .select_related("committee")
        .order_by("-held_on")[:20]
    )
    return render(
        request,
        "meetings/staff/home.html",
        {"committees": committees, "upcoming": upcoming, "recent": recent},
    )


@secretariat
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    committee = managed_committees(request.user).filter(slug=slug).first()
    if committee is None:
        raise Http404
    form = PlanMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = plan_meeting(committee=committee, **form.cleaned_data)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Mødet er planlagt."))
            return redirect("meetings:staff_meeting", pk=meeting.pk)
    return render(request, "meetings/staff/plan.html", {"committee": committee, "form": form})


@secretariat
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    allowed = [
        s for s in MeetingStatus if obj.can_move_to(s) and s != MeetingStatus.MINUTES_APPROVED
    ]
    status_form = StatusForm()
    status_field = status_form.fields["status"]
    status_field.choices = [(s.value, s.label) for s in allowed]  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/staff/meeting.html",
        {
            "meeting": obj,
            "doc": build_document(obj),
            "items": obj.items.order_by("order", "number"),
            "status_form": status_form if allowed else None,
            "item_form": ItemForm(),
            "attendance_form": AttendanceForm(
                initial={
                    "participants": obj.participants,
                    "excused": obj.excused,
                    "absent": obj.absent,
                    "remarks": obj.remarks,
                }
            ),
            "can_approve": obj.status == MeetingStatus.MINUTES_DRAFT,
            "send_form": dialog.SendForm() if dialog.is_available() else None,
        },
    )


@require_POST
@secretariat
def meeting_status(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            set_meeting_status(meeting=obj, status=MeetingStatus(form.cleaned_data["status"]))
            messages.success(request, _("Status er ændret."))
        except ValidationError as error:
            _error(request, error)
    else:
        messages.error(request, _("Vælg en gyldig status."))
    return redirect("meetings:staff_meeting", pk=obj.pk)


@require_POST
@secretariat
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("meetings:staff_meeting", pk=obj.pk)
    try:
        update_meeting_details(meeting=obj, **form.cleaned_data)
        messages.success(request, _("Fremmøde og bemærkninger er gemt."))
    except ValidationError as error:
        _error(request, error)
    return redirect("meetings:staff_meeting", pk=obj.pk)


@require_POST
@secretariat
def meeting_approve(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    try:
        approval = approve_minutes(meeting=obj, acting_user=_user(request))
        messages.success(
            request,
            _("Referatet er godkendt af dig som %(role)s.") % {"role": approval.get_role_display()},
        )
    except ValidationError as error:
        _error(request, error)
    return redirect("meetings:staff_meeting", pk=obj.pk)


@require_POST
@secretariat
def meeting_add_item(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    form = ItemForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("meetings:staff_meeting", pk=obj.pk)
    data = form.cleaned_data
    try:
        item = add_item(
            meeting=obj,
            title=data["title"],
            presenter=data["presenter"],
            journal_number=data["journal_number"],
            is_closed=data["is_closed"],
            kind=form.item_kind(),
            content=ItemContent(
                summary=data["summary"] or None,
                recommendations=form.recommendation_lines(),
                case_description=data["case_description"] or None,
                finances=data["finances"] or None,
            ),
        )
    except ValidationError as error:
        _error(request, error)
        return redirect("meetings:staff_meeting", pk=obj.pk)
    messages.success(request, _("Punkt %(n)d er tilføjet.") % {"n": item.number})
    return redirect("meetings:staff_meeting", pk=obj.pk)


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


# The item page holds several forms; prefixes keep their field ids unique.
EDIT_PREFIX = "punkt"
UPLOAD_PREFIX = "nyt-bilag"


def _attachment_prefix(attachment: Attachment) -> str:
    return f"bilag-{attachment.pk}"


def _item_page(
    request: HttpRequest,
    obj: AgendaItem,
    *,
    edit_form: ItemEditForm | None = None,
    upload_form: AttachmentUploadForm | None = None,
    attachment_form: AttachmentForm | None = None,
) -> HttpResponse:
    """The item's staff page; a form given here (bound, with errors) replaces the empty one."""
    doc_item = next(i for i in build_document(obj.meeting).items if i.id == obj.pk)
    attachments = [
        (
            attachment,
            attachment_form
            if attachment_form is not None
            and attachment_form.prefix == _attachment_prefix(attachment)
            else AttachmentForm(
                prefix=_attachment_prefix(attachment),
                initial={"title": attachment.title, "is_public": attachment.is_public},
            ),
        )
        for attachment in obj.attachments.all()
    ]
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
                        (s.body for s in doc_item.sections if s.kind == SectionKind.DECISION), ""
                    )
                },
            ),
            "correction_form": CorrectionForm(),
            "send_form": dialog.SendForm(item=obj) if dialog.is_available() else None,
            "sent_inputs": dialog.sent_inputs(obj),
            "is_locked": obj.meeting.is_locked,
            "edit_form": edit_form or ItemEditForm(prefix=EDIT_PREFIX, initial=_edit_initial(obj)),
            "upload_form": upload_form or AttachmentUploadForm(prefix=UPLOAD_PREFIX),
            "attachments": attachments,
        },
    )


@secretariat
def item(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, get_managed_item(request.user, pk))


@require_POST
@secretariat
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = ItemEditForm(request.POST, prefix=EDIT_PREFIX)
    if not form.is_valid():
        return _item_page(request, obj, edit_form=form)
    data = form.cleaned_data
    try:
        update_item(
            item=obj,
            acting_user=_user(request),
            title=data["title"],
            kind=ItemKind(data["kind"]),
            presenter=data["presenter"],
            journal_number=data["journal_number"],
            is_closed=data["is_closed"],
            closure_reason=data["closure_reason"],
            content=ItemContent(
                summary=data["summary"],
                recommendation_intro=data["recommendation_intro"],
                recommendations=form.recommendation_lines(),
                case_description=data["case_description"],
                finances=data["finances"],
            ),
            process=data["process"],
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            _error(request, error)
            return redirect("meetings:staff_item", pk=obj.pk)
        add_service_errors(form, error)
        obj.refresh_from_db()
        return _item_page(request, obj, edit_form=form)
    messages.success(request, _("Punkt %(n)d er gemt.") % {"n": obj.number})
    return redirect("meetings:staff_item", pk=obj.pk)


@require_POST
@secretariat
def item_attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = AttachmentUploadForm(request.POST, request.FILES, prefix=UPLOAD_PREFIX)
    if not form.is_valid():
        return _item_page(request, obj, upload_form=form)
    upload = form.cleaned_data["file"]
    try:
        attachment = add_attachment(
            item=obj,
            acting_user=_user(request),
            title=form.cleaned_data["title"],
            file_name=upload.name or "",
            data=upload,
            is_public=form.cleaned_data["is_public"],
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            _error(request, error)
            return redirect("meetings:staff_item", pk=obj.pk)
        add_service_errors(form, error)
        return _item_page(request, obj, upload_form=form)
    messages.success(request, _("Bilaget “%(title)s” er tilføjet.") % {"title": attachment.title})
    return redirect("meetings:staff_item", pk=obj.pk)


def _managed_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> Attachment:
    """An attachment of an item the user manages (404 otherwise)."""
    obj = get_managed_item(request.user, pk)
    attachment = obj.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    attachment.item = obj
    return attachment


@require_POST
@secretariat
def item_attachment_update(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _managed_attachment(request, pk, attachment_pk)
    form = AttachmentForm(request.POST, prefix=_attachment_prefix(attachment))
    if not form.is_valid():
        return _item_page(request, attachment.item, attachment_form=form)
    try:
        update_attachment(
            attachment=attachment,
            acting_user=_user(request),
            title=form.cleaned_data["title"],
            is_public=form.cleaned_data["is_public"],
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            _error(request, error)
            return redirect("meetings:staff_item", pk=pk)
        add_service_errors(form, error)
        return _item_page(request, attachment.item, attachment_form=form)
    messages.success(request, _("Bilaget “%(title)s” er gemt.") % {"title": attachment.title})
    return redirect("meetings:staff_item", pk=pk)


@require_POST
@secretariat
def item_attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _managed_attachment(request, pk, attachment_pk)
    try:
        remove_attachment(attachment=attachment, acting_user=_user(request))
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request, _("Bilaget “%(title)s” er fjernet.") % {"title": attachment.title}
        )
    return redirect("meetings:staff_item", pk=pk)


@require_POST
@secretariat
def item_decision(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = DecisionForm(request.POST, recommendations=list(obj.recommendations.order_by("order")))
    if form.is_valid():
        try:
            record_decision(item=obj, text=form.cleaned_data["text"], outcomes=form.outcomes())
            messages.success(request, _("Referatet af punktet er gemt."))
        except ValidationError as error:
            _error(request, error)
    else:
        messages.error(request, _("Skriv referatet af punktet."))
    return redirect("meetings:staff_item", pk=obj.pk)


@require_POST
@secretariat
def item_correct(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            version = correct_minutes(
                item=obj,
                section_kind=SectionKind(form.cleaned_data["section"]),
                body=form.cleaned_data["body"],
                reason=form.cleaned_data["reason"],
                acting_user=_user(request),
            )
            messages.success(
                request, _("Rettelsen er gemt som version %(n)d.") % {"n": version.number}
            )
        except ValidationError as error:
            _error(request, error)
    else:
        messages.error(request, _("Udfyld afsnit, tekst og begrundelse."))
    return redirect("meetings:staff_item", pk=obj.pk)


@require_POST
@secretariat
def item_send_inputs(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    return _send_inputs(
        request,
        dialog.SendForm(request.POST, item=obj) if dialog.is_available() else None,
        lambda **target: dialog.send_discussion_to_process(item=obj, **target),
        redirect("meetings:staff_item", pk=obj.pk),
    )


@require_POST
@secretariat
def meeting_send_inputs(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_meeting(request.user, pk)
    return _send_inputs(
        request,
        dialog.SendForm(request.POST) if dialog.is_available() else None,
        lambda **target: dialog.send_meeting_to_process(meeting=obj, **target),
        redirect("meetings:staff_meeting", pk=obj.pk),
    )


def _send_inputs(
    request: HttpRequest,
    form: "dialog.SendForm | None",
    send: Callable[..., int],
    back: HttpResponse,
) -> HttpResponse:
    """Send a committee's discussion to a process as inputs (an item's or a whole meeting's)."""
    if form is None:
        messages.error(request, _("Dialogdelen er ikke installeret."))
        return back
    if not form.is_valid():
        _form_errors(request, form)
        return back
    try:
        count = send(
            process=form.cleaned_data["process"],
            focus_area=form.cleaned_data.get("focus_area"),
            acting_user=_user(request),
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d input er sendt til processen.", "%(n)d input er sendt til processen.", count
            )
            % {"n": count},
        )
    return back
