"""Reading numbers written the Danish way ("1.234,5") or the English way ("1,234.5").

StatBank writes a decimal comma; files uploaded from elsewhere may use either mark, and
sometimes both in one file. The only truly ambiguous text is a single separator followed by
exactly three digits ("1.234", "1,234"): it is read by the convention the caller picks.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

Convention = Literal["comma", "point"]  # which mark is the decimal mark

# Markers DST and spreadsheet exports use for "no value" ("..": DST's own, since Dec 2017).
_EN_DASH, _EM_DASH, _MINUS = "\u2013", "\u2014", "\u2212"
MISSING_MARKERS = frozenset({"", "..", "...", "-", _EN_DASH, _EM_DASH, ":", "x", "X"})

_SPACES = re.compile(r"[\s\u00a0\u202f']")  # thin/no-break spaces and ' group digits too
_PLAIN = re.compile(r"\d+")
_NUMBER_CHARS = re.compile(r"[\d.,]+")


def is_missing(text: str) -> bool:
    return text.strip() in MISSING_MARKERS


def _grouped(digits: str, sep: str) -> bool:
    return re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(sep) + r"\d{3})+", digits) is not None


def _integer_part_ok(text: str, thousands: str) -> bool:
    return _PLAIN.fullmatch(text) is not None or _grouped(text, thousands)


def parse_decimal(text: str, convention: Convention = "comma") -> Decimal:
    """Parse one number; raise ValueError saying why it is not one.

    Accepts a sign (also the typographic minus), thousands separators that group correctly,
    spaces between digit groups and a trailing percent sign.
    """
    raw = text.strip()
    if raw.endswith("%"):
        raw = raw[:-1].rstrip()
    sign = ""
    if raw[:1] in {"-", _MINUS, "+"}:
        sign = "-" if raw[0] != "+" else ""
        raw = raw[1:].lstrip()
    body = _SPACES.sub("", raw)
    if not body:
        raise ValueError("no digits")
    if _NUMBER_CHARS.fullmatch(body) is None:
        raise ValueError("not a number")
    decimal_mark, thousands = (",", ".") if convention == "comma" else (".", ",")
    if body.count(decimal_mark) > 1:
        raise ValueError(f"more than one decimal mark {decimal_mark!r}")
    integer, _, fraction = body.partition(decimal_mark)
    if decimal_mark in body and not fraction.isdigit():
        raise ValueError("no digits after the decimal mark")
    if not integer and fraction:
        integer = "0"  # ",5" is 0,5
    if not _integer_part_ok(integer, thousands):
        raise ValueError("digits are not grouped in threes around the thousands separator")
    number = integer.replace(thousands, "") + ("." + fraction if fraction else "")
    try:
        return Decimal(sign + number)
    except InvalidOperation as exc:  # pragma: no cover - the checks above leave only digits
        raise ValueError("not a number") from exc


def evidence(text: str) -> Convention | None:
    """Which convention a number text proves, or None if it fits both (or has no separator)."""
    body = _SPACES.sub("", text.strip().lstrip("-+" + _MINUS).rstrip("%"))
    commas, points = body.count(","), body.count(".")
    if commas and points:
        return "comma" if body.rfind(",") > body.rfind(".") else "point"
    if not commas and not points:
        return None
    mark = "," if commas else "."
    as_decimal: Convention = "comma" if mark == "," else "point"
    as_thousands: Convention = "point" if mark == "," else "comma"
    if body.count(mark) > 1:
        return as_thousands
    before, after = body.split(mark)
    if len(after) == 3 and _integer_part_ok(before, mark) and before[:1] not in {"", "0"}:
        return None  # "1.234": a thousands separator or a decimal mark
    return as_decimal


def is_ambiguous(text: str) -> bool:
    """True when the two conventions read the text as different numbers ("1.234")."""
    try:
        return parse_decimal(text, "comma") != parse_decimal(text, "point")
    except ValueError:
        return False
