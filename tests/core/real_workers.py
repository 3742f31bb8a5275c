"""Real `dialogportal run_worker` processes against the test database, for the tests that kill
them (`kill -9`) and start others. Use with `django_db(transaction=True)`: the worker processes
only see committed rows."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent

# Fast heartbeats and short leases, so a test waits seconds, not minutes.
FAST = {
    "WORKER_HEARTBEAT_SECONDS": "1",
    "WORKER_STALE_AFTER_SECONDS": "3",
    "TASK_MAX_ATTEMPTS": "3",
    "LOG_LEVEL": "WARNING",
}


def database_url() -> str:
    """The URL of the database this test uses (the test database, not the configured one)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user, password = db.get("USER") or "", db.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def worker_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(FAST)
    env["DATABASE_URL"] = database_url()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    # The real settings plus a listener that can hold a worker at a task's start (PAUSE_TASK).
    env["DJANGO_SETTINGS_MODULE"] = "tests.core.pause_settings"
    env.update(extra)
    return env


class WorkerProcess:
    def __init__(self, *, log_dir: Path, worker_id: str = "", env: dict[str, str]) -> None:
        self.worker_id = worker_id or f"test-{uuid.uuid4().hex[:10]}"
        self.log = log_dir / f"{self.worker_id}.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dialogportal",
                    "run_worker",
                    "--worker-id",
                    self.worker_id,
                    "--interval",
                    "0.1",
                    "--no-schedule",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """kill -9: no signal handler, no finally, no clean-up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextmanager
def workers(tmp_path: Path, **extra_env: str) -> Iterator[Callable[..., WorkerProcess]]:
    """A factory of real worker processes; every one still running is stopped at the end."""
    started: list[WorkerProcess] = []
    env = worker_env(**extra_env)

    def start(worker_id: str = "", **more_env: str) -> WorkerProcess:
        worker = WorkerProcess(log_dir=tmp_path, worker_id=worker_id, env={**env, **more_env})
        started.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()


def wait_for(
    check: Callable[[], Any], *, timeout: float = 60, every: float = 0.05, what: str = ""
) -> Any:
    """Poll `check` (which reads the database afresh) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what or check}")
