"""Where one submission's time goes: the API and the form, in one process, through the whole
middleware stack (Django's test client), with the floor view beside them. Prints the CPU time
per request, the SQL statements of one request, and cProfile's top functions.

    DATABASE_URL=postgres://… uv run python benchmarks/submissions_profile.py [--requests 300]
                                                                              [--top 25]

Uses the settings and URLs of `submissions.py` (flood limits lifted but counted) on a fresh
database beside DATABASE_URL's (SQLite in a temporary directory without it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inputs_submit import ROOT, SETUP, environment, migrate, run_python, temp_workdir
from public_pages import fresh_postgres
from submissions import BENCH_URLS, FLOOR_TABLE

PROFILE = """
import cProfile, json, pstats, time, uuid
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from dialogportal.inputs.forms import sign_started

N, TOP, SORT = {requests}, {top}, "{sort}"
slug = "{slug}"
api = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1")
form = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
form_path = f"/processer/{{slug}}/fokus/omraade/giv-input/"
form.get(form_path)
csrf = form.cookies["csrftoken"].value
started = sign_started(time.time() - 60)
TEXT = "Flere busser til landsbyerne om aftenen, så de unge kan komme hjem fra fritidsjob"


def floor_once(i):
    key = uuid.uuid4().hex
    r = api.post("/bench-floor/", {{"text": f"{{TEXT}} ({{key}})"}},
                 content_type="application/json", headers={{"Idempotency-Key": key}})
    assert r.status_code == 201, r.content


def api_once(i):
    key = uuid.uuid4().hex
    body = {{"focus_area": "omraade", "text": f"{{TEXT}} ({{key}})", "contributor_type": "citizen",
            "postcode": "8900", "consent_publish_name": False, "consent_contact": False}}
    r = api.post(f"/api/v1/processes/{{slug}}/inputs/", body, content_type="application/json",
                 headers={{"Idempotency-Key": key}})
    assert r.status_code == 201, r.content


def form_once(i):
    key = uuid.uuid4().hex
    r = form.post(form_path, {{"csrfmiddlewaretoken": csrf, "started": started,
                  "submission_key": key, "text": f"{{TEXT}} ({{key}})",
                  "contributor_type": "citizen", "postcode": "8900", "accept_privacy": "on",
                  "title": "", "organisation": "", "name": "", "email": "", "website": ""}})
    assert r.status_code == 302, r.content


for label, once in (("floor", floor_once), ("API", api_once), ("form", form_once)):
    for i in range(20):  # warm up
        once(i)
    with CaptureQueriesContext(connection) as queries:
        once(0)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for i in range(N):
        once(i)
    cpu, wall = (time.process_time() - cpu0) / N, (time.perf_counter() - wall0) / N
    print(f"\\n== {{label}}: {{cpu * 1000:.2f}} ms CPU, {{wall * 1000:.2f}} ms wall per request "
          f"({{N}} requests), {{len(queries)}} SQL statements ==")
    for q in queries.captured_queries:
        print("   ", q["sql"][:150])
    if label == "floor":
        continue
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(N):
        once(i)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats(SORT).print_stats(TOP)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", help="cProfile's order (tottime, …)")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    with temp_workdir() as workdir:
        if database_url.startswith(("postgres://", "postgresql://")):
            url = fresh_postgres(database_url, "profile")
        else:
            url = f"sqlite:///{workdir / 'profile.sqlite3'}"
        env = environment(workdir, url)
        (workdir / "bench_urls.py").write_text(BENCH_URLS, encoding="utf-8")
        migrate(env)
        print(f"durability: {run_python(env, FLOOR_TABLE).strip()}  ({url.split(':')[0]})")
        slug = "profile"
        run_python(env, SETUP.format(slug=slug))
        code = PROFILE.format(requests=args.requests, top=args.top, sort=args.sort, slug=slug)
        subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            env=env,
            cwd=ROOT,
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
