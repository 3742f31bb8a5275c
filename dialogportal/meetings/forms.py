from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.meetings.models import (
    ItemKind,
    MeetingStatus,
    Outcome,
    Recommendation,
    SectionKind,
)
from dialogportal.processes.models import Process

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
    """A new item: the heading data and the agenda text."""

    title = forms.CharField(label=_("Titel"), max_length=500)
    presenter = forms.CharField(label=_("v. (fremlægger)"), max_length=200, required=False)
    journal_number = forms.CharField(
        label=_("Sagsnummer"),
        max_length=100,
        required=False,
        help_text=_("Fx 87.00.00-G01-10-24 (KLE-emne, handlingsfacet, løbenummer, år)."),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[
            ("", _("Beslutning, hvis der er en indstilling, ellers orientering")),
            *ItemKind.choices,
        ],
    )
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
    finances = forms.CharField(
        label=_("Økonomi"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_closed = forms.BooleanField(label=_("Lukket punkt"), required=False)
    public_title = forms.CharField(
        label=_("Offentlig titel for et lukket punkt"),
        max_length=300,
        required=False,
        help_text=_("Vises som “Lukket punkt: …”, fx “Personalesag”. Tom: kun “Lukket punkt”."),
    )

    def recommendation_lines(self) -> list[str]:
        """The "at …" clauses, one per non-empty line."""
        text: str = self.cleaned_data.get("recommendations") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def item_kind(self) -> ItemKind:
        chosen = self.cleaned_data.get("kind")
        if chosen:
            return ItemKind(chosen)
        return ItemKind.DECISION if self.recommendation_lines() else ItemKind.INFORMATION


class ItemEditForm(ItemForm):
    """Everything of an item the secretariat may change before the minutes are approved."""

    kind = forms.ChoiceField(label=_("Type"), choices=ItemKind.choices)
    closure_reason = forms.CharField(
        label=_("Begrundelse for lukning"),
        max_length=300,
        required=False,
        help_text=_("Gemmes kun for et lukket punkt."),
    )
    process = forms.ModelChoiceField(
        label=_("Proces i dialogen"),
        queryset=Process.objects.order_by("title"),
        required=False,
        empty_label=_("– ingen –"),
    )
    recommendation_intro = forms.CharField(
        label=_("Indledning til indstillingen"),
        max_length=300,
        required=False,
        help_text=_("Fx “Direktionen indstiller,”."),
    )

    public_decision = forms.CharField(
        label=_("Offentliggjort beslutning for et lukket punkt"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vises offentligt, når referatet er godkendt. Tom: ingen beslutning vises."),
    )

    field_order = [
        "title",
        "presenter",
        "journal_number",
        "kind",
        "is_closed",
        "closure_reason",
        "public_title",
        "public_decision",
        "process",
        "summary",
        "recommendation_intro",
        "recommendations",
        "case_description",
        "finances",
    ]


class AttachmentUploadForm(forms.Form):
    title = forms.CharField(
        label=_("Titel på bilaget"),
        max_length=300,
        required=False,
        help_text=_("Står feltet tomt, bruges filens navn."),
    )
    file = forms.FileField(
        label=_("Fil (PDF, Word, JPEG eller PNG)"),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Det sendte er ikke en fil. Prøv igen."),
        },
    )
    is_public = forms.BooleanField(label=_("Bilaget må offentliggøres"), required=False)


class AttachmentForm(forms.Form):
    """An attachment's title and public flag (one form per attachment, with a prefix)."""

    title = forms.CharField(label=_("Titel på bilaget"), max_length=300)
    is_public = forms.BooleanField(label=_("Må offentliggøres"), required=False)
