"""Forms of the MED pages. They parse and check types; every rule lives in the services."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from dialogportal.med.models import ProposalChange
from dialogportal.med.queries import STATUS_FILTER_CHOICES
from dialogportal.organisation.models import Committee, CommitteeLevel
from dialogportal.processes.models import Process

ALL_BELOW = "all"


class DanishDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _date_field(label: Any, *, required: bool, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DanishDateInput(),
        help_text=help_text,
        error_messages={
            "invalid": _("Skriv en gyldig dato (åååå-mm-dd)."),
            "required": _("Vælg en dato."),
        },
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is checked by the
    service with the inputs' upload rules."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class TargetsMixin(forms.Form):
    """Targets from the sender's subtree, as checkboxes grouped by sector, or a whole level."""

    target_field = "targets"

    def _setup_targets(self, source: Committee, *, include_source: bool = False) -> None:
        below = list(Committee.objects.below(source).select_related("parent"))
        self.sector_of = {c.pk: (c.sector() or source) for c in below}
        choices = ([source] if include_source else []) + sorted(
            below, key=lambda c: (self.sector_of[c.pk].name, c.rank, c.name)
        )
        field = self.fields[self.target_field]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Committee.objects.filter(pk__in=[c.pk for c in choices])
        order = {c.pk: n for n, c in enumerate(choices)}
        field.choices = sorted(
            ((c.pk, c.name) for c in choices), key=lambda pair: order[int(pair[0])]
        )
        levels = [lv for lv in CommitteeLevel if any(c.level == lv for c in below)]
        level_field = self.fields["level"]
        assert isinstance(level_field, forms.ChoiceField)
        level_field.choices = [
            ("", _("– vælg selv udvalgene nedenfor –")),
            (ALL_BELOW, _("Alle udvalg under %(name)s") % {"name": source.name}),
            *((str(lv.value), _("Alle: %(label)s") % {"label": lv.label}) for lv in levels),
        ]
        self.source = source

    def grouped_targets(self) -> list[tuple[str, list[BoundWidget]]]:
        """The target checkboxes in groups: one per sector (and the sender itself first)."""
        groups: dict[str, list[BoundWidget]] = {}
        for widget in self[self.target_field].subwidgets:
            pk = int(str(widget.data["value"]))
            sector = self.sector_of.get(pk)
            label = str(_("Det afsendende udvalg")) if sector is None else sector.name
            groups.setdefault(label, []).append(widget)
        return list(groups.items())

    def chosen_targets(self) -> list[Committee]:
        chosen: list[Committee] = list(self.cleaned_data.get(self.target_field) or [])
        level = self.cleaned_data.get("level")
        if level:
            below = Committee.objects.below(self.source)
            chosen += list(below if level == ALL_BELOW else below.filter(level=level))
        return list({c.pk: c for c in chosen}.values())


