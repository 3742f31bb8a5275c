"""Items passed down the MED tree."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogportal.meetings.models import AgendaItem, MeetingStatus
from dialogportal.organisation.models import Committee

# A receiving meeting in one of these has been held: what is on its agenda has been handled.
HELD_STATUSES = (
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFT,
    MeetingStatus.MINUTES_APPROVED,
)


class CascadeStatus(models.TextChoices):
    SENT = "sent", _("Sendt")
    ON_AGENDA = "on_agenda", _("På dagsordenen")
    HANDLED = "handled", _("Behandlet")
    ACKNOWLEDGED = "acknowledged", _("Kvitteret")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")


# Not handled yet: these can be overdue.
PENDING_CASCADE_STATUSES = (CascadeStatus.SENT, CascadeStatus.ON_AGENDA)


class CascadeQuerySet(models.QuerySet["Cascade"]):
    def waiting(self) -> "CascadeQuerySet":
        """Sent but not yet on an agenda: the receiving committee has no meeting planned."""
        return self.filter(status=CascadeStatus.SENT, target_item__isnull=True)

    def overdue_on(self, day: date) -> "CascadeQuerySet":
        """Not handled, and its "behandles senest" date has passed (twin of `is_overdue_on`)."""
        return self.filter(status__in=[str(s) for s in PENDING_CASCADE_STATUSES], due_on__lt=day)


class Cascade(models.Model):
    """An item passed on ("videregives til") to a committee in the sender's subtree, and how
    far it has got there."""

    source_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="cascades", verbose_name=_("punkt")
    )
    target_committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="incoming_cascades",
        verbose_name=_("modtager"),
    )
    # The copy on the receiving committee's agenda.
    target_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cascaded_from",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CascadeStatus.choices, default=CascadeStatus.SENT
    )
    message = models.TextField(_("besked til udvalget"), blank=True)
    clause = models.CharField(
        _("indstilling om videregivelse"),
        max_length=500,
        blank=True,
        help_text=_("Det “at …”, som videregivelsen udfører."),
    )
    due_on = models.DateField(_("behandles senest"), null=True, blank=True)
    comment = models.TextField(_("kommentar tilbage"), blank=True)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    handled_without_meeting = models.TextField(
        _("behandlet uden møde, fordi"),
        blank=True,
    )
    acknowledged_at = models.DateTimeField(_("kvitteret"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    # Stamped when the receiver was e-mailed about the withdrawal, so a re-run of the task sends
    # nothing; cleared when the item is passed on again (it can then be withdrawn again).
    withdrawal_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The item of the sender's own agenda that reported the comments back (the roll-up).
    reported_in = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CascadeQuerySet.as_manager()

    class Meta:
        verbose_name = _("videregivelse")
        verbose_name_plural = _("videregivelser")
        ordering = ["source_item", "target_committee__name"]
        permissions = [("view_med_overview", _("Kan se MED-sekretariatets oversigt"))]
        constraints = [
            models.UniqueConstraint(
                fields=["source_item", "target_committee"], name="cascade_once_per_target"
            ),
            models.CheckConstraint(
                condition=~Q(status=CascadeStatus.ACKNOWLEDGED) | Q(acknowledged_at__isnull=False),
                name="cascade_acknowledged_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=CascadeStatus.WITHDRAWN) | Q(withdrawn_at__isnull=False),
                name="cascade_withdrawn_has_time",
            ),
        ]
        indexes = [
            # The overview and the reminders filter on status and the due date.
            models.Index(fields=["status", "due_on"], name="cascade_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.source_item} → {self.target_committee}"

    def get_absolute_url(self) -> str:
        return reverse("med:cascade", kwargs={"pk": self.pk})

    def is_overdue_on(self, day: date) -> bool:
        """The model twin of `CascadeQuerySet.overdue_on`; the two are tested together."""
        return (
            self.status in PENDING_CASCADE_STATUSES
            and self.due_on is not None
            and self.due_on < day
        )
