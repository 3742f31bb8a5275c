"""Read models of the analysis pages: per focus area its themes with quotes and summaries,
duplicates, misplaced inputs, and counts by channel, contributor type and postcode."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dialogportal.analysis.models import (
    AnalysisRun,
    AreaAssignment,
    AreaLabel,
    DuplicateGroup,
    DuplicateMember,
    Misplaced,
    SummarySentence,
    Theme,
    ThemeMembership,
)
from dialogportal.core import postcodes
from dialogportal.core.charts import BarChart, bar_chart
from dialogportal.inputs.models import Channel, ContributorType, Input
from dialogportal.processes.models import FocusArea

QUOTES_PER_THEME = 3
# Misplaced inputs shown per page of a focus area, strongest first; the rest are counted.
MISPLACED_SHOWN = 50


@dataclass(frozen=True)
class AreaOverview:
    area: FocusArea
    input_count: int
    top_count: int
    theme_count: int
    misplaced_count: int
    # The concept lexicon knows no word of the area's title or description: the run placed
    # inputs there from the embeddings and the lexical features alone (shown to staff).
    lexicon_uncovered: bool = False


@dataclass(frozen=True)
class ThemeView:
    theme: Theme
    quotes: tuple[Input, ...]
    summary: tuple[SummarySentence, ...]


@dataclass(frozen=True)
class DuplicateView:
    group: DuplicateGroup
    inputs: tuple[Input, ...]


@dataclass(frozen=True)
class MisplacedView:
    misplaced: Misplaced
    confirmed: tuple[FocusArea, ...]  # areas a moderator has confirmed for it since


@dataclass(frozen=True)
class AreaResults:
    area: FocusArea
    input_count: int
    themes: tuple[ThemeView, ...]
    other: ThemeView | None
    summary: tuple[SummarySentence, ...]
    duplicates: tuple[DuplicateView, ...]
    misplaced: tuple[MisplacedView, ...]
    misplaced_total: int
    charts: tuple[BarChart, ...]


def area_overviews(run: AnalysisRun) -> list[AreaOverview]:
    areas = list(FocusArea.objects.filter(process_id=run.process_id).order_by("order", "pk"))
    uncovered = {int(pk) for pk in run.lexicon_uncovered or []}
    counts = {
        row["focus_area_id"]: row
        for row in AreaAssignment.objects.filter(run=run)
        .values("focus_area_id")
        .annotate(total=Count("id"), top=Count("id", filter=Q(is_top=True)))
    }
    themes = dict(
        Theme.objects.filter(run=run, is_other=False)
        .values("focus_area_id")
        .annotate(n=Count("id"))
        .values_list("focus_area_id", "n")
    )
    misplaced = dict(
        Misplaced.objects.filter(run=run)
        .values("submitted_area_id")
        .annotate(n=Count("id"))
        .values_list("submitted_area_id", "n")
    )
    return [
        AreaOverview(
            area=area,
            input_count=counts.get(area.pk, {}).get("total", 0),
            top_count=counts.get(area.pk, {}).get("top", 0),
            theme_count=themes.get(area.pk, 0),
            misplaced_count=misplaced.get(area.pk, 0),
            lexicon_uncovered=area.pk in uncovered,
        )
        for area in areas
    ]


def confirmed_labels(input_ids: Iterable[int]) -> dict[int, list[int]]:
    labels: dict[int, list[int]] = defaultdict(list)
    for input_id, area_id in AreaLabel.objects.filter(input_id__in=set(input_ids)).values_list(
        "input_id", "focus_area_id"
    ):
        labels[input_id].append(area_id)
    return dict(labels)


def _inputs_by_id(ids: Iterable[int]) -> dict[int, Input]:
    return Input.objects.select_related("focus_area").in_bulk(set(ids))


def area_results(run: AnalysisRun, area: FocusArea) -> AreaResults:
    themes = list(
        Theme.objects.filter(run=run, focus_area=area)
        .select_related("curated")
        .order_by("is_other", "order")
    )
    representatives: dict[int, list[int]] = defaultdict(list)
    for theme_id, input_id in (
        ThemeMembership.objects.filter(theme__in=themes, is_representative=True)
        .order_by("theme_id", "order")
        .values_list("theme_id", "input_id")
    ):
        if len(representatives[theme_id]) < QUOTES_PER_THEME:
            representatives[theme_id].append(input_id)
    sentences = list(
        SummarySentence.objects.filter(run=run, focus_area=area).order_by("theme_id", "order")
    )
    groups = list(
        DuplicateGroup.objects.filter(
            run=run,
            members__input__area_assignments__run=run,
            members__input__area_assignments__focus_area=area,
        )
        .distinct()
        .order_by("-is_campaign", "-size", "order")[:50]
    )
    group_members: dict[int, list[int]] = defaultdict(list)
    for group_id, input_id in (
        DuplicateMember.objects.filter(group__in=groups)
        .order_by("group_id", "order")
        .values_list("group_id", "input_id")
    ):
        group_members[group_id].append(input_id)
    all_misplaced = Misplaced.objects.filter(run=run, submitted_area=area)
    misplaced = list(
        all_misplaced.select_related("submitted_area", "suggested_area", "input").order_by(
            "-score", "pk"
        )[:MISPLACED_SHOWN]
    )
    wanted = [i for ids in representatives.values() for i in ids]
    wanted += [s.input_id for s in sentences]
    wanted += [i for ids in group_members.values() for i in ids[:5]]
    inputs = _inputs_by_id(wanted)
    for sentence in sentences:
        sentence.input = inputs[sentence.input_id]

    def view(theme: Theme) -> ThemeView:
        return ThemeView(
            theme=theme,
            quotes=tuple(inputs[i] for i in representatives.get(theme.pk, [])),
            summary=tuple(s for s in sentences if s.theme_id == theme.pk),
        )

    grouped = [view(t) for t in themes if not t.is_other]
    other = next((view(t) for t in themes if t.is_other), None)
    input_count = AreaAssignment.objects.filter(run=run, focus_area=area).count()
    labels = confirmed_labels(m.input_id for m in misplaced)
    areas_by_id = FocusArea.objects.filter(process_id=run.process_id).in_bulk()
    return AreaResults(
        area=area,
        input_count=input_count,
        themes=tuple(grouped),
        other=other,
        summary=tuple(s for s in sentences if s.theme_id is None),
        duplicates=tuple(
            DuplicateView(g, tuple(inputs[i] for i in group_members[g.pk][:5] if i in inputs))
            for g in groups
        ),
        misplaced=tuple(
            MisplacedView(
                m, tuple(areas_by_id[i] for i in labels.get(m.input_id, []) if i in areas_by_id)
            )
            for m in misplaced
        ),
        misplaced_total=all_misplaced.count(),
        charts=breakdown_charts(run, area),
    )


def _assigned(run: AnalysisRun, area: FocusArea | None) -> list[tuple[str, str, str]]:
    rows = AreaAssignment.objects.filter(run=run)
    rows = rows.filter(focus_area=area) if area is not None else rows.filter(is_top=True)
    return list(rows.values_list("input__channel", "input__contributor_type", "input__postcode"))


def breakdown_charts(run: AnalysisRun, area: FocusArea | None = None) -> tuple[BarChart, ...]:
    """Counts of the inputs in `area` (or the top area of every input of the run) by channel,
    contributor type and postcode, each as a chart with its table."""
    channel: dict[str, int] = defaultdict(int)
    kind: dict[str, int] = defaultdict(int)
    postcode: dict[str, int] = defaultdict(int)
    for channel_key, kind_key, code in _assigned(run, area):
        channel[channel_key] += 1
        kind[kind_key] += 1
        postcode[code or ""] += 1
    scope = area.title if area is not None else _("hele processen")
    suffix = f"-{area.pk}" if area is not None else ""

    def labelled(counts: dict[str, int], labels: dict[str, str]) -> list[tuple[str, int]]:
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(labels.get(key, key), value) for key, value in ordered]

    postcode_labels = {
        code: f"{code} {postcodes.town_for(code)}".strip() if code else _("Ikke oplyst")
        for code in postcode
    }
    return (
        bar_chart(
            chart_id=f"chart-channel{suffix}",
            title=_("Input efter kanal"),
            description=_("Antal input i %(scope)s fordelt på kanal.") % {"scope": scope},
            rows=labelled(channel, {c.value: str(c.label) for c in Channel}),
        ),
        bar_chart(
            chart_id=f"chart-contributor{suffix}",
            title=_("Input efter afsender"),
            description=_("Antal input i %(scope)s fordelt på type af afsender.")
            % {"scope": scope},
            rows=labelled(kind, {c.value: str(c.label) for c in ContributorType}),
        ),
        bar_chart(
            chart_id=f"chart-postcode{suffix}",
            title=_("Input efter postnummer"),
            description=_("Antal input i %(scope)s fordelt på postnummer; de mindste er samlet.")
            % {"scope": scope},
            rows=labelled(postcode, postcode_labels),
            rest_label=_("Øvrige postnumre"),
        ),
    )


def campaigns(run: AnalysisRun) -> list[DuplicateView]:
    """The run's campaigns and biggest duplicate groups, for the overview."""
    groups = list(
        DuplicateGroup.objects.filter(run=run).order_by("-is_campaign", "-size", "order")[:20]
    )
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, input_id in (
        DuplicateMember.objects.filter(group__in=groups)
        .order_by("group_id", "order")
        .values_list("group_id", "input_id")
    ):
        if len(members[group_id]) < 3:
            members[group_id].append(input_id)
    inputs = _inputs_by_id(i for ids in members.values() for i in ids)
    return [
        DuplicateView(g, tuple(inputs[i] for i in members[g.pk] if i in inputs)) for g in groups
    ]


