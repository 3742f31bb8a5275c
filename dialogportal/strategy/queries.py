"""Read models of the plan: the public plan page, the API, the PDF and the council case read
the same `plan_view`. Inputs reach it only through `Input.objects.public()` and
`public_input()`, the one display rule; unpublished, hidden or rejected inputs only count."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import get_language

from dialogportal.analysis.models import CuratedTheme
from dialogportal.indicators.formatting import format_value, period_label
from dialogportal.indicators.models import ComparisonSet, Indicator, Observation
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.inputs.queries import PublicInput, public_input
from dialogportal.processes.models import FocusArea, Process
from dialogportal.strategy.models import (
    Goal,
    Initiative,
    InitiativeInput,
    InitiativeStatus,
    InitiativeTheme,
    ProgressUpdate,
    StrategicPlan,
    Target,
)


@dataclass(frozen=True)
class TargetView:
    target: Target
    indicator: Indicator
    baseline: str
    goal_value: str
    latest: str  # "" when nothing is observed yet
    latest_period: str


@dataclass(frozen=True)
class ThemeRef:
    id: int
    label: str
    area_title: str


@dataclass(frozen=True)
class InitiativeView:
    initiative: Initiative
    status_label: str
    input_count: int
    public_inputs: tuple[PublicInput, ...]
    themes: tuple[ThemeRef, ...]
    updates: tuple[ProgressUpdate, ...]


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    targets: tuple[TargetView, ...]
    initiatives: tuple[InitiativeView, ...]


@dataclass(frozen=True)
class AreaView:
    area: FocusArea
    goals: tuple[GoalView, ...]


@dataclass(frozen=True)
class PlanView:
    plan: StrategicPlan
    areas: tuple[AreaView, ...]
    total_budget: int
    initiative_count: int
    status_counts: tuple[tuple[str, int], ...]
    indicators: tuple[Indicator, ...]

    @property
    def goals(self) -> list[GoalView]:
        return [goal for area in self.areas for goal in area.goals]

    @property
    def initiatives(self) -> list[InitiativeView]:
        return [item for goal in self.goals for item in goal.initiatives]


def latest_observations(
    process: Process, indicators: list[Indicator]
) -> dict[int, tuple[Decimal, str]]:
    """The municipality's latest observed value of each indicator, with its period."""
    comparison = ComparisonSet.objects.filter(process=process).first()
    if comparison is None or not indicators:
        return {}
    found: dict[int, tuple[Decimal, str]] = {}
    rows = (
        Observation.objects.filter(
            indicator__in=indicators, area_code=comparison.municipality_code, value__isnull=False
        )
        .order_by("indicator_id", "-period")
        .values_list("indicator_id", "value", "period")
    )
    for indicator_id, value, period in rows:
        if indicator_id not in found and value is not None:
            found[indicator_id] = (value, period)
    return found


def _target_view(target: Target, latest: dict[int, tuple[Decimal, str]], lang: str) -> TargetView:
    indicator = target.indicator
    observed = latest.get(indicator.pk)
    return TargetView(
        target=target,
        indicator=indicator,
        baseline=format_value(target.baseline_value, indicator.decimals, indicator.unit, lang),
        goal_value=format_value(target.target_value, indicator.decimals, indicator.unit, lang),
        latest=format_value(observed[0], indicator.decimals, indicator.unit, lang)
        if observed
        else "",
        latest_period=period_label(observed[1], lang) if observed else "",
    )


def public_inputs_by_initiative(initiatives: list[Initiative]) -> dict[int, list[PublicInput]]:
    """Each initiative's linked inputs that may be shown publicly, projected on the display
    rule."""
    links = list(
        InitiativeInput.objects.filter(
            initiative__in=initiatives, input__in=Input.objects.public()
        ).values_list("initiative_id", "input_id")
    )
    items = {
        item.pk: public_input(item)
        for item in Input.objects.public()
        .filter(pk__in={input_id for _i, input_id in links})
        .select_related("focus_area", "process")
        .prefetch_related("attachments")
    }
    shown: dict[int, list[PublicInput]] = defaultdict(list)
    for initiative_id, input_id in links:
        if input_id in items:
            shown[initiative_id].append(items[input_id])
    return shown


