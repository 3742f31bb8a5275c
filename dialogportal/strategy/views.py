"""Public pages: the plan of a process, and the plan as an accessible PDF."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from dialogportal.core.page_cache import public_page
from dialogportal.indicators.queries import rendered_figures
from dialogportal.strategy.council.files import plan_pdf as plan_pdf_file
from dialogportal.strategy.permissions import can_edit_plan, get_plan_for_user
from dialogportal.strategy.queries import plan_view


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
    response = HttpResponse(plan_pdf_file(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="strategisk-plan-{found.process.slug}.pdf"'
    return response
