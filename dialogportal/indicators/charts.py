"""Line charts as SVG, rendered on the server: readable without JavaScript, and allowed by a
strict CSP (presentation attributes only, no style="" and no scripts).

Every series is told apart three ways – colour, line dash and marker shape – and every colour
has at least 3:1 contrast against white (WCAG 1.4.11), so colour never carries meaning alone.
The chart names itself through <title>/<desc> and aria-labelledby; the page puts a data table
beside it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import floor, log10

from django.utils.html import escape

from dialogportal.indicators.formatting import format_number

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 28, 34, 44
TEXT_COLOUR = "#1a1a1a"
AXIS_COLOUR = "#595959"
GRID_COLOUR = "#d6d6d6"  # decorative only: the tick labels carry the values
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dasharray: str  # "" = solid
    marker: str  # circle | square | triangle | diamond
    width: float


# Contrast against white: #0059b3 6.9:1, #333333 12.6:1, #a34400 6.0:1, #6b3fa0 7.4:1.
MUNICIPALITY_STYLE = SeriesStyle("#0059b3", "", "circle", 3.5)
COUNTRY_STYLE = SeriesStyle("#333333", "9 5", "square", 2.5)
PEERS_STYLE = SeriesStyle("#a34400", "2 5", "triangle", 2.5)
EXTRA_STYLE = SeriesStyle("#6b3fa0", "12 4 2 4", "diamond", 2.0)
STYLES = (MUNICIPALITY_STYLE, COUNTRY_STYLE, PEERS_STYLE, EXTRA_STYLE)


@dataclass(frozen=True)
class ChartSeries:
    label: str
    values: Sequence[Decimal | None]  # one per period; None leaves a gap
    style: SeriesStyle


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten apart)."""
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** floor(log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "triangle":
        points = f"{x:.1f},{y - 5.5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "diamond":
        points = (
            f"{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y:.1f} "
            f"{x:.1f},{y + 5.5:.1f} {x - 5.5:.1f},{y:.1f}"
        )
        return f'<polygon points="{points}" fill="{colour}"/>'
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}" '
        'stroke="#ffffff" stroke-width="1"/>'
    )


def _segments(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    segments: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append(point)
    return [segment for segment in segments if segment]


def line_chart(
    *,
    dom_id: str,
    title: str,
    description: str,
    period_labels: Sequence[str],
    series: Sequence[ChartSeries],
    decimals: int,
    axis_label: str = "",
    lang: str = "da",
) -> str:
    """An accessible SVG line chart; all text is escaped here."""
    values = [float(v) for s in series for v in s.values if v is not None]
    legend_rows = (len(series) + 1) // 2
    height = HEIGHT + 22 * legend_rows
    plot_bottom = HEIGHT - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{dom_id}-title {dom_id}-desc" focusable="false" '
        f'font-family="{FONT}" font-size="13" class="indicator-chart">',
        f'<title id="{dom_id}-title">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(description)}</desc>',
    ]
    if not values or not period_labels:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="{TEXT_COLOUR}">'
            f"{escape(description)}</text></svg>"
        )
        return "".join(parts)

    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    span = (high - low) or 1.0
    plot_width = WIDTH - LEFT - RIGHT
    step_x = plot_width / max(len(period_labels) - 1, 1)

    def x_at(index: int) -> float:
        if len(period_labels) == 1:
            return LEFT + plot_width / 2
        return LEFT + index * step_x

    def y_at(value: float) -> float:
        return TOP + (high - value) / span * (plot_bottom - TOP)

    tick_decimals = max(
        0, min(decimals, -floor(log10(ticks[1] - ticks[0])) if len(ticks) > 1 else 0)
    )
    parts.append('<g aria-hidden="true">')
    for tick in ticks:
        y = y_at(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        label = format_number(Decimal(str(tick)), tick_decimals, lang)
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{escape(label)}</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{plot_bottom}" y2="{plot_bottom}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1.5"/>'
    )
    if axis_label:
        parts.append(
            f'<text x="{LEFT - 8}" y="{TOP - 18}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}" font-size="12">{escape(axis_label)}</text>'
        )
    every = max(1, -(-len(period_labels) // 10))  # at most ~10 period labels
    for index, label in enumerate(period_labels):
        if index % every and index != len(period_labels) - 1:
            continue
        x = x_at(index)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{plot_bottom}" y2="{plot_bottom + 5}" '
            f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{plot_bottom + 20}" text-anchor="middle" fill="{TEXT_COLOUR}">'
            f"{escape(label)}</text>"
        )
    for line in series:
        style = line.style
        points = [
            None if value is None else (x_at(index), y_at(float(value)))
            for index, value in enumerate(line.values)
        ]
        dash = f' stroke-dasharray="{style.dasharray}"' if style.dasharray else ""
        for segment in _segments(points):
            coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            parts.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{style.colour}" '
                f'stroke-width="{style.width}" stroke-linejoin="round" '
                f'stroke-linecap="round"{dash}/>'
            )
        for point in points:
            if point is not None:
                parts.append(_marker(style.marker, point[0], point[1], style.colour))
    # Legend: a sample of each line with its marker, two per row.
    for index, line in enumerate(series):
        style = line.style
        column, row = index % 2, index // 2
        x = LEFT + column * (plot_width / 2)
        y = HEIGHT + row * 22 - 4
        dash = f' stroke-dasharray="{style.dasharray}"' if style.dasharray else ""
        parts.append(
            f'<line x1="{x:.1f}" x2="{x + 36:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{style.colour}" stroke-width="{style.width}" stroke-linecap="round"{dash}/>'
        )
        parts.append(_marker(style.marker, x + 18, y, style.colour))
        parts.append(
            f'<text x="{x + 44:.1f}" y="{y + 4:.1f}" fill="{TEXT_COLOUR}">'
            f"{escape(line.label)}</text>"
        )
    parts.append("</g></svg>")
    return "".join(parts)