@dataclass(frozen=True)
class InputInRun:
    item: Input
    assignments: tuple[AreaAssignment, ...]
    themes: tuple[Theme, ...]
    labels: tuple[int, ...]
    areas: tuple[FocusArea, ...]
    duplicate_of: tuple[Input, ...]

    @property
    def top_area_id(self) -> int | None:
        return next((a.focus_area_id for a in self.assignments if a.is_top), None)


def input_in_run(run: AnalysisRun, item: Input) -> InputInRun:
    assignments = tuple(
        AreaAssignment.objects.filter(run=run, input=item)
        .select_related("focus_area")
        .order_by("-is_top", "-score")
    )
    themes = tuple(
        Theme.objects.filter(run=run, memberships__input=item)
        .select_related("focus_area")
        .order_by("focus_area__order", "order")
    )
    group = DuplicateGroup.objects.filter(run=run, members__input=item).first()
    others: tuple[Input, ...] = ()
    if group is not None:
        ids = list(
            group.members.exclude(input=item)
            .order_by("order")
            .values_list("input_id", flat=True)[:10]
        )
        found = _inputs_by_id(ids)
        others = tuple(found[i] for i in ids if i in found)
    return InputInRun(
        item=item,
        assignments=assignments,
        themes=themes,
        labels=tuple(confirmed_labels([item.pk]).get(item.pk, [])),
        areas=tuple(FocusArea.objects.filter(process_id=run.process_id).order_by("order", "pk")),
        duplicate_of=others,
    )


