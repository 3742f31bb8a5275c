"""The demo process. Titles follow the white paper's seven focus areas; every description is our
own wording, written for the demo."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from dialogportal.core.workdays import previous_meeting_day
from dialogportal.processes.models import PhaseKind, Process
from dialogportal.processes.services import add_focus_area, add_phase, create_process

DEMO_PROCESS_SLUG = "fremtidens-randers"
_TZ = ZoneInfo("Europe/Copenhagen")

PHASES: tuple[tuple[PhaseKind, str, datetime, datetime, str], ...] = (
    (
        PhaseKind.INFORMATION,
        "Hvidbogen",
        datetime(2025, 1, 6, tzinfo=_TZ),
        datetime(2025, 6, 3, tzinfo=_TZ),
        "Forvaltningen samler data om kommunens udfordringer og styrker og udgiver hvidbogen.",
    ),
    (
        PhaseKind.INPUT,
        "Dialog om hvidbogen",
        datetime(2025, 6, 3, tzinfo=_TZ),
        datetime(2025, 9, 1, tzinfo=_TZ),
        "Medarbejdere, borgere, virksomheder, fagbevægelse og foreninger giver input – online, "
        "i MED-udvalgene, på forsamlingshusmøder og via postkort fra udstillingsvognen.",
    ),
    (
        PhaseKind.FEEDBACK,
        "Strategisk plan og tilbagemelding",
        datetime(2025, 9, 1, tzinfo=_TZ),
        datetime(2025, 11, 25, tzinfo=_TZ),
        "Inputtet analyseres, alle får besked om, hvad der skete med deres input, og byrådet "
        "behandler forslaget til en strategisk plan.",
    ),
)

FOCUS_AREAS: tuple[tuple[str, str, str], ...] = (
    (
        "hoejere-niveau",
        "Kommunen skal levere på et højere niveau",
        "Udfordringerne forsvinder ikke af sig selv. Hvordan kan kommunen som organisation "
        "arbejde smartere, hurtigere og mere sammen, så borgerne mærker forskellen?",
    ),
    (
        "udsatte-borgere",
        "Styrket samarbejde om udsatte borgere",
        "Flere borgere på kanten af arbejdsmarkedet skal have en vej ind – fx gennem små jobs "
        "i samarbejde med lokale virksomheder. Hvad skal der til?",
    ),
    (
        "erhverv",
        "Erhvervsudvikling – flere private arbejdspladser",
        "For få er i arbejde, og der er for få private arbejdspladser. Hvordan tiltrækker og "
        "udvikler vi virksomheder, så flere kan få et job tæt på, hvor de bor?",
    ),
    (
        "boliger",
        "Boliger i bedre kvalitet",
        "Mange boliger – især i midtbyen – er slidte. Bedre boliger kan give en mere blandet "
        "beboersammensætning. Hvor skal vi starte, og hvem skal være med?",
    ),
    (
        "boern-og-unge",
        "Udsatte børn og unge",
        "For mange unge står uden job og uddannelse. Hvordan hjælper vi børn og unge tidligt, "
        "så de får et godt voksenliv?",
    ),
    (
        "civilsamfund",
        "Mobilisering af civilsamfundet",
        "Kommunen kan ikke løse opgaven alene. Hvordan får vi flere frivillige, foreninger og "
        "lokalsamfund til at tage del i arbejdet?",
    ),
    (
        "faelles-plan",
        "Tværgående samarbejde og en fælles plan",
        "Forandringerne lykkes kun, hvis vi samles om ét fælles mål på tværs af forvaltninger "
        "og samarbejdspartnere. Hvad skal planen indeholde?",
    ),
)


# A second, small process whose input phase is always open, so the demo form can be tried: its
# phases are the only dates relative to today (months around it, moved to working days).
OPEN_PROCESS_SLUG = "groen-omstilling"
# (kind, title, months from today's month to the phase's start, description)
OPEN_PHASES: tuple[tuple[PhaseKind, str, int, str], ...] = (
    (
        PhaseKind.INFORMATION,
        "Oplæg",
        -5,
        "Forvaltningen beskriver, hvor kommunens udledninger kommer fra.",
    ),
    (
        PhaseKind.INPUT,
        "Dine idéer",
        -2,
        "Alle kan give idéer til den grønne omstilling – online, på møder og på postkort.",
    ),
    (
        PhaseKind.FEEDBACK,
        "Plan og tilbagemelding",
        4,
        "Idéerne samles i en plan, og alle får besked om, hvad der skete med deres idé.",
    ),
)
OPEN_PHASES_END = 7  # months from today's month: the feedback phase ends


def _month_start(today: date, months: int) -> datetime:
    """The end (23.59) of the last working day before the month `months` from today's month:
    a phase that ends then says "senest <that day>", never a weekend or a holiday."""
    year, month = divmod(today.year * 12 + today.month - 1 + months, 12)
    day = previous_meeting_day(date(year, month + 1, 1) - timedelta(days=1))
    return datetime.combine(day, time(23, 59), tzinfo=_TZ)


def open_phase_dates(today: date) -> list[tuple[datetime, datetime]]:
    """Start and end of each of the open process's phases, adjoining, around `today`."""
    starts = [_month_start(today, months) for _k, _t, months, _d in OPEN_PHASES]
    return list(zip(starts, [*starts[1:], _month_start(today, OPEN_PHASES_END)], strict=True))


