import pytest
from django.test import Client

from tests.factories import make_process

pytestmark = pytest.mark.django_db


def test_front_page_lists_published_processes_only(client: Client) -> None:
    make_process(slug="synlig", title="Synlig proces")
    make_process(slug="kladde", title="Hemmelig kladde", is_published=False)
    response = client.get("/")
    assert response.status_code == 200
    assert "Synlig proces" in response.text
    assert "Hemmelig kladde" not in response.text
    assert '<html lang="da">' in response.text


def test_unpublished_process_is_not_found_for_visitors(client: Client) -> None:
    make_process(slug="kladde", is_published=False)
    assert client.get("/processer/kladde/").status_code == 404


def test_process_page_shows_phases_and_focus_areas_with_danish_dates(client: Client) -> None:
    process = make_process(slug="by")
    response = client.get("/processer/by/")
    assert response.status_code == 200
    assert "Område 1" in response.text
    assert "nuværende fase" in response.text
    phase = process.phases.get()
    assert phase.starts_at is not None


def test_english_pages_live_under_en(client: Client) -> None:
    make_process(slug="by")
    response = client.get("/en/processer/by/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/processer/<script>/",
        "/processer/ukendt/",
        "/processer/by/fokus/ukendt/",
        "/processer/%27%20OR%201=1--/",
        "/processer/æøå/",
    ],
)
def test_hostile_or_unknown_paths_give_404_not_500(client: Client, path: str) -> None:
    make_process(slug="by")
    assert client.get(path).status_code == 404
