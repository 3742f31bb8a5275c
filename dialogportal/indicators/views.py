from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogportal.accounts.models import User
from dialogportal.core.forms import add_service_errors
from dialogportal.indicators.areas import area_name
from dialogportal.indicators.forms import FigureUploadForm, IndicatorForm
from dialogportal.indicators.models import ComparisonSet, SourceKind
from dialogportal.indicators.permissions import (
    get_indicator_for_uploader,
    get_pending_upload_for_user,
    get_process_for_manager,
)
from dialogportal.indicators.queries import rendered_figures
from dialogportal.indicators.services import (
    confirm_figure_upload,
    create_indicator,
    parse_upload,
    preview_figure_upload,
    queue_refresh,
)
from dialogportal.processes.permissions import get_process_for_user
from dialogportal.processes.services import slug_from_title

PREVIEW_ROWS = 50


def white_paper(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    indicators = list(process.indicators.prefetch_related("focus_areas").order_by("order", "name"))
    for indicator in indicators:
        for area in indicator.focus_areas.all():
            area.process = process  # same process: spares a query per link to the area
    figures = rendered_figures(process, indicators, heading_level=2)
    comparison = ComparisonSet.objects.filter(process=process).first()
    return render(
        request,
        "indicators/white_paper.html",
        {
            "process": process,
            "comparison": comparison,
            "peer_names": [area_name(code) for code in comparison.peer_codes] if comparison else [],
            "entries": [
                (figure, list(indicator.focus_areas.all()))
                for figure, indicator in zip(figures, indicators, strict=True)
            ],
        },
    )


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_manager(request.user, slug)
    indicators = list(process.indicators.order_by("order", "name"))
    rows = [(indicator, indicator.refreshes.first()) for indicator in indicators]
    return render(
        request,
        "indicators/manage.html",
        {
            "process": process,
            "rows": rows,
            "comparison": ComparisonSet.objects.filter(process=process).first(),
        },
    )


@login_required
def indicator_create(request: HttpRequest, slug: str) -> HttpResponse:
    """A new key figure, attached to focus areas, without the admin."""
    process = get_process_for_manager(request.user, slug)
    form = IndicatorForm(request.POST if request.method == "POST" else None, process=process)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                create_indicator(
                    process=process,
                    slug=slug_from_title(data["name"]) or "noegletal",
                    name=data["name"],
                    unit=data["unit"],
                    source_kind=SourceKind(data["source_kind"]),
                    spec_key=data["spec_key"],
                    description=data["description"],
                    source_note=data["source_note"],
                    order=process.indicators.count(),
                    focus_areas=data["focus_areas"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Nøgletallet er oprettet."))
                return redirect("indicators:manage", slug=slug)
        status = 400
    else:
        status = 200
    return render(
        request, "indicators/indicator_form.html", {"process": process, "form": form}, status=status
    )


@login_required
@require_POST
def fetch_now(request: HttpRequest, slug: str, indicator_slug: str) -> HttpResponse:
    get_process_for_manager(request.user, slug)
    indicator = get_indicator_for_uploader(request.user, slug, indicator_slug)
    if indicator.source_kind != SourceKind.STATBANK:
        messages.error(request, _("Dette nøgletal hentes ikke fra Danmarks Statistik."))
    else:
        queue_refresh(indicator=indicator)
        messages.success(
            request,
            _("%(name)s hentes nu fra Danmarks Statistik. Se resultatet i loggen om lidt.")
            % {"name": indicator.name},
        )
    return redirect("indicators:manage", slug=slug)


@login_required
def upload(request: HttpRequest, slug: str, indicator_slug: str) -> HttpResponse:
    indicator = get_indicator_for_uploader(request.user, slug, indicator_slug)
    assert isinstance(request.user, User)
    parsed = None
    if request.method == "POST":
        form = FigureUploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                preview = preview_figure_upload(
                    indicator=indicator,
                    data=uploaded.read(),
                    filename=uploaded.name or "",
                    source_note=form.cleaned_data["source_note"],
                    provenance=form.cleaned_data["provenance"],
                    acting_user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if preview.upload is not None:
                    return redirect(
                        "indicators:upload_preview",
                        slug=slug,
                        indicator_slug=indicator.slug,
                        pk=preview.upload.pk,
                    )
                parsed = preview.parsed
    else:
        form = FigureUploadForm(initial={"source_note": indicator.source_note})
    return render(
        request,
        "indicators/upload.html",
        {
            "process": indicator.process,
            "indicator": indicator,
            "form": form,
            "parsed": parsed,
            "errors": parsed.errors[:200] if parsed else [],
        },
        status=422 if parsed is not None or form.errors else 200,
    )


@login_required
def upload_preview(request: HttpRequest, slug: str, indicator_slug: str, pk: int) -> HttpResponse:
    indicator = get_indicator_for_uploader(request.user, slug, indicator_slug)
    pending = get_pending_upload_for_user(request.user, indicator, pk)
    assert isinstance(request.user, User)
    if request.method == "POST":
        try:
            log = confirm_figure_upload(upload=pending, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(rows)s tal er gemt for %(name)s (%(created)s nye, %(updated)s ændrede).")
                % {
                    "rows": log.rows_received,
                    "name": indicator.name,
                    "created": log.rows_created,
                    "updated": log.rows_updated,
                },
            )
            return redirect("indicators:manage", slug=slug)
    parsed = parse_upload(pending)
    return render(
        request,
        "indicators/upload_preview.html",
        {
            "process": indicator.process,
            "indicator": indicator,
            "pending": pending,
            "parsed": parsed,
            "rows": [(row, area_name(row.area_code)) for row in parsed.rows[:PREVIEW_ROWS]],
            "more_rows": max(0, len(parsed.rows) - PREVIEW_ROWS),
            "areas": sorted({row.area_code for row in parsed.rows}),
            "periods": sorted({row.period for row in parsed.rows}),
        },
    )
