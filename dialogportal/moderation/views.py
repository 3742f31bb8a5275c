"""Moderation pages: parse → permission → service → render. Staff pages need a login and a
permission; every view of non-public inputs or personal data is written to the access log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from dialogportal.accounts.access import log_access, log_access_many
from dialogportal.accounts.models import AccessKind, User
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.moderation import permissions, services
from dialogportal.moderation.forms import (
    BulkForm,
    DecisionForm,
    EditForm,
    RedactForm,
    ReportForm,
)
from dialogportal.moderation.models import HitField, ReportReason
from dialogportal.moderation.queries import QUEUE_VIEWS, history, moderation_inputs, review
from dialogportal.processes.models import Process

PAGE_SIZE = 25
REPORTS_PER_HOUR = 10


def _detail_url(item: Input) -> str:
    return reverse("moderation:detail", kwargs={"input_id": item.pk})


def _error(request: HttpRequest, form_errors: ErrorDict, fallback: str) -> None:
    texts = [str(e) for errors in form_errors.values() for e in errors] or [fallback]
    for text in texts:
        messages.error(request, text)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = permissions.require(request.user, permissions.MODERATE)
    view = request.GET.get("vis", "queue")
    if view not in QUEUE_VIEWS:
        view = "queue"
    process_slug = request.GET.get("proces", "")[:80]
    page = Paginator(moderation_inputs(view, process_slug), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    reviews = [review(item) for item in page.object_list]
    log_access_many(
        user=user,
        kind=AccessKind.HIDDEN_INPUT,
        objects=[r.item for r in reviews if r.item.moderation_state != ModerationState.PUBLISHED],
        request=request,
        detail=f"liste: {view}",
    )
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "reviews": reviews,
            "view": view,
            "process_slug": process_slug,
            "processes": Process.objects.order_by("title"),
            "bulk_form": BulkForm(input_ids=[]),
        },
    )


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    user = permissions.require(request.user, permissions.MODERATE)
    ids = [int(v) for v in request.POST.getlist("inputs") if v.isdigit()][:500]
    existing = list(Input.objects.filter(pk__in=ids).values_list("pk", flat=True))
    form = BulkForm(request.POST, input_ids=existing)
    back = request.POST.get("next", "")
    target = (
        back if back.startswith("/") and not back.startswith("//") else reverse("moderation:queue")
    )
    if not form.is_valid():
        _error(request, form.errors, _("Vælg input og en handling."))
        return redirect(target)
    try:
        outcome = services.bulk_decide(
            items=Input.objects.filter(pk__in=form.cleaned_data["inputs"]).order_by("pk"),
            acting_user=user,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
    except services.ModerationError as error:
        messages.error(request, error.message)
        return redirect(target)
    if outcome.done:
        done = len(outcome.done)
        messages.success(
            request,
            ngettext("%(n)d input er behandlet.", "%(n)d input er behandlet.", done) % {"n": done},
        )
    if outcome.skipped:
        messages.error(
            request,
            _(
                "%(n)d input blev ikke behandlet, fordi de indeholder mulige personoplysninger "
                "eller ikke kunne ændres (nr. %(ids)s). Åbn dem enkeltvis."
            )
            % {"n": len(outcome.skipped), "ids": ", ".join(str(pk) for pk, _m in outcome.skipped)},
        )
    return redirect(target)


def _log_if_not_public(request: HttpRequest, user: User, item: Input) -> None:
    if item.moderation_state != ModerationState.PUBLISHED:
        log_access(
            user=user,
            kind=AccessKind.HIDDEN_INPUT,
            obj=item,
            request=request,
            detail=item.moderation_state,
        )


@login_required
def detail(request: HttpRequest, input_id: int) -> HttpResponse:
    item = permissions.get_input_for_moderation(request.user, input_id)
    user = permissions.require(request.user, permissions.MODERATE)
    _log_if_not_public(request, user, item)
    return render(
        request,
        "moderation/detail.html",
        {
            "review": review(item),
            "item": item,
            "decision_form": DecisionForm(),
            "edit_form": EditForm(initial={"title": item.title, "text": item.text}),
            "open_reports": item.reports.filter(resolved_at__isnull=True),
            "can_view_contact_data": permissions.has(user, permissions.VIEW_CONTACT_DATA),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, input_id: int) -> HttpResponse:
    item = permissions.get_input_for_moderation(request.user, input_id)
    user = permissions.require(request.user, permissions.MODERATE)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _error(request, form.errors, _("Vælg en handling."))
        return redirect(_detail_url(item))
    action = form.cleaned_data["action"]
    try:
        if action == "publish":
            services.publish_input(
                item=item, acting_user=user, confirm_hits=form.cleaned_data["confirm_hits"]
            )
        elif action == "publish_redacted":
            services.publish_input_redacted(item=item, acting_user=user)
        elif action == "hide":
            services.hide_input(item=item, acting_user=user)
        elif action == "reject":
            services.reject_input(item=item, acting_user=user, reason=form.cleaned_data["reason"])
        else:
            services.keep_input(item=item, acting_user=user)
    except services.ModerationError as error:
        messages.error(request, error.message)
        return redirect(_detail_url(item))
    messages.success(request, _("Beslutningen er gemt."))
    return redirect(_detail_url(item))


@login_required
@require_POST
def redact(request: HttpRequest, input_id: int) -> HttpResponse:
    item = permissions.get_input_for_moderation(request.user, input_id)
    user = permissions.require(request.user, permissions.MODERATE)
    try:
        if request.POST.get("all"):
            services.redact_all(item=item, acting_user=user)
        else:
            form = RedactForm(request.POST)
            if not form.is_valid():
                raise services.ModerationError(_("Fundet kunne ikke findes. Prøv igen."))
            services.redact_hit(
                item=item,
                acting_user=user,
                field=HitField(form.cleaned_data["field"]),
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
            )
    except services.ModerationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Fundet er erstattet med »[fjernet]«."))
    return redirect(_detail_url(item))


@login_required
@require_POST
def edit(request: HttpRequest, input_id: int) -> HttpResponse:
    item = permissions.get_input_for_moderation(request.user, input_id)
    user = permissions.require(request.user, permissions.MODERATE)
    form = EditForm(request.POST)
    if not form.is_valid():
        _error(request, form.errors, _("Teksten kunne ikke gemmes."))
        return redirect(_detail_url(item))
    try:
        services.edit_text(
            item=item,
            acting_user=user,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
        )
    except services.ModerationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Teksten er rettet."))
    return redirect(_detail_url(item))


@login_required
@require_POST
def attachment_decide(request: HttpRequest, input_id: int, attachment_id: int) -> HttpResponse:
    item = permissions.get_input_for_moderation(request.user, input_id)
    attachment = permissions.get_attachment_for_moderation(request.user, item, attachment_id)
    user = permissions.require(request.user, permissions.MODERATE)
    choice = request.POST.get("publicity")
    if choice not in ("public", "internal"):
        messages.error(request, _("Vælg om bilaget skal offentliggøres eller holdes internt."))
        return redirect(_detail_url(item))
    try:
        services.set_attachment_publicity(
            item=item,
            attachment=attachment,
            acting_user=user,
            is_public=choice == "public",
            confirm_hits=request.POST.get("confirm_hits") == "on",
        )
    except services.ModerationError as error:
        messages.error(request, error.message)
        return redirect(_detail_url(item))
    messages.success(request, _("Beslutningen om bilaget er gemt."))
    return redirect(_detail_url(item))


@login_required
def attachment_download(request: HttpRequest, input_id: int, attachment_id: int) -> HttpResponse:
    item = permissions.get_input_for_moderation(request.user, input_id)
    attachment = permissions.get_attachment_for_moderation(request.user, item, attachment_id)
    user = permissions.require(request.user, permissions.MODERATE)
    log_access(
        user=user,
        kind=AccessKind.ATTACHMENT,
        obj=item,
        request=request,
        detail=f"bilag {attachment.pk}",
    )
    try:
        handle = attachment.file.open("rb")
    except (OSError, ValueError):
        messages.error(request, _("Filen findes ikke længere."))
        return redirect(_detail_url(item))
    response = HttpResponse(handle.read(), content_type="application/octet-stream")
    handle.close()
    response["Content-Disposition"] = f'attachment; filename="bilag-{attachment.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def input_history(request: HttpRequest, input_id: int) -> HttpResponse:
    item = permissions.get_input_for_moderation(request.user, input_id)
    user = permissions.require(request.user, permissions.MODERATE)
    log_access(user=user, kind=AccessKind.HISTORY, obj=item, request=request)
    return render(request, "moderation/history.html", {"item": item, "entries": history(item)})


@login_required
def contact(request: HttpRequest, input_id: int) -> HttpResponse:
    item = permissions.get_input_for_moderation(request.user, input_id)
    user = permissions.require(request.user, permissions.VIEW_CONTACT_DATA)
    log_access(user=user, kind=AccessKind.CONTACT_DATA, obj=item, request=request)
    return render(request, "moderation/contact.html", {"item": item})


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, input_id: int) -> HttpResponse:
    item = permissions.get_public_input(input_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = f"moderation:reports:{_client_ip(request)}"
        cache.add(key, 0, timeout=3600)
        if int(cache.get(key, 0)) >= REPORTS_PER_HOUR:
            form.add_error(
                None,
                _("Du har anmeldt mange input på kort tid. Prøv igen om en time."),
            )
        elif form.cleaned_data["website"]:
            return render(request, "moderation/report_thanks.html", {"item": item})
        else:
            try:
                services.report_input(
                    item=item,
                    reason=ReportReason(form.cleaned_data["reason"]),
                    comment=form.cleaned_data["comment"],
                )
            except services.ModerationError as error:
                form.add_error("comment", error.message)
            else:
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, timeout=3600)
                return render(request, "moderation/report_thanks.html", {"item": item})
    status = 400 if request.method == "POST" else 200
    return render(request, "moderation/report.html", {"item": item, "form": form}, status=status)
