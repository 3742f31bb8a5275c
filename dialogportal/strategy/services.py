"""Every write of the strategic plan: the plan itself, goals, targets, initiatives and their
progress, and the links from an initiative to the inputs and themes it answers (which tell the
contributors through `feedback.services`). The council case is `strategy.council`."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.analysis.models import CuratedTheme
from dialogportal.core.text import clean_line, clean_text
from dialogportal.feedback import services as feedback
from dialogportal.feedback.outcomes import OutcomeLink
from dialogportal.indicators.models import Indicator
from dialogportal.inputs.models import FeedbackStatus, Input, ModerationState
from dialogportal.organisation.models import Unit
from dialogportal.processes.models import FocusArea, Process
from dialogportal.strategy.models import (
    Goal,
    Initiative,
    InitiativeInput,
    InitiativeStatus,
    InitiativeTheme,
    PlanStatus,
    ProgressUpdate,
    StrategicPlan,
    Target,
)

TEXT_MAX_CHARS = 10_000
NOTE_MAX_CHARS = 2_000


def _too_long(errors: dict[str, list[str]], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors.setdefault(field, []).append(
            _("Teksten er for lang: højst %(max)d tegn (du skrev %(given)d).")
            % {"max": limit, "given": len(value)}
        )


def _save(
    obj: StrategicPlan | Goal | Target | Initiative | ProgressUpdate,
    errors: dict[str, list[str]],
    *exclude: str,
) -> None:
    """`full_clean` with the service's own (friendlier) errors merged in, then save."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    obj.save()


# --- the plan -----------------------------------------------------------------------------------


@transaction.atomic
def save_plan(
    *,
    process: Process,
    title: str,
    summary: str = "",
    status: str = PlanStatus.DRAFT,
    adopted_on: date | None = None,
    acting_user: User | None,
) -> StrategicPlan:
    """Create the process's plan, or update it; an adopted plan carries its adoption date."""
    plan = StrategicPlan.objects.filter(process=process).first() or StrategicPlan(process=process)
    plan.title = clean_line(title)
    plan.summary = clean_text(summary)
    plan.status = status
    plan.adopted_on = adopted_on
    errors: dict[str, list[str]] = {}
    _too_long(errors, "summary", plan.summary, TEXT_MAX_CHARS)
    if status != PlanStatus.DRAFT and adopted_on is None:
        errors["adopted_on"] = [_("Angiv datoen, hvor planen blev vedtaget.")]
    _save(plan, errors, "process")
    return plan


# --- goals and targets --------------------------------------------------------------------------


@transaction.atomic
def save_goal(
    *,
    plan: StrategicPlan,
    focus_area: FocusArea,
    text: str,
    order: int = 0,
    goal: Goal | None = None,
    acting_user: User | None,
) -> Goal:
    """Add a goal under a focus area of the plan's process, or change one."""
    goal = goal or Goal(plan=plan)
    goal.focus_area = focus_area
    goal.text = clean_text(text)
    goal.order = order
    errors: dict[str, list[str]] = {}
    if focus_area.process_id != plan.process_id:
        errors["focus_area"] = [_("Fokusområdet skal høre til planens proces.")]
    _too_long(errors, "text", goal.text, NOTE_MAX_CHARS)
    _save(goal, errors, "plan", "focus_area")
    return goal


@dataclass(frozen=True)
class TargetData:
    indicator: Indicator
    baseline_value: Decimal
    baseline_year: int
    target_value: Decimal
    target_year: int
    direction: str


@transaction.atomic
def save_target(
    *, goal: Goal, data: TargetData, target: Target | None = None, acting_user: User | None
) -> Target:
    """Add a target on a key figure of the plan's process to a goal, or change one."""
    target = target or Target(goal=goal)
    target.indicator = data.indicator
    target.baseline_value = data.baseline_value
    target.baseline_year = data.baseline_year
    target.target_value = data.target_value
    target.target_year = data.target_year
    target.direction = data.direction
    errors: dict[str, list[str]] = {}
    if data.indicator.process_id != goal.plan.process_id:
        errors["indicator"] = [_("Nøgletallet skal høre til planens proces.")]
    if data.target_year <= data.baseline_year:
        errors["target_year"] = [_("Målåret skal ligge efter udgangsåret.")]
    if data.direction == "increase" and data.target_value <= data.baseline_value:
        errors["target_value"] = [_("Målværdien skal være højere end udgangspunktet.")]
    if data.direction == "decrease" and data.target_value >= data.baseline_value:
        errors["target_value"] = [_("Målværdien skal være lavere end udgangspunktet.")]
    _save(target, errors, "goal", "indicator")
    return target


