from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.meetings.models import MeetingStatus, Outcome, Recommendation, SectionKind
from dialogportal.organisation.models import Committee, CommitteeLevel

MAX_TEXT = 20000


class PlanMeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Mødedato"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starttidspunkt"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Sluttidspunkt"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("Mødested"), max_length=300, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Ny status"),
        choices=[(s.value, s.label) for s in MeetingStatus if s != MeetingStatus.MINUTES_APPROVED],
    )


class CascadeForm(forms.Form):
    """Pass an item on to chosen lower committees or to all committees of a level."""

    level = forms.ChoiceField(
        label=_("Alle udvalg på niveauet"),
        required=False,
        choices=[("", _("– vælg ikke et helt niveau –"))],
    )
    targets = forms.ModelMultipleChoiceField(
        label=_("Eller udvalgte udvalg"),
        queryset=Committee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )
    message = forms.CharField(
        label=_("Besked til udvalgene"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: object, source: Committee, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        below = Committee.objects.below(source).order_by("level", "name")
        order = [str(level.value) for level in CommitteeLevel]
        levels = sorted({c.level for c in below}, key=order.index)
        level_field = self.fields["level"]
        assert isinstance(level_field, forms.ChoiceField)
        level_field.choices = [
            ("", _("– vælg ikke et helt niveau –")),
            *(
                (level, _("Alle: %(label)s") % {"label": CommitteeLevel(level).label})
                for level in levels
            ),
        ]
        targets_field = self.fields["targets"]
        assert isinstance(targets_field, forms.ModelMultipleChoiceField)
        targets_field.queryset = below

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("level") and not data.get("targets"):
            raise forms.ValidationError(_("Vælg et niveau eller mindst ét udvalg."))
        return data


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar til det afsendende udvalg"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AttendanceForm(forms.Form):
    participants = forms.CharField(
        label=_("Deltagere (én pr. linje)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    excused = forms.CharField(
        label=_("Afbud (én pr. linje)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    absent = forms.CharField(
        label=_("Fraværende (én pr. linje)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    remarks = forms.CharField(
        label=_("Bemærkninger"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    """The item's Referat/Beslutning and the outcome of each numbered recommendation."""

    text = forms.CharField(
        label=_("Referat / beslutning"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, recommendations: Sequence[Recommendation] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.recommendation_fields: list[tuple[str, str]] = []
        for recommendation in recommendations:
            name = f"outcome_{recommendation.order}"
            self.fields[name] = forms.ChoiceField(
                label=_("Udfald af indstilling %(n)d: %(text)s")
                % {"n": recommendation.order, "text": recommendation.text[:120]},
                choices=Outcome.choices,
                initial=recommendation.outcome,
                required=False,
            )
            self.recommendation_fields.append((name, recommendation.outcome))

    def outcomes(self) -> list[Outcome]:
        """One per recommendation; a field left out keeps the outcome it had."""
        return [
            Outcome(self.cleaned_data.get(name) or current)
            for name, current in self.recommendation_fields
        ]


class CorrectionForm(forms.Form):
    section = forms.ChoiceField(label=_("Afsnit"), choices=SectionKind.choices)
    body = forms.CharField(
        label=_("Rettet tekst"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 8})
    )
    reason = forms.CharField(
        label=_("Begrundelse for rettelsen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=500)
    presenter = forms.CharField(label=_("v. (fremlægger)"), max_length=200, required=False)
    journal_number = forms.CharField(label=_("Sagsnummer"), max_length=100, required=False)
    summary = forms.CharField(
        label=_("Resumé"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recommendations = forms.CharField(
        label=_("Indstilling (én “at …” pr. linje)"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    case_description = forms.CharField(
        label=_("Sagsfremstilling"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    is_closed = forms.BooleanField(label=_("Lukket punkt"), required=False)
