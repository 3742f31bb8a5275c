"""Read models of the feedback app: an input's feedback for its receipt page, the "Det har vi
hørt" report, the feedback report per source and the hvidbog.

Every input text that leaves through here is a `PublicInput` from `inputs.queries.public_input`
of an input in `Input.objects.public()`; inputs that are not public are only counted."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.analysis.models import AnalysisRun, CuratedTheme, SummarySentence
from dialogportal.analysis.queries import lineage, members_by_theme, published_themes
from dialogportal.feedback.charts import BarTable, bar_table
from dialogportal.feedback.models import Answer, AnswerScope, InputAnswer, Outcome, StatusChange
from dialogportal.feedback.outcomes import OutcomeView, view
from dialogportal.inputs.models import (
    Channel,
    ContributorType,
    FeedbackStatus,
    Input,
    ModerationState,
)
from dialogportal.inputs.queries import PublicInput, public_input
from dialogportal.processes.models import FocusArea, Process

QUOTES_PER_THEME = 3
THEMES_IN_CHART = 10


# --- one input ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptFeedback:
    status: str
    status_label: str
    explanation: str
    changed_at: datetime | None
    answer_text: str
    answered_at: datetime | None
    answer_scope: str
    outcomes: tuple[OutcomeView, ...]

    @property
    def has_answer(self) -> bool:
        return bool(self.answer_text)


def receipt_feedback(item: Input) -> ReceiptFeedback:
    """What the contributor sees of their own input's feedback (private: by receipt token)."""
    delivery = (
        InputAnswer.objects.filter(input=item)
        .select_related("answer")
        .order_by("-answer__answered_at", "-answer_id")
    ).first()
    change = StatusChange.objects.filter(input=item).order_by("-changed_at", "-id").first()
    answer = delivery.answer if delivery else None
    outcomes = [view(o) for o in Outcome.objects.filter(input=item)]
    if answer is not None and answer.theme_id is not None:
        outcomes += [view(o) for o in Outcome.objects.filter(theme_id=answer.theme_id)]
    return ReceiptFeedback(
        status=item.status,
        status_label=str(FeedbackStatus(item.status).label),
        explanation=change.explanation if change else "",
        changed_at=change.changed_at if change else None,
        answer_text=answer.text if answer else "",
        answered_at=answer.answered_at if answer else None,
        answer_scope=answer.scope if answer else "",
        outcomes=tuple(outcomes),
    )


def latest_run(process: Process) -> AnalysisRun | None:
    return AnalysisRun.objects.latest_done_for(process)


def theme_ids_counting_as(theme: CuratedTheme) -> list[int]:
    """The theme and every theme merged into it: their answers and outcomes are its own."""
    return list(lineage([theme]))


def latest_theme_answers(themes: Iterable[CuratedTheme]) -> dict[int, Answer]:
    """theme id -> the newest answer given to that theme (or to a theme merged into it)."""
    current = lineage(themes)
    latest: dict[int, Answer] = {}
    for answer in Answer.objects.filter(theme_id__in=list(current)).order_by("answered_at", "id"):
        assert answer.theme_id is not None
        latest[current[answer.theme_id]] = answer
    return latest


def theme_outcomes(themes: Iterable[CuratedTheme]) -> dict[int, list[OutcomeView]]:
    current = lineage(themes)
    result: dict[int, list[OutcomeView]] = defaultdict(list)
    for outcome in Outcome.objects.filter(theme_id__in=list(current)).order_by("created_at", "id"):
        assert outcome.theme_id is not None
        result[current[outcome.theme_id]].append(view(outcome))
    return result


def _public_inputs(ids: Iterable[int]) -> dict[int, PublicInput]:
    items = (
        Input.objects.public()
        .filter(pk__in=list(ids))
        .select_related("focus_area", "process")
        .prefetch_related("attachments")
    )
    return {item.pk: public_input(item) for item in items}


