"""Read models for pages and the API: each indicator as a figure (sentence, chart, table),
cached under the indicator's data version so a refresh invalidates it by itself."""

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dialogportal.indicators.areas import POSTCODES, area_name
from dialogportal.indicators.charts import (
    COUNTRY_STYLE,
    MUNICIPALITY_STYLE,
    PEERS_STYLE,
    ChartSeries,
    line_chart,
)
from dialogportal.indicators.formatting import format_number, format_value, period_label
from dialogportal.indicators.models import ComparisonSet, Indicator, Observation
from dialogportal.processes.models import FocusArea, Process

CACHE_SECONDS = 7 * 24 * 3600
_CACHE_PREFIX = "indicators:figure:v1"


@dataclass(frozen=True)
class SeriesData:
    """An indicator's values per area and period, restricted to what the page shows."""

    periods: tuple[str, ...]
    values: dict[str, dict[str, Decimal | None]]  # area code → period → value


@dataclass(frozen=True)
class FigureView:
    """Everything a page shows for one key figure; plain data, safe to cache."""

    indicator_id: int
    slug: str
    name: str
    unit: str
    description: str
    citation: str
    source_url: str
    provenance: str
    is_demo: bool
    direction: str  # "Højere er bedre" / "Lavere er bedre" / ""
    dom_id: str
    has_data: bool
    latest_period: str
    sentence: str  # "Randers 72,1 % mod 76,4 % på landsplan (2024)."
    peer_sentence: str
    svg: str  # markup built and escaped by charts.line_chart
    table_caption: str
    table_columns: tuple[str, ...]
    table_rows: tuple[tuple[str, tuple[str, ...]], ...]


def _average(values: Sequence[Decimal | None]) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) / len(present) if present else None


def _direction(indicator: Indicator) -> str:
    if indicator.is_higher_better is None:
        return ""
    return _("Højere er bedre") if indicator.is_higher_better else _("Lavere er bedre")


