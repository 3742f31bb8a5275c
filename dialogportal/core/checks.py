"""System checks of core: the task backend must keep the promise the submission path relies on
(docs/decisions/0004-screening-enqueued-in-the-transaction.md)."""

from typing import Any

from django.core import checks
from django.db import DEFAULT_DB_ALIAS
from django.db.utils import ConnectionRouter
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def check_task_backend(**kwargs: Any) -> list[checks.CheckMessage]:
    """`submit_input` enqueues the screening of a new input inside the transaction that stores
    the input. That is atomic only when the queue is a table in the same database: then the task
    row commits or rolls back with the input, and the worker cannot see it before the commit."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, DatabaseBackend):
        alias = ConnectionRouter().db_for_write(DBTaskResult)  # DATABASE_ROUTERS as set now
        if alias not in (None, DEFAULT_DB_ALIAS):
            return [
                checks.Error(
                    f"Task rows are written to the database {alias!r}, inputs to "
                    f"{DEFAULT_DB_ALIAS!r}: a new input and its screening task would commit "
                    "separately, and a crash between the two leaves an input never screened.",
                    hint="Route django_tasks_db to the default database.",
                    id="core.E002",
                )
            ]
        return []
    if isinstance(backend, ImmediateBackend):
        return [
            checks.Warning(
                "The task backend runs tasks at once, inside the request: screening, e-mails and "
                "analyses then run in the web process.",
                hint="Fine for tests; production uses django_tasks_db.DatabaseBackend.",
                id="core.W001",
            )
        ]
    return [
        checks.Error(
            f"The task backend {type(backend).__name__} is not a queue in the application's "
            "database. A new input's screening is enqueued in the transaction that stores the "
            "input; with a queue elsewhere it can be lost (or run before the input exists), "
            "and an input could stay unscreened.",
            hint="Set TASKS['default']['BACKEND'] to 'django_tasks_db.DatabaseBackend'.",
            id="core.E001",
        )
    ]
