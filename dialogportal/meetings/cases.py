"""A case (sag) and its route through the political committees (sagsgang).

A matter such as a strategic plan goes fagudvalg → Økonomiudvalget → Byrådet. Each committee
treats it on its own agenda item, and each item carries its own decision ("Beslutning i
Økonomiudvalget den 3. november 2025"); the items are tied together by their `case`. Every later
agenda shows the decisions taken before it, in order.

- `Case`: the matter, with its journal number (sagsnummer) as written; unique when given, so
  an importer finds the same case again by its number.
- `CaseStep`: the route chosen in advance (committee, and the meeting if known), in order.
- `ExternalDecision`: a decision in the route taken at a meeting that is not in this system,
  e.g. "Beslutning i Teknik og Miljø den 1. oktober 2025" read from imported minutes.

Re-exported by `meetings.models`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogportal.organisation.models import Committee


class Case(models.Model):
    journal_number = models.CharField(_("sagsnummer"), max_length=100, blank=True)
    title = models.CharField(_("titel"), max_length=500)
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("proces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        app_label = "meetings"
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["journal_number"],
                condition=~Q(journal_number=""),
                name="case_journal_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.journal_number} {self.title}".strip()


class CaseStep(models.Model):
    """One committee on the case's planned route, with the meeting if it is known."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("trin"))
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="+", verbose_name=_("udvalg")
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("møde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        app_label = "meetings"
        verbose_name = _("trin i sagsgangen")
        verbose_name_plural = _("trin i sagsgangen")
        ordering = ["case", "order"]
        constraints = [
            models.UniqueConstraint(fields=["case", "order"], name="case_step_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.committee}"


class ExternalDecision(models.Model):
    """A decision in the sagsgang whose meeting is not in this system (read from minutes)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="external_decisions")
    committee = models.ForeignKey(
        Committee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    committee_name = models.CharField(_("udvalg"), max_length=200)
    decided_on = models.DateField(_("dato"))
    text = models.TextField(_("beslutning"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "meetings"
        verbose_name = _("tidligere beslutning")
        verbose_name_plural = _("tidligere beslutninger")
        ordering = ["case", "decided_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "committee_name", "decided_on"],
                name="external_decision_once_per_committee_and_date",
            )
        ]

    def __str__(self) -> str:
        return f"Beslutning i {self.committee_name} den {self.decided_on:%d-%m-%Y}"