def build_figure(
    indicator: Indicator, comparison: ComparisonSet | None, data: SeriesData, lang: str
) -> FigureView:
    """Sentence, chart and table of one indicator (pure: no queries)."""
    periods = data.periods
    labels = [period_label(period, lang) for period in periods]
    if comparison is not None:
        main, country, peers = (
            comparison.municipality_code,
            comparison.country_code,
            list(comparison.peer_codes),
        )
    else:
        codes = sorted(data.values)
        main, country, peers = (codes[0] if codes else ""), "000", codes[1:]
    postcodes = sorted(code for code in data.values if code in POSTCODES)
    if main not in data.values and postcodes:
        # A postcode indicator (income in the town centre): the postcode takes the lead.
        main, peers = postcodes[0], postcodes[1:] + peers
    peers = [code for code in peers if code in data.values]
    main_values = data.values.get(main, {})
    country_values = data.values.get(country, {})

    def value(area: str, period: str) -> Decimal | None:
        return data.values.get(area, {}).get(period)

    def shown(number: Decimal | None) -> str:
        return format_value(number, indicator.decimals, indicator.unit, lang)

    peer_average = {period: _average([value(code, period) for code in peers]) for period in periods}
    latest = next((p for p in reversed(periods) if main_values.get(p) is not None), "")
    name_main = area_name(main)
    sentence = peer_sentence = ""
    if latest:
        latest_label = period_label(latest, lang)
        if country_values.get(latest) is not None:
            sentence = _("%(area)s %(value)s mod %(country)s på landsplan (%(period)s).") % {
                "area": name_main,
                "value": shown(main_values[latest]),
                "country": shown(country_values[latest]),
                "period": latest_label,
            }
        else:
            sentence = _("%(area)s %(value)s (%(period)s).") % {
                "area": name_main,
                "value": shown(main_values[latest]),
                "period": latest_label,
            }
        peer_values = [(code, value(code, latest)) for code in peers]
        present = [(code, v) for code, v in peer_values if v is not None]
        if len(present) == 1:
            peer_sentence = _("Sammenligningskommunen %(area)s: %(value)s.") % {
                "area": area_name(present[0][0]),
                "value": shown(present[0][1]),
            }
        elif present:
            low = min(present, key=lambda item: item[1])
            high = max(present, key=lambda item: item[1])
            peer_sentence = _(
                "Sammenligningskommunerne: %(average)s i gennemsnit, fra %(low)s (%(low_area)s) "
                "til %(high)s (%(high_area)s)."
            ) % {
                "average": shown(peer_average[latest]),
                "low": shown(low[1]),
                "low_area": area_name(low[0]),
                "high": shown(high[1]),
                "high_area": area_name(high[0]),
            }

    series = []
    if main_values:
        series.append(
            ChartSeries(name_main, [main_values.get(p) for p in periods], MUNICIPALITY_STYLE)
        )
    if country_values:
        series.append(
            ChartSeries(_("Hele landet"), [country_values.get(p) for p in periods], COUNTRY_STYLE)
        )
    if peers:
        series.append(
            ChartSeries(
                _("Gns. af sammenligningskommuner"),
                [peer_average[p] for p in periods],
                PEERS_STYLE,
            )
        )
    dom_id = f"noegletal-{indicator.slug}"
    if periods:
        description = _(
            "%(name)s fra %(first)s til %(last)s for %(areas)s. %(sentence)s Tallene står i "
            "tabellen under grafen."
        ) % {
            "name": indicator.name,
            "first": labels[0],
            "last": labels[-1],
            "areas": ", ".join(s.label for s in series),
            "sentence": sentence,
        }
    else:
        description = _("Der er endnu ingen tal for dette nøgletal.")
    svg = line_chart(
        dom_id=dom_id,
        title=f"{indicator.name} ({indicator.unit})",
        description=description,
        period_labels=labels,
        series=series,
        decimals=indicator.decimals,
        axis_label=indicator.unit,
        lang=lang,
    )
    columns = [main, country, *peers] if main_values else [country, *peers]
    columns = [code for code in columns if code in data.values]
    header = [area_name(code) for code in columns]
    if peers:
        header.append(_("Gns. af sammenligningskommuner"))
    rows = []
    for period, label in zip(periods, labels, strict=True):
        cells = [format_number(value(code, period), indicator.decimals, lang) for code in columns]
        if peers:
            cells.append(format_number(peer_average[period], indicator.decimals, lang))
        rows.append((label, tuple(cells)))
    return FigureView(
        indicator_id=indicator.pk,
        slug=indicator.slug,
        name=indicator.name,
        unit=indicator.unit,
        description=indicator.description,
        citation=indicator.citation,
        source_url=indicator.source_url,
        provenance=indicator.provenance,
        is_demo=indicator.is_demo,
        direction=_direction(indicator),
        dom_id=dom_id,
        has_data=bool(periods),
        latest_period=period_label(latest, lang) if latest else "",
        sentence=sentence,
        peer_sentence=peer_sentence,
        svg=svg,
        table_caption=_("%(name)s (%(unit)s) efter område og periode")
        % {
            "name": indicator.name,
            "unit": indicator.unit,
        },
        table_columns=tuple(header),
        table_rows=tuple(rows),
    )


def _cache_key(indicator: Indicator, comparison: ComparisonSet | None, lang: str) -> str:
    # The data version changes with every stored change; the rest covers edits of the text.
    described = "|".join(
        str(part)
        for part in (
            indicator.name,
            indicator.unit,
            indicator.description,
            indicator.decimals,
            indicator.is_higher_better,
            indicator.citation,
            indicator.provenance,
            indicator.is_demo,
            indicator.slug,
            comparison.area_codes if comparison else "",
        )
    )
    digest = hashlib.sha256(described.encode()).hexdigest()[:16]
    return f"{_CACHE_PREFIX}:{indicator.pk}:{indicator.data_version}:{lang}:{digest}"


