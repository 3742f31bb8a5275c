"""core.formatting: the one way dates, times, numbers and amounts are written (table-driven)."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from dialogportal.core import formatting

SUMMER_EVENING_UTC = datetime(2025, 6, 27, 17, 0, tzinfo=UTC)  # 19.00 in Copenhagen (CEST)
WINTER_MORNING_UTC = datetime(2026, 12, 3, 8, 30, tzinfo=UTC)  # 09.30 in Copenhagen (CET)


@pytest.mark.parametrize(
    ("function", "value", "lang", "expected"),
    [
        (formatting.long_date, date(2025, 6, 27), "da", "27. juni 2025"),
        (formatting.long_date, date(2025, 6, 27), "en", "27 June 2025"),
        (formatting.long_date, date(2026, 5, 1), "da", "1. maj 2026"),
        (formatting.long_date, SUMMER_EVENING_UTC, "da", "27. juni 2025"),
        # 23.30 UTC on 31 December is already New Year's Day in Copenhagen.
        (formatting.long_date, datetime(2025, 12, 31, 23, 30, tzinfo=UTC), "da", "1. januar 2026"),
        (formatting.short_date, date(2026, 12, 3), "da", "3. dec. 2026"),
        (formatting.short_date, date(2026, 5, 3), "da", "3. maj 2026"),
        (formatting.short_date, date(2026, 12, 3), "en", "3 Dec 2026"),
        (formatting.weekday_date, date(2025, 6, 27), "da", "fredag den 27. juni 2025"),
        (formatting.weekday_date, date(2025, 6, 28), "da", "lørdag den 28. juni 2025"),
        (formatting.weekday_date, date(2025, 6, 27), "en", "Friday 27 June 2025"),
        (formatting.clock, time(19, 0), "da", "kl. 19.00"),
        (formatting.clock, time(9, 5), "da", "kl. 09.05"),
        (formatting.clock, time(19, 0), "en", "19:00"),
        (formatting.clock, SUMMER_EVENING_UTC, "da", "kl. 19.00"),
        (formatting.clock, WINTER_MORNING_UTC, "da", "kl. 09.30"),
        (formatting.date_time, SUMMER_EVENING_UTC, "da", "27. juni 2025 kl. 19.00"),
        (formatting.date_time, SUMMER_EVENING_UTC, "en", "27 June 2025, 19:00"),
        (formatting.short_date_time, WINTER_MORNING_UTC, "da", "3. dec. 2026 kl. 09.30"),
        (formatting.kroner, 1_200_000, "da", "1.200.000\u00a0kr."),
        (formatting.kroner, 1_750_000, "en", "DKK\u00a01,750,000"),
        (formatting.kroner, 0, "da", "0\u00a0kr."),
        (formatting.kroner, Decimal("249.5"), "da", "249,50\u00a0kr."),
        (formatting.kroner, -5000, "da", "\u22125.000\u00a0kr."),
    ],
)
def test_formatting_writes_values_as_a_reader_of_the_language_expects(
    function: object, value: object, lang: str, expected: str
) -> None:
    assert function(value, lang) == expected  # type: ignore[operator]


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (Decimal("72.1"), 1, "da", "72,1"),
        (1234567, 0, "da", "1.234.567"),
        (1234567, 0, "en", "1,234,567"),
        (Decimal("-3.25"), 2, "da", "\u22123,25"),
        (None, 1, "da", ".."),
        (0.876, 2, "da", "0,88"),
        (Decimal("0.875"), 2, "da", "0,88"),
        (Decimal("72.15"), 1, "en", "72.2"),
        (Decimal("-0.05"), 1, "da", "\u22120,1"),
    ],
)
def test_format_number_uses_the_marks_of_the_language(
    value: object, decimals: int, lang: str, expected: str
) -> None:
    assert formatting.format_number(value, decimals, lang) == expected  # type: ignore[arg-type]


def test_clock_span_writes_one_kl_and_an_en_dash() -> None:
    assert formatting.clock_span(time(19), time(21, 30), "da") == "kl. 19.00–21.30"
    assert formatting.clock_span(time(19), None, "da") == "kl. 19.00"
    assert formatting.clock_span(None, time(21), "da") == ""


def test_missing_values_are_written_as_nothing() -> None:
    for function in (
        formatting.long_date,
        formatting.short_date,
        formatting.clock,
        formatting.date_time,
        formatting.kroner,
    ):
        assert function(None, "da") == ""


def test_without_a_language_the_active_one_is_used() -> None:
    with translation.override("en"):
        assert formatting.long_date(date(2025, 6, 27)) == "27 June 2025"
    with translation.override("da"):
        assert formatting.long_date(date(2025, 6, 27)) == "27. juni 2025"
    with translation.override("de"):  # a language we do not write: Danish
        assert formatting.long_date(date(2025, 6, 27)) == "27. juni 2025"


def test_template_filters_use_the_module() -> None:
    template = Template(
        "{% load dialogportal %}{{ d|long_date }}|{{ d|short_date }}|{{ t|clock }}|"
        "{{ t|clock_until:end }}|{{ s|clock }}|{{ n|number }}|{{ x|number:1 }}|{{ amount|kroner }}"
    )
    context = Context(
        {
            "d": date(2026, 12, 3),
            "t": time(19),
            "end": "21:00",
            "s": "18:30",
            "n": 1200,
            "x": Decimal("72.15"),
            "amount": 1_200_000,
        }
    )
    with translation.override("da"):
        assert template.render(context) == (
            "3. december 2026|3. dec. 2026|kl. 19.00|kl. 19.00–21.00|kl. 18.30|1.200|72,2|"
            "1.200.000\u00a0kr."
        )


def test_clock_filter_shows_nothing_for_a_time_it_cannot_read() -> None:
    template = Template("{% load dialogportal %}[{{ s|clock }}]")
    assert template.render(Context({"s": "<script>"})) == "[]"
