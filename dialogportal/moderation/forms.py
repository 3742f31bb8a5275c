from django import forms
from django.utils.translation import gettext_lazy as _

from dialogportal.moderation.models import HitField, ReportReason

DECISIONS = (
    ("publish", _("Offentliggør")),
    ("publish_redacted", _("Fjern alle fund og offentliggør")),
    ("hide", _("Skjul (kun for sagsbehandlere)")),
    ("reject", _("Afvis med begrundelse")),
    ("keep", _("Afvis anmeldelsen og bevar inputtet")),
)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=DECISIONS, error_messages={"required": _("Vælg en handling.")}
    )
    reason = forms.CharField(
        label=_("Begrundelse (vises for afsenderen ved afvisning)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm_hits = forms.BooleanField(
        label=_("Fundene er ikke personoplysninger og må offentliggøres"), required=False
    )


class RedactForm(forms.Form):
    field = forms.ChoiceField(choices=[(HitField.TITLE, ""), (HitField.TEXT, "")])
    start = forms.IntegerField(min_value=0, max_value=10_000_000)
    end = forms.IntegerField(min_value=1, max_value=10_000_000)


class EditForm(forms.Form):
    title = forms.CharField(label=_("Overskrift"), required=False, max_length=200)
    text = forms.CharField(
        label=_("Tekst"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Teksten må ikke være tom.")},
    )


class BulkForm(forms.Form):
    inputs = forms.TypedMultipleChoiceField(
        coerce=int, choices=[], error_messages={"required": _("Vælg mindst ét input.")}
    )
    action = forms.ChoiceField(
        label=_("Handling for de valgte"),
        choices=(
            ("publish", _("Offentliggør (input med fund springes over)")),
            ("hide", _("Skjul")),
            ("reject", _("Afvis med begrundelse")),
        ),
    )
    reason = forms.CharField(
        label=_("Begrundelse ved afvisning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, input_ids: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["inputs"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, str(pk)) for pk in input_ids]
        field.error_messages["invalid_choice"] = _(
            "Et af de valgte input findes ikke (længere) i listen."
        )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Hvorfor er inputtet upassende?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg en årsag."),
            "invalid_choice": _("Vælg en af årsagerne på listen."),
        },
    )
    comment = forms.CharField(
        label=_("Uddybning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skriv ikke personoplysninger om dig selv. Højst 2000 tegn."),
        error_messages={"max_length": _("Højst 2000 tegn (du skrev %(show_value)d).")},
    )
    # Honeypot: people leave it empty; simple bots fill every field.
    website = forms.CharField(required=False, label=_("Lad dette felt være tomt"))
