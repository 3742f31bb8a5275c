"""Units and periods of key figures for readers; numbers themselves through core.formatting."""

import re
from decimal import Decimal

from dialogportal.core.formatting import format_number

__all__ = ["format_number", "format_value", "period_label", "unit_suffix"]

_QUARTER = re.compile(r"(\d{4})K([1-4])")
_MONTH = re.compile(r"(\d{4})M(\d{2})")
_SPAN = re.compile(r"(\d{4})[:-](\d{4})")


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
