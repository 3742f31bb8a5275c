"""Suggestions for a curated theme's name and summary from the municipality's own language
model (optional: `ANALYSIS_LLM_URL`). Only the theme's published inputs are sent; every point
of the summary cites a sentence that is verified to occur verbatim in the input it names.
Nothing is stored: the staff member sees the suggestion in the form and decides."""

import logging
from dataclasses import dataclass

from django.conf import settings

from dialogportal.analysis.models import CuratedTheme, CuratedThemeMember
from dialogportal.inputs.models import Input
from dialogportal.textanalysis import InputDoc
from dialogportal.textanalysis.llm import ChatSummariser, SummariserError, ThemeSuggestion

logger = logging.getLogger(__name__)

# Published inputs sent per request (representatives first): enough for a name, little data.
MAX_INPUTS = 30

__all__ = ["MAX_INPUTS", "Suggestion", "SummariserError", "is_configured", "suggest"]


@dataclass(frozen=True)
class Suggestion:
    name: str
    summary: str  # the verified points, one after the other
    points: ThemeSuggestion
    sent: int  # inputs sent to the model

    @property
    def dropped(self) -> int:
        """Points left out because none of their quotes occurs in the input it cites."""
        return len(self.points.summary.dropped_points)


def is_configured() -> bool:
    return bool(settings.ANALYSIS_LLM_URL)


def suggest(theme: CuratedTheme) -> Suggestion:
    """Ask the model; raises SummariserError (endpoint down, no JSON, nothing to send)."""
    ids = list(
        CuratedThemeMember.objects.filter(theme=theme)
        .order_by("-is_representative", "order", "pk")
        .values_list("input_id", flat=True)
    )
    public = dict(Input.objects.public().filter(pk__in=ids).values_list("pk", "text"))
    docs = [InputDoc(str(pk), public[pk]) for pk in ids if pk in public][:MAX_INPUTS]
    if not docs:
        raise SummariserError("no published input to send")
    client = ChatSummariser(
        settings.ANALYSIS_LLM_URL,
        settings.ANALYSIS_LLM_API_KEY,
        model=settings.ANALYSIS_LLM_MODEL,
        timeout=settings.ANALYSIS_LLM_TIMEOUT,
    )
    try:
        answer = client.suggest_theme(theme.title, docs)
    finally:
        client.close()
    logger.info("language model suggestion for curated theme %s (%d inputs)", theme.pk, len(docs))
    return Suggestion(
        name=answer.name,
        summary=" ".join(point.text for point in answer.summary.points),
        points=answer,
        sent=len(docs),
    )
