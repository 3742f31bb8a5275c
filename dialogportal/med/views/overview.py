"""The MED secretariat's overview: everything sent down the tree with its status, exported as
CSV/XLSX; the roll-up of receivers' comments for a sender's next meeting; and which Sektor and
Lokal MED have held their dialog meeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogportal.med.exports import overview_csv, overview_xlsx
from dialogportal.med.forms import CoverageFilterForm, OverviewFilterForm
from dialogportal.med.models import Cascade, CascadeStatus
from dialogportal.med.permissions import is_med_secretariat, my_committees
from dialogportal.med.queries import OverviewFilter, dialog_coverage, overview_rows
from dialogportal.med.services import report_comments, unreported_comments
from dialogportal.med.services.cascades import rollup_text
from dialogportal.med.views.common import acting, med_secretariat, med_staff, show_errors
from dialogportal.meetings.markup import to_html
from dialogportal.organisation.models import Committee


@med_secretariat
def overview(request: HttpRequest) -> HttpResponse:
    form = OverviewFilterForm(request.GET or None)
    filters = OverviewFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = OverviewFilter(
            kind=data["kind"],
            sender=data["sender"].pk if data["sender"] else None,
            sector=data["sector"].pk if data["sector"] else None,
            status=data["status"],
            overdue_only=data["overdue_only"],
            sent_from=data["sent_from"],
            sent_to=data["sent_to"],
        )
    rows = overview_rows(filters, today=timezone.localdate())
    export = request.GET.get("eksport", "")
    if export == "csv":
        response = HttpResponse(overview_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="med-oversigt.csv"'
        return response
    if export == "xlsx":
        response = HttpResponse(
            overview_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="med-oversigt.xlsx"'
        return response
    if export:
        raise Http404
    senders = Committee.objects.filter(
        pk__in=Cascade.objects.filter(
            status=CascadeStatus.ACKNOWLEDGED, reported_in__isnull=True
        ).values("source_item__meeting__committee")
    ).order_by("level", "name")
    query = request.GET.copy()
    query.pop("eksport", None)
    return render(
        request,
        "med/overview.html",
        {
            "form": form,
            "rows": rows,
            "overdue": sum(r.is_overdue for r in rows),
            "query": query.urlencode(),
            "rollup_senders": senders,
        },
    )


def _rollup_committee(request: HttpRequest, slug: str) -> Committee:
    """A sender whose roll-up this user may see: the MED secretariat, or its own people."""
    committees = (
        Committee.objects.all() if is_med_secretariat(request.user) else my_committees(request.user)
    )
    committee = committees.filter(slug=slug).first()
    if committee is None:
        raise Http404
    return committee


@med_staff
def rollup(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _rollup_committee(request, slug)
    cascades = unreported_comments(committee)
    return render(
        request,
        "med/rollup.html",
        {
            "committee": committee,
            "cascades": cascades,
            "text": to_html(rollup_text(cascades), heading_level=2) if cascades else "",
            "can_file": my_committees(request.user).filter(pk=committee.pk).exists()
            or is_med_secretariat(request.user),
        },
    )


@require_POST
@med_staff
def rollup_file(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _rollup_committee(request, slug)
    try:
        item = report_comments(committee=committee, acting_user=acting(request))
    except ValidationError as error:
        show_errors(request, error)
        return redirect("med:rollup", slug=committee.slug)
    messages.success(
        request,
        _("Tilbagemeldingerne er sat på dagsordenen for mødet den %(d)s.")
        % {"d": item.meeting.held_on.strftime("%d.%m.%Y")},
    )
    return redirect("med:rollup", slug=committee.slug)


@med_secretariat
def coverage(request: HttpRequest) -> HttpResponse:
    form = CoverageFilterForm(request.GET or None)
    process_id = None
    missing_only = False
    if form.is_valid():
        process = form.cleaned_data["process"]
        process_id = process.pk if process else None
        missing_only = form.cleaned_data["missing_only"]
    rows = dialog_coverage(process_id=process_id, at=timezone.now())
    missing = [r for r in rows if not r.has_held]
    return render(
        request,
        "med/coverage.html",
        {
            "form": form,
            "rows": missing if missing_only else rows,
            "missing": len(missing),
            "total": len(rows),
        },
    )
