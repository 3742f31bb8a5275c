"""A small client of our own for Statistics Denmark's StatBank API v1 (api.statbank.dk).

POST with a JSON body (DST's recommendation), `tableinfo` first to resolve and check the
selection, then `/data` in the streaming BULK format with codes (no cell limit, stable joins).
Server errors, 429 and timeouts are retried with exponential backoff through an injectable
`sleep`, so tests never wait.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any

import httpx

from dialogportal.statbank.bulk import parse_bulk
from dialogportal.statbank.errors import (
    EmptyResultError,
    MissingVariableError,
    ResponseFormatError,
    StatBankAPIError,
    StatBankTimeoutError,
    StatBankUnavailableError,
    TableNotFoundError,
    UnknownValueError,
    UnknownVariableError,
)
from dialogportal.statbank.types import Row, TableInfo, Value, Variable

DEFAULT_BASE_URL = "https://api.statbank.dk/v1"
USER_AGENT = "dialogportal-statbank/1 (+https://github.com/dialogportal)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
# Selection syntax DST evaluates itself ("*", "2020*", "(1)", ">=2010<=2015"); not checked.
_EXPRESSION_CHARS = frozenset("*()<>=")


def is_expression(code: str) -> bool:
    """True for a DST selection expression rather than a literal value code."""
    return any(char in _EXPRESSION_CHARS for char in code)


class StatBankClient:
    """StatBank API client. Use as a context manager, or call `close()`."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must be >= 0")
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + "/",
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/csv"},
        )
        self._tableinfo_cache: dict[tuple[str, str], TableInfo] = {}

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> StatBankClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- public calls -------------------------------------------------------------------

    def tableinfo(self, table_id: str, lang: str = "da") -> TableInfo:
        """The table's variables and value codes; cached per client (DST changes them daily
        at most)."""
        key = (table_id.strip().upper(), lang)
        if key not in self._tableinfo_cache:
            response = self._post(
                "tableinfo", {"table": key[0], "lang": lang, "format": "JSON"}, table_id=key[0]
            )
            self._tableinfo_cache[key] = _parse_tableinfo(response, key[0])
        return self._tableinfo_cache[key]

    def clear_cache(self) -> None:
        self._tableinfo_cache.clear()

    def fetch(
        self,
        table_id: str,
        variables: Mapping[str, Sequence[str]],
        lang: str = "da",
        *,
        allow_empty: bool = False,
    ) -> list[Row]:
        """Rows for a selection: every variable of the table mapped to value codes.

        Codes are checked against tableinfo first, so a typo or a changed table fails with
        the names of what exists instead of an opaque API error. Selection expressions
        ("*", "(1)", ">=2015") are passed on unchecked. An empty answer raises
        EmptyResultError unless `allow_empty`.
        """
        info = self.tableinfo(table_id, lang)
        body = {
            "table": info.id,
            "format": "BULK",
            "lang": lang,
            "valuePresentation": "Code",
            "timeOrder": "Ascending",
            "variables": resolve_selection(info, variables),
        }
        response = self._post("data", body, table_id=info.id)
        rows = parse_bulk(response.content, info)
        if not rows and not allow_empty:
            raise EmptyResultError(info.id)
        return rows

    # -- HTTP with retries ---------------------------------------------------------------

    def _post(self, path: str, body: dict[str, Any], *, table_id: str) -> httpx.Response:
        attempts = self.retries + 1
        last_problem = ""
        last_status: int | None = None
        timed_out = False
        for attempt in range(attempts):
            if attempt:
                self._sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self._http.post(path, json=body)
            except httpx.TimeoutException as exc:
                timed_out, last_status = True, None
                last_problem = f"timed out ({type(exc).__name__})"
                continue
            except httpx.TransportError as exc:
                timed_out, last_status = False, None
                last_problem = f"network error ({exc})"
                continue
            if response.status_code in _RETRY_STATUS:
                timed_out, last_status = False, response.status_code
                last_problem = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise _api_error(response, table_id)
            return response
        message = (
            f"StatBank {path} for table {table_id} failed after {attempts} attempt(s): "
            f"{last_problem}"
        )
        if timed_out:
            raise StatBankTimeoutError(message, attempts=attempts)
        raise StatBankUnavailableError(message, attempts=attempts, status_code=last_status)


def resolve_selection(
    info: TableInfo, variables: Mapping[str, Sequence[str]]
) -> list[dict[str, Any]]:
    """The `variables` list of a /data body, with the table's own spelling of every code."""
    resolved: list[dict[str, Any]] = []
    for code, values in variables.items():
        variable = info.find_variable(code)
        if variable is None:
            raise UnknownVariableError(table_id=info.id, variable=code, available=info.variable_ids)
        if not values:
            raise UnknownValueError(
                table_id=info.id, variable=variable.id, values=(), available=variable.value_ids
            )
        canonical: list[str] = []
        unknown: list[str] = []
        for value in values:
            if is_expression(value):
                canonical.append(value)
            elif (found := variable.find_value(value)) is not None:
                canonical.append(found.id)
            else:
                unknown.append(value)
        if unknown:
            raise UnknownValueError(
                table_id=info.id, variable=variable.id, values=unknown, available=variable.value_ids
            )
        resolved.append({"code": variable.id, "values": canonical})
    given = {entry["code"] for entry in resolved}
    missing = [variable_id for variable_id in info.variable_ids if variable_id not in given]
    if missing:
        raise MissingVariableError(table_id=info.id, missing=missing)
    return resolved


def _api_error(response: httpx.Response, table_id: str) -> StatBankAPIError:
    error_type_code: str | None = None
    message = response.text.strip()[:500] or response.reason_phrase
    try:
        payload = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        payload = None
    if isinstance(payload, dict):
        if isinstance(payload.get("errorTypeCode"), str):
            error_type_code = payload["errorTypeCode"]
        if isinstance(payload.get("message"), str):
            message = payload["message"]
    url = str(response.request.url)
    if error_type_code == "EXTRACT-NOTFOUND":
        return TableNotFoundError(
            table_id=table_id, status_code=response.status_code, api_message=message, url=url
        )
    return StatBankAPIError(
        status_code=response.status_code,
        error_type_code=error_type_code,
        api_message=message,
        url=url,
    )


def _parse_tableinfo(response: httpx.Response, table_id: str) -> TableInfo:
    try:
        payload = response.json()
        variables = tuple(_parse_variable(item) for item in payload["variables"])
        updated_raw = str(payload.get("updated") or "")
        return TableInfo(
            id=str(payload.get("id") or table_id),
            text=str(payload.get("text") or ""),
            unit=str(payload.get("unit") or ""),
            updated=_parse_timestamp(updated_raw),
            updated_raw=updated_raw,
            variables=variables,
            suppressed_data_value=(
                None
                if payload.get("suppressedDataValue") is None
                else str(payload["suppressedDataValue"])
            ),
            description=str(payload.get("description") or ""),
            is_active=bool(payload.get("active", True)),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ResponseFormatError(f"Table {table_id}: unreadable tableinfo ({exc!r})") from exc


def _parse_variable(item: dict[str, Any]) -> Variable:
    return Variable(
        id=str(item["id"]),
        text=str(item.get("text") or ""),
        values=tuple(
            Value(id=str(value["id"]), text=str(value.get("text") or ""))
            for value in item["values"]
        ),
        elimination=bool(item.get("elimination", False)),
        is_time=bool(item.get("time", False)),
        map=str(item["map"]) if item.get("map") else None,
    )


def _parse_timestamp(raw: str) -> datetime | None:
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