@transaction.atomic
def delete_target(*, target: Target, acting_user: User | None) -> None:
    """Remove a target."""
    target.delete()


# --- initiatives --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitiativeData:
    """What staff fill in for an initiative."""

    title: str
    owner_name: str
    description: str = ""
    owner_unit: Unit | None = None
    budget_dkk: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    status: str = InitiativeStatus.PLANNED
    status_reason: str = ""
    progress: int = 0
    order: int = 0


@transaction.atomic
def save_initiative(
    *,
    goal: Goal,
    data: InitiativeData,
    initiative: Initiative | None = None,
    acting_user: User | None,
) -> Initiative:
    """Add an initiative under a goal, or change one; paused or dropped needs a reason."""
    initiative = initiative or Initiative(goal=goal)
    initiative.goal = goal
    initiative.title = clean_line(data.title)
    initiative.description = clean_text(data.description)
    initiative.owner_name = clean_line(data.owner_name)
    initiative.owner_unit = data.owner_unit
    initiative.budget_dkk = data.budget_dkk
    initiative.starts_on = data.starts_on
    initiative.ends_on = data.ends_on
    initiative.status = data.status
    initiative.status_reason = clean_text(data.status_reason)
    initiative.progress = data.progress
    initiative.order = data.order
    errors: dict[str, list[str]] = {}
    _too_long(errors, "description", initiative.description, TEXT_MAX_CHARS)
    _too_long(errors, "status_reason", initiative.status_reason, NOTE_MAX_CHARS)
    if data.status in (InitiativeStatus.PAUSED, InitiativeStatus.DROPPED) and not (
        initiative.status_reason
    ):
        errors["status_reason"] = [_("Skriv, hvorfor indsatsen er sat i bero eller opgivet.")]
    if not 0 <= data.progress <= 100:
        errors["progress"] = [_("Fremdriften skal være mellem 0 og 100 %.")]
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        errors["ends_on"] = [_("Indsatsen skal slutte, efter den starter.")]
    _save(initiative, errors, "goal", "owner_unit")
    feedback.update_linked_outcomes(link=_outcome_link(initiative), acting_user=acting_user)
    return initiative


@transaction.atomic
def add_progress_update(
    *,
    initiative: Initiative,
    given_on: date,
    progress: int,
    note: str,
    status: str | None = None,
    status_reason: str = "",
    acting_user: User | None,
) -> ProgressUpdate:
    """Record how far an initiative has come; its progress (and status, if given) follows."""
    update = ProgressUpdate(
        initiative=initiative,
        given_on=given_on,
        progress=progress,
        note=clean_text(note),
        created_by=acting_user,
    )
    errors: dict[str, list[str]] = {}
    _too_long(errors, "note", update.note, NOTE_MAX_CHARS)
    if not 0 <= progress <= 100:
        errors["progress"] = [_("Fremdriften skal være mellem 0 og 100 %.")]
    _save(update, errors, "initiative", "created_by")
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    latest = locked.updates.order_by("-given_on", "-pk").first()
    if latest is not None and latest.pk == update.pk:
        locked.progress = progress
    if status:
        locked.status = status
        locked.status_reason = clean_text(status_reason) or locked.status_reason
        if status in (InitiativeStatus.PAUSED, InitiativeStatus.DROPPED) and not (
            locked.status_reason
        ):
            raise ValidationError(
                {"status_reason": [_("Skriv, hvorfor indsatsen er sat i bero eller opgivet.")]}
            )
    _save(locked, {}, "goal", "owner_unit")
    initiative.refresh_from_db()
    feedback.update_linked_outcomes(link=_outcome_link(initiative), acting_user=acting_user)
    return update


# --- traceability -------------------------------------------------------------------------------


