from django.core.exceptions import PermissionDenied
from django.http import Http404

from dialogportal.accounts.models import Role, User
from dialogportal.indicators.models import FigureUpload, FigureUploadStatus, Indicator
from dialogportal.processes.models import Process
from dialogportal.processes.permissions import get_process_for_user

_MODELS = ("indicator", "observation", "comparisonset", "figureupload")

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROCESS_MANAGER: (
        *(
            f"indicators.{action}_{model}"
            for model in _MODELS
            for action in ("add", "change", "delete", "view")
        ),
        "indicators.view_refreshlog",
    ),
    Role.MODERATOR: ("indicators.view_indicator", "indicators.view_refreshlog"),
    Role.COMMITTEE_SECRETARY: ("indicators.view_indicator",),
}

MANAGE_PERMISSION = "indicators.change_indicator"
UPLOAD_PERMISSION = "indicators.add_figureupload"


def can_manage_indicators(user: User | object) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(MANAGE_PERMISSION)


def can_upload_figures(user: User | object) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(UPLOAD_PERMISSION)


def get_process_for_manager(user: User | object, slug: str) -> Process:
    """The process, for staff who manage its key figures; 403 for everyone else."""
    if not can_manage_indicators(user):
        raise PermissionDenied
    return get_process_for_user(user, slug)


def get_indicator_for_user(user: User | object, process_slug: str, slug: str) -> Indicator:
    """An indicator of a process this user may see; 404 otherwise."""
    process = get_process_for_user(user, process_slug)
    try:
        return process.indicators.select_related("process").get(slug=slug)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc


def get_indicator_for_uploader(user: User | object, process_slug: str, slug: str) -> Indicator:
    if not can_upload_figures(user):
        raise PermissionDenied
    return get_indicator_for_user(user, process_slug, slug)


def get_pending_upload_for_user(user: User | object, indicator: Indicator, pk: int) -> FigureUpload:
    """An upload awaiting confirmation, only for the staff member who made it."""
    if not isinstance(user, User) or not can_upload_figures(user):
        raise PermissionDenied
    try:
        return indicator.uploads.get(pk=pk, status=FigureUploadStatus.PREVIEW, uploaded_by=user)
    except FigureUpload.DoesNotExist as exc:
        raise Http404 from exc
