from datetime import date

import pytest

from dialogportal.core.workdays import (
    danish_holidays,
    easter_sunday,
    is_meeting_day,
    is_working_day,
    next_meeting_day,
    previous_meeting_day,
    spread_meeting_day,
)


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2000, date(2000, 4, 23)), (2019, date(2019, 4, 21)), (2025, date(2025, 4, 20)),
     (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25))],
)  # fmt: skip
def test_easter_sunday_matches_the_calendar(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_the_2026_holidays_are_the_danish_ones_without_store_bededag() -> None:
    holidays = danish_holidays(2026)
    assert holidays[date(2026, 4, 2)] == "Skærtorsdag"
    assert holidays[date(2026, 5, 14)] == "Kristi himmelfartsdag"
    assert holidays[date(2026, 5, 25)] == "2. pinsedag"
    assert holidays[date(2026, 12, 24)] == "Juleaftensdag"
    assert "Store bededag" not in holidays.values()
    assert "Store bededag" in danish_holidays(2023).values()


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert is_working_day(date(2026, 12, 3))  # a Thursday
    assert not is_working_day(date(2026, 12, 5))  # a Saturday
    assert not is_working_day(date(2026, 4, 3))  # langfredag
    assert not is_working_day(date(2026, 6, 5))  # grundlovsdag


def test_no_meetings_between_christmas_and_new_year() -> None:
    assert is_working_day(date(2026, 12, 29))
    assert not is_meeting_day(date(2026, 12, 29))
    assert next_meeting_day(date(2026, 12, 24)) == date(2027, 1, 4)
    assert previous_meeting_day(date(2026, 12, 27)) == date(2026, 12, 23)
    assert next_meeting_day(date(2026, 12, 3)) == date(2026, 12, 3)


def test_spread_meeting_days_keep_their_weekday_over_christmas() -> None:
    days = [spread_meeting_day(date(2026, 12, day)) for day in range(24, 32)]
    assert all(is_meeting_day(day) for day in days)
    # 24 to 31 December 2026: Thursday to Thursday. The weekend and Monday meet on Monday
    # 4 January, the two Thursdays on 7 January; nothing on a holiday or in the closure.
    assert days == [date(2027, 1, d) for d in (7, 8, 4, 4, 4, 5, 6, 7)]
    assert spread_meeting_day(date(2026, 12, 5)) == date(2026, 12, 7)
    assert spread_meeting_day(date(2026, 12, 3)) == date(2026, 12, 3)