class CascadeForm(TargetsMixin):
    level = forms.ChoiceField(label=_("Hele niveauer"), required=False)
    targets = forms.ModelMultipleChoiceField(
        label=_("Udvalg"),
        queryset=Committee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        error_messages={
            "invalid_choice": _("Vælg udvalg fra listen."),
            "invalid_pk_value": _("Vælg udvalg fra listen."),
        },
    )
    due_on = _date_field(_("Behandles senest"), required=False)
    clause = forms.ChoiceField(label=_("Indstillingen, videregivelsen udfører"), required=False)
    message = forms.CharField(
        label=_("Besked til udvalgene"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, source: Committee, clauses: Sequence[str] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._setup_targets(source)
        clause_field = self.fields["clause"]
        assert isinstance(clause_field, forms.ChoiceField)
        clause_field.choices = [("", _("– ingen –")), *((c, c) for c in clauses)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("level") and not data.get("targets"):
            raise forms.ValidationError(_("Vælg et helt niveau eller mindst ét udvalg."))
        return data


class HearingForm(TargetsMixin):
    target_field = "parts"
    title = forms.CharField(label=_("Titel"), max_length=300)
    material = forms.CharField(
        label=_("Høringsmateriale og spørgsmål til parterne"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    answer_by = _date_field(_("Høringsfrist"), required=True)
    level = forms.ChoiceField(label=_("Hele niveauer"), required=False)
    parts = forms.ModelMultipleChoiceField(
        label=_("Høringsparter"),
        queryset=Committee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        error_messages={
            "invalid_choice": _("Vælg høringsparter fra listen."),
            "invalid_pk_value": _("Vælg høringsparter fra listen."),
        },
    )
    deciding_committee = forms.ModelChoiceField(
        label=_("Besluttende udvalg"),
        queryset=Committee.objects.none(),
        required=False,
        help_text=_("Får beslutningspunktet med høringssvarene. Tomt: det afsendende udvalg."),
    )
    process = forms.ModelChoiceField(
        label=_("Proces"), queryset=Process.objects.all(), required=False
    )
    material_files = MultipleFileField(
        label=_("Materiale (PDF, Word, JPEG eller PNG)"),
        required=False,
        error_messages={"invalid": _("Det sendte er ikke en fil. Prøv igen.")},
    )

    def __init__(self, *args: Any, source: Committee, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._setup_targets(source, include_source=True)
        deciding = self.fields["deciding_committee"]
        assert isinstance(deciding, forms.ModelChoiceField)
        deciding.queryset = Committee.objects.all().order_by("kind", "level", "name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("level") and not data.get("parts"):
            self.add_error("parts", _("Vælg mindst én høringspart."))
        return data


class HandleForm(forms.Form):
    reason = forms.CharField(
        label=_("Behandlet uden møde, fordi"),
        required=False,
        max_length=1000,
        help_text=_("Kun hvis udvalget har behandlet punktet uden for et møde."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AcknowledgeForm(HandleForm):
    comment = forms.CharField(
        label=_("Kommentar til det afsendende udvalg"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AnswerForm(forms.Form):
    is_no_comments = forms.BooleanField(label=_("Udvalget har ingen bemærkninger"), required=False)
    summary = forms.CharField(
        label=_("Hovedpunkter (kort)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = forms.CharField(
        label=_("Udvalgets høringssvar"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    management_view = forms.CharField(
        label=_("Ledelsessidens egne bemærkninger"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    employee_view = forms.CharField(
        label=_("Medarbejdersidens egne bemærkninger"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerFileForm(forms.Form):
    title = forms.CharField(label=_("Titel"), required=False, max_length=300)
    file = forms.FileField(
        label=_("Fil (PDF, Word, JPEG eller PNG)"),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Det sendte er ikke en fil. Prøv igen."),
        },
    )


class NoteCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Administrationens bemærkning"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    changes_proposal = forms.ChoiceField(
        label=_("Ændrer svaret forslaget?"),
        required=False,
        choices=[("", _("– ikke vurderet –")), *ProposalChange.choices],
    )


class OverviewFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Alle")), ("cascade", _("Orienteringer")), ("hearing", _("Høringer"))],
    )
    sender = forms.ModelChoiceField(
        label=_("Afsendende udvalg"), queryset=Committee.objects.med(), required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Sektor"),
        queryset=Committee.objects.med().filter(level=CommitteeLevel.SECTOR),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *STATUS_FILTER_CHOICES]
    )
    overdue_only = forms.BooleanField(label=_("Kun overskredne"), required=False)
    sent_from = _date_field(_("Sendt fra"), required=False)
    sent_to = _date_field(_("Sendt til og med"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("sent_from"), data.get("sent_to")
        if isinstance(start, date) and isinstance(end, date) and start > end:
            self.add_error("sent_to", _("Slutdatoen ligger før startdatoen."))
        return data


class CoverageFilterForm(forms.Form):
    process = forms.ModelChoiceField(
        label=_("Proces"), queryset=Process.objects.all(), required=False
    )
    missing_only = forms.BooleanField(label=_("Kun udvalg uden afholdt dialogmøde"), required=False)
