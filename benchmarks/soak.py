"""Soak: the demo stack under mixed traffic for N minutes, with the worker killed and restarted
in the middle. Reports acknowledged = stored, duplicates, stuck tasks and p50/p95 per endpoint.

    uv run python benchmarks/soak.py [--minutes 3] [--clients 6] [--database-url URL]

A fresh installation in a temporary folder (SQLite, or the PostgreSQL database given by
--database-url, which must be empty), with the demo data; the production web server (gunicorn,
2 workers) and one worker (`dialogportal run_worker`). Traffic, all from threads on this machine:

- submissions: citizens POST inputs to the open demo process through the API, each with its own
  Idempotency-Key, sent again with the same key after a 503 or a dropped connection;
- page reads: the front page, the demo process, its focus areas, the public API;
- staff actions: a moderator reads the moderation queue, an administrator the operations page;
- an analysis run: a process manager starts one shortly before the worker is killed.

Half-way the worker gets SIGKILL; a new one starts 3 s later. After the traffic stops the script
waits for the queue to drain, then checks every acknowledged input is stored once, no task is
left READY or RUNNING, and the analysis run finished.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core.stack import (  # noqa: E402 - after the path is set
    migrate,
    run_django,
    stack_env,
    start_worker,
    stop_process,
    web_server,
)

OPEN = "groen-omstilling"
DEMO = "fremtidens-randers"
PASSWORD = "demo-dialog-2025"  # noqa: S105 - the demo's published password (accounts/demo.py)

CHECK = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from dialogportal.analysis.models import AnalysisRun
from dialogportal.inputs.models import Input
keys = {keys!r}
inputs = Input.objects.filter(idempotency_key__in=keys)
print(json.dumps({{
    "ids": sorted(inputs.values_list("id", flat=True)),
    "doubled_keys": Input.objects.exclude(idempotency_key="").values("process", "idempotency_key")
        .annotate(n=Count("id")).filter(n__gt=1).count(),
    "tasks": {{s: DBTaskResult.objects.filter(status=s).count()
               for s in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")}},
    "retried_tasks": sum(1 for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
                         if len(ids) > 1),
    "failed": list(DBTaskResult.objects.filter(status="FAILED")
                   .values_list("task_path", "traceback")),
    "runs": list(AnalysisRun.objects.values_list("id", "status")),
}}))
"""


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.errors: list[str] = []
        self.acknowledged: dict[str, int] = {}

    def note(self, endpoint: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latency[endpoint].append(seconds)
            self.statuses[endpoint][status] += 1
            if status >= 500 and status != 503:
                self.errors.append(f"{endpoint}: HTTP {status}")


def timed(
    http: httpx.Client, rec: Recorder, endpoint: str, method: str, url: str, **kw: Any
) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = http.request(method, url, **kw)
    except httpx.TransportError as exc:
        with rec.lock:
            rec.errors.append(f"{endpoint}: {type(exc).__name__}")
        return None
    rec.note(endpoint, response.status_code, time.perf_counter() - started)
    return response


def login(base: str, username: str) -> httpx.Client:
    http = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
    page = http.get("/konto/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the login page"
    response = http.post(
        "/konto/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": base + "/konto/login/"},
    )
    assert response.status_code == 302, f"login of {username} failed ({response.status_code})"
    return http


def citizen(base: str, areas: list[str], rec: Recorder, until: float, seed: int) -> None:
    rng = random.Random(seed)
    url = f"/api/v1/processes/{OPEN}/inputs/"
    with httpx.Client(base_url=base, timeout=60) as http:
        while time.monotonic() < until:
            key = uuid.uuid4().hex
            body = {
                "focus_area": rng.choice(areas),
                "title": "",
                "text": f"Flere cykelstier og træer langs åen – forslag {rng.randrange(10**6)}.",
                "contributor_type": "citizen",
                "organisation": "",
                "name": "",
                "email": "",
                "postcode": "8900",
                "consent_publish_name": False,
                "consent_contact": False,
            }
            for _attempt in range(50):
                response = timed(
                    http,
                    rec,
                    "POST api inputs",
                    "POST",
                    url,
                    json=body,
                    headers={"Idempotency-Key": key},
                )
                if response is not None and response.status_code == 201:
                    with rec.lock:
                        rec.acknowledged[key] = int(response.json()["id"])
                    break
                if response is not None and response.status_code not in (503,):
                    with rec.lock:
                        rec.errors.append(f"submission answered {response.status_code}")
                    break
                time.sleep(0.5)
            time.sleep(rng.uniform(0.1, 0.4))


def reader(base: str, areas: list[str], rec: Recorder, until: float, seed: int) -> None:
    rng = random.Random(seed)
    pages = [
        ("GET /", "/"),
        ("GET process", f"/processer/{DEMO}/"),
        ("GET focus area", None),
        ("GET api inputs", f"/api/v1/processes/{DEMO}/inputs/"),
    ]
    with httpx.Client(base_url=base, timeout=60) as http:
        while time.monotonic() < until:
            name, path = rng.choice(pages)
            if path is None:
                path = f"/processer/{OPEN}/fokus/{rng.choice(areas)}/"
            timed(http, rec, name, "GET", path)
            time.sleep(rng.uniform(0.05, 0.2))


def staff(base: str, rec: Recorder, until: float) -> None:
    moderator, admin = login(base, "moderator"), login(base, "admin")
    try:
        while time.monotonic() < until:
            timed(moderator, rec, "GET moderation (staff)", "GET", "/moderering/")
            timed(admin, rec, "GET drift (staff)", "GET", "/drift/")
            time.sleep(0.5)
    finally:
        moderator.close()
        admin.close()


def start_analysis(base: str, rec: Recorder) -> None:
    http = login(base, "proces")
    try:
        token = http.cookies.get("csrftoken", "")
        response = timed(
            http,
            rec,
            "POST analysis start (staff)",
            "POST",
            f"/processer/{DEMO}/analyse/start/",
            data={"csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}/processer/{DEMO}/analyse/"},
        )
        if response is None or response.status_code not in (200, 302):
            rec.errors.append(f"analysis start answered {response and response.status_code}")
    finally:
        http.close()


def wait_for_analysis_to_run(base: str, *, timeout: float) -> bool:
    """Until the worker's heartbeat says it runs the analysis (so the kill lands mid-run)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status = httpx.get(f"{base}/healthz/worker", timeout=30).json()
        except (httpx.HTTPError, ValueError):
            status = {}
        if any(w.get("current_task") == "analysis.run_analysis" for w in status.get("workers", [])):
            return True
        time.sleep(0.2)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=6, help="submitting citizens")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--database-url", default="", help="an EMPTY PostgreSQL database")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dialogportal-soak-") as name:
        workdir = Path(name)
        url = args.database_url or f"sqlite:///{workdir / 'soak.sqlite3'}"
        env = stack_env(workdir, url, WORKER_STALE_AFTER_SECONDS="10", LOG_LEVEL="ERROR")
        print(f"setting up ({'PostgreSQL' if args.database_url else 'SQLite'}) …", flush=True)
        migrate(env)
        subprocess.run(
            [sys.executable, "-m", "dialogportal", "load_demo"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        areas = json.loads(
            run_django(
                env,
                "import json\nfrom dialogportal.processes.models import FocusArea\n"
                f"print(json.dumps(list(FocusArea.objects.filter(process__slug={OPEN!r})"
                ".values_list('slug', flat=True))))",
            )
        )
        worker = start_worker(env, "soak-1")
        rec = Recorder()
        kill_report: dict[str, float] = {}
        try:
            with web_server(env) as base:
                print(f"serving at {base}; {args.minutes} min of traffic, {load()}", flush=True)
                started = time.monotonic()
                until = started + args.minutes * 60
                threads = [
                    threading.Thread(target=citizen, args=(base, areas, rec, until, n))
                    for n in range(args.clients)
                ]
                threads += [
                    threading.Thread(target=reader, args=(base, areas, rec, until, 100 + n))
                    for n in range(args.readers)
                ]
                threads.append(threading.Thread(target=staff, args=(base, rec, until)))
                for thread in threads:
                    thread.start()
                half = started + args.minutes * 30
                time.sleep(max(0.0, half - 1 - time.monotonic()))
                start_analysis(base, rec)
                kill_report["analysis_running_when_killed"] = float(
                    wait_for_analysis_to_run(base, timeout=90)
                )
                worker.send_signal(signal.SIGKILL)
                worker.wait()
                kill_report["killed_at"] = time.monotonic() - started
                time.sleep(3)
                worker = start_worker(env, "soak-2")
                kill_report["restarted_at"] = time.monotonic() - started
                for thread in threads:
                    thread.join()
                print(f"traffic done, {load()}; waiting for the queue to drain …", flush=True)
                deadline = time.monotonic() + 300
                check: dict[str, Any] = {}
                while time.monotonic() < deadline:
                    check = json.loads(run_django(env, CHECK.format(keys=list(rec.acknowledged))))
                    if check["tasks"]["READY"] == check["tasks"]["RUNNING"] == 0 and all(
                        status in ("done", "failed") for _id, status in check["runs"]
                    ):
                        break
                    time.sleep(2)
                drained = time.monotonic() - started - args.minutes * 60
        finally:
            stop_process(worker)

    stored = set(check["ids"])
    acknowledged = set(rec.acknowledged.values())
    lost = acknowledged - stored
    print(
        f"\n== soak: {args.minutes} min, {args.clients} citizens, {args.readers} readers, "
        f"1 staff pair, gunicorn 2 workers, 1 task worker, {load()} =="
    )
    mid_run = bool(kill_report.get("analysis_running_when_killed"))
    print(f"the worker was running the analysis when killed: {mid_run}")
    print(
        f"worker killed (SIGKILL) at {kill_report['killed_at']:.0f} s, "
        f"a new one started at {kill_report['restarted_at']:.0f} s; "
        f"queue drained {drained:.0f} s after the traffic stopped"
    )
    print(f"{'endpoint':32} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}  statuses")
    for endpoint in sorted(rec.latency):
        values = rec.latency[endpoint]
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(rec.statuses[endpoint].items()))
        print(
            f"{endpoint:32} {len(values):>8} {percentile(values, 0.5) * 1000:>8.0f} "
            f"{percentile(values, 0.95) * 1000:>8.0f}  {statuses}"
        )
    print(f"inputs acknowledged      {len(acknowledged)}")
    print(f"stored (of those)        {len(stored)}")
    print(f"lost (acknowledged, not stored)  {len(lost)}")
    print(f"duplicated keys                  {check['doubled_keys']}")
    print(
        f"tasks left READY / RUNNING       {check['tasks']['READY']} / {check['tasks']['RUNNING']}"
    )
    tasks = check["tasks"]
    print(f"tasks SUCCESSFUL / FAILED        {tasks['SUCCESSFUL']} / {tasks['FAILED']}")
    print(f"tasks run again after the kill   {check['retried_tasks']}")
    print(f"analysis runs                    {check['runs']}")
    if rec.errors:
        print(f"errors                   {len(rec.errors)} (first: {rec.errors[:5]})")
    for path, traceback in check["failed"][:3]:
        print(f"FAILED {path}: {traceback.strip().splitlines()[-1] if traceback else ''}")
    ok = (
        not lost
        and check["doubled_keys"] == 0
        and check["tasks"]["READY"] == check["tasks"]["RUNNING"] == 0
        and all(status == "done" for _id, status in check["runs"])
        and not [e for e in rec.errors if "HTTP 5" in e]
    )
    print("\nOK: acknowledged = stored, no duplicates, no stuck task." if ok else "\nFAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
