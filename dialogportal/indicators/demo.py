"""Demo key figures for "Fremtidens Randers": INVENTED numbers, marked as demo figures on every
page. They have the shape and rough level of the white paper's indicators (Randers behind the
country and five peer municipalities, 2015-2024) so the pages can be shown without network
access; they are not statistics. Real figures come from `fetch-indicators` or an upload."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from dialogportal.indicators.models import ComparisonSet, Indicator, RefreshKind, SourceKind
from dialogportal.indicators.services import create_indicator, set_comparison_set, store_series
from dialogportal.processes.models import Process

DEMO_PROCESS_SLUG = "fremtidens-randers"
MUNICIPALITY = "730"
PEERS = ("615", "621", "630", "561", "740")  # Horsens, Kolding, Vejle, Esbjerg, Silkeborg
AREAS = (MUNICIPALITY, "000", *PEERS)
YEARS = tuple(range(2015, 2025))


@dataclass(frozen=True)
class DemoIndicator:
    slug: str
    name: str
    unit: str
    description: str
    is_higher_better: bool | None
    real_source: str  # where the real figures would come from
    focus_areas: tuple[str, ...]
    # (2015 value, 2024 value) per area, in AREAS order.
    levels: tuple[tuple[float, float], ...]
    decimals: int = 1
    spec_key: str = ""


DEMO_INDICATORS: tuple[DemoIndicator, ...] = (
    DemoIndicator(
        "beskaeftigelsesfrekvens",
        "Beskæftigelsesfrekvens, 16-64 år",
        "pct.",
        "Andelen af de 16-64-årige, der er i beskæftigelse.",
        True,
        "Danmarks Statistik, statistikbanken.dk/RAS200",
        ("erhverv", "udsatte-borgere", "hoejere-niveau", "faelles-plan"),
        (
            (69.0, 72.1),
            (73.5, 76.4),
            (72.0, 75.8),
            (72.8, 76.1),
            (73.6, 77.0),
            (70.9, 73.9),
            (74.1, 77.5),
        ),
        spec_key="employment_rate",
    ),
    DemoIndicator(
        "private-arbejdspladser",
        "Private arbejdspladser pr. 100 indbyggere, 16-64 år",
        "job pr. 100",
        "Job i private virksomheder med arbejdssted i kommunen pr. 100 indbyggere i den "
        "erhvervsaktive alder.",
        True,
        "Danmarks Statistik (ERHV/RAS-tabeller, egne beregninger)",
        ("erhverv",),
        (
            (42.0, 43.1),
            (47.5, 49.8),
            (45.0, 47.6),
            (50.2, 52.4),
            (49.0, 51.9),
            (47.8, 48.9),
            (44.9, 47.2),
        ),
        spec_key="private_jobs",
    ),
    DemoIndicator(
        "tilflyttere-paa-overfoerselsindkomst",
        "Tilflyttere på overførselsindkomst",
        "pct.",
        "Andelen af de 18-64-årige tilflyttere, der er på overførselsindkomst året efter "
        "tilflytningen.",
        False,
        "Danmarks Statistik, Nøgletal på kommuner",
        ("udsatte-borgere", "boliger"),
        (
            (27.5, 25.8),
            (21.0, 19.2),
            (22.8, 20.4),
            (21.5, 19.6),
            (20.9, 18.7),
            (24.6, 22.9),
            (19.8, 17.5),
        ),
        spec_key="newcomers_on_transfer_income",
    ),
    DemoIndicator(
        "offentligt-forsoergede",
        "Offentligt forsørgede, 16-66 år",
        "pct.",
        "Fuldtidspersoner på offentlig forsørgelse i procent af befolkningen 16-66 år.",
        False,
        "Jobindsats.dk, ptv_a02",
        ("udsatte-borgere", "hoejere-niveau"),
        (
            (21.3, 18.9),
            (18.4, 16.1),
            (19.6, 16.8),
            (18.9, 16.3),
            (18.1, 15.6),
            (20.7, 18.2),
            (17.2, 14.9),
        ),
    ),
    DemoIndicator(
        "anbragte-boern-og-unge",
        "Anbragte børn og unge pr. 1.000 0-17-årige",
        "pr. 1.000",
        "Børn og unge anbragt uden for hjemmet pr. 1.000 0-17-årige.",
        None,
        "Danmarks Statistik, statistikbanken.dk/ANBAAR9 og FOLK1A (egne beregninger)",
        ("boern-og-unge",),
        (
            (13.8, 14.6),
            (10.9, 10.1),
            (11.8, 11.2),
            (10.4, 9.8),
            (10.1, 9.5),
            (13.1, 12.4),
            (9.7, 9.0),
        ),
    ),
    DemoIndicator(
        "unge-uden-job-og-uddannelse",
        "Unge 15-24 år uden job og uddannelse",
        "pct.",
        "Andelen af de 15-24-årige, der hverken er i job eller uddannelse (NEET).",
        False,
        "Indenrigs- og Boligministeriets benchmarkanalyser",
        ("boern-og-unge",),
        ((8.9, 8.4), (6.9, 6.2), (7.6, 6.9), (7.0, 6.4), (6.8, 6.1), (8.1, 7.6), (6.0, 5.4)),
    ),
    DemoIndicator(
        "middellevetid",
        "Middellevetid for 0-årige",
        "år",
        "Den forventede levetid for en nyfødt.",
        True,
        "Danmarks Statistik, statistikbanken.dk/HISBK",
        ("hoejere-niveau", "faelles-plan"),
        (
            (79.6, 80.9),
            (80.6, 81.5),
            (80.2, 81.2),
            (80.5, 81.4),
            (80.7, 81.6),
            (79.7, 80.8),
            (81.0, 82.0),
        ),
        spec_key="life_expectancy",
    ),
    DemoIndicator(
        "boliger-uden-bad-eller-toilet",
        "Boliger uden eget bad eller toilet",
        "pct.",
        "Andelen af de beboede boliger uden eget bad eller eget toilet.",
        False,
        "Danmarks Statistik, statistikbanken.dk/BOL102 (egne beregninger)",
        ("boliger",),
        ((4.1, 3.2), (3.2, 2.5), (3.6, 2.8), (3.3, 2.6), (3.1, 2.4), (4.0, 3.1), (2.9, 2.2)),
        spec_key="housing_quality",
    ),
    DemoIndicator(
        "disponibel-indkomst",
        "Disponibel indkomst pr. person",
        "kr.",
        "Gennemsnitlig disponibel indkomst for alle personer.",
        True,
        "Danmarks Statistik, statistikbanken.dk/INDKP101",
        ("erhverv", "boliger"),
        (
            (181000, 226500),
            (196000, 246000),
            (186000, 235000),
            (190000, 240000),
            (193000, 244000),
            (184000, 229000),
            (194000, 245500),
        ),
        decimals=0,
        spec_key="disposable_income",
    ),
    DemoIndicator(
        "frivillige",
        "Voksne, der har udført frivilligt arbejde det seneste år",
        "pct.",
        "Andelen af de voksne, der har udført ulønnet frivilligt arbejde inden for det seneste år.",
        True,
        "kommunens egen borgerundersøgelse",
        ("civilsamfund",),
        (
            (33.0, 35.4),
            (38.0, 39.6),
            (36.0, 38.1),
            (37.2, 38.8),
            (38.5, 40.2),
            (35.1, 36.9),
            (39.4, 41.3),
        ),
    ),
)


def demo_series(spec: DemoIndicator) -> list[tuple[str, str, Decimal | None]]:
    """A smooth, slightly noisy path from the 2015 to the exact 2024 level; deterministic."""
    rng = random.Random(spec.slug)  # noqa: S311 - reproducible demo noise, not security
    quantum = Decimal(1).scaleb(-spec.decimals)
    points: list[tuple[str, str, Decimal | None]] = []
    for area, (start, end) in zip(AREAS, spec.levels, strict=True):
        for index, year in enumerate(YEARS):
            share = index / (len(YEARS) - 1)
            level = start + (end - start) * share
            if 0 < index < len(YEARS) - 1:
                level += rng.uniform(-0.004, 0.004) * abs(level)
            points.append((area, str(year), Decimal(str(level)).quantize(quantum)))
    return points


def load(*, log: Callable[[str], None]) -> None:
    process = Process.objects.filter(slug=DEMO_PROCESS_SLUG).first()
    if process is None:
        log("Demo key figures skipped: the demo process is missing.")
        return
    if not ComparisonSet.objects.filter(process=process).exists():
        set_comparison_set(process=process, municipality_code=MUNICIPALITY, peer_codes=PEERS)
    areas = {area.slug: area for area in process.focus_areas.all()}
    created = 0
    for order, spec in enumerate(DEMO_INDICATORS, start=1):
        if Indicator.objects.filter(process=process, slug=spec.slug).exists():
            continue
        indicator = create_indicator(
            process=process,
            slug=spec.slug,
            name=spec.name,
            unit=spec.unit,
            description=spec.description,
            is_higher_better=spec.is_higher_better,
            # Uploaded, never fetched: a weekly refresh must not mix real numbers into these.
            source_kind=SourceKind.UPLOAD,
            source_note=f"Demotal (opdigtede). Rigtige tal: {spec.real_source}",
            provenance=(
                "Opdigtede demotal i samme form og omtrentlige niveau som hvidbogens nøgletal. "
                f"Skal erstattes med rigtige tal fra {spec.real_source}."
            ),
            decimals=spec.decimals,
            is_demo=True,
            order=order,
            focus_areas=[areas[slug] for slug in spec.focus_areas if slug in areas],
        )
        store_series(
            indicator=indicator,
            points=demo_series(spec),
            kind=RefreshKind.DEMO,
            source_version="demo",
            message="Demotal",
        )
        created += 1
    if created:
        log(f"Demo key figures: {created} indicators with 2015-2024 series for 7 areas.")
    else:
        log("Demo key figures already present – left unchanged.")
