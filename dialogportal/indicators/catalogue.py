"""The white paper's main indicators (Randers' catalogue), declared as data for the StatBank
client (`dialogportal.statbank.indicators.IndicatorSpec`).

Table ids come from the project's research notes (shared/reference/statistics-sources.md);
`confidence` is the notes' own grade and `is_verified` stays False until the variable and
value codes have been checked against a live /tableinfo. Indicators that have no open StatBank
table are declared as manual uploads.
"""

from __future__ import annotations

from dialogportal.statbank.indicators import IndicatorSpec, Pick

# -- The white paper's indicators -----------------------------------------------------------
# Variable and value codes marked M/L come from third-party code and doc files; the fetch
# checks them against tableinfo, and is_verified turns True once someone has done so live.

EMPLOYMENT_RATE = IndicatorSpec(
    key="employment_rate",
    name="Beskæftigelsesfrekvens",
    unit="pct.",
    description="Andel af befolkningen i den erhvervsaktive alder, der er i beskæftigelse.",
    is_higher_better=True,
    source="dst_statbank",
    confidence="M",
    provenance=(
        "RAS200 (erhvervs- og beskæftigelsesfrekvenser, ultimo november) is listed on DST's "
        "RAS documentation page (H). The frequency variable's id (BEREGNING in one scraper; "
        "FREKVENS/FREK elsewhere) and the code BFK are third-party (M). Herkomst, alder and "
        "køn take their total value."
    ),
    table_id="RAS200",
    area_variable="OMRÅDE",
    picks=(Pick("BEREGNING", "BFK", aliases=("FREKVENS", "FREK")),),
    fill_totals=True,
)

PUBLIC_SUPPORT_RECIPIENTS = IndicatorSpec(
    key="public_support_recipients",
    name="Offentligt forsørgede (fuldtidsmodtagere)",
    unit="fuldtidspersoner",
    description="Fuldtidsmodtagere af offentlige ydelser i alt, uden SU.",
    is_higher_better=False,
    source="dst_statbank",
    confidence="M",
    provenance=(
        "AUK01 with YDELSESTYPE TOTUSU (i alt uden SU), KØN TOT, ALDER TOT, quarterly from "
        "2007K1 (third-party table docs, M). Jobindsats ptv_a02 is an alternative source."
    ),
    table_id="AUK01",
    area_variable="OMRÅDE",
    picks=(Pick("YDELSESTYPE", "TOTUSU"), Pick("KØN", "TOT"), Pick("ALDER", "TOT")),
    frequency="quarterly",
)

PLACED_CHILDREN = IndicatorSpec(
    key="placed_children",
    name="Anbragte børn og unge (0-17 år)",
    unit="antal",
    description="Børn og unge anbragt uden for hjemmet pr. 31. december, efter "
    "administrationskommune.",
    is_higher_better=None,  # fewer placements is not better by itself; the need decides
    source="dst_statbank",
    confidence="M",
    provenance=(
        "ANBAAR9 by ADMKOM (administration municipality; 0 = total, 998 = uoplyst) and ALDER "
        "9917 = 0-17 år (third-party table docs, M). Divide by the 0-17 population (FOLK1A) "
        "for a rate."
    ),
    table_id="ANBAAR9",
    area_variable="ADMKOM",
    picks=(Pick("ALDER", "9917"),),
    country_code="0",
)

LIFE_EXPECTANCY = IndicatorSpec(
    key="life_expectancy",
    name="Middellevetid for 0-årige",
    unit="år",
    description="Den forventede levetid for en nyfødt.",
    is_higher_better=True,
    source="dst_statbank",
    confidence="M",
    provenance=(
        "HISBK (two independent third-party sources, M). About 94 areas: small municipalities "
        "are merged, so some comparison areas may be missing. Period codes may span several "
        "years; they are stored as DST writes them. The country is code 0 in the docs (L)."
    ),
    table_id="HISBK",
    area_variable="OMRÅDE",
    picks=(Pick("KØN", "TOT"),),
    country_code="0",
)

DISPOSABLE_INCOME = IndicatorSpec(
    key="disposable_income",
    name="Disponibel indkomst pr. person",
    unit="kr.",
    description="Gennemsnitlig disponibel indkomst for alle personer.",
    is_higher_better=True,
    source="dst_statbank",
    confidence="M",
    provenance=(
        "INDKP101 with ENHED 116 (gennemsnit for alle personer, kr.), KØN MOK, INDKOMSTTYPE "
        "100 (disponibel indkomst) (third-party table docs, M)."
    ),
    table_id="INDKP101",
    area_variable="OMRÅDE",
    picks=(
        Pick("ENHED", "116"),
        Pick("KØN", "MOK", aliases=("KOEN", "KON")),
        Pick("INDKOMSTTYPE", "100"),
    ),
)

