"""Dataclasses the StatBank client returns: a table's description and its data rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

# DST municipality codes are 101-860; "000" is the whole country.
_MUNICIPALITY_CODE = re.compile(r"[1-8]\d\d")
_TOTAL_CODES = ("TOT", "IALT", "I ALT", "MOK", "TOTAL")


@dataclass(frozen=True)
class Value:
    id: str
    text: str


@dataclass(frozen=True)
class Variable:
    """One dimension of a table. `elimination`: it may be left out in non-streaming formats."""

    id: str
    text: str
    values: tuple[Value, ...]
    elimination: bool = False
    is_time: bool = False
    map: str | None = None

    @property
    def value_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.values)

    def find_value(self, code: str) -> Value | None:
        """The value with this code; codes are matched case-insensitively ("2010k2")."""
        wanted = code.strip().casefold()
        return next((v for v in self.values if v.id.casefold() == wanted), None)

    def total_value(self) -> Value | None:
        """The "all" value (TOT, IALT, a text starting "I alt"), if the variable has one."""
        for code in _TOTAL_CODES:
            if (found := self.find_value(code)) is not None:
                return found
        for value in self.values:
            text = value.text.casefold()
            if text.startswith(("i alt", "total", "all ")) or text.endswith(" i alt"):
                return value
        return None

    @property
    def looks_like_area(self) -> bool:
        """Geographic: DST tags it with a map, or its codes are municipality codes."""
        if self.map:
            return True
        codes = self.value_ids
        hits = sum(1 for code in codes if _MUNICIPALITY_CODE.fullmatch(code))
        return hits >= 3 and 2 * hits >= len(codes)


@dataclass(frozen=True)
class TableInfo:
    """What /tableinfo says about a table; `updated` is the source vintage to store."""

    id: str
    text: str
    unit: str
    updated: datetime | None
    updated_raw: str
    variables: tuple[Variable, ...]
    suppressed_data_value: str | None = None
    description: str = ""
    is_active: bool = True

    @property
    def variable_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.variables)

    def find_variable(self, code: str) -> Variable | None:
        """The variable with this id; ids are matched case-insensitively ("tid", "OMRÅDE")."""
        wanted = code.strip().casefold()
        return next((v for v in self.variables if v.id.casefold() == wanted), None)

    @property
    def time_variable(self) -> Variable | None:
        return next((v for v in self.variables if v.is_time), None)

    @property
    def area_variable(self) -> Variable | None:
        """The geographic variable (OMRÅDE, ADMKOM, BOPKOM, ...), detected, not assumed."""
        return next((v for v in self.variables if not v.is_time and v.looks_like_area), None)


@dataclass(frozen=True)
class Row:
    """One data row: a code per non-time variable, the period code and the value.

    `value` is None when StatBank shows a missing value ("..").
    """

    codes: dict[str, str]
    period: str
    value: Decimal | None
