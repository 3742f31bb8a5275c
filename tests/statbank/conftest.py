# mypy: allow-untyped-defs, allow-incomplete-defs
"""A fake StatBank that serves recorded responses through httpx.MockTransport (no network)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dialogportal.statbank.client import StatBankClient

RECORDINGS = Path(__file__).parent / "recordings"

Reply = httpx.Response | Exception


def recording(name: str) -> bytes:
    return (RECORDINGS / name).read_bytes()


def recorded_json(name: str) -> Any:
    return json.loads(recording(name))


def error_body(key: str) -> Any:
    """One of the API's recorded error bodies, without the note."""
    return recorded_json("errors_sample.json")[key]


class FakeStatBank:
    """Routes POST /tableinfo and /data by table id to queued replies.

    The last reply of a route repeats. An unknown table gets the API's recorded
    EXTRACT-NOTFOUND body, as the real service answers.
    """

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def add(self, endpoint: str, table: str, *replies: Reply) -> None:
        self.routes[(endpoint, table.upper())] = list(replies)

    def add_table(self, table: str) -> None:
        """tableinfo and BULK data for a table from the recordings."""
        self.add("tableinfo", table, self.ok_json(recorded_json(f"tableinfo_{table}_da.json")))
        self.add("data", table, httpx.Response(200, content=recording(f"data_{table}_BULK.csv")))

    @staticmethod
    def ok_json(payload: object) -> httpx.Response:
        return httpx.Response(200, json=payload)

    def bodies(self, endpoint: str) -> list[dict[str, object]]:
        return [json.loads(r.content) for r in self.requests if r.url.path.endswith("/" + endpoint)]

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        endpoint = request.url.path.rsplit("/", 1)[-1]
        table = str(json.loads(request.content).get("table", "")).upper()
        replies = self.routes.get((endpoint, table))
        if not replies:
            return httpx.Response(400, json=error_body("table_not_found"))
        reply = replies.pop(0) if len(replies) > 1 else replies[0]
        if isinstance(reply, Exception):
            raise reply
        return reply


@pytest.fixture
def fake() -> FakeStatBank:
    return FakeStatBank()


@pytest.fixture
def client(fake: FakeStatBank) -> Iterator[StatBankClient]:
    with StatBankClient(
        transport=httpx.MockTransport(fake.handle),
        retries=3,
        backoff=0.5,
        sleep=fake.sleeps.append,
    ) as statbank:
        yield statbank
