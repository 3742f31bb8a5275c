"""The meetings audit log: one row per state-changing act (who, when, what, before and after),
written by the services in the same transaction as the change. Rows outlive what they describe
(labels are copied), so deleting a meeting or an account leaves the trail readable.
Re-exported by `meetings.models`."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    MEETING_PLANNED = "meeting_planned", _("Møde planlagt")
    MEETING_DETAILS = "meeting_details", _("Fremmøde og bemærkninger ændret")
    STATUS = "status", _("Status ændret")
    NUMBERED = "numbered", _("Punkterne nummereret")
    ITEM_ADDED = "item_added", _("Punkt tilføjet")
    ITEM_EDITED = "item_edited", _("Punkt ændret")
    ITEM_MOVED = "item_moved", _("Punkt flyttet")
    ADDENDUM = "addendum", _("Tillægsdagsorden offentliggjort")
    DECISION = "decision", _("Beslutning skrevet")
    VOTE = "vote", _("Afstemning registreret")
    VOTE_REMOVED = "vote_removed", _("Afstemning fjernet")
    NOTE = "note", _("Protokoltilførsel registreret")
    NOTE_REMOVED = "note_removed", _("Protokoltilførsel fjernet")
    ATTENDANCE = "attendance", _("Fravær/inhabilitet registreret")
    ATTENDANCE_REMOVED = "attendance_removed", _("Fravær/inhabilitet fjernet")
    ROUTE = "route", _("Sagsgang fastlagt")
    FORWARDED = "forwarded", _("Sagen sendt videre")
    EARLIER_DECISION = "earlier_decision", _("Tidligere beslutning registreret")
    SIGNED = "signed", _("Referatet underskrevet")
    APPROVED = "approved", _("Referatet godkendt")
    CORRECTED = "corrected", _("Referatet rettet")
    ATTACHMENT_ADDED = "attachment_added", _("Bilag tilføjet")
    ATTACHMENT_CHANGED = "attachment_changed", _("Bilag ændret")
    ATTACHMENT_REMOVED = "attachment_removed", _("Bilag fjernet")


class AuditEntry(models.Model):
    # Empty for an act on a case as a whole (e.g. a decision read from imported minutes).
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    case = models.ForeignKey(
        "meetings.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    meeting_label = models.CharField(_("møde"), max_length=300, blank=True)
    item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    item_label = models.CharField(_("punkt"), max_length=600, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Empty for the system (import, the cascade, the worker).
    actor_name = models.CharField(_("udført af"), max_length=200, blank=True)
    action = models.CharField(_("handling"), max_length=30, choices=AuditAction.choices)
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    before = models.JSONField(_("før"), default=dict, blank=True)
    after = models.JSONField(_("efter"), default=dict, blank=True)

    class Meta:
        app_label = "meetings"
        verbose_name = _("logpost")
        verbose_name_plural = _("log over møder")
        ordering = ["-at", "-pk"]
        indexes = [
            # The meeting's history on its staff page, newest first.
            models.Index(fields=["meeting", "-at"], name="meetings_audit_meeting_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} ({self.meeting_label})"
