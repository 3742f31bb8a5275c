"""An analysed process with Danish inputs (the analysis tests' builder, run for real) and staff
users for the feedback tests."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user, sync_roles
from dialogportal.analysis.execution import run_analysis_now
from dialogportal.analysis.models import (
    AnalysisRun,
    CuratedTheme,
    CuratedThemeMember,
    DuplicateGroup,
    DuplicateMember,
)
from dialogportal.analysis.services import mark_ready
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.inputs.services import CONSENT_TEXT_VERSION, submit_input
from dialogportal.processes.models import PhaseKind, Process
from dialogportal.processes.services import add_phase
from tests.analysis.builders import grouped_run, make_analysable_process

CONTRIBUTOR_EMAIL = "Karen.Blixen@Example.dk"


def staff(username: str = "leder", *roles: Role) -> User:
    synced = Group.objects.filter(
        name=Role.PROCESS_MANAGER.value, permissions__content_type__app_label="feedback"
    )
    if not synced.exists():
        sync_roles()  # slow, so once per test database state
    return create_staff_user(
        username=username,
        password="pw-for-tests-123",
        full_name=username.title(),
        email=f"{username}@example.invalid",
        roles=list(roles) or [Role.PROCESS_MANAGER, Role.MODERATOR],
    )


def run_worker() -> None:
    call_command("run_worker", "--batch", "--interval", "0")


def contributed(
    process: Process,
    *,
    text: str,
    area_slug: str = "boliger",
    email: str = CONTRIBUTOR_EMAIL,
    consent_contact: bool = True,
    state: str = ModerationState.PUBLISHED,
    name: str = "Karen Blixen",
    consent_publish_name: bool = False,
    channel: str = "web",
    source: str = "",
    phone: str = "",
) -> Input:
    item = submit_input(
        process=process,
        focus_area=process.focus_areas.get(slug=area_slug),
        text=text,
        contributor_type="citizen",
        name=name,
        email=email,
        phone=phone,
        postcode="8900",
        consent_publish_name=consent_publish_name,
        consent_contact=consent_contact,
        consent_text_version=CONSENT_TEXT_VERSION,
        channel=channel,
        source=source,
        acting_user=None if channel == "web" else staff(),
    )
    Input.objects.filter(pk=item.pk).update(moderation_state=state)
    item.refresh_from_db()
    return item


def open_for_input(process: Process) -> None:
    now = timezone.now()
    add_phase(
        process=process,
        kind=PhaseKind.INPUT,
        title="Dialog",
        starts_at=now - timedelta(days=10),
        ends_at=now + timedelta(days=10),
    )


def analysed(slug: str = "fremtiden") -> tuple[Process, AnalysisRun]:
    process = make_analysable_process(slug=slug, acting_user=staff())
    return process, analyse(process)


def analyse(process: Process) -> AnalysisRun:
    run = run_analysis_now(process=process, acting_user=None)
    assert run.is_done, run.error
    return run


def theme_of(run: AnalysisRun, item: Input) -> CuratedTheme:
    """The curated theme the run put `item` in."""
    membership = CuratedThemeMember.objects.filter(theme__process=run.process, input=item).first()
    assert membership is not None, "the input landed in a theme"
    return CuratedTheme.objects.get(pk=membership.theme_id)


def curated(run: AnalysisRun, title: str) -> CuratedTheme:
    """The curated theme named `title` in the run's process."""
    return CuratedTheme.objects.get(process=run.process, title=title)


def small_process(slug: str = "proces") -> Process:
    """A published process with two focus areas, open for input."""
    from tests.factories import make_process

    return make_process(slug=slug)


def themed_run(
    process: Process, themes: dict[str, list[Input]], *, publish: bool = True
) -> AnalysisRun:
    """A finished run with the given themes (label -> members; the first member is the
    representative), in the members' focus area, matched to curated themes of the same names
    (published unless `publish` is False). Built directly: the engine is tested elsewhere and
    these tests need a known grouping."""
    run = grouped_run(process, themes)
    if publish:
        for theme in CuratedTheme.objects.filter(last_run=run):
            mark_ready(theme=theme, acting_user=None)
    return run


def duplicate_group(run: AnalysisRun, members: list[Input]) -> DuplicateGroup:
    group = DuplicateGroup.objects.create(run=run, size=len(members), order=0, is_campaign=True)
    DuplicateMember.objects.bulk_create(
        [DuplicateMember(group=group, input=member, order=i) for i, member in enumerate(members)]
    )
    return group
