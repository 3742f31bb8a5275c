"""The secretariat's start page and planning a meeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.meetings.forms import PlanMeetingForm
from dialogportal.meetings.models import Meeting
from dialogportal.meetings.permissions import managed_committees
from dialogportal.meetings.services import plan_meeting
from dialogportal.meetings.staff_views.common import secretariat, show_errors, user_of


@secretariat
def home(request: HttpRequest) -> HttpResponse:
    committees = managed_committees(request.user).order_by("name")
    today = timezone.localdate()
    upcoming = (
        Meeting.objects.filter(committee__in=committees, held_on__gte=today)
        .select_related("committee")
        .order_by("held_on")[:50]
    )
    recent = (
        Meeting.objects.filter(committee__in=committees, held_on__lt=today)
        .select_related("committee")
        .order_by("-held_on")[:20]
    )
    return render(
        request,
        "meetings/staff/home.html",
        {"committees": committees, "upcoming": upcoming, "recent": recent},
    )


@secretariat
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    committee = managed_committees(request.user).filter(slug=slug).first()
    if committee is None:
        raise Http404
    form = PlanMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = plan_meeting(
                committee=committee, acting_user=user_of(request), **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Mødet er planlagt."))
            return redirect("meetings:staff_meeting", pk=meeting.pk)
    return render(request, "meetings/staff/plan.html", {"committee": committee, "form": form})
