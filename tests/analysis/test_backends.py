"""The optional embedding backend: vectors are computed once per input and backend version,
stored, and reused; a configured but missing backend never stops an analysis."""

from typing import Any

import pytest

from dialogportal.analysis.execution import run_analysis_now
from dialogportal.analysis.models import InputVector, RunStatus
from dialogportal.analysis.tasks import compute_all_input_vectors
from dialogportal.analysis.vectors import compute_missing_vectors
from dialogportal.inputs.models import Input
from dialogportal.textanalysis.backends import BackendUnavailableError
from tests.analysis.builders import make_analysable_process
from tests.analysis.fake_backend import LetterBackend

pytestmark = pytest.mark.django_db


def test_vectors_are_computed_once_per_input_and_reused_by_later_runs(settings: Any) -> None:
    settings.ANALYSIS_EMBEDDING_BACKEND = "import:tests.analysis.fake_backend.LetterBackend"
    process = make_analysable_process()
    LetterBackend.embedded.clear()
    assert compute_missing_vectors(process=process) == 18
    assert InputVector.objects.filter(backend_name="letters", backend_version="1").count() == 18
    vector = InputVector.objects.first()
    assert vector is not None
    assert vector.dimensions == 29
    assert compute_missing_vectors(process=process) == 0

    LetterBackend.embedded.clear()
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE, run.error
    assert run.backend == "lexical+letters@1"
    texts = set(Input.objects.filter(process=process).values_list("text", flat=True))
    assert not texts.intersection(LetterBackend.embedded)  # only the focus areas were embedded

    InputVector.objects.filter(pk__in=InputVector.objects.values("pk")[:5]).delete()
    LetterBackend.embedded.clear()
    again = run_analysis_now(process=process, acting_user=None)
    assert again.status == RunStatus.DONE, again.error
    assert len(texts.intersection(LetterBackend.embedded)) == 5  # only the missing ones
    assert InputVector.objects.count() == 18


def test_a_configured_but_unavailable_backend_leaves_a_warning_not_a_failure(
    settings: Any,
) -> None:
    process = make_analysable_process()
    for value in ("sentence-transformers:/no/such/model", "import:no.such.Cls", "x"):
        settings.ANALYSIS_EMBEDDING_BACKEND = value
        assert compute_all_input_vectors.call() == 0
        with pytest.raises(BackendUnavailableError):
            compute_missing_vectors(process=process)
        run = run_analysis_now(process=process, acting_user=None)
        assert run.status == RunStatus.DONE, run.error
        assert run.backend == "lexical"
        assert any("Sprogmodellen" in warning for warning in run.warnings), value


def test_a_model_that_fails_while_embedding_leaves_a_warning_not_a_failure(settings: Any) -> None:
    settings.ANALYSIS_EMBEDDING_BACKEND = "import:tests.analysis.fake_backend.BrokenBackend"
    process = make_analysable_process()
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE, run.error
    assert run.backend == "lexical"
    assert any("Sprogmodellen" in warning for warning in run.warnings)


def test_stored_vectors_of_the_wrong_size_are_computed_again(settings: Any) -> None:
    settings.ANALYSIS_EMBEDDING_BACKEND = "import:tests.analysis.fake_backend.LetterBackend"
    process = make_analysable_process()
    compute_missing_vectors(process=process)
    damaged = InputVector.objects.order_by("pk").first()
    assert damaged is not None
    damaged.vector = b"\x00\x00\x80\x3f" * 5  # five floats instead of 29
    damaged.save()
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE, run.error
    assert run.backend == "lexical+letters@1"
    assert len(bytes(InputVector.objects.get(input_id=damaged.input_id).vector)) == 29 * 4
