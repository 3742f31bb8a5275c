from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.feedback.models import AnswerTemplate
from dialogportal.feedback.services import ANSWER_MAX_CHARS, EXPLANATION_MAX_CHARS
from dialogportal.inputs.models import FeedbackStatus


class AnswerForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Start fra en skabelon"),
        queryset=AnswerTemplate.objects.none(),
        required=False,
        help_text=_("Vælg en skabelon og tryk »Brug skabelon« for at hente dens tekst."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackStatus.choices)
    explanation = forms.CharField(
        label=_("Offentlig forklaring af status"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=EXPLANATION_MAX_CHARS,
    )
    text = forms.CharField(
        label=_("Kommunens svar"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=ANSWER_MAX_CHARS,
        error_messages={"required": _("Skriv svaret – feltet må ikke være tomt.")},
    )

    def __init__(self, *args: object, templates: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if templates is not None:
            self.fields["template"].queryset = templates  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackStatus.choices)
    explanation = forms.CharField(
        label=_("Offentlig forklaring"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=EXPLANATION_MAX_CHARS,
    )


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackStatus.choices)
    explanation = forms.CharField(
        label=_("Forklaring af status"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=EXPLANATION_MAX_CHARS,
    )
    text = forms.CharField(
        label=_("Svar"), widget=forms.Textarea(attrs={"rows": 6}), max_length=ANSWER_MAX_CHARS
    )


class OutcomeForm(forms.Form):
    text = forms.CharField(
        label=_("Det førte til"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=EXPLANATION_MAX_CHARS,
        help_text=_("Fx en indsats i planen eller en ændring, det førte til."),
    )
