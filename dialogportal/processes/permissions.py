from django.http import Http404

from dialogportal.accounts.models import Role, User
from dialogportal.processes.models import (
    FocusArea,
    Phase,
    Process,
    ProcessDocument,
    ProcessDocumentQuerySet,
)

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROCESS_MANAGER: tuple(
        f"processes.{action}_{model}"
        for model in ("process", "phase", "focusarea", "processdocument", "processchange")
        for action in ("add", "change", "delete", "view")
    ),
    Role.MODERATOR: ("processes.view_process", "processes.view_phase", "processes.view_focusarea"),
    Role.COMMITTEE_SECRETARY: ("processes.view_process", "processes.view_focusarea"),
}


def can_view_unpublished(user: User | object) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm("processes.view_process")


def get_process_for_user(user: User | object, slug: str) -> Process:
    """The process with `slug` if this user may see it; 404 otherwise (also for drafts)."""
    processes = Process.objects.all() if can_view_unpublished(user) else Process.objects.published()
    try:
        return processes.get(slug=slug)
    except Process.DoesNotExist as exc:
        raise Http404 from exc


def get_focus_area_for_user(user: User | object, process_slug: str, area_slug: str) -> FocusArea:
    """The focus area with its process (one query) if this user may see the process; 404
    otherwise – the same rule as `get_process_for_user`."""
    areas = FocusArea.objects.select_related("process").filter(
        process__slug=process_slug, slug=area_slug
    )
    if not can_view_unpublished(user):
        areas = areas.filter(process__in=Process.objects.published())
    try:
        return areas.get()
    except FocusArea.DoesNotExist as exc:
        raise Http404 from exc


def can_set_up_processes(user: User | object) -> bool:
    """Create processes and edit their phases, focus areas and documents (process managers)."""
    return isinstance(user, User) and user.is_active and user.has_perm("processes.change_process")


def get_process_to_set_up(user: User | object, slug: str) -> Process:
    """The process with `slug` if this user may set it up; 404 otherwise."""
    if not can_set_up_processes(user):
        raise Http404
    try:
        return Process.objects.get(slug=slug)
    except Process.DoesNotExist as exc:
        raise Http404 from exc


def get_phase_to_set_up(user: User | object, slug: str, pk: int) -> Phase:
    process = get_process_to_set_up(user, slug)
    try:
        return process.phases.select_related("process").get(pk=pk)
    except Phase.DoesNotExist as exc:
        raise Http404 from exc


def get_area_to_set_up(user: User | object, slug: str, pk: int) -> FocusArea:
    process = get_process_to_set_up(user, slug)
    try:
        return process.focus_areas.select_related("process").get(pk=pk)
    except FocusArea.DoesNotExist as exc:
        raise Http404 from exc


def get_document_to_set_up(user: User | object, slug: str, pk: int) -> ProcessDocument:
    process = get_process_to_set_up(user, slug)
    try:
        return process.documents.select_related("process").get(pk=pk)
    except ProcessDocument.DoesNotExist as exc:
        raise Http404 from exc


def documents_for_user(user: User | object, process: Process) -> ProcessDocumentQuerySet:
    """Staff see every document of the process (the private ones marked); the public only the
    public ones."""
    if can_view_unpublished(user):
        return process.documents.all()
    return process.documents.public()
