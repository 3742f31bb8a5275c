"""Posting the public form the way a browser does."""

import time
from typing import Any, cast

from django.http import HttpResponse
from django.test import Client

from dialogportal.core.spamtrap import sign_started


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": "Vi mangler cykelstier på landet – især mellem Assentoft og Randers.",
        "title": "Cykelstier",
        "contributor_type": "citizen",
        "organisation": "",
        "name": "",
        "email": "",
        "postcode": "",
        "accept_privacy": "on",
        "website": "",
        "started": sign_started(time.time() - 30),
        "submission_key": "key-" + str(time.monotonic_ns()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_form(client: Client, url: str, **overrides: Any) -> HttpResponse:
    return cast(HttpResponse, client.post(url, form_data(**overrides)))
