"""Every write of the indicators app: refresh from StatBank, uploads, demo series, set-up.

A refresh talks to the network first and writes afterwards, in one transaction: an error of
any kind (an API error body, 5xx, a timeout, an empty or changed table, a value out of range)
leaves every stored observation as it was, and is written to the refresh log in Danish.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.indicators.areas import POSTCODES, area_name
from dialogportal.indicators.models import (
    ComparisonSet,
    FigureUpload,
    FigureUploadStatus,
    Indicator,
    Observation,
    RefreshKind,
    RefreshLog,
    RefreshOutcome,
    SourceKind,
)
from dialogportal.processes.models import FocusArea, Process
from dialogportal.statbank import StatBankClient, StatBankError, fetch_indicator, parse_figures
from dialogportal.statbank.areas import AREA_CODES, COUNTRY
from dialogportal.statbank.errors import (
    EmptyResultError,
    MissingVariableError,
    ResponseFormatError,
    StatBankAPIError,
    StatBankTimeoutError,
    StatBankUnavailableError,
    TableChangedError,
    TableNotFoundError,
    UnknownValueError,
    UnknownVariableError,
)
from dialogportal.statbank.figures import ParsedFigures

# Observation.value has 4 decimal places and 16 integer digits.
_QUANTUM = Decimal("0.0001")
_LIMIT = Decimal(10) ** 16
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_AREAS: frozenset[str] = AREA_CODES | POSTCODES

Point = tuple[str, str, Decimal | None]  # (area code, period, value)


def statbank_client() -> StatBankClient:
    """A client configured from settings; tests set STATBANK_TRANSPORT to a recorded fake."""
    return StatBankClient(
        settings.STATBANK_BASE_URL,
        timeout=settings.STATBANK_TIMEOUT,
        retries=settings.STATBANK_RETRIES,
        backoff=settings.STATBANK_BACKOFF,
        transport=settings.STATBANK_TRANSPORT,
    )


# -- set-up ------------------------------------------------------------------------------------


@transaction.atomic
def set_comparison_set(
    *,
    process: Process,
    municipality_code: str,
    peer_codes: Sequence[str],
    country_code: str = COUNTRY,
) -> ComparisonSet:
    """Choose the municipality, the country and the peers a process's key figures compare."""
    comparison = ComparisonSet.objects.filter(process=process).first() or ComparisonSet(
        process=process
    )
    comparison.municipality_code = municipality_code
    comparison.country_code = country_code
    comparison.peer_codes = list(peer_codes)
    comparison.full_clean()
    comparison.save()
    return comparison


@transaction.atomic
def create_indicator(
    *,
    process: Process,
    slug: str,
    name: str,
    unit: str,
    source_kind: SourceKind,
    spec_key: str = "",
    description: str = "",
    is_higher_better: bool | None = None,
    source_note: str = "",
    provenance: str = "",
    decimals: int = 1,
    is_demo: bool = False,
    order: int = 0,
    focus_areas: Iterable[FocusArea] = (),
) -> Indicator:
    """Define a key figure of a process and attach it to focus areas of the same process."""
    indicator = Indicator(
        process=process,
        slug=slug,
        name=name,
        unit=unit,
        source_kind=source_kind,
        spec_key=spec_key,
        description=description,
        is_higher_better=is_higher_better,
        source_note=source_note,
        provenance=provenance,
        decimals=decimals,
        is_demo=is_demo,
        order=order,
    )
    indicator.full_clean()
    indicator.save()
    areas = list(focus_areas)
    if any(area.process_id != process.pk for area in areas):
        raise ValidationError(_("Et nøgletal kan kun knyttes til fokusområder i samme proces."))
    indicator.focus_areas.set(areas)
    return indicator


# -- storing observations ------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreCounts:
    created: int
    updated: int


