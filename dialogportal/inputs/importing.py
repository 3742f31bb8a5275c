"""Import of inputs from CSV or XLSX: every row goes through `services.submit_input` (the same
rules as the form), the whole file in one transaction – one bad row and nothing is stored – and
a report names every rejected row with its reasons. Re-importing the same file adds nothing:
each row's idempotency key is the file's hash and the row number.

Columns (header row, case-insensitive, Danish or English): tekst/text (required), overskrift/
title, fokusomraade/focus_area (slug or title; empty or "andet" = other), afsender/
contributor_type, kanal/channel, kilde/source, dato/given_on (2025-06-30, 30-06-2025 or
30.06.2025), organisation, navn/name, email, telefon/phone, postnummer/postcode,
maa_vise_navn/consent_publish_name, maa_kontakte/consent_contact (ja/nej, 1/0, x)."""

import csv
import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.inputs.models import OTHER_AREA_SLUG, Channel, ContributorType
from dialogportal.inputs.services import submit_input
from dialogportal.processes.models import FocusArea, Process

COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("tekst", "text", "input"),
    "title": ("overskrift", "title", "titel"),
    "focus_area": ("fokusomraade", "fokusområde", "focus_area", "område"),
    "contributor_type": ("afsender", "contributor_type", "afsendertype"),
    "channel": ("kanal", "channel"),
    "source": ("kilde", "source"),
    "given_on": ("dato", "given_on", "givet_den", "givet den"),
    "organisation": ("organisation", "repræsenterer", "organization"),
    "name": ("navn", "name"),
    "email": ("email", "e-mail", "mail"),
    "phone": ("telefon", "phone", "tlf"),
    "postcode": ("postnummer", "postcode", "postnr"),
    "consent_publish_name": ("maa_vise_navn", "må_vise_navn", "consent_publish_name"),
    "consent_contact": ("maa_kontakte", "må_kontakte", "consent_contact"),
}
_TRUE = {"ja", "j", "yes", "y", "1", "x", "true", "sand"}
_FALSE = {"nej", "n", "no", "0", "", "false", "falsk"}


def max_rows() -> int:
    return int(settings.INPUT_IMPORT_MAX_ROWS)


@dataclass
class RowError:
    row: int
    messages: list[str]


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    already_imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


class FileUnreadableError(Exception):
    pass


def read_table(filename: str, data: bytes) -> list[dict[str, str]]:
    """Rows as dicts of our field names → text. Raises FileUnreadableError with a message."""
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        raw = _read_xlsx(data)
    else:
        raw = _read_csv(data)
    if not raw:
        raise FileUnreadableError(_("Filen er tom."))
    header = [str(cell or "").strip().lower() for cell in raw[0]]
    mapping: dict[int, str] = {}
    for index, name in enumerate(header):
        for target, aliases in COLUMNS.items():
            if name in aliases:
                mapping[index] = target
    if "text" not in mapping.values():
        raise FileUnreadableError(
            _("Filen mangler kolonnen »tekst«. Første række skal være kolonnenavne.")
        )
    rows = []
    for cells in raw[1:]:
        values = {
            target: _cell(cells[i]) if i < len(cells) else "" for i, target in mapping.items()
        }
        if any(values.values()):
            rows.append(values)
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[list[Any]]:
    # Imported where it is used: openpyxl would cost every worker time at start
    # (docs/performance.md, cold start).
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise FileUnreadableError(_("Filen kunne ikke læses som et XLSX-regneark.")) from exc
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=max_rows() + 2)]
    workbook.close()
    return rows


