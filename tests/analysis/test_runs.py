import pytest
from django.core.management import call_command

from dialogportal.analysis.models import AreaAssignment, RunStatus, Theme
from dialogportal.analysis.services import start_analysis_run
from dialogportal.textanalysis import ENGINE_VERSION
from tests.analysis.builders import make_analysable_process


def run_worker() -> None:
    call_command("run_worker", "--batch", "--interval", "0")


@pytest.mark.django_db(transaction=True)
def test_a_run_goes_through_the_worker_and_stores_results_with_the_engine_version() -> None:
    process = make_analysable_process()
    run = start_analysis_run(process=process, acting_user=None)
    assert run.status == RunStatus.QUEUED
    run_worker()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == 100
    assert run.engine_version == ENGINE_VERSION
    assert run.backend == "tfidf"
    assert run.parameters["seed"] == 42
    assert run.input_count == 18
    assert AreaAssignment.objects.filter(run=run, is_top=True).count() == 18
    assert Theme.objects.filter(run=run).exists()
