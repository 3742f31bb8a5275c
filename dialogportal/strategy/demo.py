"""Demo plan for »Fremtidens Randers«: goals in four focus areas, a target on a demo key figure
for each (the baseline is the municipality's figure of that year, read from the key figures),
seven initiatives in different statuses with progress updates.

An initiative is linked only to what is about it, and a reader can check why: each names the
words it answers (`Initiative.words`), and it is linked to the published inputs of its own focus
area whose text contains one of them, and to a published theme of that area when at least half
of the theme's inputs do. A linked theme, and a linked input without an answer, is answered
with the initiative's name (dated after the adoption), so no answer says "it is in the plan"
unless it is. Idempotent: a process that already has a plan is left
alone."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dialogportal.analysis.models import CuratedTheme
from dialogportal.feedback.demo import dated
from dialogportal.feedback.models import Answer
from dialogportal.feedback.services import answer_input, answer_theme
from dialogportal.indicators.models import Indicator, Observation
from dialogportal.inputs.models import FeedbackStatus, Input
from dialogportal.processes.models import FocusArea, Process
from dialogportal.strategy.models import (
    Goal,
    Initiative,
    InitiativeStatus,
    PlanStatus,
    StrategicPlan,
)
from dialogportal.strategy.services import (
    InitiativeData,
    TargetData,
    add_progress_update,
    link_input,
    link_theme,
    save_goal,
    save_initiative,
    save_plan,
    save_target,
)

MUNICIPALITY = "730"  # the demo key figures' municipality (indicators.demo)
BASELINE_YEAR = 2024
INPUTS_PER_INITIATIVE = 4
ADOPTED_ON = date(2025, 11, 24)  # a Monday, after the input phase ended on 1 September 2025
ANSWERED_ON = date(2025, 11, 26)  # the answers that name an initiative: after the adoption


@dataclass(frozen=True)
class DemoInitiative:
    title: str
    description: str
    owner: str
    budget: int | None
    status: str
    progress: int
    reason: str
    words: tuple[str, ...]  # lower case; each is in the title or the description


@dataclass(frozen=True)
class DemoTarget:
    indicator: str
    target: str
    year: int
    direction: str


@dataclass(frozen=True)
class DemoGoal:
    area: str
    text: str
    target: DemoTarget | None
    initiatives: tuple[DemoInitiative, ...]


GOALS: tuple[DemoGoal, ...] = (
    DemoGoal(
        "erhverv",
        "Flere randrusianere i job og flere private arbejdspladser.",
        DemoTarget("beskaeftigelsesfrekvens", "75.0", 2030, "increase"),
        (
            DemoInitiative(
                "Erhvervsservice for små virksomheder",
                "Én indgang til kommunen og en hurtig erhvervsservice for virksomheder under "
                "10 ansatte.",
                "Erhverv Randers",
                800_000,
                InitiativeStatus.PLANNED,
                0,
                "",
                ("erhvervsservice",),
            ),
            DemoInitiative(
                "Lokale virksomheder med, når kommunen køber ind",
                "Kommunen deler sine udbud op, så lokale virksomheder kan byde, når kommunen "
                "køber ind.",
                "Indkøb og Udbud",
                300_000,
                InitiativeStatus.IN_PROGRESS,
                40,
                "",
                ("køber ind",),
            ),
        ),
    ),
    DemoGoal(
        "udsatte-borgere",
        "Færre på offentlig forsørgelse gennem tidlig hjælp tæt på, hvor man bor.",
        DemoTarget("offentligt-forsoergede", "16.5", 2030, "decrease"),
        (
            DemoInitiative(
                "Lokalt jobcenter i landsbyerne",
                "Jobcentret holder åbent i forsamlingshusene én dag om ugen, så et lokalt "
                "jobcenter er tæt på.",
                "Jobcenter Randers",
                1_200_000,
                InitiativeStatus.IN_PROGRESS,
                40,
                "",
                ("lokalt jobcenter",),
            ),
        ),
    ),
    DemoGoal(
        "boern-og-unge",
        "Alle unge i uddannelse eller job.",
        DemoTarget("unge-uden-job-og-uddannelse", "6.0", 2030, "decrease"),
        (
            DemoInitiative(
                "Mentorer fra lokalsamfundet",
                "Ældre frivillige bliver mentorer for unge, der er gået i stå, og følger dem "
                "hele vejen til job eller uddannelse.",
                "Ungeindsatsen",
                450_000,
                InitiativeStatus.IN_PROGRESS,
                65,
                "",
                ("mentor", "følger dem hele vejen"),
            ),
            DemoInitiative(
                "Natbus til landsbyerne",
                "Flere aftenafgange med bussen, så unge kan komme hjem fra fritidsjob.",
                "Trafik og Veje",
                2_000_000,
                InitiativeStatus.PAUSED,
                20,
                "Afventer den regionale køreplan for 2027.",
                ("bus",),
            ),
            DemoInitiative(
                "Dagplejere i landsbyerne",
                "Rekruttering af dagplejere, så tilflyttere med små børn kan vælge landsbyen.",
                "Børn og Skole",
                None,
                InitiativeStatus.DROPPED,
                0,
                "Løses i stedet i den nye dagtilbudsstruktur.",
                ("dagplejer",),
            ),
        ),
    ),
    DemoGoal(
        "boliger",
        "Gode boliger i hele kommunen – også i landsbyerne.",
        DemoTarget("boliger-uden-bad-eller-toilet", "2.0", 2030, "decrease"),
        (
            DemoInitiative(
                "Pulje til nedrivning af forfaldne huse",
                "Kommunen hjælper med at rive tomme huse ned eller sætte forfaldne huse i stand.",
                "Teknik og Miljø",
                3_500_000,
                InitiativeStatus.DONE,
                100,
                "",
                ("forfald", "tomme huse"),
            ),
        ),
    ),
)


def mentions(text: str, words: Iterable[str]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)


def baseline(indicator: Indicator, year: int) -> Decimal | None:
    """The municipality's key figure for `year`: a target starts from what the figures say."""
    return (
        Observation.objects.filter(indicator=indicator, area_code=MUNICIPALITY, period=str(year))
        .values_list("value", flat=True)
        .first()
    )


