"""Forms for what is recorded at and after a meeting: votes, protocol notes, per-item absence
and inhabilitet, sending a case on in its sagsgang, and signing the minutes."""

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from dialogportal.meetings.models import AttendanceKind, NoteKind, VoteChoice
from dialogportal.meetings.services import VoteLine

MAX_TEXT = 10_000
MAX_VOTE_ROWS = 40


class VoteForm(forms.Form):
    motion = forms.CharField(
        label=_("Hvad blev der stemt om"),
        max_length=300,
        initial=_("Indstillingen"),
        help_text=_("Fx “Indstillingen” eller “Ændringsforslag fra Enhedslisten”."),
    )


class VoteRowForm(forms.Form):
    """One party (or member) and its votes for, against and abstaining."""

    voter = forms.CharField(label=_("Parti eller medlem"), max_length=200, required=False)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, max_value=999, required=False)
    votes_against = forms.IntegerField(label=_("Imod"), min_value=0, max_value=999, required=False)
    abstain = forms.IntegerField(
        label=_("Undlod at stemme"), min_value=0, max_value=999, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        counts = [data.get(name) or 0 for name in ("votes_for", "votes_against", "abstain")]
        if any(counts) and not (data.get("voter") or "").strip():
            raise forms.ValidationError(_("Skriv partiet eller navnet til stemmerne."))
        return data


VoteRowFormSet = formset_factory(
    VoteRowForm, extra=10, max_num=MAX_VOTE_ROWS, absolute_max=MAX_VOTE_ROWS, validate_max=True
)


def vote_lines(formset: Any) -> list[VoteLine]:
    """The filled-in rows of a valid vote formset as the service's lines."""
    lines = []
    for row in formset.cleaned_data:
        voter = (row.get("voter") or "").strip()
        for name, choice in (
            ("votes_for", VoteChoice.FOR),
            ("votes_against", VoteChoice.AGAINST),
            ("abstain", VoteChoice.ABSTAIN),
        ):
            count = row.get(name) or 0
            if voter and count:
                lines.append(VoteLine(voter=voter, choice=choice, count=count))
    return lines


class ProtocolNoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=NoteKind.choices)
    author = forms.CharField(
        label=_("Fra"),
        max_length=300,
        help_text=_("Et medlem, et parti eller et mindretal, fx “Enhedslisten (Ø)”."),
    )
    text = forms.CharField(
        label=_("Tekst"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class ItemAttendanceForm(forms.Form):
    person_name = forms.ChoiceField(label=_("Medlem"))
    kind = forms.ChoiceField(label=_("Fravær eller inhabilitet"), choices=AttendanceKind.choices)
    note = forms.CharField(
        label=_("Bemærkning"),
        max_length=300,
        required=False,
        help_text=_("Fx “forlod mødet under punktet” eller grunden til inhabiliteten."),
    )

    def __init__(self, *args: Any, members: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person_name"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(name, name) for name in members]


class ForwardForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Send sagen videre til"), coerce=int)

    def __init__(self, *args: Any, meetings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = meetings


class SignForm(forms.Form):
    dissent = forms.CharField(
        label=_("Afvigende mening (valgfri)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Føres til protokol sammen med din underskrift."),
    )
    confirm_undecided = forms.BooleanField(
        label=_("Godkend, selv om ikke alle punkter har en beslutning"), required=False
    )

    def __init__(self, *args: Any, undecided: list[str], with_dissent: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not undecided:
            del self.fields["confirm_undecided"]
        else:
            self.fields["confirm_undecided"].help_text = _("Uden beslutning: %(items)s.") % {
                "items": ", ".join(undecided)
            }
        if not with_dissent:
            del self.fields["dissent"]
