"""The 'klar til at åbne' checklist and opening a process through it."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.indicators.models import Indicator
from dialogportal.processes.models import PhaseKind, Process, ProcessChange
from dialogportal.processes.services import add_focus_area, add_phase, create_process
from dialogportal.workspace.queries import MIN_DESCRIPTION_CHARS, moderators, readiness
from dialogportal.workspace.services import close_process, open_process
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

DESCRIBED = "Om børn og unge i kommunen: trivsel, skole og fritid, og hvad der skal til. " * 2


def _ready_process() -> Process:
    now = timezone.now()
    process = create_process(slug="p", title="P", summary="Kort", body="Længere tekst.")
    add_phase(
        process=process,
        kind=PhaseKind.INPUT,
        title="Dialog",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=30),
    )
    area = add_focus_area(process=process, slug="", title="Børn", description=DESCRIBED)
    indicator = Indicator.objects.create(process=process, slug="n", name="N", unit="antal")
    indicator.focus_areas.add(area)
    make_staff("moderator", Role.MODERATOR)
    return process


def _missing(process: Process) -> list[str]:
    return [check.label for check in readiness(process) if not check.is_done]


def test_a_new_process_lacks_every_point_of_the_checklist() -> None:
    process = create_process(slug="p", title="P")
    assert _missing(process) == [
        "Resumé og hvidbogens tekst er skrevet",
        "En fase, hvor der modtages input",
        "Fokusområderne er beskrevet i klart sprog",
        "Nøgletal er knyttet til hvert fokusområde",
        "Moderering er bemandet",
    ]


def test_a_process_with_everything_in_place_is_ready() -> None:
    assert _missing(_ready_process()) == []


def test_a_short_description_and_an_area_without_figures_are_named() -> None:
    process = _ready_process()
    add_focus_area(process=process, slug="", title="Ældre", description="For kort.")
    checks = {check.label: check for check in readiness(process)}
    described = checks["Fokusområderne er beskrevet i klart sprog"]
    assert not described.is_done
    assert "Ældre" in described.detail
    assert str(MIN_DESCRIPTION_CHARS) in described.detail
    assert "Ældre" in checks["Nøgletal er knyttet til hvert fokusområde"].detail


def test_an_input_phase_that_is_over_does_not_count() -> None:
    process = _ready_process()
    later = timezone.now() + timedelta(days=60)
    assert "En fase, hvor der modtages input" in _missing_at(process, later)


def _missing_at(process: Process, at: datetime) -> list[str]:
    return [c.label for c in readiness(process, at=at) if not c.is_done]


def test_a_superuser_alone_does_not_staff_moderation() -> None:
    User.objects.create_superuser("root", "root@example.invalid", "pw-for-tests-123")
    assert not moderators().exists()
    make_staff("moderator", Role.MODERATOR)
    assert list(moderators().values_list("username", flat=True)) == ["moderator"]


def test_opening_is_refused_with_what_is_missing_and_changes_nothing() -> None:
    process = create_process(slug="p", title="P")
    with pytest.raises(ValidationError, match="Mangler: Resumé"):
        open_process(process=process, acting_user=None)
    process.refresh_from_db()
    assert not process.is_published
    assert not ProcessChange.objects.filter(kind="opened").exists()


def test_a_ready_process_opens_and_closes_with_audit_rows() -> None:
    process = _ready_process()
    manager = make_staff("proces", Role.PROCESS_MANAGER)
    open_process(process=process, acting_user=manager)
    process.refresh_from_db()
    assert process.is_published
    close_process(process=process, acting_user=manager)
    kinds = list(
        ProcessChange.objects.filter(acting_user=manager)
        .values_list("kind", flat=True)
        .order_by("id")
    )
    assert kinds == ["opened", "closed"]
