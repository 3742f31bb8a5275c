"""The "Det har vi hørt" report of a process or one of its focus areas, and the per-area
summary the REST API serves from it."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from dialogportal.analysis.models import AnalysisRun, CuratedTheme
from dialogportal.analysis.queries import members_by_theme, published_themes
from dialogportal.core.charts import BarTable, bar_table
from dialogportal.feedback.models import Answer
from dialogportal.feedback.outcomes import OutcomeView
from dialogportal.feedback.queries.common import (
    count_rows,
    latest_run,
    latest_theme_answers,
    public_inputs_by_id,
    theme_outcomes,
)
from dialogportal.inputs.models import (
    Channel,
    ContributorType,
    FeedbackStatus,
    Input,
    ModerationState,
)
from dialogportal.inputs.queries import PublicInput
from dialogportal.processes.models import FocusArea, Process

QUOTES_PER_THEME = 3
THEMES_IN_CHART = 10


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

    quotes = public_inputs_by_id(i for ids in representatives.values() for i in ids)
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
            rows=count_rows(by_channel, Channel.choices),
        ),
        bar_table(
            chart_id=f"heard-type{suffix}",
            title=_("Offentliggjorte input efter afsender"),
            description=_("Antal offentliggjorte input fra hver type afsender, flest først."),
            rows=count_rows(by_type, ContributorType.choices),
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
