"""Submissions per second through the real HTTP stack, and proof that none is lost or doubled.

    uv run python benchmarks/inputs_submit.py [--clients 50] [--requests 3000] [--retry-share 0.1]

Starts the production server (gunicorn, 2 workers) on a free localhost port against a fresh
SQLite database in a temporary directory and – when DATABASE_URL points at PostgreSQL – against
that database as well. 50 client threads (httpx) POST JSON to /api/v1/processes/{slug}/inputs/,
each with its own Idempotency-Key; a share of the requests is sent a second time with the same
key, as a browser retry or a client that lost the answer would. Afterwards every acknowledged id
must be in the database exactly once, and there must be one input per key.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
# Settings for the run: the real settings module, with the flood limits lifted but still
# counted (every client is 127.0.0.1 here, and the texts are alike) and no minimum time to submit.
BENCH_SETTINGS = """\
from dialogportal.settings import *  # noqa: F403

INPUT_RATE_LIMIT = 10**9
INPUT_NETWORK_RATE_LIMIT = 10**9
INPUT_SAME_TEXT_PER_NETWORK_LIMIT = 10**9
INPUT_SAME_TEXT_LIMIT = 10**9
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {  # noqa: F405
    **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],  # noqa: F405
    "anon": None,
}
INPUT_MIN_SECONDS_TO_SUBMIT = 0
ROOT_URLCONF = "bench_urls"
"""
# The real addresses plus one trivial view through the same middleware: the ceiling of the
# stack on this machine (what no optimisation of our own views can beat).
BENCH_URLS = """\
from django.http import HttpRequest, HttpResponse
from django.urls import path

from dialogportal.urls import urlpatterns as real_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-trivial/", trivial), *real_urlpatterns]
"""
# The production server's options (dialogportal serve); --threads N switches to gthread.
SERVER_THREADS = int(os.environ.get("BENCH_THREADS", "1"))


def load() -> str:
    """The load average (1, 5, 15 min) – printed beside every figure: the machine is shared."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(workdir: Path, database_url: str) -> dict[str, str]:
    """The environment of a throw-away installation in `workdir`."""
    (workdir / "bench_settings.py").write_text(BENCH_SETTINGS, encoding="utf-8")
    (workdir / "bench_urls.py").write_text(BENCH_URLS, encoding="utf-8")
    (workdir / "static").mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": f"{workdir}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "SECRET_KEY": "benchmark-only-secret-key",
            "DEBUG": "false",
            "VAR_DIR": str(workdir),
            "DATABASE_URL": database_url,
            "CACHE_URL": "locmemcache://",
            "EMAIL_URL": "dummymail://",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_MANIFEST": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def run_python(env: dict[str, str], code: str) -> str:
    """Run Django code in a fresh interpreter with the benchmark's environment."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "-v0"], env=env, cwd=ROOT, check=True
    )


@contextmanager
def temp_workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="dialogportal-bench-") as name:
        yield Path(name)


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2) -> Iterator[str]:
    """The production server on a free localhost port; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "dialogportal.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--backlog",
            "2048",
            *(
                ["--worker-class", "gthread", "--threads", str(SERVER_THREADS)]
                if SERVER_THREADS > 1
                else []
            ),
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/v1/processes/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


SETUP = """
from datetime import timedelta
from django.utils import timezone
from dialogportal.processes.models import Process
from dialogportal.processes.services import add_focus_area, add_phase, create_process
slug = "{slug}"
if not Process.objects.filter(slug=slug).exists():
    now = timezone.now()
    process = create_process(slug=slug, title="Benchmark", is_published=True)
    add_phase(process=process, kind="input", title="Input", starts_at=now - timedelta(days=1),
              ends_at=now + timedelta(days=30))
    add_focus_area(process=process, slug="omraade", title="Område", description="Til benchmark")
"""

CHECK = """
import json
from django.db.models import Count
from dialogportal.inputs.models import Input
qs = Input.objects.filter(process__slug="{slug}")
print(json.dumps({{
    "rows": qs.count(),
    "keys": qs.values("idempotency_key").distinct().count(),
    "doubled_keys": qs.values("idempotency_key").annotate(n=Count("id")).filter(n__gt=1).count(),
    "ids": list(qs.values_list("id", flat=True)),
}}))
"""

TEXTS = (
    "Flere busser til landsbyerne om aftenen, så de unge kan komme hjem fra fritidsjob.",
    "Cykelstier mellem Assentoft og Randers, så børnene kan cykle sikkert i skole.",
    "Bedre boliger i midtbyen før der bygges nyt i udkanten – tak for muligheden for input.",
)


