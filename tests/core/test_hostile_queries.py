"""Every public page of the demo answers hostile query strings with a page or a 4xx, never a 500."""

import pytest
from django.test import Client

from dialogportal.core.demo import load_demo

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/processer/fremtidens-randers/",
    "/processer/fremtidens-randers/fokus/boliger/",
    "/processer/fremtidens-randers/hvidbog/",
    "/processer/fremtidens-randers/det-har-vi-hoert/",
    "/processer/groen-omstilling/",
    "/udvalg/",
    "/api/v1/processes/",
    "/api/v1/processes/fremtidens-randers/",
    "/api/v1/processes/fremtidens-randers/inputs/",
]
QUERIES = [
    "?side=abc",
    "?side=-1",
    "?side=0",
    "?side=99999999999999999999",
    "?page=abc",
    "?page=-5",
    "?side=%00",
    "?side=1%27%20OR%201=1--",
    "?q=%3Cscript%3Ealert(1)%3C/script%3E",
    "?x=" + "æ" * 3000,
]


def test_public_pages_survive_hostile_query_strings(client: Client) -> None:
    load_demo(log=lambda line: None)
    for page in PAGES:
        prefixes = ("",) if page.startswith("/api/") else ("", "/en")
        for prefix in prefixes:
            for query in QUERIES:
                url = prefix + page + query
                response = client.get(url)
                assert response.status_code < 500, (url, response.status_code)
                if query.startswith("?q=") and response.status_code == 200:
                    assert b"<script>alert(1)</script>" not in response.content
