"""What the council case reads besides the plan: the main points of the dialog (the themes of
the analysis) and how the MED system was involved."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from dialogportal.analysis.models import AnalysisRun, SummarySentence, Theme
from dialogportal.inputs.models import Channel, Input
from dialogportal.med.models import Cascade
from dialogportal.meetings.models import AgendaItem, MeetingStatus
from dialogportal.organisation.models import CommitteeKind
from dialogportal.processes.models import Process
from dialogportal.strategy.models import Initiative, InitiativeStatus

# The initiatives a council is asked to adopt: those proposed or under way. Done, paused and
# dropped ones are reported on the plan page, not put to a vote.
ADOPTABLE_STATUSES = (InitiativeStatus.PLANNED, InitiativeStatus.IN_PROGRESS)
POINTS_PER_AREA = 5


def is_adoptable(initiative: Initiative) -> bool:
    return initiative.status in ADOPTABLE_STATUSES


@dataclass(frozen=True)
class MainPoint:
    area: str
    label: str
    size: int
    summary: str


def dialog_main_points(process: Process) -> list[MainPoint]:
    """The main points of the dialog per focus area, largest first: the themes of the latest
    finished analysis run ("other" left out), each with its first summary sentence from a
    published input.

    The one place the council case asks for themes. Curated themes (staff-edited labels and
    summaries, issue #12) are to replace the machine's once they exist; only this function
    changes then."""
    run = AnalysisRun.objects.latest_done_for(process)
    if run is None:
        return []
    themes = list(
        Theme.objects.filter(run=run, is_other=False)
        .select_related("focus_area")
        .order_by("focus_area__order", "-size", "order", "pk")
    )
    sentences: dict[int, str] = {}
    for sentence in (
        SummarySentence.objects.public()
        .filter(run=run, theme__in=themes)
        .order_by("theme_id", "order")
    ):
        sentences.setdefault(sentence.theme_id, sentence.sentence)
    shown: Counter[int] = Counter()
    points = []
    for theme in themes:
        if shown[theme.focus_area_id] >= POINTS_PER_AREA:
            continue
        shown[theme.focus_area_id] += 1
        points.append(
            MainPoint(
                area=theme.focus_area.title,
                label=theme.label,
                size=theme.size,
                summary=sentences.get(theme.pk, ""),
            )
        )
    return points


@dataclass(frozen=True)
class MedTreatment:
    committee: str
    held_on: date
    item_title: str
    passed_on_to: int


@dataclass(frozen=True)
class MedInvolvement:
    treatments: tuple[MedTreatment, ...]
    inputs_by_committee: tuple[tuple[str, int], ...]

    @property
    def input_count(self) -> int:
        return sum(count for _name, count in self.inputs_by_committee)

    @property
    def is_empty(self) -> bool:
        return not self.treatments and not self.inputs_by_committee


def med_involvement(process: Process) -> MedInvolvement:
    """How the MED system took part: MED meetings (held or with minutes) that treated an item
    linked to the process, how many committees each passed it on to, and the inputs MED
    committees sent (channel "MED-udvalg"), per committee."""
    items = (
        AgendaItem.objects.filter(
            process=process,
            committee__kind=CommitteeKind.MED,
            is_closed=False,
            is_draft=False,
            meeting__status__in=[
                MeetingStatus.HELD,
                MeetingStatus.MINUTES_DRAFT,
                MeetingStatus.MINUTES_APPROVED,
            ],
        )
        .select_related("meeting__committee")
        .order_by("meeting__held_on", "pk")
    )
    passed_on = dict(
        Cascade.objects.filter(source_item__in=items)
        .order_by()
        .values_list("source_item")
        .annotate(n=Count("id"))
    )
    treatments = tuple(
        MedTreatment(
            committee=item.meeting.committee.name,
            held_on=item.meeting.held_on,
            item_title=item.title,
            passed_on_to=int(passed_on.get(item.pk, 0)),
        )
        for item in items
    )
    by_committee = (
        Input.objects.public()
        .filter(process=process, channel=Channel.MED_COMMITTEE)
        .order_by()
        .values_list("source")
        .annotate(n=Count("id"))
    )
    rows = sorted(
        ((source or "–", int(n)) for source, n in by_committee), key=lambda r: (-r[1], r[0])
    )
    return MedInvolvement(treatments=treatments, inputs_by_committee=tuple(rows))