def _outcome_text(initiative: Initiative) -> str:
    """The record of the link as it was made (the public sentence follows the initiative's
    state; see `_outcome_link`)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Knyttet til indsatsen »%(initiative)s« i den strategiske plan »%(plan)s«.") % {
            "initiative": initiative.title,
            "plan": initiative.goal.plan.title,
        }


def _outcome_link(initiative: Initiative) -> OutcomeLink:
    """What feedback shows of the initiative: its title, plan, public address and state now."""
    plan = initiative.goal.plan
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("strategy:plan", kwargs={"slug": plan.process.slug})
    return OutcomeLink(
        key=f"initiative:{initiative.pk}",
        title=initiative.title,
        context=plan.title,
        url=f"{url}#initiative-{initiative.pk}",
        state=initiative.status,
        reason=initiative.status_reason,
    )


@transaction.atomic
def link_input(*, initiative: Initiative, item: Input, acting_user: User | None) -> InitiativeInput:
    """Record that the initiative answers an input: the input's status becomes "used in the
    plan" and its "what it led to" names the initiative (both through feedback's services, so
    the contributor is told)."""
    plan = initiative.goal.plan
    if item.process_id != plan.process_id:
        raise ValidationError({"inputs": [_("Inputtet hører ikke til planens proces.")]})
    if item.moderation_state == ModerationState.REJECTED:
        raise ValidationError({"inputs": [_("Et afvist input kan ikke ligge bag en indsats.")]})
    existing = InitiativeInput.objects.filter(initiative=initiative, input=item).first()
    if existing is not None:
        return existing
    link = InitiativeInput(initiative=initiative, input=item, linked_by=acting_user)
    link.full_clean(exclude=["initiative", "input", "linked_by"])
    link.save()
    if item.status != FeedbackStatus.USED:
        # No explanation: "det førte til" names the initiative with its state now, while an
        # explanation would stay as written even if the initiative is later dropped.
        feedback.set_status(
            item=item, status=FeedbackStatus.USED, explanation="", acting_user=acting_user
        )
    feedback.add_outcome(
        text=_outcome_text(initiative),
        item=item,
        link=_outcome_link(initiative),
        acting_user=acting_user,
    )
    return link


@transaction.atomic
def unlink_input(*, initiative: Initiative, item: Input, acting_user: User | None) -> None:
    """Remove the link; the input's status and outcome stay on record (they were told)."""
    InitiativeInput.objects.filter(initiative=initiative, input=item).delete()


@transaction.atomic
def link_theme(
    *, initiative: Initiative, theme: CuratedTheme, acting_user: User | None
) -> InitiativeTheme:
    """Record that the initiative answers a curated theme; the theme's "what it led to"
    names the initiative."""
    if theme.process_id != initiative.goal.plan.process_id:
        raise ValidationError({"themes": [_("Temaet hører ikke til planens proces.")]})
    existing = InitiativeTheme.objects.filter(initiative=initiative, theme=theme).first()
    if existing is not None:
        return existing
    link = InitiativeTheme(initiative=initiative, theme=theme, linked_by=acting_user)
    link.full_clean(exclude=["initiative", "theme", "linked_by"])
    link.save()
    feedback.add_outcome(
        text=_outcome_text(initiative),
        theme=theme,
        link=_outcome_link(initiative),
        acting_user=acting_user,
    )
    return link


@transaction.atomic
def unlink_theme(*, initiative: Initiative, theme: CuratedTheme, acting_user: User | None) -> None:
    """Remove the link; the theme's outcome stays on record."""
    InitiativeTheme.objects.filter(initiative=initiative, theme=theme).delete()


@transaction.atomic
def set_links(
    *,
    initiative: Initiative,
    inputs: Iterable[Input],
    themes: Iterable[CuratedTheme],
    acting_user: User | None,
) -> tuple[int, int]:
    """Make the initiative's inputs and themes exactly these; returns (inputs, themes) linked."""
    wanted_inputs = {item.pk: item for item in inputs}
    wanted_themes = {theme.pk: theme for theme in themes}
    for link in initiative.input_links.select_related("input"):
        if link.input_id not in wanted_inputs:
            unlink_input(initiative=initiative, item=link.input, acting_user=acting_user)
    for theme_link in initiative.theme_links.select_related("theme"):
        if theme_link.theme_id not in wanted_themes:
            unlink_theme(initiative=initiative, theme=theme_link.theme, acting_user=acting_user)
    for item in wanted_inputs.values():
        link_input(initiative=initiative, item=item, acting_user=acting_user)
    for theme in wanted_themes.values():
        link_theme(initiative=initiative, theme=theme, acting_user=acting_user)
    return len(wanted_inputs), len(wanted_themes)
