"""Staff pages of the analysis: runs, live progress, results per focus area, one input in a run,
and the one-click confirmation of an input's focus area."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dialogportal.analysis import queries
from dialogportal.analysis.forms import ConfirmAreaForm
from dialogportal.analysis.models import AnalysisRun
from dialogportal.analysis.permissions import (
    acting_user,
    can_confirm_area,
    can_run_analysis,
    get_focus_area_of_run,
    get_input_for_analysis,
    get_process_for_analysis,
    get_run_for_user,
    require,
)
from dialogportal.analysis.services import (
    AnalysisAlreadyRunningError,
    confirm_area_label,
    refresh_run_status,
    retry_analysis_run,
    start_analysis_run,
)

# htmx stops polling when a response has this status.
HTMX_STOP_POLLING = 286


@login_required
@require_GET
def run_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_analysis(request.user, slug)
    runs = AnalysisRun.objects.filter(process=process).select_related("created_by")[:50]
    return render(
        request,
        "analysis/run_list.html",
        {
            "process": process,
            "runs": runs,
            "active_run": AnalysisRun.objects.filter(process=process).active().first(),
            "can_run": can_run_analysis(request.user),
        },
    )


@login_required
@require_POST
def start_run(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_analysis(request.user, slug)
    require(can_run_analysis(request.user))
    try:
        run = start_analysis_run(process=process, acting_user=acting_user(request.user))
    except AnalysisAlreadyRunningError as exc:
        messages.info(request, str(exc))
        run = exc.run
    else:
        messages.success(request, _("Analysen er startet."))
    return redirect("analysis:run", run_id=run.pk)


@login_required
@require_GET
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = refresh_run_status(run=get_run_for_user(request.user, run_id))
    context: dict[str, object] = {
        "process": run.process,
        "run": run,
        "can_run": can_run_analysis(request.user),
    }
    if run.is_done:
        context |= {
            "areas": queries.area_overviews(run),
            "charts": queries.breakdown_charts(run),
            "campaigns": queries.campaigns(run),
            "changes": queries.changes_since_previous(run),
            "curation": queries.run_curation(run),
        }
    return render(request, "analysis/run_detail.html", context)


@login_required
@require_GET
def run_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    """The small fragment the progress page polls every second: 204 (htmx keeps the page as
    it is, and screen readers hear nothing new) while nothing has changed since `seen`."""
    run = refresh_run_status(run=get_run_for_user(request.user, run_id))
    if run.is_active and request.GET.get("seen") == f"{run.progress}-{run.step}":
        return HttpResponse(status=204)
    response = render(
        request,
        "analysis/includes/progress.html",
        {"run": run, "can_run": can_run_analysis(request.user)},
    )
    if not run.is_active:
        response.status_code = HTMX_STOP_POLLING if request.headers.get("HX-Request") else 200
        if run.is_done and request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"  # show the results that are now ready
    return response


@login_required
@require_POST
def retry_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """ "Prøv igen" on a failed run: a new run of the process with the same parameters."""
    run = get_run_for_user(request.user, run_id)
    require(can_run_analysis(request.user))
    try:
        new = retry_analysis_run(run=run, acting_user=acting_user(request.user))
    except AnalysisAlreadyRunningError as exc:
        messages.info(request, str(exc))
        new = exc.run
    else:
        messages.success(request, _("Analysen er startet igen."))
    return redirect("analysis:run", run_id=new.pk)


@login_required
@require_GET
def area_detail(request: HttpRequest, run_id: int, area_id: int) -> HttpResponse:
    run = get_run_for_user(request.user, run_id)
    area = get_focus_area_of_run(run, area_id)
    if not run.is_done:
        return redirect("analysis:run", run_id=run.pk)
    return render(
        request,
        "analysis/area_detail.html",
        {
            "process": run.process,
            "run": run,
            "results": queries.area_results(run, area),
            "areas": queries.area_overviews(run),
            "can_confirm": can_confirm_area(request.user),
            "here": request.get_full_path(),
        },
    )


@login_required
@require_GET
def input_detail(request: HttpRequest, run_id: int, input_id: int) -> HttpResponse:
    run = get_run_for_user(request.user, run_id)
    item = get_input_for_analysis(request.user, run.process, input_id)
    return render(
        request,
        "analysis/input_detail.html",
        {
            "process": run.process,
            "run": run,
            "view": queries.input_in_run(run, item),
            "can_confirm": can_confirm_area(request.user),
            "here": request.get_full_path(),
        },
    )


@login_required
@require_POST
def confirm_area(request: HttpRequest, run_id: int, input_id: int) -> HttpResponse:
    run = get_run_for_user(request.user, run_id)
    require(can_confirm_area(request.user))
    item = get_input_for_analysis(request.user, run.process, input_id)
    form = ConfirmAreaForm(request.POST, process=run.process)
    back = reverse("analysis:input", kwargs={"run_id": run.pk, "input_id": item.pk})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return HttpResponseRedirect(back)
    area = form.cleaned_data["focus_area"]
    try:
        confirm_area_label(
            item=item,
            focus_area=area,
            acting_user=acting_user(request.user),
            keep_others=form.cleaned_data["keep_others"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return HttpResponseRedirect(back)
    messages.success(
        request,
        _("Input %(id)s er placeret i »%(area)s«. Næste analyse bruger placeringen.")
        % {"id": item.pk, "area": area.title},
    )
    target = form.cleaned_data["next"]
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(back)
