"""The white-paper page and the focus-area figures: sentence, SVG chart, table and source."""

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import Client

from dialogportal.indicators.demo import DEMO_PROCESS_SLUG
from dialogportal.indicators.models import Indicator, RefreshKind, SourceKind
from dialogportal.indicators.queries import figures_for_focus_area
from dialogportal.indicators.services import create_indicator, store_series
from dialogportal.processes.models import Process
from tests.factories import first_area
from tests.indicators.conftest import load_demo_figures

pytestmark = pytest.mark.django_db


def uploaded(process: Process, slug: str = "beskaeftigelse", **extra: object) -> Indicator:
    indicator = create_indicator(
        process=process,
        slug=slug,
        name=str(extra.pop("name", "Beskæftigelsesfrekvens")),
        unit=str(extra.pop("unit", "pct.")),
        source_kind=SourceKind.UPLOAD,
        source_note="Kilde: Jobindsats.dk",
        is_higher_better=True,
        focus_areas=[first_area(process)],
    )
    store_series(
        indicator=indicator,
        points=[
            ("730", "2023", Decimal("71.8")),
            ("730", "2024", Decimal("72.1")),
            ("000", "2023", Decimal("76.0")),
            ("000", "2024", Decimal("76.4")),
            ("751", "2023", Decimal("74.0")),
            ("751", "2024", Decimal("74.9")),
        ],
        kind=RefreshKind.UPLOAD,
    )
    return indicator


def test_white_paper_page_shows_sentence_chart_table_and_source(
    client: Client, process: Process
) -> None:
    uploaded(process)

    response = client.get("/processer/randers/hvidbog/")

    assert response.status_code == 200
    text = response.text
    assert "Randers 72,1\u00a0% mod 76,4\u00a0% på landsplan (2024)." in text
    assert "Sammenligningskommunen Aarhus: 74,9\u00a0%." in text
    assert "Kilde: Jobindsats.dk" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in text
    assert (
        'role="img" aria-labelledby="noegletal-beskaeftigelse-title noegletal-beskaeftigelse-desc"'
        in text
    )
    assert '<title id="noegletal-beskaeftigelse-title">' in text
    assert "<caption>Beskæftigelsesfrekvens (pct.) efter område og periode</caption>" in text
    assert '<th scope="col" class="indicator-figure__number">Aarhus</th>' in text
    assert "style=" not in text
    assert "<script>" not in text.split("</head>")[1]


def test_focus_area_tag_renders_the_areas_figures_with_a_csv_link(process: Process) -> None:
    uploaded(process)
    uploaded(process, slug="andet", name="Andet tal").focus_areas.clear()
    area = first_area(process)

    html = Template("{% load indicators %}{% focus_area_figures area %}").render(
        Context({"area": area})
    )

    assert '<h2 id="noegletal-overskrift">Nøgletal</h2>' in html
    assert '<h3 id="noegletal-beskaeftigelse-heading">' in html
    assert "Andet tal" not in html
    assert "/api/v1/processes/randers/indicators/beskaeftigelse/series.csv" in html
    assert "/processer/randers/hvidbog/" in html


def test_focus_area_without_indicators_renders_nothing(process: Process) -> None:
    html = Template("{% load indicators %}{% focus_area_figures area %}").render(
        Context({"area": first_area(process)})
    )
    assert html.strip() == ""


def test_figures_are_cached_and_a_new_upload_invalidates_them(
    process: Process, django_assert_num_queries: object
) -> None:
    indicator = uploaded(process)
    area = first_area(process)
    first = figures_for_focus_area(area)
    assert figures_for_focus_area(area) == first
    assert len(cache._cache) >= 1  # type: ignore[attr-defined]

    store_series(
        indicator=indicator, points=[("730", "2024", Decimal("73.0"))], kind=RefreshKind.UPLOAD
    )

    again = figures_for_focus_area(area)
    assert "Randers 73,0\u00a0%" in again[0].sentence


