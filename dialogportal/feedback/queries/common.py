"""Reads shared by the feedback reports: the latest analysis run, a theme's answers and outcomes
(through the themes merged into it), published inputs by id, and an input with what became of
it (`Entry`) or only counted (`NotShown`)."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dialogportal.analysis.models import AnalysisRun, CuratedTheme
from dialogportal.analysis.queries import lineage
from dialogportal.feedback.models import Answer, InputAnswer, Outcome
from dialogportal.feedback.outcomes import OutcomeView, view
from dialogportal.inputs.models import FeedbackStatus, Input
from dialogportal.inputs.queries import PublicInput, public_input
from dialogportal.processes.models import Process


def latest_run(process: Process) -> AnalysisRun | None:
    return AnalysisRun.objects.latest_done_for(process)


def theme_ids_counting_as(theme: CuratedTheme) -> list[int]:
    """The theme and every theme merged into it: their answers and outcomes are its own."""
    return list(lineage([theme]))


def latest_theme_answers(themes: Iterable[CuratedTheme]) -> dict[int, Answer]:
    """theme id -> the newest answer given to that theme (or to a theme merged into it)."""
    current = lineage(themes)
    latest: dict[int, Answer] = {}
    for answer in Answer.objects.filter(theme_id__in=list(current)).order_by("answered_at", "id"):
        assert answer.theme_id is not None
        latest[current[answer.theme_id]] = answer
    return latest


def theme_outcomes(themes: Iterable[CuratedTheme]) -> dict[int, list[OutcomeView]]:
    current = lineage(themes)
    result: dict[int, list[OutcomeView]] = defaultdict(list)
    for outcome in Outcome.objects.filter(theme_id__in=list(current)).order_by("created_at", "id"):
        assert outcome.theme_id is not None
        result[current[outcome.theme_id]].append(view(outcome))
    return result


def public_inputs_by_id(ids: Iterable[int]) -> dict[int, PublicInput]:
    items = (
        Input.objects.public()
        .filter(pk__in=list(ids))
        .select_related("focus_area", "process")
        .prefetch_related("attachments")
    )
    return {item.pk: public_input(item) for item in items}


def count_rows(
    counts: dict[str, int], choices: Iterable[tuple[str, object]]
) -> list[tuple[str, int]]:
    return [(str(label), counts[value]) for value, label in choices if counts.get(value)]


@dataclass(frozen=True)
class Entry:
    """A published input with what became of it."""

    item: PublicInput
    status_label: str
    answer_text: str
    answer_scope: str

    @property
    def byline(self) -> str:
        """ "#12 · Borger · Karen Blixen · 8900 Randers C · status: Modtaget" (display rules
        already applied to the parts)."""
        item = self.item
        parts = [f"#{item.id}", item.contributor_type_label, item.name, item.organisation]
        if item.town:
            parts.append(f"{item.postcode} {item.town}")
        parts.append(_("status: %(status)s") % {"status": self.status_label})
        return " · ".join(part for part in parts if part)


@dataclass(frozen=True)
class NotShown:
    """Inputs that are not public: only how many and what became of them."""

    count: int
    statuses: tuple[tuple[str, int], ...]


def not_shown_of(statuses: Iterable[str]) -> NotShown:
    counts = Counter(statuses)
    return NotShown(
        count=sum(counts.values()),
        statuses=tuple(
            (str(label), counts[value]) for value, label in FeedbackStatus.choices if counts[value]
        ),
    )


def latest_input_answers(input_ids: list[int]) -> dict[int, Answer]:
    latest: dict[int, Answer] = {}
    for start in range(0, len(input_ids), 2000):
        rows = (
            InputAnswer.objects.filter(input_id__in=input_ids[start : start + 2000])
            .select_related("answer")
            .order_by("answer__answered_at", "answer_id")
        )
        for row in rows:
            latest[row.input_id] = row.answer
    return latest
