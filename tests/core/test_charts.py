"""Bar chart geometry, without a database."""

import pytest

from dialogportal.core.charts import PLOT_WIDTH, bar_chart


@pytest.mark.parametrize(
    ("rows", "bars", "widths"),
    [
        ([], 0, []),
        ([("Web", 0)], 1, [0]),
        ([("Web", 4), ("Postkort", 2)], 2, [PLOT_WIDTH, PLOT_WIDTH // 2]),
        ([("a", 1)] * 20, 15, None),
        ([("Et meget langt navn på en kanal der ikke kan være der", 3)], 1, [PLOT_WIDTH]),
    ],
)
def test_bar_chart_geometry(rows: list[tuple[str, int]], bars: int, widths: list[int] | None):
    chart = bar_chart(chart_id="c", title="T", description="D", rows=rows, rest_label="Øvrige")
    assert len(chart.bars) == bars
    assert chart.rows == tuple(rows)  # the table keeps every row
    assert chart.total == sum(v for _l, v in rows)
    assert chart.is_empty == (not rows)
    if widths is not None:
        assert [b.width for b in chart.bars] == widths
    for bar in chart.bars:
        assert len(bar.label) <= 28
        assert 0 <= bar.width <= PLOT_WIDTH
        assert bar.y + 22 <= chart.height


def test_bars_beyond_the_limit_are_summed_into_one() -> None:
    rows = [(str(i), 1) for i in range(20)]
    chart = bar_chart(chart_id="c", title="T", description="D", rows=rows, rest_label="Øvrige")
    assert chart.bars[-1].label == "Øvrige"
    assert chart.bars[-1].value == 6
    assert sum(b.value for b in chart.bars) == 20
