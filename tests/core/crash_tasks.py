"""Tasks for the crash tests (importable by real worker processes: `tests.core.crash_tasks`)."""

import os
import signal
import time
from pathlib import Path

from django_tasks import task


@task()
def kill_my_worker() -> None:
    """Dies with its worker every time, as a task that runs a worker out of memory would."""
    os.kill(os.getpid(), signal.SIGKILL)


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def note_run(number: int, ledger: str) -> int:
    """Write `number` to this process's file in `ledger`: every execution leaves a line."""
    with (Path(ledger) / f"{os.getpid()}.txt").open("a", encoding="utf-8") as out:
        out.write(f"{number}\n")
    return os.getpid()


@task()
def hang() -> None:
    """Never returns, as a task stuck on a dead connection would."""
    while True:
        time.sleep(60)
