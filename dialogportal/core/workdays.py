"""Danish working days: the public holidays (computed from Easter, no table to keep up to date)
and the days a municipality holds no meetings. Pure Python, no Django.

Holidays: nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, store bededag (abolished
from 2024), Kristi himmelfartsdag, pinsedag, 2. pinsedag, grundlovsdag (5 June: not a statutory
holiday, but municipal offices close at noon and no one plans a meeting), juleaftensdag,
1. and 2. juledag and nytårsaftensdag. The days between Christmas and New Year are not holidays,
but most municipal workplaces close, so `is_meeting_day` skips them too."""

from datetime import date, timedelta

_LAST_YEAR_WITH_STORE_BEDEDAG = 2023


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


def danish_holidays(year: int) -> dict[date, str]:
    """The year's Danish public holidays (and the closed days around them), by date."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Nytårsdag",
        easter - timedelta(days=3): "Skærtorsdag",
        easter - timedelta(days=2): "Langfredag",
        easter: "Påskedag",
        easter + timedelta(days=1): "2. påskedag",
        easter + timedelta(days=39): "Kristi himmelfartsdag",
        easter + timedelta(days=49): "Pinsedag",
        easter + timedelta(days=50): "2. pinsedag",
        date(year, 6, 5): "Grundlovsdag",
        date(year, 12, 24): "Juleaftensdag",
        date(year, 12, 25): "1. juledag",
        date(year, 12, 26): "2. juledag",
        date(year, 12, 31): "Nytårsaftensdag",
    }
    if year <= _LAST_YEAR_WITH_STORE_BEDEDAG:
        days[easter + timedelta(days=26)] = "Store bededag"
    return days


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Danish holiday."""
    return day.weekday() < 5 and day not in danish_holidays(day.year)


def is_meeting_day(day: date) -> bool:
    """A working day outside the Christmas closure (24 December to 1 January)."""
    christmas_week = (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)
    return is_working_day(day) and not christmas_week


def next_meeting_day(day: date) -> date:
    """`day` itself if a meeting can be held then, otherwise the next day one can."""
    while not is_meeting_day(day):
        day += timedelta(days=1)
    return day


def spread_meeting_day(day: date) -> date:
    """Like `next_meeting_day`, but meetings planned on different days stay on different days:
    a weekend moves to the Monday, a holiday or the Christmas closure to the same weekday a week
    later (a week of Christmas does not pile every meeting onto the first Monday of January)."""
    if day.weekday() >= 5:
        day += timedelta(days=7 - day.weekday())
    while not is_meeting_day(day):
        day += timedelta(weeks=1)
    return day


def previous_meeting_day(day: date) -> date:
    """`day` itself if a meeting can be held then, otherwise the last day before it one can."""
    while not is_meeting_day(day):
        day -= timedelta(days=1)
    return day
