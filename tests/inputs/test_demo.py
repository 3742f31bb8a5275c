import pytest
from django.db.models import Count

from dialogportal.accounts import demo as accounts_demo
from dialogportal.inputs import demo
from dialogportal.inputs.models import Channel, ContributorType, Input, ModerationState
from dialogportal.processes import demo as processes_demo
from dialogportal.processes.models import Process

pytestmark = pytest.mark.django_db


def test_demo_inputs_cover_every_channel_type_and_area_and_load_once() -> None:
    log: list[str] = []
    accounts_demo.load(log=log.append)
    processes_demo.load(log=log.append)
    demo.load(log=log.append)
    demo.load(log=log.append)
    process = Process.objects.get(slug=processes_demo.DEMO_PROCESS_SLUG)
    inputs = Input.objects.filter(process=process)
    assert inputs.count() == demo.TOTAL
    assert set(inputs.values_list("channel", flat=True)) == set(Channel.values)
    assert set(inputs.values_list("contributor_type", flat=True)) == set(ContributorType.values)
    areas = set(inputs.values_list("focus_area__slug", flat=True))
    assert areas == {slug for slug, _t, _d in processes_demo.FOCUS_AREAS} | {None}
    assert not inputs.exclude(moderation_state=ModerationState.PUBLISHED).exists()
    campaign = inputs.filter(text=demo.CAMPAIGN_TEXT).count()
    assert campaign == demo.CAMPAIGN_SIZE
    repeated = inputs.values("text").annotate(n=Count("id")).filter(n__gt=1).count()
    assert repeated >= 1
    assert "Demo inputs already present – left unchanged." in log


def test_the_generator_is_deterministic() -> None:
    import random

    slugs = ["a", "b"]
    first = demo.generate(random.Random(1), slugs)
    second = demo.generate(random.Random(1), slugs)
    assert first == second
    assert len(first) == demo.TOTAL


def test_the_open_demo_process_accepts_input_now() -> None:
    processes_demo.load(log=lambda _line: None)
    process = Process.objects.get(slug=processes_demo.OPEN_PROCESS_SLUG)
    phase = process.current_phase()
    assert phase is not None
    assert phase.rules.accepts_input
