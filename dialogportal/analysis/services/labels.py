"""Moderators' confirmations of an input's focus area: training labels for every later run."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.analysis.models import AreaLabel
from dialogportal.inputs.models import Input
from dialogportal.processes.models import FocusArea


@transaction.atomic
def confirm_area_label(
    *, item: Input, focus_area: FocusArea, acting_user: User | None, keep_others: bool = False
) -> AreaLabel:
    """Record that `item` belongs to `focus_area` (a confirmation, or a correction when it was
    placed elsewhere). Other confirmed areas of the input are removed unless `keep_others`.
    The next run assigns the input there and learns from it."""
    if focus_area.process_id != item.process_id:
        raise ValidationError(_("Fokusområdet hører ikke til inputtets proces."))
    if not keep_others:
        AreaLabel.objects.filter(input=item).exclude(focus_area=focus_area).delete()
    label = AreaLabel.objects.filter(input=item, focus_area=focus_area).first()
    if label is None:
        label = AreaLabel(input=item, focus_area=focus_area)
    label.confirmed_by = acting_user
    label.confirmed_at = timezone.now()
    label.full_clean()
    label.save()
    return label


@transaction.atomic
def remove_area_label(*, item: Input, focus_area: FocusArea) -> int:
    """Withdraw a confirmation; returns how many labels were removed (0 or 1)."""
    deleted, _counts = AreaLabel.objects.filter(input=item, focus_area=focus_area).delete()
    return deleted
