"""Charts of the feedback pages as one table each: a row per bar with its label, its number and
the bar itself (an SVG rectangle, hidden from screen readers, which read the number). The chart
is its own table, so it is never repeated below itself, and the label column wraps on a phone
instead of being cut off. Presentation attributes only, so the strict CSP holds."""

from collections.abc import Sequence
from dataclasses import dataclass

# The SVG chart (used by the dialog-meeting pages) stays available here.
from dialogportal.analysis.charts import BarChart, bar_chart

__all__ = ["BarChart", "BarRow", "BarTable", "bar_chart", "bar_table"]


@dataclass(frozen=True)
class BarRow:
    label: str
    value: int
    width: int  # the bar's length in per cent of the longest bar (0–100)
    href: str = ""


@dataclass(frozen=True)
class BarTable:
    chart_id: str
    title: str
    description: str
    rows: tuple[BarRow, ...]
    total: int
    rest_count: int  # how many rows were folded into the last ("others") row

    @property
    def is_empty(self) -> bool:
        return not self.rows


def bar_table(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, int] | tuple[str, int, str]],
    max_rows: int = 0,
    rest_label: str = "",
) -> BarTable:
    """Rows (label, count[, link]) sorted by count, largest first (ties by label); beyond
    `max_rows` the rest is one row labelled `rest_label`. Rows with nothing are left out."""
    given = [(row[0], row[1], row[2] if len(row) > 2 else "") for row in rows if row[1]]
    given.sort(key=lambda row: (-row[1], row[0].casefold()))
    rest_count = 0
    biggest = max((row[1] for row in given), default=0)
    drawn = [
        BarRow(label=label, value=value, width=max(1, round(100 * value / biggest)), href=href)
        for label, value, href in given
    ]
    if max_rows and len(given) > max_rows:
        rest = given[max_rows - 1 :]
        rest_count = len(rest)
        # The rest is a sum of many rows: its number is given, but no bar that would dwarf
        # the rows it is compared with.
        drawn = [
            *drawn[: max_rows - 1],
            BarRow(label=rest_label, value=sum(row[1] for row in rest), width=0),
        ]
    return BarTable(
        chart_id=chart_id,
        title=title,
        description=description,
        rows=tuple(drawn),
        total=sum(row[1] for row in rows),
        rest_count=rest_count,
    )
