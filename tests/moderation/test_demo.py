import pytest

from dialogportal.accounts import demo as accounts_demo
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.moderation import demo
from dialogportal.moderation.models import Report, ScreeningResult
from dialogportal.processes import demo as processes_demo

pytestmark = pytest.mark.django_db


def test_the_demo_step_fills_the_queue_and_a_second_run_changes_nothing() -> None:
    lines: list[str] = []
    accounts_demo.load(log=lines.append)
    processes_demo.load(log=lines.append)
    demo.load(log=lines.append)
    waiting = Input.objects.filter(moderation_state=ModerationState.PENDING).count()
    assert waiting == 4
    counts = (Input.objects.count(), ScreeningResult.objects.count(), Report.objects.count())
    demo.load(log=lines.append)
    assert (
        Input.objects.count(),
        ScreeningResult.objects.count(),
        Report.objects.count(),
    ) == counts
    assert "4 waiting in the queue" in lines[-1]
