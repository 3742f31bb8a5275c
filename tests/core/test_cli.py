"""The `dialogportal` command, run as a real process."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import environ
import httpx
import pytest
from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend

from dialogportal.cli import file_mail_url

PYTHON = [sys.executable, "-m", "dialogportal"]


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [*PYTHON, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.slow
def test_the_demo_mail_url_writes_files_where_it_says_also_for_a_relative_var_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # VAR_DIR=var (relative) and an absolute VAR_DIR both end in <VAR_DIR>/mail, not in a
    # directory named after the path below the working directory.
    monkeypatch.chdir(tmp_path)
    for var in (Path("var"), tmp_path / "elsewhere"):
        config = environ.Env.email_url_config(file_mail_url(var / "mail"))
        assert config["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
        backend = EmailBackend(file_path=config["EMAIL_FILE_PATH"])
        sent = backend.send_messages([EmailMessage("Høring", "Svar senest fredag.", to=["a@b.dk"])])
        assert sent == 1
        assert len(list((tmp_path / var / "mail").iterdir())) == 1


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "demo" in result.stdout
    assert "serve" in result.stdout


@pytest.mark.slow
def test_screen_text_prints_one_json_object_per_line() -> None:
    result = run("screen-text", "-", stdin="Ring på 12 34 56 78\nIntet personligt, æøå\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["line"] == 1
    assert lines[0]["hits"][0]["kind"] == "phone"
    assert lines[1] == {"line": 2, "hits": []}


@pytest.mark.slow
def test_analyse_file_runs_without_a_database(tmp_path: Path) -> None:
    areas = tmp_path / "areas.json"
    areas.write_text(
        json.dumps(
            [
                {"id": "bolig", "title": "Boliger", "description": "Bedre boliger i midtbyen"},
                {"id": "job", "title": "Job", "description": "Flere private arbejdspladser"},
            ]
        ),
        encoding="utf-8",
    )
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text(
        '{"id": "1", "text": "Flere job i private virksomheder, tak."}\n'
        '{"id": "2", "text": "Boligerne i midtbyen skal renoveres."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "result.json"
    result = run(
        "analyse-file",
        "--areas",
        str(areas),
        "--inputs",
        str(inputs),
        "--out",
        str(out),
        env={"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
    )
    assert result.returncode == 0, result.stderr
    assert {a["id"] for a in json.loads(out.read_text())["assignments"]} == {"1", "2"}


@pytest.mark.slow
def test_analyse_file_rejects_a_malformed_line_with_its_number(tmp_path: Path) -> None:
    areas = tmp_path / "areas.json"
    areas.write_text('[{"id": "a", "title": "A", "description": "B"}]', encoding="utf-8")
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text('{"id": "1", "text": "ok"}\n{not json\n', encoding="utf-8")
    result = run(
        "analyse-file",
        "--areas",
        str(areas),
        "--inputs",
        str(inputs),
        "--out",
        str(tmp_path / "r.json"),
    )
    assert result.returncode == 2
    assert "2" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            child = int(stat.parent.name)
            found |= {child, *_children(child)}
    return found


def _is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; only its parent (or init) still has to reap it


def _wait_until_gone(pids: set[int], timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(_is_running(pid) for pid in pids):
            return True
        time.sleep(0.2)
    return False


def _wait_for_health(url: str, process: subprocess.Popen[str], timeout: float) -> httpx.Response:
    """Wait until the site answers and its task worker has beaten. The site is ready before the
    worker's first heartbeat (a second start finds the first run's worker marked stopped), so
    both are waited for."""
    deadline = time.monotonic() + timeout
    last: httpx.Response | None = None
    while time.monotonic() < deadline:
        assert process.poll() is None, "the demo stopped early"
        try:
            last = httpx.get(url, timeout=2)
            if last.status_code == 200 and last.json()["worker"] == "ok":
                return last
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"/healthz never became healthy: {last and last.text}")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find child processes")
def test_demo_serves_is_idempotent_and_stops_cleanly_on_sigterm(short_tmp_path: Path) -> None:
    # The real demo: none of the test suite's settings (tests/django_env.py) leak into it.
    test_only = {"DATABASE_URL", "SECRET_KEY", "SECURE_SSL_REDIRECT", "SECURE_COOKIES"}
    test_only |= {"STATIC_MANIFEST", "CACHE_URL", "EMAIL_URL"}
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env |= {"VAR_DIR": str(short_tmp_path / "var"), "WORKER_HEARTBEAT_SECONDS": "1"}
    for attempt in (1, 2):
        port = _free_port()
        process = subprocess.Popen(
            [*PYTHON, "demo", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            _wait_for_health(f"http://127.0.0.1:{port}/healthz", process, 300)
            front = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
            assert front.status_code == 200
            assert "Fremtidens Randers" in front.text
            children = _children(process.pid)
            assert len(children) >= 2  # gunicorn (with its workers) and the task worker
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=60)
        assert process.returncode == 0, output
        assert "Dialogportal stopped." in output
        assert _wait_until_gone(children), "processes left behind after SIGTERM"
        if attempt == 2:
            assert "already present" in output
        # The banner: mail goes to files (no MED hearing mail on the screen), every account
        # with a role, the council members included.
        assert f"written to a file in {short_tmp_path / 'var' / 'mail'}/" in output
        assert "Subject:" not in output
        banner = output[output.index("Dialogportal runs at") :]
        assert "borgmester" in banner
        account_lines = [line for line in banner.splitlines() if line.startswith("  ")]
        assert account_lines
        assert not [line for line in account_lines if line.endswith("– –")]


def _serve(var: Path, port: int) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    return subprocess.Popen(
        [*PYTHON, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--preload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _wait_live(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn stopped early"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz/live", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError("gunicorn did not answer")


@pytest.mark.slow
def test_two_servers_keep_their_own_control_socket_and_pid_file(short_tmp_path: Path) -> None:
    var = short_tmp_path / "var"
    ports = [_free_port(), _free_port()]
    servers = [_serve(var, port) for port in ports]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_live(port, server)
        run = var / "run"
        sockets = {port: run / f"gunicorn-127.0.0.1-{port}.ctl" for port in ports}
        pids = {port: run / f"gunicorn-127.0.0.1-{port}.pid" for port in ports}
        deadline = time.monotonic() + 30
        while not all(path.exists() for path in sockets.values()):
            assert time.monotonic() < deadline, sorted(p.name for p in run.iterdir())
            time.sleep(0.2)
        for port, server in zip(ports, servers, strict=True):
            assert sockets[port].is_socket()
            assert int(pids[port].read_text()) == server.pid
        servers[0].send_signal(signal.SIGTERM)
        servers[0].wait(timeout=60)
        # Stopping one leaves the other's files and the other server alone.
        assert sockets[ports[1]].is_socket()
        assert pids[ports[1]].exists()
        assert httpx.get(f"http://127.0.0.1:{ports[1]}/healthz/live", timeout=5).status_code == 200
        assert not Path.home().joinpath(".gunicorn", f"gunicorn-{ports[0]}.ctl").exists()
    finally:
        for server in servers:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=60)


def test_a_control_socket_path_too_long_for_unix_is_refused_with_advice(tmp_path: Path) -> None:
    from dialogportal.cli import gunicorn_runtime_options

    deep = tmp_path / ("d" * 120)
    with pytest.raises(SystemExit, match="shorter path"):
        gunicorn_runtime_options(deep, "127.0.0.1:8000")
