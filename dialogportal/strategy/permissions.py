"""Who may see and edit the strategic plan. Process managers and administrators edit; everyone
reads the plan of a published process. Views and the API fetch every object through these
helpers; a miss is a 404, so nothing reveals what exists."""

from django.http import Http404

from dialogportal.accounts.models import Role, User
from dialogportal.processes.permissions import get_process_for_user
from dialogportal.strategy.models import Goal, Initiative, StrategicPlan, Target

_MODELS = (
    "strategicplan",
    "goal",
    "target",
    "initiative",
    "progressupdate",
    "initiativeinput",
    "initiativetheme",
)
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROCESS_MANAGER: tuple(
        f"strategy.{action}_{model}"
        for model in _MODELS
        for action in ("add", "change", "delete", "view")
    ),
}


def can_edit_plan(user: User | object) -> bool:
    """Write the plan, its goals, targets and initiatives, link inputs and make the council
    case."""
    return (
        isinstance(user, User) and user.is_active and user.has_perm("strategy.change_strategicplan")
    )


def get_plan_for_user(user: User | object, slug: str) -> StrategicPlan:
    """The plan of a process the user may see; 404 when there is none."""
    process = get_process_for_user(user, slug)
    plan = StrategicPlan.objects.filter(process=process).select_related("process").first()
    if plan is None:
        raise Http404
    return plan


def get_managed_plan(user: User | object, slug: str) -> StrategicPlan:
    if not can_edit_plan(user):
        raise Http404
    return get_plan_for_user(user, slug)


def _check_process(user: User | object, plan: StrategicPlan) -> None:
    # Re-check through the process helper: an unpublished process stays hidden from staff
    # without the right to see unpublished processes.
    get_process_for_user(user, plan.process.slug)


def get_managed_goal(user: User | object, pk: int) -> Goal:
    if not can_edit_plan(user):
        raise Http404
    goal = Goal.objects.select_related("plan__process", "focus_area").filter(pk=pk).first()
    if goal is None:
        raise Http404
    _check_process(user, goal.plan)
    return goal


def get_managed_target(user: User | object, pk: int) -> Target:
    if not can_edit_plan(user):
        raise Http404
    target = Target.objects.select_related("goal__plan__process").filter(pk=pk).first()
    if target is None:
        raise Http404
    _check_process(user, target.goal.plan)
    return target


def get_managed_initiative(user: User | object, pk: int) -> Initiative:
    if not can_edit_plan(user):
        raise Http404
    initiative = (
        Initiative.objects.select_related("goal__plan__process", "goal__focus_area", "owner_unit")
        .filter(pk=pk)
        .first()
    )
    if initiative is None:
        raise Http404
    _check_process(user, initiative.goal.plan)
    return initiative
