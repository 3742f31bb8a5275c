"""Staff pages: write the plan, its goals, targets and initiatives, record progress, pick the
inputs and themes an initiative answers, and put the plan on a committee's agenda. Each view
parses, checks permission through `permissions`, calls one service and renders."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dialogportal.accounts.models import User
from dialogportal.analysis.models import CuratedTheme
from dialogportal.core.forms import add_service_errors
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.meetings.models import Case, Meeting
from dialogportal.meetings.services import MinutesLockedError
from dialogportal.organisation.models import CommitteeLevel
from dialogportal.processes.permissions import get_process_for_user
from dialogportal.strategy import services
from dialogportal.strategy.council import council_meetings, create_council_item
from dialogportal.strategy.forms import (
    CouncilForm,
    GoalForm,
    InitiativeForm,
    LinkForm,
    PlanForm,
    ProgressForm,
    TargetForm,
)
from dialogportal.strategy.models import Goal, Initiative, StrategicPlan
from dialogportal.strategy.permissions import (
    can_edit_plan,
    get_managed_goal,
    get_managed_initiative,
    get_managed_plan,
    get_managed_target,
)
from dialogportal.strategy.queries import latest_themes, plan_view

SEARCH_LIMIT = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by login_required
    return request.user


def _data(request: HttpRequest) -> Any:
    # An empty POST is still a submission (and gets its errors), not a GET.
    return request.POST if request.method == "POST" else None


def _form_page(
    request: HttpRequest,
    form: Form,
    *,
    save: Callable[[dict[str, Any]], Any],
    done: str,
    next_url: Callable[[Any], str],
    context: dict[str, Any],
    template: str = "strategy/staff/form.html",
) -> HttpResponse:
    """GET shows the form; POST validates, calls the service and redirects, or shows the
    errors with status 400."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = save(form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect(next_url(result))
        status = 400
    return render(request, template, {"form": form, **context}, status=status)


def _staff_plan_url(plan: StrategicPlan) -> str:
    return plan.get_staff_url()