def _read_csv(data: bytes) -> list[list[Any]]:
    if b"\x00" in data:
        raise FileUnreadableError(_("Filen er ikke en tekstfil (CSV) eller et XLSX-regneark."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise FileUnreadableError(
            _("CSV-filen kunne ikke læses: %(error)s") % {"error": exc}
        ) from exc


def _choice(value: str, choices: Sequence[tuple[str, object]], default: str) -> str | None:
    if not value:
        return default
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in (key.lower(), str(label).lower()):
            return key
    return None


def _parse_date(value: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


def _flag(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def _area(process: Process, value: str, areas: list[FocusArea]) -> FocusArea | bool | None:
    """The focus area, None for 'other', False when unknown."""
    wanted = value.strip().lower()
    if not wanted or wanted in (OTHER_AREA_SLUG, "other", "andet"):
        return None
    for area in areas:
        if wanted in (area.slug.lower(), area.title.lower()):
            return area
    return False


def import_inputs(
    *, process: Process, filename: str, data: bytes, acting_user: User
) -> ImportReport:
    """Import a file all-or-nothing; the report says what happened or why nothing did."""
    report = ImportReport()
    try:
        rows = read_table(filename, data)
    except FileUnreadableError as exc:
        report.file_error = str(exc)
        return report
    report.rows = len(rows)
    if len(rows) > max_rows():
        report.file_error = _("Filen har %(rows)d rækker; højst %(max)d ad gangen.") % {
            "rows": len(rows),
            "max": max_rows(),
        }
        return report
    digest = hashlib.sha256(data).hexdigest()[:32]
    areas = list(process.focus_areas.all())
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            _import_row(process, row, number, digest, areas, acting_user, report)
        if report.errors:
            transaction.set_rollback(True)
            report.created = 0
            report.already_imported = 0
    return report


def _import_row(
    process: Process,
    row: dict[str, str],
    number: int,
    digest: str,
    areas: list[FocusArea],
    acting_user: User,
    report: ImportReport,
) -> None:
    problems: list[str] = []
    area = _area(process, row.get("focus_area", ""), areas)
    if area is False:
        problems.append(
            _("fokusområdet »%(value)s« findes ikke") % {"value": row.get("focus_area", "")[:80]}
        )
    contributor_type = _choice(
        row.get("contributor_type", ""), ContributorType.choices, ContributorType.CITIZEN
    )
    if contributor_type is None:
        problems.append(_("ukendt afsender »%(value)s«") % {"value": row["contributor_type"][:40]})
    channel = _choice(row.get("channel", ""), Channel.choices, Channel.OTHER)
    if channel is None:
        problems.append(_("ukendt kanal »%(value)s«") % {"value": row["channel"][:40]})
    given_on = _parse_date(row["given_on"]) if row.get("given_on") else None
    if row.get("given_on") and given_on is None:
        problems.append(_("datoen »%(value)s« kan ikke læses") % {"value": row["given_on"][:40]})
    flags: dict[str, bool] = {}
    for name in ("consent_publish_name", "consent_contact"):
        flag = _flag(row.get(name, ""))
        if flag is None:
            problems.append(_("skriv ja eller nej i »%(column)s«") % {"column": name})
        flags[name] = bool(flag)
    if problems:
        report.errors.append(RowError(row=number, messages=problems))
        return
    try:
        with transaction.atomic():
            obj = submit_input(
                process=process,
                focus_area=area if isinstance(area, FocusArea) else None,
                text=row.get("text", ""),
                title=row.get("title", ""),
                contributor_type=contributor_type or ContributorType.CITIZEN,
                organisation=row.get("organisation", ""),
                name=row.get("name", ""),
                email=row.get("email", ""),
                phone=row.get("phone", ""),
                postcode=row.get("postcode", ""),
                consent_publish_name=flags["consent_publish_name"],
                consent_contact=flags["consent_contact"],
                consent_text_version="import",
                channel=channel or Channel.OTHER,
                source=row.get("source", ""),
                given_on=given_on,
                idempotency_key=f"import:{digest}:{number}",
                acting_user=acting_user,
            )
    except ValidationError as exc:
        messages = [
            f"{_field_label(name)}: {message}"
            for name, items in exc.message_dict.items()
            for message in items
        ]
        report.errors.append(RowError(row=number, messages=messages))
        return
    if obj.was_created:
        report.created += 1
    else:
        report.already_imported += 1


def _field_label(name: str) -> str:
    return COLUMNS.get(name, (name,))[0]
