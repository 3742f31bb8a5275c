"""A whole Dialogportal stack of real processes for the reliability tests and benchmarks: a
PostgreSQL cluster of its own (so it can be restarted without disturbing anyone), the
production web server (gunicorn) and workers, each a subprocess.

A private cluster: `initdb` into a temporary directory and `pg_ctl` on a free port. As root
(CI) the cluster runs as the `postgres` user, as PostgreSQL refuses to run as root."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg_available() -> str:
    """Why a private cluster cannot be made here ("" when it can)."""
    if not (PG_BIN / "initdb").exists():
        return f"no PostgreSQL binaries in {PG_BIN}"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user"
    return ""


@dataclass
class PgCluster:
    directory: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgres://dialogportal:dialogportal@127.0.0.1:{self.port}/dialogportal"

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        argv = [str(PG_BIN / command[0]), *command[1:]]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, capture_output=True, text=True, check=check, timeout=120)

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.directory / "data"),
            "-l",
            str(self.directory / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.directory / "data"), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        """A restart as an operator (or a failover) does it: every connection is cut."""
        self._run(
            "pg_ctl",
            "-D",
            str(self.directory / "data"),
            "-m",
            "fast",
            "-w",
            "-l",
            str(self.directory / "log"),
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            "restart",
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        return self._run(
            "psql", "-h", str(self.directory), "-p", str(self.port), "-d", database, "-qtAc", sql
        ).stdout


@contextmanager
def pg_cluster() -> Iterator[PgCluster]:
    directory = Path(tempfile.mkdtemp(prefix="dialogportal-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = PgCluster(directory=directory, port=free_port())
    try:
        cluster._run("initdb", "-D", str(directory / "data"), "-A", "trust", "-E", "UTF8")
        cluster.start()
        cluster.psql("CREATE ROLE dialogportal LOGIN PASSWORD 'dialogportal' CREATEDB")
        cluster.psql("CREATE DATABASE dialogportal OWNER dialogportal")
        yield cluster
    finally:
        data = str(directory / "data")
        cluster._run("pg_ctl", "-D", data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(directory, ignore_errors=True)


def stack_env(workdir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a throw-away installation in `workdir` (production settings)."""
    (workdir / "static").mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "dialogportal.settings",
            "SECRET_KEY": "stack-only-secret-key",
            "DEBUG": "false",
            "VAR_DIR": str(workdir),
            "DATABASE_URL": database_url,
            "CACHE_URL": f"filecache:///{workdir / 'cache'}",
            "EMAIL_URL": "dummymail://",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_MANIFEST": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
            "INPUT_RATE_LIMIT": "1000000000",
            # The test's clients are one load generator on this machine sending look-alike
            # texts, not a flood: the flood limits (docs/privacy.md) are lifted here.
            "INPUT_LIMIT_EXEMPT_NETWORKS": "127.0.0.0/8,::1/128",
            "INPUT_NETWORK_RATE_LIMIT": "1000000000",
            "INPUT_SAME_TEXT_PER_NETWORK_LIMIT": "1000000000",
            "INPUT_SAME_TEXT_LIMIT": "1000000000",
            "API_ANON_RATE": "100000/second",
            "INPUT_MIN_SECONDS_TO_SUBMIT": "0",
            "WORKER_HEARTBEAT_SECONDS": "1",
            "WORKER_STALE_AFTER_SECONDS": "5",
            "DATABASE_CONNECT_TIMEOUT": "3",
        }
    )
    env.update(extra)
    return env


def run_django(env: dict[str, str], code: str) -> str:
    """Run Django code in a fresh interpreter of the stack; returns what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return result.stdout


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "dialogportal", "migrate", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=600,
    )


OPEN_PROCESS = """
from datetime import timedelta
from django.utils import timezone
from dialogportal.processes.models import Process
from dialogportal.processes.services import add_focus_area, add_phase, create_process
slug = {slug!r}
if not Process.objects.filter(slug=slug).exists():
    now = timezone.now()
    process = create_process(slug=slug, title="Stabilitet", is_published=True)
    add_phase(process=process, kind="input", title="Input", starts_at=now - timedelta(days=1),
              ends_at=now + timedelta(days=30))
    add_focus_area(process=process, slug="omraade", title="Område", description="Til test")
