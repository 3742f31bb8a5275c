"""The staff home per role, the process set-up overview with its checklist, and the entry to the
tools that work on one process."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogportal.accounts.models import User
from dialogportal.processes.models import Process
from dialogportal.processes.permissions import get_process_to_set_up
from dialogportal.workspace.navigation import TOOLS_BY_KEY, tools_for
from dialogportal.workspace.queries import home_for, readiness
from dialogportal.workspace.services import close_process, open_process


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by login_required
    return request.user


@login_required
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    """Where staff land after login: what waits for them, by what their role may do."""
    user = _user(request)
    return render(
        request,
        "workspace/home.html",
        {"home": home_for(user), "has_tools": bool(tools_for(user))},
    )


@login_required
@require_http_methods(["GET"])
def tool(request: HttpRequest, key: str) -> HttpResponse:
    """A tool that works on one process: straight to it when there is one process, otherwise
    a choice (the newest first)."""
    found = TOOLS_BY_KEY.get(key)
    if found is None or not found.per_process or found not in tools_for(request.user):
        raise Http404
    processes = list(Process.objects.order_by("-created_at"))
    if len(processes) == 1:
        return redirect(reverse(found.url_name, kwargs={"slug": processes[0].slug}))
    choices = [
        (process, reverse(found.url_name, kwargs={"slug": process.slug})) for process in processes
    ]
    return render(request, "workspace/tool.html", {"tool": found, "choices": choices})


@login_required
@require_http_methods(["GET"])
def process_setup(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_to_set_up(request.user, slug)
    checks = readiness(process)
    return render(
        request,
        "workspace/process_setup.html",
        {
            "process": process,
            "checks": checks,
            "is_ready": all(check.is_done for check in checks),
            "phases": process.phases.all(),
            "areas": process.focus_areas.all(),
            "documents": process.documents.all(),
            "changes": process.changes.select_related("acting_user")[:10],
        },
    )


@login_required
@require_POST
def process_open(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_to_set_up(request.user, slug)
    try:
        open_process(process=process, acting_user=_user(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Processen er åbnet og kan ses af alle."))
    return redirect("workspace:process_setup", slug=process.slug)


@login_required
@require_POST
def process_close(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_to_set_up(request.user, slug)
    close_process(process=process, acting_user=_user(request))
    messages.success(request, _("Processen er lukket og vises ikke længere offentligt."))
    return redirect("workspace:process_setup", slug=process.slug)
