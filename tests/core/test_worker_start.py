"""A worker started while its database refuses connections says so clearly, keeps trying, and
starts working as soon as the database is there."""

import sqlite3
import time
from pathlib import Path

import pytest

from tests.core import stack

pytestmark = pytest.mark.slow


def test_a_worker_started_before_its_database_waits_says_why_and_then_works(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "not-yet"
    env = stack.stack_env(tmp_path / "var", f"sqlite:///{folder / 'db.sqlite3'}")
    worker = stack.start_worker(env, "early")
    log = tmp_path / "var" / "early.log"
    try:
        deadline = time.monotonic() + 120
        while "The database does not answer" not in log.read_text():
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        assert "trying again" in log.read_text()
        assert "Traceback" not in log.read_text()
        folder.mkdir()
        stack.migrate(env)
        deadline = time.monotonic() + 120
        while True:
            with sqlite3.connect(folder / "db.sqlite3") as db:
                beats = db.execute(
                    "SELECT COUNT(*) FROM core_workerheartbeat WHERE worker_id = 'early'"
                ).fetchone()[0]
            if beats:
                break
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
    finally:
        stack.stop_process(worker)
