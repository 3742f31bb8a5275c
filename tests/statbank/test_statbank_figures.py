# mypy: allow-untyped-defs, allow-incomplete-defs
"""Uploaded figures: CSV and XLSX, validated row by row with Danish messages."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from dialogportal.statbank.decimals import Convention, evidence, is_ambiguous, parse_decimal
from dialogportal.statbank.figures import FigureRow, parse_figures

AREAS = {"000", "730", "751", "101", "0800", "8900"}


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.replace("|", "\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def messages(parsed) -> list[tuple[int, str | None, str]]:
    return [(e.line, e.column, e.message) for e in parsed.errors]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("område;periode;værdi|730;2024;72,1|000;2024;76,4", ["72.1", "76.4"]),
        ("area,period,value|730,2024,72.1|000,2024,76.4", ["72.1", "76.4"]),
        ('Område;Periode;Værdi|730;2024;"1.234,5"|000;2024;-3,5', ["1234.5", "-3.5"]),
        ("omraade\tperiode\tvaerdi|730\t2024\t1 234|000\t2024\t12.345.678", ["1234", "12345678"]),
        ('area,period,value|730,2024,"1,234.5"|000,2024,"1,234"', ["1234.5", "1234"]),
    ],
)
def test_csv_dialects_and_number_styles(data, expected):
    parsed = parse_figures(csv_bytes(data), known_areas=AREAS)

    assert parsed.errors == []
    assert parsed.file_format == "csv"
    assert [str(row.value) for row in parsed.rows] == expected
    assert parsed.is_valid


def test_rows_carry_line_area_period_and_value():
    parsed = parse_figures(csv_bytes("område;periode;værdi||730;2024k1;72,1"), known_areas=AREAS)

    assert parsed.rows == [
        FigureRow(line=3, area_code="730", period="2024K1", value=Decimal("72.1"))
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(encoding):
    text = "område;periode;værdi;kilde|730;2024;72,1;Jobindsats, Randers Ø"
    parsed = parse_figures(csv_bytes(text, encoding), known_areas=AREAS)

    assert parsed.errors == []
    assert parsed.ignored_columns == ["kilde"]
    assert parsed.rows[0].value == Decimal("72.1")


def test_wrong_headers_list_the_expected_ones():
    parsed = parse_figures(csv_bytes("kommune;år;tal|730;2024;72,1"), known_areas=AREAS)

    assert parsed.rows == []
    [(line, column, message)] = messages(parsed)
    assert line == 1
    assert column is None
    assert "mangler område, periode, værdi" in message
    assert "område, periode, værdi (eller area, period, value)" in message
    assert "Fandt: kommune, år, tal" in message


def test_a_duplicate_header_is_an_error():
    parsed = parse_figures(csv_bytes("område;periode;værdi;value|730;2024;1;2"), known_areas=AREAS)

    assert messages(parsed) == [(1, "værdi", "Kolonnen værdi findes to gange.")]


def test_mixed_decimal_marks_read_the_clear_ones_and_reject_the_ambiguous():
    text = "område;periode;værdi|730;2022;72,1|730;2023;72.5|730;2024;1.234,5|000;2024;1.234"
    parsed = parse_figures(csv_bytes(text), known_areas=AREAS)

    assert [r.value for r in parsed.rows] == [Decimal("72.1"), Decimal("72.5"), Decimal("1234.5")]
    assert parsed.warnings
    assert "blander decimalkomma og decimalpunktum" in parsed.warnings[0]
    [(line, column, message)] = messages(parsed)
    assert (line, column) == (5, "værdi")
    assert "'1.234'" in message


def test_thousands_follow_the_files_convention():
    danish = parse_figures(
        csv_bytes("område;periode;værdi|730;2023;1.234|730;2024;0,5"), known_areas=AREAS
    )
    english = parse_figures(
        csv_bytes("area;period;value|730;2023;1.234|730;2024;0.5"), known_areas=AREAS
    )

    assert danish.rows[0].value == Decimal(1234)
    assert english.rows[0].value == Decimal("1.234")


@pytest.mark.parametrize("missing", ["", "..", "-", "\u2013", ":"])
def test_missing_values_are_kept_as_none(missing):
    parsed = parse_figures(csv_bytes(f"område;periode;værdi|730;2024;{missing}"), known_areas=AREAS)

    assert parsed.errors == []
    assert parsed.rows[0].value is None


def test_unknown_area_codes_are_named():
    text = "område;periode;værdi|999;2024;1|730;2024;2|Randers;2024;3"
    parsed = parse_figures(csv_bytes(text), known_areas=AREAS)

    assert [r.area_code for r in parsed.rows] == ["730"]
    assert [(e.line, e.column) for e in parsed.errors] == [(2, "område"), (4, "område")]
    assert "Ukendt områdekode '999'" in parsed.errors[0].message


def test_area_codes_are_normalised_only_when_unambiguous():
    text = "område;periode;værdi|0730;2024;1|0;2024;2|8900;2024;3|800;2024;4"
    parsed = parse_figures(csv_bytes(text), known_areas=AREAS)

    assert [r.area_code for r in parsed.rows] == ["730", "000", "8900", "0800"]


def test_the_default_areas_are_municipalities_regions_and_the_country():
    parsed = parse_figures(csv_bytes("område;periode;værdi|730;2024;1|082;2024;2|8900;2024;3"))

    assert [r.area_code for r in parsed.rows] == ["730", "082"]
    assert [e.line for e in parsed.errors] == [4]


def test_duplicate_area_and_period_points_to_the_first_line():
    text = "område;periode;værdi|730;2024;1|000;2024;2|730;2024;3"
    parsed = parse_figures(csv_bytes(text), known_areas=AREAS)

    assert messages(parsed) == [
        (4, "periode", "Område 730 har allerede en værdi for 2024 (linje 2).")
    ]
    assert len(parsed.rows) == 2
    assert not parsed.is_valid


@pytest.mark.parametrize(
    ("period", "ok"),
    [
        ("2024", True),
        ("2024K4", True),
        ("2024q1", True),
        ("2024M12", True),
        ("2025QMAT06", True),
        ("2021:2022", True),
        ("2024M13", False),
        ("24", False),
        ("2024-01-01", False),
        ("", False),
    ],
)
def test_periods(period, ok):
    parsed = parse_figures(csv_bytes(f"område;periode;værdi|730;{period};1"), known_areas=AREAS)

    assert (parsed.errors == []) is ok


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("=SUM(A1:A3)", "formel"),
        ("@cmd", "formel"),
        ("<script>alert(1)</script>", "HTML"),
        ("<b>72</b>", "HTML"),
        ("72 kr", "er ikke et tal"),
        ("1,2,3", "er ikke et tal"),
    ],
)
def test_formulas_html_and_text_in_value_cells_are_errors(cell, fragment):
    parsed = parse_figures(csv_bytes(f'område;periode;værdi|730;2024;"{cell}"'), known_areas=AREAS)

    assert parsed.rows == []
    [(line, column, message)] = messages(parsed)
    assert (line, column) == (2, "værdi")
    assert fragment in message


def test_html_in_the_area_column_is_an_error():
    parsed = parse_figures(csv_bytes("område;periode;værdi|<i>730</i>;2024;1"), known_areas=AREAS)

    assert "HTML" in parsed.errors[0].message


@pytest.mark.parametrize("data", [b"", b"   \n\n", "\ufeff".encode()])
def test_an_empty_file(data):
    assert messages(parse_figures(data, known_areas=AREAS)) == [(0, None, "Filen er tom.")]


def test_a_header_without_rows():
    parsed = parse_figures(csv_bytes("område;periode;værdi|"), known_areas=AREAS)

    assert messages(parsed) == [(0, None, "Filen har ingen datarækker.")]


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\x01\x02\x03abc\x04\x05\x06"],
)
def test_binary_junk_is_rejected(data):
    [(line, _, message)] = messages(parse_figures(data, known_areas=AREAS))

    assert line == 0
    assert "ligner ikke" in message


def test_a_legacy_xls_and_a_fake_xlsx_are_rejected():
    xls = parse_figures(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), known_areas=AREAS)
    fake = parse_figures(b"omr;per\n", filename="tal.xlsx", known_areas=AREAS)
    broken_zip = parse_figures(b"PK\x03\x04garbage" * 10, known_areas=AREAS)

    assert ".xls" in xls.errors[0].message
    assert "ikke en gyldig Excel-fil" in fake.errors[0].message
    assert "kunne ikke læses som en Excel-fil" in broken_zip.errors[0].message


def test_a_huge_file_stops_at_the_row_cap():
    lines = ["område;periode;værdi"] + [
        f"730;{1900 + i % 200}M{1 + i % 12:02d};1" for i in range(50)
    ]
    parsed = parse_figures(csv_bytes("|".join(lines)), known_areas=AREAS, max_rows=10)

    assert len(parsed.rows) == 10
    assert messages(parsed)[-1] == (12, None, "Filen har mere end 10 datarækker. Del den op.")


def test_a_file_over_the_byte_cap_is_not_read():
    parsed = parse_figures(b"x" * 101, known_areas=AREAS, max_bytes=100)

    assert "for stor" in parsed.errors[0].message


def test_xlsx_with_numbers_text_and_missing_values():
    data = xlsx_bytes(
        [
            ["område", "periode", "værdi"],
            [730, 2024, 72.1],
            ["000", "2024", "76,4"],
            [751, 2024, None],
            [101, 2024, -1234.5],
            [0, 2023, 1],
        ]
    )
    parsed = parse_figures(data, filename="tal.xlsx", known_areas=AREAS)

    assert parsed.errors == []
    assert parsed.file_format == "xlsx"
    assert [(r.line, r.area_code, r.period, r.value) for r in parsed.rows] == [
        (2, "730", "2024", Decimal("72.1")),
        (3, "000", "2024", Decimal("76.4")),
        (4, "751", "2024", None),
        (5, "101", "2024", Decimal("-1234.5")),
        (6, "000", "2023", Decimal(1)),
    ]


def test_xlsx_formulas_are_kept_as_text_and_rejected_never_evaluated():
    data = xlsx_bytes([["area", "period", "value"], [730, 2024, "=1+1"], [751, 2024, 3]])

    parsed = parse_figures(data, known_areas=AREAS)

    [(line, column, message)] = messages(parsed)
    assert (line, column) == (2, "værdi")
    assert "=1+1" in message
    assert [r.area_code for r in parsed.rows] == ["751"]


def test_xlsx_wrong_headers_duplicates_and_dates():
    from datetime import datetime

    wrong = parse_figures(xlsx_bytes([["a", "b", "c"], [730, 2024, 1]]), known_areas=AREAS)
    rows: list[list[object]] = [
        ["område", "periode", "værdi"],
        [730, 2024, 1],
        [730, 2024, 2],
        [751, datetime(2024, 1, 1), 3],  # noqa: DTZ001 (a spreadsheet cell has no zone)
    ]
    parsed = parse_figures(xlsx_bytes(rows), known_areas=AREAS)

    assert "Forkerte kolonneoverskrifter" in wrong.errors[0].message
    assert [(e.line, e.column) for e in parsed.errors] == [(3, "periode"), (4, "periode")]
    assert "dato" in parsed.errors[1].message


def test_an_empty_xlsx():
    assert messages(parse_figures(xlsx_bytes([]), known_areas=AREAS)) == [
        (0, None, "Filen er tom.")
    ]


@pytest.mark.parametrize(
    ("text", "comma", "point", "proves", "ambiguous"),
    [
        ("72,1", "72.1", None, "comma", False),
        ("72.1", None, "72.1", "point", False),
        ("1.234,5", "1234.5", None, "comma", False),
        ("1,234.5", None, "1234.5", "point", False),
        ("1.234", "1234", "1.234", None, True),
        ("0.123", None, "0.123", "point", False),
        ("5932654", "5932654", "5932654", None, False),
        ("\u22123,5", "-3.5", None, "comma", False),
        ("72,1 %", "72.1", None, "comma", False),
        ("NaN", None, None, None, False),
        ("1e5", None, None, None, False),
    ],
)
def test_number_reading(text, comma, point, proves, ambiguous):
    conventions: tuple[tuple[Convention, str | None], ...] = (("comma", comma), ("point", point))
    for convention, expected in conventions:
        if expected is None:
            with pytest.raises(ValueError, match=r"\w"):
                parse_decimal(text, convention)
        else:
            assert parse_decimal(text, convention) == Decimal(expected)
    assert evidence(text) == proves
    assert is_ambiguous(text) is ambiguous
