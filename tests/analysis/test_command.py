from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from dialogportal.analysis.models import AnalysisRun, InputVector, RunStatus
from dialogportal.analysis.tasks import compute_all_input_vectors
from tests.analysis.builders import make_analysable_process

pytestmark = pytest.mark.django_db


def test_analyse_process_runs_now_or_queues_and_refuses_unknown_processes() -> None:
    make_analysable_process()
    out = StringIO()
    call_command("analyse_process", "analyseby", stdout=out)
    assert "done with engine" in out.getvalue()
    assert "inputs=18" in out.getvalue()
    call_command("analyse_process", "analyseby", "--background", stdout=out)
    assert AnalysisRun.objects.filter(status=RunStatus.QUEUED).count() == 1
    with pytest.raises(CommandError, match="queued or running"):
        call_command("analyse_process", "analyseby", stdout=out)
    with pytest.raises(CommandError, match="No process"):
        call_command("analyse_process", "<script>", stdout=out)


def test_scheduled_vector_task_does_nothing_without_a_backend_and_fills_gaps_with_one(
    settings: Any,
) -> None:
    make_analysable_process()
    settings.ANALYSIS_EMBEDDING_BACKEND = ""
    assert compute_all_input_vectors.call() == 0
    settings.ANALYSIS_EMBEDDING_BACKEND = "sentence-transformers:/no/such/model"
    assert compute_all_input_vectors.call() == 0
    settings.ANALYSIS_EMBEDDING_BACKEND = "import:tests.analysis.fake_backend.LetterBackend"
    assert compute_all_input_vectors.call() == 18
    assert compute_all_input_vectors.call() == 0
    assert InputVector.objects.count() == 18
