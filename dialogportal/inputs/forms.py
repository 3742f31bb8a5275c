"""Forms only parse what the browser sent; every rule lives in `services.submit_input`."""

import uuid
from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogportal.core.spamtrap import sign_started
from dialogportal.inputs.models import Channel, ContributorType, FeedbackStatus, ModerationState
from dialogportal.processes.models import FocusArea, Process


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files; the rules on type, size and count are in `core.uploads`."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [item for item in items if item]


class InputForm(forms.Form):
    """The public form per focus area (or 'other')."""

    text = forms.CharField(
        label=_("Dit input"),
        required=False,  # required by submit_input (all errors in one pass), marked for people
        widget=forms.Textarea(attrs={"rows": 8, "aria-required": "true"}),
        help_text=_("Skriv, hvad du mener, og gerne hvorfor. Mindst 10 tegn."),
    )
    title = forms.CharField(
        label=_("Overskrift"), required=False, help_text=_("En kort overskrift på dit input.")
    )
    contributor_type = forms.ChoiceField(
        label=_("Jeg skriver som"),
        choices=ContributorType.choices,
        # Required by submit_input, which checks every field at once: left optional here so
        # that a form without it still reaches the service and all errors come in one pass.
        required=False,
        widget=forms.RadioSelect(attrs={"aria-required": "true"}),
    )
    organisation = forms.CharField(
        label=_("Jeg repræsenterer"),
        required=False,
        help_text=_("Fx en virksomhed, en fagforening, en forening eller en arbejdsplads."),
    )
    name = forms.CharField(
        label=_("Navn"), required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        help_text=_("Så sender vi en kvittering med et link til dit input. Vises aldrig."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    postcode = forms.CharField(
        label=_("Postnummer"),
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "class": "input-width-xs"}
        ),
    )
    consent_publish_name = forms.BooleanField(
        label=_("Mit navn og hvem jeg repræsenterer må vises sammen med mit input"),
        required=False,
    )
    consent_contact = forms.BooleanField(
        label=_("Kommunen må kontakte mig om mit input"), required=False
    )
    attachments = MultipleFileField(
        label=_("Bilag"),
        help_text=_("PDF, Word (DOCX), JPEG eller PNG."),
    )
    accept_privacy = forms.BooleanField(
        label=_("Jeg har læst teksten om behandling af personoplysninger"), required=False
    )
    # Spam protection: a field people do not see, and when the form was shown.
    website = forms.CharField(
        label=_("Lad dette felt stå tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("started", sign_started())
            self.initial.setdefault("submission_key", uuid.uuid4().hex)


def focus_area_field(process: Process, *, label: Any = None) -> forms.ModelChoiceField[FocusArea]:
    queryset: QuerySet[FocusArea] = process.focus_areas.all()
    return forms.ModelChoiceField(
        label=label or _("Fokusområde"),
        queryset=queryset,
        required=False,
        empty_label=_("Andet / intet bestemt område"),
        to_field_name="slug",
    )


class StaffInputForm(forms.Form):
    """Staff register input on behalf of others, from any channel."""

    channel = forms.ChoiceField(label=_("Kanal"), choices=Channel.choices, initial=Channel.POSTCARD)
    source = forms.CharField(
        label=_("Kilde"),
        required=False,
        help_text=_("Fx MED-udvalgets navn, dialogmødets sted eller afsenderens brev."),
    )
    given_on = forms.DateField(
        label=_("Givet den"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Skriv en dato som ÅÅÅÅ-MM-DD.")},
    )
    contributor_type = forms.ChoiceField(
        label=_("Afsender"), choices=ContributorType.choices, initial=ContributorType.CITIZEN
    )
    text = forms.CharField(
        label=_("Input"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    title = forms.CharField(label=_("Overskrift"), required=False)
    organisation = forms.CharField(label=_("Repræsenterer"), required=False)
    name = forms.CharField(label=_("Navn"), required=False)
    email = forms.CharField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telefon"), required=False)
    postcode = forms.CharField(label=_("Postnummer"), required=False)
    consent_publish_name = forms.BooleanField(label=_("Navnet må vises"), required=False)
    consent_contact = forms.BooleanField(label=_("Må kontaktes"), required=False)
    attachments = MultipleFileField(label=_("Bilag"), help_text=_("PDF, DOCX, JPEG eller PNG."))
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["focus_area"] = focus_area_field(process)
        self.order_fields(["channel", "source", "given_on", "focus_area", "contributor_type"])
        self.initial.setdefault("given_on", timezone.localdate())
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)


class BatchRowForm(forms.Form):
    """One postcard or table note: the sticky fields stay between rows, the text is new."""

    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        help_text=_("Gem med Ctrl+Enter, eller Tab til knappen og Enter."),
    )
    postcode = forms.CharField(label=_("Postnummer"), required=False)
    contributor_type = forms.ChoiceField(
        label=_("Afsender"), choices=ContributorType.choices, initial=ContributorType.CITIZEN
    )
    channel = forms.ChoiceField(label=_("Kanal"), choices=Channel.choices, initial=Channel.POSTCARD)
    source = forms.CharField(label=_("Kilde"), required=False)
    given_on = forms.DateField(
        label=_("Givet den"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Skriv en dato som ÅÅÅÅ-MM-DD.")},
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["focus_area"] = focus_area_field(process)
        self.order_fields(
            ["text", "postcode", "contributor_type", "focus_area", "channel", "source", "given_on"]
        )
        self.initial.setdefault("given_on", timezone.localdate())
        self.initial["submission_key"] = uuid.uuid4().hex


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        error_messages={"required": _("Vælg en CSV- eller XLSX-fil.")},
    )


class InputFilterForm(forms.Form):
    """Filters of the staff list; every field optional, wrong values are ignored with a note."""

    q = forms.CharField(label=_("Søg i tekst"), required=False)
    process = forms.ModelChoiceField(
        label=_("Proces"),
        queryset=Process.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle"),
    )
    focus_area = forms.CharField(label=_("Fokusområde"), required=False)
    channel = forms.ChoiceField(
        label=_("Kanal"), choices=[("", _("Alle")), *Channel.choices], required=False
    )
    contributor_type = forms.ChoiceField(
        label=_("Afsender"), choices=[("", _("Alle")), *ContributorType.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle")), *FeedbackStatus.choices], required=False
    )
    moderation_state = forms.ChoiceField(
        label=_("Moderation"),
        choices=[("", _("Alle")), *ModerationState.choices],
        required=False,
    )
    postcode = forms.CharField(label=_("Postnummer"), required=False, max_length=4)
    given_from = forms.DateField(
        label=_("Givet fra"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    given_to = forms.DateField(
        label=_("Givet til"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("given_from")
        end: date | None = data.get("given_to")
        if start and end and end < start:
            self.add_error("given_to", _("Slutdatoen ligger før startdatoen."))
        return data
