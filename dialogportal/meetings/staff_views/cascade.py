"""The cascade ("videregives til") on the secretariat pages: pass an item on to lower MED
committees, and – as the target committee – mark it handled and acknowledge it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dialogportal.meetings.forms import AcknowledgeForm, CascadeForm
from dialogportal.meetings.permissions import get_cascade_for_target, get_managed_item
from dialogportal.meetings.publication import build_item
from dialogportal.meetings.services import (
    acknowledge_cascade,
    cascade_item,
    cascade_targets,
    mark_cascade_handled,
)
from dialogportal.meetings.staff_views.common import (
    secretariat,
    show_errors,
    show_form_errors,
    user_of,
)
from dialogportal.organisation.models import CommitteeLevel


@require_POST
@secretariat
def item_cascade(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_managed_item(request.user, pk)
    source = obj.meeting.committee
    form = CascadeForm(request.POST, source=source)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("meetings:staff_item", pk=obj.pk)
    targets = list(form.cleaned_data["targets"])
    if form.cleaned_data["level"]:
        targets += cascade_targets(source=source, level=CommitteeLevel(form.cleaned_data["level"]))
    unique = list({t.pk: t for t in targets}.values())
    try:
        created = cascade_item(
            item=obj,
            targets=unique,
            acting_user=user_of(request),
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "Punktet er videregivet til %(n)d udvalg.",
                "Punktet er videregivet til %(n)d udvalg.",
                len(created),
            )
            % {"n": len(created)},
        )
    return redirect("meetings:staff_item", pk=obj.pk)


@secretariat
def cascade(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_cascade_for_target(request.user, pk)
    source_doc = build_item(obj.source_item)
    return render(
        request,
        "meetings/staff/cascade.html",
        {"cascade": obj, "source_item": source_doc, "form": AcknowledgeForm()},
    )


@require_POST
@secretariat
def cascade_handle(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_cascade_for_target(request.user, pk)
    try:
        mark_cascade_handled(cascade=obj)
        messages.success(request, _("Punktet er markeret som behandlet."))
    except ValidationError as error:
        show_errors(request, error)
    return redirect("meetings:staff_cascade", pk=obj.pk)


@require_POST
@secretariat
def cascade_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_cascade_for_target(request.user, pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            acknowledge_cascade(cascade=obj, comment=form.cleaned_data["comment"])
            messages.success(
                request,
                _("Der er kvitteret over for %(c)s.")
                % {"c": obj.source_item.meeting.committee.name},
            )
        except ValidationError as error:
            show_errors(request, error)
    else:
        messages.error(request, _("Kommentaren er for lang (højst 5.000 tegn)."))
    return redirect("meetings:staff_cascade", pk=obj.pk)