"""


def open_process(env: dict[str, str], slug: str) -> None:
    run_django(env, OPEN_PROCESS.format(slug=slug))


@contextmanager
def web_server(env: dict[str, str], *, workers: int = 2) -> Iterator[str]:
    """`dialogportal serve` on a free port; yields its base URL once /healthz/ready is 200."""
    port = free_port()
    log = (Path(env["VAR_DIR"]) / f"web-{port}.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dialogportal",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "300",
            "--preload",  # import every app once, before the workers fork
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(base + "/healthz/ready", timeout=60).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the web server did not start")
            time.sleep(0.3)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def start_worker(env: dict[str, str], worker_id: str) -> subprocess.Popen[bytes]:
    log = (Path(env["VAR_DIR"]) / f"{worker_id}.log").open("w")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dialogportal",
            "run_worker",
            "--worker-id",
            worker_id,
            "--interval",
            "0.2",
            "--no-schedule",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- submissions while the database restarts -------------------------------------------------

DANISH_503 = ("midlertidigt utilgængelig", "Intet er gemt")


@dataclass
class RestartRun:
    acknowledged: dict[str, int]  # idempotency key -> input id
    statuses: dict[int, int]  # HTTP status -> count (every attempt)
    bad: list[str]  # answers that are neither a success nor a clean Danish 503
    first_unavailable: float | None  # seconds after the restart began
    last_unavailable: float | None
    restart_seconds: float  # how long pg_ctl restart took
    recovered_after: float | None  # first success after the restart ended, seconds
    latencies: list[float]


def submissions_during_restart(
    base: str,
    slug: str,
    cluster: PgCluster,
    *,
    clients: int = 6,
    per_client: int = 40,
    restart_after: float = 2.0,
) -> RestartRun:
    """`clients` threads submit inputs (each with its own Idempotency-Key, retried with the same
    key after a 503 or a dropped connection) while the database is restarted once."""
    import json
    import threading
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    lock = threading.Lock()
    run = RestartRun({}, {}, [], None, None, 0.0, None, [])
    marks: dict[str, float] = {}
    url = f"{base}/api/v1/processes/{slug}/inputs/"

    def note(status: int, at: float, text: str) -> None:
        with lock:
            run.statuses[status] = run.statuses.get(status, 0) + 1
            began = marks.get("restart_began")
            if status == 503:
                if text.startswith("{"):
                    text = str(json.loads(text).get("detail", ""))
                if not all(phrase in text for phrase in DANISH_503):
                    run.bad.append(f"503 without the Danish message: {text[:200]}")
                if began is not None:
                    since = at - began
                    run.first_unavailable = (
                        since if run.first_unavailable is None else run.first_unavailable
                    )
                    run.last_unavailable = since
            elif status == 201:
                ended = marks.get("restart_ended")
                if ended is not None and run.recovered_after is None and at >= ended:
                    run.recovered_after = at - ended
            else:
                run.bad.append(f"HTTP {status}: {text[:200]}")

    def client(number: int) -> None:
        with httpx.Client(timeout=30) as http:
            for index in range(per_client):
                key = uuid.uuid4().hex
                body = {
                    "focus_area": "omraade",
                    "title": "",
                    "text": f"Flere cykelstier og bænke langs åen, forslag {number}-{index}.",
                    "contributor_type": "citizen",
                    "organisation": "",
                    "name": "",
                    "email": "",
                    "postcode": "8900",
                    "consent_publish_name": False,
                    "consent_contact": False,
                }
                for _attempt in range(200):
                    started = time.monotonic()
                    try:
                        response = http.post(url, json=body, headers={"Idempotency-Key": key})
                    except httpx.TransportError:
                        time.sleep(0.2)
                        continue
                    done = time.monotonic()
                    note(response.status_code, done, response.text)
                    if response.status_code == 201:
                        with lock:
                            run.latencies.append(done - started)
                            run.acknowledged[key] = int(response.json()["id"])
                        break
                    if response.status_code != 503:
                        break  # recorded as bad; retrying would not help
                    time.sleep(0.2)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(client, n) for n in range(clients)]
        time.sleep(restart_after)
        marks["restart_began"] = time.monotonic()
        cluster.restart()
        marks["restart_ended"] = time.monotonic()
        run.restart_seconds = marks["restart_ended"] - marks["restart_began"]
        for future in futures:
            future.result()
    return run


STORED = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from dialogportal.inputs.models import Input
from dialogportal.moderation.models import ScreeningResult
inputs = Input.objects.filter(process__slug={slug!r})
print(json.dumps({{
    "ids": sorted(inputs.values_list("id", flat=True)),
    "keys": inputs.values("idempotency_key").distinct().count(),
    "doubled_keys": inputs.values("idempotency_key").annotate(n=Count("id"))
                    .filter(n__gt=1).count(),
    "unscreened": inputs.exclude(pk__in=ScreeningResult.objects.filter(input__isnull=False)
                                 .values("input_id")).count(),
    "tasks": {{s: DBTaskResult.objects.filter(status=s).count()
               for s in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")}},
}}))
"""


def stored_inputs(env: dict[str, str], slug: str) -> dict[str, object]:
    import json

    return dict(json.loads(run_django(env, STORED.format(slug=slug))))


def subprocess_run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`dialogportal ARGS…` in the stack's environment."""
    return subprocess.run(
        [sys.executable, "-m", "dialogportal", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
