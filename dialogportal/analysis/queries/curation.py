"""Read models of curation: the themes of a process per focus area, one theme with its inputs,
history and the analysis's suggestions, what a run changed, and which (merged) themes count as
which current theme (for answers and plan links given before a merge)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from dialogportal.analysis.models import (
    AnalysisRun,
    CuratedTheme,
    CuratedThemeMember,
    CurationAction,
    CurationEvent,
    CurationStatus,
    SummarySentence,
    Theme,
)
from dialogportal.inputs.models import Input
from dialogportal.processes.models import FocusArea, Process

# Inputs listed on a theme's page (with a checkbox each); the rest are counted.
MEMBERS_SHOWN = 300


@dataclass(frozen=True)
class AreaThemes:
    area: FocusArea
    themes: tuple[CuratedTheme, ...]  # annotated with `size`

    @property
    def ready_count(self) -> int:
        return sum(1 for theme in self.themes if theme.is_published)


def themes_by_area(process: Process) -> list[AreaThemes]:
    """Every current curated theme of the process, grouped by focus area, with its size."""
    themes: dict[int, list[CuratedTheme]] = defaultdict(list)
    for theme in CuratedTheme.objects.filter(process=process).current().with_size().in_order():
        themes[theme.focus_area_id].append(theme)
    return [
        AreaThemes(area, tuple(themes.get(area.pk, ())))
        for area in FocusArea.objects.filter(process=process).order_by("order", "pk")
    ]


@dataclass(frozen=True)
class ThemePage:
    theme: CuratedTheme
    size: int
    members: tuple[tuple[Input, bool], ...]  # (input, is_pinned), representatives first
    events: tuple[tuple[CurationEvent, str], ...]  # (event, what it did, in words)
    suggestion: tuple[SummarySentence, ...]  # the latest matched group's summary (verbatim)
    siblings: tuple[CuratedTheme, ...]  # other current themes in the same focus area
    areas: tuple[FocusArea, ...]
    merged_from: tuple[CuratedTheme, ...]


def theme_page(theme: CuratedTheme) -> ThemePage:
    rows = list(
        CuratedThemeMember.objects.filter(theme=theme)
        .select_related("input", "input__focus_area")
        .order_by("-is_representative", "order", "pk")[:MEMBERS_SHOWN]
    )
    machine = (
        Theme.objects.filter(curated=theme, run__status="done")
        .order_by("-run__finished_at", "-run_id", "-size")
        .first()
    )
    suggestion = (
        tuple(SummarySentence.objects.filter(theme=machine).public().order_by("order"))
        if machine is not None
        else ()
    )
    return ThemePage(
        theme=theme,
        size=CuratedThemeMember.objects.filter(theme=theme).count(),
        members=tuple((row.input, row.is_pinned) for row in rows),
        events=tuple(
            (event, describe(event))
            for event in CurationEvent.objects.filter(theme=theme).select_related("actor", "run")[
                :100
            ]
        ),
        suggestion=suggestion,
        siblings=tuple(
            CuratedTheme.objects.current()
            .filter(focus_area_id=theme.focus_area_id)
            .exclude(pk=theme.pk)
            .order_by("title")
        ),
        areas=tuple(FocusArea.objects.filter(process_id=theme.process_id).order_by("order", "pk")),
        merged_from=tuple(CuratedTheme.objects.filter(merged_into=theme).order_by("title")),
    )


def describe(event: CurationEvent) -> str:
    """What an event did, in a sentence for the theme's history."""
    before, after = event.before or {}, event.after or {}

    def n(key: str, source: dict[str, object] = after) -> object:
        value = source.get(key, 0)
        return len(value) if isinstance(value, list) else value

    match event.action:
        case CurationAction.CREATED:
            return _("Fundet af analysen med %(n)s input.") % {"n": n("size")}
        case CurationAction.MATCHED:
            text = _("Genfundet: %(added)s input kom til, %(removed)s gik ud (nu %(size)s).") % {
                "added": n("added"),
                "removed": n("removed"),
                "size": n("size"),
            }
            if before.get("title") != after.get("title"):
                text += " " + _("Analysens navneforslag: »%(title)s«.") % {
                    "title": after.get("title")
                }
            return text
        case CurationAction.UNMATCHED:
            return _("Ikke genfundet: %(n)s input er ikke længere i temaet.") % {"n": n("removed")}
        case CurationAction.RENAMED:
            return _("»%(before)s« → »%(after)s«") % {
                "before": before.get("title", ""),
                "after": after.get("title", ""),
            }
        case CurationAction.SUMMARY:
            return _("Resuméet er ændret.")
        case CurationAction.MERGED if "merged_into" in after:
            return _("Lagt sammen med »%(title)s« (%(n)s input flyttet).") % {
                "title": after.get("title", ""),
                "n": n("inputs"),
            }
        case CurationAction.MERGED:
            return _("»%(title)s« er lagt ind i dette tema (%(n)s input).") % {
                "title": after.get("from_title", ""),
                "n": n("inputs"),
            }
        case CurationAction.SPLIT if "new_title" in after:
            return _("%(n)s input udskilt som »%(title)s«.") % {
                "n": n("inputs"),
                "title": after.get("new_title", ""),
            }
        case CurationAction.SPLIT:
            return _("Udskilt fra et andet tema med %(n)s input.") % {"n": n("inputs")}
        case CurationAction.INPUTS_MOVED if after.get("theme") == event.theme_id:
            return _("%(n)s input flyttet hertil fra »%(title)s«.") % {
                "n": n("inputs"),
                "title": before.get("title", ""),
            }
        case CurationAction.INPUTS_MOVED:
            return _("%(n)s input flyttet til »%(title)s«.") % {
                "n": n("inputs"),
                "title": after.get("title", ""),
            }
        case CurationAction.MOVED:
            return _("Flyttet til et andet fokusområde med %(n)s input.") % {"n": n("inputs")}
    return ""  # marked ready or back to draft: the action says it all


