"""The demo's calendar looks like a real municipality's: every meeting on a working day outside
the Christmas closure, committees in office hours (the city council in the early evening),
citizens' village-hall meetings on weekday evenings, and phases in their natural order. Loaded
on 3 December 2026, when "three weeks from today" is Christmas Eve."""

import itertools
from collections.abc import Iterator
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from dialogportal.core.demo import load_demo
from dialogportal.core.workdays import is_meeting_day, is_working_day
from dialogportal.dialogmeetings.models import DialogMeeting, MeetingKind
from dialogportal.inputs.models import Channel, Input
from dialogportal.meetings.models import Meeting
from dialogportal.organisation.models import CommitteeKind
from dialogportal.processes.models import PhaseKind, Process
from dialogportal.strategy.models import StrategicPlan
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db

_TZ = ZoneInfo("Europe/Copenhagen")
PHASE_ORDER = [PhaseKind.INFORMATION, PhaseKind.INPUT, PhaseKind.FEEDBACK]


@pytest.fixture(scope="module")
def _demo_loaded_before_christmas(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The whole demo, loaded once for this module: its tests only read it."""
    with module_data(django_db_blocker):
        with time_machine.travel(datetime(2026, 12, 3, 10, tzinfo=_TZ), tick=True):
            load_demo(log=lambda _line: None)
        yield


@pytest.fixture
def demo_before_christmas(_demo_loaded_before_christmas: None, db: None) -> None:
    pass


def _committee_meeting_problems() -> list[str]:
    problems = []
    for meeting in Meeting.objects.select_related("committee"):
        where = f"{meeting.committee.name} {meeting.held_on} {meeting.start_time}"
        if not is_meeting_day(meeting.held_on):
            problems.append(f"{where}: not a meeting day")
        start = meeting.start_time
        if start is None:
            continue
        if meeting.committee.kind == CommitteeKind.MED and not time(8) <= start <= time(15):
            problems.append(f"{where}: a MED meeting outside working hours")
        if meeting.committee.kind == CommitteeKind.POLITICAL and not time(8) <= start <= time(19):
            problems.append(f"{where}: a political meeting at an odd hour")
    return problems


def _dialog_meeting_problems() -> list[str]:
    problems = []
    for meeting in DialogMeeting.objects.all():
        starts = timezone.localtime(meeting.starts_at, _TZ)
        ends = timezone.localtime(meeting.ends_at, _TZ)
        where = f"{meeting.title} {starts:%Y-%m-%d %H:%M}"
        if not is_meeting_day(starts.date()):
            problems.append(f"{where}: not a meeting day")
        if meeting.kind == MeetingKind.VILLAGE_HALL:
            if not (time(17) <= starts.time() <= time(19) and ends.time() <= time(22)):
                problems.append(f"{where}: a citizens' meeting outside the evening")
        elif not (time(8) <= starts.time() <= time(15) and ends.time() <= time(17)):
            problems.append(f"{where}: a staff meeting outside working hours")
    return problems


def test_every_demo_meeting_is_on_a_working_day_at_a_plausible_hour(
    demo_before_christmas: None,
) -> None:
    assert Meeting.objects.count() > 20
    assert DialogMeeting.objects.count() == 4
    assert _committee_meeting_problems() == []
    assert _dialog_meeting_problems() == []


def test_the_demo_timeline_runs_in_order_and_one_process_is_open_now(
    demo_before_christmas: None,
) -> None:
    now = datetime(2026, 12, 3, 10, tzinfo=_TZ)
    for process in Process.objects.all():
        phases = list(process.phases.order_by("starts_at"))
        assert [p.kind for p in phases] == PHASE_ORDER, process.slug
        for before, after in itertools.pairwise(phases):
            assert before.ends_at == after.starts_at, process.slug
    green = Process.objects.get(slug="groen-omstilling")
    assert green.phases.get(kind=PhaseKind.INPUT).is_open_at(now)
    randers = Process.objects.get(slug="fremtidens-randers")
    input_phase = randers.phases.get(kind=PhaseKind.INPUT)
    plan = StrategicPlan.objects.get(process=randers)
    assert plan.adopted_on is not None
    assert plan.adopted_on > timezone.localtime(input_phase.ends_at, _TZ).date()


def test_letters_calls_and_meeting_input_are_dated_on_working_days(
    demo_before_christmas: None,
) -> None:
    office = (Channel.LETTER, Channel.PHONE, Channel.MED_COMMITTEE, Channel.DIALOG_MEETING)
    days = Input.objects.filter(channel__in=office).values_list("given_on", flat=True)
    assert days
    assert [day for day in days if not is_working_day(day)] == []
