"""Reading the BULK (and CSV) data format: `;`-separated, header of variable codes + TID +
INDHOLD, decimal comma, ".." for a missing value."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from dialogportal.statbank.decimals import is_missing, parse_decimal
from dialogportal.statbank.errors import ResponseFormatError, TableChangedError
from dialogportal.statbank.types import Row, TableInfo


def parse_statbank_value(text: str) -> Decimal | None:
    """A StatBank value: None for a missing marker, else a Danish-written number.

    A lone point that does not group thousands ("37.7") is read as a decimal point, so a
    response written the English way still reads correctly; "1.234" is read the Danish way.
    """
    if is_missing(text):
        return None
    try:
        return parse_decimal(text, "comma")
    except ValueError:
        pass
    try:
        return parse_decimal(text, "point")
    except ValueError as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def parse_bulk(body: bytes, info: TableInfo) -> list[Row]:
    """Rows of a BULK/CSV body, keyed by the variable ids of `info`.

    A header that names variables the table does not have (or lacks ones it has) means the
    table changed under us: TableChangedError, never a silent mis-join.
    """
    try:
        text = body.decode("utf-8-sig")  # CSV starts with a BOM, BULK does not
    except UnicodeDecodeError as exc:
        raise ResponseFormatError(f"Table {info.id}: the data is not UTF-8 ({exc})") from exc
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        return []
    if len(header) < 2:
        raise ResponseFormatError(f"Table {info.id}: unexpected data header {header!r}")
    *variable_columns, value_column = (cell.strip() for cell in header)
    if info.find_variable(value_column) is not None:
        raise ResponseFormatError(f"Table {info.id}: the data has no value column ({header!r})")
    columns: list[tuple[str, bool]] = []  # (variable id, is time)
    for column in variable_columns:
        variable = info.find_variable(column)
        if variable is None:
            raise TableChangedError(
                table_id=info.id,
                detail=f"the data has a column {column!r} that tableinfo does not list "
                f"(tableinfo: {', '.join(info.variable_ids)})",
            )
        columns.append((variable.id, variable.is_time))
    missing = sorted(set(info.variable_ids) - {variable_id for variable_id, _ in columns})
    if missing:
        raise TableChangedError(
            table_id=info.id, detail=f"the data lacks the column(s) {', '.join(missing)}"
        )
    if not any(is_time for _, is_time in columns):
        raise ResponseFormatError(f"Table {info.id}: the data has no time column ({header!r})")

    rows: list[Row] = []
    for cells in reader:
        if not cells or not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise ResponseFormatError(
                f"Table {info.id}, data line {reader.line_num}: {len(cells)} fields, "
                f"expected {len(header)}"
            )
        codes: dict[str, str] = {}
        period = ""
        for (variable_id, is_time), cell in zip(columns, cells, strict=False):
            if is_time:
                period = cell.strip()
            else:
                codes[variable_id] = cell.strip()
        try:
            value = parse_statbank_value(cells[-1])
        except ValueError as exc:
            raise ResponseFormatError(
                f"Table {info.id}, data line {reader.line_num}: {exc}"
            ) from exc
        rows.append(Row(codes=codes, period=period, value=value))
    return rows