@dataclass(frozen=True)
class RunCuration:
    """What a run changed in the curated themes."""

    created: tuple[CurationEvent, ...]
    changed: tuple[CurationEvent, ...]
    emptied: tuple[CurationEvent, ...]
    kept: int  # current themes the run found again without a change of content
    not_found: tuple[CuratedTheme, ...]  # current themes no group of the run matched

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.changed or self.emptied or self.not_found)


def run_curation(run: AnalysisRun) -> RunCuration:
    events = list(CurationEvent.objects.filter(run=run).select_related("theme").order_by("pk"))
    by_action: dict[str, list[CurationEvent]] = defaultdict(list)
    for event in events:
        by_action[event.action].append(event)
    changed_ids = {e.theme_id for e in events}
    older = CuratedTheme.objects.current().filter(process_id=run.process_id)
    if run.finished_at is not None:
        older = older.filter(created_at__lt=run.finished_at)  # not themes split off later
    return RunCuration(
        created=tuple(by_action[CurationAction.CREATED]),
        changed=tuple(by_action[CurationAction.MATCHED]),
        emptied=tuple(by_action[CurationAction.UNMATCHED]),
        kept=CuratedTheme.objects.current()
        .filter(last_run=run)
        .exclude(pk__in=changed_ids)
        .count(),
        not_found=tuple(
            older.exclude(Q(last_run=run) | Q(pk__in=changed_ids)).with_size().in_order()
        ),
    )


def lineage(themes: Iterable[CuratedTheme]) -> dict[int, int]:
    """theme id -> the current theme it counts as, for `themes` and every theme merged into
    them (directly or through a chain of merges). Answers and plan links given to a theme
    that was later merged belong to the theme it was merged into."""
    result = {theme.pk: theme.pk for theme in themes}
    frontier = dict(result)
    while frontier:
        merged = dict(
            CuratedTheme.objects.filter(
                merged_into_id__in=list(frontier), status=CurationStatus.MERGED
            ).values_list("pk", "merged_into_id")
        )
        frontier = {pk: result[target] for pk, target in merged.items() if pk not in result}
        result.update(frontier)
    return result


def published_themes(process: Process, area: FocusArea | None = None) -> list[CuratedTheme]:
    """The process's published themes (with `size`), by focus area and order; only themes
    with inputs."""
    themes = CuratedTheme.objects.filter(process=process).published()
    if area is not None:
        themes = themes.filter(focus_area=area)
    return [
        theme for theme in themes.select_related("focus_area").with_size().in_order() if theme.size
    ]


def members_by_theme(themes: Iterable[CuratedTheme]) -> dict[int, list[tuple[int, bool]]]:
    """theme id -> its (input id, is representative), representatives first (then in the
    analysis's order)."""
    result: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for theme_id, input_id, is_representative in (
        CuratedThemeMember.objects.filter(theme__in=[t.pk for t in themes])
        .order_by("theme_id", "-is_representative", "order", "pk")
        .values_list("theme_id", "input_id", "is_representative")
    ):
        result[theme_id].append((input_id, is_representative))
    return result
