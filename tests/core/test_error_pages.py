import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_unknown_page_gets_the_danish_404(client: Client) -> None:
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.text


def test_an_unknown_page_under_en_gets_the_english_404(client: Client) -> None:
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.text


def test_a_request_body_over_the_limit_gets_a_clear_400(client: Client, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/konto/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke behandles" in response.text