def series_data(
    indicators: Sequence[Indicator], comparison: ComparisonSet | None
) -> dict[int, SeriesData]:
    """Observations of several indicators in one query, limited to the comparison set."""
    observations = Observation.objects.filter(indicator__in=indicators)
    if comparison is not None:
        # The comparison set, and postcodes (a postcode indicator has no municipality rows).
        observations = observations.filter(
            Q(area_code__in=comparison.area_codes) | Q(area_code__regex=r"^[0-9]{4}$")
        )
    values: dict[int, dict[str, dict[str, Decimal | None]]] = defaultdict(lambda: defaultdict(dict))
    periods: dict[int, set[str]] = defaultdict(set)
    for indicator_id, area, period, number in observations.values_list(
        "indicator_id", "area_code", "period", "value"
    ):
        values[indicator_id][area][period] = number
        periods[indicator_id].add(period)
    return {
        indicator.pk: SeriesData(
            periods=tuple(sorted(periods[indicator.pk])),
            values={area: dict(by_period) for area, by_period in values[indicator.pk].items()},
        )
        for indicator in indicators
    }


def figures_for_indicators(process: Process, indicators: Sequence[Indicator]) -> list[FigureView]:
    """Figures in the given order; cached ones cost one cache round trip for all."""
    if not indicators:
        return []
    comparison = ComparisonSet.objects.filter(process=process).first()
    lang = get_language() or "da"
    keys = {indicator.pk: _cache_key(indicator, comparison, lang) for indicator in indicators}
    found: dict[str, FigureView] = cache.get_many(list(keys.values()))
    missing = [indicator for indicator in indicators if keys[indicator.pk] not in found]
    if missing:
        data = series_data(missing, comparison)
        built = {
            keys[indicator.pk]: build_figure(indicator, comparison, data[indicator.pk], lang)
            for indicator in missing
        }
        cache.set_many(built, CACHE_SECONDS)
        found.update(built)
    return [found[keys[indicator.pk]] for indicator in indicators]


@dataclass(frozen=True)
class RenderedFigure:
    """A figure's finished HTML (chart, sentence, table, source), cached like the figure."""

    dom_id: str
    name: str
    html: str


def rendered_figures(
    process: Process, indicators: Sequence[Indicator], *, heading_level: int = 3
) -> list[RenderedFigure]:
    """The HTML of each figure; between refreshes a page costs one cache round trip."""
    if not indicators:
        return []
    comparison = ComparisonSet.objects.filter(process=process).first()
    lang = get_language() or "da"
    keys = {
        indicator.pk: f"{_cache_key(indicator, comparison, lang)}:html:h{heading_level}"
        for indicator in indicators
    }
    found: dict[str, RenderedFigure] = cache.get_many(list(keys.values()))
    missing = [indicator for indicator in indicators if keys[indicator.pk] not in found]
    if missing:
        built = {}
        for indicator, figure in zip(
            missing, figures_for_indicators(process, missing), strict=True
        ):
            html = render_to_string(
                "indicators/_figure.html",
                {"figure": figure, "level": heading_level, "process_slug": process.slug},
            )
            built[keys[indicator.pk]] = RenderedFigure(figure.dom_id, figure.name, html)
        cache.set_many(built, CACHE_SECONDS)
        found.update(built)
    return [found[keys[indicator.pk]] for indicator in indicators]


def focus_area_figures_context(area: FocusArea) -> dict[str, object]:
    """Context for `indicators/_focus_area_figures.html` on a focus area's page."""
    indicators = list(area.indicators.order_by("order", "name"))
    return {
        "rendered_figures": rendered_figures(area.process, indicators, heading_level=3),
        "process_slug": area.process.slug,
    }


def figures_for_focus_area(area: FocusArea) -> list[FigureView]:
    """The key figures shown on a focus area's page, in the indicators' order."""
    indicators = list(area.indicators.order_by("order", "name"))
    return figures_for_indicators(area.process, indicators)


def figures_for_process(process: Process) -> list[FigureView]:
    indicators = list(process.indicators.order_by("order", "name"))
    return figures_for_indicators(process, indicators)
