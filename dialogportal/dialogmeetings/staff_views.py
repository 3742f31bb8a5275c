"""Staff pages: plan, edit, cancel and close meetings, edit the guide's questions, and type in
the table notes as inputs."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from dialogportal.accounts.access import log_access
from dialogportal.accounts.models import AccessKind, User
from dialogportal.core.forms import add_service_errors
from dialogportal.dialogmeetings.forms import (
    CancelForm,
    MeetingForm,
    QuestionFormSet,
    TableNoteFormSet,
    TableNotesHeaderForm,
)
from dialogportal.dialogmeetings.models import DialogMeeting, MeetingInput, MeetingStatus
from dialogportal.dialogmeetings.permissions import (
    can_manage_meetings,
    can_record_outcome,
    can_see_registrants,
    can_view_meetings,
    get_managed_meeting,
    get_meeting_for_recording,
    get_meeting_for_staff,
    visible_meetings,
)
from dialogportal.dialogmeetings.services import (
    MeetingPlan,
    cancel_meeting,
    delete_question,
    mark_held,
    plan_meeting,
    record_table_note,
    save_question,
    update_meeting,
)
from dialogportal.inputs.models import Channel
from dialogportal.processes.models import Process
from dialogportal.processes.permissions import can_view_unpublished, get_process_for_user


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by login_required
    return request.user


def _plan(data: dict[str, Any]) -> MeetingPlan:
    return MeetingPlan(
        title=data["title"],
        kind=data["kind"],
        description=data["description"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        place=data["place"],
        address=data["address"],
        postcode=data["postcode"],
        host_name=data["host_name"],
        host_unit=data["host_unit"],
        committees=list(data["committees"]),
        units=list(data["units"]),
        focus_areas=list(data["focus_areas"]),
        professional_field=data["professional_field"],
        capacity=data["capacity"],
        registration_closes_at=data["registration_closes_at"],
        is_public=data["is_public"],
    )


@login_required
@require_http_methods(["GET"])
def staff_list(request: HttpRequest) -> HttpResponse:
    if not can_view_meetings(request.user):
        raise Http404
    meetings = visible_meetings(request.user).select_related("process").order_by("-starts_at")
    processes = (
        Process.objects.all() if can_view_unpublished(request.user) else Process.objects.published()
    )
    return render(
        request,
        "dialogmeetings/staff/list.html",
        {
            "meetings": meetings,
            "all_processes": processes.order_by("title"),
            "can_manage": can_manage_meetings(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest, slug: str) -> HttpResponse:
    if not can_manage_meetings(request.user):
        raise Http404
    process = get_process_for_user(request.user, slug)
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, process=process)
        if form.is_valid():
            try:
                meeting = plan_meeting(
                    process=process, plan=_plan(form.cleaned_data), acting_user=_user(request)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Dialogmødet er planlagt."))
                return redirect(meeting.get_staff_url())
        status = 400
    else:
        form = MeetingForm(process=process)
    return render(
        request,
        "dialogmeetings/staff/form.html",
        {"form": form, "process": process, "meeting": None},
        status=status,
    )


def _initial(meeting: DialogMeeting) -> dict[str, Any]:
    from django.utils import timezone

    def local(value: Any) -> Any:
        return timezone.localtime(value).replace(tzinfo=None) if value else None

    return {
        "title": meeting.title,
        "kind": meeting.kind,
        "description": meeting.description,
        "starts_at": local(meeting.starts_at),
        "ends_at": local(meeting.ends_at),
        "place": meeting.place,
        "address": meeting.address,
        "postcode": meeting.postcode,
        "host_name": meeting.host_name,
        "host_unit": meeting.host_unit_id,
        "committees": list(meeting.committees.all()),
        "units": list(meeting.units.all()),
        "focus_areas": list(meeting.focus_areas.all()),
        "professional_field": meeting.professional_field,
        "capacity": meeting.capacity,
        "registration_closes_at": local(meeting.registration_closes_at),
        "is_public": meeting.is_public,
    }


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_managed_meeting(request.user, pk)
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, process=meeting.process)
        if form.is_valid():
            try:
                update_meeting(
                    meeting=meeting, plan=_plan(form.cleaned_data), acting_user=_user(request)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Ændringerne er gemt."))
                return redirect(meeting.get_staff_url())
        status = 400
    else:
        form = MeetingForm(initial=_initial(meeting), process=meeting.process)
    return render(
        request,
        "dialogmeetings/staff/form.html",
        {"form": form, "process": meeting.process, "meeting": meeting},
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_staff(request.user, pk)
    return _render_detail(request, meeting, CancelForm())


def _render_detail(
    request: HttpRequest, meeting: DialogMeeting, cancel_form: CancelForm, *, status: int = 200
) -> HttpResponse:
    links = (
        MeetingInput.objects.filter(meeting=meeting)
        .select_related("input", "input__focus_area")
        .order_by("pk")
    )
    registrations = list(meeting.registrations.all()) if can_see_registrants(request.user) else None
    if registrations and any(not r.is_anonymised for r in registrations):
        log_access(
            user=_user(request),
            kind=AccessKind.REGISTRANTS,
            obj=meeting,
            record_count=len(registrations),
            request=request,
        )
    source_url = reverse("feedback:source_report", kwargs={"slug": meeting.process.slug})
    source_url += "?" + urlencode({"kanal": Channel.DIALOG_MEETING, "kilde": meeting.source_label})
    return render(
        request,
        "dialogmeetings/staff/detail.html",
        {
            "meeting": meeting,
            "process": meeting.process,
            "registrations": registrations,
            "seats_taken": meeting.seats_taken(),
            "links": links,
            "source_url": source_url,
            "committees": list(meeting.committees.all()),
            "units": list(meeting.units.all()),
            "areas": list(meeting.covered_focus_areas()),
            "can_manage": can_manage_meetings(request.user),
            "can_record": can_record_outcome(request.user),
            "cancel_form": cancel_form,
            "is_planned": meeting.status == MeetingStatus.PLANNED,
        },
        status=status,
    )


@login_required
@require_POST
def staff_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_managed_meeting(request.user, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            cancel_meeting(
                meeting=meeting, reason=form.cleaned_data["reason"], acting_user=_user(request)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Mødet er aflyst."))
            return redirect(meeting.get_staff_url())
    return _render_detail(request, meeting, form, status=400)


@login_required
@require_POST
def staff_mark_held(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_managed_meeting(request.user, pk)
    try:
        mark_held(meeting=meeting, acting_user=_user(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Mødet er markeret som afholdt."))
    return redirect(meeting.get_staff_url())


@login_required
@require_http_methods(["GET", "POST"])
def staff_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the guide's questions: one row per question; an emptied row deletes it."""
    meeting = get_managed_meeting(request.user, pk)
    existing = {q.pk: q for q in meeting.questions.all()}
    initial = [
        {
            "text": q.text,
            "order": q.order,
            "question_id": q.pk,
            "focus_area": q.focus_area.slug if q.focus_area else None,
        }
        for q in existing.values()
    ]
    kwargs: dict[str, Any] = {"form_kwargs": {"process": meeting.process}, "prefix": "q"}
    status = 200
    if request.method == "POST":
        formset = QuestionFormSet(request.POST, initial=initial, **kwargs)
        if formset.is_valid():
            failed = False
            for index, form in enumerate(formset.forms):
                data = form.cleaned_data
                if not data:
                    continue
                question = existing.get(data.get("question_id") or 0)
                text = data.get("text", "")
                try:
                    if question is not None and not text.strip():
                        delete_question(question=question, acting_user=_user(request))
                    elif text.strip():
                        save_question(
                            meeting=meeting,
                            question=question,
                            text=text,
                            focus_area=data.get("focus_area"),
                            order=int(data["order"]) if data.get("order") is not None else index,
                            acting_user=_user(request),
                        )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                    failed = True
            if not failed:
                messages.success(request, _("Spørgsmålene er gemt."))
                return redirect("dialogmeetings:staff_questions", pk=meeting.pk)
        status = 400
    else:
        formset = QuestionFormSet(initial=initial, **kwargs)
    return render(
        request,
        "dialogmeetings/staff/questions.html",
        {"meeting": meeting, "formset": formset},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_table_notes(request: HttpRequest, pk: int) -> HttpResponse:
    """Type in the table notes, at least ten rows at once. Each row is saved on its own (exactly
    once through its submission key): empty rows are skipped, a bad row comes back with its own
    message and its text, the good ones are saved and listed."""
    meeting = get_meeting_for_recording(request.user, pk)
    kwargs: dict[str, Any] = {"form_kwargs": {"process": meeting.process}, "prefix": "note"}
    saved: list[MeetingInput] = []
    status = 200
    if request.method == "POST":
        header = TableNotesHeaderForm(request.POST)
        formset = TableNoteFormSet(request.POST, **kwargs)
        if header.is_valid() and formset.is_valid():
            kept: list[dict[str, Any]] = []
            errors: list[dict[str, list[str]]] = []
            for form in formset.forms:
                data = form.cleaned_data
                if not (data.get("text") or "").strip():
                    continue
                try:
                    saved.append(
                        record_table_note(
                            meeting=meeting,
                            text=data["text"],
                            focus_area=data.get("focus_area"),
                            table_name=data.get("table_name", ""),
                            contributor_type=header.cleaned_data["contributor_type"],
                            submission_key=data.get("submission_key") or "",
                            acting_user=_user(request),
                        )
                    )
                except ValidationError as exc:
                    kept.append(
                        {
                            "text": data["text"],
                            "table_name": data.get("table_name", ""),
                            "focus_area": data["focus_area"].slug
                            if data.get("focus_area")
                            else None,
                            "submission_key": data.get("submission_key") or "",
                        }
                    )
                    errors.append(
                        exc.message_dict
                        if hasattr(exc, "error_dict")
                        else {"__all__": exc.messages}
                    )
            if not errors:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d note er gemt som input.",
                        "%(count)d noter er gemt som input.",
                        len(saved),
                    )
                    % {"count": len(saved)},
                )
                return redirect(meeting.get_staff_url())
            # The refused rows come back, bound, with their own messages; the saved are listed.
            formset = _refused_rows(kept, process=meeting.process)
            formset.is_valid()
            for form, row_errors in zip(formset.forms, errors, strict=False):
                for field, row_messages in row_errors.items():
                    for message in row_messages:
                        form.add_error(field if field in form.fields else None, message)
            status = 400
        else:
            status = 400
    else:
        header = TableNotesHeaderForm()
        formset = TableNoteFormSet(**kwargs)
    return render(
        request,
        "dialogmeetings/staff/table_notes.html",
        {"meeting": meeting, "formset": formset, "header": header, "saved": saved},
        status=status,
    )


def _refused_rows(rows: list[dict[str, Any]], *, process: Any) -> Any:
    data = {
        "note-TOTAL_FORMS": str(max(10, len(rows))),
        "note-INITIAL_FORMS": "0",
        "note-MIN_NUM_FORMS": "0",
        "note-MAX_NUM_FORMS": "50",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"note-{index}-{name}"] = value or ""
    return TableNoteFormSet(data, form_kwargs={"process": process}, prefix="note")