def _count_rows(
    counts: dict[str, int], choices: Iterable[tuple[str, object]]
) -> list[tuple[str, int]]:
    return [(str(label), counts[value]) for value, label in choices if counts.get(value)]


# --- "Det har vi hørt" ---------------------------------------------------------------------


@dataclass(frozen=True)
class HeardTheme:
    theme: CuratedTheme  # published, annotated with `size`
    area_title: str
    answer: Answer | None
    outcomes: tuple[OutcomeView, ...]
    quotes: tuple[PublicInput, ...]


@dataclass(frozen=True)
class HeardReport:
    process: Process
    area: FocusArea | None
    received_count: int
    public_count: int
    charts: tuple[BarTable, ...]
    themes: tuple[HeardTheme, ...]  # answered first, then by size (largest first)
    answered_count: int
    run: AnalysisRun | None
    # Published inputs per channel and per contributor type, by stable code (the API's keys).
    channel_counts: dict[str, int] = field(default_factory=dict)
    type_counts: dict[str, int] = field(default_factory=dict)

    @property
    def answered(self) -> tuple[HeardTheme, ...]:
        return tuple(heard for heard in self.themes if heard.answer is not None)

    @property
    def unanswered(self) -> tuple[HeardTheme, ...]:
        return tuple(heard for heard in self.themes if heard.answer is None)


def heard_report(process: Process, area: FocusArea | None = None) -> HeardReport:
    """What was heard in a process (or one focus area of it): counts by channel and contributor
    type, the published (curated and ready) themes with their sizes, representative published
    quotes and the answers. Machine groups of a run are never shown here."""
    received = Input.objects.filter(process=process).exclude(
        moderation_state=ModerationState.REJECTED
    )
    public = Input.objects.public().filter(process=process)
    if area is not None:
        received = received.filter(focus_area=area)
        public = public.filter(focus_area=area)
    by_channel = dict(public.order_by().values_list("channel").annotate(n=Count("id")))
    by_type = dict(public.order_by().values_list("contributor_type").annotate(n=Count("id")))
    run = latest_run(process)
    themes = published_themes(process, area)
    answers = latest_theme_answers(themes)
    outcomes = theme_outcomes(themes)
    members = members_by_theme(themes)
    public_ids = set(
        Input.objects.public()
        .filter(pk__in=[i for rows in members.values() for i, _rep in rows])
        .values_list("pk", flat=True)
    )
    # The analysis's representative inputs are the quotes; a theme whose representatives are
    # not published (or that staff built by hand) is quoted by its first published inputs.
    representatives: dict[int, list[int]] = {}
    for theme_id, rows in members.items():
        chosen = [i for i, rep in rows if rep and i in public_ids]
        representatives[theme_id] = chosen or [i for i, _rep in rows if i in public_ids]

    quotes = _public_inputs(i for ids in representatives.values() for i in ids)
    heard = tuple(
        HeardTheme(
            theme=theme,
            area_title=theme.focus_area.title,
            answer=answers.get(theme.pk),
            outcomes=tuple(outcomes.get(theme.pk, ())),
            quotes=tuple(quotes[i] for i in representatives.get(theme.pk, []) if i in quotes)[
                :QUOTES_PER_THEME
            ],
        )
        for theme in themes
    )
    # Answered themes first; within each half the largest first.
    heard = tuple(
        sorted(heard, key=lambda h: (h.answer is None, -h.theme.size, h.theme.title.casefold()))
    )
    suffix = f"-{area.slug}" if area else ""
    charts = (
        bar_table(
            chart_id=f"heard-channel{suffix}",
            title=_("Offentliggjorte input efter kanal"),
            description=_("Antal offentliggjorte input fra hver kanal, flest først."),
            rows=_count_rows(by_channel, Channel.choices),
        ),
        bar_table(
            chart_id=f"heard-type{suffix}",
            title=_("Offentliggjorte input efter afsender"),
            description=_("Antal offentliggjorte input fra hver type afsender, flest først."),
            rows=_count_rows(by_type, ContributorType.choices),
        ),
        bar_table(
            chart_id=f"heard-themes{suffix}",
            title=_("De største temaer"),
            description=_(
                "Antal input i hvert tema, flest først. Vælg et tema for at læse det og "
                "kommunens svar."
            ),
            rows=[(theme.title, theme.size, f"#tema-{theme.pk}") for theme in themes],
            max_rows=THEMES_IN_CHART,
            rest_label=_("Øvrige temaer"),
        ),
    )
    return HeardReport(
        process=process,
        area=area,
        received_count=received.count(),
        public_count=public.count(),
        charts=charts,
        themes=heard,
        answered_count=sum(1 for theme in heard if theme.answer is not None),
        run=run,
        channel_counts={code: by_channel[code] for code in Channel.values if by_channel.get(code)},
        type_counts={code: by_type[code] for code in ContributorType.values if by_type.get(code)},
    )


