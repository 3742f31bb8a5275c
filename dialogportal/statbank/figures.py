"""Figures uploaded from elsewhere (Jobindsats exports, the municipality's own data).

A CSV (`;`, `,` or tab; UTF-8 with or without BOM, cp1252 as a fallback) or an XLSX with
the columns `område`, `periode`, `værdi` (or `area`, `period`, `value`). Everything is
validated row by row and every problem is reported in Danish with its line, so the upload
page can show a preview; nothing here stores anything. Cells are only ever read as text or
numbers: a formula stays its text (and is rejected), HTML is rejected, nothing is evaluated.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal

from dialogportal.statbank.areas import AREA_CODES
from dialogportal.statbank.decimals import (
    Convention,
    evidence,
    is_ambiguous,
    is_missing,
    parse_decimal,
)

MAX_ROWS = 100_000
MAX_BYTES = 20 * 1024 * 1024

AREA, PERIOD, VALUE = "område", "periode", "værdi"
_HEADER_ALIASES: dict[str, str] = {
    "område": AREA,
    "omraade": AREA,
    "omrade": AREA,
    "area": AREA,
    "area_code": AREA,
    "periode": PERIOD,
    "period": PERIOD,
    "tid": PERIOD,
    "værdi": VALUE,
    "vaerdi": VALUE,
    "value": VALUE,
    "indhold": VALUE,
}
_EXPECTED = f"{AREA}, {PERIOD}, {VALUE} (eller area, period, value)"
_PERIOD = re.compile(
    r"(?:18|19|20|21)\d\d"
    r"(?:[KQ][1-4]|M(?:0[1-9]|1[0-2])|U(?:0[1-9]|[1-4]\d|5[0-3])|H[12]|QMAT(?:0[1-9]|1[0-2])"
    r"|[:-](?:18|19|20|21)\d\d)?"
)
_HTML = re.compile(r"<\s*[a-zA-Z/!?]|&[a-zA-Z]+;|&#\d+;")
_FORMULA_START = ("=", "@")

Cell = str | int | float | Decimal | bool | datetime | date | time | None


@dataclass(frozen=True)
class FigureRow:
    line: int
    area_code: str
    period: str
    value: Decimal | None  # None: the file marks the value as missing ("", "..", "-")


@dataclass(frozen=True)
class RowError:
    """One problem. `line` is the file's line (XLSX: row) number, 0 for the whole file;
    `column` is område/periode/værdi, or None when the problem is not one cell's."""

    line: int
    column: str | None
    message: str


@dataclass
class ParsedFigures:
    rows: list[FigureRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    file_format: Literal["csv", "xlsx", ""] = ""
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        """True when the file may be saved: rows, and not a single error."""
        return bool(self.rows) and not self.errors


def parse_figures(
    data: bytes,
    *,
    filename: str = "",
    known_areas: Collection[str] | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_BYTES,
) -> ParsedFigures:
    """Parse and validate an uploaded CSV or XLSX file (decided by content, not by name).

    `known_areas` are the accepted area codes (default: municipalities, regions and "000";
    add postcodes for postcode figures).
    """
    known = AREA_CODES if known_areas is None else known_areas
    if len(data) > max_bytes:
        return _file_error(f"Filen er for stor ({len(data):,} bytes; højst {max_bytes:,}).")
    if not data.strip():
        return _file_error("Filen er tom.")
    if data.startswith(b"PK\x03\x04"):
        return _validate(_xlsx_rows(data), "xlsx", known, max_rows)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _file_error("Filen er i det gamle Excel-format (.xls). Gem den som .xlsx eller CSV.")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _file_error("Filen hedder .xlsx, men er ikke en gyldig Excel-fil.")
    text = _decode(data)
    if text is None:
        return _file_error("Filen ligner ikke en tekst- (CSV) eller Excel-fil (.xlsx).")
    return _validate(_csv_rows(text), "csv", known, max_rows)


# -- reading ------------------------------------------------------------------------------


class _UnreadableError(Exception):
    pass


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:8192]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Danish Excel's "CSV (semikolonsepareret)"
        except UnicodeDecodeError:
            return None
    sample = text[:8192]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\r\n\t")
    return None if controls > len(sample) // 100 else text


def _csv_rows(text: str) -> Iterable[tuple[int, list[Cell]]]:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, list(cells)
    except csv.Error as exc:
        message = f"Linje {reader.line_num}: filen kunne ikke læses som CSV ({exc})."
        raise _UnreadableError(message) from exc


