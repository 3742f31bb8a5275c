"""Staff exports of inputs (CSV and XLSX) with every field staff may see. Cells that a
spreadsheet would run as a formula are prefixed with an apostrophe (CSV/formula injection)."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from dialogportal.inputs.models import Input, InputQuerySet

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def header() -> list[str]:
    return [
        _("id"),
        _("proces"),
        _("fokusområde"),
        _("kanal"),
        _("kilde"),
        _("givet den"),
        _("afsender"),
        _("repræsenterer"),
        _("overskrift"),
        _("tekst"),
        _("navn"),
        _("e-mail"),
        _("telefon"),
        _("postnummer"),
        _("navn må vises"),
        _("må kontaktes"),
        _("moderation"),
        _("status"),
        _("antal bilag"),
        _("modtaget"),
    ]


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def rows(queryset: InputQuerySet) -> Iterator[list[str | int]]:
    qs = queryset.select_related("process", "focus_area").prefetch_related("attachments")
    obj: Input
    for obj in qs.iterator(chunk_size=2000):
        yield [
            obj.pk,
            _safe(obj.process.slug),
            _safe(obj.focus_area.slug if obj.focus_area else "andet"),
            obj.channel,
            _safe(obj.source),
            obj.given_on.isoformat(),
            obj.contributor_type,
            _safe(obj.organisation),
            _safe(obj.title),
            _safe(obj.text),
            _safe(obj.name),
            _safe(obj.email),
            _safe(obj.phone),
            obj.postcode,
            _("ja") if obj.consent_publish_name else _("nej"),
            _("ja") if obj.consent_contact else _("nej"),
            obj.moderation_state,
            obj.status,
            len(obj.attachments.all()),
            obj.created_at.isoformat(timespec="seconds"),
        ]


def to_csv(data: Iterable[list[str | int]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header())
    writer.writerows(data)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 then


def to_xlsx(data: Iterable[list[str | int]]) -> bytes:
    # Imported where it is used: openpyxl would cost every worker time at start
    # (docs/performance.md, cold start).
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Input"))
    sheet.append(header())
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
