"""Public pages: the plan of a process, and the plan as an accessible PDF."""

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from dialogportal.core.page_cache import public_page
from dialogportal.core.pdf import render_pdf
from dialogportal.indicators.queries import rendered_figures
from dialogportal.strategy.permissions import can_edit_plan, get_plan_for_user
from dialogportal.strategy.queries import plan_view

PLAN_STYLESHEET = Path(__file__).resolve().parent / "static" / "strategy" / "plan-print.css"


@require_http_methods(["GET"])
@public_page()
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_plan_for_user(request.user, slug)
    view = plan_view(found)
    return render(
        request,
        "strategy/plan.html",
        {
            "view": view,
            "plan": found,
            "process": found.process,
            "figures": rendered_figures(found.process, list(view.indicators), heading_level=3),
            "can_edit": can_edit_plan(request.user),
        },
    )


@require_http_methods(["GET"])
def plan_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_plan_for_user(request.user, slug)
    html = render_to_string(
        "strategy/plan_pdf.html", {"view": plan_view(found), "plan": found}, request=None
    )
    response = HttpResponse(
        render_pdf(html, stylesheet=PLAN_STYLESHEET), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="strategisk-plan-{found.process.slug}.pdf"'
    return response