def _xlsx_rows(data: bytes) -> Iterable[tuple[int, list[Cell]]]:
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell gives its formula text, which is then rejected;
        # cached results from another program are never trusted, nothing is evaluated.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types on a damaged file
        raise _UnreadableError("Filen kunne ikke læses som en Excel-fil (.xlsx).") from exc
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True, max_col=50), 1):
            yield number, [_plain(cell) for cell in cells]
    except Exception as exc:  # a damaged sheet inside a valid zip
        raise _UnreadableError("Filen kunne ikke læses som en Excel-fil (.xlsx).") from exc
    finally:
        workbook.close()


def _plain(value: object) -> Cell:
    """A cell value as one of our types; rich text, array formulas and the like become text."""
    if value is None or isinstance(
        value, str | int | float | Decimal | bool | datetime | date | time
    ):
        return value
    text = getattr(value, "text", None)  # ArrayFormula keeps its formula in .text
    return text if isinstance(text, str) else str(value)


# -- validating ----------------------------------------------------------------------------


def _file_error(message: str, fmt: Literal["csv", "xlsx", ""] = "") -> ParsedFigures:
    return ParsedFigures(errors=[RowError(line=0, column=None, message=message)], file_format=fmt)


def _is_blank(cells: list[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _header_key(cell: Cell) -> str:
    return str(cell or "").strip().strip('"').lstrip("\ufeff").strip().casefold()


def _validate(
    source: Iterable[tuple[int, list[Cell]]],
    fmt: Literal["csv", "xlsx"],
    known: Collection[str],
    max_rows: int,
) -> ParsedFigures:
    result = ParsedFigures(file_format=fmt)
    header: tuple[int, list[Cell]] | None = None
    body: list[tuple[int, list[Cell]]] = []
    try:
        for line, cells in source:
            if _is_blank(cells):
                continue
            if header is None:
                header = (line, cells)
            elif len(body) == max_rows:
                result.errors.append(
                    RowError(
                        line=line,
                        column=None,
                        message=f"Filen har mere end {max_rows:,} datarækker. Del den op.",
                    )
                )
                break
            else:
                body.append((line, cells))
    except _UnreadableError as exc:
        return _file_error(str(exc), fmt)
    if header is None:
        return _file_error("Filen er tom.", fmt)
    positions = _map_header(header, result)
    if positions is None:
        return result
    if not body:
        result.errors.append(RowError(line=0, column=None, message="Filen har ingen datarækker."))
        return result

    convention = _convention([_cell(cells, positions[VALUE]) for _, cells in body], result)
    seen: dict[tuple[str, str], int] = {}
    for line, cells in body:
        errors_before = len(result.errors)
        area = _read_area(line, _cell(cells, positions[AREA]), known, result)
        period = _read_period(line, _cell(cells, positions[PERIOD]), result)
        value = _read_value(line, _cell(cells, positions[VALUE]), convention, result)
        if len(result.errors) > errors_before or area is None or period is None:
            continue
        if (area, period) in seen:
            result.errors.append(
                RowError(
                    line=line,
                    column=PERIOD,
                    message=f"Område {area} har allerede en værdi for {period} "
                    f"(linje {seen[(area, period)]}).",
                )
            )
            continue
        seen[(area, period)] = line
        result.rows.append(FigureRow(line=line, area_code=area, period=period, value=value))
    return result


def _cell(cells: list[Cell], position: int) -> Cell:
    return cells[position] if position < len(cells) else None


def _map_header(header: tuple[int, list[Cell]], result: ParsedFigures) -> dict[str, int] | None:
    line, cells = header
    positions: dict[str, int] = {}
    for position, cell in enumerate(cells):
        name = _HEADER_ALIASES.get(_header_key(cell))
        if name is None:
            if _header_key(cell):
                result.ignored_columns.append(str(cell).strip())
        elif name in positions:
            result.errors.append(
                RowError(line=line, column=name, message=f"Kolonnen {name} findes to gange.")
            )
            return None
        else:
            positions[name] = position
    missing = [name for name in (AREA, PERIOD, VALUE) if name not in positions]
    if missing:
        found = ", ".join(_shorten(str(cell or "")) for cell in cells) or "(ingen)"
        result.errors.append(
            RowError(
                line=line,
                column=None,
                message=f"Forkerte kolonneoverskrifter: mangler {', '.join(missing)}. "
                f"Forventede kolonner: {_EXPECTED}. Fandt: {found}.",
            )
        )
        return None
    return positions


def _convention(cells: list[Cell], result: ParsedFigures) -> Convention | None:
    """The file's decimal mark, from the values that prove one; None if they disagree."""
    seen = {evidence(cell) for cell in cells if isinstance(cell, str) and not is_missing(cell)}
    seen.discard(None)
    if seen == {"comma", "point"}:
        result.warnings.append(
            "Filen blander decimalkomma og decimalpunktum. Entydige tal er læst, men tal som "
            "1.234 kan betyde både 1234 og 1,234 og bliver afvist."
        )
        return None
    return "point" if seen == {"point"} else "comma"  # Danish by default


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text_problem(text: str) -> str | None:
    if text.startswith(_FORMULA_START):
        return f"Cellen indeholder en formel ({_shorten(text)}); den bliver ikke beregnet."
    if _HTML.search(text):
        return f"Cellen indeholder HTML eller kode ({_shorten(text)}), som ikke er tilladt."
    return None


def _error(result: ParsedFigures, line: int, column: str, message: str) -> None:
    result.errors.append(RowError(line=line, column=column, message=message))


def _read_area(line: int, cell: Cell, known: Collection[str], result: ParsedFigures) -> str | None:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, bool) or not isinstance(cell, str | int):
        if cell is None:
            _error(result, line, AREA, "Område mangler.")
        else:
            _error(result, line, AREA, f"Området {_shorten(str(cell))} er ikke en kode.")
        return None
    text = str(cell).strip()
    if not text:
        _error(result, line, AREA, "Område mangler.")
        return None
    if (problem := _text_problem(text)) is not None:
        _error(result, line, AREA, problem)
        return None
    if text in known:
        return text
    if text.isdigit():
        # Spreadsheets drop leading zeros (0 for "000", 800 for postcode "0800"); DAGI writes
        # municipality codes with four digits ("0730").
        candidates = {text.lstrip("0").zfill(3), text.lstrip("0").zfill(4)} & set(known)
        if len(candidates) == 1:
            return candidates.pop()
    _error(
        result,
        line,
        AREA,
        f"Ukendt områdekode '{_shorten(text)}'. Brug en kommunekode (fx 730), "
        "000 for hele landet eller et postnummer.",
    )
    return None


def _read_period(line: int, cell: Cell, result: ParsedFigures) -> str | None:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime | date | time):
        _error(result, line, PERIOD, "Perioden er en dato. Skriv fx 2024, 2024K1 eller 2024M01.")
        return None
    text = "" if cell is None or isinstance(cell, bool) else str(cell)
    text = "".join(text.split()).upper()
    if not text:
        _error(result, line, PERIOD, "Periode mangler.")
        return None
    if (problem := _text_problem(text)) is not None:
        _error(result, line, PERIOD, problem)
        return None
    if _PERIOD.fullmatch(text) is None:
        _error(
            result,
            line,
            PERIOD,
            f"Ugyldig periode '{_shorten(text)}'. Skriv fx 2024, 2024K1, 2024M01 eller 2025QMAT06.",
        )
        return None
    return text


def _read_value(
    line: int, cell: Cell, convention: Convention | None, result: ParsedFigures
) -> Decimal | None:
    if cell is None:
        return None
    if isinstance(cell, bool | datetime | date | time):
        _error(result, line, VALUE, f"Værdien {_shorten(str(cell))} er ikke et tal.")
        return None
    if isinstance(cell, int | Decimal):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(str(cell))  # the shortest text that gives back the float, not its binary
    text = cell.strip()
    if is_missing(text):
        return None
    if text.startswith(_FORMULA_START) or _HTML.search(text):
        _error(result, line, VALUE, _text_problem(text) or "")
        return None
    if convention is None and is_ambiguous(text):
        _error(
            result,
            line,
            VALUE,
            f"Tallet '{_shorten(text)}' kan læses både som tusindtal og som decimaltal, og "
            "filen blander decimalkomma og -punktum. Skriv fx 1234 eller 1,234.",
        )
        return None
    try:
        return parse_decimal(text, convention or evidence(text) or "comma")
    except ValueError:
        _error(result, line, VALUE, f"Værdien '{_shorten(text)}' er ikke et tal.")
        return None
