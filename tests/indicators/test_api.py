"""REST API: indicators of a process with their series, and CSV per series."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client

from dialogportal.indicators.models import RefreshKind, SourceKind
from dialogportal.indicators.services import create_indicator, store_series
from dialogportal.processes.models import Process
from dialogportal.statbank import parse_figures
from tests.factories import first_area, make_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(process: Process) -> None:
    indicator = create_indicator(
        process=process,
        slug="levetid",
        name="Middellevetid",
        unit="år",
        source_kind=SourceKind.STATBANK,
        spec_key="life_expectancy",
        focus_areas=[first_area(process)],
    )
    store_series(
        indicator=indicator,
        points=[
            ("000", "2021:2022", Decimal("81.3")),
            ("730", "2021:2022", Decimal("80.6")),
            ("730", "2022:2023", None),
            ("751", "2021:2022", Decimal("-1234.5")),
        ],
        kind=RefreshKind.FETCH,
    )


def test_api_lists_indicators_with_series_in_comparison_order(client: Client, series: None) -> None:
    response = client.get("/api/v1/processes/randers/indicators/")
    assert response.status_code == 200
    [item] = response.json()
    assert item["citation"] == "Kilde: Danmarks Statistik, statistikbanken.dk/HISBK"
    assert item["focus_areas"] == ["omraade-1"]
    assert [s["area_code"] for s in item["series"]] == ["730", "000", "751"]
    assert [s["role"] for s in item["series"]] == ["municipality", "country", "peer"]
    assert item["series"][0]["points"] == [
        {"period": "2021:2022", "value": "80.6000"},
        {"period": "2022:2023", "value": None},
    ]
    assert item["csv_url"].endswith("/api/v1/processes/randers/indicators/levetid/series.csv")


def test_csv_download_round_trips_through_the_upload_parser(client: Client, series: None) -> None:
    response = client.get("/api/v1/processes/randers/indicators/levetid/series.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="randers-levetid.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["område", "områdenavn", "periode", "værdi"]
    assert ["730", "Randers", "2022:2023", ".."] in rows
    assert ["751", "Aarhus", "2021:2022", "-1234,5"] in rows
    parsed = parse_figures(response.content)
    assert parsed.is_valid, parsed.errors
    assert len(parsed.rows) == 4


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/processes/kladde/indicators/",
        "/api/v1/processes/ukendt/indicators/",
        "/api/v1/processes/randers/indicators/ukendt/series.csv",
        "/api/v1/processes/kladde/indicators/levetid/series.csv",
    ],
)
def test_unknown_or_unpublished_gives_404(client: Client, series: None, path: str) -> None:
    make_process(slug="kladde", is_published=False)
    assert client.get(path).status_code == 404


def test_openapi_schema_documents_the_indicator_endpoints(client: Client) -> None:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert "/api/v1/processes/{slug}/indicators/" in response.text
    assert "series.csv" in response.text
