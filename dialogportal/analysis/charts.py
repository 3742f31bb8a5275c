"""Server-rendered horizontal bar charts: geometry here, drawing in
`templates/includes/bar_chart.html` (SVG with presentation attributes only, so the strict CSP
holds). Every bar carries its label and its number as text: colour never carries meaning alone."""

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
