from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.processes.models import FocusArea, Process


class ConfirmAreaForm(forms.Form):
    """One click: "this input belongs to that focus area"."""

    focus_area = forms.ModelChoiceField(
        queryset=FocusArea.objects.none(),
        label=_("Fokusområde"),
        error_messages={
            "required": _("Vælg et fokusområde."),
            "invalid_choice": _("Fokusområdet findes ikke i denne proces."),
        },
    )
    keep_others = forms.BooleanField(required=False)
    next = forms.CharField(required=False, max_length=500)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["focus_area"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = FocusArea.objects.filter(process=process)
