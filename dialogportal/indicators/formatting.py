"""Numbers, units and periods written the way a Danish (or English) reader expects."""

import re
from decimal import Decimal

from django.utils import numberformat

_SEPARATORS = {"da": (",", "."), "en": (".", ",")}
_QUARTER = re.compile(r"(\d{4})K([1-4])")
_MONTH = re.compile(r"(\d{4})M(\d{2})")
_SPAN = re.compile(r"(\d{4})[:-](\d{4})")


def format_number(value: Decimal | None, decimals: int, lang: str = "da") -> str:
    """72.1 → "72,1"; 1234567 → "1.234.567" (Danish); the English marks with lang="en"."""
    if value is None:
        return ".."
    decimal_sep, thousand_sep = _SEPARATORS.get(lang[:2], _SEPARATORS["da"])
    text = numberformat.format(
        value,
        decimal_sep,
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=thousand_sep,
        force_grouping=True,
        use_l10n=False,
    )
    return text.replace("-", "\u2212", 1) if text.startswith("-") else text


def unit_suffix(unit: str) -> str:
    """What follows a number: "pct." → " %", "år" → " år", "antal" → ""."""
    cleaned = unit.strip()
    if cleaned.casefold() in {"pct.", "pct", "procent", "%"}:
        return "\u00a0%"
    if cleaned.casefold() in {"antal", ""}:
        return ""
    return f"\u00a0{cleaned}"


def format_value(value: Decimal | None, decimals: int, unit: str, lang: str = "da") -> str:
    if value is None:
        return ".."
    return format_number(value, decimals, lang) + unit_suffix(unit)


def period_label(period: str, lang: str = "da") -> str:
    """DST period codes for readers: "2024K1" → "2024 1. kvt.", "2021:2022" → "2021–2022"."""
    if match := _SPAN.fullmatch(period):
        return f"{match[1]}\u2013{match[2]}"
    if match := _QUARTER.fullmatch(period):
        return f"{match[1]} {match[2]}. kvt." if lang[:2] == "da" else f"{match[1]} Q{match[2]}"
    if match := _MONTH.fullmatch(period):
        return f"{match[2]}/{match[1]}"
    return period
