"""Staff pages of the privacy app: data-subject requests, the retention log and the access log.
parse → permission → service → render; every search, export and erasure is logged."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogportal.accounts.access import HANDLE_SUBJECT_REQUESTS, VIEW_ACCESS_LOG, has
from dialogportal.accounts.models import AccessLog, User
from dialogportal.privacy.forms import EraseForm, SubjectForm
from dialogportal.privacy.models import RetentionRun
from dialogportal.privacy.subjects import (
    Found,
    erase_subject,
    export_subject_json,
    export_subject_pdf,
    find_subject,
)

VIEW_RETENTION_RUNS = "privacy.view_retentionrun"


def _require(request: HttpRequest, permission: str) -> User:
    user = request.user
    if not isinstance(user, User) or not has(user, permission):
        raise PermissionDenied
    return user


def _error(request: HttpRequest, form_errors: ErrorDict, fallback: str) -> None:
    for text in [str(e) for errors in form_errors.values() for e in errors] or [fallback]:
        messages.error(request, text)


@login_required
@require_http_methods(["GET", "POST"])
def subjects(request: HttpRequest) -> HttpResponse:
    user = _require(request, HANDLE_SUBJECT_REQUESTS)
    form = SubjectForm(request.POST or None)
    found: Found | None = None
    email = ""
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        found = find_subject(user=user, email=email)
    return render(
        request,
        "privacy/subjects.html",
        {
            "form": form,
            "found": found,
            "email": email,
            "erase_form": EraseForm(initial={"email": email} if found else None),
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )


@login_required
@require_POST
def subject_export(request: HttpRequest, fmt: str) -> HttpResponse:
    user = _require(request, HANDLE_SUBJECT_REQUESTS)
    form = SubjectForm(request.POST)
    if not form.is_valid():
        _error(request, form.errors, _("Skriv en gyldig e-mailadresse."))
        return redirect("privacy:subjects")
    email = form.cleaned_data["email"]
    stamp = timezone.localdate().isoformat()
    if fmt == "pdf":
        response = HttpResponse(
            export_subject_pdf(user=user, email=email), content_type="application/pdf"
        )
    else:
        response = HttpResponse(
            json.dumps(export_subject_json(user=user, email=email), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="registreret-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def subject_erase(request: HttpRequest) -> HttpResponse:
    user = _require(request, HANDLE_SUBJECT_REQUESTS)
    form = EraseForm(request.POST)
    if not form.is_valid():
        _error(request, form.errors, _("Bekræft sletningen."))
        return redirect("privacy:subjects")
    counts = erase_subject(user=user, email=form.cleaned_data["email"])
    messages.success(
        request,
        _(
            "Oplysningerne er slettet, og sletningen er logget: %(inputs)d input slettet, "
            "%(redacted)d input redigeret, %(registrations)d tilmeldinger slettet."
        )
        % {
            "inputs": counts.get("inputs_deleted", 0) + counts.get("inputs_emptied", 0),
            "redacted": counts.get("inputs_redacted", 0),
            "registrations": counts.get("registrations_deleted", 0),
        },
    )
    return HttpResponseRedirect(reverse("privacy:subjects"))


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW_ACCESS_LOG)
    page = Paginator(AccessLog.objects.all(), 100).get_page(request.GET.get("side"))
    return render(request, "privacy/access_log.html", {"page": page})


@login_required
def retention_runs(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW_RETENTION_RUNS)
    page = Paginator(RetentionRun.objects.prefetch_related("processes"), 50).get_page(
        request.GET.get("side")
    )
    return render(request, "privacy/retention_runs.html", {"page": page})
