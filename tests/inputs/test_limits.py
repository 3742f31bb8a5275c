"""The flood limits' counters: one statement in the submission's own transaction, windows that
start again, refusals that keep their count, and nothing counted for what is not stored."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dialogportal.inputs import limits
from dialogportal.inputs.models import FloodCounter, Input
from dialogportal.inputs.services import PhaseClosedError, RateLimitedError
from dialogportal.processes.models import PhaseKind
from tests.factories import make_input, make_process

pytestmark = pytest.mark.django_db

IP = "198.51.100.7"


def _rate() -> int:
    return FloodCounter.objects.get(key=f"inputs:rate:{IP}").value


def _counting_statements(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "inputs_floodcounter" in q["sql"]]


def test_every_counter_of_a_submission_is_counted_by_one_statement() -> None:
    found = limits.counters(ip=IP, text="Flere træer i byen, tak.", attachment_bytes=0)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        limits.reserve(found)
    assert len(_counting_statements(queries)) == 1
    counted = dict(FloodCounter.objects.values_list("key", "value"))
    # Address, network, text from everywhere and from the network; no bytes without a file.
    assert sorted(counted) == sorted(key for key, _limit, amount in found.keys if amount)
    assert set(counted.values()) == {1}


def test_a_counter_refuses_past_its_limit_and_the_refusal_keeps_its_count(settings: Any) -> None:
    settings.INPUT_RATE_LIMIT = 2
    process = make_process(slug="by")
    for n in range(2):
        make_input(process, submitted_ip=IP, text=f"Forslag om busser nummer {n}.")
    for _ in range(2):
        with pytest.raises(RateLimitedError):
            make_input(process, submitted_ip=IP, text="Endnu et forslag om busser.")
    assert Input.objects.count() == 2
    assert _rate() == 4  # hammering keeps the window full


def test_a_window_that_has_passed_starts_again(settings: Any) -> None:
    settings.INPUT_RATE_LIMIT = 1
    process = make_process(slug="by")
    make_input(process, submitted_ip=IP, text="Det første forslag om cykelstier.")
    FloodCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    make_input(process, submitted_ip=IP, text="Det andet forslag om cykelstier.")
    counter = FloodCounter.objects.get(key=f"inputs:rate:{IP}")
    assert counter.value == 1
    assert counter.expires_at > timezone.now() + timedelta(minutes=59)


def test_what_is_not_stored_is_not_counted() -> None:
    process = make_process(slug="by")
    make_input(process, submitted_ip=IP, idempotency_key="en-noegle")
    repeat = make_input(process, submitted_ip=IP, idempotency_key="en-noegle")
    assert repeat.was_created is False
    assert _rate() == 1  # a retry of a stored input is not a second input
    process.phases.update(kind=PhaseKind.FEEDBACK)
    with pytest.raises(PhaseClosedError):
        make_input(process, submitted_ip=IP, text="Kommer for sent til inputfasen.")
    assert _rate() == 1


def test_pruning_deletes_only_the_counters_whose_window_has_passed() -> None:
    now = timezone.now()
    FloodCounter.objects.create(key="inputs:rate:192.0.2.1", value=3, expires_at=now)
    FloodCounter.objects.create(
        key="inputs:rate:192.0.2.2", value=1, expires_at=now + timedelta(hours=1)
    )
    assert limits.prune_expired() == 1
    assert list(FloodCounter.objects.values_list("key", flat=True)) == ["inputs:rate:192.0.2.2"]


def test_an_api_submission_reads_once_and_writes_the_input_its_screening_and_its_counters() -> None:
    """The hot path (issue #20): one query for process, focus area and open phase; one insert
    each for the input and its screening task; one statement for every flood counter; DRF's
    throttles are not asked (the flood limits hold the submission)."""
    make_process(slug="by")
    body = {
        "focus_area": "omraade-1",
        "text": "Flere busser til landsbyerne om aftenen, tak.",
        "contributor_type": "citizen",
        "consent_publish_name": False,
        "consent_contact": False,
    }
    with CaptureQueriesContext(connection) as queries:
        response = Client(REMOTE_ADDR=IP).post(
            "/api/v1/processes/by/inputs/", json.dumps(body), content_type="application/json"
        )
    assert response.status_code == 201
    statements = [
        q["sql"].split()[0:3]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert [words[0] for words in statements] == ["SELECT", "INSERT", "INSERT", "INSERT"]
    assert "limits" not in " ".join(q["sql"] for q in queries.captured_queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="UNLOGGED tables: PostgreSQL")
def test_the_counters_are_an_unlogged_table_on_postgresql() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpersistence FROM pg_class WHERE relname = %s",
            [FloodCounter._meta.db_table],
        )
        assert cursor.fetchone() == ("u",)
