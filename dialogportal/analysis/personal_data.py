"""The analysis app's part of every personal-data task (`privacy.handlers` and moderation call
it). A run keeps copies of inputs' text: summary sentences quoted verbatim, theme labels and
keywords built from their words, embedding vectors, and the curated themes' names, machine
labels and summaries (taken from a label, or written by staff who may quote an input) with their
curation log's before/after copies. When an input's text changes
(redaction, a moderator's correction, anonymisation, erasure of an address) every copy is
derived again from the text as it is now, so no copy keeps what was removed."""

from datetime import date
from difflib import SequenceMatcher
from typing import Any

from django.db.models import QuerySet

from dialogportal.analysis.models import (
    TITLE_MAX,
    CuratedTheme,
    CurationEvent,
    InputVector,
    SummarySentence,
    Theme,
)
from dialogportal.inputs.models import Input
from dialogportal.processes.models import Process
from dialogportal.screening import redact, screen_text
from dialogportal.textanalysis.plaintext import split_sentences

COVERED_FIELDS: dict[str, str] = {
    "analysis.SummarySentence.sentence": "derived again from the input's current text",
    "analysis.Theme.label": "screening hits redacted when a member's text changes",
    "analysis.Theme.keywords": "screening hits redacted when a member's text changes",
    "analysis.InputVector.vector": "deleted when the text changes (computed again)",
    "analysis.CuratedTheme.title": "screening hits redacted when a member's text changes",
    "analysis.CuratedTheme.machine_label": "screening hits redacted when a member's text changes",
    "analysis.CuratedTheme.summary": "screening hits redacted when a member's text changes",
    "analysis.CurationEvent.before": "redacted with its theme (the old names and summaries)",
    "analysis.CurationEvent.after": "redacted with its theme (the new names and summaries)",
}

# Below this likeness the changed input no longer says what the quoted sentence said.
_MIN_LIKENESS = 0.6


def _clean(value: str) -> str:
    return redact(value, screen_text(value))


def _derive_sentence(old: str, text: str) -> str | None:
    """The sentence of `text` (the input as it is now) that the stored `old` quote became."""
    if old in text:
        return _clean(old)
    candidates = split_sentences(text)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: SequenceMatcher(None, old, c).ratio())
    if SequenceMatcher(None, old, best).ratio() < _MIN_LIKENESS:
        return None
    return _clean(best)


def _clean_json(value: Any) -> Any:
    """A curation event's state with the hits redacted in every string in it."""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, list):
        return [_clean_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean_json(item) for key, item in value.items()}
    return value


def _clean_curated(input_ids: list[int]) -> int:
    """The curated themes holding these inputs, and every logged state of them, redacted."""
    changed = 0
    themes = CuratedTheme.objects.filter(members__input_id__in=input_ids)
    theme_ids = set(themes.values_list("pk", flat=True))
    # A theme merged into one of these gave it its inputs and keeps its old name (history).
    while merged := set(
        CuratedTheme.objects.filter(merged_into_id__in=theme_ids)
        .exclude(pk__in=theme_ids)
        .values_list("pk", flat=True)
    ):
        theme_ids |= merged
    for theme in CuratedTheme.objects.filter(pk__in=theme_ids):
        cleaned = {
            "title": _clean(theme.title)[:TITLE_MAX],
            "machine_label": _clean(theme.machine_label)[:300],
            "summary": _clean(theme.summary),
        }
        if any(cleaned[f] != getattr(theme, f) for f in cleaned):
            # Removing personal data must never be blocked by a form rule: no full_clean().
            CuratedTheme.objects.filter(pk=theme.pk).update(**cleaned)
            changed += 1
    for event in CurationEvent.objects.filter(theme_id__in=theme_ids):
        before, after = _clean_json(event.before), _clean_json(event.after)
        if before != event.before or after != event.after:
            CurationEvent.objects.filter(pk=event.pk).update(before=before, after=after)
            changed += 1
    return changed


def text_changed(*, input_ids: list[int]) -> int:
    """Derive every stored copy of these inputs' text again; returns how many rows changed."""
    changed = 0
    texts = dict(Input.objects.filter(pk__in=input_ids).values_list("pk", "text"))
    for sentence in SummarySentence.objects.filter(input_id__in=input_ids):
        derived = _derive_sentence(sentence.sentence, texts.get(sentence.input_id, ""))
        if derived is None:
            sentence.delete()
            changed += 1
        elif derived != sentence.sentence:
            sentence.sentence = derived
            sentence.save(update_fields=["sentence"])
            changed += 1
    for theme in Theme.objects.filter(memberships__input_id__in=input_ids).distinct():
        label = _clean(theme.label)
        keywords = [_clean(str(word)) for word in theme.keywords]
        if label != theme.label or keywords != theme.keywords:
            theme.label, theme.keywords = label, keywords
            theme.save(update_fields=["label", "keywords"])
            changed += 1
    changed += _clean_curated(input_ids)
    changed += InputVector.objects.filter(input_id__in=input_ids).delete()[0]
    return changed


def subject_records(*, email: str) -> dict[str, list[dict[str, Any]]]:
    quoted = SummarySentence.objects.filter(input__email__iexact=email.strip()).exclude(
        input__email=""
    )
    return {
        "analysis_quotes": [
            {"input": s.input_id, "sentence": s.sentence} for s in quoted.order_by("pk")
        ]
    }


def erase_subject(*, email: str) -> tuple[dict[str, int], list[int]]:
    return {}, []  # the person's inputs go with their quotes (cascade); others' via text_changed


def remove_due(*, processes: QuerySet[Process], today: date) -> tuple[dict[str, int], list[int]]:
    return {}, []  # the anonymised inputs' copies are derived again through text_changed
