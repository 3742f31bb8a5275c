"""After a run: match its groups to the curated themes (worker side, inside the transaction
that stores the run). A matched curated theme keeps its name, summary, status and answers and
gets the group's inputs; a group that matches nothing becomes a new draft theme; inputs staff
placed by hand (pinned) stay where they are, and so do earlier members the run put in no
matched group. Every theme whose content changed gets a
`CurationEvent` of the run (actor None: the system), which the run's page shows as "what
changed"."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from dialogportal.analysis.models import (
    AnalysisRun,
    AreaAssignment,
    CuratedTheme,
    CuratedThemeMember,
    CurationAction,
    CurationEvent,
    Theme,
    ThemeMembership,
)
from dialogportal.analysis.models.curation import TITLE_MAX
from dialogportal.textanalysis.curation import match_groups

_BULK = 2000


def free_title(label: str, taken: set[str]) -> str:
    """`label` as a theme name not in `taken` (case-insensitive): "Busser (2)" when needed."""
    base = " ".join((label or "").split())[: TITLE_MAX - 10] or "Tema"
    title, number = base, 2
    while title.casefold() in taken:
        title, number = f"{base} ({number})", number + 1
    return title


@dataclass
class _Group:
    theme: Theme
    members: list[tuple[int, bool]] = field(default_factory=list)  # (input id, representative)


@dataclass
class _Plan:
    theme: CuratedTheme
    kept: list[tuple[int, bool]]  # unpinned members before the run (input id, representative)
    present: frozenset[int]  # inputs the run analysed
    groups: list[_Group] = field(default_factory=list)
    is_new: bool = False

    @property
    def before(self) -> set[int]:
        return {input_id for input_id, _representative in self.kept}


@transaction.atomic
def match_run_to_curated_themes(run: AnalysisRun) -> None:
    """Match the groups of `run` (a finished run of its process) to the process's curated
    themes and update their members; see the module docstring."""
    process_id = run.process_id
    curated = list(
        CuratedTheme.objects.select_for_update()
        .filter(process_id=process_id)
        .current()
        .order_by("pk")
    )
    members: dict[int, set[int]] = defaultdict(set)
    unpinned: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    pinned_in_area: dict[int, set[int]] = defaultdict(set)
    for theme_id, area_id, input_id, is_pinned, is_representative in (
        CuratedThemeMember.objects.filter(theme__in=curated)
        .order_by("theme_id", "-is_representative", "order", "pk")
        .values_list("theme_id", "focus_area_id", "input_id", "is_pinned", "is_representative")
    ):
        members[theme_id].add(input_id)
        if is_pinned:
            pinned_in_area[area_id].add(input_id)
        else:
            unpinned[theme_id].append((input_id, is_representative))
    groups: dict[int, _Group] = {
        theme.pk: _Group(theme)
        for theme in Theme.objects.filter(run=run, is_other=False).order_by(
            "focus_area_id", "order", "pk"
        )
    }
    for theme_id, input_id, is_representative in (
        ThemeMembership.objects.filter(theme__run=run, theme__is_other=False)
        .order_by("theme_id", "order")
        .values_list("theme_id", "input_id", "is_representative")
    ):
        groups[theme_id].members.append((input_id, is_representative))
    analysed = frozenset(
        AreaAssignment.objects.filter(run=run).values_list("input_id", flat=True).distinct()
    )
    present = frozenset(str(pk) for pk in analysed)

    taken: dict[int, set[str]] = defaultdict(set)
    for theme in curated:
        taken[theme.focus_area_id].add(theme.title.casefold())
    plans: dict[int, _Plan] = {t.pk: _Plan(t, unpinned[t.pk], analysed) for t in curated}
    areas = sorted({g.theme.focus_area_id for g in groups.values()} | set(taken))
    now = timezone.now()
    for area_id in areas:
        area_groups = [g for g in groups.values() if g.theme.focus_area_id == area_id]
        area_themes = [t for t in curated if t.focus_area_id == area_id]
        matches = match_groups(
            {str(g.theme.pk): frozenset(str(i) for i, _r in g.members) for g in area_groups},
            {str(t.pk): frozenset(str(i) for i in members[t.pk]) for t in area_themes},
            present,
        )
        for group, match in zip(area_groups, matches, strict=True):
            if match.theme_id is not None:
                plans[int(match.theme_id)].groups.append(group)
                continue
            theme = CuratedTheme(
                process_id=process_id,
                focus_area_id=area_id,
                title=free_title(group.theme.label, taken[area_id]),
                machine_label=group.theme.label[:300],
                order=group.theme.order,
                created_run=run,
                last_run=run,
            )
            taken[area_id].add(theme.title.casefold())
            theme.full_clean(validate_constraints=False)
            theme.save()
            plans[theme.pk] = _Plan(theme, [], analysed, [group], is_new=True)
    _apply(run, plans, pinned_in_area, taken, now)


def _apply(
    run: AnalysisRun,
    plans: dict[int, _Plan],
    pinned_in_area: dict[int, set[int]],
    taken: dict[int, set[str]],
    now: datetime,
) -> None:
    # Which theme each grouped input goes to: the theme its group matched (inputs staff
    # pinned stay where they are). An earlier member that the run put in no matched group
    # (it is in "Øvrige" now, or its theme was not found again) stays in its theme: a
    # published theme never silently loses inputs. Inputs no longer analysed leave.
    claimed: dict[tuple[int, int], int] = {}
    for plan in plans.values():
        area_id = plan.theme.focus_area_id
        for group in plan.groups:
            for input_id, _representative in group.members:
                if input_id not in pinned_in_area[area_id]:
                    claimed.setdefault((area_id, input_id), plan.theme.pk)
    # Every unpinned member is placed again from the plan (fast: one delete, bulk inserts).
    CuratedThemeMember.objects.filter(theme_id__in=list(plans), is_pinned=False).delete()
    rows: list[CuratedThemeMember] = []
    events: list[CurationEvent] = []
    for plan in plans.values():
        theme = plan.theme
        area_id = theme.focus_area_id
        placed: list[tuple[int, bool]] = []
        seen: set[int] = set()
        for group in plan.groups:
            for input_id, is_representative in group.members:
                if input_id in seen or claimed.get((area_id, input_id)) != theme.pk:
                    continue
                seen.add(input_id)
                placed.append((input_id, is_representative))
        for input_id, is_representative in plan.kept:
            if (
                input_id not in seen
                and input_id in plan.present
                and (area_id, input_id) not in claimed
            ):
                seen.add(input_id)
                placed.append((input_id, is_representative))
        rows.extend(
            CuratedThemeMember(
                theme=theme,
                focus_area_id=area_id,
                input_id=input_id,
                is_representative=is_representative,
                order=position,
            )
            for position, (input_id, is_representative) in enumerate(placed)
        )
        after = {input_id for input_id, _r in placed}
        added, removed = len(after - plan.before), len(plan.before - after)
        if plan.groups:
            biggest = max(plan.groups, key=lambda g: (len(g.members), -g.theme.pk))
            before_title = theme.title
            if not theme.is_named and not plan.is_new:
                taken[area_id].discard(theme.title.casefold())
                theme.title = free_title(biggest.theme.label, taken[area_id])
                taken[area_id].add(theme.title.casefold())
            theme.machine_label = biggest.theme.label[:300]
            theme.last_run = run
            theme.save(update_fields=["title", "machine_label", "last_run", "updated_at"])
            Theme.objects.filter(pk__in=[g.theme.pk for g in plan.groups]).update(curated=theme)
            labels = [g.theme.label for g in plan.groups]
            if plan.is_new:
                events.append(
                    _event(
                        run,
                        theme,
                        CurationAction.CREATED,
                        {},
                        {"title": theme.title, "size": len(after), "groups": labels},
                        now,
                    )
                )
            elif added or removed or before_title != theme.title:
                events.append(
                    _event(
                        run,
                        theme,
                        CurationAction.MATCHED,
                        {"title": before_title, "size": len(plan.before)},
                        {
                            "title": theme.title,
                            "size": len(after),
                            "added": added,
                            "removed": removed,
                            "groups": labels,
                        },
                        now,
                    )
                )
        elif removed:
            events.append(
                _event(
                    run,
                    theme,
                    CurationAction.UNMATCHED,
                    {"size": len(plan.before)},
                    {"size": 0, "removed": removed},
                    now,
                )
            )
    CuratedThemeMember.objects.bulk_create(rows, batch_size=_BULK)
    CurationEvent.objects.bulk_create(events, batch_size=_BULK)


def _event(
    run: AnalysisRun,
    theme: CuratedTheme,
    action: CurationAction,
    before: dict[str, object],
    after: dict[str, object],
    now: datetime,
) -> CurationEvent:
    return CurationEvent(
        process_id=run.process_id,
        theme=theme,
        action=action,
        actor=None,
        run=run,
        before=before,
        after=after,
        at=now,
    )
