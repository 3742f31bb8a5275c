"""The hvidbog: every input of a process grouped by focus area and published theme, each group
with its summary, the municipality's answer and what it led to."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.analysis.models import AnalysisRun, CuratedTheme, SummarySentence
from dialogportal.analysis.queries import lineage, members_by_theme, published_themes
from dialogportal.feedback.models import Answer, AnswerScope
from dialogportal.feedback.outcomes import OutcomeView
from dialogportal.feedback.queries.common import (
    Entry,
    NotShown,
    latest_input_answers,
    latest_run,
    latest_theme_answers,
    not_shown_of,
    theme_outcomes,
)
from dialogportal.inputs.models import FeedbackStatus, Input, ModerationState
from dialogportal.inputs.queries import PublicInput, public_input
from dialogportal.processes.models import FocusArea, Process


@dataclass
class HvidbogGroup:
    anchor: str
    title: str
    size: int
    is_other: bool
    summary: list[str] = field(default_factory=list)
    answer: Answer | None = None
    outcomes: list[OutcomeView] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    hidden_statuses: list[str] = field(default_factory=list)

    @property
    def input_count(self) -> int:
        return len(self.entries) + len(self.hidden_statuses)

    @property
    def not_shown(self) -> NotShown:
        return not_shown_of(self.hidden_statuses)

    @property
    def status_label(self) -> str:
        return str(FeedbackStatus(self.answer.status).label) if self.answer else ""


@dataclass
class HvidbogArea:
    anchor: str
    title: str
    description: str
    summary: list[str] = field(default_factory=list)
    groups: list[HvidbogGroup] = field(default_factory=list)

    @property
    def input_count(self) -> int:
        return sum(group.input_count for group in self.groups)


@dataclass(frozen=True)
class Hvidbog:
    process: Process
    areas: tuple[HvidbogArea, ...]
    received_count: int
    public_count: int
    rejected_count: int
    run: AnalysisRun | None
    generated_at: datetime


def _published_inputs(process: Process) -> dict[int, PublicInput]:
    """input id -> its public projection, for the process's published inputs."""
    items = (
        Input.objects.public()
        .filter(process=process)
        .select_related("focus_area", "process")
        .prefetch_related(Prefetch("attachments"))
    )
    return {item.pk: public_input(item) for item in items.iterator(chunk_size=2000)}


def _theme_of_input_by_area(themes: list[CuratedTheme]) -> dict[int, dict[int, int]]:
    """input id -> {focus area id: theme id}; an input belongs to at most one theme per area."""
    membership: dict[int, dict[int, int]] = defaultdict(dict)
    theme_area = {theme.pk: theme.focus_area_id for theme in themes}
    for theme_id, theme_members in members_by_theme(themes).items():
        for input_id, _representative in theme_members:
            membership[input_id].setdefault(theme_area[theme_id], theme_id)
    return membership


def _area_summaries(
    run: AnalysisRun | None, public: dict[int, PublicInput]
) -> dict[int, list[str]]:
    """focus area id -> the run's summary sentences of inputs in no theme. A summary quotes
    verbatim, so only sentences from published inputs are kept."""
    sentences: dict[int, list[str]] = defaultdict(list)
    if run is None:
        return sentences
    rows = (
        SummarySentence.objects.filter(run=run, theme__isnull=True)
        .order_by("focus_area_id", "order")
        .values_list("focus_area_id", "sentence", "input_id")
    )
    for area_id, sentence, input_id in rows:
        if input_id in public:
            sentences[area_id].append(sentence)
    return sentences


