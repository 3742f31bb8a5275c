"""Staff forms for setting up a process. They parse and label; the rules live in `services`."""

from typing import Any, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.processes.models import (
    PHASE_RULES,
    FocusArea,
    PhaseKind,
    Process,
    ProcessDocument,
)

_SLUG_HELP = _(
    "Bruges i adressen, fx »fremtidens-randers«. Små bogstaver, tal og bindestreger. "
    "Lad feltet stå tomt, så laves det af titlen."
)
_SLUG_ERRORS = {
    "invalid": _(
        "Brug kun små bogstaver a–z, tal og bindestreger (æ, ø og å skrives ae, oe og aa)."
    ),
}
_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
M = TypeVar("M", Process, FocusArea, ProcessDocument)


class _FieldsOnly(forms.ModelForm[M]):
    """A model's fields and labels, nothing more: the service validates the model (with the
    Danish messages for duplicate addresses) and saves it, so the form never does."""

    def _post_clean(self) -> None:
        return None


class ProcessForm(_FieldsOnly[Process]):
    slug = forms.SlugField(
        label=_("Kort navn i adressen"),
        max_length=80,
        required=False,
        help_text=_SLUG_HELP,
        error_messages=_SLUG_ERRORS,
    )

    class Meta:
        model = Process
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "publishes_immediately",
            "shows_postcode",
            "personal_data_removed_on",
        ]
        labels = {
            "summary": _("Resumé (vises på forsiden og øverst på processens side)"),
            "body": _("Hvidbogens tekst i klart sprog"),
        }
        help_texts = {
            "body": _("Hvorfor processen findes, hvad kommunen vil, og hvordan man kan deltage."),
            "personal_data_removed_on": _(
                "Dato (åååå-mm-dd), hvor navne og kontaktoplysninger i input slettes."
            ),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "personal_data_removed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Skriv processens titel.")


def _kind_help() -> str:
    """What each phase kind allows, from PHASE_RULES (the one definition)."""
    yes, no = _("ja"), _("nej")
    lines = [
        _(
            "%(kind)s: modtager input %(input)s · viser input %(shows)s · viser "
            "tilbagemelding %(fb)s"
        )
        % {
            "kind": PhaseKind(kind).label,
            "input": yes if rules.accepts_input else no,
            "shows": yes if rules.shows_inputs else no,
            "fb": yes if rules.shows_feedback else no,
        }
        for kind, rules in PHASE_RULES.items()
    ]
    return " ".join(f"{line}." for line in lines)


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=PhaseKind.choices,
        error_messages={"invalid_choice": _("Vælg en af typerne på listen.")},
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Skriv fasens titel, fx »Dialog og input«.")},
    )
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_at = forms.DateTimeField(
        label=_("Starter"),
        input_formats=[_DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_DATETIME_FORMAT),
        error_messages={
            "required": _("Skriv, hvornår fasen starter."),
            "invalid": _("Skriv dato og klokkeslæt, fx 2026-06-03 09:00."),
        },
    )
    ends_at = forms.DateTimeField(
        label=_("Slutter"),
        input_formats=[_DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_DATETIME_FORMAT),
        error_messages={
            "required": _("Skriv, hvornår fasen slutter."),
            "invalid": _("Skriv dato og klokkeslæt, fx 2026-08-31 23:59."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].help_text = _kind_help()


class FocusAreaForm(_FieldsOnly[FocusArea]):
    slug = forms.SlugField(
        label=_("Kort navn i adressen"),
        max_length=80,
        required=False,
        help_text=_SLUG_HELP,
        error_messages=_SLUG_ERRORS,
    )

    class Meta:
        model = FocusArea
        fields = ["title", "slug", "description", "order"]
        help_texts = {
            "description": _(
                "Hvad området handler om, i klart sprog – det læses af borgere og bruges af "
                "analysen til at placere input. Mindst et par sætninger."
            ),
            "order": _("Områderne vises i stigende rækkefølge."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Skriv fokusområdets titel.")
        self.fields["description"].error_messages["required"] = _(
            "Beskriv fokusområdet i klart sprog."
        )


class DocumentForm(_FieldsOnly[ProcessDocument]):
    class Meta:
        model = ProcessDocument
        fields = ["title", "description", "is_public", "order"]
        labels = {"is_public": _("Offentlig: alle kan hente dokumentet")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Skriv dokumentets titel.")


class DocumentUploadForm(DocumentForm):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, Word (DOCX), JPEG eller PNG."),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
        },
    )

    class Meta(DocumentForm.Meta):
        fields = ["title", "file", "description", "is_public", "order"]
