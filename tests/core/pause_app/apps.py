import os
import time
from typing import Any

from django.apps import AppConfig
from django_tasks.signals import task_started


def _pause(sender: Any, task_result: Any, **kwargs: Any) -> None:
    wanted = os.environ.get("PAUSE_TASK", "")
    if wanted and (wanted == "*" or task_result.task.module_path.endswith(wanted)):
        time.sleep(float(os.environ.get("PAUSE_SECONDS", "60")))


class PauseAppConfig(AppConfig):
    name = "tests.core.pause_app"
    label = "pause_app"

    def ready(self) -> None:
        task_started.connect(_pause, dispatch_uid="tests.core.pause_app")
