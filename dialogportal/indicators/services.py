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

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks.base import Task

from dialogportal.accounts.models import User
from dialogportal.indicators.areas import POSTCODES
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
from dialogportal.statbank.areas import AREA_CODES, COUNTRY
from dialogportal.statbank.figures import ParsedFigures, parse_figures

# Observation.value has 4 decimal places and 16 integer digits.
_QUANTUM = Decimal("0.0001")
_LIMIT = Decimal(10) ** 16
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_AREAS: frozenset[str] = AREA_CODES | POSTCODES

Point = tuple[str, str, Decimal | None]  # (area code, period, value)


# Enqueued by its path, as settings.SCHEDULED_TASKS names tasks: the task runs
# `indicators.refresh`, which brings the StatBank client (httpx) the web process need not load.
REFRESH_ONE_TASK = "dialogportal.indicators.tasks.refresh_one_indicator"


def queue_refresh(*, indicator: Indicator) -> None:
    """Have the worker fetch the indicator from StatBank once the current transaction commits."""
    indicator_id = indicator.pk

    def enqueue() -> None:
        refresh_one_indicator: Task[[int], str] = import_string(REFRESH_ONE_TASK)
        refresh_one_indicator.enqueue(indicator_id)

    transaction.on_commit(enqueue)


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


def log_refresh(
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
    return log_refresh(
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
