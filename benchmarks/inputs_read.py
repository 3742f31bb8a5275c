"""p50/p95 latency of a focus-area page with 10,000 published inputs, 50 concurrent readers.

    uv run python benchmarks/inputs_read.py [--inputs 10000] [--readers 50] [--requests 2000]

Builds a fresh SQLite database in a temporary directory (or uses DATABASE_URL when it points at
PostgreSQL and --postgres is given), fills one focus area with published inputs in bulk, starts
the production server (gunicorn, 2 workers) on a free localhost port and lets the readers fetch
the page – the first page and random later pages – through httpx.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inputs_submit import (
    SERVER_THREADS,
    environment,
    gunicorn,
    load,
    migrate,
    percentile,
    run_python,
    temp_workdir,
)

FILL = """
import random
import secrets
from datetime import date, timedelta
from django.utils import timezone
from dialogportal.inputs.models import ContributorType, Input, ModerationState
from dialogportal.processes.models import Process
from dialogportal.processes.services import add_focus_area, add_phase, create_process
now = timezone.now()
process = create_process(slug="{slug}", title="Læsebenchmark", is_published=True)
add_phase(process=process, kind="input", title="Input", starts_at=now - timedelta(days=1),
          ends_at=now + timedelta(days=30))
area = add_focus_area(process=process, slug="omraade", title="Område", description="Benchmark")
rng = random.Random(3)
words = "kommunen skal bygge flere cykelstier boliger busser skoler job grønne områder".split()
types = list(ContributorType.values)
Input.objects.bulk_create(
    [
        Input(
            process=process, focus_area=area, title=f"Input {{n}}",
            text=" ".join(rng.choice(words) for _ in range(40)),
            contributor_type=types[n % len(types)], postcode="8900",
            name="Navn", consent_publish_name=n % 2 == 0, consent_text_version="bench",
            given_on=date(2026, 9, 1) + timedelta(days=n % 60),
            moderation_state=ModerationState.PUBLISHED,
            receipt_token=secrets.token_urlsafe(24),
        )
        for n in range({count})
    ],
    batch_size=2000,
)
print(Input.objects.public().filter(focus_area=area).count())
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a reader reads before the next page (0: back to back, a saturation "
        "test; people reading pages take seconds)",
    )
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also measure a trivial view through the same stack (the machine's ceiling)",
    )
    args = parser.parse_args()
    with temp_workdir() as workdir:
        database_url = (
            os.environ["DATABASE_URL"] if args.postgres else f"sqlite:///{workdir / 'read.sqlite3'}"
        )
        env = environment(workdir, database_url)
        migrate(env)
        slug = f"laes-{uuid.uuid4().hex[:8]}"
        stored = int(run_python(env, FILL.format(count=args.inputs, slug=slug)).strip())
        pages = max(1, stored // 20)
        path = f"/processer/{slug}/fokus/omraade/"
        lock = threading.Lock()
        rng = random.Random(11)
        plan = [1 if rng.random() < 0.6 else rng.randint(2, pages) for _ in range(args.requests)]

        with gunicorn(env) as base:
            with httpx.Client() as http:
                for _ in range(10):
                    http.get(base + path)

            def measure(urls: list[str]) -> tuple[list[float], list[int], float]:
                latencies: list[float] = []
                failures: list[int] = []

                def reader(my_urls: list[str]) -> None:
                    pause = random.Random(len(my_urls))
                    with httpx.Client(timeout=60) as http:
                        for url in my_urls:
                            if args.think:
                                time.sleep(pause.uniform(0, 2 * args.think))
                            started = time.perf_counter()
                            response = http.get(url)
                            elapsed = time.perf_counter() - started
                            with lock:
                                latencies.append(elapsed)
                                if response.status_code != 200:
                                    failures.append(response.status_code)

                started = time.perf_counter()
                with ThreadPoolExecutor(max_workers=args.readers) as pool:
                    list(pool.map(reader, [urls[i :: args.readers] for i in range(args.readers)]))
                return latencies, failures, time.perf_counter() - started

            load_before = load()
            latencies, failures, wall = measure([f"{base}{path}?side={page}" for page in plan])
            load_page = load()
            if args.ceiling:
                ceiling = measure([f"{base}/bench-trivial/"] * len(plan))
                load_ceiling = load()

            with httpx.Client() as http:
                single = []
                for _ in range(50):
                    t0 = time.perf_counter()
                    http.get(base + path)
                    single.append(time.perf_counter() - t0)

    database = "PostgreSQL" if args.postgres else "SQLite"
    server = f"gunicorn 2 workers{f' x {SERVER_THREADS} threads' if SERVER_THREADS > 1 else ''}"
    print(f"\n== focus-area page, {stored} published inputs, {database}, {server} ==")
    print(f"machine                  before {load_before}; after {load_page}")
    print(f"requests                 {len(latencies)} by {args.readers} concurrent readers")
    print(f"throughput               {len(latencies) / wall:.0f} pages/s")
    print(
        f"latency p50 / p95        {percentile(latencies, 0.5) * 1000:.1f} ms / "
        f"{percentile(latencies, 0.95) * 1000:.1f} ms ({args.readers} concurrent, "
        f"{f'{args.think} s mean think time' if args.think else 'back to back'})"
    )
    print(
        f"one reader p50 / p95     {percentile(single, 0.5) * 1000:.1f} ms / "
        f"{percentile(single, 0.95) * 1000:.1f} ms (server time per page)"
    )
    print(f"non-200 answers          {len(failures)}")
    if args.ceiling:
        c_latencies, c_failures, c_wall = ceiling
        print(f"-- ceiling: a trivial view (HttpResponse('ok')), same stack, {load_ceiling} --")
        print(f"throughput               {len(c_latencies) / c_wall:.0f} responses/s")
        print(
            f"latency p50 / p95        {percentile(c_latencies, 0.5) * 1000:.1f} ms / "
            f"{percentile(c_latencies, 0.95) * 1000:.1f} ms ({args.readers} concurrent)"
        )
        failures = failures + c_failures
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
