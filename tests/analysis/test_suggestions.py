"""The optional language model suggests a theme's name and summary: asked over real HTTP (a
local server started here stands in for the municipality's OpenAI-compatible server), only
published inputs are sent, only verified quotes count, and nothing is saved."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.analysis.models import CuratedTheme, CurationEvent
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.processes.models import Process
from tests.analysis.builders import grouped_run, make_analysable_process, staff

pytestmark = pytest.mark.django_db

LABEL = "Boliger, midtbyen og lejligheder"


class _Model(BaseHTTPRequestHandler):
    bodies: ClassVar[list[dict[str, Any]]] = []
    reply: ClassVar[str] = ""
    status: ClassVar[int] = 200

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).bodies.append(json.loads(self.rfile.read(length)))
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        payload = {"choices": [{"message": {"content": type(self).reply}}]}
        self.wfile.write(json.dumps(payload).encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def model_server(settings: Any) -> Iterator[type[_Model]]:
    httpd = HTTPServer(("127.0.0.1", 0), _Model)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Model.bodies, _Model.status = [], 200
    settings.ANALYSIS_LLM_URL = f"http://127.0.0.1:{httpd.server_port}/v1"
    settings.ANALYSIS_LLM_API_KEY = "kommunens-noegle"
    settings.ANALYSIS_LLM_TIMEOUT = 5
    yield _Model
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def process() -> Process:
    process = make_analysable_process(slug="forslagsby")
    housing = list(Input.objects.filter(process=process, focus_area__slug="boliger").order_by("pk"))
    Input.objects.filter(pk=housing[1].pk).update(moderation_state=ModerationState.HIDDEN)
    grouped_run(process, {LABEL: housing[:4]})
    return process


def manager() -> Client:
    client = Client()
    client.force_login(staff(Role.PROCESS_MANAGER, "leder"))
    return client


def test_the_suggestion_fills_the_form_with_verified_points_and_saves_nothing(
    process: Process, model_server: type[_Model]
) -> None:
    theme = CuratedTheme.objects.get(process=process)
    published = list(Input.objects.public().filter(curated_memberships__theme=theme).order_by("pk"))
    quote = published[0].text.split(".")[0] + "."
    model_server.reply = json.dumps(
        {
            "name": "Renovering af boliger i midtbyen",
            "points": [
                {
                    "point": "Boligerne i midtbyen trænger til renovering.",
                    "citations": [{"input_id": str(published[0].pk), "quote": quote}],
                },
                {
                    "point": "Et punkt, modellen fandt på.",
                    "citations": [{"input_id": str(published[0].pk), "quote": "Står der ikke."}],
                },
            ],
        },
        ensure_ascii=False,
    )
    client = manager()
    page = client.get(f"/analyse/temaer/{theme.pk}/").content.decode()
    assert "Foreslå navn og resumé med sprogmodellen" in page
    response = client.post(f"/analyse/temaer/{theme.pk}/forslag/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Renovering af boliger i midtbyen"' in html
    assert "Boligerne i midtbyen trænger til renovering." in html
    assert "Et punkt, modellen fandt på." not in html
    assert "1 punkt uden ordret citat" in html
    # Only published inputs left the building, with the municipality's key.
    [body] = model_server.bodies
    sent = body["messages"][1]["content"]
    hidden = Input.objects.get(moderation_state=ModerationState.HIDDEN)
    assert hidden.text[:40] not in sent
    assert all(f"[{item.pk}]" in sent for item in published)
    # A suggestion only: the theme is unchanged and nothing is logged as an edit.
    theme.refresh_from_db()
    assert theme.title == LABEL
    assert theme.summary == ""
    assert not CurationEvent.objects.filter(actor__isnull=False).exists()


@pytest.mark.parametrize(
    ("status", "reply"), [(500, "fejl"), (200, "ikke json"), (200, '["en liste"]')]
)
def test_a_failing_model_gives_a_danish_message_and_changes_nothing(
    process: Process, model_server: type[_Model], status: int, reply: str
) -> None:
    model_server.status, model_server.reply = status, reply
    theme = CuratedTheme.objects.get(process=process)
    response = manager().post(f"/analyse/temaer/{theme.pk}/forslag/", follow=True)
    assert "Sprogmodellen kunne ikke give et forslag" in response.content.decode()
    theme.refresh_from_db()
    assert theme.title == LABEL


def test_a_name_that_is_no_name_is_not_suggested(
    process: Process, model_server: type[_Model]
) -> None:
    model_server.reply = json.dumps({"name": "x" * 500, "points": []})
    theme = CuratedTheme.objects.get(process=process)
    html = manager().post(f"/analyse/temaer/{theme.pk}/forslag/").content.decode()
    assert f'value="{LABEL}"' in html


def test_without_a_configured_model_there_is_no_button_and_no_address(
    process: Process, settings: Any
) -> None:
    settings.ANALYSIS_LLM_URL = ""
    theme = CuratedTheme.objects.get(process=process)
    client = manager()
    assert "sprogmodellen" not in client.get(f"/analyse/temaer/{theme.pk}/").content.decode()
    assert client.post(f"/analyse/temaer/{theme.pk}/forslag/").status_code == 404


def test_moderators_cannot_ask_the_model(process: Process, model_server: type[_Model]) -> None:
    theme = CuratedTheme.objects.get(process=process)
    client = Client()
    client.force_login(staff(Role.MODERATOR, "moderator"))
    assert client.post(f"/analyse/temaer/{theme.pk}/forslag/").status_code == 403
    assert model_server.bodies == []
