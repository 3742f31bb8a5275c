"""What the retention task removed, per run. (The access log is `accounts.AccessLog`: every app
writes it, so it lives below them all.)"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogportal.processes.models import Process


class RetentionRun(models.Model):
    """One run of the retention task: what it removed, per process and per app."""

    started_at = models.DateTimeField(_("startet"))
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    as_of = models.DateField(_("dato"))
    processes = models.ManyToManyField(Process, blank=True, related_name="+")
    inputs_anonymised = models.PositiveIntegerField(_("input anonymiseret"), default=0)
    attachments_deleted = models.PositiveIntegerField(_("bilag slettet"), default=0)
    files_deleted = models.PositiveIntegerField(_("filer slettet"), default=0)
    hits_removed = models.PositiveIntegerField(_("fund redigeret ud af teksten"), default=0)
    originals_removed = models.PositiveIntegerField(_("oprindelige tekster slettet"), default=0)
    registrations_anonymised = models.PositiveIntegerField(
        _("tilmeldinger anonymiseret"), default=0
    )
    details = models.JSONField(_("detaljer"), default=list, blank=True)

    class Meta:
        # Moved here from `moderation` (migration moderation/0002): same table.
        db_table = "moderation_retentionrun"
        verbose_name = _("sletningskørsel")
        verbose_name_plural = _("sletningskørsler")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.as_of}: {self.inputs_anonymised}"
