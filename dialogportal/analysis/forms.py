from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.analysis.models import SUMMARY_MAX, TITLE_MAX, CuratedTheme
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


class ThemeTextForm(forms.Form):
    """A curated theme's name and summary."""

    title = forms.CharField(
        label=_("Navn"),
        max_length=TITLE_MAX,
        help_text=_("Et kort navn, som en borger forstår, fx »Busforbindelser i landsbyerne«."),
        error_messages={"required": _("Giv temaet et navn.")},
    )
    summary = forms.CharField(
        label=_("Resumé"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vises offentligt sammen med temaet, når det er markeret klar."),
    )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Læg temaet sammen med"),
        queryset=CuratedTheme.objects.none(),
        help_text=_("Alle input flyttes dertil, og dette tema lukkes."),
        error_messages={
            "required": _("Vælg det tema, der skal lægges sammen med."),
            "invalid_choice": _("Vælg et tema i samme fokusområde."),
        },
    )

    def __init__(self, *args: Any, siblings: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "merge-%s")  # several forms on one page: ids stay unique
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = siblings  # type: ignore[attr-defined]


class MoveThemeForm(forms.Form):
    focus_area = forms.ModelChoiceField(
        label=_("Flyt temaet til fokusområdet"),
        queryset=FocusArea.objects.none(),
        error_messages={
            "required": _("Vælg et fokusområde."),
            "invalid_choice": _("Fokusområdet findes ikke i denne proces."),
        },
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "move-%s")
        super().__init__(*args, **kwargs)
        field = self.fields["focus_area"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = FocusArea.objects.filter(process=process).order_by("order", "pk")


class ThemeInputsForm(forms.Form):
    """Chosen inputs of a theme, split off as a new theme or moved to another theme."""

    ACTIONS = (("split", _("Udskil som nyt tema")), ("move", _("Flyt til et andet tema")))

    # Set by the button pressed; an error in it is shown without a link (there is no field).
    action = forms.ChoiceField(
        choices=ACTIONS,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Ukendt handling."), "required": _("Ukendt handling.")},
    )
    inputs = forms.TypedMultipleChoiceField(
        label=_("Input"),
        coerce=int,
        error_messages={
            "required": _("Vælg mindst ét input."),
            "invalid_choice": _("Et af de valgte input er ikke i temaet."),
        },
    )
    new_title = forms.CharField(
        label=_("Navn på det nye tema"), max_length=TITLE_MAX, required=False
    )
    target = forms.ModelChoiceField(
        label=_("Flyt til temaet"),
        queryset=CuratedTheme.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Vælg et tema i samme fokusområde.")},
    )

    def __init__(self, *args: Any, member_ids: list[int], siblings: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "inputs-%s")
        super().__init__(*args, **kwargs)
        inputs = self.fields["inputs"]
        assert isinstance(inputs, forms.TypedMultipleChoiceField)
        inputs.choices = [(pk, str(pk)) for pk in member_ids]
        self.fields["target"].queryset = siblings  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "split" and not data.get("new_title", "").strip():
            self.add_error("new_title", _("Giv det nye tema et navn."))
        if data.get("action") == "move" and data.get("target") is None:
            self.add_error("target", _("Vælg det tema, input skal flyttes til."))
        return data
