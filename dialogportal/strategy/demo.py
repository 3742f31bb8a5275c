"""Demo plan for »Fremtidens Randers«: goals in four focus areas, three targets on demo key
figures, six initiatives in different statuses with progress updates, each linked to a few
published demo inputs and themes. Idempotent: a process that already has a plan is left alone."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from dialogportal.analysis.models import CuratedTheme
from dialogportal.indicators.models import Indicator
from dialogportal.inputs.models import Input
from dialogportal.processes.models import Process
from dialogportal.strategy.models import InitiativeStatus, PlanStatus, StrategicPlan
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

# (focus area, goal, (indicator, baseline, year, target, year, direction) | None, initiatives)
GOALS: tuple[
    tuple[
        str,
        str,
        tuple[str, str, int, str, int, str] | None,
        tuple[tuple[str, str, str, int | None, str, int, str], ...],
    ],
    ...,
] = (
    (
        "erhverv",
        "Flere randrusianere i job og flere private arbejdspladser.",
        ("beskaeftigelsesfrekvens", "72.4", 2024, "75.0", 2030, "increase"),
        (
            (
                "Lokalt jobcenter i landsbyerne",
                "Jobcentret holder åbent i forsamlingshuse én dag om ugen.",
                "Jobcenter Randers",
                1_200_000,
                InitiativeStatus.IN_PROGRESS,
                40,
                "",
            ),
            (
                "Erhvervsservice for små virksomheder",
                "Én indgang til kommunen for virksomheder under 10 ansatte.",
                "Erhverv Randers",
                800_000,
                InitiativeStatus.PLANNED,
                0,
                "",
            ),
        ),
    ),
    (
        "boern-og-unge",
        "Alle unge i uddannelse eller job.",
        ("unge-uden-job-og-uddannelse", "8.1", 2024, "6.0", 2030, "decrease"),
        (
            (
                "Mentorer fra lokalsamfundet",
                "Ældre frivillige følger unge, der er gået i stå.",
                "Ungeindsatsen",
                450_000,
                InitiativeStatus.IN_PROGRESS,
                65,
                "",
            ),
            (
                "Natbus til landsbyerne",
                "Aftenafgange, så unge kan nå hjem fra fritidsjob.",
                "Trafik og Veje",
                2_000_000,
                InitiativeStatus.PAUSED,
                20,
                "Afventer den regionale køreplan for 2027.",
            ),
        ),
    ),
    (
        "boliger",
        "Gode boliger i hele kommunen – også i landsbyerne.",
        ("boliger-uden-bad-eller-toilet", "1.6", 2024, "1.0", 2030, "decrease"),
        (
            (
                "Pulje til nedrivning af forfaldne huse",
                "Kommunen hjælper med at fjerne tomme, forfaldne huse.",
                "Teknik og Miljø",
                3_500_000,
                InitiativeStatus.DONE,
                100,
                "",
            ),
        ),
    ),
    (
        "udsatte-borgere",
        "Færre på offentlig forsørgelse gennem tidlig hjælp.",
        None,
        (
            (
                "Dagplejere i landsbyerne",
                "Rekruttering af dagplejere, så tilflyttere kan vælge landsbyen.",
                "Børn og Skole",
                None,
                InitiativeStatus.DROPPED,
                0,
                "Løses i stedet i den nye dagtilbudsstruktur.",
            ),
        ),
    ),
)


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
        adopted_on=date(2025, 11, 24),
        acting_user=None,
    )
    areas = {area.slug: area for area in process.focus_areas.all()}
    inputs = list(Input.objects.public().filter(process=process).order_by("pk")[:30])
    themes = list(CuratedTheme.objects.filter(process=process).published().in_order())
    count = 0
    for order, (area_slug, text, target, initiatives) in enumerate(GOALS):
        area = areas.get(area_slug)
        if area is None:
            continue
        goal = save_goal(plan=plan, focus_area=area, text=text, order=order, acting_user=None)
        indicator = (
            Indicator.objects.filter(process=process, slug=target[0]).first() if target else None
        )
        if target and indicator:
            save_target(
                goal=goal,
                data=TargetData(
                    indicator,
                    Decimal(target[1]),
                    target[2],
                    Decimal(target[3]),
                    target[4],
                    target[5],
                ),
                acting_user=None,
            )
        for title, description, owner, budget, status, progress, reason in initiatives:
            initiative = save_initiative(
                goal=goal,
                data=InitiativeData(
                    title=title,
                    description=description,
                    owner_name=owner,
                    budget_dkk=budget,
                    starts_on=date(2026, 1, 1),
                    ends_on=date(2028, 12, 31),
                    status=status,
                    status_reason=reason,
                    order=count,
                ),
                acting_user=None,
            )
            if progress:
                add_progress_update(
                    initiative=initiative,
                    given_on=date(2026, 6, 30),
                    progress=progress,
                    note="Status ved halvåret: arbejdet skrider frem som planlagt.",
                    acting_user=None,
                )
            for item in inputs[count * 3 : count * 3 + 3]:
                link_input(initiative=initiative, item=item, acting_user=None)
            area_themes = [t for t in themes if t.focus_area_id == area.pk][:1]
            for theme in area_themes:
                link_theme(initiative=initiative, theme=theme, acting_user=None)
            count += 1
    log(f"Demo strategic plan '{plan.title}' created with {count} initiatives.")
