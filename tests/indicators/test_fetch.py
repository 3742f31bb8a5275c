"""Refreshing indicators from StatBank through the real client and recorded responses."""

from decimal import Decimal

import httpx
import pytest
from django.core.management import CommandError, call_command

from dialogportal.indicators.models import Indicator, Observation, RefreshLog, RefreshOutcome
from dialogportal.indicators.refresh import refresh_indicator
from dialogportal.processes.models import Process
from tests.indicators.conftest import statbank_indicator
from tests.statbank.conftest import FakeStatBank, error_body, recorded_json

pytestmark = pytest.mark.django_db


def stored(indicator: Indicator) -> set[tuple[str, str, Decimal | None]]:
    return set(indicator.observations.values_list("area_code", "period", "value"))


def test_fetch_indicators_stores_exactly_the_recorded_observations(
    fake: FakeStatBank, process: Process, employment: Indicator, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.add_table("RAS200")
    life = statbank_indicator(process, "life_expectancy", "levetid", unit="år")
    support = statbank_indicator(process, "public_support_recipients", "forsoergede", unit="antal")
    fake.add_table("HISBK")
    fake.add_table("AUK01")

    call_command("fetch_indicators")

    assert stored(employment) == {
        ("000", "2024", Decimal("76.4")),
        ("730", "2024", Decimal("72.1")),
        ("751", "2024", Decimal("74.9")),
    }
    # The table's own country code 0 is stored as "000"; DST's ".." is a missing value.
    assert stored(life) == {
        ("000", "2021:2022", Decimal("81.3")),
        ("730", "2021:2022", Decimal("80.6")),
        ("000", "2022:2023", Decimal("81.4")),
        ("730", "2022:2023", None),
    }
    # Thousands separators and a negative value are read, not rejected.
    assert stored(support) == {
        ("000", "2024K1", Decimal("1234567")),
        ("730", "2024K1", Decimal("14321")),
        ("000", "2024K2", Decimal("1229876.5")),
        ("730", "2024K2", Decimal("-12.5")),
    }
    log = employment.refreshes.get()
    assert log.outcome == RefreshOutcome.CHANGED
    assert (log.rows_received, log.rows_created, log.rows_updated) == (3, 3, 0)
    assert log.source_version == "2025-02-27T08:00:00"
    assert "randers/beskaeftigelse: Opdateret" in capsys.readouterr().out


def test_a_second_run_changes_nothing(
    fake: FakeStatBank, process: Process, employment: Indicator
) -> None:
    fake.add_table("RAS200")
    call_command("fetch_indicators", "--process", "randers")
    before = list(Observation.objects.values_list("id", "area_code", "period", "value"))
    version = Indicator.objects.get(pk=employment.pk).data_version

    call_command("fetch_indicators", "--process", "randers")

    assert list(Observation.objects.values_list("id", "area_code", "period", "value")) == before
    assert Indicator.objects.get(pk=employment.pk).data_version == version
    latest = employment.refreshes.first()
    assert latest is not None
    assert latest.outcome == RefreshOutcome.UNCHANGED
    assert (latest.rows_created, latest.rows_updated) == (0, 0)


def test_a_revised_value_is_updated_and_bumps_the_data_version(
    fake: FakeStatBank, employment: Indicator
) -> None:
    fake.add_table("RAS200")
    refresh_indicator(indicator=employment)
    revised = "OMRÅDE;HERKOMST;ALDER;KØN;FREKVENS;TID;INDHOLD\n000;TOT;16-64;TOT;BFK;2024;76,5\n"
    fake.add("data", "RAS200", httpx.Response(200, content=revised.encode()))

    log = refresh_indicator(indicator=employment)

    assert (log.outcome, log.rows_created, log.rows_updated) == (RefreshOutcome.CHANGED, 0, 1)
    assert employment.observations.get(area_code="000").value == Decimal("76.5")
    assert employment.observations.count() == 3  # a refresh never deletes


def _changed_tableinfo() -> httpx.Response:
    info = recorded_json("tableinfo_RAS200_da.json")
    for variable in info["variables"]:
        if variable["id"] == "FREKVENS":
            variable["id"] = "MÅLING"
    return httpx.Response(200, json=info)


def _extra_variable_tableinfo() -> httpx.Response:
    info = recorded_json("tableinfo_RAS200_da.json")
    info["variables"].insert(
        1, {"id": "SEKTOR", "text": "sektor", "values": [{"id": "1", "text": "Privat"}]}
    )
    return httpx.Response(200, json=info)


FAILURES: dict[str, tuple[str, httpx.Response | Exception, str]] = {
    "400 with an error body": (
        "data",
        httpx.Response(400, json=error_body("too_many_cells")),
        "afviste forespørgslen (HTTP 400 REQUEST-LIMIT)",
    ),
    "500 on every attempt": ("data", httpx.Response(500, text="Internal"), "HTTP 500"),
    "a timeout on every attempt": ("data", httpx.ReadTimeout("slow"), "svarede ikke i tide"),
    "an empty table": (
        "data",
        httpx.Response(200, content="OMRÅDE;HERKOMST;ALDER;KØN;FREKVENS;TID;INDHOLD\n".encode()),
        "gav ingen tal",
    ),
    "a renamed variable": ("tableinfo", _changed_tableinfo(), "har ikke variablen"),
    "a new variable": ("tableinfo", _extra_variable_tableinfo(), "måske blevet ændret"),
    "an unknown table": (
        "tableinfo",
        httpx.Response(400, json=error_body("table_not_found")),
        "kender ikke tabellen RAS200",
    ),
    "an HTML page instead of data": (
        "data",
        httpx.Response(200, content=b"<html><body>Vedligehold</body></html>"),
        "kunne ikke læses",
    ),
}


@pytest.mark.parametrize("case", FAILURES, ids=list(FAILURES))
def test_a_failed_refresh_is_logged_in_danish_and_changes_nothing(
    fake: FakeStatBank, employment: Indicator, case: str
) -> None:
    fake.add_table("RAS200")
    refresh_indicator(indicator=employment)
    before = list(Observation.objects.values_list("id", "area_code", "period", "value"))
    endpoint, reply, expected = FAILURES[case]
    fake.add(endpoint, "RAS200", reply)

    with pytest.raises(CommandError, match="1 af 1 nøgletal kunne ikke hentes"):
        call_command("fetch_indicators")

    log = employment.refreshes.first()
    assert log is not None
    assert log.outcome == RefreshOutcome.FAILED
    assert expected in log.message
    assert "Intet af det gemte er ændret" in log.message
    assert list(Observation.objects.values_list("id", "area_code", "period", "value")) == before


def test_areas_a_table_lacks_are_named_in_the_log(
    fake: FakeStatBank, process: Process, employment: Indicator
) -> None:
    fake.add_table("RAS200")
    process.comparison_set.peer_codes = ["751", "615"]  # Horsens is not in the recording
    process.comparison_set.save()

    log = refresh_indicator(indicator=employment)

    assert log.outcome == RefreshOutcome.CHANGED
    assert "Horsens" in log.message


def test_a_process_without_comparison_set_gets_a_clear_message(fake: FakeStatBank) -> None:
    from tests.factories import make_process

    other = make_process(slug="uden")
    indicator = statbank_indicator(other, "employment_rate", "b")
    log = refresh_indicator(indicator=indicator)
    assert log.outcome == RefreshOutcome.FAILED
    assert "sammenligningssæt" in log.message
    assert fake.requests == []


def test_unknown_process_slug_is_a_command_error(process: Process) -> None:
    with pytest.raises(CommandError, match="Ingen proces"):
        call_command("fetch_indicators", "--process", "<script>")


def test_only_the_chosen_process_is_fetched(fake: FakeStatBank, employment: Indicator) -> None:
    from tests.factories import make_process

    other = make_process(slug="anden")
    statbank_indicator(other, "life_expectancy", "levetid")
    fake.add_table("RAS200")

    call_command("fetch_indicators", "--process", "randers")

    assert {body["table"] for body in fake.bodies("data")} == {"RAS200"}
    assert RefreshLog.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_weekly_task_refreshes_through_the_worker(
    fake: FakeStatBank, employment: Indicator
) -> None:
    from dialogportal.indicators.tasks import refresh_all_indicators

    fake.add_table("RAS200")
    refresh_all_indicators.enqueue()
    call_command("run_worker", "--batch", "--interval", "0")
    assert employment.observations.count() == 3
