"""Tasks for the crash tests (importable by real worker processes: `tests.core.crash_tasks`)."""

import os
import signal

from django_tasks import task


@task()
def kill_my_worker() -> None:
    """Dies with its worker every time, as a task that runs a worker out of memory would."""
    os.kill(os.getpid(), signal.SIGKILL)


@task()
def add(a: int, b: int) -> int:
    return a + b
