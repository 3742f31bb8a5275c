from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from dialogportal.accounts.access import can_view_nonpublic_text
from dialogportal.accounts.models import Role, User
from dialogportal.analysis.models import CuratedTheme, DuplicateGroup
from dialogportal.feedback.models import AnswerTemplate
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.processes.models import Process

ANSWER = "feedback.add_answer"
VIEW = "feedback.view_answer"

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROCESS_MANAGER: (
        "feedback.add_answer",
        "feedback.view_answer",
        "feedback.view_statuschange",
        "feedback.add_statuschange",
        "feedback.add_answertemplate",
        "feedback.change_answertemplate",
        "feedback.delete_answertemplate",
        "feedback.view_answertemplate",
        "feedback.add_outcome",
        "feedback.view_outcome",
    ),
    Role.MODERATOR: (
        "feedback.view_answer",
        "feedback.view_statuschange",
        "feedback.view_answertemplate",
        "feedback.view_outcome",
    ),
    # Secretaries read the feedback pages (and the hvidbog) – of non-published inputs only
    # what `shown_inputs` allows.
    Role.COMMITTEE_SECRETARY: ("feedback.view_answer", "feedback.view_outcome"),
}


def _require(user: User | object, perm: str) -> User:
    if not isinstance(user, User) or not user.is_active or not user.has_perm(perm):
        raise PermissionDenied
    return user


def can_answer(user: User | object) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(ANSWER)


def require_viewer(user: User | object) -> User:
    return _require(user, VIEW)


def require_answerer(user: User | object) -> User:
    return _require(user, ANSWER)


def get_process_for_staff(user: User | object, slug: str) -> Process:
    require_viewer(user)
    try:
        return Process.objects.get(slug=slug)
    except Process.DoesNotExist as exc:
        raise Http404 from exc


def shown_inputs(user: User | object, inputs: QuerySet[Input]) -> QuerySet[Input]:
    """The inputs whose text a feedback page may show this user: every one to those
    `privacy.matrix` lets see non-public text, else only published ones."""
    if can_view_nonpublic_text(user):
        return inputs
    return inputs.filter(moderation_state=ModerationState.PUBLISHED)


def get_input_for_staff(user: User | object, input_id: int) -> Input:
    require_viewer(user)
    try:
        return (
            shown_inputs(user, Input.objects.all())
            .select_related("process", "focus_area")
            .get(pk=input_id)
        )
    except Input.DoesNotExist as exc:
        raise Http404 from exc


def get_theme_for_staff(user: User | object, theme_id: int) -> CuratedTheme:
    """A curated theme (what staff answer; never a run's machine group)."""
    require_viewer(user)
    try:
        return CuratedTheme.objects.select_related("process", "focus_area", "merged_into").get(
            pk=theme_id
        )
    except CuratedTheme.DoesNotExist as exc:
        raise Http404 from exc


def get_duplicate_group_for_staff(user: User | object, group_id: int) -> DuplicateGroup:
    require_viewer(user)
    try:
        return DuplicateGroup.objects.select_related("run__process").get(pk=group_id)
    except DuplicateGroup.DoesNotExist as exc:
        raise Http404 from exc


def get_template_for_staff(
    user: User | object, process: Process, template_id: int
) -> AnswerTemplate:
    require_answerer(user)
    try:
        return AnswerTemplate.objects.get(process=process, pk=template_id)
    except AnswerTemplate.DoesNotExist as exc:
        raise Http404 from exc
