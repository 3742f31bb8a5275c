"""How an indicator is declared (`IndicatorSpec`) and how to fetch one from StatBank.

The municipality's own catalogue of indicators is data of the indicators app
(`dialogportal.indicators.catalogue`); this module knows no particular indicator.
Each StatBank-backed spec is one exact selection: the table, the area variable, one value
for every other variable (summing over measure selectors such as ENHED would double-count).
Table ids come from the project's research notes (shared/reference/statistics-sources.md);
`confidence` is the notes' own grade and `is_verified` stays False until the variable and
value codes have been checked against a live /tableinfo. The fetch resolves everything
through tableinfo, so a wrong guess fails with a clear SelectionError naming what exists.
Indicators that have no open StatBank table are declared as manual uploads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from dialogportal.statbank.areas import COUNTRY
from dialogportal.statbank.errors import (
    MissingVariableError,
    ResponseFormatError,
    SelectionError,
    UnknownValueError,
    UnknownVariableError,
)
from dialogportal.statbank.types import TableInfo, Variable

if TYPE_CHECKING:  # the client (httpx) is passed in by whoever fetches
    from dialogportal.statbank.client import StatBankClient

SourceKind = Literal["dst_statbank", "manual_upload"]
Confidence = Literal["H", "M", "L"]

# In a Pick: "use this variable's total value (TOT, IALT, 'I alt'), whatever its code is".
TOTAL = "<total>"


@dataclass(frozen=True)
class Pick:
    """The one value an indicator takes from a variable.

    `aliases` are other ids the variable has been seen under (third-party docs disagree).
    """

    variable: str
    value: str
    aliases: tuple[str, ...] = ()

    def find(self, info: TableInfo) -> Variable | None:
        for name in (self.variable, *self.aliases):
            if (found := info.find_variable(name)) is not None:
                return found
        return None


@dataclass(frozen=True)
class IndicatorSpec:
    """One white-paper indicator: what it means and where its numbers come from."""

    key: str
    name: str  # Danish, shown to readers
    unit: str
    description: str
    is_higher_better: bool | None  # None: no direction is "good" by itself
    source: SourceKind
    confidence: Confidence
    provenance: str  # where the definition comes from and what is uncertain
    table_id: str | None = None
    area_variable: str | None = None  # None: detect the geographic variable from tableinfo
    picks: tuple[Pick, ...] = ()
    fill_totals: bool = False  # variables not picked take their total value
    country_code: str = COUNTRY  # the table's own code for the whole country
    is_verified: bool = False
    frequency: str = "annual"

    def __post_init__(self) -> None:
        if self.source == "dst_statbank" and not self.table_id:
            raise ValueError(f"indicator {self.key}: a StatBank indicator needs a table_id")

    @property
    def is_fetchable(self) -> bool:
        return self.source == "dst_statbank"

    @property
    def citation(self) -> str:
        if self.table_id and self.source == "dst_statbank":
            return f"Kilde: Danmarks Statistik, statistikbanken.dk/{self.table_id}"
        return ""


@dataclass(frozen=True)
class Observation:
    area_code: str  # "730" Randers, "000" the country, or a postcode
    period: str  # the source's period code: "2024", "2024K1", "2024M01"
    value: Decimal | None


@dataclass(frozen=True)
class FetchResult:
    """What one refresh brings home; `source_version` is tableinfo's `updated` as sent."""

    indicator_key: str
    table_id: str
    observations: tuple[Observation, ...]
    source_version: str
    source_updated: datetime | None
    row_count: int
    missing_areas: tuple[str, ...] = field(default=())  # asked for, but not in the table


