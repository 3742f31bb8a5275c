"""Staff pages: list with filters and export, detail, register on behalf, batch typing, import."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dialogportal.accounts.access import (
    can_export_personal_data,
    can_view_contact_data,
    log_access,
)
from dialogportal.accounts.models import AccessKind, User
from dialogportal.inputs.api import export_response
from dialogportal.inputs.forms import BatchRowForm, ImportForm, InputFilterForm, StaffInputForm
from dialogportal.inputs.importing import import_inputs
from dialogportal.inputs.models import Channel, Input, ModerationState
from dialogportal.inputs.permissions import (
    can_register_inputs,
    can_view_inputs,
    get_attachment_for_user,
    get_input_for_user,
    visible_inputs,
)
from dialogportal.inputs.services import submit_input
from dialogportal.inputs.staff_filters import filter_from_params
from dialogportal.processes.models import Process
from dialogportal.processes.permissions import get_process_for_user

STAFF_PAGE_SIZE = 50
_STICKY = ("channel", "source", "given_on", "focus_area", "contributor_type")


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by login_required
    return request.user


def _registering_process(request: HttpRequest, slug: str) -> Process:
    if not can_register_inputs(request.user):
        raise Http404
    return get_process_for_user(request.user, slug)


@login_required
@require_http_methods(["GET"])
def staff_list(request: HttpRequest) -> HttpResponse:
    if not can_view_inputs(request.user):
        raise Http404
    user = _user(request)
    qs, problems = filter_from_params(request.GET, base=visible_inputs(user))
    kind = request.GET.get("eksport")
    if kind in ("csv", "xlsx") and not problems:
        if not can_export_personal_data(user):
            raise Http404
        response = export_response(qs, kind)
        log_access(
            user=user,
            kind=AccessKind.EXPORT,
            record_count=qs.count(),
            request=request,
            detail=kind,
        )
        return response
    paginator = Paginator(qs.select_related("process", "focus_area"), STAFF_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("side"))
    shown = list(page.object_list)
    if any(obj.moderation_state != ModerationState.PUBLISHED for obj in shown):
        log_access(user=user, kind=AccessKind.INPUT_LIST, record_count=len(shown), request=request)
    params = request.GET.copy()
    params.pop("side", None)
    params.pop("eksport", None)
    return render(
        request,
        "inputs/staff/list.html",
        {
            "form": InputFilterForm(request.GET or None),
            "problems": problems,
            "page": page,
            "query": params.urlencode(),
            "processes": Process.objects.all(),
            "can_register": can_register_inputs(request.user),
            "can_export": can_export_personal_data(user),
        },
    )


@login_required
@require_http_methods(["GET"])
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_input_for_user(request.user, pk)
    user = _user(request)
    shows_contact_data = can_view_contact_data(user)
    if shows_contact_data:
        log_access(user=user, kind=AccessKind.CONTACT_DATA, obj=obj, request=request)
    elif obj.moderation_state != ModerationState.PUBLISHED:
        log_access(user=user, kind=AccessKind.HIDDEN_INPUT, obj=obj, request=request)
    return render(
        request,
        "inputs/staff/detail.html",
        {
            "input": obj,
            "attachments": list(obj.attachments.all()),
            "shows_contact_data": shows_contact_data,
        },
    )


@login_required
@require_http_methods(["GET"])
def staff_attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    attachment = get_attachment_for_user(request.user, pk)
    if not attachment.is_public:
        log_access(
            user=_user(request),
            kind=AccessKind.ATTACHMENT,
            obj=attachment.input,
            request=request,
            detail=f"bilag {attachment.pk}",
        )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _apply_service_errors(form: StaffInputForm | BatchRowForm, exc: ValidationError) -> None:
    for field, messages in exc.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


@login_required
@require_http_methods(["GET", "POST"])
def staff_register(request: HttpRequest, slug: str) -> HttpResponse:
    process = _registering_process(request, slug)
    if request.method == "POST":
        form = StaffInputForm(request.POST, request.FILES, process=process)
        if form.is_valid():
            data = form.cleaned_data
            try:
                obj = submit_input(
                    process=process,
                    focus_area=data["focus_area"],
                    text=data["text"],
                    title=data["title"],
                    contributor_type=data["contributor_type"],
                    organisation=data["organisation"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    postcode=data["postcode"],
                    consent_publish_name=data["consent_publish_name"],
                    consent_contact=data["consent_contact"],
                    channel=data["channel"],
                    source=data["source"],
                    given_on=data["given_on"],
                    attachments=[(upload.name or "", upload) for upload in data["attachments"]],
                    idempotency_key=data["submission_key"],
                    acting_user=_user(request),
                )
            except ValidationError as exc:
                _apply_service_errors(form, exc)
            else:
                from django.contrib import messages

                messages.success(request, _("Input nr. %(id)d er registreret.") % {"id": obj.pk})
                return redirect("inputs:staff_detail", pk=obj.pk)
        status = 400
    else:
        form = StaffInputForm(process=process)
        status = 200
    return render(
        request, "inputs/staff/register.html", {"process": process, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_batch(request: HttpRequest, slug: str) -> HttpResponse:
    """One row per postcard or table note, saved row by row; the sticky fields carry over."""
    process = _registering_process(request, slug)
    status = 200
    if request.method == "POST":
        form = BatchRowForm(request.POST, process=process)
        if form.is_valid():
            data = form.cleaned_data
            try:
                obj = submit_input(
                    process=process,
                    focus_area=data["focus_area"],
                    text=data["text"],
                    contributor_type=data["contributor_type"],
                    postcode=data["postcode"],
                    channel=data["channel"],
                    source=data["source"],
                    given_on=data["given_on"],
                    idempotency_key=data["submission_key"],
                    acting_user=_user(request),
                )
            except ValidationError as exc:
                _apply_service_errors(form, exc)
            else:
                recent = request.session.get("batch_saved", [])
                if obj.pk not in recent:
                    request.session["batch_saved"] = [obj.pk, *recent][:500]
                sticky = {
                    "channel": data["channel"],
                    "source": data["source"],
                    "given_on": data["given_on"].isoformat(),
                    "focus_area": data["focus_area"].slug if data["focus_area"] else "",
                    "contributor_type": data["contributor_type"],
                }
                url = reverse("inputs:staff_batch", kwargs={"slug": process.slug})
                return redirect(f"{url}?{urlencode(sticky)}&gemt={obj.pk}")
        status = 400
    else:
        initial = {name: request.GET[name] for name in _STICKY if request.GET.get(name)}
        form = BatchRowForm(initial=initial, process=process)
    saved_ids = request.session.get("batch_saved", [])
    saved = (
        Input.objects.filter(pk__in=saved_ids, process=process)
        .select_related("focus_area")
        .order_by("-id")
    )
    return render(
        request,
        "inputs/staff/batch.html",
        {
            "process": process,
            "form": form,
            "saved": saved[:20],
            "saved_count": len(saved_ids),
            "just_saved": request.GET.get("gemt", ""),
            "postcard": Channel.POSTCARD,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request: HttpRequest, slug: str) -> HttpResponse:
    process = _registering_process(request, slug)
    report = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = import_inputs(
                process=process,
                filename=upload.name or "",
                data=upload.read(),
                acting_user=_user(request),
            )
            status = 200 if report.ok else 400
        else:
            status = 400
    else:
        form = ImportForm()
    return render(
        request,
        "inputs/staff/import.html",
        {"process": process, "form": form, "report": report},
        status=status,
    )
