import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from dialogportal.textanalysis import InputDoc
from dialogportal.textanalysis.llm import ChatSummariser, SummariserError

DOCS = [
    InputDoc("1", "Der mangler billige boliger. Huslejen er for høj."),
    InputDoc("2", "Unge ledige skal have en læreplads."),
]
ANSWER = [
    {
        "point": "Boliger er for dyre.",
        "citations": [
            {"input_id": "1", "quote": "Huslejen er for høj."},
            {"input_id": "2", "quote": "Huslejen er for høj."},
        ],
    },
    {"point": "Opfundet punkt.", "citations": [{"input_id": "2", "quote": "Noget der ikke står."}]},
    {
        "point": "Lærepladser til unge.",
        "citations": [{"input_id": "2", "quote": "Unge ledige skal have en læreplads."}],
    },
]


class _Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str, dict[str, Any]]] = []
    reply: str = ""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append((self.path, self.headers["Authorization"], body))
        if type(self).reply == "500":
            self.send_response(500)
            self.end_headers()
            return
        payload = json.dumps({"choices": [{"message": {"content": type(self).reply}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_summariser_keeps_verified_citations_and_reports_the_rest(server):
    _Handler.reply = "```json\n" + json.dumps(ANSWER, ensure_ascii=False) + "\n```"
    client = ChatSummariser(server, "secret-key", model="local", timeout=5)
    summary = client.summarise("Boliger", DOCS)
    client.close()

    assert [p.text for p in summary.points] == ["Boliger er for dyre.", "Lærepladser til unge."]
    assert [c.input_id for c in summary.points[0].citations] == ["1"]
    assert [(c.input_id, c.sentence) for c in summary.dropped_citations] == [
        ("2", "Huslejen er for høj."),
        ("2", "Noget der ikke står."),
    ]
    assert summary.dropped_points == ("Opfundet punkt.",)
    path, auth, body = _Handler.requests[0]
    assert path == "/v1/chat/completions"
    assert auth == "Bearer secret-key"
    assert body["model"] == "local"
    assert "[1] Der mangler billige boliger." in body["messages"][1]["content"]


@pytest.mark.parametrize("reply", ["500", "ikke json", '{"a": 1}'])
def test_summariser_errors_are_clear(server, reply):
    _Handler.reply = reply
    client = ChatSummariser(server + "/v1", "k", timeout=5)
    with pytest.raises(SummariserError):
        client.summarise("Tema", DOCS)
    client.close()
