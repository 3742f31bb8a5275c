# mypy: allow-untyped-defs, allow-incomplete-defs
"""The StatBank client against recorded responses (httpx.MockTransport, no network)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import httpx
import pytest

from dialogportal.statbank.client import StatBankClient
from dialogportal.statbank.errors import (
    EmptyResultError,
    MissingVariableError,
    ResponseFormatError,
    StatBankAPIError,
    StatBankError,
    StatBankTimeoutError,
    StatBankUnavailableError,
    TableChangedError,
    TableNotFoundError,
    UnknownValueError,
    UnknownVariableError,
)
from tests.statbank.conftest import error_body, recorded_json, recording

FOLK1A_SELECTION = {
    "OMRÅDE": ["000", "730"],
    "KØN": ["TOT"],
    "ALDER": ["IALT"],
    "CIVILSTAND": ["TOT"],
    "Tid": ["2024K1", "2024K2"],
}


def test_tableinfo_reads_the_recorded_metrox1_sample(client, fake):
    fake.add("tableinfo", "METROX1", fake.ok_json(recorded_json("tableinfo_METROX1_en.json")))

    info = client.tableinfo("metrox1", lang="en")

    assert info.id == "METROX1"
    assert info.unit == "Index"
    assert info.updated == datetime(2021, 12, 23, 8, 0)  # noqa: DTZ001 (StatBank gives no zone)
    assert info.updated_raw == "2021-12-23T08:00:00"
    assert info.variable_ids == ("SÆSON", "Tid")
    assert info.time_variable is not None
    assert info.time_variable.id == "Tid"
    assert info.find_variable("sæson").value_ids == ("10", "11")
    assert fake.bodies("tableinfo") == [{"table": "METROX1", "lang": "en", "format": "JSON"}]


def test_tableinfo_is_cached_per_table_and_language(client, fake):
    fake.add_table("FOLK1A")

    client.tableinfo("FOLK1A")
    client.tableinfo("folk1a")

    assert len(fake.bodies("tableinfo")) == 1


def test_tableinfo_detects_the_area_variable(client, fake):
    fake.add_table("ANBAAR9")

    info = client.tableinfo("ANBAAR9")

    assert info.area_variable is not None
    assert info.area_variable.id == "ADMKOM"


def test_fetch_posts_a_bulk_request_with_codes_and_parses_rows(client, fake):
    fake.add_table("FOLK1A")

    rows = client.fetch("folk1a", FOLK1A_SELECTION)

    [body] = fake.bodies("data")
    assert body["table"] == "FOLK1A"
    assert body["format"] == "BULK"
    assert body["valuePresentation"] == "Code"
    assert body["lang"] == "da"
    assert body["variables"][0] == {"code": "OMRÅDE", "values": ["000", "730"]}
    assert "Ø" in fake.requests[-1].content.decode("utf-8")  # UTF-8 JSON, not ASCII-folded
    assert fake.requests[-1].url == "https://api.statbank.dk/v1/data"
    assert [(r.codes["OMRÅDE"], r.period, r.value) for r in rows] == [
        ("000", "2024K1", Decimal(5961249)),
        ("730", "2024K1", Decimal(99530)),
        ("000", "2024K2", Decimal(5972454)),
        ("730", "2024K2", Decimal(99612)),
    ]
    assert rows[0].codes == {"OMRÅDE": "000", "KØN": "TOT", "ALDER": "IALT", "CIVILSTAND": "TOT"}


def test_fetch_sends_the_tables_own_spelling_of_codes(client, fake):
    fake.add_table("FOLK1A")

    client.fetch("FOLK1A", {**FOLK1A_SELECTION, "tid": ["2024k1"], "køn": ["tot"]})

    variables = {v["code"]: v["values"] for v in fake.bodies("data")[0]["variables"]}
    assert variables["Tid"] == ["2024K1"]
    assert variables["KØN"] == ["TOT"]


def test_fetch_passes_selection_expressions_unchecked(client, fake):
    fake.add_table("FOLK1A")

    client.fetch("FOLK1A", {**FOLK1A_SELECTION, "Tid": ["(-n+3)", ">=2023K1<=2024K4", "*"]})

    variables = {v["code"]: v["values"] for v in fake.bodies("data")[0]["variables"]}
    assert variables["Tid"] == ["(-n+3)", ">=2023K1<=2024K4", "*"]


def test_values_with_thousands_separators_negative_and_decimal_comma(client, fake):
    fake.add_table("AUK01")
    selection = {"OMRÅDE": ["000", "730"], "YDELSESTYPE": ["TOTUSU"], "KØN": ["TOT"]}

    rows = client.fetch("AUK01", {**selection, "ALDER": ["TOT"], "Tid": ["*"]})

    assert [r.value for r in rows] == [
        Decimal("1234567"),
        Decimal("14321"),
        Decimal("1229876.5"),
        Decimal("-12.5"),
    ]


def test_missing_values_become_none(client, fake):
    fake.add_table("HISBK")

    rows = client.fetch("HISBK", {"OMRÅDE": ["0", "730"], "KØN": ["TOT"], "Tid": ["*"]})

    assert rows[-1].period == "2022:2023"
    assert rows[-1].value is None
    assert rows[0].value == Decimal("81.3")


def test_csv_with_bom_and_texts_is_read_like_bulk(client, fake):
    # The recorded METROX1 BULK output (texts, decimal comma) and a BOM as CSV has it.
    fake.add("tableinfo", "METROX1", fake.ok_json(recorded_json("tableinfo_METROX1_en.json")))
    body = b"\xef\xbb\xbf" + recording("data_METROX1_BULK.csv")
    fake.add("data", "METROX1", httpx.Response(200, content=body))

    rows = client.fetch("METROX1", {"SÆSON": ["10"], "Tid": ["*"]}, lang="en")

    assert rows[0] == rows[0].__class__(
        codes={"SÆSON": "Sæsonkorrigeret"}, period="2020U01", value=Decimal("37.7")
    )
    assert len(rows) == 6


def test_unknown_table_gives_table_not_found_with_the_api_message(client):
    with pytest.raises(TableNotFoundError) as caught:
        client.tableinfo("NOSUCHTABLE")

    assert caught.value.table_id == "NOSUCHTABLE"
    assert caught.value.status_code == 400
    assert "NOSUCHTABLE" in str(caught.value)
    assert "Tabellen blev ikke fundet" in str(caught.value)


def test_unknown_variable_names_what_exists(client, fake):
    fake.add_table("FOLK1A")

    with pytest.raises(UnknownVariableError) as caught:
        client.fetch("FOLK1A", {**FOLK1A_SELECTION, "HERKOMST": ["TOT"]})

    assert caught.value.variable == "HERKOMST"
    assert caught.value.available == ("OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "Tid")
    assert "OMRÅDE, KØN, ALDER, CIVILSTAND, Tid" in str(caught.value)
    assert fake.bodies("data") == []  # nothing sent


def test_unknown_value_codes_are_named_with_the_existing_ones(client, fake):
    fake.add_table("FOLK1A")

    with pytest.raises(UnknownValueError) as caught:
        client.fetch("FOLK1A", {**FOLK1A_SELECTION, "OMRÅDE": ["730", "999", "7300"]})

    assert caught.value.variable == "OMRÅDE"
    assert caught.value.values == ("999", "7300")
    assert "730" in caught.value.available
    assert "'999'" in str(caught.value)


def test_every_variable_must_be_given_for_bulk(client, fake):
    fake.add_table("FOLK1A")
    selection = {k: v for k, v in FOLK1A_SELECTION.items() if k != "CIVILSTAND"}

    with pytest.raises(MissingVariableError, match="CIVILSTAND"):
        client.fetch("FOLK1A", selection)


def test_api_400_with_an_error_body_is_a_clear_error(client, fake):
    fake.add_table("FOLK1A")
    fake.add("data", "FOLK1A", httpx.Response(400, json=error_body("too_many_cells")))

    with pytest.raises(StatBankAPIError) as caught:
        client.fetch("FOLK1A", FOLK1A_SELECTION)

    assert caught.value.error_type_code == "REQUEST-LIMIT"
    assert caught.value.api_message.startswith("Forespørgslen på op mod")
    assert "HTTP 400 REQUEST-LIMIT" in str(caught.value)
    assert len(fake.bodies("data")) == 1  # a 400 is not retried
    assert fake.sleeps == []


def test_api_400_without_json_keeps_the_text(client, fake):
    fake.add_table("FOLK1A")
    message = "Der skal vælges værdier for variabel: KØN"
    fake.add("data", "FOLK1A", httpx.Response(400, text=message))

    with pytest.raises(StatBankAPIError, match="Der skal vælges værdier") as caught:
        client.fetch("FOLK1A", FOLK1A_SELECTION)

    assert caught.value.error_type_code is None


def test_server_errors_are_retried_with_backoff_then_succeed(client, fake):
    fake.add_table("FOLK1A")
    data = fake.routes[("data", "FOLK1A")][0]
    fake.add("data", "FOLK1A", httpx.Response(500), httpx.Response(503), data)

    rows = client.fetch("FOLK1A", FOLK1A_SELECTION)

    assert len(rows) == 4
    assert fake.sleeps == [0.5, 1.0]


def test_server_errors_give_up_after_the_retries(client, fake):
    fake.add_table("FOLK1A")
    fake.add("data", "FOLK1A", httpx.Response(500, text="Internal Server Error"))

    with pytest.raises(StatBankUnavailableError) as caught:
        client.fetch("FOLK1A", FOLK1A_SELECTION)

    assert caught.value.attempts == 4
    assert caught.value.status_code == 500
    assert "failed after 4 attempt(s): HTTP 500" in str(caught.value)
    assert fake.sleeps == [0.5, 1.0, 2.0]
    assert not isinstance(caught.value, StatBankTimeoutError)


def test_timeouts_are_retried_then_a_clear_error(client, fake):
    fake.add_table("FOLK1A")
    fake.add("data", "FOLK1A", httpx.ReadTimeout("read timed out"))

    with pytest.raises(StatBankTimeoutError, match="timed out"):
        client.fetch("FOLK1A", FOLK1A_SELECTION)

    assert len(fake.bodies("data")) == 4
    assert fake.sleeps == [0.5, 1.0, 2.0]


def test_a_timeout_then_an_answer_succeeds(client, fake):
    fake.add_table("FOLK1A")
    data = fake.routes[("data", "FOLK1A")][0]
    fake.add("data", "FOLK1A", httpx.ConnectTimeout("slow"), httpx.ConnectError("refused"), data)

    assert len(client.fetch("FOLK1A", FOLK1A_SELECTION)) == 4


def test_retries_zero_means_one_attempt(fake):
    fake.add("tableinfo", "FOLK1A", httpx.Response(502))
    transport = httpx.MockTransport(fake.handle)
    statbank = StatBankClient(transport=transport, retries=0, sleep=fake.sleeps.append)
    with statbank, pytest.raises(StatBankUnavailableError):
        statbank.tableinfo("FOLK1A")
    assert len(fake.requests) == 1
    assert fake.sleeps == []


@pytest.mark.parametrize("body", [b"", b"OMR\xc3\x85DE;K\xc3\x98N;ALDER;CIVILSTAND;TID;INDHOLD\n"])
def test_an_empty_table_is_an_error_unless_allowed(client, fake, body):
    fake.add_table("FOLK1A")
    fake.add("data", "FOLK1A", httpx.Response(200, content=body))

    with pytest.raises(EmptyResultError, match="no rows for table FOLK1A"):
        client.fetch("FOLK1A", FOLK1A_SELECTION)
    assert client.fetch("FOLK1A", FOLK1A_SELECTION, allow_empty=True) == []


def test_a_table_without_variables_cannot_be_fetched(client, fake):
    info = recorded_json("tableinfo_FOLK1A_da.json")
    fake.add("tableinfo", "FOLK1A", fake.ok_json({**info, "variables": []}))

    with pytest.raises(UnknownVariableError, match=r"its variables are: \(none\)"):
        client.fetch("FOLK1A", FOLK1A_SELECTION)


def test_changed_variables_in_tableinfo_fail_before_fetching(client, fake):
    # ALDER has been renamed in the table since the selection was written.
    info = recorded_json("tableinfo_FOLK1A_da.json")
    variables = [{**v, "id": "ALDER1"} if v["id"] == "ALDER" else v for v in info["variables"]]
    fake.add("tableinfo", "FOLK1A", fake.ok_json({**info, "variables": variables}))

    with pytest.raises(UnknownVariableError, match="may have changed") as caught:
        client.fetch("FOLK1A", FOLK1A_SELECTION)

    assert "ALDER1" in caught.value.available


def test_data_whose_columns_changed_is_rejected(client, fake):
    fake.add_table("FOLK1A")
    body = "OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD\n730;TOT;IALT;TOT;2024K1;1\n".encode()
    fake.add("data", "FOLK1A", httpx.Response(200, content=body))

    with pytest.raises(TableChangedError, match="HERKOMST"):
        client.fetch("FOLK1A", FOLK1A_SELECTION)


@pytest.mark.parametrize(
    "body",
    [
        b"OMR\xc3\x85DE;K\xc3\x98N;ALDER;CIVILSTAND;TID;INDHOLD\n730;TOT;IALT;TOT;2024K1\n",
        b"OMR\xc3\x85DE;K\xc3\x98N;ALDER;CIVILSTAND;TID;INDHOLD\n730;TOT;IALT;TOT;2024K1;abc\n",
        b"\xff\xfe\x00garbage",
        b"<html><body>Service Unavailable</body></html>",
    ],
)
def test_unreadable_data_is_a_format_error(client, fake, body):
    fake.add_table("FOLK1A")
    fake.add("data", "FOLK1A", httpx.Response(200, content=body))

    with pytest.raises(StatBankError):
        client.fetch("FOLK1A", FOLK1A_SELECTION)


def test_unreadable_tableinfo_is_a_format_error(client, fake):
    fake.add("tableinfo", "FOLK1A", httpx.Response(200, text="<html>maintenance</html>"))

    with pytest.raises(ResponseFormatError, match="unreadable tableinfo"):
        client.tableinfo("FOLK1A")
