from __future__ import annotations

import datetime

import pytest

from dialogportal.minutes.journal import JournalNumber, parse_journal_number

TODAY = datetime.date(2025, 6, 27)


@pytest.mark.parametrize(
    ("raw", "subject", "facet", "serial", "year"),
    [
        ("87.00.00-G01-10-24", "87.00.00", "G01", 10, 2024),
        ("27.00.00-G01-1-24", "27.00.00", "G01", 1, 2024),
        ("00.22.04-P35-123-25", "00.22.04", "P35", 123, 2025),
        ("  05.13.00-P15-7-99 ", "05.13.00", "P15", 7, 1999),
        ("82.02.00-Ø34-14-25", "82.02.00", "Ø34", 14, 2025),
        ("82.02.00-g01-14-25", "82.02.00", "G01", 14, 2025),  # facet in lower case
        ("87.00.00\u2013G01\u201310\u201324", "87.00.00", "G01", 10, 2024),  # en dashes
        ("00.01.00-A00-3-26", "00.01.00", "A00", 3, 1926),  # later than "today": last century
    ],
)
def test_kle_form_is_decoded(raw: str, subject: str, facet: str, serial: int, year: int) -> None:
    parsed = parse_journal_number(raw, today=TODAY)
    assert parsed == JournalNumber(raw.strip(), subject, facet, serial, year)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "24/12345",
        "EMN-2024-00017",
        "87.00.00",
        "87.00.00-G01",
        "87.00.00-G01-10",
        "87.00.00-G01-10-2024",
        "87.0.00-G01-10-24",
        "87.00.00-GG1-10-24",
        "87.00.00-G01--24",
        "Sagsnr. 87.00.00-G01-10-24",
        "87.00.00-G01-10-24 (HMU)",
    ],
)
def test_other_forms_are_not_decoded(raw: str) -> None:
    assert parse_journal_number(raw, today=TODAY) is None


def test_kle_levels() -> None:
    parsed = parse_journal_number("87.09.10-G01-2-25", today=TODAY)
    assert parsed is not None
    assert (parsed.main_group, parsed.group, parsed.subject) == ("87", "87.09", "87.09.10")
