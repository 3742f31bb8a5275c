"""Which inputs an analysis run reads (a read, shared by the web side and the worker)."""

from django.db.models import QuerySet

from dialogportal.inputs.models import Input, ModerationState
from dialogportal.processes.models import Process

ANALYSED_STATES = (ModerationState.PENDING, ModerationState.PUBLISHED, ModerationState.HIDDEN)


def analysed_inputs(process: Process) -> "QuerySet[Input]":
    """The inputs a run of `process` analyses (all but rejected ones), in a stable order: the
    engine is deterministic for equal input, so the order must not vary."""
    return Input.objects.filter(process=process, moderation_state__in=ANALYSED_STATES).order_by(
        "pk"
    )