def _target(goal: Goal, spec: DemoTarget) -> None:
    indicator = Indicator.objects.filter(process=goal.plan.process, slug=spec.indicator).first()
    start = baseline(indicator, BASELINE_YEAR) if indicator else None
    if indicator is None or start is None:
        return
    save_target(
        goal=goal,
        data=TargetData(
            indicator, start, BASELINE_YEAR, Decimal(spec.target), spec.year, spec.direction
        ),
        acting_user=None,
    )


def _themes_about(spec: DemoInitiative, themes: list[CuratedTheme]) -> list[CuratedTheme]:
    found = []
    for theme in themes:
        texts = [member.input.text for member in theme.members.select_related("input")]
        if texts and 2 * sum(mentions(text, spec.words) for text in texts) >= len(texts):
            found.append(theme)
    return found


def _link(initiative: Initiative, spec: DemoInitiative, area: FocusArea) -> None:
    inputs = Input.objects.public().filter(process=area.process, focus_area=area).order_by("pk")
    # Those with the initiative's first word first: the note that asked for it comes before
    # the inputs that only touch on it.
    about = sorted(
        (item for item in inputs if mentions(item.text, spec.words)),
        key=lambda item: not mentions(item.text, spec.words[:1]),
    )
    for item in about[:INPUTS_PER_INITIATIVE]:
        link_input(initiative=initiative, item=item, acting_user=None)
        if not Answer.objects.filter(input=item).exists():
            answer = answer_input(
                item=item,
                status=FeedbackStatus.USED,
                explanation=f"Forslaget er taget med i indsatsen »{initiative.title}«.",
                text=(
                    f"Tak for dit forslag. Vi har taget det med i indsatsen »{initiative.title}« "
                    "i den strategiske plan, som byrådet vedtog den 24. november 2025. Hvordan "
                    "det går med indsatsen, kan du følge under »Det førte til«."
                ),
                acting_user=None,
            )
            dated(answer, ANSWERED_ON)
    themes = list(
        CuratedTheme.objects.filter(process=area.process, focus_area=area).published().in_order()
    )
    for theme in _themes_about(spec, themes):
        link_theme(initiative=initiative, theme=theme, acting_user=None)
        answer = answer_theme(
            theme=theme,
            status=FeedbackStatus.USED,
            explanation=f"Forslagene er taget med i indsatsen »{initiative.title}«.",
            text=(
                "Tak for forslagene. De ligger bag indsatsen »"
                f"{initiative.title}« i den strategiske plan, som byrådet vedtog den "
                "24. november 2025. Under »Det førte til« kan du se, hvordan det går med den."
            ),
            acting_user=None,
        )
        dated(answer, ANSWERED_ON)


def _initiative(goal: Goal, spec: DemoInitiative, order: int) -> Initiative:
    initiative = save_initiative(
        goal=goal,
        data=InitiativeData(
            title=spec.title,
            description=spec.description,
            owner_name=spec.owner,
            budget_dkk=spec.budget,
            starts_on=date(2026, 1, 5),
            ends_on=date(2028, 12, 31),
            status=spec.status,
            status_reason=spec.reason,
            order=order,
        ),
        acting_user=None,
    )
    if spec.progress:
        add_progress_update(
            initiative=initiative,
            given_on=date(2026, 6, 30),
            progress=spec.progress,
            note="Status ved halvåret: arbejdet skrider frem som planlagt."
            if spec.progress < 100
            else "Puljen er brugt: 23 huse er revet ned og 9 sat i stand.",
            acting_user=None,
        )
    return initiative


def load(*, log: Callable[[str], None]) -> None:
    process = Process.objects.filter(slug="fremtidens-randers").first()
    if process is None or StrategicPlan.objects.filter(process=process).exists():
        return
    plan = save_plan(
        process=process,
        title="Fremtidens Randers – strategisk plan 2026-2030",
        summary="Planen samler hvidbogens udfordringer og det, vi hørte i dialogen, i fire "
        "fokusområder med mål, målepunkter og indsatser.",
        status=PlanStatus.ADOPTED,
        adopted_on=ADOPTED_ON,
        acting_user=None,
    )
    areas = {area.slug: area for area in process.focus_areas.all()}
    count = 0
    for order, spec in enumerate(GOALS):
        area = areas.get(spec.area)
        if area is None:
            continue
        goal = save_goal(plan=plan, focus_area=area, text=spec.text, order=order, acting_user=None)
        if spec.target is not None:
            _target(goal, spec.target)
        for initiative_spec in spec.initiatives:
            initiative = _initiative(goal, initiative_spec, count)
            _link(initiative, initiative_spec, area)
            count += 1
    log(f"Demo strategic plan '{plan.title}' created with {count} initiatives.")
