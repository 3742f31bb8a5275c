from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from dialogportal.indicators.services import MAX_UPLOAD_BYTES


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
