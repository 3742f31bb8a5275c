"""Dates and times as Danish minutes write them.

Understood dates: ``27-06-2025``, ``27.06.2025``, ``27/6 2025``, ``27/6-2025``, ``2025-06-27``,
``27. juni 2025``, ``27 jun. 2025``, ``fredag den 27. juni 2025``. Understood times:
``kl. 10:30``, ``kl. 10.30``, ``10.30-13.00``, ``kl. 10:30 - 13:00``.
"""

from __future__ import annotations

import datetime
import re

__all__ = ["find_date", "find_impossible_date", "find_time_range", "is_date_line"]

_MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_NUMERIC_DATE_RE = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\s?(?P<sep>[-./])\s?(?P<m>\d{1,2})(?:\s?[-./]\s?|\s)(?P<y>\d{4})(?!\d)"
)
_ISO_DATE_RE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
_NAMED_DATE_RE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\.?\s+(?P<month>[a-zæøå]{3,9})\.?,?\s+(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"(?P<kl>\bkl\.?\s*)?(?<![\d.:])(?P<h>\d{1,2})[:.](?P<m>\d{2})(?![\d.:]\d)"
    r"(?:\s*(?:-|\u2013|til)\s*(?:kl\.?\s*)?(?P<h2>\d{1,2})[:.](?P<m2>\d{2})(?!\d))?",
    re.IGNORECASE,
)
_BARE_HOUR_RE = re.compile(r"\bkl\.?\s*(?P<h>\d{1,2})(?![\d.:])", re.IGNORECASE)


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


#: A date is looked for in this many characters; a header field longer than that is not one.
MAX_DATE_TEXT = 1000


def find_date(text: str) -> tuple[datetime.date, tuple[int, int]] | None:
    """Return the first valid date in ``text`` and its span, or None."""
    text = text[:MAX_DATE_TEXT]
    found: list[tuple[int, datetime.date, tuple[int, int]]] = []
    for match in _ISO_DATE_RE.finditer(text):
        value = _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
        if value is not None:
            found.append((match.start(), value, match.span()))
            break
    for match in _NUMERIC_DATE_RE.finditer(text):
        value = _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
        if value is not None:
            found.append((match.start(), value, match.span()))
            break
    for match in _NAMED_DATE_RE.finditer(text):
        month = _MONTHS.get(match["month"].lower())
        value = _make_date(int(match["y"]), month, int(match["d"])) if month else None
        if value is not None:
            found.append((match.start(), value, match.span()))
            break
    if not found:
        return None
    _, value, span = min(found, key=lambda entry: entry[0])
    return value, span


def find_impossible_date(text: str) -> str | None:
    """A date as written that does not exist ("31. juni 2025", "29-02-2025"), or None.

    Only when ``text`` holds no valid date: a heading with one good date and a stray
    "30.30.2025" elsewhere is judged by its good date.
    """
    text = text[:MAX_DATE_TEXT]
    if find_date(text) is not None:
        return None
    for pattern in (_ISO_DATE_RE, _NUMERIC_DATE_RE):
        for match in pattern.finditer(text):
            if 1 <= int(match["m"]) <= 12 or int(match["d"]) <= 31:
                return match[0].strip()
    for match in _NAMED_DATE_RE.finditer(text):
        if match["month"].lower() in _MONTHS:
            return match[0].strip()
    return None


_WEEKDAY_WORDS_RE = re.compile(
    r"\b(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|den|d|kl|klokken|"
    r"fra|til|mødet|møde|afholdes|afholdt|start|slut)\b\.?",
    re.IGNORECASE,
)


def is_date_line(text: str) -> bool:
    """A line that is a date (and time) and little else: "Mandag den 24. november 2025
    kl. 19.00". It is the meeting's date in a header, and never an agenda item "24."."""
    if len(text) > 120:
        return False
    found = find_date(text)
    if found is None:
        return False
    start, end = found[1]
    rest = f"{text[:start]} {text[end:]}"
    rest = _TIME_RE.sub(" ", rest)
    rest = _WEEKDAY_WORDS_RE.sub(" ", rest)
    return not re.sub(r"[\W_]+", "", rest)


def find_time_range(text: str) -> tuple[datetime.time | None, datetime.time | None]:
    """Return (start, end) times found in ``text``; a time after "kl." is preferred.

    Dates must be removed from ``text`` first: ``27.06`` would otherwise read as a time.
    """
    candidates: list[tuple[bool, datetime.time, datetime.time | None]] = []
    for match in _TIME_RE.finditer(text):
        start = _make_time(match["h"], match["m"])
        if start is None:
            continue
        end = _make_time(match["h2"], match["m2"]) if match["h2"] else None
        candidates.append((match["kl"] is not None, start, end))
    if not candidates:
        bare = _BARE_HOUR_RE.search(text)
        if bare is not None:
            return _make_time(bare["h"], "00"), None
        return None, None
    preferred = [entry for entry in candidates if entry[0]] or candidates
    _, start, end = preferred[0]
    return start, end


def _make_time(hours: str, minutes: str) -> datetime.time | None:
    h, m = int(hours), int(minutes)
    if h < 24 and m < 60:
        return datetime.time(h, m)
    return None
