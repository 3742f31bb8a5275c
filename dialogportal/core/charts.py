"""Server-rendered bar charts, used by every app that draws one (analysis results, "Det har vi
hørt", the feedback report per source, dialog meetings):

- `bar_chart`: an SVG chart, geometry here, drawing in `templates/includes/bar_chart.html`.
  Every bar carries its label and its number as text: colour never carries meaning alone.
- `bar_table`: a chart as one table, drawn by `templates/includes/bar_table.html`: a row per bar
  with its label, its number and the bar itself (an SVG rectangle, hidden from screen readers,
  which read the number). The chart is its own table, so it is never repeated below itself, and
  the label column wraps on a phone instead of being cut off.

Presentation attributes only, so the strict CSP holds."""

from collections.abc import Sequence
from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 190
PLOT_WIDTH = 330
VALUE_WIDTH = 60
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    rows: tuple[tuple[str, int], ...]  # every row, for the table beside the chart
    width: int
    height: int
    label_x: int
    bar_x: int
    total: int

    @property
    def is_empty(self) -> bool:
        return not self.rows


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, int]],
    max_bars: int = 15,
    rest_label: str = "",
) -> BarChart:
    """A chart of `rows` (label, count) as given; beyond `max_bars` the rest is one bar
    labelled `rest_label`. The table keeps every row."""
    drawn = list(rows)
    if len(drawn) > max_bars:
        rest = sum(value for _label, value in drawn[max_bars - 1 :])
        drawn = [*drawn[: max_bars - 1], (rest_label, rest)]
    biggest = max((value for _label, value in drawn), default=0)
    bars = []
    for index, (label, value) in enumerate(drawn):
        y = TOP + index * (BAR_HEIGHT + GAP)
        width = round(PLOT_WIDTH * value / biggest) if biggest else 0
        bars.append(
            Bar(
                label=label if len(label) <= 28 else label[:27] + "…",
                value=value,
                y=y,
                width=max(width, 1 if value else 0),
                text_y=y + BAR_HEIGHT // 2 + 5,
                value_x=LABEL_WIDTH + max(width, 1) + 6,
            )
        )
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + GAP)
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        bars=tuple(bars),
        rows=tuple(rows),
        width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        height=height,
        label_x=LABEL_WIDTH - 8,
        bar_x=LABEL_WIDTH,
        total=sum(value for _label, value in rows),
    )


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
