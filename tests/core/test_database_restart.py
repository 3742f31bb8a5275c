"""PostgreSQL restarted during a run of submissions: the web answers a clean 503 with a Danish
message (never a 500, never a half-stored input) and recovers by itself, and the worker carries
on with the same process. Runs on a PostgreSQL cluster of its own (tests/core/stack.py)."""

import uuid
from pathlib import Path

import httpx
import pytest

from tests.core import stack

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(stack.pg_available()), reason=stack.pg_available() or "-"),
]


def test_a_database_restart_during_submissions_loses_nothing_and_needs_no_restart_of_web_or_worker(
    short_tmp_path: Path,
) -> None:
    slug = f"genstart-{uuid.uuid4().hex[:6]}"
    with stack.pg_cluster() as cluster:
        env = stack.stack_env(short_tmp_path, cluster.url)
        stack.migrate(env)
        stack.open_process(env, slug)
        worker = stack.start_worker(env, "restart-worker")
        try:
            with stack.web_server(env) as base:
                run = stack.submissions_during_restart(base, slug, cluster)
                # Afterwards, without restarting anything: the site is ready and takes input.
                assert httpx.get(f"{base}/healthz/ready", timeout=10).status_code == 200
                page = httpx.get(f"{base}/processer/{slug}/", timeout=10)
                assert page.status_code == 200
            stored = _when_screened(env, slug)
            assert worker.poll() is None, "the worker process died"
        finally:
            stack.stop_process(worker)
    assert run.bad == []
    assert run.statuses.get(500, 0) == 0
    assert len(run.acknowledged) == 6 * 40
    assert sorted(run.acknowledged.values()) == stored["ids"]  # acknowledged = stored
    assert stored["doubled_keys"] == 0
    assert stored["unscreened"] == 0  # no input without its screening
    tasks = stored["tasks"]
    assert isinstance(tasks, dict)
    assert tasks["RUNNING"] == tasks["READY"] == tasks["FAILED"] == 0


def _when_screened(env: dict[str, str], slug: str) -> dict[str, object]:
    import time

    deadline = time.monotonic() + 180
    while True:
        stored = stack.stored_inputs(env, slug)
        tasks = stored["tasks"]
        assert isinstance(tasks, dict)
        if stored["unscreened"] == 0 and tasks["READY"] == tasks["RUNNING"] == 0:
            return stored
        if time.monotonic() > deadline:
            return stored
        time.sleep(1)
