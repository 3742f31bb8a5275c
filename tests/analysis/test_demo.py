import pytest

from dialogportal.analysis import demo
from dialogportal.analysis.models import AnalysisRun, CuratedTheme, RunStatus, Theme
from dialogportal.processes import demo as processes_demo
from dialogportal.processes.models import Process
from tests.analysis.builders import TEXTS, add_input, staff

pytestmark = pytest.mark.django_db


def test_demo_analyses_the_demo_process_once_and_a_second_load_changes_nothing() -> None:
    processes_demo.load(log=lambda _line: None)
    process = Process.objects.get(slug=processes_demo.DEMO_PROCESS_SLUG)
    lines: list[str] = []
    demo.load(log=lines.append)
    assert not AnalysisRun.objects.exists()  # no inputs yet: nothing to analyse
    user = staff()
    areas = list(process.focus_areas.all())
    for index, text in enumerate(t for texts in TEXTS.values() for t in texts):
        add_input(process=process, focus_area=areas[index % 3], text=text, acting_user=user)
    demo.load(log=lines.append)
    run = AnalysisRun.objects.get()
    assert run.status == RunStatus.DONE, run.error
    assert Theme.objects.filter(run=run).exists()
    assert "demo process done" in lines[-2]
    # The demo publishes a few curated themes, so the public pages have something to show.
    assert "themes of the demo process published" in lines[-1]
    assert CuratedTheme.objects.filter(process=process).published().exists()
    demo.load(log=lines.append)
    assert AnalysisRun.objects.count() == 1
