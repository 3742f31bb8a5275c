"""The feedback report per source: what one channel (or one named source in it, such as a MED
committee or a dialog meeting) sent, and what became of each item."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.core.charts import BarTable, bar_table
from dialogportal.feedback.queries.common import (
    Entry,
    NotShown,
    latest_input_answers,
    not_shown_of,
    public_inputs_by_id,
)
from dialogportal.inputs.models import Channel, FeedbackStatus, Input, ModerationState
from dialogportal.processes.models import Process


@dataclass(frozen=True)
class Source:
    channel: str
    channel_label: str
    source: str
    count: int


@dataclass(frozen=True)
class SourceReport:
    process: Process
    channel: str
    channel_label: str
    source: str
    entries: tuple[Entry, ...]
    not_shown: NotShown
    chart: BarTable
    generated_at: datetime

    @property
    def total(self) -> int:
        return len(self.entries) + self.not_shown.count


def sources(process: Process) -> list[Source]:
    """Every (channel, source) that sent input to the process, with how many."""
    rows = (
        Input.objects.filter(process=process)
        .exclude(moderation_state=ModerationState.REJECTED)
        .order_by()
        .values_list("channel", "source")
        .annotate(n=Count("id"))
    )
    order = {value: index for index, value in enumerate(Channel.values)}
    result = [
        Source(
            channel=channel,
            channel_label=str(Channel(channel).label) if channel in Channel.values else channel,
            source=source,
            count=n,
        )
        for channel, source, n in rows
    ]
    return sorted(result, key=lambda s: (order.get(s.channel, 99), s.source.casefold()))


def source_report(process: Process, *, channel: str, source: str | None) -> SourceReport:
    """What one source (a channel, or a channel and a named source such as a MED committee or a
    dialog meeting) sent, and what became of each item. `source=None` means the whole channel."""
    received = Input.objects.filter(process=process, channel=channel).exclude(
        moderation_state=ModerationState.REJECTED
    )
    if source is not None:
        received = received.filter(source=source)
    rows = list(received.order_by("given_on", "pk").values_list("pk", "status"))
    ids = [pk for pk, _status in rows]
    public = public_inputs_by_id(ids)
    answers = latest_input_answers([pk for pk in ids if pk in public])
    entries = tuple(
        Entry(
            item=public[pk],
            status_label=str(FeedbackStatus(status).label),
            answer_text=answers[pk].text if pk in answers else "",
            answer_scope=answers[pk].scope if pk in answers else "",
        )
        for pk, status in rows
        if pk in public
    )
    status_counts = Counter(status for _pk, status in rows)
    chart = bar_table(
        chart_id="source-status",
        title=_("Input efter status"),
        description=_("Hvad der er blevet af input fra denne kilde."),
        rows=[
            (str(label), status_counts[value])
            for value, label in FeedbackStatus.choices
            if status_counts[value]
        ],
    )
    return SourceReport(
        process=process,
        channel=channel,
        channel_label=str(Channel(channel).label) if channel in Channel.values else channel,
        source=source or "",
        entries=entries,
        not_shown=not_shown_of(status for pk, status in rows if pk not in public),
        chart=chart,
        generated_at=timezone.now(),
    )