OPEN_FOCUS_AREAS: tuple[tuple[str, str, str], ...] = (
    (
        "transport",
        "Transport",
        "Hvordan kommer vi rundt i kommunen med mindre benzin og diesel – med bus, cykel og "
        "samkørsel?",
    ),
    (
        "energi",
        "Energi i hjem og virksomheder",
        "Hvordan bruger vi mindre energi, og hvor skal solceller og varmepumper placeres?",
    ),
    (
        "natur",
        "Natur og vand",
        "Hvor skal der plantes skov, og hvordan passer vi på Gudenåen og Randers Fjord?",
    ),
)


def _load_open_process(log: Callable[[str], None]) -> None:
    if Process.objects.filter(slug=OPEN_PROCESS_SLUG).exists():
        log("Open demo process already present – left unchanged.")
        return
    process = create_process(
        slug=OPEN_PROCESS_SLUG,
        title="Grøn omstilling i Randers",
        summary="Giv din idé til, hvordan kommunen bliver grønnere – input er åbent nu.",
        body=(
            "Kommunen skal halvere sin udledning af drivhusgasser. Det kræver idéer fra alle: "
            "borgere, virksomheder, foreninger og medarbejdere."
        ),
        is_published=True,
    )
    dates = open_phase_dates(timezone.localdate())
    for (kind, title, _months, description), (starts_at, ends_at) in zip(
        OPEN_PHASES, dates, strict=True
    ):
        add_phase(
            process=process,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            description=description,
        )
    for order, (slug, title, description) in enumerate(OPEN_FOCUS_AREAS, start=1):
        add_focus_area(
            process=process, slug=slug, title=title, description=description, order=order
        )
    log(f"Open demo process '{process.title}' created (input until {dates[1][1]:%d %B %Y}).")


def load(*, log: Callable[[str], None]) -> None:
    _load_open_process(log)
    if Process.objects.filter(slug=DEMO_PROCESS_SLUG).exists():
        log("Demo process already present – left unchanged.")
        return
    process = create_process(
        slug=DEMO_PROCESS_SLUG,
        title="Fremtidens Randers",
        # The demo's phases ended in 2025; without a later date the daily retention task of the
        # demo's own worker would anonymise its contributors at once.
        personal_data_removed_on=date(2030, 1, 1),
        summary=(
            "Et generationsprojekt: fra hvidbogens tal over dialog med hele kommunen til en "
            "fælles strategisk plan og opfølgning på løsningerne."
        ),
        body=(
            "Hvidbogen viser, hvor kommunen halter efter landet og sammenlignelige kommuner – "
            "beskæftigelse, private job, sundhed, boliger og udsatte børn og unge.\n\n"
            "Nu vil vi høre dig: Hvad skal vi gøre anderledes? Dit input indgår i arbejdet med "
            "den strategiske plan, og du får besked om, hvad der skete med det."
        ),
        is_published=True,
    )
    for kind, title, starts_at, ends_at, description in PHASES:
        add_phase(
            process=process,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            description=description,
        )
    for order, (slug, title, description) in enumerate(FOCUS_AREAS, start=1):
        add_focus_area(
            process=process, slug=slug, title=title, description=description, order=order
        )
    log(f"Demo process '{process.title}' created with {len(FOCUS_AREAS)} focus areas.")