def area_feedback_summary(process: Process) -> list[dict[str, object]]:
    """The public per-area feedback summary of the REST API."""
    result: list[dict[str, object]] = []
    for area in process.focus_areas.order_by("order", "pk"):
        report = heard_report(process, area)
        result.append(
            {
                "focus_area": area.slug,
                "title": area.title,
                "received": report.received_count,
                "published": report.public_count,
                # Stable codes (as Input.channel, Input.contributor_type), never display labels.
                "by_channel": report.channel_counts,
                "by_contributor_type": report.type_counts,
                "themes": [
                    {
                        "label": heard.theme.title,
                        "size": heard.theme.size,
                        "is_other": False,
                        "summary": heard.theme.summary,
                        "status": heard.answer.status if heard.answer else None,
                        "status_label": (
                            str(FeedbackStatus(heard.answer.status).label) if heard.answer else None
                        ),
                        "answer": heard.answer.text if heard.answer else None,
                        "explanation": heard.answer.explanation if heard.answer else None,
                        "answered_at": heard.answer.answered_at if heard.answer else None,
                        "outcomes": [str(outcome) for outcome in heard.outcomes],
                        "quotes": [quote.text for quote in heard.quotes],
                    }
                    for heard in report.themes
                ],
            }
        )
    return result


# --- entries shared by the source report and the hvidbog -----------------------------------


@dataclass(frozen=True)
class Entry:
    """A published input with what became of it."""

    item: PublicInput
    status_label: str
    answer_text: str
    answer_scope: str

    @property
    def byline(self) -> str:
        """ "#12 · Borger · Karen Blixen · 8900 Randers C · status: Modtaget" (display rules
        already applied to the parts)."""
        item = self.item
        parts = [f"#{item.id}", item.contributor_type_label, item.name, item.organisation]
        if item.town:
            parts.append(f"{item.postcode} {item.town}")
        parts.append(_("status: %(status)s") % {"status": self.status_label})
        return " · ".join(part for part in parts if part)


@dataclass(frozen=True)
class NotShown:
    """Inputs that are not public: only how many and what became of them."""

    count: int
    statuses: tuple[tuple[str, int], ...]


def _not_shown(statuses: Iterable[str]) -> NotShown:
    counts = Counter(statuses)
    return NotShown(
        count=sum(counts.values()),
        statuses=tuple(
            (str(label), counts[value]) for value, label in FeedbackStatus.choices if counts[value]
        ),
    )


def _latest_answers(input_ids: list[int]) -> dict[int, Answer]:
    latest: dict[int, Answer] = {}
    for start in range(0, len(input_ids), 2000):
        rows = (
            InputAnswer.objects.filter(input_id__in=input_ids[start : start + 2000])
            .select_related("answer")
            .order_by("answer__answered_at", "answer_id")
        )
        for row in rows:
            latest[row.input_id] = row.answer
    return latest


# --- feedback report per source ------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    channel: str
    channel_label: str
    source: str
    count: int