def run_summary(run: AnalysisRun) -> dict[str, object]:
    """A run's status and provenance, as the API shows it."""
    return {
        "id": run.pk,
        "process": run.process.slug,
        "status": run.status,
        "progress": run.progress,
        "step": run.step,
        "engine_version": run.engine_version,
        "backend": run.backend,
        "parameters": run.parameters,
        "counts": run.counts,
        "warnings": run.warnings,
        "input_count": run.input_count,
        "error": run.error,
        "created_at": run.created_at.isoformat(),
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }


def run_results(run: AnalysisRun) -> dict[str, object]:
    """Everything a finished run found, by focus area, with input ids (staff only: the ids
    include hidden and pending inputs)."""
    members: dict[int, list[int]] = defaultdict(list)
    representatives: dict[int, list[int]] = defaultdict(list)
    for theme_id, input_id, is_representative in (
        ThemeMembership.objects.filter(theme__run=run)
        .order_by("theme_id", "order")
        .values_list("theme_id", "input_id", "is_representative")
    ):
        members[theme_id].append(input_id)
        if is_representative:
            representatives[theme_id].append(input_id)
    sentences: dict[tuple[int, int | None], list[dict[str, object]]] = defaultdict(list)
    for area_id, theme_id, sentence, input_id in (
        SummarySentence.objects.filter(run=run)
        .order_by("focus_area_id", "theme_id", "order")
        .values_list("focus_area_id", "theme_id", "sentence", "input_id")
    ):
        sentences[(area_id, theme_id)].append({"sentence": sentence, "input_id": input_id})
    themes: dict[int, list[dict[str, object]]] = defaultdict(list)
    for theme in Theme.objects.filter(run=run).order_by("focus_area_id", "is_other", "order"):
        themes[theme.focus_area_id].append(
            {
                "label": theme.label,
                "keywords": theme.keywords,
                "size": theme.size,
                "is_other": theme.is_other,
                "input_ids": members[theme.pk],
                "representative_ids": representatives[theme.pk],
                "summary": sentences[(theme.focus_area_id, theme.pk)],
            }
        )
    group_members: dict[int, list[int]] = defaultdict(list)
    for group_id, input_id in (
        DuplicateMember.objects.filter(group__run=run)
        .order_by("group_id", "order")
        .values_list("group_id", "input_id")
    ):
        group_members[group_id].append(input_id)
    return {
        **run_summary(run),
        "areas": [
            {
                "id": row.area.pk,
                "slug": row.area.slug,
                "title": row.area.title,
                "input_count": row.input_count,
                "summary": sentences[(row.area.pk, None)],
                "themes": themes[row.area.pk],
            }
            for row in area_overviews(run)
        ],
        "duplicates": [
            {"is_campaign": group.is_campaign, "input_ids": group_members[group.pk]}
            for group in DuplicateGroup.objects.filter(run=run).order_by(
                "-is_campaign", "-size", "order"
            )
        ],
        "misplaced": [
            {
                "input_id": m.input_id,
                "submitted_area": m.submitted_area_id,
                "suggested_area": m.suggested_area_id,
                "score": m.score,
            }
            for m in Misplaced.objects.filter(run=run).order_by("-score", "pk")
        ],
    }


