"""A small analysable process with Danish inputs, built through the real services."""

from django.contrib.auth.models import Group
from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user, sync_roles
from dialogportal.analysis.matching import match_run_to_curated_themes
from dialogportal.analysis.models import (
    AnalysisRun,
    AreaAssignment,
    RunStatus,
    Theme,
    ThemeMembership,
)
from dialogportal.analysis.permissions import ROLE_PERMISSIONS
from dialogportal.analysis.queries.inputs import analysed_inputs
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.inputs.services import submit_input
from dialogportal.processes.models import FocusArea, Process
from dialogportal.processes.services import add_focus_area, create_process

AREAS: tuple[tuple[str, str, str], ...] = (
    (
        "boliger",
        "Boliger i bedre kvalitet",
        "Slidte boliger i midtbyen skal renoveres, så flere vil bo der: lejligheder, husleje, "
        "almene boligforeninger og byggeri.",
    ),
    (
        "erhverv",
        "Flere private arbejdspladser",
        "Virksomheder skal have lyst til at flytte hertil, så der kommer flere job og private "
        "arbejdspladser: erhverv, iværksættere og beskæftigelse.",
    ),
    (
        "boern",
        "Udsatte børn og unge",
        "Børn og unge skal hjælpes tidligt: skole, uddannelse, fritidsjob, trivsel og familier "
        "der har brug for støtte.",
    ),
)

TEXTS: dict[str, tuple[str, ...]] = {
    "boliger": (
        "Boligerne i midtbyen er slidte. Mange lejligheder trænger til renovering af tage.",
        "Huslejen er for høj i de nye boliger. Vi har brug for billige lejligheder til familier.",
        "Boligforeningen bør renovere opgangene. Lejlighederne er kolde om vinteren.",
        "Byggeri af nye boliger skal blandes med renovering af de gamle lejligheder i midtbyen.",
        "Almene boliger og ejerboliger bør ligge side om side. Det giver en blandet by.",
        "Renovering af boliger i midtbyen vil få flere til at bo i byen.",
    ),
    "erhverv": (
        "Virksomheder mangler arbejdskraft. Kommunen bør hjælpe iværksættere med at skabe job.",
        "Flere private arbejdspladser kræver at virksomheder får hurtig sagsbehandling.",
        "Erhvervsområdet ved motorvejen kan tiltrække nye virksomheder og job.",
        "Iværksættere har brug for billige lokaler. Det skaber private arbejdspladser.",
        "Kommunen skal samarbejde med virksomheder om job til ledige.",
        "Beskæftigelse kræver flere virksomheder og flere private job i kommunen.",
    ),
    "boern": (
        "Unge uden uddannelse har brug for en voksen der følger dem. Skolen skal hjælpe tidligt.",
        "Børn i udsatte familier skal have støtte før problemerne vokser. Trivsel er vigtig.",
        "Fritidsjob til unge giver gode vaner. Flere unge bør få et fritidsjob.",
        "Skolen og familien skal samarbejde om børns trivsel og læring.",
        "Unge der dropper ud af uddannelse skal fanges hurtigt af en mentor.",
        "Børn og unge har brug for trygge fritidstilbud og støtte i skolen.",
    ),
}


def staff(role: Role = Role.MODERATOR, username: str = "moderator") -> User:
    """A staff user with `role`. Roles are synced once the analysis permissions exist (syncing
    is slow, so not again for every user)."""
    groups = Group.objects.filter(name=role.value)
    if role in ROLE_PERMISSIONS:
        groups = groups.filter(permissions__content_type__app_label="analysis")
    if not groups.exists():
        sync_roles()
    return create_staff_user(
        username=username,
        password="pw-for-tests-123",
        full_name=username.title(),
        email=f"{username}@example.invalid",
        roles=[role],
    )


def make_analysable_process(
    *, slug: str = "analyseby", with_inputs: bool = True, acting_user: User | None = None
) -> Process:
    process = create_process(slug=slug, title="Fremtidens Analyseby", is_published=True)
    for order, (area_slug, title, description) in enumerate(AREAS):
        add_focus_area(
            process=process, slug=area_slug, title=title, description=description, order=order
        )
    if with_inputs:
        user = acting_user or staff(Role.PROCESS_MANAGER, "registrator")
        for area_slug, texts in TEXTS.items():
            area = process.focus_areas.get(slug=area_slug)
            for text in texts:
                add_input(process=process, focus_area=area, text=text, acting_user=user)
    return process


def add_input(
    *,
    process: Process,
    focus_area: FocusArea | None,
    text: str,
    acting_user: User,
    channel: str = "web",
    postcode: str = "8900",
    contributor_type: str = "citizen",
    state: str = ModerationState.PUBLISHED,
) -> Input:
    item = submit_input(
        process=process,
        focus_area=focus_area,
        text=text,
        contributor_type=contributor_type,
        channel=channel,
        postcode=postcode,
        acting_user=acting_user,
    )
    if item.moderation_state != state:
        Input.objects.filter(pk=item.pk).update(moderation_state=state)
        item.refresh_from_db()
    return item


def grouped_run(process: Process, groups: dict[str, list[Input]]) -> AnalysisRun:
    """A finished run of `process` whose groups are exactly `groups` (label -> members; the
    first member is the representative; each group in its first member's focus area), matched
    to the curated themes as a real run is. Built directly: these tests need a known grouping,
    and the engine is tested on its own."""
    run = AnalysisRun.objects.create(
        process=process, status=RunStatus.DONE, progress=100, finished_at=timezone.now()
    )
    for order, (label, members) in enumerate(groups.items()):
        area = members[0].focus_area or process.focus_areas.order_by("order").first()
        assert area is not None
        theme = Theme.objects.create(
            run=run, focus_area=area, label=label, size=len(members), order=order
        )
        ThemeMembership.objects.bulk_create(
            ThemeMembership(theme=theme, input=member, is_representative=index == 0, order=index)
            for index, member in enumerate(members)
        )
    # Every analysable input was analysed (placed in its own focus area), as in a real run.
    first_area = process.focus_areas.order_by("order").first()
    AreaAssignment.objects.bulk_create(
        AreaAssignment(
            run=run,
            input=item,
            focus_area_id=item.focus_area_id or first_area.pk,  # type: ignore[union-attr]
            score=1.0,
            is_top=True,
        )
        for item in analysed_inputs(process)
    )
    match_run_to_curated_themes(run)
    return run