@dataclass(frozen=True)
class SourceReport:
    process: Process
    channel: str
    channel_label: str
    source: str
    entries: tuple[Entry, ...]
    not_shown: NotShown
    chart: BarTable
    generated_at: datetime

    @property
    def total(self) -> int:
        return len(self.entries) + self.not_shown.count


def sources(process: Process) -> list[Source]:
    """Every (channel, source) that sent input to the process, with how many."""
    rows = (
        Input.objects.filter(process=process)
        .exclude(moderation_state=ModerationState.REJECTED)
        .order_by()
        .values_list("channel", "source")
        .annotate(n=Count("id"))
    )
    order = {value: index for index, value in enumerate(Channel.values)}
    result = [
        Source(
            channel=channel,
            channel_label=str(Channel(channel).label) if channel in Channel.values else channel,
            source=source,
            count=n,
        )
        for channel, source, n in rows
    ]
    return sorted(result, key=lambda s: (order.get(s.channel, 99), s.source.casefold()))


def source_report(process: Process, *, channel: str, source: str | None) -> SourceReport:
    """What one source (a channel, or a channel and a named source such as a MED committee or a
    dialog meeting) sent, and what became of each item. `source=None` means the whole channel."""
    received = Input.objects.filter(process=process, channel=channel).exclude(
        moderation_state=ModerationState.REJECTED
    )
    if source is not None:
        received = received.filter(source=source)
    rows = list(received.order_by("given_on", "pk").values_list("pk", "status"))
    ids = [pk for pk, _status in rows]
    public = _public_inputs(ids)
    answers = _latest_answers([pk for pk in ids if pk in public])
    entries = tuple(
        Entry(
            item=public[pk],
            status_label=str(FeedbackStatus(status).label),
            answer_text=answers[pk].text if pk in answers else "",
            answer_scope=answers[pk].scope if pk in answers else "",
        )
        for pk, status in rows
        if pk in public
    )
    status_counts = Counter(status for _pk, status in rows)
    chart = bar_table(
        chart_id="source-status",
        title=_("Input efter status"),
        description=_("Hvad der er blevet af input fra denne kilde."),
        rows=[
            (str(label), status_counts[value])
            for value, label in FeedbackStatus.choices
            if status_counts[value]
        ],
    )
    return SourceReport(
        process=process,
        channel=channel,
        channel_label=str(Channel(channel).label) if channel in Channel.values else channel,
        source=source or "",
        entries=entries,
        not_shown=_not_shown(status for pk, status in rows if pk not in public),
        chart=chart,
        generated_at=timezone.now(),
    )


# --- the hvidbog ---------------------------------------------------------------------------


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
        return _not_shown(self.hidden_statuses)

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