@dataclass(frozen=True)
class Move:
    item: Input
    before: FocusArea
    after: FocusArea
    is_confirmed: bool


@dataclass(frozen=True)
class Changes:
    previous: AnalysisRun
    moves: tuple[Move, ...]
    total: int


MOVES_SHOWN = 50


def changes_since_previous(run: AnalysisRun) -> Changes | None:
    """Inputs whose best focus area differs from the previous finished run of the process
    (corrections show up here); None for the first run."""
    previous = (
        AnalysisRun.objects.done()
        .filter(process_id=run.process_id, pk__lt=run.pk)
        .order_by("-pk")
        .first()
    )
    if previous is None:
        return None
    before = dict(
        AreaAssignment.objects.filter(run=previous, is_top=True).values_list(
            "input_id", "focus_area_id"
        )
    )
    moved = [
        (input_id, before[input_id], area_id, is_confirmed)
        for input_id, area_id, is_confirmed in AreaAssignment.objects.filter(run=run, is_top=True)
        .order_by("-is_confirmed", "input_id")
        .values_list("input_id", "focus_area_id", "is_confirmed")
        if input_id in before and before[input_id] != area_id
    ]
    shown = moved[:MOVES_SHOWN]
    inputs = _inputs_by_id(m[0] for m in shown)
    areas = FocusArea.objects.filter(process_id=run.process_id).in_bulk()
    return Changes(
        previous=previous,
        moves=tuple(
            Move(inputs[i], areas[a], areas[b], confirmed)
            for i, a, b, confirmed in shown
            if i in inputs and a in areas and b in areas
        ),
        total=len(moved),
    )
