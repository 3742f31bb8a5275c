from __future__ import annotations

import datetime

import pytest

from dialogportal.minutes.dates import find_date, find_time_range

JUNE_27 = datetime.date(2025, 6, 27)


@pytest.mark.parametrize(
    "text",
    [
        "27-06-2025",
        "27.06.2025",
        "27/6 2025",
        "27/6-2025",
        "2025-06-27",
        "27. juni 2025",
        "27 jun. 2025",
        "Fredag d. 27. juni 2025 kl. 10:30",
        "fredag den 27. juni 2025",
        "REFERAT MED Hovedudvalg d. 27-06-2025",
    ],
)
def test_dates(text: str) -> None:
    found = find_date(text)
    assert found is not None
    assert found[0] == JUNE_27


@pytest.mark.parametrize("text", ["", "kl. 10:30", "32-06-2025", "27. juno 2025", "2025"])
def test_no_date(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("kl. 10:30", datetime.time(10, 30), None),
        ("kl. 10.30", datetime.time(10, 30), None),
        ("10.30-13.00", datetime.time(10, 30), datetime.time(13, 0)),
        ("kl. 10:30 \u2013 13:00", datetime.time(10, 30), datetime.time(13, 0)),
        ("Fredag kl. 9", datetime.time(9, 0), None),
        ("lokale 1.14 kl. 16.00", datetime.time(16, 0), None),
        ("ingen tid", None, None),
        ("kl. 25:00", None, None),
    ],
)
def test_times(text: str, start: datetime.time | None, end: datetime.time | None) -> None:
    assert find_time_range(text) == (start, end)
