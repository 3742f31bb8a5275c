from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dialogportal.processes.models import Process
from dialogportal.processes.permissions import get_focus_area_for_user, get_process_for_user


def home(request: HttpRequest) -> HttpResponse:
    processes = Process.objects.published().prefetch_related("phases")
    return render(request, "processes/home.html", {"processes": processes})


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    now = timezone.now()
    phases = list(process.phases.all())
    current = next((phase for phase in phases if phase.is_open_at(now)), None)
    return render(
        request,
        "processes/process_detail.html",
        {
            "process": process,
            "phases": phases,
            "current_phase": current,
            "focus_areas": process.focus_areas.all(),
            "now": now,
        },
    )


def focus_area_detail(request: HttpRequest, slug: str, area_slug: str) -> HttpResponse:
    focus_area = get_focus_area_for_user(request.user, slug, area_slug)
    process = focus_area.process
    current = process.current_phase()
    return render(
        request,
        "processes/focus_area_detail.html",
        {"process": process, "focus_area": focus_area, "current_phase": current},
    )
