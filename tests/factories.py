"""Small builders for test data that go through the real services."""

from datetime import datetime, timedelta

from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user, sync_roles
from dialogportal.processes.models import FocusArea, Phase, PhaseKind, Process
from dialogportal.processes.services import add_focus_area, add_phase, create_process


def make_process(
    *,
    slug: str = "proces",
    title: str = "Fremtidens Testby",
    is_published: bool = True,
    phase_kind: PhaseKind = PhaseKind.INPUT,
    now: datetime | None = None,
    areas: int = 2,
) -> Process:
    now = now or timezone.now()
    process = create_process(slug=slug, title=title, summary="Resumé", is_published=is_published)
    add_phase(
        process=process,
        kind=phase_kind,
        title="Fase",
        starts_at=now - timedelta(days=10),
        ends_at=now + timedelta(days=10),
    )
    for index in range(areas):
        add_focus_area(
            process=process,
            slug=f"omraade-{index + 1}",
            title=f"Område {index + 1}",
            description=f"Beskrivelse af område {index + 1} med æ, ø og å.",
            order=index,
        )
    return process


def first_area(process: Process) -> FocusArea:
    area = process.focus_areas.order_by("order").first()
    assert area is not None
    return area


def current_phase(process: Process) -> Phase:
    phase = process.current_phase()
    assert phase is not None
    return phase


def make_staff(username: str, role: Role) -> User:
    sync_roles()
    return create_staff_user(
        username=username,
        password="pw-for-tests-123",
        full_name=username.title(),
        email=f"{username}@example.invalid",
        roles=[role],
    )
