"""The worker's side of an analysis run: claim the run, compute missing vectors (with
progress), call the text engine, store what it found (`storing`), mark the run done or failed.

This module and `storing` are the ONE place that converts between our models and the text
engine's dataclasses (`dialogportal.textanalysis`). Safe to re-execute: a retried task (the
worker died, the queue ran the task again) claims the run again with a new attempt number,
and only the newest attempt may write progress or results."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.analysis.models import AnalysisRun, AreaLabel, RunStatus
from dialogportal.analysis.queries.inputs import analysed_inputs
from dialogportal.analysis.services.runs import start_analysis_run
from dialogportal.analysis.storing import store_run
from dialogportal.analysis.vectors import (
    compute_missing_vectors,
    configured_backend,
    stored_vectors,
)
from dialogportal.processes.models import FocusArea, Process
from dialogportal.textanalysis import AnalysisParams, AreaSpec, InputDoc
from dialogportal.textanalysis.backends import BackendUnavailableError, EmbeddingBackend
from dialogportal.textanalysis.engine import analyse

logger = logging.getLogger(__name__)

# Progress is written at most this often (plus at every change of step): a row update per
# engine callback would cost more than the analysis of a small process.
PROGRESS_WRITE_SECONDS = 0.5
# Share of the progress bar for computing missing vectors (the engine gets the rest).
_EMBED_SHARE = 40


@dataclass(frozen=True)
class EngineInput:
    areas: list[AreaSpec]
    docs: list[InputDoc]
    texts: dict[str, str]


def engine_input(process: Process) -> EngineInput:
    areas = [
        AreaSpec(str(a.pk), a.title, a.description)
        for a in FocusArea.objects.filter(process=process).order_by("order", "pk")
    ]
    labels: dict[int, list[str]] = {}
    for input_id, area_id in (
        AreaLabel.objects.filter(input__process=process)
        .order_by("input_id", "focus_area__order", "focus_area_id")
        .values_list("input_id", "focus_area_id")
    ):
        labels.setdefault(input_id, []).append(str(area_id))
    docs: list[InputDoc] = []
    texts: dict[str, str] = {}
    for pk, text, area_id in analysed_inputs(process).values_list("pk", "text", "focus_area_id"):
        key = str(pk)
        texts[key] = text
        docs.append(
            InputDoc(
                key,
                text,
                str(area_id) if area_id is not None else None,
                tuple(labels.get(pk, ())),
            )
        )
    return EngineInput(areas, docs, texts)


class _Progress:
    """Writes a run's progress (percent and step), throttled, only for the current attempt."""

    def __init__(self, run_id: int, attempt: int) -> None:
        self.run_id, self.attempt = run_id, attempt
        self._last_at = 0.0
        self._last_step = ""

    def write(self, percent: int, step: str) -> None:
        now = time.monotonic()
        if step == self._last_step and now - self._last_at < PROGRESS_WRITE_SECONDS:
            return
        self._last_at, self._last_step = now, step
        AnalysisRun.objects.filter(
            pk=self.run_id, status=RunStatus.RUNNING, attempts=self.attempt
        ).update(progress=min(max(percent, 0), 100), step=step[:200], updated_at=timezone.now())

    def embedding(self, done: int, total: int) -> None:
        share = _EMBED_SHARE * done // max(total, 1)
        self.write(1 + share, f"embeddings:{done}/{total}")

    def engine(self, base: int) -> Callable[[float, str], None]:
        def callback(fraction: float, step: str) -> None:
            self.write(base + round((95 - base) * min(max(fraction, 0.0), 1.0)), step)

        return callback


def _claim(run_id: int) -> AnalysisRun | None:
    """Move a queued (or interrupted running) run to running with a new attempt number;
    None if it needs no work (done, failed, gone)."""
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or not run.is_active:
            return None
        now = timezone.now()
        AnalysisRun.objects.filter(pk=run_id).update(
            status=RunStatus.RUNNING,
            progress=0,
            step="load",
            started_at=now,
            updated_at=now,
            error="",
            attempts=F("attempts") + 1,
        )
        run.refresh_from_db()
        return run


