"""Read models of the dialog meetings app: the discussion guide, a process's meeting list and
the overview of where meetings were held. No registrant's name or e-mail is ever read here."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.core.charts import BarChart, bar_chart
from dialogportal.dialogmeetings.models import (
    DialogMeeting,
    DialogMeetingQuerySet,
    MeetingInput,
    MeetingStatus,
)
from dialogportal.indicators.queries import FigureView, figures_for_focus_area
from dialogportal.inputs.models import ModerationState
from dialogportal.processes.models import FocusArea, Process


@dataclass(frozen=True)
class GuideArea:
    area: FocusArea
    figures: tuple[FigureView, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    meeting: DialogMeeting
    process: Process
    areas: tuple[GuideArea, ...]
    general_questions: tuple[str, ...]


def discussion_guide(meeting: DialogMeeting) -> Guide:
    """The guide: each covered focus area with its description, key figures and questions."""
    questions = list(meeting.questions.order_by("order", "pk"))
    areas = tuple(
        GuideArea(
            area=area,
            figures=tuple(figures_for_focus_area(area)),
            questions=tuple(q.text for q in questions if q.focus_area_id == area.pk),
        )
        for area in meeting.covered_focus_areas().select_related("process")
    )
    return Guide(
        meeting=meeting,
        process=meeting.process,
        areas=areas,
        general_questions=tuple(q.text for q in questions if q.focus_area_id is None),
    )


@dataclass(frozen=True)
class PastMeeting:
    meeting: DialogMeeting
    input_count: int


@dataclass(frozen=True)
class ProcessMeetings:
    upcoming: list[DialogMeeting]
    past: list[PastMeeting]


def process_meetings(
    meetings: DialogMeetingQuerySet, *, at: datetime | None = None
) -> ProcessMeetings:
    at = at or timezone.now()
    base = meetings.select_related("process")
    upcoming = list(base.upcoming_at(at).order_by("starts_at"))
    past_rows = list(base.past_at(at).order_by("-starts_at"))
    counts = dict(
        MeetingInput.objects.filter(meeting__in=[m.pk for m in past_rows])
        .exclude(input__moderation_state=ModerationState.REJECTED)
        .values_list("meeting")
        .annotate(n=Count("pk"))
    )
    past = [PastMeeting(meeting=m, input_count=counts.get(m.pk, 0)) for m in past_rows]
    return ProcessMeetings(upcoming=upcoming, past=past)


@dataclass(frozen=True)
class OverviewRow:
    label: str
    meetings: int
    inputs: int


@dataclass(frozen=True)
class Overview:
    districts: tuple[OverviewRow, ...]
    organisation: tuple[OverviewRow, ...]
    district_chart: BarChart
    organisation_chart: BarChart
    held: int
    inputs: int


def _rows(meetings: Counter[str], inputs: Counter[str]) -> tuple[OverviewRow, ...]:
    return tuple(
        OverviewRow(label=label, meetings=meetings[label], inputs=inputs[label])
        for label in sorted(meetings, key=lambda key: (-meetings[key], key.casefold()))
    )


def overview(meetings: DialogMeetingQuerySet) -> Overview:
    """Per district (postcode town) and per participating unit or committee: meetings held and
    inputs they produced."""
    held = list(meetings.filter(status=MeetingStatus.HELD).prefetch_related("committees", "units"))
    counts = dict(
        MeetingInput.objects.filter(meeting__in=[m.pk for m in held])
        .exclude(input__moderation_state=ModerationState.REJECTED)
        .values_list("meeting")
        .annotate(n=Count("pk"))
    )
    district_meetings: Counter[str] = Counter()
    district_inputs: Counter[str] = Counter()
    org_meetings: Counter[str] = Counter()
    org_inputs: Counter[str] = Counter()
    for meeting in held:
        produced = counts.get(meeting.pk, 0)
        district = meeting.district or meeting.postcode
        district_meetings[district] += 1
        district_inputs[district] += produced
        names = {c.name for c in meeting.committees.all()} | {u.name for u in meeting.units.all()}
        for name in names:
            org_meetings[name] += 1
            org_inputs[name] += produced
    districts = _rows(district_meetings, district_inputs)
    organisation = _rows(org_meetings, org_inputs)
    return Overview(
        districts=districts,
        organisation=organisation,
        district_chart=bar_chart(
            chart_id="dialogmeetings-districts",
            title=_("Afholdte dialogmøder pr. område"),
            description=_("Antal afholdte dialogmøder i hvert område (postnummerets by)."),
            rows=[(row.label, row.meetings) for row in districts],
            rest_label=_("Øvrige områder"),
        ),
        organisation_chart=bar_chart(
            chart_id="dialogmeetings-organisation",
            title=_("Afholdte dialogmøder pr. enhed og udvalg"),
            description=_("Antal afholdte dialogmøder, hver enhed eller hvert udvalg deltog i."),
            rows=[(row.label, row.meetings) for row in organisation],
            rest_label=_("Øvrige"),
        ),
        held=len(held),
        inputs=sum(counts.values()),
    )