POPULATION = IndicatorSpec(
    key="population",
    name="Befolkning",
    unit="personer",
    description="Befolkningen den 1. i kvartalet; nævner for rater pr. indbygger.",
    is_higher_better=None,
    source="dst_statbank",
    confidence="H",
    provenance="FOLK1A, DST's own documented example request (H).",
    table_id="FOLK1A",
    area_variable="OMRÅDE",
    picks=(Pick("KØN", "TOT"), Pick("ALDER", "IALT"), Pick("CIVILSTAND", "TOT")),
    frequency="quarterly",
)

PRIVATE_JOBS = IndicatorSpec(
    key="private_jobs",
    name="Private arbejdspladser",
    unit="job",
    description="Job i private virksomheder med arbejdssted i kommunen.",
    is_higher_better=True,
    source="manual_upload",
    confidence="L",
    provenance=(
        "No verified open table gives jobs by sector and workplace municipality. Candidates: "
        "ERHV2 (jobs by industry, not sector), ERHV5 (counts workplaces, not jobs), PEND101 "
        "(DAG = jobs located in the municipality, by industry), RAS30x. Upload until one is "
        "verified."
    ),
)

NEWCOMERS_ON_TRANSFER_INCOME = IndicatorSpec(
    key="newcomers_on_transfer_income",
    name="Tilflyttere på overførselsindkomst",
    unit="pct.",
    description="Andel af tilflytterne, der er på overførselsindkomst.",
    is_higher_better=False,
    source="manual_upload",
    confidence="L",
    provenance=(
        "No open StatBank table. DST's paid 'Nøgletal på kommuner' has 'Indkomst og offentligt "
        "forsørgede for til- og fraflyttere'; FLY66 gives only the flows."
    ),
)

PREVENTIVE_MEASURES = IndicatorSpec(
    key="preventive_measures",
    name="Børn og unge med forebyggende foranstaltninger",
    unit="antal",
    description="Børn og unge, der modtager forebyggende støtte pr. 31. december.",
    is_higher_better=None,
    source="manual_upload",
    confidence="L",
    provenance=(
        "BU04A has it by landsdel only (third-party docs, M/L); no municipal table verified. "
        "Upload from the municipality's own data or noegletal.dk."
    ),
)

HOUSING_QUALITY = IndicatorSpec(
    key="housing_quality",
    name="Boliger uden eget bad eller toilet",
    unit="pct.",
    description="Andel af boligerne uden eget bad eller eget toilet.",
    is_higher_better=False,
    source="manual_upload",
    confidence="L",
    provenance=(
        "BOL102/BOL105 (H, DST documentation) hold toilet, bath and heating conditions, but "
        "'quality' is a share the owners of the white paper must define (which codes count). "
        "Upload until that definition is made and turned into a ratio spec."
    ),
)

INCOME_BY_POSTCODE = IndicatorSpec(
    key="income_by_postcode",
    name="Indkomst efter postnummer",
    unit="kr.",
    description="Familieækvivaleret disponibel indkomst i bymidtens postnummer (8900 Randers C).",
    is_higher_better=True,
    source="manual_upload",
    confidence="L",
    provenance=(
        "No open StatBank table by postcode. Sources: ministry lovmodel data, DST custom "
        "deliveries, DST's paid 'Nøgletal på kommuner' for postcode areas."
    ),
)

INDICATORS: tuple[IndicatorSpec, ...] = (
    EMPLOYMENT_RATE,
    PRIVATE_JOBS,
    NEWCOMERS_ON_TRANSFER_INCOME,
    PUBLIC_SUPPORT_RECIPIENTS,
    PLACED_CHILDREN,
    PREVENTIVE_MEASURES,
    LIFE_EXPECTANCY,
    HOUSING_QUALITY,
    DISPOSABLE_INCOME,
    INCOME_BY_POSTCODE,
    POPULATION,
)


def get_spec(key: str) -> IndicatorSpec:
    """The indicator with this key; KeyError names the keys that exist."""
    for spec in INDICATORS:
        if spec.key == key:
            return spec
    raise KeyError(f"no indicator {key!r}; known: {', '.join(s.key for s in INDICATORS)}")
