import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/input/kvittering/%00/",
        "/input/kvittering/abc%00def/",
        "/input/kvittering/<script>/",
        "/input/kvittering/" + "a" * 65 + "/",
        "/tilbagemelding/afmeld/%00/",
        "/api/v1/feedback/receipts/%00/",
        "/api/v1/feedback/receipts/'%20OR%201=1--/",
    ],
)
def test_private_links_with_hostile_tokens_are_simply_not_found(client: Client, path: str) -> None:
    assert client.get(path).status_code == 404
