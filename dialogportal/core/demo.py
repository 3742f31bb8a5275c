"""The one idempotent demo loader: each app contributes a `demo.load()` step, run in order.
A step creates what is missing and leaves what exists alone, so running it twice changes nothing."""

from collections.abc import Callable
from importlib import import_module

from django.db import transaction

DEMO_STEPS: tuple[str, ...] = (
    "dialogportal.accounts.demo",
    "dialogportal.processes.demo",
    "dialogportal.indicators.demo",
    "dialogportal.inputs.demo",
    "dialogportal.moderation.demo",
    "dialogportal.analysis.demo",
    "dialogportal.feedback.demo",
    "dialogportal.organisation.demo",
    "dialogportal.meetings.demo",
    "dialogportal.dialogmeetings.demo",
    "dialogportal.med.demo",
    "dialogportal.strategy.demo",
)


def load_demo(*, log: Callable[[str], None] = print) -> None:
    for module_name in DEMO_STEPS:
        with transaction.atomic():
            module = import_module(module_name)
            module.load(log=log)
