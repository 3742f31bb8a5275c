"""The audit log of the MED system."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogportal.med.models.cascades import Cascade
from dialogportal.med.models.hearings import Hearing, HearingPart


class AuditAction(models.TextChoices):
    CASCADE_SENT = "cascade_sent", _("Videregivet")
    CASCADE_PLACED = "cascade_placed", _("Sat på dagsordenen")
    CASCADE_MOVED = "cascade_moved", _("Flyttet (mødet blev aflyst)")
    CASCADE_HANDLED = "cascade_handled", _("Markeret som behandlet")
    CASCADE_ACKNOWLEDGED = "cascade_acknowledged", _("Kvitteret")
    CASCADE_WITHDRAWN = "cascade_withdrawn", _("Trukket tilbage")
    CASCADES_REPORTED = "cascades_reported", _("Tilbagemeldinger sat på dagsordenen")
    HEARING_SENT = "hearing_sent", _("Høring sendt")
    HEARING_PART_PLACED = "hearing_part_placed", _("Høring sat på dagsordenen")
    ANSWER_SAVED = "answer_saved", _("Høringssvar gemt")
    ANSWER_FILE_ADDED = "answer_file_added", _("Bilag til høringssvar tilføjet")
    ANSWER_APPROVED = "answer_approved", _("Høringssvar godkendt")
    ANSWER_RECEIVED = "answer_received", _("Høringssvar modtaget")
    NOTE_COMMENTED = "note_commented", _("Bemærkning i høringsnotatet")
    DECISION_ITEM = "decision_item", _("Beslutningspunkt oprettet")
    REMINDER_SENT = "reminder_sent", _("Påmindelse sendt")


class AuditEntry(models.Model):
    """Who did what in the MED system, when, with the state before and after. Rows are only
    ever added."""

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("udført af"), max_length=200)
    action = models.CharField(_("handling"), max_length=30, choices=AuditAction.choices)
    cascade = models.ForeignKey(
        Cascade, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit"
    )
    hearing = models.ForeignKey(
        Hearing, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit"
    )
    part = models.ForeignKey(
        HearingPart, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit"
    )
    before = models.JSONField(_("før"), default=dict, blank=True)
    after = models.JSONField(_("efter"), default=dict, blank=True)

    class Meta:
        verbose_name = _("MED-log")
        verbose_name_plural = _("MED-log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.at:%Y-%m-%d %H:%M}"