@login_required
@require_http_methods(["GET", "POST"])
def staff_plan(request: HttpRequest, slug: str) -> HttpResponse:
    if not can_edit_plan(request.user):
        raise Http404
    process = get_process_for_user(request.user, slug)
    plan = StrategicPlan.objects.filter(process=process).first()
    initial = (
        {
            "title": plan.title,
            "summary": plan.summary,
            "status": plan.status,
            "adopted_on": plan.adopted_on,
        }
        if plan
        else {"title": _("Strategisk plan for %(process)s") % {"process": process.title}}
    )
    form = PlanForm(_data(request), initial=initial)
    return _form_page(
        request,
        form,
        save=lambda data: services.save_plan(process=process, acting_user=_user(request), **data),
        done=_("Planen er gemt."),
        next_url=_staff_plan_url,
        context={
            "process": process,
            "plan": plan,
            "view": plan_view(plan) if plan else None,
        },
        template="strategy/staff/plan.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_goal_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_managed_plan(request.user, slug)
    form = GoalForm(_data(request), process=plan.process)
    return _form_page(
        request,
        form,
        save=lambda data: services.save_goal(plan=plan, acting_user=_user(request), **data),
        done=_("Målet er gemt."),
        next_url=lambda goal: plan.get_staff_url(),
        context={"plan": plan, "heading": _("Nyt mål")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_managed_goal(request.user, pk)
    plan = goal.plan
    form = GoalForm(
        _data(request),
        process=plan.process,
        initial={"focus_area": goal.focus_area_id, "text": goal.text, "order": goal.order},
    )
    return _form_page(
        request,
        form,
        save=lambda data: services.save_goal(
            plan=plan, goal=goal, acting_user=_user(request), **data
        ),
        done=_("Målet er gemt."),
        next_url=lambda _goal: plan.get_staff_url(),
        context={"plan": plan, "heading": _("Ret mål")},
    )


def _target_page(request: HttpRequest, goal: Goal, target: Any, initial: dict[str, Any]) -> Any:
    plan = goal.plan
    form = TargetForm(_data(request), process=plan.process, initial=initial)
    return _form_page(
        request,
        form,
        save=lambda data: services.save_target(
            goal=goal,
            target=target,
            data=services.TargetData(**data),
            acting_user=_user(request),
        ),
        done=_("Målepunktet er gemt."),
        next_url=lambda _target: plan.get_staff_url(),
        context={"plan": plan, "heading": _("Målepunkt på et nøgletal"), "goal": goal},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_target_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_managed_goal(request.user, pk)
    return _target_page(request, goal, None, {})  # type: ignore[no-any-return]


@login_required
@require_http_methods(["GET", "POST"])
def staff_target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_managed_target(request.user, pk)
    initial = {
        "indicator": target.indicator_id,
        "baseline_value": target.baseline_value,
        "baseline_year": target.baseline_year,
        "target_value": target.target_value,
        "target_year": target.target_year,
        "direction": target.direction,
    }
    return _target_page(request, target.goal, target, initial)  # type: ignore[no-any-return]


def _initiative_page(
    request: HttpRequest, goal: Goal, initiative: Initiative | None, initial: dict[str, Any]
) -> HttpResponse:
    plan = goal.plan
    form = InitiativeForm(_data(request), initial=initial)
    return _form_page(
        request,
        form,
        save=lambda data: services.save_initiative(
            goal=goal,
            initiative=initiative,
            data=services.InitiativeData(**data),
            acting_user=_user(request),
        ),
        done=_("Indsatsen er gemt."),
        next_url=lambda saved: saved.get_staff_url(),
        context={
            "plan": plan,
            "goal": goal,
            "initiative": initiative,
            "heading": _("Ret indsats") if initiative else _("Ny indsats"),
        },
        template="strategy/staff/initiative.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_initiative_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_managed_goal(request.user, pk)
    return _initiative_page(request, goal, None, {})


@login_required
@require_http_methods(["GET", "POST"])
def staff_initiative(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_managed_initiative(request.user, pk)
    initial = {
        name: getattr(initiative, name)
        for name in (
            "title",
            "description",
            "owner_name",
            "budget_dkk",
            "starts_on",
            "ends_on",
            "status",
            "status_reason",
            "progress",
            "order",
        )
    }
    initial["owner_unit"] = initiative.owner_unit_id
    return _initiative_page(request, initiative.goal, initiative, initial)


@login_required
@require_http_methods(["GET", "POST"])
def staff_progress(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_managed_initiative(request.user, pk)
    form = ProgressForm(_data(request), initial={"progress": initiative.progress})
    return _form_page(
        request,
        form,
        save=lambda data: services.add_progress_update(
            initiative=initiative,
            given_on=data["given_on"],
            progress=data["progress"],
            note=data["note"],
            status=data["status"] or None,
            status_reason=data["status_reason"],
            acting_user=_user(request),
        ),
        done=_("Statusopdateringen er gemt."),
        next_url=lambda _update: initiative.get_staff_url(),
        context={
            "plan": initiative.goal.plan,
            "heading": _("Ny statusopdatering: %(title)s") % {"title": initiative.title},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_links(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_managed_initiative(request.user, pk)
    plan = initiative.goal.plan
    candidates = Input.objects.filter(process=plan.process).exclude(
        moderation_state=ModerationState.REJECTED
    )
    themes = latest_themes(plan.process)
    linked_ids = set(initiative.input_links.values_list("input_id", flat=True))
    linked_theme_ids = set(initiative.theme_links.values_list("theme_id", flat=True))
    form = LinkForm(
        _data(request),
        inputs=candidates,
        themes=CuratedTheme.objects.filter(pk__in=[t.pk for t in themes]),
    )
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    found = candidates.filter(pk__in=linked_ids)
    if query:
        match = Q(pk__in=candidates.search(query).values("pk"))
        if query.isdigit() and len(query) < 10:
            match |= Q(pk=int(query))
        found = candidates.filter(match | Q(pk__in=linked_ids))
    shown = list(found.select_related("focus_area").order_by("-pk")[:SEARCH_LIMIT])
    return _form_page(
        request,
        form,
        save=lambda data: services.set_links(
            initiative=initiative,
            inputs=data["inputs"],
            themes=data["themes"],
            acting_user=_user(request),
        ),
        done=_("Grundlaget for indsatsen er gemt."),
        next_url=lambda _counts: initiative.get_staff_url(),
        context={
            "plan": plan,
            "initiative": initiative,
            "query": query,
            "shown_inputs": shown,
            "linked_ids": linked_ids,
            "themes": themes,
            "linked_theme_ids": linked_theme_ids,
        },
        template="strategy/staff/links.html",
    )


def _meeting_choice(meeting: Meeting) -> tuple[int, str]:
    return meeting.pk, f"{meeting.committee.name}, {date_format(meeting.held_on, 'j. F Y')}"


@login_required
@require_http_methods(["GET", "POST"])
def staff_council(request: HttpRequest, slug: str) -> HttpResponse:
    """The council case: its sagsnummer and route; the item is then opened for its author."""
    plan = get_managed_plan(request.user, slug)
    meetings = council_meetings()
    by_pk = {m.pk: m for m in meetings}
    form = CouncilForm(
        _data(request),
        committees=[
            _meeting_choice(m) for m in meetings if m.committee.level != CommitteeLevel.CITY_COUNCIL
        ],
        councils=[
            _meeting_choice(m) for m in meetings if m.committee.level == CommitteeLevel.CITY_COUNCIL
        ],
    )

    def save(data: dict[str, Any]) -> Any:
        chosen = [by_pk.get(pk) for pk in form.meeting_ids()]
        if None in chosen:
            raise ValidationError({"last": [_("Vælg et planlagt møde.")]})
        try:
            return create_council_item(
                plan=plan,
                journal_number=data["journal_number"],
                meetings=[m for m in chosen if m is not None],
                acting_user=_user(request),
            )
        except MinutesLockedError as exc:
            raise ValidationError({"last": [str(exc)]}) from exc

    return _form_page(
        request,
        form,
        save=save,
        done=_("Sagen er sat på dagsordenen."),
        next_url=lambda item: reverse("meetings:item", kwargs={"pk": item.pk}),
        context={
            "plan": plan,
            "heading": _("Byrådssag: sæt planen på dagsordenen"),
            "cases": Case.objects.filter(process=plan.process)
            .prefetch_related("items__meeting__committee", "steps__committee")
            .order_by("-created_at"),
        },
        template="strategy/staff/council.html",
    )