def test_missing_values_and_negative_numbers_are_shown_not_hidden(process: Process) -> None:
    indicator = uploaded(process)
    store_series(
        indicator=indicator,
        points=[("730", "2022", None), ("000", "2022", Decimal("-1234.5"))],
        kind=RefreshKind.UPLOAD,
    )
    figure = figures_for_focus_area(first_area(process))[0]
    assert figure.table_rows[0] == ("2022", ("..", "\u22121.234,5", "..", ".."))


def test_chart_colours_have_at_least_3_to_1_contrast_against_white() -> None:
    from dialogportal.indicators.charts import STYLES

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for style in STYLES:
        assert (1.05) / (luminance(style.colour) + 0.05) >= 3
    # Colour is never the only difference: dash patterns and markers differ too.
    assert len({s.dasharray for s in STYLES}) == len(STYLES)
    assert len({s.marker for s in STYLES}) == len(STYLES)


def test_hostile_indicator_text_is_escaped_in_chart_and_page(
    client: Client, process: Process
) -> None:
    uploaded(process, slug="farlig", name='<script>alert("x")</script> & Ærø')
    response = client.get("/processer/randers/hvidbog/")
    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in response.text
    assert "&lt;script&gt;" in response.text


def test_white_paper_of_unpublished_or_unknown_process_is_404(client: Client) -> None:
    from tests.factories import make_process

    make_process(slug="kladde", is_published=False)
    assert client.get("/processer/kladde/hvidbog/").status_code == 404
    assert client.get("/processer/ukendt/hvidbog/").status_code == 404
    assert client.get("/processer/%27%20OR%201=1--/hvidbog/").status_code == 404


def test_english_white_paper_uses_english_number_format(client: Client, process: Process) -> None:
    uploaded(process)
    response = client.get("/en/processer/randers/hvidbog/")
    assert response.status_code == 200
    assert "72.1\u00a0%" in response.text


def test_every_demo_focus_area_shows_its_key_figures(client: Client) -> None:

    load_demo_figures()
    process = Process.objects.get(slug=DEMO_PROCESS_SLUG)
    for area in process.focus_areas.all():
        figures = figures_for_focus_area(area)
        assert figures, area.slug
        for figure in figures:
            assert figure.is_demo
            assert figure.sentence.startswith("Randers ")
            assert "på landsplan (2024)" in figure.sentence
            assert len(figure.table_rows) == 10
            assert figure.citation.startswith("Demotal")
    response = client.get(f"/processer/{DEMO_PROCESS_SLUG}/hvidbog/")
    assert response.status_code == 200
    assert response.text.count("<svg") == 10
    assert "Randers 72,1\u00a0% mod 76,4\u00a0% på landsplan (2024)." in response.text
    assert re.search(r"Demotal:", response.text)


def test_white_paper_queries_do_not_grow_with_indicators(
    client: Client, process: Process, django_assert_max_num_queries: Any
) -> None:
    for number in range(6):
        uploaded(process, slug=f"tal-{number}", name=f"Tal {number}")
    client.get("/processer/randers/hvidbog/")  # fills the cache
    with django_assert_max_num_queries(6):
        response = client.get("/processer/randers/hvidbog/")
    assert response.text.count("<svg") == 6


def test_demo_figures_load_twice_without_changes() -> None:
    from dialogportal.indicators.models import Observation, RefreshLog

    load_demo_figures()
    counts = (Indicator.objects.count(), Observation.objects.count(), RefreshLog.objects.count())
    load_demo_figures()
    assert (
        Indicator.objects.count(),
        Observation.objects.count(),
        RefreshLog.objects.count(),
    ) == counts
    assert counts[:2] == (10, 10 * 7 * 10)


def test_a_postcode_indicator_leads_with_the_postcode(process: Process) -> None:
    indicator = uploaded(process, slug="indkomst", name="Indkomst", unit="kr.")
    indicator.observations.all().delete()
    store_series(
        indicator=indicator,
        points=[("8900", "2024", Decimal("181000")), ("000", "2024", Decimal("246000"))],
        kind=RefreshKind.UPLOAD,
    )
    figure = figures_for_focus_area(first_area(process))[-1]
    assert (
        figure.sentence
        == "Postnr. 8900 181.000,0\u00a0kr. mod 246.000,0\u00a0kr. på landsplan (2024)."
    )