def run(base: str, slug: str, clients: int, total: int, retry_share: float) -> dict[str, object]:
    url = f"{base}/api/v1/processes/{slug}/inputs/"
    lock = threading.Lock()
    acknowledged: dict[str, int] = {}
    errors: list[str] = []
    latencies: list[float] = []
    rng = random.Random(7)
    jobs = [
        (uuid.uuid4().hex, rng.random() < retry_share, TEXTS[i % len(TEXTS)]) for i in range(total)
    ]
    per_client = [jobs[i::clients] for i in range(clients)]

    def client_loop(my_jobs: list[tuple[str, bool, str]]) -> None:
        with httpx.Client(timeout=60) as http:
            for key, retry, text in my_jobs:
                body = {
                    "focus_area": "omraade",
                    "title": "",
                    "text": text,
                    "contributor_type": "citizen",
                    "organisation": "",
                    "name": "",
                    "email": "",
                    "postcode": "8900",
                    "consent_publish_name": False,
                    "consent_contact": False,
                }
                for attempt in range(2 if retry else 1):
                    started = time.perf_counter()
                    try:
                        response = http.post(url, json=body, headers={"Idempotency-Key": key})
                    except httpx.HTTPError as exc:
                        with lock:
                            errors.append(f"{type(exc).__name__}")
                        continue
                    elapsed = time.perf_counter() - started
                    with lock:
                        latencies.append(elapsed)
                        if response.status_code == 201:
                            new_id = int(response.json()["id"])
                            previous = acknowledged.setdefault(key, new_id)
                            if previous != new_id:
                                errors.append(f"key {key} answered with two ids")
                        else:
                            errors.append(f"HTTP {response.status_code} on attempt {attempt}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client_loop, per_client))
    wall = time.perf_counter() - started
    requests = len(latencies)
    return {
        "acknowledged": acknowledged,
        "errors": errors,
        "wall": wall,
        "requests": requests,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
    }


def bench(name: str, database_url: str, workdir: Path, args: argparse.Namespace) -> bool:
    env = environment(workdir, database_url)
    slug = f"bench-{uuid.uuid4().hex[:8]}"
    migrate(env)
    run_python(env, SETUP.format(slug=slug))
    with gunicorn(env) as base:
        # Warm up both workers (imports, first connection) before measuring.
        with httpx.Client() as http:
            for _ in range(8):
                http.get(f"{base}/api/v1/processes/{slug}/")
        result = run(base, slug, args.clients, args.requests, args.retry_share)
    check = json.loads(run_python(env, CHECK.format(slug=slug)))
    acknowledged: dict[str, int] = result["acknowledged"]  # type: ignore[assignment]
    stored = set(check["ids"])
    lost = [pk for pk in acknowledged.values() if pk not in stored]
    unacknowledged = len(stored) - len(set(acknowledged.values()))
    rate = len(acknowledged) / float(result["wall"])  # type: ignore[arg-type]
    server = f"gunicorn 2 workers{f' x {SERVER_THREADS} threads' if SERVER_THREADS > 1 else ''}"
    print(f"\n== {name}: {args.clients} clients, {server}, {load()} ==")
    print(
        f"requests sent            {result['requests']} "
        f"({args.retry_share:.0%} repeated with the same key)"
    )
    print(f"inputs acknowledged      {len(acknowledged)} in {result['wall']:.2f} s")
    print(f"submissions per second   {rate:.0f}")
    p50, p95 = float(result["p50"]), float(result["p95"])  # type: ignore[arg-type]
    print(f"latency p50 / p95        {p50 * 1000:.1f} ms / {p95 * 1000:.1f} ms")
    print(f"rows in database         {check['rows']} (distinct keys {check['keys']})")
    print(f"lost (acknowledged, not stored)   {len(lost)}")
    print(f"doubled (two rows for one key)    {check['doubled_keys']}")
    print(f"stored but not acknowledged       {unacknowledged}")
    errors: list[str] = result["errors"]  # type: ignore[assignment]
    if errors:
        print(f"errors                   {len(errors)} (first: {errors[:3]})")
    return not lost and check["doubled_keys"] == 0 and check["rows"] == check["keys"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--retry-share", type=float, default=0.1)
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    ok = True
    with temp_workdir() as workdir:
        if not args.skip_sqlite:
            ok &= bench("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}", workdir, args)
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
            ok &= bench("PostgreSQL", database_url, workdir, args)
        else:
            print("\n(PostgreSQL skipped: DATABASE_URL does not point at PostgreSQL.)")
    print("\nOK: 0 lost, 0 doubled." if ok else "\nFAILED: see above.")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