def plan_view(plan: StrategicPlan) -> PlanView:
    """Everything the plan page, API, PDF and council case show, in focus-area order."""
    lang = get_language() or "da"
    goals = list(
        plan.goals.select_related("focus_area").order_by("focus_area__order", "order", "pk")
    )
    targets = list(Target.objects.filter(goal__in=goals).select_related("indicator").order_by("pk"))
    initiatives = list(
        Initiative.objects.filter(goal__in=goals)
        .select_related("owner_unit")
        .prefetch_related("updates")
        .order_by("order", "pk")
    )
    indicators = list({t.indicator_id: t.indicator for t in targets}.values())
    latest = latest_observations(plan.process, indicators)
    counts = dict(
        InitiativeInput.objects.filter(initiative__in=initiatives)
        .exclude(input__moderation_state=ModerationState.REJECTED)
        .order_by()
        .values_list("initiative_id")
        .annotate(n=Count("id"))
    )
    shown = public_inputs_by_initiative(initiatives)
    themes: dict[int, list[ThemeRef]] = defaultdict(list)
    for link in InitiativeTheme.objects.filter(initiative__in=initiatives).select_related(
        "theme__focus_area", "theme__merged_into__focus_area"
    ):
        theme = _current(link.theme)
        # The plan shows only themes staff have published (never a machine label).
        if theme is None or not theme.is_published:
            continue
        if all(ref.id != theme.pk for ref in themes[link.initiative_id]):
            themes[link.initiative_id].append(
                ThemeRef(theme.pk, theme.title, theme.focus_area.title)
            )
    targets_of: dict[int, list[TargetView]] = defaultdict(list)
    for target in targets:
        targets_of[target.goal_id].append(_target_view(target, latest, lang))
    initiatives_of: dict[int, list[InitiativeView]] = defaultdict(list)
    for initiative in initiatives:
        initiatives_of[initiative.goal_id].append(
            InitiativeView(
                initiative=initiative,
                status_label=str(InitiativeStatus(initiative.status).label),
                input_count=int(counts.get(initiative.pk, 0)),
                public_inputs=tuple(shown.get(initiative.pk, ())),
                themes=tuple(themes.get(initiative.pk, ())),
                updates=tuple(initiative.updates.all()),
            )
        )
    areas: dict[int, list[GoalView]] = defaultdict(list)
    area_objects: dict[int, FocusArea] = {}
    for goal in goals:
        area_objects[goal.focus_area_id] = goal.focus_area
        areas[goal.focus_area_id].append(
            GoalView(
                goal=goal,
                targets=tuple(targets_of.get(goal.pk, ())),
                initiatives=tuple(initiatives_of.get(goal.pk, ())),
            )
        )
    by_status = Counter(i.status for i in initiatives)
    return PlanView(
        plan=plan,
        areas=tuple(AreaView(area_objects[pk], tuple(views)) for pk, views in areas.items()),
        total_budget=sum(i.budget_dkk or 0 for i in initiatives),
        initiative_count=len(initiatives),
        status_counts=tuple(
            (str(label), by_status[value]) for value, label in InitiativeStatus.choices
        ),
        indicators=tuple(indicators),
    )


def _current(theme: CuratedTheme) -> CuratedTheme | None:
    """The theme a link counts for: the theme itself, or the one it was merged into."""
    seen: set[int] = set()
    while theme.is_merged and theme.merged_into is not None and theme.pk not in seen:
        seen.add(theme.pk)
        theme = theme.merged_into
    return None if theme.is_merged else theme


def latest_themes(process: Process) -> list[CuratedTheme]:
    """The process's current curated themes (drafts too: staff may link before publishing;
    the public plan shows a link once its theme is published), to pick from."""
    return list(
        CuratedTheme.objects.filter(process=process)
        .current()
        .with_size()
        .select_related("focus_area")
        .in_order()
    )


def public_inputs_per_area(process: Process) -> list[tuple[str, int]]:
    """Published inputs per focus area, for the council case."""
    counts = dict(
        Input.objects.public()
        .filter(process=process)
        .order_by()
        .values_list("focus_area_id")
        .annotate(n=Count("id"))
    )
    return [
        (area.title, int(counts[area.pk]))
        for area in process.focus_areas.order_by("order")
        if counts.get(area.pk)
    ]