def fetch_indicator(
    client: StatBankClient,
    spec: IndicatorSpec,
    area_codes: Sequence[str],
    periods: Sequence[str] | None = None,
    *,
    lang: str = "da",
) -> FetchResult:
    """Observations of `spec` for the areas ("000" = the country) and periods (None: all).

    Areas a table does not have (small municipalities merged in HISBK) are reported in
    `missing_areas` rather than failing the whole refresh; periods may be codes or DST
    expressions such as "(-n+10)". Raises StatBankError subclasses; never returns partly.
    """
    if not spec.is_fetchable or spec.table_id is None:
        raise ValueError(f"indicator {spec.key} is not fetched from StatBank ({spec.source})")
    if not area_codes:
        raise ValueError("no area codes given")
    info = client.tableinfo(spec.table_id, lang)
    area_variable = _area_variable(info, spec)
    time_variable = info.time_variable
    if time_variable is None:
        raise ResponseFormatError(f"Table {info.id}: tableinfo marks no time variable")

    to_table = {COUNTRY: spec.country_code}
    from_table = {spec.country_code: COUNTRY}
    wanted = list(dict.fromkeys(to_table.get(code, code) for code in area_codes))
    present = [code for code in wanted if area_variable.find_value(code) is not None]
    missing = tuple(from_table.get(code, code) for code in wanted if code not in present)
    if not present:
        raise UnknownValueError(
            table_id=info.id,
            variable=area_variable.id,
            values=wanted,
            available=area_variable.value_ids,
        )

    selection: dict[str, list[str]] = {
        area_variable.id: present,
        time_variable.id: list(periods) if periods else ["*"],
    }
    selection.update(_picked_values(info, spec, skip={area_variable.id, time_variable.id}))
    rows = client.fetch(info.id, selection, lang)

    observations: dict[tuple[str, str], Observation] = {}
    for row in rows:
        area = from_table.get(row.codes[area_variable.id], row.codes[area_variable.id])
        key = (area, row.period)
        if key in observations:
            raise SelectionError(
                f"Table {info.id}: more than one value for area {area}, period {row.period}; "
                f"indicator {spec.key} does not select one value per variable"
            )
        observations[key] = Observation(area_code=area, period=row.period, value=row.value)
    return FetchResult(
        indicator_key=spec.key,
        table_id=info.id,
        observations=tuple(observations[key] for key in sorted(observations)),
        source_version=info.updated_raw,
        source_updated=info.updated,
        row_count=len(rows),
        missing_areas=missing,
    )


def _area_variable(info: TableInfo, spec: IndicatorSpec) -> Variable:
    if spec.area_variable is not None:
        variable = info.find_variable(spec.area_variable)
        if variable is None:
            raise UnknownVariableError(
                table_id=info.id, variable=spec.area_variable, available=info.variable_ids
            )
        return variable
    variable = info.area_variable
    if variable is None:
        raise SelectionError(
            f"Table {info.id}: no geographic variable found among {', '.join(info.variable_ids)}"
        )
    return variable


def _picked_values(info: TableInfo, spec: IndicatorSpec, *, skip: set[str]) -> dict[str, list[str]]:
    chosen: dict[str, list[str]] = {}
    for pick in spec.picks:
        variable = pick.find(info)
        if variable is None:
            raise UnknownVariableError(
                table_id=info.id, variable=pick.variable, available=info.variable_ids
            )
        chosen[variable.id] = [_value_code(info, variable, pick.value)]
    unpicked = [v for v in info.variables if v.id not in chosen and v.id not in skip]
    if unpicked and not spec.fill_totals:
        raise MissingVariableError(table_id=info.id, missing=[v.id for v in unpicked])
    for variable in unpicked:
        chosen[variable.id] = [_value_code(info, variable, TOTAL)]
    return chosen


def _value_code(info: TableInfo, variable: Variable, value: str) -> str:
    if value != TOTAL:
        return value  # checked against tableinfo by the client
    total = variable.total_value()
    if total is None:
        raise UnknownValueError(
            table_id=info.id,
            variable=variable.id,
            values=["(a total value: TOT, IALT or 'I alt')"],
            available=variable.value_ids,
        )
    return total.id
