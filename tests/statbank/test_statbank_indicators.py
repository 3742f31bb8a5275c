# mypy: allow-untyped-defs, allow-incomplete-defs
"""Indicator specs (the indicators app's catalogue) and fetch_indicator against recorded
responses."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import httpx
import pytest

from dialogportal.indicators.catalogue import (
    EMPLOYMENT_RATE,
    INDICATORS,
    LIFE_EXPECTANCY,
    PLACED_CHILDREN,
    POPULATION,
    PRIVATE_JOBS,
    PUBLIC_SUPPORT_RECIPIENTS,
    get_spec,
)
from dialogportal.statbank.errors import (
    EmptyResultError,
    MissingVariableError,
    UnknownValueError,
    UnknownVariableError,
)
from dialogportal.statbank.indicators import (
    TOTAL,
    IndicatorSpec,
    Observation,
    Pick,
    fetch_indicator,
)
from tests.statbank.conftest import recorded_json


def test_every_indicator_has_a_unique_key_and_statbank_ones_a_citation():
    assert len({spec.key for spec in INDICATORS}) == len(INDICATORS)
    for spec in INDICATORS:
        assert spec.provenance
        if spec.is_fetchable:
            assert spec.citation == f"Kilde: Danmarks Statistik, statistikbanken.dk/{spec.table_id}"
        else:
            assert spec.citation == ""


def test_no_spec_claims_to_be_verified_before_a_live_tableinfo_check():
    assert not any(spec.is_verified for spec in INDICATORS)


def test_get_spec_names_the_known_keys():
    assert get_spec("life_expectancy") is LIFE_EXPECTANCY
    with pytest.raises(KeyError, match="employment_rate"):
        get_spec("nope")


def test_a_statbank_spec_needs_a_table():
    with pytest.raises(ValueError, match="table_id"):
        IndicatorSpec("x", "X", "", "", None, "dst_statbank", "L", "")


def test_fetch_population_gives_observations_and_source_version(client, fake):
    fake.add_table("FOLK1A")

    result = fetch_indicator(client, POPULATION, ["730", "000"], ["2024K1", "2024K2"])

    assert result.table_id == "FOLK1A"
    assert result.source_version == "2024-08-12T08:00:00"
    assert result.source_updated is not None
    assert result.row_count == 4
    assert result.missing_areas == ()
    assert result.observations == (
        Observation("000", "2024K1", Decimal(5961249)),
        Observation("000", "2024K2", Decimal(5972454)),
        Observation("730", "2024K1", Decimal(99530)),
        Observation("730", "2024K2", Decimal(99612)),
    )
    variables = {v["code"]: v["values"] for v in fake.bodies("data")[0]["variables"]}
    assert variables == {
        "OMRÅDE": ["730", "000"],
        "Tid": ["2024K1", "2024K2"],
        "KØN": ["TOT"],
        "ALDER": ["IALT"],
        "CIVILSTAND": ["TOT"],
    }


def test_the_tables_country_code_is_mapped_to_000_and_missing_values_kept(client, fake):
    fake.add_table("HISBK")

    result = fetch_indicator(client, LIFE_EXPECTANCY, ["000", "730"])

    variables = {v["code"]: v["values"] for v in fake.bodies("data")[0]["variables"]}
    assert variables["OMRÅDE"] == ["0", "730"]
    assert variables["Tid"] == ["*"]
    assert result.observations == (
        Observation("000", "2021:2022", Decimal("81.3")),
        Observation("000", "2022:2023", Decimal("81.4")),
        Observation("730", "2021:2022", Decimal("80.6")),
        Observation("730", "2022:2023", None),
    )


def test_areas_the_table_lacks_are_reported_not_fatal(client, fake):
    fake.add_table("ANBAAR9")

    result = fetch_indicator(client, PLACED_CHILDREN, ["730", "000", "411"])

    assert result.missing_areas == ("411",)
    assert {o.area_code for o in result.observations} == {"730", "000"}
    assert result.observations[0] == Observation("000", "2024", Decimal(11022))


def test_no_known_area_at_all_is_an_error(client, fake):
    fake.add_table("ANBAAR9")

    with pytest.raises(UnknownValueError, match="ADMKOM"):
        fetch_indicator(client, PLACED_CHILDREN, ["411"])


def test_aliases_and_totals_resolve_through_tableinfo(client, fake):
    # The spec says BEREGNING (one scraper's name); the table calls it FREKVENS.
    fake.add_table("RAS200")

    result = fetch_indicator(client, EMPLOYMENT_RATE, ["730", "000", "751"], ["2024"])

    variables = {v["code"]: v["values"] for v in fake.bodies("data")[0]["variables"]}
    assert variables["FREKVENS"] == ["BFK"]
    assert variables["HERKOMST"] == ["TOT"]
    assert variables["ALDER"] == ["16-64"]  # "16-64 år i alt" is its total
    assert [(o.area_code, o.value) for o in result.observations] == [
        ("000", Decimal("76.4")),
        ("730", Decimal("72.1")),
        ("751", Decimal("74.9")),
    ]


def test_thousands_separators_and_negative_values_reach_the_observations(client, fake):
    fake.add_table("AUK01")

    result = fetch_indicator(client, PUBLIC_SUPPORT_RECIPIENTS, ["000", "730"])

    values = {(o.area_code, o.period): o.value for o in result.observations}
    assert values[("000", "2024K1")] == Decimal(1234567)
    assert values[("000", "2024K2")] == Decimal("1229876.5")
    assert values[("730", "2024K2")] == Decimal("-12.5")


def test_a_changed_table_fails_with_the_variables_it_now_has(client, fake):
    info = recorded_json("tableinfo_ANBAAR9_da.json")
    variables = [v for v in info["variables"] if v["id"] != "ALDER"]
    fake.add("tableinfo", "ANBAAR9", fake.ok_json({**info, "variables": variables}))

    with pytest.raises(UnknownVariableError, match="ALDER") as caught:
        fetch_indicator(client, PLACED_CHILDREN, ["730"])

    assert caught.value.available == ("ADMKOM", "Tid")
    assert fake.bodies("data") == []


def test_a_new_variable_without_a_total_is_named(client, fake):
    info = recorded_json("tableinfo_ANBAAR9_da.json")
    extra = {"id": "ENHED", "text": "enhed", "time": False, "values": [{"id": "A", "text": "x"}]}
    variables = [*info["variables"], extra]
    fake.add("tableinfo", "ANBAAR9", fake.ok_json({**info, "variables": variables}))

    with pytest.raises(MissingVariableError, match="ENHED"):
        fetch_indicator(client, PLACED_CHILDREN, ["730"])


def test_fill_totals_without_a_total_value_is_named(client, fake):
    fake.add_table("ANBAAR9")
    spec = dataclasses.replace(PLACED_CHILDREN, picks=(), fill_totals=False)
    with pytest.raises(MissingVariableError, match="ALDER"):
        fetch_indicator(client, spec, ["730"])

    spec = dataclasses.replace(PLACED_CHILDREN, picks=(Pick("ALDER", TOTAL),))
    fetch_indicator(client, spec, ["730"])
    variables = {v["code"]: v["values"] for v in fake.bodies("data")[0]["variables"]}
    assert variables["ALDER"] == ["0"]  # "I alt"


def test_an_empty_answer_stores_nothing(client, fake):
    fake.add_table("ANBAAR9")
    fake.add("data", "ANBAAR9", httpx.Response(200, content=b"ADMKOM;ALDER;TID;INDHOLD\n"))

    with pytest.raises(EmptyResultError):
        fetch_indicator(client, PLACED_CHILDREN, ["730"])


def test_manual_upload_specs_are_not_fetched(client):
    with pytest.raises(ValueError, match="not fetched from StatBank"):
        fetch_indicator(client, PRIVATE_JOBS, ["730"])


def test_a_second_fetch_gives_the_same_result(client, fake):
    fake.add_table("HISBK")

    first = fetch_indicator(client, LIFE_EXPECTANCY, ["000", "730"])
    second = fetch_indicator(client, LIFE_EXPECTANCY, ["730", "000"])

    assert first == second
