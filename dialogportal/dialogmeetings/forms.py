"""Forms only parse what the browser sent; every rule lives in `services.py`."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.dialogmeetings.models import MAX_PARTY_SIZE, MeetingKind
from dialogportal.inputs.forms import focus_area_field
from dialogportal.inputs.models import ContributorType
from dialogportal.organisation.models import Committee, Unit
from dialogportal.processes.models import FocusArea, Process

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _datetime_field(label: Any, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=_DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        error_messages={
            "invalid": _("Skriv dato og klokkeslæt som ÅÅÅÅ-MM-DD TT:MM."),
            "required": _("Skriv dato og klokkeslæt."),
        },
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    kind = forms.ChoiceField(label=_("Mødeform"), choices=MeetingKind.choices)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = _datetime_field(_("Starter"))
    ends_at = _datetime_field(_("Slutter"))
    place = forms.CharField(
        label=_("Sted"), max_length=200, help_text=_("Fx Spentrup Forsamlingshus.")
    )
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postcode = forms.CharField(
        label=_("Postnummer"),
        max_length=20,
        help_text=_("Postnummerets by bliver mødets område i oversigten."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-width-xs"}),
    )
    host_name = forms.CharField(label=_("Vært"), max_length=200)
    host_unit = forms.ModelChoiceField(
        label=_("Værtens enhed"), queryset=Unit.objects.order_by("name"), required=False
    )
    committees = forms.ModelMultipleChoiceField(
        label=_("Deltagende udvalg"), queryset=Committee.objects.order_by("name"), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Deltagende enheder"), queryset=Unit.objects.order_by("name"), required=False
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Fokusområder"),
        queryset=FocusArea.objects.none(),
        required=False,
        help_text=_("Vælg ingen for at dække alle processens fokusområder."),
    )
    professional_field = forms.CharField(label=_("Fagområde"), max_length=200, required=False)
    capacity = forms.IntegerField(
        label=_("Antal pladser"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Tomt betyder ingen grænse."),
    )
    registration_closes_at = _datetime_field(_("Tilmelding åben til"), required=False)
    is_public = forms.BooleanField(
        label=_("Offentligt møde med tilmelding på hjemmesiden"), required=False, initial=True
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = self.fields["focus_areas"]
        assert isinstance(areas, forms.ModelMultipleChoiceField)
        areas.queryset = process.focus_areas.all()


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse for aflysning"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vises på mødets offentlige side."),
        error_messages={"required": _("Skriv, hvorfor mødet er aflyst.")},
    )


class RegistrationForm(forms.Form):
    """The public registration form; no login."""

    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Skriv dit navn.")},
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("Så kan værten give dig besked, hvis mødet ændres. Vises aldrig."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    postcode = forms.CharField(
        label=_("Postnummer"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "class": "input-width-xs"}
        ),
    )
    contributor_type = forms.ChoiceField(
        label=_("Jeg deltager som"),
        choices=ContributorType.choices,
        initial=ContributorType.CITIZEN,
        error_messages={"required": _("Vælg, hvem du deltager som.")},
    )
    party_size = forms.TypedChoiceField(
        label=_("Antal personer"),
        choices=[(n, str(n)) for n in range(1, MAX_PARTY_SIZE + 1)],
        coerce=int,
        initial=1,
        error_messages={"invalid_choice": _("Vælg et antal fra 1 til 10.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("Jeg har læst teksten om behandling af personoplysninger"), required=False
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Spørgsmål"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    order = forms.IntegerField(label=_("Rækkefølge"), min_value=0, max_value=999, required=False)
    question_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["focus_area"] = focus_area_field(process, label=_("Fokusområde"))
        area = self.fields["focus_area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.empty_label = _("Generelt spørgsmål")


class TableNoteForm(forms.Form):
    """One table note; an empty row is skipped."""

    text = forms.CharField(
        label=_("Note"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 2})
    )
    table_name = forms.CharField(label=_("Bord/gruppe"), required=False, max_length=100)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["focus_area"] = focus_area_field(process)
        self.order_fields(["text", "focus_area", "table_name"])
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)


class TableNotesHeaderForm(forms.Form):
    contributor_type = forms.ChoiceField(
        label=_("Deltagerne var mest"),
        choices=ContributorType.choices,
        initial=ContributorType.CITIZEN,
    )


TableNoteFormSet = forms.formset_factory(TableNoteForm, extra=10, max_num=50, absolute_max=50)
QuestionFormSet = forms.formset_factory(QuestionForm, extra=3, max_num=100, absolute_max=100)
