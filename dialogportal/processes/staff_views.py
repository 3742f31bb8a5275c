"""Staff pages that set up a process without the admin: the process, its phases, focus areas and
documents. Each page parses a form, asks a permission helper for the object and calls one
service; a refused write shows the service's Danish message beside the field and keeps what was
typed. The set-up overview with its "klar til at åbne" checklist is `workspace.process_setup`
(it reads key figures and moderators, which this app may not import)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogportal.accounts.models import User
from dialogportal.core.forms import add_service_errors
from dialogportal.processes.forms import (
    DocumentForm,
    DocumentUploadForm,
    FocusAreaForm,
    PhaseForm,
    ProcessForm,
)
from dialogportal.processes.models import PhaseKind, Process
from dialogportal.processes.permissions import (
    can_set_up_processes,
    get_area_to_set_up,
    get_document_to_set_up,
    get_phase_to_set_up,
    get_process_to_set_up,
)
from dialogportal.processes.services import (
    add_document,
    add_focus_area,
    add_phase,
    create_process,
    delete_document,
    delete_focus_area,
    delete_phase,
    update_document,
    update_focus_area,
    update_phase,
    update_process,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by login_required
    return request.user


def _data(request: HttpRequest) -> Any:
    """The posted data (also when empty, so an empty form gets its errors), or None on GET."""
    return request.POST if request.method == "POST" else None


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def setup_url(process: Process) -> str:
    return reverse("workspace:process_setup", kwargs={"slug": process.slug})


def _form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Process],
    done: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET shows the form; a valid POST calls `save` (one service) and goes back to the set-up
    page; anything refused is shown beside its field with status 400, nothing half-saved."""
    if request.method == "POST":
        if form.is_valid():
            try:
                process = save(form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)  # type: ignore[arg-type]
            else:
                messages.success(request, done)
                return redirect(setup_url(process))
        return render(request, "processes/staff/form.html", {**context, "form": form}, status=400)
    return render(request, "processes/staff/form.html", {**context, "form": form})


@login_required
@require_http_methods(["GET"])
def staff_list(request: HttpRequest) -> HttpResponse:
    if not can_set_up_processes(request.user):
        raise Http404
    processes = Process.objects.prefetch_related("phases").order_by("-created_at")
    return render(request, "processes/staff/list.html", {"processes": processes})


@login_required
@require_http_methods(["GET", "POST"])
def process_create(request: HttpRequest) -> HttpResponse:
    if not can_set_up_processes(request.user):
        raise Http404
    form = ProcessForm(_data(request))

    def save(data: dict[str, Any]) -> Process:
        return create_process(**data, acting_user=_user(request))

    return _form_page(
        request,
        form=form,
        save=save,
        done=_("Processen er oprettet. Den er ikke offentlig, før du åbner den."),
        context={"heading": _("Ny proces"), "process": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_to_set_up(request.user, slug)
    form = ProcessForm(_data(request), instance=process)

    def save(data: dict[str, Any]) -> Process:
        return update_process(process=process, **data, acting_user=_user(request))

    return _form_page(
        request,
        form=form,
        save=save,
        done=_("Processen er gemt."),
        context={"heading": _("Ret processen"), "process": process},
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_to_set_up(request.user, slug)
    form = PhaseForm(_data(request))

    def save(data: dict[str, Any]) -> Process:
        data = {**data, "kind": PhaseKind(data["kind"])}
        return add_phase(process=process, **data, acting_user=_user(request)).process

    return _form_page(
        request,
        form=form,
        save=save,
        done=_("Fasen er tilføjet."),
        context={"heading": _("Ny fase"), "process": process},
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    phase = get_phase_to_set_up(request.user, slug, pk)
    initial = {name: getattr(phase, name) for name in PhaseForm.base_fields}
    form = PhaseForm(_data(request), initial=initial)

    def save(data: dict[str, Any]) -> Process:
        data = {**data, "kind": PhaseKind(data["kind"])}
        return update_phase(phase=phase, **data, acting_user=_user(request)).process

    return _form_page(
        request,
        form=form,
        save=save,
        done=_("Fasen er gemt."),
        context={
            "heading": _("Ret fasen"),
            "process": phase.process,
            "delete_url": reverse("processes:staff_phase_delete", args=[slug, pk]),
            "delete_label": _("Slet fasen"),
        },
    )


def _delete(
    request: HttpRequest, process: Process, delete: Callable[[], None], done: str
) -> HttpResponse:
    try:
        delete()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(setup_url(process))


@login_required
@require_POST
def phase_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    phase = get_phase_to_set_up(request.user, slug, pk)
    return _delete(
        request,
        phase.process,
        lambda: delete_phase(phase=phase, acting_user=_user(request)),
        _("Fasen er slettet."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_to_set_up(request.user, slug)
    form = FocusAreaForm(_data(request))

    def save(data: dict[str, Any]) -> Process:
        return add_focus_area(process=process, **data, acting_user=_user(request)).process

    return _form_page(
        request,
        form=form,
        save=save,
        done=_("Fokusområdet er tilføjet."),
        context={"heading": _("Nyt fokusområde"), "process": process},
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = get_area_to_set_up(request.user, slug, pk)
    form = FocusAreaForm(_data(request), instance=area)

    def save(data: dict[str, Any]) -> Process:
        return update_focus_area(area=area, **data, acting_user=_user(request)).process

    return _form_page(
        request,
        form=form,
        save=save,
        done=_("Fokusområdet er gemt."),
        context={
            "heading": _("Ret fokusområdet"),
            "process": area.process,
            "delete_url": reverse("processes:staff_area_delete", args=[slug, pk]),
            "delete_label": _("Slet fokusområdet"),
        },
    )


@login_required
@require_POST
def area_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = get_area_to_set_up(request.user, slug, pk)
    return _delete(
        request,
        area.process,
        lambda: delete_focus_area(area=area, acting_user=_user(request)),
        _("Fokusområdet er slettet."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_to_set_up(request.user, slug)
    form = DocumentUploadForm(*_posted(request))

    def save(data: dict[str, Any]) -> Process:
        upload = data.pop("file")
        return add_document(
            process=process,
            filename=upload.name or "",
            data=upload.read(),
            **data,
            acting_user=_user(request),
        ).process

    return _form_page(
        request,
        form=form,
        save=save,
        done=_("Dokumentet er tilføjet."),
        context={"heading": _("Nyt dokument"), "process": process, "multipart": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = get_document_to_set_up(request.user, slug, pk)
    form = DocumentForm(_data(request), instance=document)

    def save(data: dict[str, Any]) -> Process:
        return update_document(document=document, **data, acting_user=_user(request)).process

    return _form_page(
        request,
        form=form,
        save=save,
        done=_("Dokumentet er gemt."),
        context={
            "heading": _("Ret dokumentet"),
            "process": document.process,
            "delete_url": reverse("processes:staff_document_delete", args=[slug, pk]),
            "delete_label": _("Slet dokumentet"),
        },
    )


@login_required
@require_POST
def document_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = get_document_to_set_up(request.user, slug, pk)
    return _delete(
        request,
        document.process,
        lambda: delete_document(document=document, acting_user=_user(request)),
        _("Dokumentet er slettet."),
    )
