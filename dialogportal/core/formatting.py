"""Dates, times, numbers and amounts written the way a Danish (or English) reader expects.

The one place that decides how the portal writes "27. juni 2025", "3. dec. 2026", "kl. 19.00"
and "1.200.000 kr.": templates use it through the filters in `core.templatetags.dialogportal`,
PDFs through the same templates, and generated text (council cases, exports, e-mails) by calling
it directly. Month and weekday names are written out here rather than taken from the locale
files, so a page, a PDF and a sentence in an e-mail can never disagree (Django's own Danish
short months have no full stop: "3. dec 2026").

Every function takes the language as `lang` ("da" or "en"); without it, the active language.
Aware datetimes are shown in the municipality's time zone (settings.TIME_ZONE)."""

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.utils import numberformat, timezone, translation

_MONTHS = {
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
# Dansk Sprognævn's abbreviations: a full stop where letters are left out ("maj" has none).
_SHORT_MONTHS = {
    "da": (
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "maj",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "okt.",
        "nov.",
        "dec.",
    ),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_WEEKDAYS = {
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
# (decimal mark, thousands separator)
_SEPARATORS = {"da": (",", "."), "en": (".", ",")}
_MINUS = "\u2212"
_NBSP = "\u00a0"


def _lang(lang: str | None) -> str:
    code = (lang or translation.get_language() or "da")[:2]
    return code if code in _MONTHS else "da"


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value: date | datetime | None, lang: str | None = None) -> str:
    """27. juni 2025 · 27 June 2025."""
    if value is None:
        return ""
    day = _local(value)
    code = _lang(lang)
    month = _MONTHS[code][day.month - 1]
    return f"{day.day}. {month} {day.year}" if code == "da" else f"{day.day} {month} {day.year}"


def short_date(value: date | datetime | None, lang: str | None = None) -> str:
    """3. dec. 2026 · 3 Dec 2026 (for tables and lists)."""
    if value is None:
        return ""
    day = _local(value)
    code = _lang(lang)
    month = _SHORT_MONTHS[code][day.month - 1]
    return f"{day.day}. {month} {day.year}" if code == "da" else f"{day.day} {month} {day.year}"


def weekday_date(value: date | datetime | None, lang: str | None = None) -> str:
    """fredag den 27. juni 2025 · Friday 27 June 2025 (Danish puts "den" before the date)."""
    if value is None:
        return ""
    day = _local(value)
    code = _lang(lang)
    weekday = _WEEKDAYS[code][day.weekday()]
    return (
        f"{weekday} den {long_date(day, code)}"
        if code == "da"
        else f"{weekday} {long_date(day, code)}"
    )


def _hh_mm(value: time | datetime, code: str) -> str:
    moment: time | datetime = value
    if isinstance(value, datetime) and timezone.is_aware(value):
        moment = timezone.localtime(value)
    mark = "." if code == "da" else ":"
    return f"{moment.hour:02d}{mark}{moment.minute:02d}"


def clock(value: time | datetime | None, lang: str | None = None) -> str:
    """kl. 19.00 · 19:00."""
    if value is None:
        return ""
    code = _lang(lang)
    return f"kl. {_hh_mm(value, code)}" if code == "da" else _hh_mm(value, code)


def clock_span(
    start: time | datetime | None, end: time | datetime | None, lang: str | None = None
) -> str:
    """kl. 19.00–21.00 · 19:00–21:00 (just the start when there is no end)."""
    if start is None:
        return ""
    if end is None:
        return clock(start, lang)
    return f"{clock(start, lang)}\u2013{_hh_mm(end, _lang(lang))}"


def date_time(value: datetime | None, lang: str | None = None) -> str:
    """27. juni 2025 kl. 19.00 · 27 June 2025, 19:00."""
    if value is None:
        return ""
    code = _lang(lang)
    separator = " " if code == "da" else ", "
    return f"{long_date(value, code)}{separator}{clock(value, code)}"


def short_date_time(value: datetime | None, lang: str | None = None) -> str:
    """3. dec. 2026 kl. 19.00 · 3 Dec 2026, 19:00 (for tables and logs)."""
    if value is None:
        return ""
    code = _lang(lang)
    separator = " " if code == "da" else ", "
    return f"{short_date(value, code)}{separator}{clock(value, code)}"


def format_number(
    value: Decimal | int | float | None, decimals: int = 0, lang: str | None = None
) -> str:
    """72.1 → "72,1"; 1234567 → "1.234.567" (Danish); the English marks with lang="en".
    A missing value is written "..", as Statistics Denmark does; a minus is a real minus."""
    if value is None:
        return ".."
    decimal_mark, thousands = _SEPARATORS[_lang(lang)]
    number = Decimal(str(value))
    if number.is_finite():
        # Rounded half up, as Statistics Denmark does (Django's numberformat only truncates).
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = numberformat.format(
        number,
        decimal_mark,
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=thousands,
        force_grouping=True,
        use_l10n=False,
    )
    return text.replace("-", _MINUS, 1) if text.startswith("-") else text


def kroner(amount: Decimal | int | float | None, lang: str | None = None) -> str:
    """1.200.000 kr. · DKK 1,200,000 (whole kroner; øre only where the amount has them)."""
    if amount is None:
        return ""
    decimals = 0 if Decimal(str(amount)) == Decimal(int(amount)) else 2
    code = _lang(lang)
    number = format_number(amount, decimals, code)
    return f"{number}{_NBSP}kr." if code == "da" else f"DKK{_NBSP}{number}"
