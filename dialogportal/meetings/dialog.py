"""The link from committees to the dialog: a committee's discussion of an item is sent as an input
to a process (channel "MED-udvalg", source = the committee) through the inputs app's own
service, and the secretary later sees what became of it."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialogportal.accounts.models import User
from dialogportal.inputs.models import Channel, ContributorType, Input
from dialogportal.inputs.services import stored_staff_key, submit_input
from dialogportal.meetings.models import AgendaItem, Meeting, SectionKind
from dialogportal.processes.models import FocusArea, Process


def _key(item: AgendaItem) -> str:
    return f"meetings-item-{item.pk}"


class SendForm(forms.Form):
    process = forms.ModelChoiceField(label=gettext_lazy("Proces"), queryset=Process.objects.all())
    focus_area = forms.ModelChoiceField(
        label=gettext_lazy("Fokusområde"), queryset=FocusArea.objects.none(), required=False
    )

    def __init__(self, *args: Any, item: AgendaItem | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if item is not None and item.process_id and "initial" not in kwargs:
            self.initial["process"] = item.process_id
        area_field = self.fields["focus_area"]
        assert isinstance(area_field, forms.ModelChoiceField)
        area_field.queryset = FocusArea.objects.select_related("process").order_by(
            "process__title", "order"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        area = data.get("focus_area")
        if (
            area is not None
            and data.get("process") is not None
            and area.process_id != data["process"].pk
        ):
            raise forms.ValidationError(_("Fokusområdet hører ikke til den valgte proces."))
        return data


def discussion_text(item: AgendaItem) -> str:
    """What the committee said: the item's Referat/Beslutning."""
    section = item.sections.filter(kind=SectionKind.DECISION).order_by("order").first()
    return section.body.strip() if section is not None else ""


@transaction.atomic
def send_discussion_to_process(
    *,
    item: AgendaItem,
    process: Process,
    focus_area: FocusArea | None,
    acting_user: User,
) -> int:
    """Send the committee's discussion of `item` as one input to `process`; exactly once per
    item (a second send changes nothing). Returns the number of new inputs."""
    text = discussion_text(item)
    if item.is_closed:
        raise ValidationError(_("Et lukket punkt kan ikke sendes som input."))
    if not text:
        raise ValidationError(_("Punktet har intet referat endnu; skriv referatet først."))
    committee = item.meeting.committee
    created = submit_input(
        process=process,
        focus_area=focus_area,
        title=f"{committee.name}: {item.title}"[:200],
        text=text,
        contributor_type=ContributorType.EMPLOYEE,
        organisation=committee.name[:200],
        channel=Channel.MED_COMMITTEE,
        source=committee.name[:200],
        given_on=item.meeting.held_on,
        idempotency_key=_key(item),
        acting_user=acting_user,
    )
    if item.process_id != process.pk:
        item.process = process
        item.save(update_fields=["process"])
    return 1 if getattr(created, "was_created", True) else 0


@transaction.atomic
def send_meeting_to_process(
    *,
    meeting: Meeting,
    process: Process,
    focus_area: FocusArea | None,
    acting_user: User,
) -> int:
    """Send, in one step, every open non-standard item of the meeting that has a Referat as an
    input to `process`; items already sent are not sent again. Returns the number of new inputs."""
    sent = 0
    items = meeting.items.filter(is_closed=False, is_standard=False, is_draft=False)
    for item in items.order_by("order", "number"):
        if discussion_text(item):
            sent += send_discussion_to_process(
                item=item, process=process, focus_area=focus_area, acting_user=acting_user
            )
    return sent


def sent_inputs(item: AgendaItem) -> list[Input]:
    """The inputs sent from this item, with their feedback status."""
    return list(Input.objects.filter(idempotency_key=stored_staff_key(_key(item))))
