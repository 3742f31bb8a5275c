"""Who may see and run analyses, and who may confirm an input's focus area.

Process managers and moderators see results and start runs; moderators (and administrators)
confirm or correct an input's focus area; process managers (and administrators) curate themes
and mark them ready for publication. Objects are fetched only through the helpers below."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from dialogportal.accounts.models import Role, User
from dialogportal.analysis.models import AnalysisRun, CuratedTheme
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.processes.models import FocusArea, Process

VIEW = "analysis.view_analysisrun"
RUN = "analysis.add_analysisrun"
CONFIRM = "analysis.add_arealabel"
CURATE = "analysis.change_curatedtheme"

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    # The process secretariat decides what is published: it curates themes.
    Role.PROCESS_MANAGER: (
        VIEW,
        RUN,
        CURATE,
        "analysis.view_arealabel",
        "analysis.view_curatedtheme",
        "analysis.view_curationevent",
    ),
    Role.MODERATOR: (
        VIEW,
        RUN,
        CONFIRM,
        "analysis.change_arealabel",
        "analysis.view_arealabel",
        "analysis.view_curatedtheme",
        "analysis.view_curationevent",
    ),
}


def _is_staff_user(user: User | object) -> bool:
    return isinstance(user, User) and user.is_active


def can_view_analysis(user: User | object) -> bool:
    return _is_staff_user(user) and isinstance(user, User) and user.has_perm(VIEW)


def can_run_analysis(user: User | object) -> bool:
    return _is_staff_user(user) and isinstance(user, User) and user.has_perm(RUN)


def can_confirm_area(user: User | object) -> bool:
    return _is_staff_user(user) and isinstance(user, User) and user.has_perm(CONFIRM)


def can_curate(user: User | object) -> bool:
    return _is_staff_user(user) and isinstance(user, User) and user.has_perm(CURATE)


def acting_user(user: User | object) -> User:
    """The signed-in staff user behind a request (views are behind login_required)."""
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def get_process_for_analysis(user: User | object, slug: str) -> Process:
    """The process with `slug` (published or not) if the user may see analyses; 403/404."""
    require(can_view_analysis(user))
    try:
        return Process.objects.get(slug=slug)
    except Process.DoesNotExist as exc:
        raise Http404 from exc


def get_run_for_user(user: User | object, run_id: int) -> AnalysisRun:
    require(can_view_analysis(user))
    try:
        return AnalysisRun.objects.select_related("process", "created_by").get(pk=run_id)
    except AnalysisRun.DoesNotExist as exc:
        raise Http404 from exc


def get_focus_area_of_run(run: AnalysisRun, area_id: int) -> FocusArea:
    try:
        return FocusArea.objects.get(pk=area_id, process_id=run.process_id)
    except FocusArea.DoesNotExist as exc:
        raise Http404 from exc


def get_curated_theme(user: User | object, theme_id: int) -> CuratedTheme:
    """A curated theme (merged ones too: their page says where they went) if the user may see
    analyses; 403/404."""
    require(can_view_analysis(user))
    try:
        return CuratedTheme.objects.select_related(
            "process", "focus_area", "merged_into", "ready_by"
        ).get(pk=theme_id)
    except CuratedTheme.DoesNotExist as exc:
        raise Http404 from exc


def get_input_for_analysis(user: User | object, process: Process, input_id: int) -> Input:
    """An input of `process` that analysis covers (rejected inputs never are)."""
    require(can_view_analysis(user))
    try:
        return (
            Input.objects.select_related("focus_area", "process")
            .exclude(moderation_state=ModerationState.REJECTED)
            .get(pk=input_id, process=process)
        )
    except Input.DoesNotExist as exc:
        raise Http404 from exc