def _fail(run: AnalysisRun, message: str) -> None:
    AnalysisRun.objects.filter(pk=run.pk, attempts=run.attempts).update(
        status=RunStatus.FAILED,
        error=message[:2000],
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


class RunFailedError(Exception):
    """A run cannot be done; the message (Danish) is shown on the run."""


def execute_analysis_run(*, run_id: int, lexical_only: bool = False) -> AnalysisRun | None:
    """Do the work of a queued run: analyse, store the results atomically, mark it done (or
    failed, with the error). A run that is done or failed already is left alone; a run left
    running by a dead attempt is started over. `lexical_only` skips the embedding model
    (the demo loader, which must not load it in a process that forks a server later)."""
    run = _claim(run_id)
    if run is None:
        return AnalysisRun.objects.filter(pk=run_id).first()
    try:
        _execute(run, lexical_only)
    except RunFailedError as exc:
        _fail(run, str(exc))
    except Exception as exc:
        logger.exception("analysis run %s failed", run_id)
        _fail(run, f"{type(exc).__name__}: {exc}")
    return AnalysisRun.objects.get(pk=run_id)


def _vectors(
    run: AnalysisRun, data: EngineInput, progress: _Progress, warnings: list[str]
) -> tuple[EmbeddingBackend | None, np.ndarray | None]:
    """The configured backend and the vectors of `data.docs` (missing ones computed first),
    or (None, None) with a warning when the model cannot be used."""
    try:
        backend = configured_backend()
        if backend is None or not data.docs:
            return None, None
        compute_missing_vectors(process=run.process, backend=backend, progress=progress.embedding)
        stored = stored_vectors(backend, run.process)
        missing = [d.id for d in data.docs if int(d.id) not in stored]
        if missing:  # inputs that came in while the run worked
            compute_missing_vectors(process=run.process, backend=backend)
            stored = stored_vectors(backend, run.process)
        return backend, np.vstack([stored[int(d.id)] for d in data.docs])
    except (BackendUnavailableError, RuntimeError, OSError, KeyError, ValueError) as exc:
        warnings.append(
            _("Sprogmodellen kunne ikke bruges; analysen bygger kun på ordene: %(error)s")
            % {"error": exc}
        )
        return None, None


def _execute(run: AnalysisRun, lexical_only: bool) -> None:
    try:
        params = AnalysisParams(**run.parameters)
    except TypeError as exc:
        raise RunFailedError(
            _("Kørslens parametre kan ikke læses af denne version af analysen.")
        ) from exc
    data = engine_input(run.process)
    if not data.areas:
        raise RunFailedError(_("Processen har ingen fokusområder at placere input i."))
    progress = _Progress(run.pk, run.attempts)
    warnings: list[str] = []
    backend, embeddings = (None, None) if lexical_only else _vectors(run, data, progress, warnings)
    if lexical_only:
        warnings.append(_("Kørt uden sprogmodel (kun ordene)."))
    result = (
        analyse(
            data.areas,
            data.docs,
            params,
            backend=backend,
            progress=progress.engine(_EMBED_SHARE + 1 if backend else 5),
            embeddings=embeddings,
        )
        if data.docs
        else None
    )
    progress.write(95, "store")
    store_run(run, result, data.areas, data.texts, warnings)


def run_analysis_now(
    *, process: Process, acting_user: User | None, lexical_only: bool = False
) -> AnalysisRun:
    """Start a run and do it in this process (the demo loader and the command line): no
    worker needed. Returns the finished (or failed) run."""
    run = start_analysis_run(process=process, acting_user=acting_user, in_background=False)
    result = execute_analysis_run(run_id=run.pk, lexical_only=lexical_only)
    assert result is not None
    return result
