"""Read models of the moderation pages: the queue, highlighted text, an input's history."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from dialogportal.inputs.models import Attachment, Input, ModerationState
from dialogportal.moderation.models import (
    HitField,
    HitKind,
    ModerationDecision,
    Report,
    ScreeningResult,
)
from dialogportal.moderation.services.screening import FieldHit, current_hits
from dialogportal.screening import Hit

QUEUE_VIEWS = ("queue", "hidden", "rejected", "published")


def moderation_inputs(view: str = "queue", process_slug: str = "") -> QuerySet[Input]:
    """Inputs for a moderation list: `queue` = awaiting review or reported; else by state."""
    inputs = Input.objects.select_related("process", "focus_area").prefetch_related(
        "attachments__screening"
    )
    if view == "hidden":
        inputs = inputs.filter(moderation_state=ModerationState.HIDDEN)
    elif view == "rejected":
        inputs = inputs.filter(moderation_state=ModerationState.REJECTED)
    elif view == "published":
        inputs = inputs.filter(moderation_state=ModerationState.PUBLISHED)
    else:
        reported = Report.objects.open().values("input_id")
        inputs = inputs.filter(Q(moderation_state=ModerationState.PENDING) | Q(pk__in=reported))
    if process_slug:
        inputs = inputs.filter(process__slug=process_slug)
    return inputs.annotate(
        open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True))
    ).order_by("created_at", "pk")


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""  # "" for plain text, else the hit kind
    label: str = ""


def segments(value: str, hits: list[Hit]) -> list[Segment]:
    """`value` cut into plain and hit pieces, for highlighting with <mark> (escaped by Django)."""
    pieces: list[Segment] = []
    cursor = 0
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.start < cursor:
            continue
        if hit.start > cursor:
            pieces.append(Segment(value[cursor : hit.start]))
        pieces.append(Segment(value[hit.start : hit.end], hit.kind, str(HitKind(hit.kind).label)))
        cursor = hit.end
    if cursor < len(value):
        pieces.append(Segment(value[cursor:]))
    return pieces


@dataclass
class Review:
    """One input as a moderator sees it: highlighted title and text, hits, attachments."""

    item: Input
    hits: list[FieldHit]
    title_segments: list[Segment]
    text_segments: list[Segment]
    counts: dict[str, int] = field(default_factory=dict)
    attachments: list[tuple[Attachment, ScreeningResult | None]] = field(default_factory=list)

    @property
    def has_hits(self) -> bool:
        return bool(self.hits)

    @property
    def needs_manual_check(self) -> bool:
        return any(result is None or result.needs_manual_check for _, result in self.attachments)

    @property
    def attachment_hits(self) -> int:
        return sum(result.hit_count for _, result in self.attachments if result is not None)


def review(item: Input) -> Review:
    hits = current_hits(item)
    counts: dict[str, int] = {}
    for found in hits:
        label = str(HitKind(found.hit.kind).label)
        counts[label] = counts.get(label, 0) + 1
    attachments = [
        (attachment, getattr(attachment, "screening", None))
        for attachment in item.attachments.all()
    ]
    return Review(
        item=item,
        hits=hits,
        title_segments=segments(item.title, [f.hit for f in hits if f.field == HitField.TITLE]),
        text_segments=segments(item.text, [f.hit for f in hits if f.field == HitField.TEXT]),
        counts=counts,
        attachments=attachments,
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    decision: ModerationDecision | None = None
    report: Report | None = None


def history(item: Input) -> list[HistoryEntry]:
    """Every decision and report on an input, oldest first."""
    entries = [
        HistoryEntry(at=decision.decided_at, decision=decision)
        for decision in item.decisions.select_related("actor", "attachment")
    ]
    entries += [HistoryEntry(at=report.created_at, report=report) for report in item.reports.all()]
    return sorted(entries, key=lambda entry: entry.at)