class _Book:
    """The hvidbog's areas and groups as they fill up, one input at a time."""

    def __init__(self, areas: list[FocusArea]) -> None:
        self.area_by_id = {area.pk: area for area in areas}
        self.areas: dict[int | None, HvidbogArea] = {}
        self.groups: dict[tuple[int | None, int | None], HvidbogGroup] = {}

    def add_area(self, area: FocusArea, summary: list[str]) -> None:
        self.areas[area.pk] = HvidbogArea(
            anchor=f"omraade-{area.slug}",
            title=area.title,
            description=area.description,
            summary=summary,
        )

    def add_theme(self, theme: CuratedTheme, group: HvidbogGroup) -> None:
        if theme.focus_area_id not in self.areas:
            return
        self.groups[(theme.focus_area_id, theme.pk)] = group
        self.areas[theme.focus_area_id].groups.append(group)

    def group_for(self, area_id: int | None, theme_id: int | None) -> HvidbogGroup:
        """The group an input goes in: its theme's, or its area's "Input uden tema" (made on
        first use, as is the area "Andet" for inputs of no focus area)."""
        if area_id not in self.areas:
            known = self.area_by_id.get(area_id) if area_id is not None else None
            self.areas[area_id] = HvidbogArea(
                anchor="omraade-andet" if known is None else f"omraade-{known.slug}",
                title=_("Andet") if known is None else known.title,
                description=""
                if known is not None
                else _("Input, der ikke hører til et bestemt fokusområde."),
            )
        group = self.groups.get((area_id, theme_id))
        if group is None:
            group = HvidbogGroup(
                anchor=f"ikke-tematiseret-{area_id or 'andet'}",
                title=_("Input uden tema"),
                size=0,
                is_other=True,
            )
            self.groups[(area_id, theme_id)] = group
            self.areas[area_id].groups.append(group)
        return group

    def in_order(self, areas: list[FocusArea]) -> tuple[HvidbogArea, ...]:
        """The process's areas in their order, then "Andet"; groups with no input left out."""
        ordered = [self.areas[area.pk] for area in areas if area.pk in self.areas]
        if None in self.areas:
            ordered.append(self.areas[None])
        for book_area in ordered:
            book_area.groups = [
                group for group in book_area.groups if group.entries or group.hidden_statuses
            ]
        return tuple(ordered)


def hvidbog(process: Process) -> Hvidbog:
    """Every input of the process grouped by focus area and published (curated, ready) theme,
    each group with its summary, the municipality's answer and what it led to; inputs in no
    published theme are listed as without theme.
    Published inputs appear through the display rules; the others are only counted, with their
    statuses."""
    received = Input.objects.filter(process=process).exclude(
        moderation_state=ModerationState.REJECTED
    )
    rows = list(received.order_by("pk").values_list("pk", "focus_area_id", "status"))
    public = _published_inputs(process)
    answers = latest_input_answers([pk for pk, _area, _status in rows if pk in public])
    run = latest_run(process)
    areas = list(process.focus_areas.order_by("order", "pk"))
    themes = published_themes(process)
    current = lineage(themes)
    theme_answers = latest_theme_answers(themes)
    outcomes = theme_outcomes(themes)
    membership = _theme_of_input_by_area(themes)
    area_summaries = _area_summaries(run, public)

    book = _Book(areas)
    for area in areas:
        book.add_area(area, area_summaries.get(area.pk, []))
    for theme in themes:
        book.add_theme(
            theme,
            HvidbogGroup(
                anchor=f"tema-{theme.pk}",
                title=theme.title,
                size=theme.size,
                is_other=False,
                summary=[theme.summary] if theme.summary else [],
                answer=theme_answers.get(theme.pk),
                outcomes=outcomes.get(theme.pk, []),
            ),
        )

    for pk, submitted_area_id, status in rows:
        # An input sent to no focus area is placed in the area of its (first) theme, if any.
        placed = membership.get(pk, {})
        area_id = submitted_area_id if submitted_area_id is not None else next(iter(placed), None)
        theme_id = placed.get(area_id) if area_id is not None else None
        group = book.group_for(area_id, theme_id)
        if theme_id is None:
            group.size += 1
        if pk not in public:
            group.hidden_statuses.append(status)
            continue
        answer = answers.get(pk)
        # The group's own answer is printed once, above its inputs.
        own = answer is not None and not (
            answer.scope == AnswerScope.THEME
            and answer.theme_id is not None
            and current.get(answer.theme_id) == theme_id
        )
        group.entries.append(
            Entry(
                item=public[pk],
                status_label=str(FeedbackStatus(status).label),
                answer_text=answer.text if own and answer else "",
                answer_scope=answer.scope if own and answer else "",
            )
        )

    return Hvidbog(
        process=process,
        areas=book.in_order(areas),
        received_count=len(rows),
        public_count=len(public),
        rejected_count=Input.objects.filter(
            process=process, moderation_state=ModerationState.REJECTED
        ).count(),
        run=run,
        generated_at=timezone.now(),
    )