def hvidbog(process: Process) -> Hvidbog:
    """Every input of the process grouped by focus area and published (curated, ready) theme,
    each group with its summary, the municipality's answer and what it led to; inputs in no
    published theme are listed as without theme.
    Published inputs appear through the display rules; the others are only counted, with their
    statuses."""
    rows = list(
        Input.objects.filter(process=process)
        .exclude(moderation_state=ModerationState.REJECTED)
        .order_by("pk")
        .values_list("pk", "focus_area_id", "status")
    )
    rejected = Input.objects.filter(
        process=process, moderation_state=ModerationState.REJECTED
    ).count()
    public: dict[int, PublicInput] = {}
    public_qs = (
        Input.objects.public()
        .filter(process=process)
        .select_related("focus_area", "process")
        .prefetch_related(Prefetch("attachments"))
    )
    for item in public_qs.iterator(chunk_size=2000):
        public[item.pk] = public_input(item)
    answers = _latest_answers([pk for pk, _a, _s in rows if pk in public])
    run = latest_run(process)
    areas = list(process.focus_areas.order_by("order", "pk"))
    area_by_id = {area.pk: area for area in areas}
    themes = published_themes(process)
    current = lineage(themes)
    theme_answers = latest_theme_answers(themes)
    outcomes = theme_outcomes(themes)
    # input -> its themes by area (an input belongs to at most one theme per area).
    membership: dict[int, dict[int, int]] = defaultdict(dict)
    theme_area = {theme.pk: theme.focus_area_id for theme in themes}
    for theme_id, theme_members in members_by_theme(themes).items():
        for input_id, _representative in theme_members:
            membership[input_id].setdefault(theme_area[theme_id], theme_id)
    sentences: dict[int | None, list[str]] = {
        theme.pk: [theme.summary] for theme in themes if theme.summary
    }
    area_sentences: dict[int, list[str]] = defaultdict(list)
    if run is not None:
        for area_id, sentence, input_id in (
            SummarySentence.objects.filter(run=run, theme__isnull=True)
            .order_by("focus_area_id", "order")
            .values_list("focus_area_id", "sentence", "input_id")
        ):
            if input_id in public:  # a summary quotes verbatim: only published inputs
                area_sentences[area_id].append(sentence)

    book_areas: dict[int | None, HvidbogArea] = {}
    groups: dict[tuple[int | None, int | None], HvidbogGroup] = {}
    for area in areas:
        book_areas[area.pk] = HvidbogArea(
            anchor=f"omraade-{area.slug}",
            title=area.title,
            description=area.description,
            summary=area_sentences.get(area.pk, []),
        )
        for theme in themes:
            if theme.focus_area_id != area.pk:
                continue
            group = HvidbogGroup(
                anchor=f"tema-{theme.pk}",
                title=theme.title,
                size=theme.size,
                is_other=False,
                summary=sentences.get(theme.pk, []),
                answer=theme_answers.get(theme.pk),
                outcomes=outcomes.get(theme.pk, []),
            )
            groups[(area.pk, theme.pk)] = group
            book_areas[area.pk].groups.append(group)

    def area_of(input_id: int, area_id: int | None) -> int | None:
        if area_id is not None:
            return area_id
        placed = membership.get(input_id)
        return next(iter(placed)) if placed else None

    for pk, submitted_area_id, status in rows:
        placed_area_id = area_of(pk, submitted_area_id)
        if placed_area_id not in book_areas:
            known = area_by_id.get(placed_area_id) if placed_area_id is not None else None
            book_areas[placed_area_id] = HvidbogArea(
                anchor="omraade-andet" if known is None else f"omraade-{known.slug}",
                title=_("Andet") if known is None else known.title,
                description=""
                if known is not None
                else _("Input, der ikke hører til et bestemt fokusområde."),
            )
        placed_theme_id = (
            membership.get(pk, {}).get(placed_area_id) if placed_area_id is not None else None
        )
        key = (placed_area_id, placed_theme_id)
        target = groups.get(key)
        if target is None:
            target = HvidbogGroup(
                anchor=f"ikke-tematiseret-{placed_area_id or 'andet'}",
                title=_("Input uden tema"),
                size=0,
                is_other=True,
            )
            groups[key] = target
            book_areas[placed_area_id].groups.append(target)
        if placed_theme_id is None:
            target.size += 1
        if pk in public:
            answer = answers.get(pk)
            # The group's own answer is printed once, above its inputs.
            own = answer is not None and not (
                answer.scope == AnswerScope.THEME
                and answer.theme_id is not None
                and current.get(answer.theme_id) == placed_theme_id
            )
            target.entries.append(
                Entry(
                    item=public[pk],
                    status_label=str(FeedbackStatus(status).label),
                    answer_text=answer.text if own and answer else "",
                    answer_scope=answer.scope if own and answer else "",
                )
            )
        else:
            target.hidden_statuses.append(status)

    ordered = [book_areas[area.pk] for area in areas if area.pk in book_areas]
    if None in book_areas:
        ordered.append(book_areas[None])
    for book_area in ordered:
        book_area.groups = [
            group for group in book_area.groups if group.entries or group.hidden_statuses
        ]
    return Hvidbog(
        process=process,
        areas=tuple(ordered),
        received_count=len(rows),
        public_count=len(public),
        rejected_count=rejected,
        run=run,
        generated_at=timezone.now(),
    )
