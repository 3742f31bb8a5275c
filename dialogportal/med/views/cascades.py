"""The MED home, an item's MED page (pass it on, send it in hearing) and the receiver's page of
an item passed on (handled, acknowledged)."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dialogportal.med.forms import AcknowledgeForm, CascadeForm, HandleForm
from dialogportal.med.models import (
    PENDING_CASCADE_STATUSES,
    Cascade,
    CascadeStatus,
    HearingPart,
)
from dialogportal.med.permissions import (
    get_cascade_for_user,
    get_item_to_send,
    hearings_for,
    is_med_secretariat,
    my_committees,
)
from dialogportal.med.queries import placement_warning
from dialogportal.med.services import (
    acknowledge_cascade,
    cascade_item,
    check_can_travel,
    mark_cascade_handled,
)
from dialogportal.med.views.common import acting, form_errors, med_staff, show_errors
from dialogportal.meetings.models import AgendaItem, Meeting
from dialogportal.meetings.publication import build_document

# An "at …" clause that asks for the item to be passed on.
_PASS_ON_RE = re.compile(r"videregiv|viderebring|videresend|orienter\w* alle", re.IGNORECASE)


@med_staff
def home(request: HttpRequest) -> HttpResponse:
    committees = my_committees(request.user).order_by("level", "name")
    today = timezone.localdate()
    incoming = (
        Cascade.objects.filter(target_committee__in=committees)
        .select_related(
            "source_item__meeting__committee", "target_committee", "target_item__meeting"
        )
        .order_by("-sent_at")[:100]
    )
    parts = (
        HearingPart.objects.filter(committee__in=committees)
        .select_related("hearing__committee", "committee")
        .order_by("-hearing__created_at")[:100]
    )
    items = (
        AgendaItem.objects.filter(
            meeting__committee__in=committees,
            is_standard=False,
            is_draft=False,
            meeting__held_on__gte=today.replace(year=today.year - 2),
        )
        .select_related("meeting__committee")
        .order_by("-meeting__held_on", "order")[:60]
    )
    return render(
        request,
        "med/home.html",
        {
            "committees": committees,
            "incoming": incoming,
            "parts": [(p, p.status_label_on(today), p.is_overdue_on(today)) for p in parts],
            "items": items,
            "hearings": hearings_for(request.user)
            .select_related("committee")
            .order_by("-created_at")[:50],
            "today": today,
            "is_secretariat": is_med_secretariat(request.user),
        },
    )


def _clauses(item: AgendaItem) -> list[str]:
    return [
        f"{r.order}. {' '.join(r.text.split())}"
        for r in item.recommendations.order_by("order")
        if _PASS_ON_RE.search(r.text)
    ]


def _item_page(
    request: HttpRequest, item: AgendaItem, form: CascadeForm | None = None
) -> HttpResponse:
    try:
        check_can_travel(item)
        travel_error = ""
    except ValidationError as error:
        travel_error = " ".join(error.messages)
    clauses = _clauses(item)
    doc_item = next(i for i in build_document(item.meeting).items if i.id == item.pk)
    today = timezone.localdate()
    cascades = list(
        item.cascades.select_related("target_committee", "target_item__meeting").order_by(
            "target_committee__name"
        )
    )
    return render(
        request,
        "med/item.html",
        {
            "item": item,
            "doc_item": doc_item,
            "cascades": [
                (
                    c,
                    c.is_overdue_on(today),
                    placement_warning(
                        agenda_date=c.target_item.meeting.held_on
                        if c.target_item and c.status in PENDING_CASCADE_STATUSES
                        else None,
                        due_on=c.due_on,
                        source_date=item.meeting.held_on,
                    ),
                )
                for c in cascades
            ],
            "hearings": item.med_hearings.all(),
            "form": form
            or CascadeForm(
                source=item.meeting.committee,
                clauses=clauses,
                initial={"clause": clauses[0] if clauses else ""},
            ),
            "travel_error": travel_error,
            "clauses": clauses,
        },
    )


@med_staff
def item(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, get_item_to_send(request.user, pk))


@require_POST
@med_staff
def item_cascade(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_item_to_send(request.user, pk)
    form = CascadeForm(request.POST, source=obj.meeting.committee, clauses=_clauses(obj))
    if not form.is_valid():
        form_errors(request, form)
        return _item_page(request, obj, form)
    try:
        created = cascade_item(
            item=obj,
            targets=form.chosen_targets(),
            acting_user=acting(request),
            message=form.cleaned_data["message"],
            due_on=form.cleaned_data["due_on"],
            clause=form.cleaned_data["clause"],
        )
    except ValidationError as error:
        show_errors(request, error)
        return _item_page(request, obj, form)
    messages.success(
        request,
        ngettext(
            "Punktet er videregivet til %(n)d udvalg.",
            "Punktet er videregivet til %(n)d udvalg.",
            len(created),
        )
        % {"n": len(created)},
    )
    return redirect("med:item", pk=obj.pk)


def _cascade_page(request: HttpRequest, cascade: Cascade, can_act: bool) -> HttpResponse:
    source = cascade.source_item
    # The source's text only while it is open: closing it withdraws it from the receivers.
    source_doc = (
        None
        if source.is_closed or cascade.status == CascadeStatus.WITHDRAWN
        else next(i for i in build_document(source.meeting).items if i.id == source.pk)
    )
    meeting: Meeting | None = cascade.target_item.meeting if cascade.target_item else None
    return render(
        request,
        "med/cascade.html",
        {
            "cascade": cascade,
            "can_act": can_act and cascade.status != CascadeStatus.WITHDRAWN,
            "source_doc": source_doc,
            "meeting": meeting,
            "is_overdue": cascade.is_overdue_on(timezone.localdate()),
            "handle_form": HandleForm(prefix="behandlet"),
            "ack_form": AcknowledgeForm(prefix="kvitter"),
        },
    )


@med_staff
def cascade(request: HttpRequest, pk: int) -> HttpResponse:
    obj, can_act = get_cascade_for_user(request.user, pk)
    return _cascade_page(request, obj, can_act)


def _receiver_cascade(request: HttpRequest, pk: int) -> Cascade:
    obj, can_act = get_cascade_for_user(request.user, pk)
    if not can_act:
        raise Http404
    return obj


@require_POST
@med_staff
def cascade_handle(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _receiver_cascade(request, pk)
    form = HandleForm(request.POST, prefix="behandlet")
    if not form.is_valid():
        form_errors(request, form)
        return redirect("med:cascade", pk=obj.pk)
    try:
        mark_cascade_handled(
            cascade=obj, acting_user=acting(request), reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Punktet er markeret som behandlet."))
    except ValidationError as error:
        show_errors(request, error)
    return redirect("med:cascade", pk=obj.pk)


@require_POST
@med_staff
def cascade_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _receiver_cascade(request, pk)
    form = AcknowledgeForm(request.POST, prefix="kvitter")
    if not form.is_valid():
        form_errors(request, form)
        return redirect("med:cascade", pk=obj.pk)
    try:
        acknowledge_cascade(
            cascade=obj,
            acting_user=acting(request),
            comment=form.cleaned_data["comment"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("Der er kvitteret over for %(c)s.") % {"c": obj.source_item.meeting.committee.name},
        )
    except ValidationError as error:
        show_errors(request, error)
    return redirect("med:cascade", pk=obj.pk)
