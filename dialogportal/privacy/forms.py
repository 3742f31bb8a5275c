from django import forms
from django.utils.translation import gettext_lazy as _


class SubjectForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadresse"),
        max_length=254,
        error_messages={
            "required": _("Skriv den registreredes e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."),
        },
    )


class EraseForm(SubjectForm):
    confirm = forms.BooleanField(
        label=_("Jeg bekræfter, at alle oplysninger om denne person skal slettes for altid"),
        error_messages={"required": _("Bekræft sletningen.")},
    )
