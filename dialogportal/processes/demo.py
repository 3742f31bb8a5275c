"""The demo process. Titles follow the white paper's seven focus areas; every description is our
own wording, written for the demo."""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

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


def load(*, log: Callable[[str], None]) -> None:
    if Process.objects.filter(slug=DEMO_PROCESS_SLUG).exists():
        log("Demo process already present – left unchanged.")
        return
    process = create_process(
        slug=DEMO_PROCESS_SLUG,
        title="Fremtidens Randers",
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