def _normalised(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if not value.is_finite() or abs(value) >= _LIMIT:
        raise ValidationError(
            _("Værdien %(value)s er for stor til at blive gemt."), params={"value": value}
        )
    return value.quantize(_QUANTUM)


def _store(indicator: Indicator, points: Iterable[Point]) -> StoreCounts:
    """Insert new and update changed observations (never delete); bump the data version."""
    existing = {
        (obs.area_code, obs.period): obs
        for obs in Observation.objects.filter(indicator=indicator).only(
            "id", "area_code", "period", "value"
        )
    }
    to_create: list[Observation] = []
    to_update: list[Observation] = []
    for area_code, period, raw_value in points:
        value = _normalised(raw_value)
        found = existing.get((area_code, period))
        if found is None:
            to_create.append(
                Observation(indicator=indicator, area_code=area_code, period=period, value=value)
            )
        elif found.value != value:
            found.value = value
            to_update.append(found)
    Observation.objects.bulk_create(to_create, batch_size=1000)
    Observation.objects.bulk_update(to_update, ["value"], batch_size=1000)
    if to_create or to_update:
        # Charts are cached under the data version; a new version is a new cache key.
        Indicator.objects.filter(pk=indicator.pk).update(data_version=F("data_version") + 1)
        indicator.refresh_from_db(fields=["data_version"])
    return StoreCounts(created=len(to_create), updated=len(to_update))


def _log(
    *,
    indicator: Indicator,
    kind: RefreshKind,
    started_at: datetime,
    outcome: RefreshOutcome,
    rows_received: int = 0,
    counts: StoreCounts | None = None,
    source_version: str = "",
    message: str = "",
    acting_user: User | None = None,
) -> RefreshLog:
    log = RefreshLog(
        indicator=indicator,
        kind=kind,
        started_at=started_at,
        finished_at=timezone.now(),
        outcome=outcome,
        rows_received=rows_received,
        rows_created=counts.created if counts else 0,
        rows_updated=counts.updated if counts else 0,
        source_version=source_version[:100],
        message=message,
        acting_user=acting_user,
    )
    log.full_clean()
    log.save()
    return log


@transaction.atomic
def store_series(
    *,
    indicator: Indicator,
    points: Sequence[Point],
    kind: RefreshKind,
    source_version: str = "",
    message: str = "",
    acting_user: User | None = None,
) -> RefreshLog:
    """Store observations (insert or update; a second identical call changes nothing) and log it."""
    started_at = timezone.now()
    counts = _store(indicator, points)
    changed = bool(counts.created or counts.updated)
    return _log(
        indicator=indicator,
        kind=kind,
        started_at=started_at,
        outcome=RefreshOutcome.CHANGED if changed else RefreshOutcome.UNCHANGED,
        rows_received=len(points),
        counts=counts,
        source_version=source_version,
        message=message,
        acting_user=acting_user,
    )


# -- refresh from StatBank ---------------------------------------------------------------------


def describe_statbank_error(exc: StatBankError) -> str:
    """What went wrong, in Danish, for the refresh log and the staff page."""
    nothing = _("Intet af det gemte er ændret.")
    if isinstance(exc, TableNotFoundError):
        text = _("Danmarks Statistik kender ikke tabellen %(table)s (%(api)s).") % {
            "table": exc.table_id,
            "api": exc.api_message,
        }
    elif isinstance(exc, StatBankAPIError):
        text = _("Danmarks Statistik afviste forespørgslen (HTTP %(status)s%(code)s): %(api)s") % {
            "status": exc.status_code,
            "code": f" {exc.error_type_code}" if exc.error_type_code else "",
            "api": exc.api_message,
        }
    elif isinstance(exc, UnknownVariableError):
        text = _(
            "Tabellen %(table)s har ikke variablen %(variable)s – tabellen er måske blevet "
            "ændret. Dens variable er nu: %(available)s."
        ) % {
            "table": exc.table_id,
            "variable": exc.variable,
            "available": ", ".join(exc.available),
        }
    elif isinstance(exc, UnknownValueError):
        text = _(
            "Tabellen %(table)s har ikke værdien %(values)s for variablen %(variable)s – "
            "tabellen er måske blevet ændret."
        ) % {"table": exc.table_id, "values": ", ".join(exc.values), "variable": exc.variable}
    elif isinstance(exc, MissingVariableError):
        text = _(
            "Tabellen %(table)s har variable, som nøgletallet ikke vælger værdier for: "
            "%(missing)s – tabellen er måske blevet ændret."
        ) % {"table": exc.table_id, "missing": ", ".join(exc.missing)}
    elif isinstance(exc, TableChangedError):
        text = _("Tabellen %(table)s er blevet ændret, mens tallene blev hentet.") % {
            "table": exc.table_id
        }
    elif isinstance(exc, EmptyResultError):
        text = _("Tabellen %(table)s gav ingen tal for de valgte områder og perioder.") % {
            "table": exc.table_id
        }
    elif isinstance(exc, StatBankTimeoutError):
        text = _(
            "Danmarks Statistik svarede ikke i tide (%(attempts)s forsøg). Prøv igen senere."
        ) % {"attempts": exc.attempts}
    elif isinstance(exc, StatBankUnavailableError):
        status = f" (HTTP {exc.status_code})" if exc.status_code else ""
        text = _(
            "Danmarks Statistik kunne ikke svare%(status)s efter %(attempts)s forsøg. Prøv igen "
            "senere."
        ) % {"status": status, "attempts": exc.attempts}
    elif isinstance(exc, ResponseFormatError):
        text = _("Svaret fra Danmarks Statistik kunne ikke læses: %(detail)s") % {"detail": exc}
    else:
        text = _("Tallene kunne ikke hentes fra Danmarks Statistik: %(detail)s") % {"detail": exc}
    return f"{text} {nothing}"


def refresh_indicator(
    *,
    indicator: Indicator,
    client: StatBankClient | None = None,
    acting_user: User | None = None,
) -> RefreshLog:
    """Fetch an indicator's series for its process's comparison set and store them.

    Not atomic as a whole on purpose: the network call comes first, the writes follow in one
    transaction, and a failure is still logged.
    """
    started_at = timezone.now()
    spec = indicator.spec

    def failed(message: str) -> RefreshLog:
        return _log(
            indicator=indicator,
            kind=RefreshKind.FETCH,
            started_at=started_at,
            outcome=RefreshOutcome.FAILED,
            message=message,
            acting_user=acting_user,
        )

    if spec is None or not indicator.is_fetchable:
        return failed(
            _("Nøgletallet hentes ikke fra Danmarks Statistik; det opdateres ved upload.")
        )
    comparison = ComparisonSet.objects.filter(process_id=indicator.process_id).first()
    if comparison is None:
        return failed(
            _("Processen har intet sammenligningssæt (kommune, land og sammenligningskommuner).")
        )
    own_client = client is None
    statbank = client or statbank_client()
    try:
        result = fetch_indicator(statbank, spec, comparison.area_codes)
    except StatBankError as exc:
        return failed(describe_statbank_error(exc))
    finally:
        if own_client:
            statbank.close()

    points = [(obs.area_code, obs.period, obs.value) for obs in result.observations]
    message = ""
    if result.missing_areas:
        message = _("Tabellen har ingen tal for: %(areas)s.") % {
            "areas": ", ".join(area_name(code) for code in result.missing_areas)
        }
    try:
        return store_series(
            indicator=indicator,
            points=points,
            kind=RefreshKind.FETCH,
            source_version=result.source_version,
            message=message,
            acting_user=acting_user,
        )
    except ValidationError as exc:
        return failed(" ".join(exc.messages) + " " + _("Intet af det gemte er ændret."))


def refresh_indicators(
    *, process: Process | None = None, client: StatBankClient | None = None
) -> list[RefreshLog]:
    """Refresh every StatBank-backed indicator (of one process, or of all processes)."""
    indicators = (
        Indicator.objects.fetchable().select_related("process").order_by("process", "order")
    )
    if process is not None:
        indicators = indicators.filter(process=process)
    own_client = client is None
    statbank = client or statbank_client()
    try:
        return [refresh_indicator(indicator=indicator, client=statbank) for indicator in indicators]
    finally:
        if own_client:
            statbank.close()


# -- uploads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadPreview:
    parsed: ParsedFigures
    upload: FigureUpload | None  # None when the file has errors: nothing was kept


def _parse(data: bytes, filename: str) -> ParsedFigures:
    return parse_figures(
        data, filename=filename, known_areas=UPLOAD_AREAS, max_bytes=MAX_UPLOAD_BYTES
    )


@transaction.atomic
def preview_figure_upload(
    *,
    indicator: Indicator,
    data: bytes,
    filename: str,
    source_note: str,
    provenance: str,
    acting_user: User,
) -> UploadPreview:
    """Validate an uploaded CSV/XLSX; a valid file is kept (not yet applied) until confirmed."""
    if indicator.source_kind != SourceKind.UPLOAD:
        raise ValidationError(
            _("Tallene til dette nøgletal hentes fra Danmarks Statistik og kan ikke uploades.")
        )
    parsed = _parse(data, filename)
    if not parsed.is_valid:
        return UploadPreview(parsed=parsed, upload=None)
    upload = FigureUpload(
        indicator=indicator,
        filename=filename[:200],
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        source_note=source_note,
        provenance=provenance,
        uploaded_by=acting_user,
        uploaded_at=timezone.now(),
    )
    upload.full_clean()
    upload.save()
    return UploadPreview(parsed=parsed, upload=upload)


def parse_upload(upload: FigureUpload) -> ParsedFigures:
    return _parse(bytes(upload.data), upload.filename)


@transaction.atomic
def confirm_figure_upload(*, upload: FigureUpload, acting_user: User) -> RefreshLog:
    """Apply a previewed upload: store its rows, record its source, log it."""
    upload = FigureUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != FigureUploadStatus.PREVIEW:
        raise ValidationError(_("Denne fil er allerede gemt."))
    parsed = parse_upload(upload)
    if not parsed.is_valid:
        raise ValidationError(_("Filen indeholder fejl og kan ikke gemmes."))
    indicator = upload.indicator
    log = store_series(
        indicator=indicator,
        points=[(row.area_code, row.period, row.value) for row in parsed.rows],
        kind=RefreshKind.UPLOAD,
        source_version=f"{upload.filename[:60]} sha256:{upload.sha256[:12]}",
        message=upload.source_note,
        acting_user=acting_user,
    )
    upload.status = FigureUploadStatus.SAVED
    upload.saved_at = timezone.now()
    upload.full_clean()
    upload.save()
    if upload.source_note and indicator.source_note != upload.source_note:
        indicator.source_note = upload.source_note
        if upload.provenance:
            indicator.provenance = upload.provenance
        indicator.full_clean()
        indicator.save(update_fields=["source_note", "provenance"])
    return log
