from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dialogportal.processes.models import PHASE_RULES, Phase, PhaseKind
from dialogportal.processes.services import add_focus_area, add_phase, create_process

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Copenhagen")
START = datetime(2025, 6, 3, tzinfo=TZ)
END = datetime(2025, 9, 1, tzinfo=TZ)


@pytest.fixture
def phase() -> Phase:
    process = create_process(slug="p", title="P")
    return add_phase(
        process=process, kind=PhaseKind.INPUT, title="Dialog", starts_at=START, ends_at=END
    )


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (START - timedelta(microseconds=1), False),
        (START, True),
        (START + timedelta(days=30), True),
        (END - timedelta(microseconds=1), True),
        (END, False),
        (END + timedelta(days=1), False),
    ],
)
def test_open_at_on_queryset_and_model_agree(phase: Phase, at: datetime, expected: bool) -> None:
    assert phase.is_open_at(at) is expected
    assert Phase.objects.open_at(at).filter(pk=phase.pk).exists() is expected


def test_accepting_input_follows_the_declared_rules(phase: Phase) -> None:
    at = START + timedelta(days=1)
    assert Phase.objects.accepting_input_at(at).filter(pk=phase.pk).exists()
    Phase.objects.filter(pk=phase.pk).update(kind=PhaseKind.FEEDBACK)
    assert not Phase.objects.accepting_input_at(at).exists()
    assert PHASE_RULES[PhaseKind.FEEDBACK].accepts_input is False


def test_every_phase_kind_declares_its_rules() -> None:
    assert set(PHASE_RULES) == set(PhaseKind)


def test_a_phase_must_end_after_it_starts_in_the_service() -> None:
    process = create_process(slug="p2", title="P2")
    with pytest.raises(ValidationError):
        add_phase(process=process, kind=PhaseKind.INPUT, title="x", starts_at=END, ends_at=START)


def test_a_phase_must_end_after_it_starts_in_the_database(phase: Phase) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.filter(pk=phase.pk).update(ends_at=START - timedelta(days=1))


def test_focus_area_slugs_are_unique_within_a_process(phase: Phase) -> None:
    add_focus_area(process=phase.process, slug="boliger", title="Boliger", description="…")
    with pytest.raises(ValidationError):
        add_focus_area(process=phase.process, slug="boliger", title="Igen", description="…")
    other = create_process(slug="anden", title="Anden")
    add_focus_area(process=other, slug="boliger", title="Boliger", description="…")


def test_process_slugs_are_unique() -> None:
    create_process(slug="samme", title="A")
    with pytest.raises(ValidationError):
        create_process(slug="samme", title="B")
