from collections.abc import Callable
from importlib import import_module

import pytest

from dialogportal.med.models import Cascade, CascadeStatus, Hearing, HearingStatus, PartStatus

pytestmark = pytest.mark.django_db

QUIET: Callable[[str], None] = lambda _: None  # noqa: E731


def load(*steps: str) -> None:
    for step in steps:
        import_module(f"dialogportal.{step}.demo").load(log=QUIET)


def test_the_demo_runs_item_40_as_a_hearing_and_passes_item_41_down_and_a_rerun_adds_nothing(
    settings,
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load("accounts", "organisation", "meetings", "med")
    hearing = Hearing.objects.get()
    statuses = sorted(hearing.parts.values_list("status", flat=True))
    assert statuses.count(PartStatus.ANSWERED) == 3
    assert statuses.count(PartStatus.NO_COMMENTS) == 1
    assert statuses.count(PartStatus.SENT) == 1  # overdue
    assert hearing.parts.filter(is_late=True).count() == 1
    assert hearing.status == HearingStatus.OPEN
    assert hearing.decision_item is None  # left for the secretary to file
    item47 = Cascade.objects.filter(
        source_item__number=47, source_item__committee__slug="hovedudvalget"
    )
    assert item47.count() == 5
    assert item47.filter(status=CascadeStatus.ACKNOWLEDGED).count() == 3
    assert Cascade.objects.filter(source_item__committee__level="sector").count() == 4
    counts = (Hearing.objects.count(), Cascade.objects.count())
    load("med")
    assert (Hearing.objects.count(), Cascade.objects.count()) == counts
