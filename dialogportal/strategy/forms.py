"""Staff forms for the plan. They parse and check shapes; the services decide the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.analysis.models import CuratedTheme
from dialogportal.indicators.models import Indicator
from dialogportal.inputs.models import Input
from dialogportal.organisation.models import Unit
from dialogportal.processes.models import FocusArea, Process
from dialogportal.strategy.models import (
    MAX_BUDGET_DKK,
    MAX_YEAR,
    MIN_YEAR,
    InitiativeStatus,
    PlanStatus,
    TargetDirection,
)
from dialogportal.strategy.services import NOTE_MAX_CHARS, TEXT_MAX_CHARS


def _area(max_length: int, *, required: bool = True, label: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = _area(TEXT_MAX_CHARS, required=False, label=_("Resumé"))
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    adopted_on = forms.DateField(
        label=_("Vedtaget den"), required=False, help_text=_("fx 24.11.2025")
    )


class GoalForm(forms.Form):
    focus_area = forms.ModelChoiceField(label=_("Fokusområde"), queryset=FocusArea.objects.none())
    text = _area(NOTE_MAX_CHARS, label=_("Mål"))
    order = forms.IntegerField(label=_("Rækkefølge"), min_value=0, max_value=999, initial=0)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = process.focus_areas.order_by("order")  # type: ignore[attr-defined]


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Nøgletal"), queryset=Indicator.objects.none())
    baseline_value = forms.DecimalField(
        label=_("Udgangspunkt"), max_digits=20, decimal_places=4, localize=True
    )
    baseline_year = forms.IntegerField(label=_("Udgangsår"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    target_value = forms.DecimalField(
        label=_("Målværdi"), max_digits=20, decimal_places=4, localize=True
    )
    target_year = forms.IntegerField(label=_("Målår"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    direction = forms.ChoiceField(label=_("Retning"), choices=TargetDirection.choices)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = process.indicators.order_by("order", "name")  # type: ignore[attr-defined]


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = _area(TEXT_MAX_CHARS, required=False, label=_("Beskrivelse"))
    owner_name = forms.CharField(label=_("Ansvarlig"), max_length=200)
    owner_unit = forms.ModelChoiceField(
        label=_("Ansvarlig enhed"), queryset=Unit.objects.order_by("name"), required=False
    )
    budget_dkk = forms.IntegerField(
        label=_("Budget (kr.)"), min_value=0, max_value=MAX_BUDGET_DKK, required=False
    )
    starts_on = forms.DateField(label=_("Start"), required=False, help_text=_("fx 01.02.2026"))
    ends_on = forms.DateField(label=_("Slut"), required=False, help_text=_("fx 31.12.2027"))
    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices)
    status_reason = _area(
        NOTE_MAX_CHARS,
        required=False,
        label=_("Begrundelse for status (skal udfyldes ved »Sat i bero« og »Opgivet«)"),
    )
    progress = forms.IntegerField(
        label=_("Fremdrift i procent"), min_value=0, max_value=100, initial=0
    )
    order = forms.IntegerField(label=_("Rækkefølge"), min_value=0, max_value=999, initial=0)


class ProgressForm(forms.Form):
    given_on = forms.DateField(label=_("Dato"), help_text=_("fx 01.03.2026"))
    progress = forms.IntegerField(label=_("Fremdrift i procent"), min_value=0, max_value=100)
    note = _area(NOTE_MAX_CHARS, label=_("Note"))
    status = forms.ChoiceField(
        label=_("Ny status"),
        choices=[("", _("Uændret")), *InitiativeStatus.choices],
        required=False,
    )
    status_reason = _area(NOTE_MAX_CHARS, required=False, label=_("Begrundelse for status"))


class LinkForm(forms.Form):
    # Both lists may be empty (that unlinks everything), so a body without this marker — a
    # broken client, a binary upload — must not be read as "unlink everything".
    is_link_form = forms.BooleanField(widget=forms.HiddenInput, initial=True, required=True)
    inputs = forms.ModelMultipleChoiceField(
        label=_("Input"), queryset=Input.objects.none(), required=False
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Temaer"), queryset=CuratedTheme.objects.none(), required=False
    )

    def __init__(self, *args: Any, inputs: Any, themes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inputs"].queryset = inputs  # type: ignore[attr-defined]
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]


class CouncilForm(forms.Form):
    """The council case: its sagsnummer and its route – up to two committees before the city
    council (e.g. a fagudvalg and Økonomiudvalget), each at a chosen meeting."""

    journal_number = forms.CharField(
        label=_("Sagsnummer"),
        max_length=100,
        help_text=_("Sagens nummer i ESDH, fx 00.01.00-P35-3-25."),
    )
    first = forms.TypedChoiceField(
        label=_("1. behandling (valgfri), fx i et fagudvalg"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    second = forms.TypedChoiceField(
        label=_("2. behandling (valgfri), fx i Økonomiudvalget"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    last = forms.TypedChoiceField(label=_("Byrådets behandling"), coerce=int)

    def __init__(
        self,
        *args: Any,
        committees: list[tuple[int, str]],
        councils: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        none: list[tuple[str, str]] = [("", str(_("– ingen –")))]
        self.fields["first"].choices = none + committees  # type: ignore[attr-defined]
        self.fields["second"].choices = none + committees  # type: ignore[attr-defined]
        self.fields["last"].choices = councils  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [data.get(name) for name in ("first", "second", "last") if data.get(name)]
        if len(set(chosen)) != len(chosen):
            raise forms.ValidationError(_("Vælg forskellige møder til hvert trin."))
        return data

    def meeting_ids(self) -> list[int]:
        """The chosen meetings in route order."""
        return [
            self.cleaned_data[n] for n in ("first", "second", "last") if self.cleaned_data.get(n)
        ]
