from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from dialogportal.indicators.models import SPEC_CHOICES, SourceKind
from dialogportal.indicators.services import MAX_UPLOAD_BYTES
from dialogportal.processes.models import FocusArea, Process


def _no_control_characters(value: str) -> None:
    if any(ord(char) < 32 and char not in "\r\n\t" for char in value):
        raise forms.ValidationError(_("Teksten indeholder usynlige kontroltegn. Skriv den igen."))


class FigureUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil med tal (CSV eller Excel .xlsx)"),
        help_text=_(
            "Kolonnerne område, periode og værdi. Område er en kommunekode (fx 730), 000 for hele "
            "landet eller et postnummer. Højst 5 MB."
        ),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Det valgte er ikke en fil."),
        },
    )
    source_note = forms.CharField(
        label=_("Kilde"),
        max_length=300,
        help_text=_("Vises under grafen, fx »Kilde: Jobindsats.dk, ptv_a02«."),
        validators=[_no_control_characters],
        error_messages={"required": _("Skriv, hvor tallene kommer fra.")},
    )
    provenance = forms.CharField(
        label=_("Oprindelse"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvordan tallene er opgjort, hvornår de er hentet, og hvilken licens de har."),
        validators=[_no_control_characters],
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Filen er for stor (højst %(mb)s MB)."), params={"mb": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload


class IndicatorForm(forms.Form):
    """A new key figure of a process, attached to its focus areas (staff, without the admin)."""

    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        validators=[_no_control_characters],
        error_messages={"required": _("Skriv nøgletallets navn, fx »Beskæftigelsesfrekvens«.")},
    )
    unit = forms.CharField(
        label=_("Enhed"),
        max_length=40,
        help_text=_("fx pct., år, kr., antal"),
        error_messages={"required": _("Skriv enheden, fx pct. eller antal.")},
    )
    source_kind = forms.ChoiceField(
        label=_("Kilde"),
        choices=SourceKind.choices,
        initial=SourceKind.UPLOAD,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Vælg en af kilderne på listen.")},
    )
    spec_key = forms.ChoiceField(
        label=_("Indikator i Danmarks Statistik-opsætningen"),
        choices=[("", "–"), *SPEC_CHOICES],
        required=False,
        help_text=_("Kun for tal fra Danmarks Statistik."),
        error_messages={"invalid_choice": _("Vælg en indikator fra listen.")},
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_no_control_characters],
    )
    source_note = forms.CharField(
        label=_("Kildeangivelse for uploadede tal"),
        required=False,
        max_length=300,
        validators=[_no_control_characters],
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Fokusområder"),
        queryset=FocusArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nøgletallet vises ved de valgte fokusområder."),
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["focus_areas"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = process.focus_areas.all()
