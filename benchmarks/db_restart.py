"""PostgreSQL restarted under a run of submissions: how long the web answers 503, how soon it
recovers, and proof that nothing is lost or doubled and nothing had to be restarted.

    uv run python benchmarks/db_restart.py [--clients 6] [--per-client 60] [--rounds 3]

Each round: a PostgreSQL cluster of its own (initdb under /tmp, never the shared one), the
production web server (gunicorn, 2 workers) and one worker; `clients` threads submit inputs
through the API with Idempotency-Keys (retrying a 503 with the same key), and after 2 s the
cluster is restarted (`pg_ctl restart -m fast`, which cuts every connection)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core import stack  # noqa: E402 - after the path is set


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--per-client", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    reason = stack.pg_available()
    if reason:
        print(f"cannot run: {reason}")
        return 1
    ok = True
    for number in range(1, args.rounds + 1):
        slug = f"genstart-{uuid.uuid4().hex[:6]}"
        with (
            tempfile.TemporaryDirectory(prefix="dialogportal-restart-") as name,
            stack.pg_cluster() as cluster,
        ):
            env = stack.stack_env(Path(name), cluster.url)
            stack.migrate(env)
            stack.open_process(env, slug)
            worker = stack.start_worker(env, f"restart-{number}")
            try:
                with stack.web_server(env) as base:
                    started = time.monotonic()
                    run = stack.submissions_during_restart(
                        base, slug, cluster, clients=args.clients, per_client=args.per_client
                    )
                    wall = time.monotonic() - started
                deadline = time.monotonic() + 300
                while True:
                    stored = stack.stored_inputs(env, slug)
                    tasks = stored["tasks"]
                    assert isinstance(tasks, dict)
                    done = stored["unscreened"] == 0 and tasks["READY"] == tasks["RUNNING"] == 0
                    if done or time.monotonic() > deadline:
                        break
                    time.sleep(1)
                worker_alive = worker.poll() is None
            finally:
                stack.stop_process(worker)
        acknowledged = sorted(run.acknowledged.values())
        lost = set(acknowledged) - set(stored["ids"])  # type: ignore[call-overload]
        latencies = sorted(run.latencies)
        p95 = latencies[round(0.95 * (len(latencies) - 1))] if latencies else float("nan")
        unavailable = (
            f"{run.first_unavailable:.2f} s … {run.last_unavailable:.2f} s after the restart began"
            if run.first_unavailable is not None and run.last_unavailable is not None
            else "none seen"
        )
        print(f"\n== round {number}: {args.clients} clients x {args.per_client}, {load()} ==")
        print(f"pg_ctl restart took              {run.restart_seconds:.2f} s")
        print(f"503 answers                      {run.statuses.get(503, 0)} ({unavailable})")
        recovered = run.recovered_after
        print(
            "first 201 after the restart      "
            + (f"{recovered:.2f} s after pg_ctl returned" if recovered is not None else "-")
        )
        print(f"500 answers / other bad answers  {run.statuses.get(500, 0)} / {len(run.bad)}")
        ids = stored["ids"]
        assert isinstance(ids, list)
        print(f"acknowledged / stored / lost     {len(acknowledged)} / {len(ids)} / {len(lost)}")
        print(f"duplicated keys                  {stored['doubled_keys']}")
        print(f"inputs without screening         {stored['unscreened']}")
        print(f"tasks after                      {stored['tasks']}")
        print(f"worker still the same process    {worker_alive}")
        print(f"submission p95 (successes)       {p95 * 1000:.0f} ms; wall {wall:.1f} s")
        ok &= (
            not lost
            and not run.bad
            and stored["doubled_keys"] == 0
            and stored["unscreened"] == 0
            and worker_alive
        )
    print("\nOK" if ok else "\nFAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
