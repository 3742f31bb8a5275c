"""Data that every test of a module only reads, made once for the module.

`module_data` opens a transaction around the whole module: the fixture writes the data inside it,
each test then runs in its own savepoint as usual (its changes are rolled back after it), and after
the module's last test the whole transaction is rolled back, so no other test ever sees the data.
Only for modules whose tests are all plain `django_db` tests (no `transaction=True`, no live
server: those commit and flush)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction


@contextmanager
def module_data(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
