"""Schemathesis over the whole REST API, in process (the WSGI app, real HTTP semantics): for
every operation of `/api/schema/`, generated requests – valid, invalid and hostile – never get a
5xx, and every answer (status code, content type, headers, body) is what the schema says.

Bounded so CI stays quick: `API_FUZZ_EXAMPLES` examples per operation (default 15)."""

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_input, make_process, publish

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _application() -> Any:
    from dialogportal.wsgi import application

    return application


# Loaded at collection: generating the schema reads no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", _application())


@pytest.fixture(autouse=True)
def _something_to_find(db: Any) -> Iterator[None]:
    """A published process with a published input (most generated slugs and ids find nothing,
    which the schema must describe as well)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    publish(make_input(make_process(slug="proces")))
    # As Django's test client does: a request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
def test_every_api_answer_matches_the_schema_and_none_is_a_server_error(case: Any) -> None:
    response = case.call()
    case.validate_response(response, checks=CHECKS)


@pytest.fixture
def manager_token(db: Any) -> str:
    from dialogportal.accounts.models import Role
    from dialogportal.accounts.services import issue_api_token
    from tests.factories import make_staff

    return str(issue_api_token(user=make_staff("proces", Role.PROCESS_MANAGER)).key)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=max(EXAMPLES // 2, 5),
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        # The token is made once per operation; every example may use it.
        HealthCheck.function_scoped_fixture,
    ],
    derandomize=True,
)
def test_every_answer_to_a_process_manager_matches_the_schema(
    case: Any, manager_token: str
) -> None:
    """The same with a valid staff token: the staff endpoints answer 200 with their data."""
    response = case.call(headers={"Authorization": f"Token {manager_token}"})
    case.validate_response(response, checks=CHECKS)
