"""Storing what a run found: one transaction, rows streamed in batches (100k inputs make
200k+ rows), every summary sentence verified verbatim against its input before it is
stored, inputs erased while the engine worked left out, and the groups matched to the curated
themes (`matching`) in the same transaction. Part of the worker's side with
`execution`."""

from collections.abc import Iterable
from dataclasses import asdict, replace
from itertools import islice
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.analysis.matching import match_run_to_curated_themes
from dialogportal.analysis.models import (
    AnalysisRun,
    AreaAssignment,
    DuplicateGroup,
    DuplicateMember,
    Misplaced,
    RunStatus,
    SummarySentence,
    Theme,
    ThemeMembership,
)
from dialogportal.inputs.models import Input
from dialogportal.textanalysis import AnalysisResult, AreaSpec
from dialogportal.textanalysis import SummarySentence as EngineSentence
from dialogportal.textanalysis.engine import ENGINE_VERSION
from dialogportal.textanalysis.lexicon import LEXICON_DIGEST, LEXICON_VERSION
from dialogportal.textanalysis.summary import verify_citations

_BULK = 2000


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
def store_run(
    run: AnalysisRun,
    result: AnalysisResult | None,
    areas: list[AreaSpec],
    texts: dict[str, str],
    warnings: list[str],
) -> None:
    """Store the result of the run's current attempt and mark the run done, in one
    transaction; an attempt that is no longer the current one stores nothing."""
    locked = AnalysisRun.objects.select_for_update().get(pk=run.pk)
    if locked.status != RunStatus.RUNNING or locked.attempts != run.attempts:
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
    locked.input_count = len(result.assignments) if result is not None else 0
    if result is None:
        locked.engine_version = ENGINE_VERSION
        locked.backend = "lexical"
        locked.lexicon = f"{LEXICON_VERSION}:{LEXICON_DIGEST}"
        locked.counts = {"inputs": 0, "areas": len(areas)}
        warnings.append(_("Processen har intet input at analysere endnu."))
    else:
        _store_result(locked, result, texts, warnings)
        match_run_to_curated_themes(locked)
        locked.engine_version = result.engine_version
        locked.lexicon = result.lexicon
        locked.lexicon_uncovered = [int(a) for a in result.lexicon_uncovered]
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
    run: AnalysisRun, result: AnalysisResult, texts: dict[str, str], warnings: list[str]
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
        checked = _checked_sentences(engine_theme.summary, texts, warnings)
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
        checked = _checked_sentences(area_summary.summary, texts, warnings)
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
