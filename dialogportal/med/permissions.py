"""Who may do what in the MED system. Views fetch every object through these helpers; a miss is
a 404. A committee's own people (secretary, chair, vice-chair with the committee secretary
role: `meetings.permissions.managed_committees`) send from it and answer for it; the MED
secretariat (HR) has a role of its own that reads everything for the overview."""

from django.db.models import Q, QuerySet
from django.http import Http404

from dialogportal.accounts.models import Role, User
from dialogportal.med.models import Cascade, Hearing, HearingPart
from dialogportal.meetings.models import AgendaItem
from dialogportal.meetings.permissions import get_managed_item, managed_committees
from dialogportal.organisation.models import Committee

_MODELS = ("cascade", "hearing", "hearingfile", "hearingpart", "hearinganswer", "answerfile")
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.COMMITTEE_SECRETARY: tuple(
        f"med.{action}_{model}" for model in _MODELS for action in ("add", "change", "view")
    ),
    Role.MED_SECRETARIAT: (
        "med.view_med_overview",
        *(f"med.view_{model}" for model in (*_MODELS, "auditentry")),
        # The overview shows what went where; the secretariat reads the meetings it lists.
        "meetings.view_meeting",
        "meetings.view_agendaitem",
    ),
}


def _user(user: object) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def is_med_secretariat(user: object) -> bool:
    account = _user(user)
    return account is not None and account.has_perm("med.view_med_overview")


def is_med_staff(user: object) -> bool:
    """Someone the MED pages are for: a committee's people or the MED secretariat."""
    account = _user(user)
    return account is not None and (
        account.has_perm("meetings.change_meeting") or is_med_secretariat(account)
    )


def my_committees(user: object) -> QuerySet[Committee]:
    return managed_committees(user)


def get_item_to_send(user: object, pk: int) -> AgendaItem:
    """An item of a committee this user runs (to pass on or send in hearing)."""
    return get_managed_item(user, pk)


def get_cascade_for_user(user: object, pk: int) -> tuple[Cascade, bool]:
    """A cascade for its receiver's people (who may act: True) or for the sender's people and
    the MED secretariat (who may read it: False)."""
    cascade = (
        Cascade.objects.select_related(
            "target_committee", "source_item__meeting__committee", "target_item__meeting"
        )
        .filter(pk=pk)
        .first()
    )
    if cascade is None:
        raise Http404
    mine = set(my_committees(user).values_list("pk", flat=True))
    if cascade.target_committee_id in mine:
        return cascade, True
    if cascade.source_item.meeting.committee_id in mine or is_med_secretariat(user):
        return cascade, False
    raise Http404


def hearings_for(user: object) -> QuerySet[Hearing]:
    """Hearings this user may read: sent by or decided in a committee they run, or (the MED
    secretariat) all."""
    if is_med_secretariat(user):
        return Hearing.objects.all()
    mine = my_committees(user)
    return Hearing.objects.filter(Q(committee__in=mine) | Q(deciding_committee__in=mine))


def get_hearing_for_user(user: object, pk: int) -> tuple[Hearing, bool]:
    """A hearing for its sender's people (who may act: True), the deciding committee's people
    and the MED secretariat (who read: False)."""
    hearing = (
        hearings_for(user).select_related("committee", "source_item__meeting").filter(pk=pk).first()
    )
    if hearing is None:
        raise Http404
    can_act = my_committees(user).filter(pk=hearing.committee_id).exists()
    return hearing, can_act


def get_part_for_user(user: object, pk: int) -> tuple[HearingPart, bool]:
    """A part for its own committee's people (who answer and approve: True); the hearing's
    readers see it read-only (False). Other parts never see each other's answers."""
    part = (
        HearingPart.objects.select_related(
            "hearing__committee", "committee", "target_item__meeting"
        )
        .filter(pk=pk)
        .first()
    )
    if part is None:
        raise Http404
    if my_committees(user).filter(pk=part.committee_id).exists():
        return part, True
    if hearings_for(user).filter(pk=part.hearing_id).exists():
        return part, False
    raise Http404


def can_read_material(user: object, hearing: Hearing) -> bool:
    """The hearing's readers, and the people of its parts."""
    if hearings_for(user).filter(pk=hearing.pk).exists():
        return True
    return hearing.parts.filter(committee__in=my_committees(user)).exists()
