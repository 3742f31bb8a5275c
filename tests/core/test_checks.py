from typing import Any

from django.db.models import Model
from django_tasks_db.models import DBTaskResult

from dialogportal.core.checks import check_task_backend


def test_the_database_queue_in_the_default_database_passes() -> None:
    assert check_task_backend() == []


def test_a_queue_outside_the_database_is_an_error(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    [error] = check_task_backend()
    assert error.id == "core.E001"
    assert "unscreened" in error.msg


def test_running_tasks_at_once_is_only_a_warning(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    [warning] = check_task_backend()
    assert warning.id == "core.W001"


class _TasksElsewhere:
    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return "queue" if model is DBTaskResult else None


def test_task_rows_routed_to_another_database_is_an_error(settings: Any) -> None:
    settings.DATABASE_ROUTERS = [f"{__name__}._TasksElsewhere"]
    [error] = check_task_backend()
    assert error.id == "core.E002"
