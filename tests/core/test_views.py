"""The error page for a database or disk that is away: a 503 in Danish that says nothing was
stored, never an error 500 — and indeed nothing is stored."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from dialogportal.inputs.models import Attachment, Input
from tests.factories import make_process
from tests.inputs.helpers import post_form
from tests.moderation.builders import pdf_with_text

FORM = "/processer/by/fokus/omraade-1/giv-input/"


@pytest.fixture
def visitor() -> Client:
    return Client(raise_request_exception=False)


@pytest.fixture
def database_refusing() -> Iterator[None]:
    """The database refuses connections (a closed port; SQLite: a file that cannot be opened)."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/dialogportal.sqlite3"
    else:
        connection.settings_dict["PORT"] = "1"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
def test_a_page_while_the_database_refuses_connections_is_a_danish_503(
    visitor: Client, database_refusing: None
) -> None:
    response = visitor.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "midlertidigt utilgængelig" in response.text
    assert "<strong>ikke</strong> gemt" in response.text


@pytest.mark.django_db(transaction=True)
def test_an_api_submission_while_the_database_refuses_connections_is_a_json_503(
    visitor: Client, database_refusing: None
) -> None:
    response = visitor.post(
        "/api/v1/processes/by/inputs/",
        {"text": "Flere bænke, tak.", "contributor_type": "citizen"},
        content_type="application/json",
    )
    assert response.status_code == 503
    assert response.json()["code"] == "database_unavailable"
    assert "Intet er gemt" in response.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_health_says_not_ready_while_the_database_refuses_connections(
    visitor: Client, database_refusing: None
) -> None:
    assert visitor.get("/healthz/live").status_code == 200
    response = visitor.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


@pytest.mark.django_db(transaction=True)
def test_the_site_answers_again_once_the_database_is_back(visitor: Client) -> None:
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["NAME" if connection.vendor == "sqlite" else "PORT"] = (
        "/nonexistent-folder/x.sqlite3" if connection.vendor == "sqlite" else "1"
    )
    assert visitor.get("/").status_code == 503
    connection.close()
    connection.settings_dict.update(saved)
    assert visitor.get("/").status_code == 200


@pytest.mark.django_db
def test_an_upload_to_a_full_disk_is_a_503_and_stores_no_input(
    visitor: Client, settings: Any
) -> None:
    make_process(slug="by")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.core.full_disk.FullDiskStorage"},
    }
    upload = SimpleUploadedFile("plan.pdf", pdf_with_text("Plan"), "application/pdf")
    response = post_form(visitor, FORM, attachments=upload)
    assert response.status_code == 503
    assert "kan ikke gemme filer" in response.text
    assert not Input.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_an_ordinary_error_is_still_the_500_page(visitor: Client, settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.core.broken_urls"
    response = visitor.get("/boom/")
    assert response.status_code == 500
    assert "Der skete en fejl" in response.text
